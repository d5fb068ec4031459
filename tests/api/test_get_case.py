"""GET /api/v1/cases/{nuid}"""

import itertools

import pytest

from tests.api.helpers import API, problem


def test_it_shows_the_case_with_its_parties_charges_and_stage(api_clerk, accused_case, case_url):
    r = api_clerk.get(case_url)
    assert r.status_code == 200
    case = r.json()
    assert case["nuid"] == accused_case.nuid
    assert case["stage"] == {
        "id": "investigation",
        "label": "Etapa preparatoria",
        "explain": case["stage"]["explain"],
    }
    assert "Ministerio Público" in case["stage"]["explain"]
    people = {p["participant"]: (p["role"], p["person"]["name"]) for p in case["participants"]}
    assert people == {"P1": ("accused", "José Pérez Mora"), "P2": ("victim", "Ana Rojas Vargas")}
    [charge] = case["charges"]
    assert (charge["accused"], charge["offence"], charge["iccs"]) == ("P1", "CP-208", "0502")
    assert "trial.committed" not in case["allowed_event_types"]
    assert "indictment.filed" in case["allowed_event_types"]


def test_its_recent_events_are_the_docket_oldest_first_and_end_at_the_head(
    api_clerk, accused_case, case_url
):
    case = api_clerk.get(case_url).json()
    events = case["recent_events"]
    assert [e["seq"] for e in events] == [1, 2, 3, 4]
    assert [e["type"] for e in events] == [
        "case.opened",
        "participant.added",
        "participant.added",
        "charge.filed",
    ]
    assert all(
        later["prev_hash"] == earlier["hash"] for earlier, later in itertools.pairwise(events)
    )
    assert case["last_seq"] == 4
    assert case["head_hash"] == events[-1]["hash"]


def test_it_shows_only_the_last_twenty_events(api_clerk, accused_case, case_url, record):
    for i in range(20):
        record(accused_case, "note.added", {"text": f"nota {i}"})
    events = api_clerk.get(case_url).json()["recent_events"]
    assert [e["seq"] for e in events] == list(range(5, 25))


def test_it_speaks_the_language_the_client_asks_for(api_clerk, case_url):
    r = api_clerk.get(case_url, headers={"Accept-Language": "en"})
    assert r.json()["stage"]["label"] == "Preliminary investigation"


def test_a_read_only_token_may_read_it(api_reader, accused_case, case_url):
    r = api_reader.get(case_url)
    assert r.status_code == 200
    assert r.json()["nuid"] == accused_case.nuid


def test_an_unknown_case_is_not_found(api_clerk, court):
    p = problem(api_clerk.get(f"{API}/cases/26-999999-0042-PE"), 404, "not-found")
    assert "26-999999-0042-PE" in p["detail"]


@pytest.mark.parametrize("nuid", ["x" * 5000, "%00", "a%00b", "ñandú", "%F0%9F%98%80", "..", "-1"])
def test_an_odd_identifier_is_simply_not_found(api_clerk, court, nuid):
    problem(api_clerk.get(f"{API}/cases/{nuid}"), 404, "not-found")


def test_a_case_in_a_court_outside_the_token_does_not_exist_for_it(
    api_outsider, accused_case, case_url
):
    hidden = problem(api_outsider.get(case_url), 404, "not-found")
    missing = problem(api_outsider.get(f"{API}/cases/26-999999-0042-PE"), 404, "not-found")
    assert hidden["title"] == missing["title"]
    assert hidden["detail"].replace(accused_case.nuid, "26-999999-0042-PE") == missing["detail"]
    assert "errors" not in hidden
    assert "errors" not in missing
    assert "José" not in hidden["detail"]


def test_a_caller_without_a_token_is_told_to_authenticate(anonymous, case_url):
    r = anonymous.get(case_url)
    problem(r, 401, "unauthenticated")
    assert r["WWW-Authenticate"] == 'Bearer realm="expediente"'


def test_a_write_only_token_may_not_read_it(api_writer, case_url):
    p = problem(api_writer.get(case_url), 403, "forbidden")
    assert "case.view" in p["detail"]
