"""Which cases name a judge: "cases that name me" on the judge's list and calendar.

A judge's account is tied to the docket person the judge is (``court.StaffPerson``): the
cases where that person takes part as a judge are the account's, one indexed lookup,
whatever the spelling of the name and however many judges share it. An account tied to
no person falls back to its full name compared with the judges' names (accents and case
folded), and the page says so: a typo loses a case, and two judges with one name share a
list, until a system administrator ties the account to its person."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from expediente.access.models import User
from expediente.court.models import StaffPerson
from expediente.docket.models import Participation, Role
from expediente.docket.text import fold


@dataclass(frozen=True)
class JudgeMatch:
    person_uid: str = ""  # the account's docket person, if it has one
    name: str = ""  # else its full name, folded (the fallback)

    @property
    def by_name(self) -> bool:
        return not self.person_uid

    def participations(self) -> Q:
        """Participations (a filter on Participation) of this judge as a judge."""
        if self.person_uid:
            return Q(role=Role.JUDGE, person__uid=self.person_uid)
        return Q(role=Role.JUDGE, person__search_name=self.name)

    def case_ids(self) -> object:
        """The ids of the cases naming this judge, as a subquery."""
        return Participation.objects.filter(self.participations()).values("case_id")


def judge_match(user: User) -> JudgeMatch:
    """How to find the cases naming ``user`` as a judge (one query)."""
    uid = StaffPerson.objects.filter(user=user).values_list("person_uid", flat=True).first()
    if uid:
        return JudgeMatch(person_uid=uid)
    full = user.get_full_name() or user.username
    return JudgeMatch(name=fold(full))
