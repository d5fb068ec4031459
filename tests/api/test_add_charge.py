"""POST /api/v1/cases/{nuid}/charges"""

import pytest

from expediente.docket.models import Charge, Event
from tests.api.helpers import API, PAST, fields, future, message, post_json, problem


def body(**changes):
    return {"accused": "P1", "offence": "CP-212", "occurred_at": PAST, **changes}


@pytest.fixture
def url(case_url):
    return f"{case_url}/charges"


def charges(case):
    return Charge.objects.filter(case=case).count()


def test_it_files_a_charge_with_its_catalogue_data(api_clerk, accused_case, url):
    r = post_json(api_clerk, url, body(attempted=True, description="Arrebató un celular"))
    assert r.status_code == 201
    event = r.json()
    assert (event["seq"], event["type"]) == (5, "charge.filed")
    payload = event["payload"]
    assert payload["charge"] == "C2"
    assert (payload["iccs"], payload["offence_label"]) == ("0401", "Robo simple")
    assert payload["attempted"] is True
    assert Charge.objects.get(case=accused_case, uid="C2").offence_code == "CP-212"


def test_the_charge_shows_on_the_case(api_clerk, case_url, url):
    post_json(api_clerk, url, body(charge="robo-1"))
    filed = {c["charge"]: c for c in api_clerk.get(case_url).json()["charges"]}
    assert filed["robo-1"]["accused"] == "P1"
    assert filed["robo-1"]["offence_label"] == "Robo simple"


def test_the_catalogue_sets_flags_the_client_left_out(api_clerk, url):
    r = post_json(api_clerk, url, body(offence="L7530-88"))
    assert r.json()["payload"]["firearm"] is True


def test_it_refuses_an_offence_that_is_not_in_the_catalogue(api_clerk, accused_case, url):
    p = problem(post_json(api_clerk, url, body(offence="CP-999")), 422, "invalid")
    assert fields(p) == ["offence"]
    assert message(p, "offence") == "not in the offence catalogue"
    assert charges(accused_case) == 1


def test_it_refuses_to_charge_someone_who_is_not_an_accused(api_clerk, accused_case, url):
    p = problem(post_json(api_clerk, url, body(accused="P2")), 422, "invalid")
    assert fields(p) == ["accused"]
    assert "victim" in p["detail"]
    assert not p["detail"].startswith("payload.")
    assert charges(accused_case) == 1


def test_it_refuses_an_accused_who_is_not_in_the_case(api_clerk, accused_case, url):
    p = problem(post_json(api_clerk, url, body(accused="P9")), 422, "invalid")
    assert fields(p) == ["accused"]
    assert "P9" in message(p, "accused")


def test_it_refuses_a_charge_id_already_used_in_the_case(api_clerk, accused_case, url):
    p = problem(post_json(api_clerk, url, body(charge="C1")), 422, "invalid")
    assert fields(p) == ["charge"]
    assert Charge.objects.get(case=accused_case, uid="C1").offence_code == "CP-208"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"accused": "P 1"}, "accused"),
        ({"accused": 1}, "accused"),
        ({"offence": ["CP-212"]}, "offence"),
        ({"offence": "CP\x00212"}, "offence"),
        ({"attempted": "sometimes"}, "attempted"),
        ({"firearm": {}}, "firearm"),
        ({"charge": ""}, "charge"),
        ({"description": "x" * 2001}, "description"),
        ({"occurred_at": "2026-13-01T00:00:00Z"}, "occurred_at"),
    ],
)
def test_it_refuses_bad_input_naming_the_field_as_it_was_sent(
    api_clerk, accused_case, url, change, field
):
    p = problem(post_json(api_clerk, url, body(**change)), 422, "invalid")
    assert fields(p) == [field]
    assert charges(accused_case) == 1


def test_it_names_every_missing_field(api_clerk, url):
    p = problem(post_json(api_clerk, url, {"occurred_at": PAST}), 422, "invalid")
    assert fields(p) == ["accused", "offence"]


def test_it_refuses_an_unknown_field(api_clerk, url):
    p = problem(post_json(api_clerk, url, body(penalty_years=8)), 422, "invalid")
    assert fields(p) == ["penalty_years"]
    assert message(p, "penalty_years") == "is not a known field"


def test_it_refuses_a_date_in_the_future(api_clerk, accused_case, url):
    p = problem(post_json(api_clerk, url, body(occurred_at=future())), 422, "invalid")
    assert fields(p) == ["occurred_at"]
    assert charges(accused_case) == 1


def test_a_closed_case_takes_no_new_charge(api_clerk, accused_case, url, record):
    record(accused_case, "case.dismissed", {"reason": "insufficient_evidence"})
    p = problem(post_json(api_clerk, url, body()), 409, "stage")
    assert fields(p) == ["type"]
    assert "closed" in p["detail"]
    assert charges(accused_case) == 1


def test_a_retry_with_the_same_key_and_body_files_the_charge_once(api_clerk, accused_case, url):
    first = post_json(api_clerk, url, body(), key="charge-robo")
    again = post_json(api_clerk, url, body(), key="charge-robo")
    assert first.status_code == 201
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["seq"] == first.json()["seq"]
    assert charges(accused_case) == 2


def test_the_same_key_with_another_body_is_a_conflict(api_clerk, accused_case, url):
    post_json(api_clerk, url, body(), key="charge-robo")
    p = problem(post_json(api_clerk, url, body(offence="CP-213"), key="charge-robo"), 409)
    assert p["type"].endswith("/idempotency")
    assert charges(accused_case) == 2


def test_an_unknown_case_is_not_found(api_clerk, court):
    url = f"{API}/cases/26-999999-0042-PE/charges"
    problem(post_json(api_clerk, url, body()), 404, "not-found")


def test_a_caller_without_a_token_is_told_to_authenticate(anonymous, accused_case, url):
    problem(post_json(anonymous, url, body()), 401, "unauthenticated")
    assert charges(accused_case) == 1


def test_a_read_only_token_may_not_file_a_charge(api_reader, accused_case, url):
    problem(post_json(api_reader, url, body()), 403, "forbidden")
    assert charges(accused_case) == 1


def test_a_case_in_a_court_outside_the_token_does_not_exist_for_it(api_outsider, accused_case, url):
    problem(post_json(api_outsider, url, body()), 404, "not-found")
    assert Event.objects.filter(case=accused_case).count() == 4
