"""The Brazilian demo court: how its custody hearings go, and the people it holds at
each limit of the br pack, so its judge's "due and overdue" list is full.

Adults: the custody hearing within 24 hours (CPP art. 310 from the arrest; Res. CNJ
213/2015 art. 1 from the notice of the flagrant arrest) and the review of preventive
detention every 90 days (CPP art. 316). Adolescents (ECA, Lei 8.069/1990): presentation
within 24 hours (the international baseline), provisional internment of 45 days at most
(art. 108), reassessment of internment every 6 months (art. 121 §2), 3 years at most
(art. 121 §3) and release at 21 (art. 121 §5). And the baseline's release once a
detention order is lifted (the court's 24-hour target): a person still recorded as held
hours after the lift, or days; the same after a reassessment that ended an internment
(br.eca.release_on_internment_end). Each scenario stands, at the anchor, approaching its
limit (inside the first alert) or past it.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from expediente.demo.sim import Sim, _person, at, stands_for
from expediente.rules.calendars import add_months

# (scenario, procedure): adult and adolescent limits alternate so that even a small
# caseload has both.
LIMITS: tuple[tuple[str, str], ...] = (
    ("custody_hearing_soon", "adult"),
    ("provisional_internment_soon", "juvenile"),
    ("review_overdue", "adult"),
    ("reassessment_overdue", "juvenile"),
    ("custody_hearing_overdue", "adult"),
    ("release_at_21_soon", "juvenile"),
    ("review_soon", "adult"),
    ("provisional_internment_overdue", "juvenile"),
    ("notice_soon", "adult"),
    ("internment_maximum_soon", "juvenile"),
    ("presentation_soon", "juvenile"),
    ("reassessment_soon", "juvenile"),
    ("internment_maximum_overdue", "juvenile"),
    ("release_at_21_overdue", "juvenile"),
    ("presentation_overdue", "juvenile"),
    ("release_soon", "adult"),
    ("release_overdue", "adult"),
    ("internment_release_soon", "juvenile"),
    ("internment_release_overdue", "juvenile"),
)
# The deadline each scenario is about, and where it stands at the anchor.
EXPECTED: dict[str, tuple[str, str]] = {
    "custody_hearing_soon": ("br.custody_hearing.from_arrest", "due_soon"),
    "custody_hearing_overdue": ("br.custody_hearing.from_arrest", "overdue"),
    "notice_soon": ("br.custody_hearing.from_notice", "due_soon"),
    "review_soon": ("br.preventive_detention_review", "due_soon"),
    "review_overdue": ("br.preventive_detention_review", "overdue"),
    "presentation_soon": ("intl.presentation_to_judge.juvenile", "due_soon"),
    "presentation_overdue": ("intl.presentation_to_judge.juvenile", "overdue"),
    "provisional_internment_soon": ("br.eca.provisional_internment", "due_soon"),
    "provisional_internment_overdue": ("br.eca.provisional_internment", "overdue"),
    "reassessment_soon": ("br.eca.internment_reassessment", "due_soon"),
    "reassessment_overdue": ("br.eca.internment_reassessment", "overdue"),
    "internment_maximum_soon": ("br.eca.internment_maximum", "due_soon"),
    "internment_maximum_overdue": ("br.eca.internment_maximum", "overdue"),
    "release_at_21_soon": ("br.eca.compulsory_release_at_21", "due_soon"),
    "release_at_21_overdue": ("br.eca.compulsory_release_at_21", "overdue"),
    # the preventive detention lifted, and no release recorded (the court's 24-hour
    # target of the baseline's intl.release_on_order_end)
    "release_soon": ("intl.release_on_order_end", "due_soon"),
    "release_overdue": ("intl.release_on_order_end", "overdue"),
    # a reassessment ended the internment, and no release recorded (the court's 24-hour
    # target of br.eca.release_on_internment_end)
    "internment_release_soon": ("br.eca.release_on_internment_end", "due_soon"),
    "internment_release_overdue": ("br.eca.release_on_internment_end", "overdue"),
}
HEARING_HOURS = 14  # from the arrest to the custody hearing, when it is held in time


def limit_scenario(j: int) -> tuple[str, str] | None:
    """The limit the Brazilian court's ``j``-th case stands at (every other case), with
    its procedure; None for an ordinary case."""
    if j % 2:
        return None
    return LIMITS[(j // 2) % len(LIMITS)]


@dataclass(frozen=True)
class Plan:
    """When the scenario's case opens and its key moments fall (UTC)."""

    opened: dt.datetime
    start: dt.datetime  # the arrest, the internment order or the start of the measure
    notified: dt.datetime | None = None  # the notice of a flagrant arrest
    lifted: dt.datetime | None = None  # the detention order lifted, no release recorded
    born: dt.date | None = None  # a date of birth the scenario needs


