"""The case classes of the privacy tests, each carrying secrets that must not leak.

Every case has an accused, a victim and a protected witness (pseudonym "Testigo A"),
each with a surname unique to the case class, an identity document, a date of birth,
a police report number and free text (a note, a hearing summary) with a marker word,
and a hearing on ``HEARING_DAY`` at 09:00 in Sala 2. The classes are those of the
disclosure rules: an adult case before charges, charged, convicted, acquitted; a
juvenile case; a sexual-offence case with a protected victim; a sealed case; an expunged
case (convicted, then expunged by order).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from expediente.access.models import Membership, User
from expediente.access.policy import Actor
from expediente.docket.models import Case, Court
from expediente.docket.services import case_open, event_record
from expediente.rules.loader import load_pack

CR = ZoneInfo("America/Costa_Rica")
# Two weeks ahead of the day the tests run, on the court's clock: the hearing is still to
# come whenever they run (a fixed date, once passed, turned the public portal's "next
# hearing" into a past one and the tests' "ahead of the hearing" into after it).
HEARING_DAY = dt.datetime.now(CR).date() + dt.timedelta(days=14)
START = dt.datetime(2026, 2, 1, 10, 0, tzinfo=dt.UTC)

CLASSES = (
    "before_charges",
    "charged",
    "convicted",
    "acquitted",
    "juvenile",
    "sexual",
    "sealed",
    "expunged",
)
EXPUNCTION_BASIS = "Orden de eliminación de antecedentes (base legal de prueba)"


@dataclass(frozen=True)
class Secrets:
    """What identifies the people of one case; none of it may leak where hidden."""

    tag: str
    accused: str  # the accused's full name
    victim: str
    witness: str  # protected: pseudonym "Testigo A"
    ids: tuple[str, ...]
    birth_dates: tuple[str, ...]
    police_report: str
    free_text: tuple[str, ...]

    @property
    def people(self) -> tuple[str, ...]:
        return (self.accused, self.victim, self.witness)

    @property
    def everything(self) -> tuple[str, ...]:
        return (*self.people, *self.ids, *self.birth_dates, self.police_report, *self.free_text)


def secrets_for(tag: str) -> Secrets:
    camel = "".join(w.capitalize() for w in tag.split("_"))
    return Secrets(
        tag=tag,
        accused=f"Aurelio Reo{camel}",
        victim=f"Beatriz Vict{camel}",
        witness=f"Lucía Testi{camel}",
        ids=(f"ID-A-{tag}", f"ID-V-{tag}", f"ID-W-{tag}"),
        birth_dates=("1971-04-03", "1982-07-09", "1993-11-21"),
        police_report=f"PR-{tag}",
        free_text=(f"NotaSecreta{camel}", f"ResumenSecreto{camel}"),
    )


def _person(name: str, id_number: str, dob: str) -> dict[str, Any]:
    given, family = name.split(" ", 1)
    return {
        "given_names": given,
        "family_names": family,
        "sex": "female" if given.endswith("a") else "male",
        "id_number": id_number,
        "date_of_birth": dob,
    }


def build_case(court: Court, actor: Actor, judge: Actor, tag: str, number: int) -> Case:
    """One case of class ``tag``, recorded through the real services (``judge`` seals)."""
    s = secrets_for(tag)
    at = START

    def rec(type_name: str, payload: dict[str, Any], by: Actor = actor) -> None:
        nonlocal at
        at += dt.timedelta(hours=1)
        event_record(case=case, type=type_name, payload=payload, actor=by, occurred_at=at)

    case = case_open(
        court=court,
        actor=actor,
        procedure="juvenile" if tag == "juvenile" else "adult",
        occurred_at=START,
        police_report=s.police_report,
        summary=f"{s.free_text[0]} resumen",
        number=f"2026-{number:06d}",
    ).event.case
    rec(
        "participant.added",
        {"role": "accused", "person": _person(s.accused, s.ids[0], s.birth_dates[0])},
    )
    victim: dict[str, Any] = {
        "role": "victim",
        "person": _person(s.victim, s.ids[1], s.birth_dates[1]),
    }
    if tag == "sexual":
        victim.update(protected=True, pseudonym="Víctima R")
    rec("participant.added", victim)
    rec(
        "participant.added",
        {
            "role": "witness",
            "protected": True,
            "pseudonym": "Testigo A",
            "person": _person(s.witness, s.ids[2], s.birth_dates[2]),
        },
    )
    rec("charge.filed", {"accused": "P1", "offence": "CP-156" if tag == "sexual" else "CP-208"})
    rec("note.added", {"text": f"{s.free_text[0]}: llamó {s.victim}"})
    starts = dt.datetime.combine(HEARING_DAY, dt.time(9, 0), tzinfo=CR)
    rec(
        "hearing.scheduled",
        {
            "hearing": "H1",
            "kind": "preliminary",
            "starts_at": starts.isoformat(),
            "courtroom": "Sala 2",
        },
    )
    if tag in ("charged", "convicted", "acquitted", "sexual", "sealed", "expunged"):
        rec("indictment.filed", {"accused": "P1"})
    if tag in ("convicted", "acquitted", "expunged"):
        rec("trial.committed", {})
        outcome = "acquitted" if tag == "acquitted" else "convicted"
        rec("verdict.delivered", {"accused": "P1", "outcome": outcome})
    if tag == "sealed":
        rec("case.sealed", {"grounds": f"{s.free_text[1]} orden"}, by=judge)
    if tag == "expunged":
        grounds = f"{s.free_text[1]} orden"
        rec("case.expunged", {"basis": EXPUNCTION_BASIS, "grounds": grounds}, by=judge)
    case.refresh_from_db()
    return case


@pytest.fixture
def judge(court: Court) -> Actor:
    user = User.objects.create_user("juez.privacidad", password="una-clave-larga-2026")
    Membership.objects.create(user=user, court=court, role="judge")
    return Actor.staff(user)


@pytest.fixture
def cases(court: Court, clerk: Actor, judge: Actor) -> dict[str, Case]:
    """Every case class, by tag."""
    return {tag: build_case(court, clerk, judge, tag, i + 1) for i, tag in enumerate(CLASSES)}


@pytest.fixture
def secrets() -> Callable[[str], Secrets]:
    return secrets_for


def use_test_pack(court: Court, folder: Path, settings: Any, rules: str) -> None:
    """Give ``court`` a pack that extends ``cr`` with these disclosure rules (YAML,
    indented under ``disclosure:``), as a national pack would."""
    path = folder / "cr_test.yaml"
    head = 'pack: cr_test\nversion: "1"\nextends: cr\nname: {en: Test}\ndisclosure:\n'
    path.write_text(head + rules, encoding="utf-8")
    settings.EXPEDIENTE_RULE_PACK_DIRS = [folder]
    load_pack.cache_clear()
    Court.objects.filter(pk=court.pk).update(rule_pack="cr_test")
    court.rule_pack = "cr_test"


@pytest.fixture
def court_pack(court: Court, tmp_path: Path, settings: Any) -> Iterator[Callable[[str], None]]:
    """court_pack(rules): ``use_test_pack`` for the court of the test."""
    yield lambda rules: use_test_pack(court, tmp_path, settings, rules)
    load_pack.cache_clear()
