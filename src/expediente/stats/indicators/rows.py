"""The rows indicators are computed from: events read into spans, one row per unit.
Pure Python: ``stats.load`` fills them from the database, tests build them by hand.

Classification helpers list every value explicitly and raise on an unknown one, so a new
value (a new custody kind, say) forces a decision instead of being miscounted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# -- classifications


class UnknownValue(ValueError):
    def __init__(self, what: str, value: str) -> None:
        super().__init__(f"unknown {what} {value!r}: classify it in stats/indicators/rows.py")
        self.what, self.value = what, value


SEXES = {"female": "female", "male": "male", "other": "other", "unknown": "unknown", "": "unknown"}


def sex_class(raw: str) -> str:
    try:
        return SEXES[raw]
    except KeyError:
        raise UnknownValue("sex", raw) from None


def citizenship_class(nationality: str, country: str) -> str:
    """national / foreign / stateless / unknown, against the jurisdiction's country code.
    A stateless person is no State's national: neither national nor a foreign citizen
    (docket/countries.py ``STATELESS``; the same value as stats/sql/sources._citizenship)."""
    if nationality == "stateless":
        return "stateless"
    if not nationality or not country:
        return "unknown"
    return "national" if nationality.upper() == country.upper() else "foreign"


def age_status(procedure: str) -> str:
    """UN-CTS age status (adult / juvenile) from the case's procedure: national law
    decides who is tried as a juvenile, and the court recorded that decision."""
    if procedure in ("adult", "juvenile"):
        return procedure
    raise UnknownValue("procedure", procedure)


def section_of(iccs: str | None) -> str:
    """The ICCS section (level 1, two digits) of a code; "unmapped" when a charge maps to
    no ICCS code (reported, never dropped); "none" for a person with no charge."""
    if iccs is None:
        return "none"
    return iccs[:2] if len(iccs) >= 2 else "unmapped"


# SDG 16.3.2 / UN-CTS "persons held": custody kinds (custody.models.Kind) to status.
# Police custody is not a prison, penal or correctional institution: not counted as held.
# An unsentenced kind held after a first-instance decision (``CustodyPeriod.decided``: held
# after an acquittal) counts as sentenced: "sentenced" means a competent authority has
# decided on conviction or acquittal (``sentence_status``, ``liberty_status``).
SENTENCE_STATUS: dict[str, str | None] = {
    "police": None,
    "pretrial": "unsentenced",
    "sentenced_appeal": "sentenced",  # a first-instance decision under appeal: sentenced
    "sentenced_final": "sentenced",
}
# Deprivation of liberty of juveniles counts police custody too.
LIBERTY_STATUS = {
    "police": "police",
    "pretrial": "unsentenced",
    "sentenced_appeal": "sentenced",
    "sentenced_final": "sentenced",
}


# Measures the measures module records (measures.conditions.KINDS), each classified
# explicitly: all are non-custodial, as in the UN Standard Minimum Rules for Non-custodial
# Measures (the Tokyo Rules, GA res. 45/110, rule 8.2, which lists house arrest among
# them; to confirm where national law counts house arrest as detention).
MEASURE_CLASS = {
    "periodic_reporting": "non_custodial",
    "restraining_order": "non_custodial",
    "house_arrest": "non_custodial",
    "curfew": "non_custodial",
    "electronic_monitoring": "non_custodial",
    "travel_ban": "non_custodial",
    "bail": "non_custodial",
    "place_or_activity_ban": "non_custodial",
    "treatment_programme": "non_custodial",
    "community_service": "non_custodial",
    "probation": "non_custodial",
    "fine_instalments": "non_custodial",
    "restorative_agreement": "non_custodial",
}


# Hearings (court.Sitting): the kinds and the reasons a hearing was not held, as the rule
# pack lists them (intl.yaml, hearing.scheduled ``kind`` and hearing.not_held ``reason``),
# each named explicitly. A date set before the kind was required carries none.
HEARING_KINDS = {
    "custody": "custody",
    "preliminary": "preliminary",
    "trial": "trial",
    "sentencing": "sentencing",
    "appeal": "appeal",
    "review": "review",
    "enforcement": "enforcement",
    "other": "other",
    "": "not_recorded",
}
NOT_HELD_REASONS = (
    "accused_absent",
    "defence_absent",
    "prosecutor_absent",
    "witness_absent",
    "victim_absent",
    "judge_unavailable",
    "transport_failed",  # the detained accused was not brought: a reason of its own
    "interpreter_absent",
    "court_closed",
    "other",
)


def hearing_kind(kind: str) -> str:
    try:
        return HEARING_KINDS[kind]
    except KeyError:
        raise UnknownValue("hearing kind", kind) from None


def hearing_outcome(status: str, reason: str) -> tuple[str, str]:
    """(result, outcome) of a date set for a hearing: ``held``, ``not_held`` with its
    reason as the outcome, or ``no_outcome`` (the date passed with neither recorded:
    counted apart, never as held)."""
    if status == "held":
        return ("held", "held")
    if status == "scheduled":
        return ("no_outcome", "no_outcome")
    if status == "not_held":
        if reason in NOT_HELD_REASONS:
            return ("not_held", reason)
        raise UnknownValue("reason a hearing was not held", reason)
    raise UnknownValue("hearing status", status)


def measure_class(kind: str) -> str:
    try:
        return MEASURE_CLASS[kind]
    except KeyError:
        raise UnknownValue("measure kind", kind) from None


def sentence_status(kind: str, decided: bool = False) -> str | None:
    """The SDG 16.3.2 status of a period of ``kind``: None for police custody (not
    held), ``sentenced`` for one ``decided`` (a verdict in force, even an acquittal)."""
    try:
        status = SENTENCE_STATUS[kind]
    except KeyError:
        raise UnknownValue("custody kind", kind) from None
    return "sentenced" if decided and status == "unsentenced" else status


def liberty_status(kind: str, decided: bool = False) -> str:
    """As ``sentence_status``, police custody kept as ``police`` (juveniles deprived of
    liberty count it), decided or not."""
    try:
        status = LIBERTY_STATUS[kind]
    except KeyError:
        raise UnknownValue("custody kind", kind) from None
    return "sentenced" if decided and status == "unsentenced" else status


# -- rows


@dataclass(frozen=True)
class CaseRow:
    court: str
    procedure: str
    opened_at: dt.datetime
    resolved_at: dt.datetime | None  # first verdict or dismissal (first-instance disposition)
    # the stretches it is pending, (start, end or None), when it was reopened; none given:
    # one, from the opening to the first disposition
    spells: tuple[tuple[dt.datetime, dt.datetime | None], ...] = ()

    def stretches(self) -> tuple[tuple[dt.datetime, dt.datetime | None], ...]:
        return self.spells or ((self.opened_at, self.resolved_at),)


@dataclass(frozen=True)
class CustodyRow:
    """A custody period (``custody.CustodyPeriod``) and what ended it (``end_type``: the
    entry's type, ``custody.died`` for a death in custody; "" while it runs)."""

    person: int
    procedure: str
    kind: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    sex: str
    end_type: str = ""
    # a first-instance decision (conviction or acquittal) is in force: sentenced
    decided: bool = False


@dataclass(frozen=True)
class ArrestRow:
    """The deadline to bring an arrested person before a judge (custody.Deadline):
    met (``satisfied_at``, by an appearance or a release), still running (``open``), or
    stopped without being met (``stopped_at``: the person died in custody, which stops
    every clock, ``Fact.ends_all``)."""

    started_at: dt.datetime
    due_at: dt.datetime
    satisfied_at: dt.datetime | None
    satisfied_type: str
    open: bool
    stopped_at: dt.datetime | None = None


@dataclass(frozen=True)
class HearingRow:
    """A date set for a hearing (``court.Sitting``, corrections applied): held, not held
    (with the reason), moved to another date (``moved``: counted at its new date), or
    still ``scheduled`` (no outcome recorded)."""

    court: str
    kind: str
    starts_at: dt.datetime
    status: str
    reason: str = ""


@dataclass(frozen=True)
class TrialSetting:
    """A date set for a trial-kind hearing (``court.Sitting``): the entry that set it
    (``set_by_seq``: a ``hearing.scheduled`` or ``hearing.rescheduled``), the date, and
    what became of it (held, not_held, moved, scheduled)."""

    seq: int
    starts_at: dt.datetime
    status: str


@dataclass(frozen=True)
class TrialRow:
    """A case, with its verdicts (moment and the number first recorded, corrections
    applied) and the dates set for its trial-kind hearings."""

    court: str
    procedure: str
    verdicts: tuple[tuple[dt.datetime, int], ...]
    trial_settings: tuple[TrialSetting, ...]


@dataclass(frozen=True)
class DeadlineRow:
    """A custody deadline the rules alert the judge of (``custody.Deadline``), as the
    detention clock computed it: ``missed_at`` when it ended after running out, met
    late or not at all, or was extended only after it ran out (then ``missed_due`` is
    the due moment it ran out at, else the deadline's own ``due_at``)."""

    court: str
    rule: str
    start_at: dt.datetime
    due_at: dt.datetime
    satisfied_at: dt.datetime | None
    stopped_at: dt.datetime | None
    suspended_since: dt.datetime | None
    missed_at: dt.datetime | None
    missed_due: dt.datetime


@dataclass(frozen=True)
class DecisionRow:
    """A decision about measures: a custody hearing's outcome, a pretrial detention
    order, a verdict (``custodial`` says whether its sentence is), or a measure imposed
    (``measure.imposed``, ``outcome`` its kind)."""

    type: str
    occurred_at: dt.datetime
    outcome: str
    custodial: bool | None


@dataclass(frozen=True)
class CounselRow:
    """A ``participant.acts_for`` entry about an accused, as last corrected: the lawyer
    (``counsel``: her participation; ``role``: ``defence`` or ``public_defender``) acts
    for them from ``occurred_at``, or no longer does (``ended``). ``seq``: the entry's
    number, first recorded (the latest for a lawyer wins)."""

    seq: int
    counsel: int
    role: str
    ended: bool
    occurred_at: dt.datetime


@dataclass(frozen=True)
class AccusedRow:
    """An accused person in one case (``id``: the participation), with the moments the
    legal-status timeline moved. ``person`` is the person, the same in every case."""

    id: int
    person: int
    section: str
    sex: str
    age_status: str
    citizenship: str
    added_at: dt.datetime
    indicted: tuple[dt.datetime, ...] = ()
    convicted: tuple[dt.datetime, ...] = ()
    acquitted: tuple[dt.datetime, ...] = ()
    dismissed: tuple[dt.datetime, ...] = ()
    vaw_charged_at: dt.datetime | None = None  # first violence-against-women charge
    charged_at: dt.datetime | None = None  # when the first charge (``section``) was filed
    counsel: tuple[CounselRow, ...] = ()  # the lawyers' entries about them (acts_for)

    def section_by(self, end: dt.datetime) -> str:
        """The ICCS section as known at ``end``: "none" when the first charge came
        later (a closed period's breakdowns do not change afterwards)."""
        if self.charged_at is not None and self.charged_at >= end:
            return "none"
        return self.section


@dataclass(frozen=True)
class VictimRow:
    """A victim in a case charged with completed intentional homicide by firearm."""

    id: int
    sex: str
    charged_at: dt.datetime  # the first such charge