def plan(rng: random.Random, scenario: str, anchor: dt.datetime, tz: ZoneInfo) -> Plan:
    """The moments of ``scenario``, chosen back from the anchor."""
    today = anchor.astimezone(tz).date()

    def on(day: dt.date, hour: int = 15) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=tz).astimezone(dt.UTC)

    def hours_ago(h: float) -> dt.datetime:
        return (anchor - dt.timedelta(hours=h)).replace(microsecond=0)

    def opened_before(moment: dt.datetime, days: tuple[int, int]) -> dt.datetime:
        return moment - dt.timedelta(days=rng.randint(*days), hours=rng.randint(1, 5))

    if scenario in ("custody_hearing_soon", "presentation_soon"):  # due within 6 h
        arrested = hours_ago(rng.uniform(19, 21.5))
        notice = arrested + dt.timedelta(hours=rng.randint(1, 2))
        return Plan(arrested - dt.timedelta(hours=1), arrested, notice)
    if scenario in ("custody_hearing_overdue", "presentation_overdue"):
        arrested = hours_ago(rng.uniform(30, 60))
        notice = arrested + dt.timedelta(hours=rng.randint(1, 3))
        return Plan(arrested - dt.timedelta(hours=1), arrested, notice)
    if scenario == "notice_soon":  # the notice came late: due within 6 h of the anchor
        arrested = hours_ago(rng.uniform(30, 40))
        return Plan(arrested - dt.timedelta(hours=1), arrested, hours_ago(rng.uniform(19, 21.5)))
    if scenario.startswith("internment_release"):  # 24 h from the reassessment that ended it
        hours = rng.uniform(2, 20) if scenario.endswith("soon") else rng.uniform(30, 60)
        ended = hours_ago(hours)
        # 9 or 15 months into the measure: halfway between two reassessments, all held
        started = on(add_months(ended.astimezone(tz).date(), -rng.choice([9, 15])))
        return Plan(opened_before(started, (25, 40)), started, lifted=ended)
    if scenario in ("release_soon", "release_overdue"):  # 24 h from the lift
        hours = rng.uniform(2, 20) if scenario == "release_soon" else rng.uniform(30, 60)
        lifted = hours_ago(hours)
        arrested = lifted - dt.timedelta(days=rng.randint(20, 60))
        return Plan(arrested - dt.timedelta(hours=1), arrested, lifted=lifted)
    # "soon": within the window of due soon (``rules.deadlines.DUE_SOON_WITHIN``: the last
    # 7 days, the last 30 for a legal maximum), whatever the pack's first alert
    if scenario in ("review_soon", "review_overdue"):  # 90 days, first alert 15 days before
        days = rng.randint(2, 6) if scenario == "review_soon" else -rng.randint(5, 30)
        ordered = on(today + dt.timedelta(days=days - 90))
        arrested = ordered - dt.timedelta(hours=HEARING_HOURS)
        return Plan(arrested - dt.timedelta(hours=1), arrested)
    if scenario.startswith("provisional_internment"):  # 45 days, first alert 10 days before
        soon = scenario.endswith("soon")
        days = rng.randint(2, 8) if soon else -rng.randint(3, 20)
        ordered = on(today + dt.timedelta(days=days - 45))
        arrested = ordered - dt.timedelta(hours=HEARING_HOURS)
        return Plan(arrested - dt.timedelta(hours=1), arrested)
    if scenario.startswith("reassessment"):  # 6 months, first alert 15 days before
        days = rng.randint(2, 6) if scenario.endswith("soon") else -rng.randint(5, 40)
        started = on(add_months(today + dt.timedelta(days=days), -6))
        return Plan(opened_before(started, (25, 40)), started)
    if scenario.startswith("internment_maximum"):  # 3 years, first alert 30 days before
        days = rng.randint(8, 25) if scenario.endswith("soon") else -rng.randint(5, 30)
        started = on(add_months(today + dt.timedelta(days=days), -36))
        return Plan(opened_before(started, (25, 40)), started)
    # Release at 21, the eve of the 21st birthday: opened at 17 years and 11 months (ECA
    # judges acts done before 18), the internment ordered 31 to 44 days later.
    days = rng.randint(3, 25) if scenario.endswith("soon") else -rng.randint(3, 20)
    birthday = today + dt.timedelta(days=days + 1)
    born = add_months(birthday, -12 * 21)
    opened = on(add_months(born, 12 * 17 + 11), hour=10)
    return Plan(opened, opened + dt.timedelta(days=rng.randint(31, 44)), born=born)


