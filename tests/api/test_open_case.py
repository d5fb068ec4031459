"""POST /api/v1/cases"""

import pytest

from expediente.docket.models import Case
from tests.api.helpers import API, PAST, fields, future, message, post_json, problem

URL = f"{API}/cases"


def body(**changes):
    return {"court": "sj-penal", "procedure": "adult", "occurred_at": PAST, **changes}


def test_it_opens_a_case_and_answers_201_with_the_case(api_clerk, court):
    r = post_json(api_clerk, URL, body(police_report="OIJ-26-123", summary="Robo en Zapote"))
    assert r.status_code == 201
    case = r.json()
    assert case["court"] == "sj-penal"
    assert case["procedure"] == "adult"
    assert case["confidentiality"] == "public"
    assert case["police_report"] == "OIJ-26-123"
    assert case["stage"]["id"] == "investigation"
    assert case["last_seq"] == 1
    assert [e["type"] for e in case["recent_events"]] == ["case.opened"]
    assert case["recent_events"][0]["payload"]["summary"] == "Robo en Zapote"
    assert "Idempotent-Replayed" not in r.headers
    assert Case.objects.get(nuid=case["nuid"]).court == court


def test_the_case_it_opened_can_be_read_back(api_clerk, court):
    nuid = post_json(api_clerk, URL, body()).json()["nuid"]
    r = api_clerk.get(f"{URL}/{nuid}")
    assert r.status_code == 200
    assert r.json()["nuid"] == nuid


def test_a_juvenile_case_is_restricted_unless_told_otherwise(api_clerk, court):
    r = post_json(api_clerk, URL, body(procedure="juvenile"))
    assert r.status_code == 201
    assert r.json()["confidentiality"] == "restricted"


def test_it_keeps_the_court_number_it_is_given(api_clerk, court):
    r = post_json(api_clerk, URL, body(number="26-000777-0042-PE"))
    assert r.status_code == 201
    assert r.json()["number"] == "26-000777-0042-PE"


def test_it_refuses_a_court_number_already_used_in_the_court(api_clerk, court):
    post_json(api_clerk, URL, body(number="26-000777-0042-PE"))
    p = problem(post_json(api_clerk, URL, body(number="26-000777-0042-PE")), 422, "invalid")
    assert fields(p) == ["number"]
    assert Case.objects.count() == 1


@pytest.mark.parametrize("typed", ["QA-DUP ", " QA-DUP", "QA-DUP\t"])
def test_spaces_around_a_court_number_do_not_make_it_another(api_clerk, court, typed):
    # "QA-DUP " opened a second case numbered QA-DUP (the entry said "QA-DUP")
    assert post_json(api_clerk, URL, body(number="QA-DUP")).status_code == 201
    p = problem(post_json(api_clerk, URL, body(number=typed)), 422)
    assert fields(p) == ["number"]
    assert Case.objects.filter(court=court, number__startswith="QA-DUP").count() == 1


@pytest.mark.parametrize("typed", ["   ", "QA\n7", "QA\u202e7", "QA\x1b7"])
def test_a_blank_number_or_one_with_invisible_characters_is_refused(api_clerk, court, typed):
    p = problem(post_json(api_clerk, URL, body(number=typed)), 422)
    assert fields(p) == ["number"]
    assert not Case.objects.filter(court=court).exists()


def test_it_refuses_an_unknown_court_naming_the_field_court(api_clerk, court):
    p = problem(post_json(api_clerk, URL, body(court="no-such-court")), 422, "invalid")
    assert fields(p) == ["court"]
    assert "no-such-court" in p["detail"]
    assert not Case.objects.exists()


@pytest.mark.parametrize("code", ["sj penal", "sj-penal\x00", "", "x" * 41])
def test_it_refuses_a_court_code_that_cannot_be_one_naming_court(api_clerk, court, code):
    p = problem(post_json(api_clerk, URL, body(court=code)), 422, "invalid")
    assert fields(p) == ["court"]


def test_it_names_every_missing_field(api_clerk, court):
    p = problem(post_json(api_clerk, URL, {"court": "sj-penal"}), 422, "invalid")
    assert fields(p) == ["procedure", "occurred_at"]
    assert message(p, "procedure") == "is required"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"procedure": "martial"}, "procedure"),
        ({"procedure": 1}, "procedure"),
        ({"occurred_at": "last Tuesday"}, "occurred_at"),
        ({"occurred_at": 10**30}, "occurred_at"),
        ({"confidentiality": "secret"}, "confidentiality"),
        ({"court": ["sj-penal"]}, "court"),
        ({"summary": "x" * 2001}, "summary"),
        ({"summary": "a\x00b"}, "summary"),
        ({"number": "26\x00"}, "number"),
    ],
)
def test_it_refuses_a_field_of_the_wrong_type_or_shape(api_clerk, court, change, field):
    p = problem(post_json(api_clerk, URL, body(**change)), 422, "invalid")
    assert fields(p) == [field]
    assert not Case.objects.exists()


