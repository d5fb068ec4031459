"""Over the API a correction carries ``correction_reason``: required with ``corrects``,
only with it, 3 to 500 characters once trimmed. A refusal is a 422 problem naming the
field, and writes nothing. The listing shows the reason to readers of the record's free
text, ``[…]`` to others, and null where none was recorded."""

import pytest

from expediente.docket.models import Event
from tests.api.helpers import fields, message, post_json, problem

PAST = "2026-02-10T10:00:00-06:00"
WHY = "The report's name was misspelt"


@pytest.fixture
def url(case_url):
    return f"{case_url}/events"


def note(text="informe pericail"):
    return {"type": "note.added", "occurred_at": PAST, "payload": {"text": text}}


def count(case):
    return Event.objects.filter(case=case).count()


def test_a_correction_with_its_reason_is_recorded_and_listed(api_clerk, accused_case, url):
    assert post_json(api_clerk, url, note()).status_code == 201
    body = note("informe pericial") | {"corrects": 5, "correction_reason": f" {WHY}\n"}
    r = post_json(api_clerk, url, body)
    assert r.status_code == 201
    assert (r.json()["corrects"], r.json()["correction_reason"]) == (5, WHY)
    # a staff note is the court's internal record: its correction's reason, free text
    # of the note, is not listed to a token, not even to the one that wrote it
    items = api_clerk.get(url).json()["items"]
    assert [(e["seq"], e["correction_reason"]) for e in items][-2:] == [(5, None), (6, "[…]")]


def test_a_correction_of_the_opening_is_listed_with_its_reason(api_clerk, accused_case, url):
    opening = {"type": "case.opened", "occurred_at": "2026-01-31T09:00:00-06:00", "corrects": 1}
    body = opening | {"correction_reason": f" {WHY}\n", "payload": {"summary": "Robo"}}
    r = post_json(api_clerk, url, body)
    assert r.status_code == 201, r.content
    items = api_clerk.get(url).json()["items"]
    assert [(e["seq"], e["correction_reason"]) for e in items][-1:] == [(5, WHY)]
    assert items[0]["correction_reason"] is None
    case = api_clerk.get(url.removesuffix("/events")).json()
    assert case["recent_events"][-1]["correction_reason"] == WHY


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        (None, "say why the entry is corrected"),
        ("", "say why the entry is corrected, in at least 3 characters"),
        ("   \n ", "say why the entry is corrected, in at least 3 characters"),
        ("ok", "say why the entry is corrected, in at least 3 characters"),
        ("x" * 501, "may have at most 500 characters (it has 501)"),
        ("bad\x07bell", "may not contain control or invisible characters"),
    ],
)
def test_a_correction_without_a_usable_reason_is_refused_by_name(
    api_clerk, accused_case, url, reason, said
):
    post_json(api_clerk, url, note())
    before = count(accused_case)
    body = note("informe pericial") | {"corrects": 5}
    if reason is not None:
        body["correction_reason"] = reason
    p = problem(post_json(api_clerk, url, body), 422, "invalid")
    assert fields(p) == ["correction_reason"]
    assert message(p, "correction_reason") == said
    assert count(accused_case) == before


def test_a_reason_that_is_not_text_is_refused_by_name(api_clerk, accused_case, url):
    post_json(api_clerk, url, note())
    p = problem(post_json(api_clerk, url, note() | {"corrects": 5, "correction_reason": 7}), 422)
    assert fields(p) == ["correction_reason"]
    assert count(accused_case) == 5


def test_a_reason_without_a_correction_is_refused(api_clerk, accused_case, url):
    p = problem(post_json(api_clerk, url, note() | {"correction_reason": WHY}), 422, "invalid")
    assert fields(p) == ["correction_reason"]
    assert "only given with a correction" in message(p, "correction_reason")
    assert count(accused_case) == 4


def test_a_caller_without_permission_to_correct_is_refused(
    api_reader, api_clerk, accused_case, url
):
    post_json(api_clerk, url, note())
    body = note("informe pericial") | {"corrects": 5, "correction_reason": WHY}
    problem(post_json(api_reader, url, body), 403)
    assert count(accused_case) == 5