def at_limit(sim: Sim, scenario: str, planned: Plan) -> None:
    """Record the case of ``scenario`` as ``plan`` lays it out."""
    rng, country = sim.rng, sim.country
    today = sim.now.date()
    juvenile = sim.juvenile
    accused = _person(rng, age=(14, 16) if juvenile else (18, 60), on=today, country=country)
    if planned.born is not None:
        accused["date_of_birth"] = planned.born.isoformat()
    sim.record("participant.added", {"role": "accused", "person": accused})
    sim.accused.append("P1")
    for role in ["prosecutor", "public_defender"] + (["guardian"] if juvenile else []):
        person = _person(rng, age=(30, 60), on=today, country=country)
        added = sim.record("participant.added", {"role": role, "person": person})
        if role == "guardian" and added:
            stands_for(sim, added["participant"])
    offence = rng.choice(sorted(country.custody_likely))
    sim.record("charge.filed", {"accused": "P1", "offence": offence})
    if scenario.startswith(("reassessment", "internment_maximum", "release_at_21")):
        _internment(sim, planned)
        return
    if scenario.startswith("internment_release"):  # ended, and still recorded as held
        assert planned.lifted is not None
        _internment(sim, planned, until=planned.lifted - dt.timedelta(days=1))
        at(sim, planned.lifted)
        sim.record("custody.internment_reassessed", {"person": "P1", "outcome": "ended"})
        return
    at(sim, planned.start)
    place = rng.choice(country.names.PLACES)
    sim.record("custody.arrested", {"person": "P1", "place": place, "flagrante": True})
    if planned.notified is not None and not juvenile:
        at(sim, planned.notified)
        sim.record("custody.flagrant_notified", {"person": "P1"})
    if scenario.endswith(("hearing_soon", "hearing_overdue", "notice_soon")) or (
        scenario.startswith("presentation")
    ):
        return  # not yet before the judge
    at(sim, planned.start + dt.timedelta(hours=HEARING_HOURS))
    sim.record("custody.hearing_held", {"person": "P1", "outcome": "pretrial_detention"})
    limit = 45 if juvenile else 90
    until = sim.now.astimezone(sim.tz).date() + dt.timedelta(days=limit)
    facilities = country.juvenile_facilities if juvenile else country.facilities
    sim.record(
        "custody.pretrial_ordered",
        {
            "person": "P1",
            "until": until.isoformat(),
            "grounds": country.grounds,
            "facility": rng.choice(facilities),
        },
    )
    if planned.lifted is not None:  # lifted, and the person is still recorded as held
        at(sim, planned.lifted)
        sim.record("custody.pretrial_lifted", {"person": "P1", "reason": country.review_lift})


