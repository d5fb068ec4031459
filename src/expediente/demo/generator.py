"""A realistic, deterministic caseload, recorded through the one write path.

Every case is simulated forward from its opening date through the procedure of the
court's rule pack (arrest and custody, hearings and adjournments, indictment, trial,
verdict, appeal, final judgment, or an early exit) until the simulation reaches the
anchor date, so cases stand in every stage. The same seed and anchor give the same
caseload; each event carries an idempotency key derived from them, so running the
generator again (after an interruption, say) records nothing twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction

from expediente.access.accounts import system_account
from expediente.access.models import User
from expediente.access.policy import Actor
from expediente.custody.foresight import order_types
from expediente.custody.selectors import anyone_held_at
from expediente.demo import appeals, brazil, names
from expediente.demo.accounts import colleague_person, court_judge, judge_person
from expediente.demo.countries import COSTA_RICA, COUNTRIES, Country
from expediente.demo.petitions import petition_case, petitioned
from expediente.demo.sim import Sim, _person, counsel_changes, counsel_recorded, stands_for
from expediente.demo.sim import at as _at
from expediente.docket.models import Case, Court, Jurisdiction
from expediente.docket.services import case_open
from expediente.rules.calendars import add_months
from expediente.rules.deadlines import rules_for
from expediente.rules.loader import load_pack

COURTS = [
    # code, name, office code, procedure mix, jurisdiction (and rule pack)
    ("sj-penal", "Juzgado Penal del I Circuito Judicial de San José", "0042", "adult", "cr"),
    ("cartago-penal", "Juzgado Penal de Cartago", "0345", "adult", "cr"),
    ("sj-juvenil", "Juzgado Penal Juvenil de San José", "0719", "juvenile", "cr"),
    # A Brazilian single court (vara única) tries adults and adolescents alike; its office
    # code is the TR.OOOO of its CNJ numbers (TJSP is tribunal 26).
    ("ilhabela-vara", "Vara Única da Comarca de Ilhabela", "26.0247", "both", "br"),
]
BRAZIL_COURT = 3


def court_index(i: int) -> int:
    """Which of COURTS case number ``i`` goes to. The Brazilian court takes the even
    numbers that would have gone to Cartago (i % 10 in 2, 8): every limit, state and
    supervision case of the Costa Rican courts has an odd number, so they keep them all.
    Its own cases are numbered j = i // 5 (0, 1, 2, …)."""
    if i % 10 in (2, 8):
        return BRAZIL_COURT
    return 0 if i % 5 in (0, 1) else 1 if i % 5 in (2, 3) else 2


# The Costa Rican pack's offences (the limit, state and supervision scenarios use them).
OFFENCE_WEIGHTS = COSTA_RICA.offence_weights
CUSTODY_LIKELY = set(COSTA_RICA.custody_likely)


def _hearing(sim: Sim, kind: str, *, after_days: tuple[int, int]) -> bool:
    """Schedule a hearing, then hold it, possibly after adjournments. False if time ran out."""
    rng = sim.rng
    sim.hearings += 1
    hid = f"H{sim.hearings}"
    sim.working_hours()
    starts = sim.now + dt.timedelta(days=rng.randint(*after_days))
    sim.record(
        "hearing.scheduled",
        {
            "hearing": hid,
            "kind": kind,
            "starts_at": starts.isoformat(),
            "courtroom": rng.choice(sim.country.names.COURTROOMS),
        },
    )
    while True:
        if not sim.advance(hours=(starts - sim.now).total_seconds() / 3600):
            return False
        if rng.random() < 0.78:
            sim.record("hearing.held", {"hearing": hid})
            return True
        reason = rng.choices(
            [
                "defence_absent",
                "witness_absent",
                "transport_failed",
                "accused_absent",
                "judge_unavailable",
                "prosecutor_absent",
                "interpreter_absent",
            ],
            [25, 25, 15, 15, 10, 7, 3],
        )[0]
        if reason == "transport_failed" and not anyone_held_at(sim.case, starts, sim.now):
            # nobody to bring (the write path refuses it): the same draw, told as absence
            reason = "accused_absent"
        sim.record("hearing.not_held", {"hearing": hid, "reason": reason})
        sim.advance(hours=1)
        starts = sim.now + dt.timedelta(days=rng.randint(14, 60))
        sim.record(
            "hearing.rescheduled",
            {
                "hearing": hid,
                "starts_at": starts.isoformat(),
                "reason": sim.country.not_held,
            },
        )


