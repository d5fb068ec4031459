"""GET /api/v1/courts and GET /api/v1/courts/{code}/event-types"""

import pytest

from tests.api.helpers import API, problem

COURTS = f"{API}/courts"
TYPES = f"{API}/courts/sj-penal/event-types"


def test_it_lists_every_court_the_token_may_see(api_clerk, court, other_court):
    r = api_clerk.get(COURTS)
    assert r.status_code == 200
    assert r.json() == [
        {
            "code": "cartago-penal",
            "name": "Juzgado Penal de Cartago",
            "jurisdiction": "cr",
            "timezone": "America/Costa_Rica",
            "rule_pack": "cr",
            "procedures": ["adult", "juvenile"],
        },
        {
            "code": "sj-penal",
            "name": "Juzgado Penal de San José",
            "jurisdiction": "cr",
            "timezone": "America/Costa_Rica",
            "rule_pack": "cr",
            "procedures": ["adult", "juvenile"],
        },
    ]


def test_a_court_lists_only_the_procedures_it_hears(api_clerk, court):
    court.procedures = ["adult"]
    court.save()
    listed = {c["code"]: c["procedures"] for c in api_clerk.get(COURTS).json()}
    assert listed == {"sj-penal": ["adult"]}


def test_a_token_limited_to_a_court_sees_only_that_court(api_outsider):
    assert [c["code"] for c in api_outsider.get(COURTS).json()] == ["cartago-penal"]


def test_the_court_list_needs_the_read_scope(api_writer):
    p = problem(api_writer.get(COURTS), 403, "forbidden")
    assert "court.list" in p["detail"]


def test_the_court_list_needs_a_token(anonymous, court):
    problem(anonymous.get(COURTS), 401, "unauthenticated")


def test_it_lists_the_event_types_a_court_records_with_their_schemas(api_clerk, court):
    r = api_clerk.get(TYPES)
    assert r.status_code == 200
    types = {t["type"]: t for t in r.json()}
    assert "conciliation.approved" in types  # from the Costa Rican pack
    assert "indictment.filed" in types  # from the international baseline it extends
    # the docket's own types that /events records as new entries are listed; the opening
    # is not one (POST /cases records it)
    assert {"participant.added", "charge.filed"} <= set(types)
    assert "case.opened" not in types
    note = types["note.added"]
    assert note["label"] == "Nota"
    assert note["payload_schema"]["required"] == ["text"]
    assert note["payload_schema"]["additionalProperties"] is False
    indictment = types["indictment.filed"]
    assert indictment["stages"] == ["investigation", "intermediate"]
    assert indictment["to_stage"] == "intermediate"


def test_the_event_types_speak_the_language_the_client_asks_for(api_clerk, court):
    types = {t["type"]: t for t in api_clerk.get(TYPES, headers={"Accept-Language": "en"}).json()}
    assert types["note.added"]["label"] == "Note"


def test_an_unknown_court_has_no_event_types(api_clerk, court):
    p = problem(api_clerk.get(f"{API}/courts/atlantis/event-types"), 404, "not-found")
    assert "atlantis" in p["detail"]


@pytest.mark.parametrize("code", ["x" * 500, "%00", "S%C3%A3o-Paulo", "..%2F.."])
def test_an_odd_court_code_is_simply_not_found(api_clerk, court, code):
    problem(api_clerk.get(f"{API}/courts/{code}/event-types"), 404, "not-found")


def test_a_court_outside_the_token_is_as_unknown_as_one_that_does_not_exist(api_outsider):
    hidden = problem(api_outsider.get(TYPES), 404, "not-found")
    missing = problem(api_outsider.get(f"{API}/courts/atlantis/event-types"), 404, "not-found")
    assert {k: v for k, v in hidden.items() if k != "detail"} == {
        k: v for k, v in missing.items() if k != "detail"
    }
    assert hidden["detail"].replace("sj-penal", "atlantis") == missing["detail"]


def test_the_event_types_need_the_read_scope(api_writer):
    problem(api_writer.get(TYPES), 403, "forbidden")


def test_the_event_types_need_a_token(anonymous, court):
    problem(anonymous.get(TYPES), 401, "unauthenticated")
