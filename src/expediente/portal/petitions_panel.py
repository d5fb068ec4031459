"""The "Ask the court" panel of a participant's case page: what they may ask for now,
and the petitions they have filed, each with by when the court should answer it (while
it waits) or what the court decided, in plain words, and what a petition about a
detention did to the detention clock (``portal/petition_detention.py``); for a victim or
a witness, what the accused's side sees of her (``portal/other_side.py``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from expediente.custody.models import Deadline
from expediente.docket.models import Case, Participation
from expediente.docket.professional_roles import PROSECUTION_ROLES
from expediente.petitions.models import Kind, Petition
from expediente.petitions.offer import ASK, petition_kinds_offered
from expediente.petitions.selectors import answer_deadlines, petition_list_of
from expediente.portal.addressing import Reader, ask_intro
from expediente.portal.other_side import OtherSide, other_side_for
from expediente.portal.petition_detention import detention_news


@dataclass(frozen=True)
class Offer:
    kind: str
    ask: str


@dataclass(frozen=True)
class AnswerDue:
    """By when the court should answer a petition, as its answer deadline says it: the
    pack's plain sentence first ("El tribunal debería responder la solicitud a más
    tardar el …"), then what it is counted from and, for a service target, that it is
    the court's own target and not a limit set by law."""

    sentences: list[str]
    service_target: bool  # the rule's law is flagged ``policy``
    overdue: bool
    due_at: dt.datetime

    @property
    def head(self) -> str:
        return self.sentences[0] if self.sentences else ""

    @property
    def rest(self) -> list[str]:
        return self.sentences[1:]


@dataclass(frozen=True)
class Filed:
    petition: Petition
    due: AnswerDue | None = None  # only while it waits for the answer
    # what it did to the detention clock (``portal/petition_detention.py``)
    detention: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PetitionsPanel:
    offers: list[Offer]
    filed: list[Filed] = field(default_factory=list)
    # whose rights the reader may ask the court to protect (``addressing.ask_intro``)
    intro: str = ""
    # for a victim or a witness: what the accused's side sees of her and her petitions
    other_side: OtherSide | None = None
    # the prosecution: it files with the court directly, and is offered no form here
    files_elsewhere: bool = False


def answer_due(d: Deadline | None, *, now: dt.datetime, tz: str) -> AnswerDue | None:
    """``d`` (a petition's open answer deadline) in the reader's language; None without
    one (the pack sets no answer deadline, or the petition was answered)."""
    if d is None:
        return None
    sentences = d.plainly(get_language())
    if not sentences:  # a row computed before the plain words were written
        local = d.due_at.astimezone(ZoneInfo(tz))
        when = f"{formats.date_format(local, 'DATE_FORMAT')}, {formats.time_format(local, 'H:i')}"
        sentences = [_("The court should answer by %(when)s.") % {"when": when}]
    return AnswerDue(
        sentences=sentences,
        service_target=(d.law or {}).get("flag") == "policy",
        overdue=d.status(now) == "overdue",
        due_at=d.due_at,
    )


def petitions_panel(
    *, case: Case, participation: Participation, now: dt.datetime, reader: Reader | None = None
) -> PetitionsPanel:
    kinds = petition_kinds_offered(case=case, participation=participation)
    mine = list(petition_list_of(case=case, participant=participation.uid))
    waiting = [p.filed_seq for p in mine if p.status == Petition.Status.OPEN]
    due = answer_deadlines(case=case, seqs=waiting) if waiting else {}
    tz = case.court.timezone
    news = detention_news(case, mine)
    return PetitionsPanel(
        offers=[Offer(kind=k, ask=str(ASK[Kind(k)])) for k in kinds],
        filed=[
            Filed(
                p,
                answer_due(due.get(p.filed_seq), now=now, tz=tz),
                news.get(p.filed_seq, []),
            )
            for p in mine
        ],
        other_side=other_side_for(case=case, me=participation),
        intro=ask_intro(reader or Reader(role=participation.role)),
        files_elsewhere=participation.role in PROSECUTION_ROLES,
    )
