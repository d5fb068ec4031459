"""An account follows one side of a case. A clerk can now remove a link (the lawyer was
replaced, or linked to the wrong participant): the account no longer reads the case nor
gets its emails, and the ended link is kept with who ended it. A correction that would
turn a participation followed by an account into the other side of one the same account
follows is refused, naming the account, so the clerk removes a link first."""

from __future__ import annotations

import pytest

from expediente.access.models import ParticipantLink, ParticipantLinkEnded
from expediente.access.participant_codes import link_by_clerk, link_remove
from expediente.docket.errors import InvalidInput, NotFound
from expediente.docket.models import Event, Participation
from expediente.notify.accounts import email_change, email_confirm, notices_on
from expediente.notify.models import Subscription
from tests.api.helpers import PAST, message, post_json, problem
from tests.custody.conftest import staff
from tests.portal.conftest import lawyer_client

WITNESS = {"given_names": "Lucía", "family_names": "Secreta Mora", "sex": "female"}


@pytest.fixture
def clerk_web(court):  # type: ignore[no-untyped-def]
    return staff("maria.clerk", court, "clerk")


def _seq(case, uid):  # type: ignore[no-untyped-def]
    return Participation.objects.get(case=case, uid=uid).added_seq


def test_a_correction_into_the_other_side_is_refused_naming_the_account(
    detained_case, court_clerk, record
):
    _browser, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    link_by_clerk(case=detained_case, participant="P3", username=user.username, actor=court_clerk)
    before = Event.objects.filter(case=detained_case).count()
    with pytest.raises(InvalidInput) as refused:
        record(
            detained_case,
            "participant.added",
            {"role": "victim", "person": WITNESS},
            corrects_seq=_seq(detained_case, "P3"),
        )
    error = refused.value.errors[0]
    assert error["field"] == "payload.role"
    assert user.username in error["message"]
    assert "P4" in error["message"]
    assert Event.objects.filter(case=detained_case).count() == before
    assert Participation.objects.get(case=detained_case, uid="P3").role == "witness"
    # a correction that keeps the witness off both sides is recorded
    record(
        detained_case,
        "participant.added",
        {"role": "witness", "person": WITNESS | {"family_names": "Secreta Mora Solís"}},
        corrects_seq=_seq(detained_case, "P3"),
    )


def test_the_api_refuses_it_too(detained_case, court_clerk, api_clerk):
    _browser, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    link_by_clerk(case=detained_case, participant="P3", username=user.username, actor=court_clerk)
    body = {
        "type": "participant.added",
        "occurred_at": PAST,
        "corrects": _seq(detained_case, "P3"),
        "correction_reason": "Recorded in the wrong role",
        "payload": {"role": "complainant", "person": WITNESS},
    }
    p = problem(post_json(api_clerk, f"/api/v1/cases/{detained_case.nuid}/events", body), 422)
    assert "remove one of its links first" in message(p, "payload.role")


def test_once_the_link_is_removed_the_correction_is_recorded(detained_case, court_clerk, record):
    _browser, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    link_by_clerk(case=detained_case, participant="P3", username=user.username, actor=court_clerk)
    link_remove(case=detained_case, participant="P3", username=user.username, actor=court_clerk)
    record(
        detained_case,
        "participant.added",
        {"role": "victim", "person": WITNESS},
        corrects_seq=_seq(detained_case, "P3"),
    )
    assert Participation.objects.get(case=detained_case, uid="P3").role == "victim"


def test_the_clerk_removes_a_link_from_the_codes_page(clerk_web, detained_case, court_clerk):
    browser, user = lawyer_client()
    url = f"/court/cases/{detained_case.nuid}/codes"
    assert clerk_web.post(f"{url}/P4/link/", {"username": user.username}).status_code == 302
    assert browser.get(f"/my/cases/{detained_case.nuid}/P4/").status_code == 200
    page = clerk_web.get(f"{url}/").content.decode()
    assert f"Remove the link of {user.username} to P4" in page

    response = clerk_web.post(f"{url}/P4/unlink/", {"username": user.username}, follow=True)
    assert response.status_code == 200
    assert f"The account {user.username} no longer follows P4" in response.content.decode()
    assert not ParticipantLink.objects.filter(user=user).exists()
    ended = ParticipantLinkEnded.objects.get(user=user)
    assert (ended.participant, ended.ended_by.username, ended.created_by.username) == (
        "P4",
        "maria.clerk",
        "maria.clerk",
    )
    # the lawyer no longer reads the case
    assert browser.get(f"/my/cases/{detained_case.nuid}/P4/").status_code == 404
    assert detained_case.nuid not in browser.get("/my/").content.decode()