def test_a_summary_at_its_limit_with_a_line_break_after_it_is_taken_trimmed(api_clerk, court):
    # the docket trims before it counts; the API counted the line break and refused it
    summary, report = "x" * 2000, "R" * 60
    r = post_json(api_clerk, URL, body(summary=summary + "\n", police_report=f" {report} "))
    assert r.status_code == 201, r.content[:300]
    case = Case.objects.get()
    assert (case.summary, case.police_report) == (summary, report)
    p = problem(post_json(api_clerk, URL, body(police_report="R" * 61)), 422, "invalid")
    assert fields(p) == ["police_report"]


def test_it_refuses_an_unknown_field(api_clerk, court):
    p = problem(post_json(api_clerk, URL, body(judge="Dredd")), 422, "invalid")
    assert fields(p) == ["judge"]
    assert message(p, "judge") == "is not a known field"


def test_a_text_too_long_is_counted_in_characters(api_clerk, court):
    # pydantic said "Value should have at most 40 items" of an optional text
    p = problem(post_json(api_clerk, URL, body(number="9" * 500)), 422, "invalid")
    assert fields(p) == ["number"]
    assert message(p, "number") == "must be at most 40 characters"
    assert not Case.objects.exists()


def test_it_refuses_a_date_in_the_future(api_clerk, court):
    p = problem(post_json(api_clerk, URL, body(occurred_at=future())), 422, "invalid")
    assert fields(p) == ["occurred_at"]
    assert not Case.objects.exists()


def test_it_refuses_a_time_without_an_offset(api_clerk, court):
    p = problem(post_json(api_clerk, URL, body(occurred_at="2026-01-05T10:00:00")), 422)
    assert fields(p) == ["occurred_at"]
    assert "offset" in message(p, "occurred_at")


def test_a_retry_with_the_same_key_and_body_returns_the_first_case(api_clerk, court):
    first = post_json(api_clerk, URL, body(), key="open-1")
    again = post_json(api_clerk, URL, body(), key="open-1")
    assert first.status_code == 201
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["nuid"] == first.json()["nuid"]
    assert Case.objects.count() == 1


def test_the_same_key_with_another_body_is_a_conflict(api_clerk, court):
    post_json(api_clerk, URL, body(), key="open-2")
    p = problem(post_json(api_clerk, URL, body(procedure="juvenile"), key="open-2"), 409)
    assert p["type"].endswith("/idempotency")
    assert fields(p) == ["Idempotency-Key"]
    assert Case.objects.count() == 1


@pytest.mark.parametrize("key", ["", "k" * 201, "tab\there"])
def test_an_unusable_idempotency_key_is_refused_naming_the_header(api_clerk, court, key):
    p = problem(post_json(api_clerk, URL, body(), key=key), 422, "invalid")
    assert fields(p) == ["Idempotency-Key"]
    assert not Case.objects.exists()


def test_a_caller_without_a_token_is_told_to_authenticate(anonymous, court):
    r = post_json(anonymous, URL, body())
    problem(r, 401, "unauthenticated")
    assert r["WWW-Authenticate"].startswith("Bearer")
    assert not Case.objects.exists()


def test_a_read_only_token_may_not_open_a_case(api_reader, court):
    p = problem(post_json(api_reader, URL, body()), 403, "forbidden")
    assert "case.open" in p["detail"]
    assert not Case.objects.exists()


def test_a_court_outside_the_token_is_as_unknown_as_a_court_that_does_not_exist(
    api_outsider, court
):
    hidden = problem(post_json(api_outsider, URL, body(court="sj-penal")), 422, "invalid")
    missing = problem(post_json(api_outsider, URL, body(court="nowhere")), 422, "invalid")
    assert fields(hidden) == fields(missing) == ["court"]
    assert hidden["detail"].replace("sj-penal", "nowhere") == missing["detail"]
    assert not Case.objects.exists()


def test_a_token_limited_to_a_court_may_open_cases_there(api_outsider, other_court):
    r = post_json(api_outsider, URL, body(court="cartago-penal"))
    assert r.status_code == 201
    assert r.json()["court"] == "cartago-penal"


def test_a_juvenile_case_in_an_adult_court_is_refused_naming_the_procedure(api_clerk, court):
    court.procedures = ["adult"]
    court.save()
    p = problem(post_json(api_clerk, URL, body(procedure="juvenile")), 422, "invalid")
    assert fields(p) == ["procedure"]
    # a person reads the procedures by their names, in the API's English...
    assert p["detail"] == (
        "procedure: Juzgado Penal de San José does not hear “Juvenile” cases (it hears: “Adult”)"
    )
    # ...and a program reads the ids on the field, as sent and as it may send them
    assert message(p, "procedure") == "'juvenile' is not heard in this court: one of ['adult']"
    assert not Case.objects.exists()


def test_a_juvenile_court_refuses_an_adult_case_naming_what_it_hears(api_clerk, court):
    court.procedures = ["juvenile"]
    court.save()
    p = problem(post_json(api_clerk, URL, body(procedure="adult")), 422, "invalid")
    assert "does not hear “Adult” cases (it hears: “Juvenile”)" in p["detail"]
    assert message(p, "procedure") == "'adult' is not heard in this court: one of ['juvenile']"
