"""One case being simulated, and the people in it: shared by every demo scenario."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from expediente.access.policy import Actor
from expediente.demo.countries import COSTA_RICA, Country
from expediente.docket.models import Case
from expediente.docket.services import event_record


@dataclass
class Sim:
    """One case being simulated."""

    rng: random.Random
    case: Case
    actor: Actor
    anchor: dt.datetime
    key_prefix: str
    tz: ZoneInfo
    now: dt.datetime
    n: int = 0
    accused: list[str] = field(default_factory=list)
    detained: set[str] = field(default_factory=set)
    pretrial: set[str] = field(default_factory=set)
    # per person under a detention order: the order's local day and the last day its
    # term states now (``until``, moved by an extension)
    orders: dict[str, tuple[dt.date, dt.date]] = field(default_factory=dict)
    hearings: int = 0
    done: bool = False
    country: Country = COSTA_RICA
    juvenile: bool = False

    def key(self) -> str:
        self.n += 1
        return f"{self.key_prefix}:{self.n}"

    def advance(self, *, hours: float = 0, days: float = 0) -> bool:
        """Move the clock on; False (and the case stops here) once it passes the anchor."""
        self.now += dt.timedelta(hours=hours, days=days)
        if self.now > self.anchor:
            self.done = True
        return not self.done

    def record(self, type_name: str, payload: dict[str, Any]) -> dict[str, Any]:
        return self._record(type_name, payload, self.key)

    def record_aside(self, type_name: str, payload: dict[str, Any], what: str) -> dict[str, Any]:
        """``record`` under a key of its own (``<prefix>:<what>``), outside the case's
        numbered keys: an entry added to the simulation later (whom a guardian stands
        for) leaves the keys of the entries after it as they were, so a caseload loaded
        by an earlier version continues without recording anything twice."""
        return self._record(type_name, payload, lambda: f"{self.key_prefix}:{what}")

    def _record(
        self, type_name: str, payload: dict[str, Any], key: Callable[[], str]
    ) -> dict[str, Any]:
        if self.now > self.anchor:
            self.done = True
        if self.done:
            return {}  # no key taken: the numbered keys stay those of earlier versions
        recorded = event_record(
            case=self.case,
            type=type_name,
            payload=payload,
            actor=self.actor,
            occurred_at=self.now,
            idempotency_key=key(),
        )
        return dict(recorded.event.payload)

    def working_hours(self) -> None:
        """Move the clock on (never back) into court hours: 08:00-16:00 local, weekdays."""
        local = self.now.astimezone(self.tz)
        if local.hour >= 16:
            local = (local + dt.timedelta(days=1)).replace(hour=0, minute=0)
        while local.weekday() >= 5:
            local = (local + dt.timedelta(days=1)).replace(hour=0, minute=0)
        if local.hour < 8:
            local = local.replace(
                hour=8 + self.rng.randrange(8), minute=self.rng.choice([0, 15, 30, 45])
            )
        self.now = local.astimezone(dt.UTC)


def _birth_date(rng: random.Random, years: int, on: dt.date) -> dt.date:
    """A date of birth of someone exactly ``years`` old on ``on`` (leap days included)."""

    def years_before(n: int) -> dt.date:
        try:
            return on.replace(year=on.year - n)
        except ValueError:  # 29 February in a year without one
            return on.replace(year=on.year - n, day=28)

    latest = years_before(years)  # turned ``years`` today
    earliest = years_before(years + 1) + dt.timedelta(days=1)  # turns ``years + 1`` tomorrow
    return earliest + dt.timedelta(days=rng.randrange((latest - earliest).days + 1))


def _person(
    rng: random.Random,
    *,
    sex: str | None = None,
    age: tuple[int, int] = (18, 70),
    on: dt.date,
    country: Country = COSTA_RICA,
) -> dict[str, Any]:
    sex = sex or rng.choice(["female", "male"])
    lists = country.names
    given = rng.choice(lists.FEMALE if sex == "female" else lists.MALE)
    dob = _birth_date(rng, rng.randint(*age), on)
    return {
        "uid": f"{rng.getrandbits(64):016x}",
        "kind": "natural",
        "sex": sex,
        "given_names": given,
        "family_names": f"{rng.choice(lists.SURNAMES)} {rng.choice(lists.SURNAMES)}",
        "date_of_birth": dob.isoformat(),
        "id_number": country.id_number(rng),
        "nationality": rng.choices(
            [c for c, _ in country.nationalities], [w for _, w in country.nationalities]
        )[0],
    }


def at(sim: Sim, moment: dt.datetime) -> None:
    """Move the clock on to ``moment`` (never back)."""
    sim.now = max(sim.now, moment)


def stands_for(sim: Sim, guardian: str) -> None:
    """A juvenile case's guardian is the first accused's mother: the docket records
    whom she stands for (docket/standing.py), under a key of its own (``record_aside``)."""
    if sim.accused:
        sim.record_aside(
            "participant.stands_for",
            {"guardian": guardian, "stands_for": sim.accused[0]},
            f"stands_for:{guardian}",
        )


def _aside_rng(sim: Sim, what: str) -> random.Random:
    """A generator of its own for an entry added to the simulation later, seeded by the
    case's key: the draws of the case's own generator, and so the rest of the caseload,
    stay as they were."""
    return random.Random(f"{sim.key_prefix}:{what}")


def acts_for(sim: Sim, counsel: str, *, ended: bool = False) -> None:
    """The docket records that a defence lawyer acts (or no longer acts) for every
    accused of the case (``participant.acts_for``, one entry each: docket/counsel.py),
    under keys of their own (``record_aside``)."""
    for accused in sim.accused:
        payload: dict[str, Any] = {"counsel": counsel, "accused": accused}
        if ended:
            payload["ended"] = True
        what = f"acts_for:{counsel}:{accused}" + (":ended" if ended else "")
        sim.record_aside("participant.acts_for", payload, what)


def counsel_recorded(sim: Sim, counsel: str) -> bool:
    """Whom the defence lawyer just added acts for, in nine cases in ten: the docket need
    not record it (the statistics say "none recorded", not "no lawyer")."""
    if _aside_rng(sim, "acts_for").random() < 0.1:
        return False
    acts_for(sim, counsel)
    return True


def counsel_changes(sim: Sim, counsel: str, role: str) -> None:
    """At the indictment, in a few cases, the defence changes: the lawyer is replaced by
    one of the other kind (private counsel by a public defender, or the reverse), or
    withdraws with nobody recorded after her, or one of the other kind joins her."""
    rng = _aside_rng(sim, "counsel_changes")
    roll = rng.random()
    if roll >= 0.12:
        return
    other = "defence" if role == "public_defender" else "public_defender"
    if roll < 0.09:  # replaced (two in three) or withdrawn
        acts_for(sim, counsel, ended=True)
        if roll >= 0.06:
            return
    person = _person(rng, age=(26, 65), on=sim.now.date(), country=sim.country)
    added = sim.record_aside(
        "participant.added", {"role": other, "person": person}, f"counsel:{other}"
    )
    if added:
        acts_for(sim, added["participant"])
