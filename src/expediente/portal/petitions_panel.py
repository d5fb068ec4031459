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
from django.utils.translation import get_language, ngettext
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
from expediente.rules.deadline_text import language
from expediente.rules.loader import RulePackError, load_pack


@dataclass(frozen=True)
class Offer:
    kind: str
    ask: str


@dataclass(frozen=True)
class AnswerDue:
    """By when the court should answer a petition, as its answer deadline says it: the
    pack's plain sentence with its date ("The court should answer the request for
    protection by …"), closed by what kind of date it is, in brackets, as one sentence
    (``answer_sentence``): how long the court gives itself and that it is the court's own
    target and what the law says, or that the law sets it. Nothing names the entry it
    is counted from: the reader filed it."""

    sentences: list[str]
    service_target: bool  # the rule's law is flagged ``policy``
    overdue: bool
    due_at: dt.datetime

    @property
    def head(self) -> str:
        return self.sentences[0] if self.sentences else ""


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


def answer_due(d: Deadline | None, *, now: dt.datetime, tz: str, pack: str) -> AnswerDue | None:
    """``d`` (a petition's open answer deadline) in the reader's language; None without
    one (the pack sets no answer deadline, or the petition was answered). ``pack``: the
    court's rule pack, whose rule gives the law's own words ("without delay")."""
    if d is None:
        return None
    sentences = d.plainly(get_language())
    if sentences:
        head = sentences[0]
    else:  # a row computed before the plain words were written
        local = d.due_at.astimezone(ZoneInfo(tz))
        when = f"{formats.date_format(local, 'DATE_FORMAT')}, {formats.time_format(local, 'H:i')}"
        head = _("The court should answer by %(when)s.") % {"when": when}
    target = (d.law or {}).get("flag") == "policy"
    return AnswerDue(
        sentences=[answer_sentence(head, d, says=_says(pack, d.rule_id) if target else "")],
        service_target=target,
        overdue=d.status(now) == "overdue",
        due_at=d.due_at,
    )


def answer_sentence(head: str, d: Deadline, *, says: str = "") -> str:
    """``head`` ("The court should answer … by 3 December 2026 at 20:14.") with what
    kind of date it is in brackets before its full stop: "(within 24 hours: the court's
    own target; the law says “without delay”)"."""
    if (d.law or {}).get("flag") == "policy":
        if says:
            what = _("the court's own target; the law says “%(says)s”") % {"says": says}
        else:
            what = _("the court's own target, not a time limit set by law")
    else:
        what = _("a time limit set by law")
    hours = _whole_hours(d)
    if hours is not None:
        term = ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours}
        # Translators: in brackets after the date the court should answer by: "(within
        # 24 hours: the court's own target; the law says “without delay”)".
        what = _("within %(term)s: %(what)s") % {"term": term, "what": what}
    stem = head.rstrip()
    stem = stem[:-1] if stem.endswith(".") else stem
    return f"{stem} ({what})."


def _whole_hours(d: Deadline) -> int | None:
    """The term in hours, for a term counted continuously in whole hours (the answer
    targets); None for one counted in days, said without its length."""
    if d.counting != "continuous":
        return None
    seconds = (d.due_at - d.start_at).total_seconds()
    return int(seconds // 3600) if seconds > 0 and seconds % 3600 == 0 else None


def _says(pack: str, rule_id: str) -> str:
    """The law's own words for a service target ("without delay") in the reader's
    language, from the court's pack ("" when it gives none, or has no such rule)."""
    if not pack:
        return ""
    try:
        rules = load_pack(pack).deadlines
    except RulePackError:
        return ""
    rule = next((r for r in rules if r.id == rule_id), None)
    says = (rule.law.says or {}) if rule is not None else {}
    return str(says.get(language(get_language())) or "")


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
                answer_due(due.get(p.filed_seq), now=now, tz=tz, pack=case.court.rule_pack),
                news.get(p.filed_seq, []),
            )
            for p in mine
        ],
        other_side=other_side_for(case=case, me=participation),
        intro=ask_intro(reader or Reader(role=participation.role)),
        files_elsewhere=participation.role in PROSECUTION_ROLES,
    )