def test_a_reader_who_may_not_read_free_text_sees_no_reason(
    api_clerk, api_reader, accused_case, url, case_url
):
    # violence against women: the pack closes the record's free text to agencies' tokens
    charge = {"accused": "P1", "offence": "CP-208", "occurred_at": PAST}
    assert post_json(api_clerk, f"{case_url}/charges", charge | {"violence_against_women": True})
    post_json(api_clerk, url, note())
    body = note("informe pericial") | {"corrects": 6, "correction_reason": WHY}
    assert post_json(api_clerk, url, body).status_code == 201
    items = api_reader.get(url).json()["items"]
    assert items[-1]["corrects"] == 6
    assert items[-1]["correction_reason"] == "[…]"


def test_the_opening_is_corrected_but_not_its_number_or_confidentiality(
    api_clerk, accused_case, url
):
    opening = {"type": "case.opened", "occurred_at": "2026-01-31T09:00:00-06:00", "corrects": 1}
    why = {"correction_reason": "The summary named the wrong shop"}
    for field, value in [
        ("number", "OTRO-1"),
        ("procedure", "military"),
        ("confidentiality", "restricted"),
        ("court", "cartago-penal"),
    ]:
        body = opening | why | {"payload": {field: value, "summary": "Robo"}}
        p = problem(post_json(api_clerk, url, body), 422, "invalid")
        assert fields(p) == [f"payload.{field}"], p
    assert count(accused_case) == 4
    body = opening | why | {"payload": {"summary": "Robo en una pulpería"}}
    r = post_json(api_clerk, url, body)
    assert r.status_code == 201, r.content
    assert r.json()["payload"]["number"] == accused_case.number
    assert (
        api_clerk.get(url.removesuffix("/events"))
        .json()["opened_at"]
        .startswith("2026-01-31T15:00")
    )


def test_the_procedure_of_the_opening_is_corrected(api_clerk, accused_case, url):
    opening = {"type": "case.opened", "occurred_at": "2026-01-31T09:00:00-06:00", "corrects": 1}
    body = opening | {
        "correction_reason": "The accused is 16: opened under the adult procedure by mistake",
        "payload": {"procedure": "juvenile"},
    }
    r = post_json(api_clerk, url, body)
    assert r.status_code == 201, r.content
    assert (r.json()["payload"]["procedure"], r.json()["payload"]["confidentiality"]) == (
        "juvenile",
        "restricted",
    )
    case = api_clerk.get(url.removesuffix("/events")).json()
    assert (case["procedure"], case["confidentiality"]) == ("juvenile", "restricted")


def test_a_new_opening_is_still_not_recorded_as_an_event(api_clerk, accused_case, url):
    body = {"type": "case.opened", "occurred_at": PAST, "payload": {}}
    p = problem(post_json(api_clerk, url, body), 422, "invalid")
    assert fields(p) == ["type"]


def test_a_reason_on_two_lines_is_recorded_with_one_kind_of_line_break(
    api_clerk, accused_case, url
):
    """A browser sends a textarea's line breaks as CRLF; so may a client."""
    post_json(api_clerk, url, note())
    body = note("informe pericial") | {"corrects": 5, "correction_reason": "Misspelt.\r\nSee p. 2"}
    r = post_json(api_clerk, url, body)
    assert r.status_code == 201, r.content
    assert r.json()["correction_reason"] == "Misspelt.\nSee p. 2"
    assert Event.objects.get(case=accused_case, seq=6).correction_reason == "Misspelt.\nSee p. 2"


def test_a_retry_of_a_correction_recorded_before_reasons_is_answered_with_it(
    api_clerk, accused_case, url, monkeypatch
):
    """A client retrying (same key, same body) a correction the server recorded before
    reasons were asked for gets what was recorded, not a 422 that would make it send the
    correction again under a new key."""
    from expediente.docket.services import recording

    post_json(api_clerk, url, note())
    body = note("informe pericial") | {"corrects": 5}
    with monkeypatch.context() as before_reasons:
        before_reasons.setattr(recording, "checked_reason", lambda reason, corrects: None)
        first = post_json(api_clerk, url, body, key="before-reasons-1")
    assert first.status_code == 201, first.content
    again = post_json(api_clerk, url, body, key="before-reasons-1")
    assert again.status_code == 200, again.content
    assert again.json()["seq"] == first.json()["seq"]
    assert count(accused_case) == 6
    # a new correction without a reason is still refused
    p = problem(post_json(api_clerk, url, body, key="after-1"), 422, "invalid")
    assert fields(p) == ["correction_reason"]
