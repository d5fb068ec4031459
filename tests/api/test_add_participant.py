"""POST /api/v1/cases/{nuid}/participants"""

import pytest

from expediente.docket.models import Event, Participation
from tests.api.helpers import API, PAST, fields, future, message, post_json, problem


def body(**changes):
    return {
        "role": "witness",
        "person": {"given_names": "Eva", "family_names": "Solís", "sex": "female"},
        "occurred_at": PAST,
        **changes,
    }


@pytest.fixture
def url(case_url):
    return f"{case_url}/participants"


def test_it_adds_a_participant_and_answers_201_with_the_event(api_clerk, accused_case, url):
    r = post_json(api_clerk, url, body(pseudonym="Testigo A", protected=True))
    assert r.status_code == 201
    event = r.json()
    assert (event["seq"], event["type"]) == (5, "participant.added")
    assert event["payload"]["participant"] == "P3"
    assert event["payload"]["role"] == "witness"
    assert event["actor"] == "system:api-clerk"
    added = Participation.objects.get(case=accused_case, uid="P3")
    assert (added.role, added.pseudonym, added.protected) == ("witness", "Testigo A", True)


def test_the_participant_shows_on_the_case(api_clerk, case_url, url):
    post_json(api_clerk, url, body(participant="T-1"))
    people = {p["participant"]: p for p in api_clerk.get(case_url).json()["participants"]}
    assert people["T-1"]["role"] == "witness"
    assert people["T-1"]["person"]["name"] == "Eva Solís"


def test_a_legal_person_may_take_part(api_clerk, url):
    person = {"kind": "legal", "legal_name": "Banco Nacional"}
    r = post_json(api_clerk, url, body(role="victim", person=person))
    assert r.status_code == 201
    assert r.json()["payload"]["person"]["legal_name"] == "Banco Nacional"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"role": "king"}, "role"),
        ({"role": 7}, "role"),
        ({"person": {}}, "person"),
        ({"person": "Eva Solís"}, "person"),
        ({"person": {"kind": "legal"}}, "person"),
        ({"person": {"given_names": "Eva", "sex": "yes"}}, "person.sex"),
        ({"person": {"given_names": "Eva", "nationality": "Costa Rica"}}, "person.nationality"),
        ({"person": {"given_names": "Eva", "nationality": "XX"}}, "person.nationality"),
        ({"person": {"given_names": "Eva", "nationality": "cr"}}, "person.nationality"),
        ({"person": {"given_names": "Eva", "nationality": "Stateless"}}, "person.nationality"),
        ({"person": {"given_names": "Eva", "nationality": "apatrida"}}, "person.nationality"),
        ({"person": {"given_names": "Eva", "nationality": ""}}, "person.nationality"),
        ({"person": {"given_names": "Eva", "date_of_birth": "1800-01-01"}}, "person.date_of_birth"),
        ({"person": {"given_names": "E\x00va"}}, "person.given_names"),
        ({"protected": "maybe"}, "protected"),
        ({"participant": "P 3"}, "participant"),
        ({"participant": "x" * 65}, "participant"),
        ({"pseudonym": "x" * 101}, "pseudonym"),
        ({"occurred_at": "ayer"}, "occurred_at"),
    ],
)
def test_it_refuses_bad_input_naming_the_field_as_it_was_sent(
    api_clerk, accused_case, url, change, field
):
    p = problem(post_json(api_clerk, url, body(**change)), 422, "invalid")
    assert fields(p) == [field]
    assert Event.objects.filter(case=accused_case).count() == 4


def test_it_names_every_missing_field(api_clerk, url):
    p = problem(post_json(api_clerk, url, {"occurred_at": PAST}), 422, "invalid")
    assert fields(p) == ["role", "person"]
    assert message(p, "role") == "is required"


def test_it_refuses_an_unknown_field_even_inside_the_person(api_clerk, url):
    p = problem(post_json(api_clerk, url, body(age=30)), 422, "invalid")
    assert fields(p) == ["age"]
    person = {"given_names": "Eva", "eye_colour": "brown"}
    p = problem(post_json(api_clerk, url, body(person=person)), 422, "invalid")
    assert fields(p) == ["person.eye_colour"]


def test_it_refuses_a_participant_id_already_used_in_the_case(api_clerk, accused_case, url):
    p = problem(post_json(api_clerk, url, body(participant="P1")), 422, "invalid")
    assert fields(p) == ["participant"]
    assert "payload" not in p["detail"]
    assert Participation.objects.get(case=accused_case, uid="P1").role == "accused"


def test_it_refuses_a_date_in_the_future(api_clerk, accused_case, url):
    p = problem(post_json(api_clerk, url, body(occurred_at=future())), 422, "invalid")
    assert fields(p) == ["occurred_at"]
    assert Event.objects.filter(case=accused_case).count() == 4


def test_it_refuses_a_birth_date_in_the_future(api_clerk, url):
    person = {"given_names": "Eva", "date_of_birth": future()[:10]}
    p = problem(post_json(api_clerk, url, body(person=person)), 422, "invalid")
    assert fields(p) == ["person.date_of_birth"]