def test_a_removed_link_stops_the_emails_it_brought(detained_case, court_clerk):
    _browser, user = lawyer_client()
    _row, token = email_change(user=user, address="rosa@example.org", language="en")
    email_confirm(token=token)
    notices_on(user=user, language="en", consent=True)
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    assert Subscription.objects.filter(account=user, participant="P4", active=True).exists()
    link_remove(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    assert not Subscription.objects.filter(account=user, active=True).exists()


def test_bad_input_names_the_field_and_changes_nothing(clerk_web, detained_case, court_clerk):
    _browser, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    url = f"/court/cases/{detained_case.nuid}/codes"
    for typed in ("", "   ", "nobody-of-that-name"):
        response = clerk_web.post(f"{url}/P4/unlink/", {"username": typed})
        assert response.status_code == 400
        assert "No account with that user name follows participant P4." in (
            response.content.decode()
        )
    # the account follows P4, not P1
    response = clerk_web.post(f"{url}/P1/unlink/", {"username": user.username})
    assert response.status_code == 400
    assert clerk_web.post(f"{url}/P9/unlink/", {"username": user.username}).status_code == 404
    assert clerk_web.get(f"{url}/P4/unlink/").status_code == 405
    assert ParticipantLink.objects.filter(user=user, participant="P4").exists()
    assert not ParticipantLinkEnded.objects.exists()


def test_someone_without_the_right_cannot_remove_a_link(detained_case, court_clerk):
    from expediente.access.policy import Actor

    _browser, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    with pytest.raises(NotFound):
        link_remove(
            case=detained_case,
            participant="P4",
            username=user.username,
            actor=Actor(user=user),
        )
    assert ParticipantLink.objects.filter(user=user).exists()


def test_a_staff_account_is_not_linked_to_a_participant(clerk_web, detained_case, court):
    """A typo linked the judge's account to the victim: the judge would then read her
    petitions as her side. Staff read cases in the workspace, under their role."""
    staff("esteban.judge", court, "judge")
    url = f"/court/cases/{detained_case.nuid}/codes"
    for username in ("esteban.judge", "maria.clerk"):
        response = clerk_web.post(f"{url}/P2/link/", {"username": username})
        assert response.status_code == 400
        assert "court staff or administrator account" in response.content.decode()
    assert not ParticipantLink.objects.exists()


def test_the_link_names_the_account_holder(clerk_web, detained_case):
    _browser, user = lawyer_client()
    url = f"/court/cases/{detained_case.nuid}/codes"
    response = clerk_web.post(f"{url}/P4/link/", {"username": user.username}, follow=True)
    assert f"The account {user.username} (Rosa) now follows P4" in response.content.decode()


def test_the_codes_page_is_a_logged_read(clerk_web, detained_case):
    """The page names every participant, a protected witness with the name behind her
    pseudonym: the victim's "who viewed my case" must show the clerk's read."""
    from expediente.access.access_log import AccessRecord

    before = AccessRecord.objects.filter(case_id=detained_case.pk).count()
    assert clerk_web.get(f"/court/cases/{detained_case.nuid}/codes/").status_code == 200
    lines = AccessRecord.objects.filter(case_id=detained_case.pk)
    assert lines.count() == before + 1
    assert lines.order_by("-id").first().channel == "web"


def test_the_defenders_account_is_not_linked_to_the_victim_by_a_slip(clerk_web, detained_case):
    """The public defender (P4, Rosa Defensora Solís) has an account; a clerk typed its
    user name in the victim's box: her account then read the victim's page and could
    petition as the victim. The holder's name is the defender's: the clerk must confirm
    it is another person."""
    _browser, user = lawyer_client()
    user.last_name = "Defensora Solís"
    user.save(update_fields=["last_name"])
    url = f"/court/cases/{detained_case.nuid}/codes"
    response = clerk_web.post(f"{url}/P2/link/", {"username": user.username})
    assert response.status_code == 400
    body = response.content.decode()
    assert "has the name of participant P4, on the other side of this case" in body
    assert 'name="namesake"' in body
    assert not ParticipantLink.objects.exists()
    confirmed = {"username": user.username, "namesake": "yes"}
    assert clerk_web.post(f"{url}/P2/link/", confirmed).status_code == 302
    assert ParticipantLink.objects.filter(user=user, participant="P2").exists()
    page = clerk_web.get(f"{url}/").content.decode()
    assert f"{user.username} (Rosa Defensora Solís)" in page
    again = clerk_web.post(f"{url}/P2/link/", confirmed, follow=True).content.decode()
    assert f"The account {user.username} (Rosa Defensora Solís) already follows P2" in again
