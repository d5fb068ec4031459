"""Appeals that overturned the verdict, in the demo: the appeal court's verdict recorded
after most, and cases where it is owed, so the case page's notice is seen
(``docket/appeal_verdicts.py``).

An ordinary case whose appeal the random stream decides as ``upheld`` is, one in
``OVERTURNED_OF_UPHELD``, overturned instead: chosen from the case's key, not drawn, so
the rest of the caseload is drawn as before. The appeal court then judges each accused
the other way, under keys of its own (``Sim.record_aside``, as after a ``modified``
appeal); acquitted on appeal, those still held are released. Every ``OWED_EVERY``-th
adult case from ``OWED_FIRST`` (numbers no limit, state, supervision or petition case
takes, past those of the tests' caseloads) is instead a case whose appeal overturned a
conviction a few days before the anchor, the appeal court's verdict not on record yet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from expediente.demo.sim import Sim, _person
from expediente.demo.sim import at as _at
from expediente.docket.verdicts import VERDICT

OVERTURNED_OF_UPHELD = 3
OWED_FIRST, OWED_EVERY = 97, 128  # odd numbers ≡ 1 (mod 8)


def _digest(sim: Sim, what: str) -> bytes:
    return hashlib.sha256(f"{sim.key_prefix}:{what}".encode()).digest()


def overturns(sim: Sim) -> bool:
    """Whether this case's appeal, drawn as upheld, overturned the verdict instead."""
    return _digest(sim, "overturned")[0] % OVERTURNED_OF_UPHELD == 0


def judged_again(sim: Sim, given: list[dict[str, Any]], convicted: bool) -> bool:
    """The appeal court's verdict for each accused after it overturned the first: an
    acquittal for the convicted, a conviction (a sentence not served in prison) for the
    acquitted. Acquitted on appeal, anyone still held is released. Whether the case now
    stands convicted."""
    convicted = not convicted
    months = (12, 24, 36)[_digest(sim, "sentence")[0] % 3]
    for first in given:
        accused = first["accused"]
        verdict: dict[str, Any] = {
            "accused": accused,
            "outcome": "convicted" if convicted else "acquitted",
        }
        if convicted:
            verdict |= {"custodial": False, "sentence_months": months}
        sim.record_aside(VERDICT, verdict, f"appeal_verdict:{accused}")
    if not convicted:
        for person in sorted(sim.pretrial):
            lift = {"person": person, "reason": sim.country.end_lift}
            sim.record_aside("custody.pretrial_lifted", lift, f"appeal_lifted:{person}")
        for person in sorted(sim.detained):
            freed = {"person": person, "reason": "acquitted"}
            sim.record_aside("custody.released", freed, f"appeal_released:{person}")
        sim.pretrial.clear()
        sim.detained.clear()
    return convicted


def verdict_owed_case(i: int, juvenile: bool) -> bool:
    """Whether demo case ``i`` is one whose appeal court's verdict is owed."""
    return not juvenile and i >= OWED_FIRST and (i - OWED_FIRST) % OWED_EVERY == 0


def verdict_owed(sim: Sim) -> None:
    """Free during the trial, convicted of theft, the conviction overturned on appeal
    ``3`` to ``9`` days before the anchor; the appeal court's verdict not recorded yet."""
    rng = sim.rng
    today = sim.now.date()
    country = sim.country
    person = _person(rng, on=today, country=country)
    sim.record("participant.added", {"role": "accused", "person": person})
    sim.accused.append("P1")
    for role in ("prosecutor", "public_defender"):
        lawyer = _person(rng, age=(28, 60), on=today, country=country)
        sim.record("participant.added", {"role": role, "person": lawyer})
    sim.record("charge.filed", {"accused": "P1", "offence": "CP-208"})

    def on(days_before: float) -> None:
        _at(sim, sim.anchor - dt.timedelta(days=days_before))

    on(rng.randint(200, 220))
    sim.record("indictment.filed", {"accused": "P1"})
    on(rng.randint(180, 190))
    sim.record("trial.committed", {})
    on(rng.randint(120, 130))
    months = rng.choice([12, 24, 36])
    convicted = {"accused": "P1", "outcome": "convicted", "custodial": False}
    sim.record(VERDICT, convicted | {"sentence_months": months})
    on(rng.randint(105, 115))
    sim.record("appeal.filed", {"appellant": "P1"})
    on(rng.randint(3, 9))
    sim.record("appeal.decided", {"outcome": "overturned"})
