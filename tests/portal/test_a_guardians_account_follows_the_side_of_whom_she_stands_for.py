"""An account follows one side of a case, and a guardian is on the side of the person she
stands for: a child victim's (or witness's) guardian on the victim's side, an accused
young person's guardian on the accused's. So one account cannot follow a child victim's
guardian and the accused (or the defence), nor an accused's guardian and the victim. A
guardian for whom nothing is recorded is on neither side, as before; and an entry saying
whom she stands for is refused when it would leave an account she is followed by on both
sides. Refusals name the field and change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from expediente.access.models import ParticipantLink, User
from expediente.access.participant_codes import link_by_clerk
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Event, Participation

MOTHER = {"given_names": "María", "family_names": "Rojas Vargas", "sex": "female"}
FATHER = {"given_names": "Jorge", "family_names": "Mora Castro", "sex": "male"}


@pytest.fixture
def guarded(detained_case: Case, record: Any) -> Case:
    """The accused (P1), the child victim (P2), a protected witness (P3), the public
    defender (P4); the victim's mother (P5) and the accused's father (P6) as guardians."""
    record(detained_case, "participant.added", {"role": "guardian", "person": MOTHER})
    record(detained_case, "participant.added", {"role": "guardian", "person": FATHER})
    detained_case.refresh_from_db()
    return detained_case


@pytest.fixture
def account() -> User:
    return User.objects.create_user("familia.rojas")


def _link(case: Case, participant: str, user: User, clerk: Any) -> None:
    link_by_clerk(case=case, participant=participant, username=user.username, actor=clerk)


def _refused(case: Case, participant: str, user: User, clerk: Any) -> dict[str, str]:
    with translation.override("en"), pytest.raises(InvalidInput) as refused:
        _link(case, participant, user, clerk)
    assert not ParticipantLink.objects.filter(user=user, participant=participant).exists()
    return refused.value.errors[0]


@pytest.mark.parametrize("accused_side", ["P1", "P4"])
def test_a_child_victims_guardian_and_the_accused_side_are_not_one_account(
    guarded, record, court_clerk, account, accused_side
):
    record(guarded, "participant.stands_for", {"guardian": "P5", "stands_for": "P2"})
    _link(guarded, "P5", account, court_clerk)
    error = _refused(guarded, accused_side, account, court_clerk)
    assert error["field"] == "username"
    assert error["message"] == (
        "This account already follows participant P5 of this case, on the other side "
        f"(accused or victim); it may not also follow participant {accused_side}."
    )


def test_and_the_other_way_round(guarded, record, court_clerk, account):
    record(guarded, "participant.stands_for", {"guardian": "P5", "stands_for": "P2"})
    _link(guarded, "P1", account, court_clerk)
    error = _refused(guarded, "P5", account, court_clerk)
    assert "already follows participant P1" in error["message"]


def test_an_accused_young_persons_guardian_and_the_victim_are_not_one_account(
    guarded, record, court_clerk, account
):
    record(guarded, "participant.stands_for", {"guardian": "P6", "stands_for": "P1"})
    _link(guarded, "P6", account, court_clerk)
    assert (
        "may not also follow participant P2"
        in (_refused(guarded, "P2", account, court_clerk)["message"])
    )
    # the guardian and the defence are one side
    _link(guarded, "P4", account, court_clerk)


def test_a_child_witnesss_guardian_is_on_the_victims_side(guarded, record, court_clerk, account):
    """She reads the measures protecting the child by name (``Standing.for_victim_side``),
    which the accused's side must not read through a second link."""
    record(guarded, "participant.stands_for", {"guardian": "P5", "stands_for": "P3"})
    _link(guarded, "P5", account, court_clerk)
    _refused(guarded, "P1", account, court_clerk)
    _link(guarded, "P2", account, court_clerk)


def test_a_guardian_with_nothing_recorded_is_on_neither_side_as_before(
    guarded, court_clerk, account
):
    _link(guarded, "P5", account, court_clerk)
    _link(guarded, "P1", account, court_clerk)
    # the sides still hold between the others
    _refused(guarded, "P2", account, court_clerk)


def test_recording_whom_she_stands_for_is_refused_when_it_would_put_an_account_on_both_sides(
    guarded, record, court_clerk, account
):
    _link(guarded, "P5", account, court_clerk)
    _link(guarded, "P1", account, court_clerk)
    before = Event.objects.filter(case=guarded).count()
    with pytest.raises(InvalidInput) as refused:
        record(guarded, "participant.stands_for", {"guardian": "P5", "stands_for": "P2"})
    error = refused.value.errors[0]
    assert error["field"] == "payload.stands_for"
    assert account.username in error["message"]
    assert "P1" in error["message"]
    assert "remove one of its links first" in error["message"]
    assert Event.objects.filter(case=guarded).count() == before
    assert Participation.objects.get(case=guarded, uid="P5").stands_for == ""
    # standing for the accused keeps the account on one side: recorded
    record(guarded, "participant.stands_for", {"guardian": "P5", "stands_for": "P1"})
    assert Participation.objects.get(case=guarded, uid="P5").stands_for == "P1"


def test_a_role_correction_moves_the_guardian_with_whom_she_stands_for(
    guarded, record, court_clerk, account
):
    record(guarded, "participant.stands_for", {"guardian": "P5", "stands_for": "P3"})
    _link(guarded, "P5", account, court_clerk)
    _link(guarded, "P2", account, court_clerk)
    # the witness recorded by mistake: she is the accused; her guardian would follow
    witness = Participation.objects.get(case=guarded, uid="P3")
    with pytest.raises(InvalidInput) as refused:
        record(
            guarded,
            "participant.added",
            {"role": "accused", "person": {**MOTHER, "given_names": "Lucía"}},
            corrects_seq=witness.added_seq,
        )
    assert refused.value.errors[0]["field"] == "payload.role"
    assert Participation.objects.get(case=guarded, uid="P3").role == "witness"
