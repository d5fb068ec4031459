"""The hearing rules' refusals (``court.hearing_rules``) as the docket says them: a field,
words a court form says in its reader's language (``docket.errors.Words``), and the
API's English."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_noop

from expediente.court.hearing_rules import Refusal
from expediente.court.pages.hearings import NOT_HELD, RESCHEDULED
from expediente.docket.errors import InvalidInput, Words, later_entry
from expediente.docket.models import Case
from expediente.rules.loader import load_pack


def _label(case: Case, type_name: str) -> dict[str, str]:
    return load_pack(case.court.rule_pack).type_words(type_name)


def taken(case: Case, hearing: str) -> InvalidInput:
    """A hearing id scheduled twice in one case."""
    return InvalidInput.of(
        "payload.hearing",
        Words(
            gettext_noop(
                "already used in this case: record hearing.rescheduled to move that "
                "hearing, or give the new one another id"
            ),
            {},
        ),
        f"hearing {hearing!r} is already scheduled in case {case.nuid}",
    )


def unknown(case: Case, hearing: str) -> InvalidInput:
    return InvalidInput.of(
        "payload.hearing",
        Words(
            gettext_noop(
                "no hearing %(hearing)s is scheduled in this case: record hearing.scheduled first"
            ),
            {"hearing": hearing},
        ),
        f"no hearing {hearing!r} is scheduled in case {case.nuid}",
    )


def refused(case: Case, type_name: str, why: Refusal, tz: ZoneInfo) -> InvalidInput:
    """A new entry (or the entry a correction restates) refused by a hearing rule."""
    if why.rule == "unknown":
        return unknown(case, why.hearing)
    if why.rule == "closed":
        return _closed(case, type_name, why)
    return _early(case, type_name, why, tz)


def _closed(case: Case, type_name: str, why: Refusal) -> InvalidInput:
    params: dict[str, Any] = {"hearing": why.hearing, "seq": why.closed_by_seq}
    if type_name == RESCHEDULED:
        text = gettext_noop(
            "hearing %(hearing)s was already held (entry %(seq)s): schedule a new hearing instead"
        )
    elif why.status == "held":
        text = gettext_noop(
            "hearing %(hearing)s was already recorded as held (entry %(seq)s); to change "
            "what that entry says, correct entry %(seq)s"
        )
    else:
        text = gettext_noop(
            "hearing %(hearing)s was recorded as not held (entry %(seq)s) and has no new "
            "date: record %(moved)s first"
        )
        params["moved"] = _label(case, RESCHEDULED)
    return InvalidInput.of(
        "payload.hearing",
        Words(text, params),
        f"payload.hearing: hearing {why.hearing!r} is {why.status.replace('_', ' ')} "
        f"(entry {why.closed_by_seq}): {type_name} is not open to it",
    )


def _early(case: Case, type_name: str, why: Refusal, tz: ZoneInfo) -> InvalidInput:
    params: dict[str, Any] = {"hearing": why.hearing, "day": why.day, "on": why.on}
    if type_name == NOT_HELD:
        text = gettext_noop(
            "hearing %(hearing)s is scheduled for %(day)s: it cannot be recorded as not held "
            "on %(on)s, before its day; to call it off ahead of its day, record %(moved)s"
        )
        params["moved"] = _label(case, RESCHEDULED)
    else:
        text = gettext_noop(
            "hearing %(hearing)s is scheduled for %(day)s: it cannot be recorded as held on "
            "%(on)s, before its day; give the day it was held, or choose the hearing that was"
        )
    return InvalidInput.of(
        "occurred_at",
        Words(text, params),
        f"occurred_at: hearing {why.hearing!r} is scheduled for {why.day} (the court's day, "
        f"{tz.key}); {type_name} may not be dated before it ({why.on})",
    )


def made_to_break(case: Case, seq: int, type_name: str, why: Refusal, tz: ZoneInfo) -> InvalidInput:
    """A correction that would make a later entry (``seq``, of ``type_name``) break a
    hearing rule: a new date after the hearing was held, another hearing's id. Named on
    the correction's date (``payload.starts_at``) or hearing (``payload.hearing``), with
    what that entry would then be refused for."""
    inner = refused(case, type_name, why, tz)
    field = "payload.starts_at" if why.rule == "early" else "payload.hearing"
    words = later_entry(seq, next(iter(inner.words.values())))
    return InvalidInput.of(
        field, words, f"{field}: the later entry {seq} would be refused: {inner.message}"
    )