def _internment(sim: Sim, planned: Plan, until: dt.datetime | None = None) -> None:
    """Judged and interned (ECA art. 121): the measure starts at ``planned.start``; the
    court reassesses it a few days before each 6 months, up to the scenario's limit (or
    ``until``)."""
    rng = sim.rng
    at(sim, planned.opened + dt.timedelta(days=rng.randint(2, 6)))
    sim.record("indictment.filed", {"accused": "P1"})
    sim.advance(hours=2)
    sim.record("trial.committed", {})
    at(sim, planned.start - dt.timedelta(days=1))
    sim.record("verdict.delivered", {"accused": "P1", "outcome": "convicted", "custodial": True})
    at(sim, planned.start)
    facility = rng.choice(sim.country.juvenile_facilities)
    sim.record("custody.sentence_started", {"person": "P1", "facility": facility})
    if _reassessed_scenario(planned, sim):
        last = planned.start
        while True:
            due = dt.datetime.combine(
                add_months(last.astimezone(sim.tz).date(), 6), dt.time(11), tzinfo=sim.tz
            )
            held = due - dt.timedelta(days=rng.randint(1, 10))
            if held > (until or sim.anchor - dt.timedelta(hours=1)):
                return
            at(sim, held)
            sim.record("custody.internment_reassessed", {"person": "P1", "outcome": "maintained"})
            last = sim.now


def _reassessed_scenario(planned: Plan, sim: Sim) -> bool:
    """Whether the court kept up the reassessments: in every internment scenario except
    those about the reassessment itself (their only one is due or missed)."""
    six_months = add_months(planned.start.astimezone(sim.tz).date(), 6)
    return six_months < (sim.anchor - dt.timedelta(days=60)).astimezone(sim.tz).date()


def custody_hearing(sim: Sim, person: str, juvenile: bool, flagrante: bool) -> None:
    """An ordinary Brazilian arrest, after ``custody.arrested``: the notice of a flagrant
    arrest, the custody hearing (most within 24 hours, a few late), and its outcome."""
    rng, country = sim.rng, sim.country
    hours = rng.choice([6, 10, 14, 18, 20, 22, 23, 26, 30])
    arrested = sim.now
    if flagrante and not juvenile:
        if not sim.advance(hours=rng.choice([1, 2, 3, 4])):
            return
        sim.record("custody.flagrant_notified", {"person": person})
    at(sim, arrested + dt.timedelta(hours=hours))
    if sim.now > sim.anchor:
        sim.done = True
        return
    outcome = rng.choices(["pretrial_detention", "alternative_measures", "released"], [45, 40, 15])[
        0
    ]
    sim.record("custody.hearing_held", {"person": person, "outcome": outcome})
    if outcome != "pretrial_detention":
        reason = "measures_replaced" if outcome == "alternative_measures" else "order_of_court"
        sim.record("custody.released", {"person": person, "reason": reason})
        sim.detained.discard(person)
        return
    limit = 45 if juvenile else 90
    facilities = country.juvenile_facilities if juvenile else country.facilities
    sim.record(
        "custody.pretrial_ordered",
        {
            "person": person,
            "until": (sim.now.astimezone(sim.tz).date() + dt.timedelta(days=limit)).isoformat(),
            "grounds": country.grounds,
            "facility": rng.choice(facilities),
        },
    )
    sim.pretrial.add(person)


def provisional_internment_ends(sim: Sim) -> None:
    """An adolescent's provisional internment (ECA art. 108, 45 days at most) ends, most
    often in time; now and then a few days late, which the due list shows."""
    rng = sim.rng
    for person in sorted(sim.pretrial):
        if not sim.advance(days=rng.choice([18, 25, 31, 38, 42, 44, 48])):
            return
        sim.record(
            "custody.pretrial_lifted", {"person": person, "reason": "Fim da internação provisória"}
        )
        sim.record("custody.released", {"person": person, "reason": "order_of_court"})
        sim.pretrial.discard(person)
        sim.detained.discard(person)