def test_a_retry_with_the_same_key_and_body_adds_the_participant_once(api_clerk, accused_case, url):
    first = post_json(api_clerk, url, body(), key="add-eva")
    again = post_json(api_clerk, url, body(), key="add-eva")
    assert first.status_code == 201
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert Participation.objects.filter(case=accused_case).count() == 3


def test_the_same_key_with_another_body_is_a_conflict(api_clerk, accused_case, url):
    post_json(api_clerk, url, body(), key="add-eva")
    p = problem(post_json(api_clerk, url, body(role="expert"), key="add-eva"), 409, "idempotency")
    assert fields(p) == ["Idempotency-Key"]
    assert Participation.objects.filter(case=accused_case).count() == 3


def test_an_unknown_case_is_not_found(api_clerk, court):
    url = f"{API}/cases/26-999999-0042-PE/participants"
    problem(post_json(api_clerk, url, body()), 404, "not-found")


def test_a_caller_without_a_token_is_told_to_authenticate(anonymous, url):
    r = post_json(anonymous, url, body())
    problem(r, 401, "unauthenticated")
    assert "WWW-Authenticate" in r


def test_a_read_only_token_may_not_add_a_participant(api_reader, accused_case, url):
    p = problem(post_json(api_reader, url, body()), 403, "forbidden")
    assert "event.record" in p["detail"]
    assert Participation.objects.filter(case=accused_case).count() == 2


def test_a_case_in_a_court_outside_the_token_does_not_exist_for_it(api_outsider, accused_case, url):
    problem(post_json(api_outsider, url, body()), 404, "not-found")
    assert Participation.objects.filter(case=accused_case).count() == 2


def test_naming_a_person_uid_in_another_court_does_not_rename_that_person(
    api_clerk, api_outsider, case_url, url
):
    known = body(person={"uid": "persona-1", "given_names": "Eva", "family_names": "Solís"})
    assert post_json(api_clerk, url, known).status_code == 201
    cartago = post_json(
        api_outsider,
        f"{API}/cases",
        {"court": "cartago-penal", "procedure": "adult", "occurred_at": PAST},
    ).json()["nuid"]
    forged = body(person={"uid": "persona-1", "given_names": "Mallory"})
    refused = post_json(api_outsider, f"{API}/cases/{cartago}/participants", forged)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "person.uid"
    names = [p["person"]["name"] for p in api_clerk.get(case_url).json()["participants"]]
    assert "Eva Solís" in names
    assert "Mallory" not in names


@pytest.mark.parametrize("value", ["yes", "no", "0", "1", 1, 0, "on", None])
def test_protected_is_true_or_false_and_nothing_else(api_clerk, accused_case, url, value):
    # "no" and 0 were read as false and "yes" as true: whether a witness's identity is
    # hidden is not a guess from a word
    before = Event.objects.filter(case=accused_case).count()
    p = problem(post_json(api_clerk, url, body(pseudonym="Testigo B", protected=value)), 422)
    assert fields(p) == ["protected"]
    assert Event.objects.filter(case=accused_case).count() == before


def test_a_pseudonym_too_long_says_how_many_characters(api_clerk, accused_case, url):
    # it said "Value should have at most 100 items after validation, not 201"
    p = problem(post_json(api_clerk, url, body(pseudonym="x" * 201)), 422)
    assert fields(p) == ["pseudonym"]
    assert "100 characters" in message(p, "pseudonym")
    assert "items" not in message(p, "pseudonym")


def test_a_code_that_names_no_country_is_refused_with_the_rule(api_clerk, accused_case, url):
    p = problem(
        post_json(api_clerk, url, body(person={"given_names": "Eva", "nationality": "ZZ"})),
        422,
        "invalid",
    )
    [error] = p["errors"]
    assert error["field"] == "person.nationality"
    assert "'ZZ' is not a country code (ISO 3166-1 alpha-2" in error["message"]


def test_a_stateless_person_is_recorded_and_read_back_as_stateless(api_clerk, case_url, url):
    person = {"given_names": "Karim", "family_names": "Haddad", "nationality": "stateless"}
    r = post_json(api_clerk, url, body(participant="S-1", role="accused", person=person))
    assert r.status_code == 201
    assert r.json()["payload"]["person"]["nationality"] == "stateless"
    people = {p["participant"]: p for p in api_clerk.get(case_url).json()["participants"]}
    assert people["S-1"]["person"]["nationality"] == "stateless"


def test_a_nationality_not_known_reads_back_blank(api_clerk, case_url, url):
    post_json(api_clerk, url, body(participant="U-1"))
    people = {p["participant"]: p for p in api_clerk.get(case_url).json()["participants"]}
    assert people["U-1"]["person"]["nationality"] == ""


def test_a_word_other_than_stateless_is_refused_naming_the_rule(api_clerk, accused_case, url):
    before = Event.objects.filter(case=accused_case).count()
    p = problem(
        post_json(api_clerk, url, body(person={"given_names": "Eva", "nationality": "STATELESS"})),
        422,
        "invalid",
    )
    [error] = p["errors"]
    assert error["field"] == "person.nationality"
    assert Event.objects.filter(case=accused_case).count() == before


def test_the_published_schema_offers_stateless(api_clerk, court):
    doc = api_clerk.get(f"{API}/openapi.json").json()
    person = doc["components"]["schemas"]["PersonData"]["properties"]["nationality"]
    assert "stateless" in str(person)
