"""Who may use the forms: a case another court's clerk may not see does not exist for
them (404); a member who may see it but not record gets a 403 page; nothing is written."""

import pytest

from expediente.access.capabilities import ROLES, Capability
from tests.court.forms.helpers import drawn, events, record_url


def urls(case):
    return [
        f"/court/cases/{case.nuid}/participants/add/",
        f"/court/cases/{case.nuid}/charges/add/",
        record_url(case, "hearing.scheduled"),
        record_url(case, "note.added"),
        f"/court/cases/{case.nuid}/events/1/correct/",
    ]


def test_another_courts_clerk_finds_no_case(other_clerk_client, accused_case):
    before = len(events(accused_case))
    for url in urls(accused_case):
        assert other_clerk_client.get(url).status_code == 404, url
        assert other_clerk_client.post(url, {"text": "x"}).status_code == 404, url
    assert len(events(accused_case)) == before


def test_a_court_administrator_does_not_see_cases(court_admin_client, accused_case):
    """The policy gives court administrators no case.view: cases do not exist for them."""
    for url in urls(accused_case):
        assert court_admin_client.get(url).status_code == 404, url


def test_a_member_who_may_see_but_not_record_gets_a_403_page(
    court_admin_client, accused_case, monkeypatch
):
    monkeypatch.setitem(ROLES, "court_admin", ROLES["court_admin"] | {Capability.CASE_VIEW})
    before = len(events(accused_case))
    for url in urls(accused_case):
        response = court_admin_client.get(url)
        assert response.status_code == 403, url
        assert "Your role in Juzgado Penal de San José does not allow it." in (
            response.content.decode()
        )
        assert court_admin_client.post(url, {"text": "x"}).status_code == 403, url
    assert len(events(accused_case)) == before


def test_a_role_that_lost_the_right_while_the_form_was_open_gets_a_403(
    staff_client, accused_case, monkeypatch
):
    url = record_url(accused_case, "note.added")
    page = staff_client.get(url)
    monkeypatch.setitem(ROLES, "clerk", frozenset({Capability.CASE_VIEW}))
    response = staff_client.post(url, drawn(page) | {"text": "x"})
    assert response.status_code == 403


def test_a_judge_may_not_open_cases(judge_client, court):
    response = judge_client.get("/court/cases/new/")
    assert response.status_code == 403
    assert "You cannot open cases" in response.content.decode()


def test_a_sealed_case_does_not_exist_for_a_clerk_but_does_for_a_judge(
    staff_client, judge_client, open_case
):
    sealed = open_case(confidentiality="sealed")
    assert staff_client.get(record_url(sealed, "note.added")).status_code == 404
    assert judge_client.get(record_url(sealed, "note.added")).status_code == 200


@pytest.mark.parametrize("path", ["cases/new/", "cases/X/record/note.added/"])
def test_a_stranger_is_sent_to_sign_in(client, db, path):
    response = client.get(f"/court/{path}")
    assert response.status_code == 302
    assert response["Location"].startswith("/court/sign-in/")
