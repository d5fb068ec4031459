"""Accused owed the appeal court's verdict on the record.

An appeal decided as ``overturned`` or ``modified`` says neither for whom nor which way
(``docket.verdicts.changes_verdict``): the appeal court's verdict is recorded after it, as
a verdict of its own for each accused (``docket/services/verdict_history.py``). Until it
is, everything that reads verdicts (the detention clock, the public page's presumption
of innocence, the statistics) still reads the first one; so the case page names each
accused judged before such a decision with no verdict recorded since
(``court/pages/case_page.py``), and the judgment is not made final while one is owed
(``check_final``: it would make the first court's verdict final). A retrial (ordered on
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

_STARTS_OVER = ("retrial.ordered", "case.reopened")
# the entries ``verdicts_owed`` reads (``check_final`` asks only these of the database)
READ = (VERDICT, APPEAL_DECIDED, FINAL, *_STARTS_OVER)


@dataclass(frozen=True)
class VerdictOwed:
    participant: str  # the accused's participant id (P1, …)
    decided_at: dt.datetime  # the appeal decision's moment
    outcome: str  # overturned | modified


def verdicts_owed(events: Iterable[Event]) -> list[VerdictOwed]:
    """From the case's entries in record order: each accused judged before an appeal
    decision that changed the verdict, with no verdict recorded for them since."""
    latest, _origin = as_last_corrected(
        (e.seq, e.corrects_seq, (e.type, e.payload or {}, e.occurred_at)) for e in events
    )
    judged: list[str] = []
    owed: dict[str, VerdictOwed] = {}
    for type_name, payload, at in (latest[seq] for seq in sorted(latest)):
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
    named = {
        p.uid: f"{p.person.display_name} ({p.uid})"
        for p in case.participations.filter(uid__in=[o.participant for o in owed]).select_related(
            "person"
        )
    }
    names = [named.get(o.participant, o.participant) for o in owed]
    raise InvalidInput.of(
        "type",
        Words(
            gettext_noop(
                "the appeal decided on %(day)s changed the verdict, and the appeal court's "
                "verdict is not recorded for %(accused)s: record it first"
            ),
            {"day": owed[0].decided_at, "accused": ", ".join(names)},
        ),
        f"type: {FINAL} while the appeal court's verdict is not recorded for "
        f"{', '.join(names)} (the appeal decided {owed[0].decided_at.isoformat()} was "
        f"{owed[0].outcome}): record their {VERDICT} first",
    )
