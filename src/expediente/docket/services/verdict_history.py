"""What a verdict must agree with on the record: one verdict per accused per trial, and
a date that follows what it follows.

The pack's stage machine says what a trial is. A verdict may be recorded in its
``stages`` (``trial``, ``judgment``) and leads to its ``to_stage`` (``judgment``); the
entries that take a case into the other stages (``trial.committed``,
``retrial.ordered``: those whose ``to_stage`` is ``trial``) open a trial. Within one
trial each accused gets one verdict: a second is refused (correct the first, or, where
the pack has an entry that takes a judged case back to trial, record that first).
A verdict is not dated before the entry that opened its trial, nor before an earlier
verdict for the same accused; a correction of a verdict is not dated after the entry
that closed its trial or a later verdict for the same accused. Custody reads verdicts
by their date (``custody/periods.py``): a backdated verdict turned a detention held
since before the trial into a sentence under appeal.

An appeal decided as ``overturned`` or ``modified`` (``docket.verdicts.changes_verdict``)
says neither for whom nor which way: the appeal court's own verdict is recorded after it,
as a verdict of its own, one per accused (what the detention clock, the public page and
the statistics read; correcting the first verdict instead would rewrite what the first
court decided). So such a decision bounds a trial's verdicts as a trial opener does: after
it each accused may get one more verdict, not dated before it; a decision that upheld or
dismissed the appeal opens nothing. The decision itself is not dated before a verdict
recorded ahead of it, nor after a verdict that follows it, and it may not be corrected
into one that changed nothing while a verdict given after it rests on it.

The entries that open a trial agree with the verdicts around them the same way
(``check_opener``): one is not dated before a verdict recorded ahead of it (a retrial is
ordered after the verdict it sets aside), nor after a verdict of the trial it opens; so a
correction cannot move ``retrial.ordered`` past the new verdict it led to. (The committal
cannot be corrected once the case is in trial: the stage machine refuses it.)

One query, for verdicts, trial openers and appeal decisions only (``event_record`` calls
``check`` and ``check_opener``, which returns at once for any other entry).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_noop

from expediente.docket.errors import InvalidInput, Words
from expediente.docket.models import Case
from expediente.docket.selectors import EntryAsItStands, latest_versions
from expediente.docket.verdicts import APPEAL_DECIDED, VERDICT, changes_verdict
from expediente.rules.schema import Pack

# an entry as its latest version states it (its first number, type, payload, moment)
_Entry = EntryAsItStands


def trial_openers(pack: Pack) -> set[str]:
    """The event types that take a case into a stage where a verdict may be the first
    (the verdict's stages other than the one it leads to)."""
    verdict = pack.event_types.get(VERDICT)
    if verdict is None or verdict.stages == "any":
        return set()
    first = set(verdict.stages) - {verdict.to_stage}
    return {name for name, et in pack.event_types.items() if et.to_stage in first}


def reopeners(pack: Pack) -> list[str]:
    """Of those, the ones a judged case may record: what takes it back to trial."""
    verdict = pack.event_types.get(VERDICT)
    judged = verdict.to_stage if verdict is not None else None
    return sorted(
        name
        for name in trial_openers(pack)
        if judged is not None
        and (pack.event_types[name].stages == "any" or judged in pack.event_types[name].stages)
    )


def check(
    case: Case,
    pack: Pack,
    payload: dict[str, Any],
    occurred: dt.datetime,
    corrects_seq: int | None,
) -> None:
    """Refuse a verdict (or a verdict's correction) the record contradicts."""
    openers = trial_openers(pack)
    entries, origin = _history(case, openers)
    here = origin.get(corrects_seq, corrects_seq) if corrects_seq is not None else None
    here = here if here is not None else case.last_seq + 1
    accused = payload.get("accused")
    bounds = _bounds_for(entries, openers, accused, here)
    opened = [e for e in bounds if e.seq < here]
    closed = [e for e in bounds if e.seq > here]
    start = opened[-1] if opened else None
    end = closed[0] if closed else None
    theirs = [
        e
        for e in entries
        if e.type == VERDICT and e.seq != here and e.payload.get("accused") == accused
    ]
    same_trial = [
        e
        for e in theirs
        if (start is None or e.seq > start.seq) and (end is None or e.seq < end.seq)
    ]
    if same_trial:
        raise _second_verdict(pack, same_trial[0], accused)
    before = [e for e in [start, *(e for e in theirs if e.seq < here)] if e is not None]
    floor = max(before, key=lambda e: e.at, default=None)
    if floor is not None and occurred < floor.at:
        raise _dated(pack, floor, after=False)
    after = [e for e in [end, *(e for e in theirs if e.seq > here)] if e is not None]
    ceiling = min(after, key=lambda e: e.at, default=None)
    if ceiling is not None and occurred > ceiling.at:
        raise _dated(pack, ceiling, after=True)


def check_opener(
    case: Case,
    pack: Pack,
    type_name: str,
    occurred: dt.datetime,
    corrects_seq: int | None,
    payload: dict[str, Any] | None = None,
) -> None:
    """Refuse an entry that opens a trial, or an appeal decision that changed the verdict
    (or their corrections), dated before a verdict recorded ahead of it, or after a verdict
    of the trial (the appeal) it opens; and an appeal decision corrected into one that
    changed nothing while a verdict given on the appeal rests on it."""
    event_type = pack.event_types.get(type_name)
    if event_type is None or event_type.to_stage is None:
        return  # the common case, without looking at the pack's other types
    openers = trial_openers(pack)
    changes = changes_verdict(type_name, payload)
    if type_name not in openers and not changes:
        if type_name == APPEAL_DECIDED and corrects_seq is not None:
            _check_appeal_unchanged(case, pack, corrects_seq)
        return
    entries, origin = _history(case, openers)
    here = origin.get(corrects_seq, corrects_seq) if corrects_seq is not None else None
    here = here if here is not None else case.last_seq + 1
    later_openers = [e.seq for e in entries if _bounds(e, openers) and e.seq > here]
    end = later_openers[0] if later_openers else None
    verdicts = [e for e in entries if e.type == VERDICT]
    before = [e for e in verdicts if e.seq < here]
    floor = max(before, key=lambda e: e.at, default=None)
    if floor is not None and occurred < floor.at:
        raise _dated(pack, floor, after=False, what=type_name)
    ended = [e for e in verdicts if e.seq > here and (end is None or e.seq < end)]
    if changes:  # the appeal's verdicts: of the accused judged before it
        start = max((e.seq for e in entries if _bounds(e, openers) and e.seq < here), default=0)
        judged = {e.payload.get("accused") for e in before if e.seq > start}
        ended = [e for e in ended if e.payload.get("accused") in judged]
    ceiling = min(ended, key=lambda e: e.at, default=None)
    if ceiling is not None and occurred > ceiling.at:
        raise _dated(pack, ceiling, after=True, what=type_name)


def _bounds(entry: _Entry, openers: set[str]) -> bool:
    """Does this entry open the way to a new verdict for each accused (a trial opener,
    or an appeal decided in a way that changed the verdict)?"""
    return entry.type in openers or changes_verdict(entry.type, entry.payload)


def _bounds_for(entries: list[_Entry], openers: set[str], accused: Any, here: int) -> list[_Entry]:
    """The entries that open the way to a new verdict for ``accused``: every trial opener,
    and an appeal decision that changed the verdict when this accused was judged since
    the bound before it (a co-accused's first verdict, recorded late, is not the appeal
    court's). The verdict being recorded or corrected (at ``here``) is this accused's."""
    bounds: list[_Entry] = []
    judged = False
    for e in entries:
        if e.type in openers:
            bounds.append(e)
            judged = False
        elif changes_verdict(e.type, e.payload):
            if judged:
                bounds.append(e)
                judged = False
        elif e.type == VERDICT and (e.seq == here or e.payload.get("accused") == accused):
            judged = True
    return bounds


def _check_appeal_unchanged(case: Case, pack: Pack, corrects_seq: int) -> None:
    """An appeal decision corrected into one that changed nothing (upheld, dismissed) is
    refused while a verdict recorded after it, for an accused already judged before it,
    rests on it: that verdict would be a second one in the same trial."""
    openers = trial_openers(pack)
    entries, origin = _history(case, openers)
    here = origin.get(corrects_seq, corrects_seq)
    bounds = [e.seq for e in entries if e.seq != here and _bounds(e, openers)]
    start = max((b for b in bounds if b < here), default=0)
    end = min((b for b in bounds if b > here), default=None)
    verdicts = [e for e in entries if e.type == VERDICT]
    judged = {e.payload.get("accused") for e in verdicts if start < e.seq < here}
    resting = [
        e
        for e in verdicts
        if e.seq > here and (end is None or e.seq < end) and e.payload.get("accused") in judged
    ]
    if not resting:
        return
    first = resting[0]
    raise InvalidInput.of(
        "payload.outcome",
        Words(
            gettext_noop(
                "the verdict given on this appeal is on the record (entry %(seq)s): an appeal "
                "that did not overturn or modify the first verdict leaves no second verdict; "
                "correct that verdict first"
            ),
            {"seq": first.seq},
        ),
        f"payload.outcome: entry {first.seq} ({VERDICT}) is the verdict given on this appeal; "
        "an appeal decision that did not overturn or modify the verdict leaves no room for "
        "it: correct that verdict first",
    )


def _history(case: Case, openers: set[str]) -> tuple[list[_Entry], dict[int, int]]:
    """The case's verdicts, trial openers and appeal decisions, each as last corrected,
    in record order; and by entry number, the entry each restates (as first recorded)."""
    latest, origin = latest_versions(case, {VERDICT, APPEAL_DECIDED, *openers})
    return list(latest.values()), origin


def _second_verdict(pack: Pack, earlier: _Entry, accused: Any) -> InvalidInput:
    back = reopeners(pack)
    if back and APPEAL_DECIDED in pack.event_types:
        words = Words(
            gettext_noop(
                "a verdict for this accused is already on the record (entry %(seq)s): "
                "correct that entry, or record %(what)s first; a verdict given on appeal "
                "is recorded after %(appeal)s, when it overturned or modified the verdict"
            ),
            {
                "seq": earlier.seq,
                "what": [pack.type_words(name) for name in back],
                "appeal": pack.type_words(APPEAL_DECIDED),
            },
        )
        how = (
            f"correct that entry, or record {' or '.join(back)} first; a verdict given on "
            f"appeal follows {APPEAL_DECIDED} (overturned or modified)"
        )
    elif back:
        words = Words(
            gettext_noop(
                "a verdict for this accused is already on the record (entry %(seq)s): "
                "correct that entry, or record %(what)s first"
            ),
            {"seq": earlier.seq, "what": [pack.type_words(name) for name in back]},
        )
        how = f"correct that entry, or record {' or '.join(back)} first"
    else:
        words = Words(
            gettext_noop(
                "a verdict for this accused is already on the record (entry %(seq)s): "
                "correct that entry instead"
            ),
            {"seq": earlier.seq},
        )
        how = "correct that entry instead"
    return InvalidInput.of(
        "payload.accused",
        words,
        f"payload.accused: participant {accused!r} already has a verdict in this trial "
        f"(entry {earlier.seq}); one verdict per accused per trial: {how}",
    )


def _dated(pack: Pack, other: _Entry, *, after: bool, what: str = "verdict") -> InvalidInput:
    params = {"label": pack.type_words(other.type), "since": other.at, "seq": other.seq}
    if after:
        words = Words(
            gettext_noop(
                "may not be after %(label)s of %(since)s (entry %(seq)s), which follows it"
            ),
            params,
        )
        rule = "follows it"
    else:
        words = Words(
            gettext_noop(
                "may not be before %(label)s of %(since)s (entry %(seq)s), which it follows"
            ),
            params,
        )
        rule = "it follows"
    return InvalidInput.of(
        "occurred_at",
        words,
        f"occurred_at: the {what} may not be {'after' if after else 'before'} entry "
        f"{other.seq} ({other.type}, {other.at.isoformat()}), which {rule}",
    )