def _custody(sim: Sim, person: str, juvenile: bool) -> None:
    rng = sim.rng
    place = rng.choice(sim.country.names.PLACES)
    flagrante = rng.random() < 0.7
    sim.record("custody.arrested", {"person": person, "place": place, "flagrante": flagrante})
    sim.detained.add(person)
    if sim.country.flagrant_notice:
        brazil.custody_hearing(sim, person, juvenile, flagrante)
        return
    # Most detainees reach a judge within 24 h; a few do not (the clock must show it).
    if not sim.advance(hours=rng.choice([3, 6, 10, 14, 18, 20, 22, 23, 26, 30])):
        return
    sim.record("custody.placed_before_judge", {"person": person})
    if rng.random() < 0.25 and not juvenile:
        sim.advance(hours=2)
        sim.record("custody.released", {"person": person, "reason": "no_charges"})
        sim.detained.discard(person)
        return
    if not juvenile and sim.advance(hours=rng.choice([4, 8, 12, 20])):
        sim.record("custody.hearing_requested", {"person": person})
    if not sim.advance(hours=rng.choice([12, 20, 30])):
        return
    outcome = rng.choices(["pretrial_detention", "alternative_measures", "released"], [45, 40, 15])[
        0
    ]
    sim.record("custody.hearing_held", {"person": person, "outcome": outcome})
    if outcome == "pretrial_detention":
        months = rng.choice([3, 6, 6, 9, 12])
        until = (sim.now.astimezone(sim.tz).date() + dt.timedelta(days=30 * months)).isoformat()
        sim.record(
            "custody.pretrial_ordered",
            {
                "person": person,
                "until": until,
                "grounds": sim.country.grounds,
                "facility": rng.choice(sim.country.facilities),
            },
        )
        sim.pretrial.add(person)
        sim.orders[person] = (sim.now.astimezone(sim.tz).date(), dt.date.fromisoformat(until))
    else:
        sim.record(
            "custody.released",
            {
                "person": person,
                "reason": "measures_replaced"
                if outcome == "alternative_measures"
                else "order_of_court",
            },
        )
        sim.detained.discard(person)


def _reviews(sim: Sim, until: dt.datetime) -> None:
    """Periodic detention reviews (about every 3 months) while people stay in pretrial detention."""
    rng = sim.rng
    if sim.juvenile and sim.country.flagrant_notice:
        brazil.provisional_internment_ends(sim)
        return
    while sim.pretrial and sim.now + dt.timedelta(days=85) < until:
        if not sim.advance(days=rng.randint(80, 95)):
            return
        for person in sorted(sim.pretrial):
            outcome = rng.choices(["maintained", "replaced", "lifted"], [80, 12, 8])[0]
            sim.record("custody.pretrial_reviewed", {"person": person, "outcome": outcome})
            if outcome == "maintained":
                _extend_term(sim, person)
            if outcome == "replaced":
                measures = sim.country.measures
                sim.record("custody.pretrial_replaced", {"person": person, "measures": measures})
            elif outcome == "lifted":
                reason = sim.country.review_lift
                sim.record("custody.pretrial_lifted", {"person": person, "reason": reason})
            if outcome != "maintained":
                sim.pretrial.discard(person)
                sim.detained.discard(person)
                sim.advance(hours=_release_delay(sim, person))
                sim.record("custody.released", {"person": person, "reason": "order_of_court"})


def _release_delay(sim: Sim, person: str) -> int:
    """Hours from a review that lifts or replaces a detention order to the release
    recorded: most at once, some hours later, one in eight after the court's 24-hour
    target (intl.release_on_order_end: met late). Read from the entry's key, not drawn
    from the case's random sequence, so the rest of the case is drawn as before."""
    digest = hashlib.sha256(f"{sim.key_prefix}:{sim.n}:{person}".encode()).digest()
    return (0, 0, 0, 0, 3, 6, 11, 30)[digest[0] % 8]


# A review that maintains detention comes about every 3 months (80 to 95 days), but the
# demo holds none between stages (indictment to committal): a term that runs out within
# two reviews' time is extended at this one.
NEXT_REVIEW_WITHIN = dt.timedelta(days=2 * 95)


def _extend_term(sim: Sim, person: str) -> None:
    """At a review that maintains detention, extend the order's stated term when it
    would run out before the reviews to come (NEXT_REVIEW_WITHIN), where the pack has
    such a term (cr: CPP art. 243(e)); without it the person would be held past the
    order's own last day and show as overdue. The new last day is the legal maximum's
    (the pack's ``maximum: true`` rule counted in months from the order; cr: 12 months,
    art. 257(c)), never beyond it: the pack's extension also moves the maximum (to a
    later day only by the appeal court, art. 258), so a day before it would shorten it.
    No random draw: the caseload stays the same."""
    order = sim.orders.get(person)
    if order is None or "custody.pretrial_extended" not in order_types(sim.case):
        return
    ordered, until = order
    today = sim.now.astimezone(sim.tz).date()
    if today + NEXT_REVIEW_WITHIN < until:
        return  # the term outlasts the reviews to come
    months = _maximum_months(sim.case)
    if months is None:
        return
    maximum = add_months(ordered, months)
    if maximum <= max(until, today):
        return  # at or past the maximum: no extension within it is possible
    sim.record(
        "custody.pretrial_extended",
        {"person": person, "until": maximum.isoformat(), "granted_by": sim.country.extends},
    )
    if not sim.done:
        sim.orders[person] = (ordered, maximum)


def _maximum_months(case: Case) -> int | None:
    """The months of the pack's maximum of pretrial detention counted from the order
    (``maximum: true``; cr: 12), if it is given in months."""
    pack = load_pack(case.court.rule_pack)
    for rule in rules_for(pack, case.procedure):
        if (
            rule.maximum
            and rule.start_types == ("custody.pretrial_ordered",)
            and rule.duration.months
        ):
            return rule.duration.months
    return None


