"""An account linked to the accused's side of a case (the accused, their defence) may
not also follow the victim's side (the victim, the complainant, their lawyer), and the
other way round: a clerk linked the public defender to the victim's participation with
no warning, and she could then read the victim's page and petition as the victim."""

from __future__ import annotations

import pytest

from expediente.access.models import ParticipantLink
from expediente.access.participant_codes import code_issue, link_by_clerk
from tests.custody.conftest import staff
from tests.portal.conftest import lawyer_client


@pytest.fixture
def clerk_web(court):  # type: ignore[no-untyped-def]
    return staff("maria.clerk", court, "clerk")


def test_the_clerk_cannot_link_the_defender_to_the_victim(clerk_web, detained_case):
    url = f"/court/cases/{detained_case.nuid}/codes"
    _lawyer, user = lawyer_client()
    assert clerk_web.post(f"{url}/P4/link/", {"username": user.username}).status_code == 302
    assert clerk_web.post(f"{url}/P1/link/", {"username": user.username}).status_code == 302
    response = clerk_web.post(f"{url}/P2/link/", {"username": user.username})
    assert response.status_code == 400
    assert "already follows participant P" in response.content.decode()
    assert "on the other side (accused or victim)" in response.content.decode()
    assert sorted(ParticipantLink.objects.values_list("participant", flat=True)) == ["P1", "P4"]
    # a witness is on neither side
    assert clerk_web.post(f"{url}/P3/link/", {"username": user.username}).status_code == 302


def test_an_empty_user_name_asks_for_one(clerk_web, detained_case):
    response = clerk_web.post(
        f"/court/cases/{detained_case.nuid}/codes/P4/link/", {"username": " "}
    )
    assert response.status_code == 400
    assert "Enter the user name of the account to link." in response.content.decode()
    assert not ParticipantLink.objects.exists()


def test_the_defender_cannot_redeem_the_victims_code(detained_case, court_clerk):
    browser, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    _, code = code_issue(case=detained_case, participant="P2", actor=court_clerk, language="en")
    response = browser.post("/my/add/", {"case_number": detained_case.nuid, "code": code})
    assert response.status_code == 400
    assert "on the other side (accused or victim)" in response.content.decode()
    assert list(ParticipantLink.objects.values_list("participant", flat=True)) == ["P4"]
