"""The worked examples shipped with each pack (``packs/examples/<pack>/*.yaml``) hold.

Each example gives facts in and the deadlines expected out, with a comment naming the
article it illustrates. Only the expected keys an example gives are compared, so an
example shows what it is about and nothing else. Format::

    rule: cr.pretrial_review          # a deadline id of the pack
    procedure: adult
    now: "2027-02-25T09:00:00-06:00"  # the moment statuses and alerts are asked for
    born: "2005-06-15"                # optional: the person's date of birth (age rules)
    facts:
      - {id: 1, type: custody.pretrial_ordered, at: "2026-11-30T10:00:00-06:00"}
        # optional: until (extensions), adds (a duration), penalty ({possible_min_months…}),
        # answers (for `each` rules: the id of the start a fact answers)
        # term (per-measure rules: the interval the court's order set, e.g. {days: 7})
        # held_as (the kind of custody the person is held as once it has happened) and
        # not_held: true (not in custody then), and ground_ended: true (held although the
        # court ended the ground for holding them), as the custody projector sets them
        # values (the entry's fields, for a rule's `starts_when`: {outcome: lifted})
    expect:                           # every deadline computed, in order
      - {due_on: "2027-02-28", due_at: "…", status: due_soon, events: [1], explain: {en: …}}
        # explain: the full sentence (staff, API) per language; plain: what the portal
        # shows the person held and their family, sentence by sentence, per language
    alerts:                           # every alert due at `now`, soonest first
      - {before: {days: 7}, at: "2027-02-22T00:00:00-06:00"}   # before: null = at the due moment
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from expediente.rules.calendars import calendar_for
from expediente.rules.deadline_text import LANGUAGES
from expediente.rules.deadlines import (
    Fact,
    FactId,
    Penalty,
    alerts_due,
    compute,
    duration_code,
    event_labels,
    rules_for,
)
from expediente.rules.loader import SHIPPED_DIR, load_pack, shipped_pack_ids
from expediente.rules.schema import Duration

EXAMPLES = SHIPPED_DIR / "examples"
FILES = sorted(p for pack in shipped_pack_ids() for p in (EXAMPLES / pack).glob("*.yaml"))


def _moment(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _id(value: Any) -> FactId:
    return tuple(value) if isinstance(value, list) else value


def _fact(raw: dict[str, Any]) -> Fact:
    return Fact(
        id=_id(raw["id"]),
        type=raw["type"],
        occurred_at=_moment(raw["at"]),
        until=_day(raw["until"]) if "until" in raw else None,
        adds=Duration(**raw["adds"]) if "adds" in raw else None,
        penalty=Penalty(**raw["penalty"]) if "penalty" in raw else None,
        answers=_id(raw["answers"]) if "answers" in raw else None,
        term=Duration(**raw["term"]) if "term" in raw else None,
        held_as=raw.get("held_as"),
        not_held=bool(raw.get("not_held", False)),
        ground_ended=bool(raw.get("ground_ended", False)),
        values=raw.get("values", {}),
    )


def _actual(d: Any, key: str, now: dt.datetime, labels: Any) -> Any:
    if key == "status":
        return d.status(now)
    if key == "explain":
        return {lang: d.explain(lang, labels) for lang in LANGUAGES}
    if key == "plain":
        return {lang: list(d.plain(lang, labels)) for lang in LANGUAGES}
    if key == "events":
        return list(d.events)
    if key == "not_counted_extensions":
        return [f.id for f in d.not_counted_extensions]
    return getattr(d, key)


def _expected(key: str, value: Any) -> Any:
    if key in ("start", "due_at", "satisfied_at", "stopped_at"):
        return _moment(value)
    if key == "due_on":
        return _day(value)
    if key in ("events", "not_counted_extensions"):
        return [_id(v) for v in value]
    return value


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_worked_example_gives_the_expected_deadlines(path: Path) -> None:
    example = yaml.safe_load(path.read_text(encoding="utf-8"))
    pack = load_pack(path.parent.name)
    rule = next((r for r in pack.deadlines if r.id == example["rule"]), None)
    assert rule is not None, f"{path.name}: {example['rule']} is not a deadline of {pack.pack}"
    per_measure = rule.per == "measure"  # computed per measure, whatever the procedure
    assert per_measure or rule in rules_for(pack, example["procedure"]), f"{rule.id} procedure"
    comment = path.read_text(encoding="utf-8").split("\nrule:")[0]
    assert rule.law.article in comment, f"{path.name}: the comment must name the article"

    facts = [_fact(f) for f in example["facts"]]
    now = _moment(example["now"])
    born = _day(example["born"]) if "born" in example else None
    got = compute(
        rule,
        facts,
        calendar=calendar_for(pack),
        subject="p",
        pack_version=pack.version,
        born=born,
    )

    assert len(got) == len(example["expect"]), [d.due_at for d in got]
    labels = event_labels(pack)
    for d, expected in zip(got, example["expect"], strict=True):
        for key, value in expected.items():
            if key in ("explain", "plain"):
                actual = _actual(d, key, now, labels)
                for lang, text in value.items():
                    assert actual[lang] == text, f"{path.name}: {key}[{lang}]"
                continue
            assert _actual(d, key, now, labels) == _expected(key, value), f"{path.name}: {key}"

    alerts = [(duration_code(a.before), a.at) for a in alerts_due(got, now=now)]
    wanted = [
        (duration_code(Duration(**a["before"]) if a["before"] else None), _moment(a["at"]))
        for a in example["alerts"]
    ]
    assert alerts == wanted


@pytest.mark.parametrize("pack_id", shipped_pack_ids())
def test_every_deadline_of_a_shipped_pack_has_a_worked_example(pack_id: str) -> None:
    covered = {
        yaml.safe_load(p.read_text(encoding="utf-8"))["rule"]
        for p in (EXAMPLES / pack_id).glob("*.yaml")
    }
    missing = sorted({d.id for d in load_pack(pack_id).deadlines} - covered)
    assert not missing, f"no worked example in examples/{pack_id}/ for {missing}"


def test_example_files_are_not_taken_for_packs() -> None:
    assert shipped_pack_ids() == ["br", "cl", "co", "cr", "intl"]
    assert FILES, "the examples are found"
