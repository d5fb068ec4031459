"""Accused owed the appeal court's verdict on the record.

An appeal decided as ``overturned`` or ``modified`` says neither for whom nor which way
(``docket.verdicts.changes_verdict``): the appeal court's verdict is recorded after it, as
a verdict of its own for each accused (``docket/services/verdict_history.py``). Until it
is, everything that reads verdicts (the detention clock, the public page's presumption
of innocence, the statistics) still reads the first one; so the case page names each
accused judged before such a decision with no verdict recorded since
(``court/pages/case_page.py``), and the judgment is not made final while one is owed
(``check_final``: it would make the first court's verdict final), nor is the case closed
for a reason that reads the judgment as final (``check_closed``: a final acquittal, a
sentence served or extinguished). A retrial (ordered on
appeal or on its own) or a reopening owes nothing: a new trial follows; nor does a
judgment made final (one recorded before this rule, whose stage no longer takes a
verdict: the case page would ask for what nobody can record). Entries are read as last
corrected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_noop

from expediente.docket.corrections import as_last_corrected
from expediente.docket.errors import InvalidInput, Words
from expediente.docket.models import Case, Event
from expediente.docket.verdicts import APPEAL_DECIDED, VERDICT, changes_verdict

FINAL = "judgment.final"
CLOSED = "case.closed"
# The reasons for closing a case (``case.closed`` in ``rules/packs/intl.yaml``) that read
# the judgment as final: a final acquittal, a sentence served, a sentence extinguished
# each say what the judgment decided (an acquittal, a sentence), which the appeal left to
# the appeal court's verdict. ``other`` (the accused's death, a transfer, …) reads no
# verdict and stays open while one is owed. The record's own logic, not a country's law.
CLOSED_AS_FINAL = frozenset({"acquittal_final", "sentence_served", "sentence_extinguished"})

_STARTS_OVER = ("retrial.ordered", "case.reopened")
# the entries ``verdicts_owed`` reads (``check_final`` asks only these of the database)
READ = (VERDICT, APPEAL_DECIDED, FINAL, *_STARTS_OVER)


@dataclass(frozen=True)
class VerdictOwed:
    participant: str  # the accused's participant id (P1, …)
    decided_at: dt.datetime  # the appeal decision's moment
    outcome: str  # overturned | modified


def verdicts_owed(events: Iterable[Event], *, before: int | None = None) -> list[VerdictOwed]:
    """From the case's entries in record order: each accused judged before an appeal
    decision that changed the verdict, with no verdict recorded for them since.
    ``before``: only the entries first recorded before that number (what was owed when
    the entry first recorded there was, for a correction of it)."""
    latest, _origin = as_last_corrected(
        (e.seq, e.corrects_seq, (e.type, e.payload or {}, e.occurred_at)) for e in events
    )
    judged: list[str] = []
    owed: dict[str, VerdictOwed] = {}
    places = sorted(seq for seq in latest if before is None or seq < before)
    for type_name, payload, at in (latest[seq] for seq in places):
        if type_name == VERDICT:
            accused = str(payload.get("accused", ""))
            owed.pop(accused, None)
            if accused not in judged:
                judged.append(accused)
        elif changes_verdict(type_name, payload):
            outcome = str(payload["outcome"])
            owed = {a: VerdictOwed(a, at, outcome) for a in judged}
        elif type_name in _STARTS_OVER or (
            type_name == APPEAL_DECIDED and payload.get("outcome") == "retrial_ordered"
        ):
            judged, owed = [], {}
        elif type_name == FINAL:
            # made final (recorded before ``check_final``, or while nothing was owed):
            # nothing is asked for any more, the form being closed to a verdict
            owed = {}
    return [owed[a] for a in judged if a in owed]


def check_final(case: Case) -> None:
    """Refuse ``judgment.final`` while an accused is owed the appeal court's verdict,
    naming them (field ``type``): made final then, the judgment would be the first
    court's verdict that the appeal overturned or modified."""
    owed = verdicts_owed(case.events.filter(type__in=READ).order_by("seq"))
    if not owed:
        return
    names = _names(case, owed)
    raise InvalidInput.of(
        "type",
        Words(
            gettext_noop(
                "the appeal decided on %(day)s changed the verdict, and the appeal court's "
                "verdict is not recorded for %(accused)s: record it first"
            ),
            {"day": owed[0].decided_at, "accused": names},
        ),
        f"type: {FINAL} while the appeal court's verdict is not recorded for "
        f"{names} (the appeal decided {owed[0].decided_at.isoformat()} was "
        f"{owed[0].outcome}): record their {VERDICT} first",
    )


def check_closed(case: Case, reason: object, corrects_seq: int | None) -> None:
    """Refuse ``case.closed`` for a reason that reads the judgment as final
    (``CLOSED_AS_FINAL``) while an accused is owed the appeal court's verdict, naming them
    (field ``payload.reason``): closed so, the case would end on the first court's verdict
    that the appeal overturned or modified. A correction of a closing is held to what was
    owed when that closing was first recorded; one that keeps its reason (a mistyped day)
    claims nothing new and is not refused, so a closing recorded before this rule can
    still be corrected."""
    if reason not in CLOSED_AS_FINAL:
        return
    events = list(case.events.filter(type__in=(*READ, CLOSED)).order_by("seq"))
    here: int | None = None
    if corrects_seq is not None:
        latest, origin = as_last_corrected((e.seq, e.corrects_seq, e.payload or {}) for e in events)
        here = origin.get(corrects_seq, corrects_seq)
        if (latest.get(here) or {}).get("reason") == reason:
            return
    owed = verdicts_owed(events, before=here)
    if not owed:
        return
    names = _names(case, owed)
    if here is None:
        words = Words(
            gettext_noop(
                "the appeal decided on %(day)s changed the verdict, and the appeal court's "
                "verdict is not recorded for %(accused)s: record it before closing the case "
                "for this reason"
            ),
            {"day": owed[0].decided_at, "accused": names},
        )
        then = f"record their {VERDICT} first"
    else:
        words = Words(
            gettext_noop(
                "the appeal decided on %(day)s changed the verdict, and the appeal court's "
                "verdict was not recorded for %(accused)s before this closing: it cannot be "
                "corrected to this reason"
            ),
            {"day": owed[0].decided_at, "accused": names},
        )
        then = f"the closing (entry {here}) was recorded before their {VERDICT}; keep its reason"
    raise InvalidInput.of(
        "payload.reason",
        words,
        f"payload.reason: {CLOSED} for {reason} while the appeal court's verdict is not "
        f"recorded for {names} (the appeal decided {owed[0].decided_at.isoformat()} was "
        f"{owed[0].outcome}): {then}",
    )


def _names(case: Case, owed: list[VerdictOwed]) -> str:
    """The accused owed a verdict, by name and participant id."""
    named = {
        p.uid: f"{p.person.display_name} ({p.uid})"
        for p in case.participations.filter(uid__in=[o.participant for o in owed]).select_related(
            "person"
        )
    }
    return ", ".join(named.get(o.participant, o.participant) for o in owed)
