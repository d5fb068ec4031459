"""Issuing a new code stops the old one; a revoked or expired code opens nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from expediente.access.models import Membership, ParticipantCode, User
from expediente.access.participant_codes import (
    CodeRefused,
    code_issue,
    code_revoke,
    code_verify,
)
from expediente.access.policy import Actor
from expediente.docket.errors import InvalidInput, NotFound


def test_a_code_opens_its_participation(detained_case, issue):
    code = issue(detained_case, "P1")
    found = code_verify(case_number=detained_case.nuid, code=code, client_ip="10.0.0.1")
    assert (found.case, found.participant) == (detained_case, "P1")


def test_the_code_can_be_typed_in_lower_case_without_hyphens(detained_case, issue):
    code = issue(detained_case, "P1")
    typed = code.replace("-", " ").lower()
    found = code_verify(case_number=detained_case.nuid.lower(), code=typed, client_ip="10.0.0.1")
    assert found.participant == "P1"


def test_a_new_code_stops_the_old_one(detained_case, issue):
    old = issue(detained_case, "P1")
    new = issue(detained_case, "P1")
    with pytest.raises(CodeRefused):
        code_verify(case_number=detained_case.nuid, code=old, client_ip="10.0.0.1")
    assert code_verify(case_number=detained_case.nuid, code=new, client_ip="10.0.0.1")
    assert ParticipantCode.objects.filter(case=detained_case, revoked_at__isnull=True).count() == 1


def test_a_revoked_code_opens_nothing(detained_case, issue, court_clerk):
    code = issue(detained_case, "P1")
    assert code_revoke(case=detained_case, participant="P1", actor=court_clerk) == 1
    with pytest.raises(CodeRefused):
        code_verify(case_number=detained_case.nuid, code=code, client_ip="10.0.0.1")
    assert code_revoke(case=detained_case, participant="P1", actor=court_clerk) == 0


def test_an_expired_code_opens_nothing(detained_case, issue):
    code = issue(detained_case, "P1", expires_at=timezone.now() + dt.timedelta(days=1))
    later = timezone.now() + dt.timedelta(days=2)
    with pytest.raises(CodeRefused):
        code_verify(case_number=detained_case.nuid, code=code, client_ip="10.0.0.1", now=later)


def test_each_participant_has_their_own_code(detained_case, issue):
    accused, victim = issue(detained_case, "P1"), issue(detained_case, "P2")
    assert accused != victim
    found = code_verify(case_number=detained_case.nuid, code=victim, client_ip="10.0.0.1")
    assert found.participant == "P2"


def test_only_staff_of_the_court_may_issue(detained_case, other_court):
    user = User.objects.create_user("otro.clerk")
    Membership.objects.create(user=user, court=other_court, role="clerk")
    with pytest.raises(NotFound):
        code_issue(case=detained_case, participant="P1", actor=Actor.staff(user), language="es")
    admin = User.objects.create_user("admin.only")
    Membership.objects.create(user=admin, court=detained_case.court, role="court_admin")
    with pytest.raises(NotFound):
        code_issue(case=detained_case, participant="P1", actor=Actor.staff(admin), language="es")
    assert not ParticipantCode.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"language": "de"}, "language"),
        ({"expires_at": dt.datetime(2020, 1, 1, tzinfo=dt.UTC)}, "expires_on"),
    ],
)
def test_bad_issue_input_names_the_field_and_changes_nothing(
    detained_case, issue, court_clerk, kwargs, field
):
    old = issue(detained_case, "P1")
    args = {"language": "es", **kwargs}
    with pytest.raises(InvalidInput) as refused:
        code_issue(case=detained_case, participant="P1", actor=court_clerk, **args)
    assert refused.value.errors[0]["field"] == field
    assert code_verify(case_number=detained_case.nuid, code=old, client_ip="10.0.0.1")


def test_an_unknown_participant_gets_no_code(detained_case, court_clerk):
    with pytest.raises(NotFound):
        code_issue(case=detained_case, participant="P99", actor=court_clerk, language="es")
