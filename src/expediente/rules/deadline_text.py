"""A computed deadline explained in one sentence, in Spanish or English. Pure Python.

"Review of pretrial detention due 14 March 2027: Código Procesal Penal (Ley 7594)
art. 253, every 3 months from the last “Pretrial detention reviewed” on 14 December
2026." Month names are written out here and never come from the system locale, so the
same deadline always reads the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

from expediente.rules.schema import Deadline, Duration

if TYPE_CHECKING:
    from expediente.rules.deadlines import ComputedDeadline

Lang = Literal["es", "en"]
Labels = Mapping[str, Mapping[str, str]]

MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
}
UNITS = {  # singular, plural
    "en": {
        "hours": ("hour", "hours"),
        "days": ("day", "days"),
        "working_days": ("working day", "working days"),
        "months": ("month", "months"),
        "years": ("year", "years"),
    },
    "es": {
        "hours": ("hora", "horas"),
        "days": ("día", "días"),
        "working_days": ("día hábil", "días hábiles"),
        "months": ("mes", "meses"),
        "years": ("año", "años"),
    },
}
PENALTIES = {  # the phrase, and what to say about it in parentheses
    "en": {
        "possible": ("the possible penalty", "its lower bound"),
        "possible_min": ("the minimum possible penalty", ""),
        "possible_max": ("the maximum possible penalty", ""),
        "imposed": ("the penalty imposed", ""),
    },
    "es": {
        "possible": ("la pena posible", "su mínimo"),
        "possible_min": ("la pena mínima posible", ""),
        "possible_max": ("la pena máxima posible", ""),
        "imposed": ("la pena impuesta", ""),
    },
}
WORDS = {
    "en": {
        "due": "{label} due {when}",
        "from": "{dur} from “{event}” on {when}",
        "every": "every {dur} from the last “{event}” on {when}",
        "to_confirm": " (source to be confirmed)",
        "policy": "the court's service target, not a legal time limit ({law})",
        "says": "the court's service target, not a legal time limit; the law says “{says}” ({law})",
        "until": "extended to {day} by “{event}” on {when}",
        "adds": "extended by {dur} by “{event}” on {when}",
        "capped": "capped by {dur}",
        "cap_unknown": "the limit of {dur} is not computed: no penalty is known",
        "not_counted": "time not counted from {a} to {b}",
        "suspended": "suspended since {when}",
        "rolled": "moved from {day}, not a working day",
        "satisfied": "met by “{event}” on {when}",
        "stopped": "the clock stopped at “{event}” on {when}",
        "restarted": "the count started again at “{event}” on {when}",
        "at": "{day} at {time}",
        "day": "{d} {month} {y}",
        "share": "{share} of {penalty}",
        "age": "the age of {n} (born {born})",
        "age_unknown": "the age of {n} (date of birth not known)",
        "age_from": "on reaching {dur}, while “{event}” of {when} runs",
    },
    "es": {
        "due": "{label} vence el {when}",
        "from": "{dur} desde «{event}» del {when}",
        "every": "cada {dur} desde el último hecho «{event}», del {when}",
        "to_confirm": " (fuente por confirmar)",
        "policy": "meta de servicio del tribunal, no un plazo legal ({law})",
        "says": "meta de servicio del tribunal, no un plazo legal; la ley dice «{says}» ({law})",
        "until": "prorrogado hasta el {day} por «{event}» del {when}",
        "adds": "prorrogado {dur} por «{event}» del {when}",
        "capped": "limitado por {dur}",
        "cap_unknown": "el límite de {dur} no se calculó: no se conoce la pena",
        "not_counted": "no cuenta el tiempo del {a} al {b}",
        "suspended": "suspendido desde el {when}",
        "rolled": "trasladado desde el {day}, día inhábil",
        "satisfied": "cumplido con «{event}» el {when}",
        "stopped": "el plazo dejó de correr con «{event}» el {when}",
        "restarted": "el plazo volvió a empezar con «{event}» el {when}",
        "at": "{day} a las {time}",
        "day": "{d} de {month} de {y}",
        "share": "{share} de {penalty}",
        "age": "los {n} años de edad (nació el {born})",
        "age_unknown": "los {n} años de edad (fecha de nacimiento desconocida)",
        "age_from": "al cumplir {dur}, mientras dure «{event}» del {when}",
    },
}


def sentence(d: ComputedDeadline, lang: Lang, labels: Labels) -> str:
    """The whole explanation: what is due when, under which law, counted from what."""
    assert d.rule is not None, "a deadline explains itself with the rule it came from"
    rule, w = d.rule, WORDS[lang]
    text = Text(lang, labels, moments=rule.counting == "continuous", tz=d.due_at.tzinfo)
    head = w["due"].format(label=_label(rule, lang), when=text.due(d))
    parts = [f"{head}: {_law(rule, lang)}, {text.counted_from(d)}", *text.clauses(d)]
    return "; ".join(parts) + "."


def _label(rule: Deadline, lang: Lang) -> str:
    label = rule.label or {}
    return label.get(lang) or label.get("en") or rule.id


def _law(rule: Deadline, lang: Lang) -> str:
    law = rule.law
    where = f"art. {law.article}" if law.article[:1].isdigit() else f"({law.article})"
    if law.flag == "policy":
        says = (law.says or {}).get(lang)
        if says:
            return WORDS[lang]["says"].format(says=says, law=law.text)
        return WORDS[lang]["policy"].format(law=f"{law.text} {where}")
    flag = WORDS[lang]["to_confirm"] if law.flag == "P" else ""
    return f"{law.text} {where}{flag}"


class Text:
    """The pieces of a sentence in one language, with dates in the court's time zone."""

    def __init__(self, lang: Lang, labels: Labels, *, moments: bool, tz: dt.tzinfo | None) -> None:
        self.lang, self.labels, self.moments, self.tz = lang, labels, moments, tz
        self.w = WORDS[lang]

    def day(self, day: dt.date) -> str:
        month = MONTHS[self.lang][day.month - 1]
        return self.w["day"].format(d=day.day, month=month, y=day.year)

    def moment(self, moment: dt.datetime, *, with_time: bool = True) -> str:
        local = moment.astimezone(self.tz)
        if not with_time:
            return self.day(local.date())
        return self.w["at"].format(day=self.day(local.date()), time=f"{local:%H:%M}")

    def event(self, event_type: str) -> str:
        label = self.labels.get(event_type, {})
        return label.get(self.lang) or label.get("en") or event_type

    def duration(
        self, duration: Duration, months: int | None = None, born: dt.date | None = None
    ) -> str:
        if duration.age is not None:
            if born is None:
                return self.w["age_unknown"].format(n=duration.age)
            return self.w["age"].format(n=duration.age, born=self.day(born))
        if duration.penalty is None:
            return self._count(duration.amount, duration.unit)
        phrase, about = PENALTIES[self.lang][duration.penalty]
        details = [x for x in (about, months and self._count(months, "months")) if x]
        text = f"{phrase} ({', '.join(details)})" if details else phrase
        share = Fraction(duration.fraction or 1).limit_denominator(100)
        return text if share == 1 else self.w["share"].format(share=share, penalty=text)

    def _count(self, n: int, unit: str) -> str:
        one, many = UNITS[self.lang][unit]
        return f"{n} {one if n == 1 else many}"

    def due(self, d: ComputedDeadline) -> str:
        return self.moment(d.due_at) if self.moments else self.day(d.due_on)

    def counted_from(self, d: ComputedDeadline) -> str:
        assert d.rule is not None
        months = d.penalty_months if not d.capped else None
        when = self.moment(d.start, with_time=self.moments)
        restarted = d.start_type in d.rule.restarted_by  # counted again from a request
        which = "every" if d.cycle > 0 and not restarted else "from"
        if d.rule.duration.age is not None:
            which = "age_from"
        return self.w[which].format(
            dur=self.duration(d.rule.duration, months, d.born),
            event=self.event(d.start_type),
            when=when,
        )

    def clauses(self, d: ComputedDeadline) -> list[str]:
        """What moved, capped, suspended, met or stopped this deadline, in that order."""
        return [
            *self._extension(d),
            *self._cap(d),
            *self._time_not_counted(d),
            *self._rolled(d),
            *self._closed(d),
        ]

    def _extension(self, d: ComputedDeadline) -> list[str]:
        ext = d.extension
        if ext is None:
            return []
        when = self.moment(ext.occurred_at, with_time=False)
        if ext.until is not None:
            return [
                self.w["until"].format(
                    day=self.day(ext.until), event=self.event(ext.type), when=when
                )
            ]
        assert ext.adds is not None
        return [
            self.w["adds"].format(
                dur=self.duration(ext.adds), event=self.event(ext.type), when=when
            )
        ]

    def _cap(self, d: ComputedDeadline) -> list[str]:
        cap = d.rule.also_ends_at if d.rule is not None else None
        if cap is None:
            return []
        if d.capped:
            return [self.w["capped"].format(dur=self.duration(cap, d.penalty_months, d.born))]
        if d.cap_unknown and cap.age is None:
            return [self.w["cap_unknown"].format(dur=self.duration(cap))]
        return []

    def _time_not_counted(self, d: ComputedDeadline) -> list[str]:
        out = [
            self.w["not_counted"].format(
                a=self.moment(a, with_time=self.moments), b=self.moment(b, with_time=self.moments)
            )
            for a, b in d.not_counted
        ]
        if d.suspended_since is not None:
            out.append(
                self.w["suspended"].format(
                    when=self.moment(d.suspended_since, with_time=self.moments)
                )
            )
        return out

    def _rolled(self, d: ComputedDeadline) -> list[str]:
        return (
            [] if d.rolled_from is None else [self.w["rolled"].format(day=self.day(d.rolled_from))]
        )

    def _closed(self, d: ComputedDeadline) -> list[str]:
        if d.satisfied_at is not None and d.satisfied_type is not None:
            when = self.moment(d.satisfied_at, with_time=self.moments)
            return [self.w["satisfied"].format(event=self.event(d.satisfied_type), when=when)]
        if d.stopped_at is not None and d.stopped_type is not None:
            when = self.moment(d.stopped_at, with_time=self.moments)
            restarted = d.rule is not None and d.stopped_type in d.rule.restarted_by
            word = "restarted" if restarted else "stopped"
            return [self.w[word].format(event=self.event(d.stopped_type), when=when)]
        return []