def _judge(court: Court, case: Case, *, brazilian: bool) -> dict[str, str]:
    """The judge named in a case: the court's demo judge account in six cases of ten
    (chosen by the case number, not the random stream, which stays as it was), a
    colleague without an account in the others."""
    username = court_judge(court.code)
    if username is not None and zlib.crc32(case.number.encode()) % 10 < 6:
        return judge_person(username)
    return colleague_person(court.code, brazilian)


def simulate(sim: Sim, court: Court, juvenile: bool) -> None:
    rng, country = sim.rng, sim.country
    today = sim.now.date()
    n_accused = rng.choices([1, 2, 3], [80, 15, 5])[0]
    weights = country.offence_weights
    offence = rng.choices([o for o, _ in weights], [w for _, w in weights])[0]
    vaw = offence in country.vaw
    age = (12, 17) if juvenile else (18, 65)
    for _ in range(n_accused):
        person = _person(
            rng,
            sex="male" if vaw else rng.choices(["male", "female"], [85, 15])[0],
            age=age,
            on=today,
            country=country,
        )
        sim.record("participant.added", {"role": "accused", "person": person})
        sim.accused.append(f"P{len(sim.accused) + 1}")
    roles: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    if offence in country.legal_victims and rng.random() < 0.5:
        roles.append(
            (
                "victim",
                {
                    "kind": "legal",
                    "legal_name": rng.choice(country.names.COMPANIES),
                    "uid": f"{rng.getrandbits(64):016x}",
                },
                {},
            )
        )
    elif offence not in country.no_victim:
        victim_sex = "female" if vaw or offence in country.female_victim else None
        victim_age = (6, 15) if offence in country.child_victim else (16, 80)
        extra = (
            {"protected": True, "pseudonym": f"Víctima {rng.choice('ABCDEFGH')}"}
            if (offence in country.protected_victim or vaw)
            else {}
        )
        victim = _person(rng, sex=victim_sex, age=victim_age, on=today, country=country)
        roles.append(("victim", victim, extra))
    roles.append(("prosecutor", _person(rng, age=(28, 60), on=today, country=country), {}))
    defender = "public_defender" if rng.random() < 0.7 else "defence"
    roles.append((defender, _person(rng, age=(26, 65), on=today, country=country), {}))
    if juvenile:
        guardian = _person(rng, sex="female", age=(30, 60), on=today, country=country)
        roles.append(("guardian", guardian, {}))
    if rng.random() < 0.3:
        roles.append(("witness", _person(rng, on=today, country=country), {}))
    prosecutor = ""
    counsel = ""  # the defence lawyer, when the docket records whom she acts for
    for role, person, extra in roles:
        added = sim.record("participant.added", {"role": role, "person": person, **extra})
        if role == "prosecutor":
            prosecutor = added.get("participant", "")
        if role == defender and added and counsel_recorded(sim, added["participant"]):
            counsel = added["participant"]
        if role == "guardian" and added:
            stands_for(sim, added["participant"])
    judge = _judge(court, sim.case, brazilian=country.jurisdiction == "br")
    sim.record("participant.added", {"role": "judge", "person": judge})
    for i, accused in enumerate(sim.accused):
        code = offence if i == 0 or rng.random() < 0.8 else rng.choice([o for o, _ in weights])
        sim.record(
            "charge.filed",
            {
                "accused": accused,
                "offence": code,
                "attempted": rng.random() < 0.08,
                "firearm": code in country.firearm and rng.random() < 0.4,
            },
        )

    custody_p = 0.75 if offence in country.custody_likely else 0.3
    for accused in sim.accused:
        if rng.random() < custody_p:
            _custody(sim, accused, juvenile)
    if sim.done:
        return

    # Investigation: most cases are charged; some end early.
    investigation_end = sim.now + dt.timedelta(days=rng.randint(60, 300))
    _reviews(sim, investigation_end)
    if not sim.advance(hours=max(0.0, (investigation_end - sim.now).total_seconds() / 3600)):
        return
    exit_roll = rng.random()
    if exit_roll < 0.12:
        _lift_all(sim)
        sim.record(
            "case.dismissed",
            {
                "reason": rng.choice(
                    ["insufficient_evidence", "no_offence", "withdrawn", "statute_of_limitations"]
                )
            },
        )
        _release_all(sim, "order_of_court")
        return
    if (
        exit_roll < 0.18
        and not juvenile
        and country.conciliation
        and offence not in country.no_settlement
    ):
        sim.record("conciliation.approved", {"terms": "Reparación económica a la víctima"})
        sim.advance(days=rng.randint(30, 120))
        _lift_all(sim)
        sim.record("case.dismissed", {"reason": "settlement"})
        _release_all(sim, "order_of_court")
        return
    for accused in sim.accused:
        sim.record("indictment.filed", {"accused": accused})
    if counsel:
        counsel_changes(sim, counsel, defender)
    # Intermediate stage: preliminary hearing, then committal.
    if not _hearing(sim, "preliminary", after_days=(20, 90)):
        return
    if rng.random() < 0.06:
        _lift_all(sim)
        sim.record("case.dismissed", {"reason": "insufficient_evidence"})
        _release_all(sim, "order_of_court")
        return
    sim.advance(days=rng.randint(1, 10))
    sim.record("trial.committed", {})
    _reviews(sim, sim.now + dt.timedelta(days=rng.randint(30, 200)))
    if not _hearing(sim, "trial", after_days=(15, 60)):
        return
    if not sim.advance(days=rng.randint(0, 5)):
        return
    convicted = rng.random() < 0.66
    given: list[dict[str, Any]] = []
    for accused in sim.accused:
        months = rng.choice([6, 12, 36, 60, 96, 180]) if convicted else 0
        payload: dict[str, Any] = {
            "accused": accused,
            "outcome": "convicted" if convicted else "acquitted",
        }
        if convicted:
            payload.update(
                {"custodial": months > 36 or rng.random() < 0.4, "sentence_months": months}
            )
        sim.record("verdict.delivered", payload)
        given.append(payload)
    if not convicted:
        _lift_all(sim)
        _release_all(sim, "acquitted")
    if rng.random() < 0.35:
        if not sim.advance(days=rng.randint(5, 15)):
            return
        sim.record("appeal.filed", {"appellant": sim.accused[0] if convicted else prosecutor})
        if not sim.advance(days=rng.randint(60, 200)):
            return
        outcome = rng.choices(
            ["upheld", "modified", "retrial_ordered", "dismissed"], [55, 20, 10, 15]
        )[0]
        if outcome == "upheld" and appeals.overturns(sim):
            outcome = "overturned"  # chosen from the key: the random stream stays the same
        sim.record("appeal.decided", {"outcome": outcome})
        if outcome == "overturned":
            # the appeal court's verdict, the other way (demo/appeals.py)
            convicted = appeals.judged_again(sim, given, convicted)
        if outcome == "modified":
            # the appeal court's verdict for each accused, recorded after its decision
            # (docket/appeal_verdicts.py): a sentence cut by a third, the outcome kept
            for payload in given:
                first = payload.get("sentence_months")
                cut = {"sentence_months": max(1, first * 2 // 3)} if first else {}
                sim.record_aside(
                    "verdict.delivered", payload | cut, f"appeal_verdict:{payload['accused']}"
                )
        if outcome == "retrial_ordered":
            sim.advance(days=rng.randint(5, 20))
            sim.record("retrial.ordered", {})
            return
    if not sim.advance(days=rng.randint(15, 40)):
        return
    _lift_all(sim)  # a final judgment ends the pretrial detention orders still in force
    sim.record("judgment.final", {})
    if not convicted:
        sim.advance(days=rng.randint(1, 30))
        sim.record("case.closed", {"reason": "acquittal_final"})
        return
    if sim.advance(days=rng.randint(200, 900)):
        sim.record("case.closed", {"reason": "sentence_served"})


# People at the legal limits of custody, so the judges' "due and overdue" lists are full.
# Every LIMIT_EVERY-th case (from case LIMIT_FIRST) is one of these instead of an ordinary
# case: one accused, arrested or detained at a time chosen back from the anchor so that
# the limit is near or past at the anchor. Adult courts cycle through every kind of
# limit of the cr pack; the juvenile court through those of juvenile procedure.
LIMIT_FIRST, LIMIT_EVERY = 5, 8
ADULT_LIMITS = (
    "presentation_soon",
    "presentation_overdue",
    "hearing_request_soon",
    "hearing_request_overdue",
    "review_soon",
    "review_overdue",
    "maximum_soon",
    "maximum_overdue",
    "maximum_extended",
)
JUVENILE_LIMITS = ("presentation_soon", "presentation_overdue")
FACILITIES = ["CAI La Reforma", "CAI San Sebastián", "CAI Vilma Curling"]
PLACEMENT_HOURS = 10
ORDER_HOURS = 30  # from the arrest to the detention order, in at_limit


def limit_scenario(i: int, juvenile: bool) -> str | None:
    """The limit case number ``i`` stands at, or None for an ordinary case."""
    if i < LIMIT_FIRST or (i - LIMIT_FIRST) % LIMIT_EVERY:
        return None
    kinds = JUVENILE_LIMITS if juvenile else ADULT_LIMITS
    return kinds[(i // LIMIT_EVERY) % len(kinds)]


def limit_start(
    rng: random.Random, scenario: str, anchor: dt.datetime, tz: ZoneInfo
) -> dt.datetime:
    """When the scenario's accused was arrested, chosen back from the anchor."""
    hours = {
        # 24 h to bring them before a judge; due soon 6 h before
        "presentation_soon": rng.uniform(19, 21.5),
        "presentation_overdue": rng.uniform(30, 60),
        # brought before the judge PLACEMENT_HOURS after the arrest; then 24 h
        "hearing_request_soon": PLACEMENT_HOURS + rng.uniform(19, 23),
        "hearing_request_overdue": PLACEMENT_HOURS + rng.uniform(40, 70),
    }.get(scenario)
    if hours is not None:
        return (anchor - dt.timedelta(hours=hours)).replace(microsecond=0)
    # The detention order follows the arrest by a day or so (ORDER_HOURS at most); the
    # order's day is chosen so that its review (3 months) or maximum (12 months) falls due
    # this many days from the anchor (negative: already past).
    months, days = {
        "review_soon": (3, rng.randint(2, 5)),  # due soon 7 days before
        "review_overdue": (3, -rng.randint(9, 30)),
        "maximum_soon": (12, rng.randint(8, 25)),  # due soon 30 days before
        "maximum_overdue": (12, -rng.randint(7, 30)),
        "maximum_extended": (12, -rng.randint(7, 20)),
    }[scenario]
    due = anchor.astimezone(tz).date() + dt.timedelta(days=days)
    order_day = add_months(due, -months)
    order = dt.datetime.combine(order_day, dt.time(15, 0), tzinfo=tz)
    return (order - dt.timedelta(hours=ORDER_HOURS)).astimezone(dt.UTC)


def at_limit(sim: Sim, juvenile: bool, scenario: str, arrested: dt.datetime) -> None:
    """A case whose accused was arrested at ``arrested`` and stands at ``scenario``."""
    rng = sim.rng
    today = sim.now.date()
    age = (12, 17) if juvenile else (18, 65)
    sim.record("participant.added", {"role": "accused", "person": _person(rng, age=age, on=today)})
    sim.accused.append("P1")
    roles = ["prosecutor", "public_defender"] + (["guardian"] if juvenile else [])
    for role in roles:
        person = _person(rng, age=(28, 60), on=today)
        added = sim.record("participant.added", {"role": role, "person": person})
        if role == "guardian" and added:
            stands_for(sim, added["participant"])
    offence = rng.choice(sorted(CUSTODY_LIKELY))
    sim.record("charge.filed", {"accused": "P1", "offence": offence})
    _at(sim, arrested)
    sim.record(
        "custody.arrested", {"person": "P1", "place": rng.choice(names.PLACES), "flagrante": True}
    )
    if scenario.startswith("presentation"):
        return  # not yet brought before a judge
    sim.advance(hours=PLACEMENT_HOURS)
    sim.record("custody.placed_before_judge", {"person": "P1"})
    if scenario.startswith("hearing_request"):
        return  # the prosecution has not asked for the detention hearing
    asked = rng.choice([4, 8, 12])
    sim.advance(hours=asked)
    sim.record("custody.hearing_requested", {"person": "P1"})
    sim.advance(hours=ORDER_HOURS - PLACEMENT_HOURS - asked)
    sim.record("custody.hearing_held", {"person": "P1", "outcome": "pretrial_detention"})
    ordered = sim.now
    until = ordered.astimezone(sim.tz).date() + dt.timedelta(days=365)
    sim.record(
        "custody.pretrial_ordered",
        {
            "person": "P1",
            "until": until.isoformat(),
            "grounds": "Peligro de fuga y de obstaculización (riesgo procesal acreditado)",
            "facility": rng.choice(FACILITIES),
        },
    )
    if scenario.startswith("review"):
        return  # no review held since the order
    # Reviews about every three months, the last a few days before the anchor.
    while sim.now + dt.timedelta(days=88) < sim.anchor - dt.timedelta(days=4):
        sim.advance(days=rng.randint(84, 88))
        sim.working_hours()
        sim.record("custody.pretrial_reviewed", {"person": "P1", "outcome": "maintained"})
        if scenario == "maximum_extended" and sim.now > ordered + dt.timedelta(days=250):
            # the appeal court extends the 12 months before they run out (art. 258)
            _at(sim, ordered + dt.timedelta(days=350))
            longer = ordered.astimezone(sim.tz).date() + dt.timedelta(days=365 + 180)
            sim.record(
                "custody.pretrial_extended",
                {
                    "person": "P1",
                    "until": longer.isoformat(),
                    "granted_by": "Tribunal de Apelación de Sentencia Penal",
                },
            )
            scenario = "maximum_extended_done"


# People in each state of custody that is not a limit: moved to another facility, at
# large after an escape, recaptured, sentenced with an appeal pending, serving a final
# sentence. Every STATE_EVERY-th case (from case STATE_FIRST; never a limit case) of the
# adult courts is one of these, each event a set number of days before the anchor.
STATE_FIRST, STATE_EVERY = 7, 8
STATES = ("transferred", "escaped", "recaptured", "sentenced_appeal", "sentenced_final")


def state_scenario(i: int, juvenile: bool) -> str | None:
    """The custody state case number ``i`` is left in, or None for another case."""
    if juvenile or i < STATE_FIRST or (i - STATE_FIRST) % STATE_EVERY:
        return None
    k = (i - STATE_FIRST) // STATE_EVERY  # every fifth k falls on the juvenile court
    return STATES[(k + k // 5) % len(STATES)]


def in_state(sim: Sim, state: str) -> None:
    """A case whose accused ends, at the anchor, in ``state``."""
    rng = sim.rng
    today = sim.now.date()
    sim.record("participant.added", {"role": "accused", "person": _person(rng, on=today)})
    sim.accused.append("P1")
    for role in ("prosecutor", "public_defender"):
        sim.record("participant.added", {"role": role, "person": _person(rng, on=today)})
    sim.record("charge.filed", {"accused": "P1", "offence": rng.choice(sorted(CUSTODY_LIKELY))})

    def on(days_before: float) -> None:
        _at(sim, sim.anchor - dt.timedelta(days=days_before))

    facility = rng.choice(FACILITIES)
    if state == "sentenced_final":  # free during the trial, then serving the sentence
        on(150)
        _to_trial(sim)
        on(120)
        _convict(sim)
        on(90)
        sim.record("judgment.final", {})
        on(60)
        sim.record("custody.sentence_started", {"person": "P1", "facility": facility})
        _sentence_computed(sim, on)
        return
    on(rng.randint(200, 240))
    sim.record("custody.arrested", {"person": "P1", "place": rng.choice(names.PLACES)})
    sim.advance(hours=PLACEMENT_HOURS)
    sim.record("custody.placed_before_judge", {"person": "P1"})
    sim.advance(hours=6)
    sim.record("custody.hearing_requested", {"person": "P1"})
    sim.advance(hours=12)
    until = sim.now.astimezone(sim.tz).date() + dt.timedelta(days=365)
    sim.record(
        "custody.pretrial_ordered",
        {
            "person": "P1",
            "until": until.isoformat(),
            "grounds": "Peligro de fuga",
            "facility": facility,
        },
    )
    on(rng.randint(120, 130))
    sim.record("custody.pretrial_reviewed", {"person": "P1", "outcome": "maintained"})
    on(rng.randint(30, 40))
    sim.record("custody.pretrial_reviewed", {"person": "P1", "outcome": "maintained"})
    if state == "transferred":
        on(10)
        others = [f for f in FACILITIES if f != facility]
        sim.record("custody.transferred", {"person": "P1", "facility": rng.choice(others)})
    elif state in ("escaped", "recaptured"):
        on(25)
        sim.record("custody.escaped", {"person": "P1", "place": facility})
        if state == "recaptured":
            on(8)
            sim.record("custody.recaptured", {"person": "P1", "place": rng.choice(names.PLACES)})
    elif state == "sentenced_appeal":
        on(25)
        _to_trial(sim)
        on(15)
        _convict(sim)
        on(5)
        sim.record("appeal.filed", {"appellant": "P1"})


# People under supervision (measures/), one compliance state each: reporting on time,
# a missed check-in, an exclusion-zone breach awaiting the judge, community service
# behind schedule, a measure complied with and ended. Every SUPERVISED_EVERY-th adult
# case from SUPERVISED_FIRST (never a limit or state case), set back from the anchor.
SUPERVISED_FIRST, SUPERVISED_EVERY = 3, 8
SUPERVISED = ("complying", "missed", "breached", "behind", "ended")


def supervised_scenario(i: int, juvenile: bool) -> str | None:
    """The compliance state case number ``i`` is left in, or None for another case."""
    if juvenile or i < SUPERVISED_FIRST or (i - SUPERVISED_FIRST) % SUPERVISED_EVERY:
        return None
    k = (i - SUPERVISED_FIRST) // SUPERVISED_EVERY  # every fifth k (k % 5 == 2) is juvenile
    return SUPERVISED[(k - (k + 3) // 5) % len(SUPERVISED)]  # so count the adult ones


def under_supervision(sim: Sim, state: str) -> None:
    """A case whose accused, instead of detention, is under a measure in ``state``."""
    rng = sim.rng
    today = sim.now.date()
    if state == "breached":  # ill-treatment of his partner: a man (Ley 8589)
        rng.choice(["female", "male"])  # the draw _person makes, so the caseload stays the same
        accused = _person(rng, sex="male", on=today)
    else:
        accused = _person(rng, on=today)
    sim.record("participant.added", {"role": "accused", "person": accused})
    sim.accused.append("P1")
    victim = _person(rng, sex="female", age=(18, 70), on=today)
    sim.record("participant.added", {"role": "victim", "person": victim})
    for role in ("prosecutor", "public_defender"):
        sim.record("participant.added", {"role": role, "person": _person(rng, on=today)})
    sim.record(
        "charge.filed",
        # a restraining order protects a living victim: ill-treatment, not femicide
        {"accused": "P1", "offence": "L8589-22" if state == "breached" else "CP-208"},
    )

    def on(days_before: float) -> None:
        _at(sim, sim.anchor - dt.timedelta(days=days_before))

    def day(days: int) -> str:
        return (sim.now.astimezone(sim.tz).date() + dt.timedelta(days=days)).isoformat()

    on(rng.randint(60, 70))
    base = {"measure": "M1", "person": "P1", "starts_on": day(0)}
    if state == "breached":
        device = f"GPS-{rng.randint(10000, 99999)}"
        sim.record(
            "measure.imposed",
            base
            | {"kind": "restraining_order", "protected": "P2", "distance_m": 200, "device": device},
        )
        on(rng.randint(1, 3))
        sim.record(
            "measure.device_event", {"measure": "M1", "device": device, "kind": "zone_breach"}
        )
        return
    if state == "behind":
        sim.record(
            "measure.imposed",
            base
            | {
                "kind": "community_service",
                "hours": 120,
                "due_on": day(120),
                "supervising_court": sim.case.court.name,
            },
        )
        for days_before in (45, 30, 15):
            on(days_before)
            sim.record(
                "measure.hours_logged", {"measure": "M1", "hours": 4, "host": "Municipalidad"}
            )
        return
    sim.record(
        "measure.imposed",
        base
        | {"kind": "periodic_reporting", "interval_days": 7, "report_place": sim.case.court.name},
    )
    started = sim.now
    last = {"complying": 0, "missed": 12, "ended": 20}[state]
    week = 1
    while (sim.anchor - (started + dt.timedelta(days=7 * week))).days >= last:
        _at(sim, started + dt.timedelta(days=7 * week, hours=rng.randint(0, 5)))
        sim.record("measure.checked_in", {"measure": "M1"})
        week += 1
    if state == "ended":
        on(last - 1)
        sim.record("measure.ended", {"measure": "M1", "reason": "lifted_by_court"})


def _sentence_computed(sim: Sim, on: Callable[[float], None]) -> None:
    """The court's computation of the sentence being served, one case in three each: none
    yet (the case page names the gap), an end to come, or an end a few days before the
    anchor with the person still held (the due list shows the release overdue). Recorded
    under a key of its own, so a caseload loaded before keeps its other keys."""
    rng = sim.rng
    which = rng.choice(("none", "to_come", "passed"))
    if which == "none":
        return
    on(45)
    anchor_day = sim.anchor.astimezone(sim.tz).date()
    days = rng.randint(100, 1500) if which == "to_come" else -rng.randint(1, 6)
    payload = {
        "person": "P1",
        "ends_on": (anchor_day + dt.timedelta(days=days)).isoformat(),
        "credited_days": rng.randint(0, 200),
    }
    sim.record_aside("sentence.computed", payload, "sentence_computed")


def _to_trial(sim: Sim) -> None:
    sim.record("indictment.filed", {"accused": "P1"})
    sim.advance(hours=2)
    sim.record("trial.committed", {})


def _convict(sim: Sim) -> None:
    months = sim.rng.choice([48, 60, 96])
    verdict = {"accused": "P1", "outcome": "convicted", "custodial": True}
    sim.record("verdict.delivered", verdict | {"sentence_months": months})


def _lift_all(sim: Sim) -> None:
    """The court lifts the detention orders in force (before the case ends, at an
    acquittal, when the judgment becomes final): the order ends, and with it the reviews
    it needed."""
    for person in sorted(sim.pretrial):
        sim.record("custody.pretrial_lifted", {"person": person, "reason": sim.country.end_lift})
    sim.pretrial.clear()


def _release_all(sim: Sim, reason: str) -> None:
    for person in sorted(sim.detained):
        sim.record("custody.released", {"person": person, "reason": reason})
    sim.detained.clear()
    sim.pretrial.clear()


@dataclass(frozen=True)
class DemoResult:
    courts: int
    cases: int
    events: int


def demo_user() -> User:
    user = system_account("demo", create=True)
    assert user is not None
    return user


def demo_courts() -> list[Court]:
    out = []
    for code, name, office, kind, country_code in COURTS:
        country = COUNTRIES[country_code]
        jurisdiction, _ = Jurisdiction.objects.get_or_create(
            code=country.jurisdiction,
            defaults={"name": country.name, "rule_pack": country.jurisdiction},
        )
        pack = load_pack(jurisdiction.rule_pack)
        court, _ = Court.objects.get_or_create(
            code=code,
            defaults={
                "jurisdiction": jurisdiction,
                "name": name,
                "office_code": office,
                "timezone": pack.timezone,
                "rule_pack": pack.pack,
                "procedures": [] if kind == "both" else [kind],
            },
        )
        out.append(court)
    return out


def generate(
    *,
    cases: int,
    seed: int,
    anchor: dt.datetime,
    progress: Callable[[int, int], None] | None = None,
    part: int = 0,
    parts: int = 1,
) -> DemoResult:
    """Record ``cases`` cases spread over the demo courts, ending at ``anchor``.

    ``part`` of ``parts``: only the cases ``i`` with ``i % parts == part``, so that
    several processes can share a load (``expediente demo --jobs``); each case is the
    same whichever process records it. Each case is opened in a transaction of its own
    (the national counter is locked only that long) and recorded in a second one; a
    case left with only its opening by an interruption is taken up again."""
    if cases < 0:
        raise ValueError("cases must be zero or more")
    if not 0 <= part < parts:
        raise ValueError("part must be from 0 to parts - 1")
    courts = demo_courts()
    actor = Actor.system(demo_user())
    before = _event_count()
    for n, i in enumerate(range(part, cases, parts), start=1):
        rng = random.Random(int(hashlib.sha256(f"{seed}:{i}".encode()).hexdigest()[:16], 16))
        index = court_index(i)
        court = courts[index]
        country = COUNTRIES[COURTS[index][4]]
        juvenile = COURTS[index][3] == "juvenile"
        tz = ZoneInfo(court.timezone)
        if index == BRAZIL_COURT:
            _brazilian_case(i, rng, court, actor, anchor, seed, country)
            if progress:
                progress(n, len(range(part, cases, parts)))
            continue
        # Opening dates spread over three years, more recent ones more frequent.
        age_days = int(rng.triangular(0, 3 * 365, 0))
        opened = (
            anchor
            - dt.timedelta(days=age_days, hours=rng.randint(0, 23), minutes=rng.randint(0, 59))
        ).replace(microsecond=0)
        scenario = limit_scenario(i, juvenile)
        state = state_scenario(i, juvenile) if scenario is None else None
        supervised = supervised_scenario(i, juvenile)
        petitions = petition_case(i)
        owed = appeals.verdict_owed_case(i, juvenile)
        arrested = None
        if supervised is not None:  # its events are set back from the anchor too
            opened = (anchor - dt.timedelta(days=rng.randint(80, 90))).replace(microsecond=0)
        if state is not None:  # its events are set back from the anchor: open before them
            opened = (anchor - dt.timedelta(days=rng.randint(250, 300))).replace(microsecond=0)
        if petitions:
            opened = (anchor - dt.timedelta(days=rng.randint(35, 45))).replace(microsecond=0)
        if owed:  # its events are set back from the anchor too
            opened = (anchor - dt.timedelta(days=rng.randint(230, 260))).replace(microsecond=0)
        if scenario is not None:
            arrested = limit_start(rng, scenario, anchor, tz)
            opened = arrested - dt.timedelta(hours=rng.randint(1, 3), minutes=rng.randint(0, 59))
        sim = _opened(i, rng, court, actor, anchor, seed, country, juvenile, opened)
        if sim is not None:
            with transaction.atomic():
                if scenario is not None and arrested is not None:
                    at_limit(sim, juvenile, scenario, arrested)
                elif state is not None:
                    in_state(sim, state)
                elif supervised is not None:
                    under_supervision(sim, supervised)
                elif petitions:
                    petitioned(sim)
                elif owed:
                    appeals.verdict_owed(sim)
                else:
                    simulate(sim, court, juvenile)
        if progress:
            progress(n, len(range(part, cases, parts)))
    return DemoResult(
        courts=len(courts), cases=Case.objects.count(), events=_event_count() - before
    )


def _brazilian_case(
    i: int,
    rng: random.Random,
    court: Court,
    actor: Actor,
    anchor: dt.datetime,
    seed: int,
    country: Country,
) -> None:
    """Demo case ``i``, in the Brazilian court: a limit case (every other one), a family
    that petitions, or an ordinary case simulated from its opening; one in four of the
    ordinary ones is an adolescent's."""
    j = i // 5
    tz = ZoneInfo(court.timezone)
    limit = brazil.limit_scenario(j)
    planned = None
    if limit is not None:
        juvenile = limit[1] == "juvenile"
        planned = brazil.plan(rng, limit[0], anchor, tz)
        opened = planned.opened.replace(microsecond=0)
    elif petition_case(i):
        juvenile = j % 3 == 0
        opened = (anchor - dt.timedelta(days=rng.randint(35, 45))).replace(microsecond=0)
    else:
        juvenile = j % 8 == 1
        age_days = int(rng.triangular(0, 3 * 365, 0))
        opened = (
            anchor
            - dt.timedelta(days=age_days, hours=rng.randint(0, 23), minutes=rng.randint(0, 59))
        ).replace(microsecond=0)
    sim = _opened(i, rng, court, actor, anchor, seed, country, juvenile, opened)
    if sim is None:
        return
    with transaction.atomic():
        if limit is not None and planned is not None:
            brazil.at_limit(sim, limit[0], planned)
        elif petition_case(i):
            petitioned(sim)
        else:
            simulate(sim, court, juvenile)


def _opened(
    i: int,
    rng: random.Random,
    court: Court,
    actor: Actor,
    anchor: dt.datetime,
    seed: int,
    country: Country,
    juvenile: bool,
    opened: dt.datetime,
) -> Sim | None:
    """Open demo case ``i`` (its key makes a second run a no-op) and the simulation that
    goes on from its opening; None if an earlier run recorded more than its opening (a
    case is recorded in one transaction after the one that opens it, so an interrupted
    run leaves either the opening alone, taken up again here, or the whole case)."""
    key_prefix = f"demo:{seed}:{anchor.date().isoformat()}:{i}"
    opened_case = case_open(
        court=court,
        actor=actor,
        procedure="juvenile" if juvenile else "adult",
        occurred_at=opened,
        police_report=country.police_report(rng, opened.year),
        idempotency_key=f"{key_prefix}:open",
    )
    if not opened_case.created and opened_case.event.case.last_seq > 1:
        return None
    return Sim(
        rng=rng,
        case=opened_case.event.case,
        actor=actor,
        anchor=anchor,
        key_prefix=key_prefix,
        tz=ZoneInfo(court.timezone),
        now=opened,
        country=country,
        juvenile=juvenile,
    )


def _event_count() -> int:
    from expediente.docket.models import Event

    return Event.objects.count()
