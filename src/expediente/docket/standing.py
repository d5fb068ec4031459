"""Whom a guardian stands for, and which side of the case that puts her on.

A guardian (a parent or legal guardian) follows a case for someone else: the accused
young person, or a child victim, complainant or witness. The rule pack's event type
``participant.stands_for`` records it (fields ``guardian`` and ``stands_for``, both
participants of the case, their roles checked by the pack's field specs like any other
reference); the docket keeps it on the guardian's participation
(``Participation.stands_for``), folded from every such entry with corrections applied, so
a rebuild gives the same. The latest entry for a guardian wins.

The side: a guardian for the accused is on the accused's side (she reads his obligations,
his detention clock, and a breach message without "if you are in danger, call…"); a
guardian for a victim, complainant or witness is on that person's side (the measures
that protect the child, the emergency line kept, never the accused's obligations). A
guardian for whom nothing is recorded keeps the behaviour she had before the record
existed: the accused's side on the portal (measures, detention clock), and a breach
message with the emergency line (``Standing.unknown``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_noop

from expediente.docket.corrections import as_last_corrected
from expediente.docket.counsel import COUNSEL_ROLES
from expediente.docket.errors import InvalidInput, Words
from expediente.docket.models import Case, Event, Participation

STANDS_FOR = "participant.stands_for"
GUARDIAN = "guardian"
ACCUSED = "accused"
# the roles whose guardian is on the victim's side of the case
VICTIM_SIDE_WARDS = frozenset({"victim", "complainant", "witness"})


@dataclass(frozen=True)
class Standing:
    """A participant of a case, whom she stands for when she is a guardian, and whom she
    acts for when she is a defence lawyer."""

    participant: str
    role: str
    ward: str = ""  # the participant she stands for ("" when not recorded or not a guardian)
    ward_role: str = ""
    # a defence lawyer's: the accused she acts for now, None when nothing is recorded
    # for her or she is no lawyer of the defence (``docket/counsel.py``)
    acts_for: frozenset[str] | None = None

    @property
    def guardian(self) -> bool:
        return self.role == GUARDIAN

    @property
    def for_accused(self) -> bool:
        return self.guardian and self.ward_role == ACCUSED

    @property
    def for_victim_side(self) -> bool:
        """A guardian of a victim, complainant or witness: on that person's side."""
        return self.guardian and self.ward_role in VICTIM_SIDE_WARDS

    @property
    def unknown(self) -> bool:
        """A guardian for whom the docket does not say whom she stands for."""
        return self.guardian and not self.ward


def standing_of(case: Case | int, participant: str) -> Standing | None:
    """The participant's standing in the case (one query), None if not in it."""
    return standings(case).get(participant)


def standings(case: Case | int) -> dict[str, Standing]:
    """Every participant's standing in the case, by uid (one query)."""
    case_id = case if isinstance(case, int) else case.pk
    rows = list(
        Participation.objects.filter(case_id=case_id).values_list(
            "uid", "role", "stands_for", "acts_for"
        )
    )
    roles = {uid: role for uid, role, _ward, _clients in rows}
    return {
        uid: Standing(
            uid,
            role,
            ward if ward in roles else "",
            roles.get(ward, ""),
            frozenset(clients) if clients is not None and role in COUNSEL_ROLES else None,
        )
        for uid, role, ward, clients in rows
    }


def check(payload: dict[str, Any]) -> None:
    """Refuse a guardian standing for herself (the roles are the pack's field specs')."""
    if payload.get("guardian") and payload.get("guardian") == payload.get("stands_for"):
        raise InvalidInput.of(
            "payload.stands_for",
            Words(
                gettext_noop(
                    "a guardian stands for someone else in the case: choose the person she "
                    "is responsible for, not the guardian herself"
                ),
                {},
            ),
            "payload.stands_for names the guardian herself: a guardian stands for another "
            "participant of the case",
        )


def apply(case: Case, event: Event) -> None:
    """Set ``stands_for`` on the case's guardians from every ``participant.stands_for``
    entry up to ``event``, each as last corrected (one query; the entries are few)."""
    rows = (
        Event.objects.filter(case_id=case.pk, seq__lt=event.seq, type=STANDS_FOR)
        .order_by("seq")
        .values_list("seq", "payload", "corrects_seq")
    )
    latest, _ = as_last_corrected(
        (seq, corrects, payload or {})
        for seq, payload, corrects in [*rows, (event.seq, event.payload, event.corrects_seq)]
    )
    wards: dict[str, str] = {}
    for origin in sorted(latest):  # the latest entry for a guardian wins
        payload = latest[origin]
        wards[str(payload["guardian"])] = str(payload["stands_for"])
    named_or_set = Q(uid__in=list(wards)) | ~Q(stands_for="")
    for participation in Participation.objects.filter(named_or_set, case_id=case.pk):
        ward = wards.get(participation.uid, "")
        if participation.stands_for != ward:
            participation.stands_for = ward
            participation.save(update_fields=["stands_for"])
