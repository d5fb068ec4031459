"""The shape of a rule pack, validated on load.

A pack is plain data: stages, the event types allowed in each, their payload fields,
deadlines with the law they come from, and an offence catalogue mapped to ICCS. No
Python file names a country's law; this module only says what a well-formed pack is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Literal

import holidays
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from expediente.rules import numbering
from expediente.rules.numbering import CheckScheme
from expediente.stats import iccs
from expediente.time_zones import is_time_zone

LANGS = ("es", "en", "pt", "fr")
ID = r"^[a-z][a-z0-9_]*$"
EVENT_TYPE_ID = r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$"

Localized = dict[str, str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_localized(value: Localized | None) -> Localized | None:
    if value is None:
        return value
    unknown = sorted(set(value) - set(LANGS))
    if unknown:
        raise ValueError(f"unknown language(s) {unknown}; use {list(LANGS)}")
    if not value:
        raise ValueError("give the text in at least one language")
    return value


class Law(_Strict):
    """Where a rule comes from, and how sure we are of it (reference/legal-limits.md).

    ``policy`` is not a degree of certainty but a different kind of rule: a number the
    court sets itself (a service target) where the law gives none, e.g. an answer to a
    habeas corpus petition within 2 days where the treaties say "without delay". Then
    ``text`` and ``article`` cite the law the target serves, and every explanation says
    that the number is the court's, not the law's."""

    text: str = Field(min_length=1)
    article: str = Field(min_length=1)
    flag: Literal["V", "P", "U", "policy"]
    note: str | None = None
    says: Localized | None = None  # for policy: the law's own words, e.g. "without delay"
    # The whole citation in the readers' languages, for a source that has an official
    # name in each (a treaty, a UN document): "Convención Americana sobre Derechos
    # Humanos art. 7(6)". Without it every reader is cited ``text`` and ``article`` as
    # written (a national code keeps its own name).
    cited: Localized | None = None

    _says = field_validator("says", "cited")(_check_localized)


class Emergency(_Strict):
    """The number a person in danger calls, shown to the people a measure protects (the
    victim's page says "call 911", not "call the emergency number"). A number is a fact
    the pack's author checks, not a rule: ``law`` cites what assigns it where that was
    found, and ``note`` says what was not checked."""

    phone: Annotated[str, Field(pattern=r"^[0-9][0-9 -]{0,13}[0-9]$")]
    name: Localized  # the service, in the readers' languages: "Sistema de Emergencias 9-1-1"
    law: Law | None = None
    note: str | None = None

    _name = field_validator("name")(_check_localized)

    @property
    def dial(self) -> str:
        """The digits alone, for a ``tel:`` link."""
        return "".join(ch for ch in self.phone if ch.isdigit())


class Stage(_Strict):
    id: Annotated[str, Field(pattern=ID)]
    label: Localized
    explain: Localized | None = None
    terminal: bool = False

    _labels = field_validator("label", "explain")(_check_localized)


FieldType = Literal[
    "text",
    "long_text",
    "bool",
    "int",
    "date",
    "datetime",
    "choice",
    "participant",
    "charge",
    "offence",
    "time",  # a time of day on the court's clock, "HH:MM" (00:00 to 23:59)
]


class FieldSpec(_Strict):
    type: FieldType
    label: Localized | None = None
    help: Localized | None = None
    required: bool = False
    max_length: int | None = Field(default=None, gt=0, le=100_000)
    min: int | None = None
    max: int | None = None
    options: list[str] | None = None
    # for choice fields: each option's label per language ({option: {es: …, en: …}})
    option_labels: dict[str, Localized] | None = None
    role: list[str] | None = None  # for participant fields: roles allowed
    not_future: bool = False  # a date or datetime that may not lie in the future
    # a date or datetime that may not lie before the case was opened (a hearing's start)
    after_opening: bool = False
    protected: bool = False  # free text that may identify someone (the privacy issue uses it)
    # the field may hold a value (a bool: true) only when another field of the same entry
    # holds one of these: ``{outcome: [convicted, partly_convicted]}`` (a verdict that does
    # not convict carries no sentence). Checked by the payload model (rules/payloads.py).
    only_if: dict[Annotated[str, Field(pattern=ID)], list[str | bool]] | None = None
    # a required yes-or-no field whose answer the staff form asks as "yes" / "no" with
    # neither chosen, so the clerk must answer: an unticked box would say "no" by
    # omission (Chile's review held in a hearing, CPP art. 145). Only with
    # ``required: true``, which the API holds to.
    yes_no: bool = False
    # the rule that asks for the field, cited when it is missing (an API body without it
    # is refused naming the field and this article)
    law: Law | None = None

    _labels = field_validator("label", "help")(_check_localized)

    @field_validator("law")
    @classmethod
    def _checked_law(cls, law: Law | None) -> Law | None:
        if law is not None and law.flag == "U":
            raise ValueError(
                "a field the law asks for rests on a checked (V) or partly checked (P) "
                "source, or on the court's policy"
            )
        return law

    @field_validator("option_labels")
    @classmethod
    def _label_every_option(
        cls, value: dict[str, Localized] | None, info: ValidationInfo
    ) -> dict[str, Localized] | None:
        """Labels for the options there are, every one of them, in known languages."""
        options = info.data.get("options")
        if value is None or not options:
            return value  # no options (or bad ones): said once, about the options
        unknown = [o for o in value if o not in options]
        if unknown:
            raise ValueError(f"{unknown} not among the field's options {options}")
        missing = [o for o in options if o not in value]
        if missing:
            raise ValueError(f"give a label for every option; missing: {missing}")
        for option, label in value.items():
            try:
                _check_localized(label)
            except ValueError as exc:
                raise ValueError(f"{option}: {exc}") from None
        return value

    @model_validator(mode="after")
    def _settings_fit_the_type(self) -> FieldSpec:
        if self.type == "choice" and not self.options:
            raise ValueError("a choice field needs 'options'")
        if self.type != "choice" and self.options:
            raise ValueError("'options' is only for choice fields")
        if self.type != "choice" and self.option_labels:
            raise ValueError("'option_labels' is only for choice fields")
        if self.role and self.type != "participant":
            raise ValueError("'role' is only for participant fields")
        if self.not_future and self.type not in ("date", "datetime"):
            raise ValueError("'not_future' is only for date and datetime fields")
        if self.after_opening and self.type not in ("date", "datetime"):
            raise ValueError("'after_opening' is only for date and datetime fields")
        if self.max_length is not None and self.type not in ("text", "long_text"):
            hint = ": a time is always HH:MM" if self.type == "time" else ""
            raise ValueError(f"'max_length' is only for text and long_text fields{hint}")
        if (self.min is not None or self.max is not None) and self.type != "int":
            raise ValueError("'min' and 'max' are only for int fields")
        if self.yes_no and self.type != "bool":
            raise ValueError("'yes_no' is only for bool fields")
        if self.yes_no and not self.required:
            raise ValueError("'yes_no' asks for an answer: add 'required: true'")
        return self


class OneOf(_Strict):
    """Yes-or-no fields of an entry of which at most one may be true: the ways an arrest
    was made (in flagrante, on a warrant). The payload keeps each field; the payload model
    refuses more than one true, and the staff form asks ``label`` with one answer."""

    label: Localized
    fields: list[Annotated[str, Field(pattern=ID)]]

    _labels = field_validator("label")(_check_localized)


class EventType(_Strict):
    label: Localized
    explain: Localized | None = None
    version: int = Field(default=1, ge=1)
    stages: list[str] | Literal["any"] = "any"
    procedures: list[Literal["adult", "juvenile"]] | None = None
    to_stage: str | None = None
    fields: dict[Annotated[str, Field(pattern=ID)], FieldSpec] = Field(default_factory=dict)
    # groups of yes-or-no fields of which at most one may be true, by a name of the
    # group's own (the staff form's question), checked by the payload model
    one_of: dict[Annotated[str, Field(pattern=ID)], OneOf] = Field(default_factory=dict)
    core: bool = False  # handled by the docket itself (case opened, participant added, …)
    law: Law | None = None
    group: Literal["custody", "hearings", "measures", "decisions", "parties", "closing"] | None = (
        Field(
            default=None,
            description="where the staff case page lists it among what can be recorded; "
            "without it, the group its name's prefix gives (custody.*, hearing.*, …)",
        )
    )

    _labels = field_validator("label", "explain")(_check_localized)

    @model_validator(mode="after")
    def _only_if_names_a_sibling(self) -> EventType:
        """``only_if`` names another field of this event type, a choice (by its options)
        or a bool (by true or false), and values it can hold."""
        for name, spec in self.fields.items():
            for other, values in (spec.only_if or {}).items():
                target = self.fields.get(other)
                if target is None or other == name:
                    raise ValueError(f"{name}: only_if names {other!r}, not another field")
                if not values:
                    raise ValueError(f"{name}: only_if {other!r} needs at least one value")
                if target.type == "choice":
                    wrong = [v for v in values if v not in (target.options or [])]
                elif target.type == "bool":
                    wrong = [v for v in values if not isinstance(v, bool)]
                else:
                    raise ValueError(f"{name}: only_if names {other!r}, not a choice or bool")
                if wrong:
                    raise ValueError(f"{name}: only_if {other!r}: {wrong} are not its values")
        return self

    @model_validator(mode="after")
    def _one_of_names_yes_or_no_fields(self) -> EventType:
        """Each ``one_of`` group names two or more yes-or-no fields of this event type,
        each in one group only, and is not itself named like a field."""
        grouped: dict[str, str] = {}
        for group, spec in self.one_of.items():
            if group in self.fields:
                raise ValueError(f"one_of {group!r}: the name of a field; give the group its own")
            if len(set(spec.fields)) < 2:
                raise ValueError(f"one_of {group!r}: name at least two different fields")
            for name in spec.fields:
                target = self.fields.get(name)
                if target is None:
                    raise ValueError(f"one_of {group!r}: {name!r} is not a field of this type")
                if target.type != "bool":
                    raise ValueError(f"one_of {group!r}: {name!r} is not a yes-or-no (bool) field")
                if name in grouped:
                    raise ValueError(
                        f"one_of {group!r}: {name!r} is already in one_of {grouped[name]!r}"
                    )
                grouped[name] = group
        return self


TIME_UNITS = ("hours", "days", "working_days", "months", "years")
PenaltyKind = Literal["possible", "possible_min", "possible_max", "imposed"]


class Duration(_Strict):
    """A length of time in exactly one unit, or a share of the penalty, or an age.

    ``{penalty: possible_max, fraction: 0.5}`` is half the maximum penalty of the charge;
    ``possible_min`` its minimum; ``imposed`` the sentence given; ``possible`` names the
    possible penalty without saying which bound (the engine then takes the lower bound:
    see ``rules/deadlines.py``). ``fraction`` defaults to 1.

    ``{age: 21}`` is not counted from the start but from the subject's date of birth:
    the term runs until the day before their 21st birthday (they must be out on it).
    """

    hours: int | None = Field(default=None, gt=0)
    days: int | None = Field(default=None, gt=0)
    working_days: int | None = Field(default=None, gt=0)
    months: int | None = Field(default=None, gt=0)
    years: int | None = Field(default=None, gt=0)
    age: int | None = Field(default=None, gt=0, le=120)
    penalty: PenaltyKind | None = None
    fraction: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _exactly_one(self) -> Duration:
        given = [k for k in (*TIME_UNITS, "age") if getattr(self, k) is not None]
        if self.penalty is not None:
            if given:
                raise ValueError("give a share of the penalty or a time unit, not both")
            return self
        if len(given) != 1:
            raise ValueError("give exactly one of hours, days, working_days, months, years")
        if self.fraction is not None:
            raise ValueError("'fraction' is only for a share of the penalty")
        return self

    @property
    def unit(self) -> str:
        """The unit given: one of TIME_UNITS, ``age`` or ``penalty``."""
        if self.penalty is not None:
            return "penalty"
        if self.age is not None:
            return "age"
        return next(k for k in TIME_UNITS if getattr(self, k) is not None)

    @property
    def amount(self) -> int:
        """How many of the unit (0 for a share of the penalty)."""
        value = getattr(self, self.unit) if self.penalty is None else 0
        return int(value)


class Alert(_Strict):
    who: list[str] = Field(min_length=1)
    before: list[Duration] = Field(default_factory=list)


class EachStart(_Strict):
    """Every starting event opens its own deadline (two petitions, two answer deadlines).

    ``subject``: the starting event's participant field saying whose deadline it is.
    ``answers``: the field of a satisfying event giving the number (seq) of the starting
    event it answers; a satisfying event meets only that one deadline."""

    subject: Annotated[str, Field(pattern=ID)]
    answers: Annotated[str, Field(pattern=ID)]


CustodyKind = Literal["police", "pretrial", "sentenced_appeal", "sentenced_final"]

# The entries the custody record reads (``custody/periods.TYPES``): only these are told
# whether they find the person held with the ground for holding them ended
# (``Fact.ground_ended``), so only these may be ``starts_without_ground``. A mirror, since
# rules/ does not import custody/ (custody builds on the rules); a test holds the two
# lists together (tests/rules/test_a_start_condition_names_a_start_and_its_values.py).
CUSTODY_RECORD_TYPES = frozenset(
    {
        "custody.arrested",
        "custody.placed_before_judge",
        "custody.hearing_held",
        "custody.pretrial_ordered",
        "custody.pretrial_extended",
        "custody.pretrial_reviewed",
        "custody.pretrial_replaced",
        "custody.pretrial_lifted",
        "custody.released",
        "custody.transferred",
        "custody.escaped",
        "custody.recaptured",
        "custody.sentence_started",
        "custody.sentence_ended",
        "sentence.computed",
        "verdict.delivered",
        "judgment.final",
        "retrial.ordered",
        "case.dismissed",
        "custody.died",
    }
)


class Deadline(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*\.[a-z0-9_.]+$")]
    label: Localized | None = None
    plain: Localized | None = Field(
        default=None,
        description="what the date means for the person, in plain words, per language, "
        'with {when} where the date goes ("Pretrial detention may not go beyond {when}"); '
        "the participant portal opens the deadline with it (rules/deadline_text.plain)",
    )
    applies_to: dict[str, list[str]] = Field(default_factory=dict)
    starts: str | list[str] = Field(
        description="the event type that opens the clock, or a list of them (any one "
        "opens it: an order lifted, replaced, …)"
    )
    # Conditions on a starting entry's fields, per starting event type: the entry opens
    # the clock only when each named field holds one of the values given
    # (``{custody.pretrial_reviewed: {outcome: [lifted, replaced]}}``). A starting type
    # left out opens it whatever its fields say. Fields are choices (by option) or bools
    # (by true or false), as ``only_if`` names them; checked on load
    # (``reference_problems``).
    starts_when: dict[
        Annotated[str, Field(pattern=EVENT_TYPE_ID)],
        dict[Annotated[str, Field(pattern=ID)], list[str | bool]],
    ] = Field(default_factory=dict)
    # conditions on the fields of a satisfying event, as ``starts_when`` for a start
    # (``{petition.decided: {outcome: [granted, denied, partly_granted]}}``: a habeas
    # corpus is met by a ruling, not by a referral). A satisfying type left out meets the
    # deadline whatever its fields say; one that does not meet them changes nothing.
    satisfied_when: dict[
        Annotated[str, Field(pattern=EVENT_TYPE_ID)],
        dict[Annotated[str, Field(pattern=ID)], list[str | bool]],
    ] = Field(default_factory=dict)
    # a start that finds the person not in custody (``Fact.held_as`` not given: at large
    # after an escape, never arrested, released) opens no clock: nobody is held to be
    # released (``intl.release_on_order_end``)
    starts_in_custody: bool = False
    # starting types that open the clock only when they find the person held although
    # the court has ended the ground for holding them (``Fact.ground_ended``, read from
    # the custody record: the order lifted or replaced, an acquittal, no new order,
    # arrest, conviction or release since): a recapture after the lift opens the release
    # watch again, one under an order in force does not (``intl.release_on_order_end``);
    # each must be among ``starts`` and one of the custody entries the custody record
    # reads (``CUSTODY_RECORD_TYPES``: no other entry is ever told the ground ended),
    # checked on load (``reference_problems``)
    starts_without_ground: list[Annotated[str, Field(pattern=EVENT_TYPE_ID)]] = Field(
        default_factory=list
    )
    repeats_from: str | None = None
    # conditions on the ``repeats_from`` entry's fields for it to count a new term (as
    # ``starts_when``: choices by option, bools by true or false); one that does not
    # meet them still meets the running term, and no new one is counted (Brazil: a
    # reassessment that ends the internment calls for no next reassessment)
    repeats_when: dict[Annotated[str, Field(pattern=ID)], list[str | bool]] = Field(
        default_factory=dict
    )
    duration: Duration
    counting: Literal["continuous", "calendar", "working"] = "calendar"
    roll: Literal["none", "next_working_day"] = Field(
        default="none",
        description="calendar counting: whether a due day that is not a working day moves",
    )
    also_ends_at: Duration | None = Field(
        default=None, description="a second limit from the same start; the earlier one counts"
    )
    extended_by: list[str] = Field(default_factory=list)
    # how many extensions one term admits (Colombia's Ley 906 art. 307 par. 1: one): an
    # ``extended_by`` entry past that number is refused when recorded
    # (``custody/extension_limit.py``) and, in a history recorded before the rule, moves
    # nothing (``rules/deadlines.py``). None: as many as the court records.
    extensions_allowed: int | None = Field(default=None, ge=1)
    # how far the extensions may take the term past the rule's own (Costa Rica's CPP art.
    # 258: "hasta por un año más" beyond art. 257's 12 months): an extension giving a later
    # day counts only to there, the explanation says why, and the staff form and the API
    # ask the judge's order past it to be confirmed as past the maximum
    # (``custody/foresight.py``)
    extended_at_most: Duration | None = None
    suspended_by: list[str] = Field(default_factory=list)
    resumed_by: list[str] = Field(default_factory=list)
    stops_at: list[str] = Field(default_factory=list)
    held_as: list[CustodyKind] = Field(
        default_factory=list,
        description="the kinds of custody the deadline concerns: a start that finds the "
        "person held as another kind opens no clock, and when the custody record holds "
        "the person as another kind (a conviction turns pretrial detention into a "
        "sentence under appeal), the deadline stops, as at a stops_at event",
    )
    waits_for_custody: list[CustodyKind] = Field(
        default_factory=list,
        description="a start that finds the person not in custody (a detention order for "
        "someone at large) waits: the clock opens when the custody record first holds "
        "them as one of these kinds (the arrest that carries out the order), counted from "
        "then; meeting or stopping the deadline before that ends the wait",
    )
    restarted_by: list[str] = Field(
        default_factory=list,
        description="facts that interrupt the running term: it ends there (stopped, not "
        "met) and a new one is counted from the fact, as repeats_from does",
    )
    restart_after: Duration | None = Field(
        default=None,
        description="a restarting fact counts only once this long has passed since the "
        "first start (e.g. a request the law allows only after 3 months)",
    )
    satisfied_by: list[str] = Field(min_length=1)
    effect: Literal["alert", "legal_consequence"]
    alert: Alert
    # whose act is due: the court's (the default), the prosecution's (Costa Rica's CPP
    # 238 request for the custody hearing, which also alerts the judge), or the person's
    # (a measure's obligations). The statistics of the court's deadlines met on time
    # count only the court's (stats/deadline_rules.py).
    owed_by: Literal["court", "prosecution", "person"] = "court"
    law: Law

    replaces: list[str] = Field(
        default_factory=list,
        description="ids of inherited deadlines this national rule replaces",
    )
    each: EachStart | None = Field(
        default=None, description="one deadline per starting event, met by the event answering it"
    )
    per: Literal["person", "measure"] = Field(
        default="person",
        description="whose clock: each accused person (custody/), or each measure the "
        "court imposed, counted from that measure's own events (measures/)",
    )
    term_from: Annotated[str, Field(pattern=ID)] | None = Field(
        default=None,
        description="per measure: the field (of the starting and repeating events' "
        "measure) giving the term in days, as the court's order set it; `duration` is "
        "only the default",
    )
    until_from: Annotated[str, Field(pattern=ID)] | None = Field(
        default=None,
        description="the starting event's date field giving the last day (a detention "
        "order's `until`, a sentence computation's `ends_on`); an extension's `until`, or "
        "that same field on a starting event that extends it, moves it",
    )
    maximum: bool = Field(
        default=False,
        description="the longest the person may legally be held (the detention panel's "
        "maximum, and what an order's stated term is checked against): a legal "
        "consequence counted per person; other legal limits are shown as themselves",
    )

    _labels = field_validator("label")(_check_localized)

    @field_validator("plain")
    @classmethod
    def _plain_says_when(cls, value: Localized | None) -> Localized | None:
        _check_localized(value)
        for lang, text in (value or {}).items():
            if re.sub(r"\{when\}", "", text).count("{") or text.count("{when}") != 1:
                raise ValueError(
                    f"plain.{lang}: write {{when}} once where the date goes, and no other "
                    f"braces: {text!r}"
                )
        return value

    @property
    def start_types(self) -> tuple[str, ...]:
        """The event types that open the clock (``starts``, one or a list)."""
        return (self.starts,) if isinstance(self.starts, str) else tuple(self.starts)

    @property
    def start_type(self) -> str:
        """The one starting event type of a rule that allows only one (``each``, ``per:
        measure``, ``until_from``, ``term_from``: the validator refuses a list there)."""
        return self.start_types[0]

    def opens_at(
        self, fact_type: str, values: Mapping[str, object], *, ground_ended: bool = False
    ) -> bool:
        """Whether an entry of ``fact_type`` with these field ``values`` (its payload)
        starts this rule: a starting type whose fields meet ``starts_when``, and, if it
        is one of ``starts_without_ground``, that finds the person held with the ground
        for holding them ended (``ground_ended``)."""
        if fact_type not in self.start_types:
            return False
        if fact_type in self.starts_without_ground and not ground_ended:
            return False
        return _fields_meet(self.starts_when.get(fact_type, {}), values)

    def repeats_on(self, fact_type: str, values: Mapping[str, object]) -> bool:
        """Whether an entry counts a new term: of the ``repeats_from`` type, its fields
        meeting ``repeats_when``."""
        return fact_type == self.repeats_from and _fields_meet(self.repeats_when, values)

    def meets(self, fact_type: str, values: Mapping[str, object]) -> bool:
        """Whether an entry of ``fact_type`` with these field ``values`` meets this rule:
        a satisfying type whose fields meet ``satisfied_when``."""
        if fact_type not in self.satisfied_by:
            return False
        return _fields_meet(self.satisfied_when.get(fact_type, {}), values)

    def named_event_types(self) -> set[str]:
        """Every event type this rule reads: what starts, repeats, restarts, extends,
        suspends, resumes, stops or meets it. Facts of other types change nothing."""
        named = {*self.start_types, *self.satisfied_by, *self.extended_by, *self.suspended_by}
        named |= {*self.resumed_by, *self.stops_at, *self.restarted_by}
        if self.repeats_from:
            named.add(self.repeats_from)
        return named

    @field_validator("law")
    @classmethod
    def _no_unverified_law(cls, law: Law) -> Law:
        if law.flag == "U":
            raise ValueError(
                "a rule whose source is unverified (flag U) must not be encoded as law; "
                "check the official text first (see reference/legal-limits.md)"
            )
        return law

    @model_validator(mode="after")
    def _counting_fits(self) -> Deadline:
        for where, duration in (("duration", self.duration), ("also_ends_at", self.also_ends_at)):
            if duration is not None and duration.hours and self.counting != "continuous":
                raise ValueError(
                    f"{where}: a duration in hours runs continuously; add counting: continuous"
                )
        if self.roll != "none" and self.counting != "calendar":
            raise ValueError("roll is only for counting: calendar")
        if any(b.penalty or b.age for b in self.alert.before):
            raise ValueError(
                "alert.before: an alert comes a length of time before, not a penalty or an age"
            )
        for where, duration in (("duration", self.duration), ("also_ends_at", self.also_ends_at)):
            if duration is not None and duration.age and self.counting != "calendar":
                raise ValueError(
                    f"{where}: an age is reached on a birthday; use counting: calendar"
                )
        if self.extended_at_most is not None and not self.extended_by:
            raise ValueError(
                "extended_at_most: name what extends the deadline in extended_by first"
            )
        most = self.extended_at_most
        if most is not None and (most.penalty or most.age or most.hours):
            raise ValueError(
                "extended_at_most: a length of time in days, working days, months or years "
                "past the rule's own term, not a penalty, an age or hours"
            )
        if self.extensions_allowed is not None and not self.extended_by:
            raise ValueError(
                "extensions_allowed: name what extends the deadline in extended_by first"
            )
        if bool(self.suspended_by) != bool(self.resumed_by):
            raise ValueError("suspended_by and resumed_by go together: say what ends a suspension")
        # a type may both meet and stop the deadline only when ``satisfied_when`` says
        # which of its entries meet it: the others stop it (a habeas corpus referred to
        # another authority ends the term unmet)
        both = sorted(
            t for t in set(self.satisfied_by) & set(self.stops_at) if t not in self.satisfied_when
        )
        if both:
            raise ValueError(f"{both} cannot both satisfy and stop the deadline")
        closing = {*self.satisfied_by, *self.stops_at, self.repeats_from, *self.start_types}
        twice = sorted(set(self.restarted_by) & closing)
        if twice:
            raise ValueError(
                f"restarted_by: {twice} already start, meet, repeat or stop the deadline"
            )
        if self.restart_after is not None:
            if not self.restarted_by:
                raise ValueError("restart_after needs restarted_by: say what restarts the term")
            if self.restart_after.penalty or self.restart_after.age:
                raise ValueError("restart_after: give a length of time, not a penalty or an age")
        if self.each is not None and (
            self.repeats_from
            or self.extended_by
            or self.suspended_by
            or self.also_ends_at
            or self.restarted_by
        ):
            raise ValueError(
                "each: a deadline per starting event is met or stopped only; it cannot "
                "repeat, restart, be extended, be suspended or have a second limit"
            )
        for name, kinds in (
            ("held_as", self.held_as),
            ("waits_for_custody", self.waits_for_custody),
        ):
            if kinds and (self.per != "person" or self.each is not None):
                raise ValueError(
                    f"{name}: only a per-person deadline (per: person, no each) follows the "
                    "kind of custody the person is held as"
                )
        if self.per == "person" and self.term_from:
            raise ValueError("term_from is only for per: measure")
        if isinstance(self.starts, list):
            if not self.starts or len(set(self.starts)) != len(self.starts):
                raise ValueError("starts: name one event type, or a list of different ones")
            single = [
                k
                for k, on in (
                    ("each", self.each is not None),
                    ("per: measure", self.per == "measure"),
                    ("until_from", self.until_from is not None),
                    ("term_from", self.term_from is not None),
                )
                if on
            ]
            if single and len(self.starts) > 1:
                raise ValueError(f"starts: {single[0]} reads one starting event type, not a list")
        if (self.satisfied_when or self.repeats_when) and self.per != "person":
            raise ValueError(
                "satisfied_when and repeats_when: only for a per-person deadline (a "
                "measure's facts carry no fields for them to read)"
            )
        if self.starts_without_ground and (self.per != "person" or self.each):
            raise ValueError(
                "starts_without_ground: only for a per-person deadline (no each): the "
                "custody record says whether a person is held on a ground"
            )
        if self.starts_in_custody and (self.waits_for_custody or self.per != "person" or self.each):
            raise ValueError(
                "starts_in_custody: only for a per-person deadline (no each) that does not "
                "wait for custody (waits_for_custody)"
            )
        if self.maximum and (
            self.effect != "legal_consequence"
            or self.per != "person"
            or self.each is not None
            or self.repeats_from is not None
        ):
            raise ValueError(
                "maximum: the longest a person may be held is a legal consequence counted "
                "once per person (effect: legal_consequence, per: person, no each, no "
                "repeats_from)"
            )
        if self.law.flag == "policy" and self.effect != "alert":
            raise ValueError(
                "law.flag policy: a court's service target can only alert, it has no "
                "legal consequence"
            )
        return self


# Disclosure: who sees what of a case (DESIGN principle 5; access/disclosure.py applies it).
# Audiences: ``public`` (the public portal), ``participant`` or ``participant:<role>`` (the
# portal, through a participation), ``staff`` or ``staff:<role>`` (the court workspace),
# ``api``, ``api:<scope>`` or ``api:<agency>`` (another system, by token scope, or by the
# kind of institution the token serves: ``access.models.Agency``).
AUDIENCE = r"^(public|participant|staff|api)(:[a-z][a-z0-9_:]*)?$"
VIEWER = r"^(participant|staff|api)(:[a-z][a-z0-9_:]*)?(/named)?$"
NameLevel = Literal["full", "initials", "pseudonym", "hidden"]
CaseStatus = Literal["before_charges", "charged", "convicted", "acquitted", "dismissed"]
OffenceFlag = Literal["firearm", "vaw", "cyber", "sexual", "trafficking", "drugs"]
PetitionRelation = Literal["own", "clients"]
# The side of a case a petitioner is on (``access/participant_codes.side_of``): the
# accused's (the accused, the defence, the public defender, an accused's guardian), the
# victim's (a victim, a complainant, the victim's lawyer, the guardian of a victim, a
# complainant or a witness), or neither (a witness, an expert, a guardian for whom the
# docket records nobody).
PetitionSide = Literal["accused_side", "victim_side", "no_side"]
PETITION_SIDES: tuple[PetitionSide, ...] = ("accused_side", "victim_side", "no_side")
RecordPart = Literal["whole", "detention"]
STAFF_ROLES = ("clerk", "judge", "court_admin")
API_SCOPES = ("cases:read", "cases:write", "measures:device")
# the kinds of institution a token serves (``access.models.Agency``, the same values)
API_AGENCIES = ("prosecution", "public_defence", "private_defence", "police", "prison", "other")


class Show(_Strict):
    """What an audience sees of a case, class by class; a class left out keeps what an
    earlier rule said (and, if no rule said anything, is not shown)."""

    case: bool | None = None  # the case exists at all: court, number, procedure
    offence: bool | None = None  # offence classes of the charges
    stage: bool | None = None
    hearings: bool | None = None  # dates, times and courtrooms of hearings
    accused_name: NameLevel | None = None
    victim_names: NameLevel | None = None
    other_names: NameLevel | None = None  # witnesses, complainants, lawyers, experts, …
    protected_names: NameLevel | None = None  # anyone the court marked protected
    identifiers: bool | None = None  # identity documents, police report numbers
    birth_dates: bool | None = None
    free_text: bool | None = None  # payload fields the pack marks ``protected: true``
    # "Who viewed my case": the readers of the log whose names this audience sees, as
    # audience tokens; "/named" adds "and the case names them in that role" (a staff
    # judge the case names as its judge). Default: nobody's name, only role and court.
    viewer_names: list[Annotated[str, Field(pattern=VIEWER)]] | None = None
    # The court's reasons when it decides a petition, on the portal (the petition's
    # receipt), for the petitions this audience reads: ``own`` (the reader's participation
    # is the petitioner), ``clients`` (the petitioner is one of the reader's clients:
    # the accused for defence counsel, victims and complainants for a victim's lawyer,
    # ``portal/counsel_petitions.py``). Default: neither; the date and outcome of a
    # decision are not free text and are shown to whoever sees the petition.
    petition_reasons: list[PetitionRelation] | None = None
    # Whose petitions' text this audience reads, by the petitioner's side: the free text
    # of a ``petition.filed`` entry (what is asked, who handed it in) and of the court's
    # ``petition.decided`` on it (its reasons, the measures it orders), in every
    # channel. Only where ``free_text`` shows the record's free text at all; a petition
    # of a side not listed keeps its kind, date and outcome, its text reads ``[…]``.
    # Default: no side's (fail closed).
    petition_texts: list[PetitionSide] | None = None
    # Which part of the case's record the audience reads: ``whole`` (the default), or
    # ``detention``: only the detention of the people the reader speaks for who are held
    # in the case now (their custody clock and entries, their own petitions and the
    # court's answers, the detention petitions to file) and no other class of data
    # (``access/detention_part.py``). For the rules on ``held`` below.
    part: RecordPart | None = None


class When(_Strict):
    """Which cases a rule applies to; every condition given must hold (empty: all)."""

    procedure: list[Literal["adult", "juvenile"]] | None = None
    status: list[CaseStatus] | None = None
    flags: list[OffenceFlag] | None = None  # some charge carries one of these flags
    # "expunged": a sealed case under an expunction order (rules for "sealed" apply too)
    confidentiality: list[Literal["public", "restricted", "sealed", "expunged"]] | None = None
    # Someone the reader speaks for (herself; a defence lawyer's client, every accused
    # when the docket records none; the person a guardian stands for) is held in the case
    # now: an open custody period (``access/detention_part.py``). Only for participants,
    # and only in sealed cases (the one place it is read: a sealing order must not cut a
    # detained person off their own detention).
    held: bool | None = None


class DisclosureRule(_Strict):
    """For the audiences ``to``, on the cases ``when`` matches, show what ``show`` says.
    Rules apply in the order of the pack (a national pack's new rules come last, and a
    rule it gives with an inherited id replaces that rule in place)."""

    to: list[Annotated[str, Field(pattern=AUDIENCE)]] = Field(min_length=1)
    when: When = Field(default_factory=When)
    show: Show
    source: str = Field(min_length=1)  # MISSION paragraph or the law it comes from
    law: Law | None = None

    @field_validator("law")
    @classmethod
    def _no_unverified_law(cls, law: Law | None) -> Law | None:
        if law is not None and law.flag == "U":
            raise ValueError("a disclosure rule cannot rest on an unverified (flag U) law")
        return law

    @field_validator("to")
    @classmethod
    def _known_audience(cls, to: list[str]) -> list[str]:
        for audience in to:
            kind, _sep, which = audience.partition(":")
            if kind == "staff" and which and which not in STAFF_ROLES:
                raise ValueError(f"{audience!r}: unknown staff role; use {list(STAFF_ROLES)}")
            if kind == "api" and which and which not in (*API_SCOPES, *API_AGENCIES):
                raise ValueError(
                    f"{audience!r}: unknown API scope or agency; use a scope "
                    f"{list(API_SCOPES)} or an agency {list(API_AGENCIES)}"
                )
            if kind == "public" and which:
                raise ValueError(f"{audience!r}: the public is one audience")
        return to

    @model_validator(mode="after")
    def _held_only_for_participants_of_sealed_cases(self) -> DisclosureRule:
        if self.when.held is None:
            return self
        if any(not t.startswith("participant") for t in self.to):
            raise ValueError("when.held: only participants are held or speak for someone held")
        sealed = {"sealed", "expunged"}
        if not self.when.confidentiality or not set(self.when.confidentiality) <= sealed:
            raise ValueError("when.held: read only in sealed cases; add confidentiality: [sealed]")
        return self


class Priority(_Strict):
    """Cases the law says come first on the lists. ``detained_juvenile``: a juvenile case
    with someone in custody (every deadline of such a person is marked ``priority``)."""

    when: Literal["detained_juvenile"]
    law: Law


class JuvenileAges(_Strict):
    """Who the juvenile procedure is for, by age at the time of the alleged acts: from
    ``minimum`` (the minimum age of criminal responsibility; below it no criminal
    procedure applies at all, ``None`` where the pack's law sets none) up to, not
    including, ``under`` (from that age, the adult procedure). The case page, the due
    list and the entry forms flag an accused whose age does not fit the case's procedure
    (``rules/ages.py``); nothing is refused, since a date of birth may be wrong.

    ``law`` is where the range comes from; ``minimum_law`` where the minimum does, when
    another article says it (else ``law`` is cited for both)."""

    minimum: int | None = Field(default=None, ge=1, le=25)
    under: int = Field(ge=1, le=30)
    law: Law
    minimum_law: Law | None = None

    @field_validator("law", "minimum_law")
    @classmethod
    def _checked_law(cls, law: Law | None) -> Law | None:
        if law is not None and law.flag in ("U", "policy"):
            raise ValueError(
                "an age the court is warned about rests on a checked (V) or partly checked "
                "(P) source"
            )
        return law

    @model_validator(mode="after")
    def _a_range(self) -> JuvenileAges:
        if self.minimum is not None and self.minimum >= self.under:
            raise ValueError(f"minimum ({self.minimum}) must be below under ({self.under})")
        if self.minimum_law is not None and self.minimum is None:
            raise ValueError("minimum_law cites the minimum age: give 'minimum' too")
        return self


class Penalty(_Strict):
    min_years: float | None = Field(default=None, ge=0)
    max_years: float | None = Field(default=None, ge=0)


class Offence(_Strict):
    code: str = Field(min_length=1, max_length=40)
    label: Localized
    iccs: str = Field(pattern=r"^\d{2}(\d{2}(\d{1,2})?)?$")
    penalty: Penalty | None = None
    law: Law
    flags: list[Literal["firearm", "vaw", "cyber", "sexual", "trafficking", "drugs"]] = Field(
        default_factory=list
    )

    _labels = field_validator("label")(_check_localized)


class CaseNumbering(_Strict):
    """How case numbers look. Placeholders: {year}, {yy}, {seq}, {office}, {matter}, and
    {check} for check digits computed by the scheme ``check`` names (``rules/numbering.py``).

    Without ``court_number`` a case's court number is its national identifier.
    ``sequence``: whether {seq} counts per year across the whole jurisdiction
    (``national``) or per year in each office (``office``, as Brazil's CNJ number does)."""

    court_number: str | None = "{year}-{seq:06d}"
    national_id: str = "{yy}-{seq:06d}-{office}-{matter}"
    matter: str = "PE"
    check: CheckScheme | None = None
    sequence: Literal["national", "office"] = "national"

    @field_validator("court_number", "national_id")
    @classmethod
    def _known_placeholders(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            names = numbering.placeholders(value)
        except ValueError as exc:
            raise ValueError(f"not a valid format: {exc}") from None
        unknown = names - numbering.PLACEHOLDERS
        if unknown:
            raise ValueError(f"unknown placeholder(s) {sorted(unknown)}")
        if "seq" not in names:
            raise ValueError("the format must contain {seq}")
        return value

    @model_validator(mode="after")
    def _check_has_a_place(self) -> CaseNumbering:
        formats = [f for f in (self.court_number, self.national_id) if f is not None]
        with_place = [f for f in formats if "check" in numbering.placeholders(f)]
        if with_place and self.check is None:
            raise ValueError(
                f"{with_place[0]!r} has a {{check}} place: name the scheme that computes "
                f"it in 'check' (one of {list(numbering.CHECK_SCHEMES)})"
            )
        if self.check is not None and not with_place:
            raise ValueError("'check' names a scheme, but no format has a {check} place")
        return self


def _check_time_zone(name: str) -> str:
    if not is_time_zone(name):
        raise ValueError(
            f"{name!r} is not a time zone: must be an IANA time zone such as America/Costa_Rica"
        )
    return name


class Calendar(_Strict):
    """Which days the courts work: the country's public holidays (from the ``holidays``
    package) and the dates the courts were closed, added by administrators."""

    holidays: str | None = None  # a country code of the `holidays` package
    court_closures: list[dt.date] = Field(default_factory=list)

    @field_validator("holidays")
    @classmethod
    def _known_country(cls, code: str | None) -> str | None:
        if code is not None and code not in holidays.list_supported_countries():
            raise ValueError(f"{code!r} is not a country code of the holidays package")
        return code


class ConsularNotification(_Strict):
    """A duty without a fixed term: when a foreign national is held, the court sees it
    open until entries record that the person was told of their right to have their
    consular post informed (``informed_by``, its bool field ``requested`` saying whether
    they asked for it) and, if they asked, that the post was informed (``notified_by``).

    Foreign means a recorded nationality other than the pack's ``country``; a stateless
    person, a national, or a person whose nationality is not recorded owes no duty (the
    page says to check the last). The law gives no number of hours ("without delay"), so
    this is not a deadline: it has no due moment and is not on the due list
    (custody/consular.py)."""

    informed_by: Annotated[str, Field(pattern=EVENT_TYPE_ID)]
    notified_by: Annotated[str, Field(pattern=EVENT_TYPE_ID)]
    law: Law
    # what the person is told on the portal, in plain words, per language
    plain: Localized
    note: str | None = None

    _plain = field_validator("plain")(_check_localized)

    @field_validator("law")
    @classmethod
    def _no_unverified_law(cls, law: Law) -> Law:
        if law.flag in ("U", "policy"):
            raise ValueError("a duty of law rests on a checked (V) or partly checked (P) source")
        return law


class Pack(_Strict):
    pack: Annotated[str, Field(pattern=ID)]
    version: str
    extends: str | None = None
    name: Localized
    timezone: str = "UTC"  # an IANA time zone (_check_time_zone)
    # the language the courts work in: what Expediente writes to court staff in until
    # they choose (None: the site's default language)
    language: Literal["es", "en", "pt", "fr"] | None = None
    calendar: Calendar = Field(default_factory=Calendar)
    procedures: list[Literal["adult", "juvenile"]] = Field(
        default_factory=lambda: ["adult"]  # type: ignore[arg-type]
    )
    numbering: CaseNumbering = Field(default_factory=CaseNumbering)
    roles: dict[Annotated[str, Field(pattern=ID)], Localized] = Field(default_factory=dict)
    initial_stage: str
    stages: list[Stage] = Field(min_length=1)
    event_types: dict[Annotated[str, Field(pattern=EVENT_TYPE_ID)], EventType]
    deadlines: list[Deadline] = Field(default_factory=list)
    offences: list[Offence] = Field(default_factory=list)
    priority: list[Priority] = Field(default_factory=list)
    # who the juvenile procedure is for, by age at the time of the acts (None: not said)
    juvenile_ages: JuvenileAges | None = None
    disclosure: dict[Annotated[str, Field(pattern=ID)], DisclosureRule] = Field(
        default_factory=dict
    )
    emergency: Emergency | None = None
    consular_notification: ConsularNotification | None = None

    _labels = field_validator("name")(_check_localized)
    _zone = field_validator("timezone")(_check_time_zone)

    @property
    def country(self) -> str:
        """The jurisdiction's country (ISO 3166-1 alpha-2), "" for a pack without one:
        the country whose public holidays its courts keep (``calendar.holidays``), as the
        statistics read it for citizenship (stats/scope.py) and consular notification for
        who is a foreign national."""
        return self.calendar.holidays or ""

    @model_validator(mode="after")
    def _references_resolve(self, info: ValidationInfo) -> Pack:
        if info.context and info.context.get("defer_references"):
            return self  # the loader reports them one per line, with their paths
        problems = reference_problems(self)
        if problems:
            raise ValueError("; ".join(f"{path}: {msg}" for path, msg in problems))
        return self

    def stage(self, stage_id: str) -> Stage:
        for s in self.stages:
            if s.id == stage_id:
                return s
        raise KeyError(stage_id)

    def offence(self, code: str) -> Offence | None:
        for o in self.offences:
            if o.code == code:
                return o
        return None

    def type_words(self, type_name: str) -> dict[str, str]:
        """An event type's label in every language the pack gives, for an error's words
        (the type's name itself, in English, for a type the pack does not know)."""
        event_type = self.event_types.get(type_name)
        return dict(event_type.label) if event_type is not None else {"en": type_name}


def reference_problems(pack: Pack, *, repeated_keys: bool = True) -> list[tuple[str, str]]:
    """Every reference in the pack that does not resolve, as (path, message) pairs, and
    (``repeated_keys``) every stage id, deadline id or offence code given twice: the
    loader says those itself, in the file that gives them, with both places."""
    out: list[tuple[str, str]] = []
    stage_ids = [st.id for st in pack.stages]
    for i, sid in enumerate(stage_ids):
        if repeated_keys and stage_ids.index(sid) != i:
            out.append((f"stages[{i}].id", f"stage {sid!r} is given twice"))
    if pack.initial_stage not in stage_ids:
        out.append(("initial_stage", f"{pack.initial_stage!r} is not a stage"))
    for name, et in pack.event_types.items():
        for i, sid in enumerate([] if et.stages == "any" else et.stages):
            if sid not in stage_ids:
                out.append((f"event_types.{name}.stages[{i}]", f"unknown stage {sid!r}"))
        if et.to_stage and et.to_stage not in stage_ids:
            out.append((f"event_types.{name}.to_stage", f"unknown stage {et.to_stage!r}"))
        for proc in et.procedures or []:
            if proc not in pack.procedures:
                out.append((f"event_types.{name}.procedures", f"{proc!r} is not a procedure"))
        for fname, spec in et.fields.items():
            for role in spec.role or []:
                if role not in pack.roles:
                    out.append(
                        (f"event_types.{name}.fields.{fname}.role", f"unknown role {role!r}")
                    )
    for i, d in enumerate(pack.deadlines):
        refs: list[tuple[str, str | None]] = (
            [("starts", d.starts)]
            if isinstance(d.starts, str)
            else [(f"starts[{k}]", r) for k, r in enumerate(d.starts)]
        )
        refs.append(("repeats_from", d.repeats_from))
        refs += [(f"satisfied_by[{k}]", r) for k, r in enumerate(d.satisfied_by)]
        refs += [(f"extended_by[{k}]", r) for k, r in enumerate(d.extended_by)]
        refs += [(f"suspended_by[{k}]", r) for k, r in enumerate(d.suspended_by)]
        refs += [(f"resumed_by[{k}]", r) for k, r in enumerate(d.resumed_by)]
        refs += [(f"stops_at[{k}]", r) for k, r in enumerate(d.stops_at)]
        refs += [(f"restarted_by[{k}]", r) for k, r in enumerate(d.restarted_by)]
        for where, ref in refs:
            if ref is not None and ref not in pack.event_types:
                out.append(
                    (f"deadlines[{i}].{where}", f"unknown event type {ref!r} (deadline {d.id})")
                )
        for who in d.alert.who:
            if who not in pack.roles:
                out.append((f"deadlines[{i}].alert.who", f"unknown role {who!r} (deadline {d.id})"))
        for key, values in d.applies_to.items():
            if key == "kind" and d.per == "measure":
                start = pack.event_types.get(d.start_type)
                kind_spec = start.fields.get("kind") if start else None
                known = (kind_spec.options or []) if kind_spec else []
                out += [
                    (f"deadlines[{i}].applies_to.kind", f"{v!r} is not a {d.start_type} kind")
                    for v in values
                    if v not in known
                ]
                continue
            if key != "procedure":
                out.append((f"deadlines[{i}].applies_to.{key}", "only 'procedure' is known"))
                continue
            for v in values:
                if v not in pack.procedures:
                    out.append(
                        (
                            f"deadlines[{i}].applies_to.procedure",
                            f"unknown procedure {v!r} (deadline {d.id})",
                        )
                    )
        out += _each_problems(pack, d, f"deadlines[{i}].each")
        out += _starts_when_problems(pack, d, f"deadlines[{i}].starts_when")
        out += _starts_when_problems(pack, d, f"deadlines[{i}].satisfied_when", satisfying=True)
        out += _repeats_when_problems(pack, d, f"deadlines[{i}].repeats_when")
        out += [
            (
                f"deadlines[{i}].starts_without_ground[{j}]",
                f"{name!r} is not among the rule's starts {list(d.start_types)} (deadline {d.id})",
            )
            for j, name in enumerate(d.starts_without_ground)
            if name not in d.start_types
        ]
        out += [
            (
                f"deadlines[{i}].starts_without_ground[{j}]",
                f"{name!r} is not a custody entry the custody record reads, so it never "
                f"finds the ground ended and would never start the rule (deadline {d.id})",
            )
            for j, name in enumerate(d.starts_without_ground)
            if name in d.start_types and name not in CUSTODY_RECORD_TYPES
        ]
        if d.until_from and d.per == "person":
            starting = pack.event_types.get(d.start_type)
            until = starting.fields.get(d.until_from) if starting else None
            if starting is not None and (until is None or until.type != "date"):
                out.append(
                    (
                        f"deadlines[{i}].until_from",
                        f"{d.start_type} has no date field {d.until_from!r} (deadline {d.id})",
                    )
                )
            # a person's facts carry one last day per event type (custody/history.py)
            other = next(
                (
                    e
                    for e in pack.deadlines
                    if e.per == "person"
                    and e.start_type == d.start_type
                    and e.until_from not in (None, d.until_from)
                ),
                None,
            )
            if other is not None:
                out.append(
                    (
                        f"deadlines[{i}].until_from",
                        f"{d.start_type} already gives its last day as {other.until_from!r} "
                        f"(deadline {other.id}): one date field per starting event",
                    )
                )
    out += _consular_problems(pack)
    for rule_id, rule in pack.disclosure.items():
        for k, audience in enumerate(rule.to):
            kind, _sep, which = audience.partition(":")
            if kind == "participant" and which and which not in pack.roles:
                out.append((f"disclosure.{rule_id}.to[{k}]", f"unknown role {which!r}"))
    ids = [d.id for d in pack.deadlines]
    for i, did in enumerate(ids):
        if repeated_keys and ids.index(did) != i:
            out.append((f"deadlines[{i}].id", f"deadline {did!r} is given twice"))
    codes = [o.code for o in pack.offences]
    for i, o in enumerate(pack.offences):
        if iccs.get(o.iccs) is None:
            out.append(
                (f"offences[{i}].iccs", f"{o.iccs!r} is not an ICCS v1.0 code (offence {o.code})")
            )
        if repeated_keys and codes.index(o.code) != i:
            out.append((f"offences[{i}].code", f"duplicate code {o.code!r}"))
    return out


def _consular_problems(pack: Pack) -> list[tuple[str, str]]:
    """The entries that discharge consular notification name the person (a participant
    field ``person``); the one that informs them says whether they asked (bool
    ``requested``)."""
    rule = pack.consular_notification
    if rule is None:
        return []
    out: list[tuple[str, str]] = []
    for where, name in (("informed_by", rule.informed_by), ("notified_by", rule.notified_by)):
        path = f"consular_notification.{where}"
        et = pack.event_types.get(name)
        if et is None:
            out.append((path, f"unknown event type {name!r}"))
            continue
        person = et.fields.get("person")
        if person is None or person.type != "participant":
            out.append((path, f"{name} has no participant field 'person'"))
        asked = et.fields.get("requested")
        if where == "informed_by" and (asked is None or asked.type != "bool" or not asked.required):
            out.append((path, f"{name} has no required bool field 'requested'"))
    return out


def _fields_meet(conditions: Mapping[str, list[str | bool]], values: Mapping[str, object]) -> bool:
    """Every named field holds one of its listed values (a bool only as a bool)."""
    for name, allowed in conditions.items():
        value = values.get(name)
        if not any(value == a and type(value) is type(a) for a in allowed):
            return False
    return True


def _repeats_when_problems(pack: Pack, d: Deadline, where: str) -> list[tuple[str, str]]:
    """``repeats_when`` needs ``repeats_from`` and names choice or bool fields of it, by
    their values: checked as ``starts_when`` is, through a rule that starts there."""
    if not d.repeats_when:
        return []
    if d.repeats_from is None:
        return [(where, f"repeats_when needs repeats_from (deadline {d.id})")]
    probe = d.model_copy(
        update={"starts": [d.repeats_from], "starts_when": {d.repeats_from: d.repeats_when}}
    )
    inner = f"{where}.{d.repeats_from}"
    return [
        (where + path[len(inner) :], message)
        for path, message in _starts_when_problems(pack, probe, where)
    ]


def _starts_when_problems(
    pack: Pack, d: Deadline, where: str, *, satisfying: bool = False
) -> list[tuple[str, str]]:
    """``starts_when`` names starting event types of the rule (``satisfied_when``, with
    ``satisfying``: satisfying types), and fields of theirs that are choices (by their
    options) or bools (by true or false), as ``only_if`` does."""
    out: list[tuple[str, str]] = []
    named = list(d.satisfied_by) if satisfying else list(d.start_types)
    what = "satisfied_by" if satisfying else "starts"
    for type_name, conditions in (d.satisfied_when if satisfying else d.starts_when).items():
        path = f"{where}.{type_name}"
        if type_name not in named:
            out.append(
                (
                    path,
                    f"{type_name!r} is not among the rule's {what} {named} (deadline {d.id})",
                )
            )
            continue
        et = pack.event_types.get(type_name)
        if et is None:
            continue  # an unknown type: said once, about starts
        if not conditions:
            out.append((path, f"name at least one field of {type_name} (deadline {d.id})"))
        for name, values in conditions.items():
            spec = et.fields.get(name)
            if spec is None or spec.type not in ("choice", "bool"):
                out.append(
                    (
                        f"{path}.{name}",
                        f"{type_name} has no choice or bool field {name!r} (deadline {d.id})",
                    )
                )
                continue
            if not values:
                out.append((f"{path}.{name}", f"give at least one value (deadline {d.id})"))
            if spec.type == "choice":
                wrong = [v for v in values if v not in (spec.options or [])]
                known = f"its options are {spec.options}"
            else:
                wrong = [v for v in values if not isinstance(v, bool)]
                known = "a yes-or-no field holds true or false"
            if wrong:
                out.append(
                    (
                        f"{path}.{name}",
                        f"{wrong} are not values of {name!r}: {known} (deadline {d.id})",
                    )
                )
    return out


def _each_problems(pack: Pack, d: Deadline, where: str) -> list[tuple[str, str]]:
    """The fields ``each`` names must exist: a participant field on the starting event, an
    int field on every satisfying event."""
    if d.each is None:
        return []
    out: list[tuple[str, str]] = []
    start = pack.event_types.get(d.start_type)
    spec = start.fields.get(d.each.subject) if start else None
    if start is not None and (spec is None or spec.type != "participant"):
        out.append(
            (f"{where}.subject", f"{d.start_type} has no participant field {d.each.subject!r}")
        )
    for name in d.satisfied_by:
        et = pack.event_types.get(name)
        answer = et.fields.get(d.each.answers) if et else None
        if et is not None and (answer is None or answer.type != "int"):
            out.append((f"{where}.answers", f"{name} has no int field {d.each.answers!r}"))
    return out
