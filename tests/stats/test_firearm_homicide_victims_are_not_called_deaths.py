"""The firearms figure counts what the docket records: victims in cases charged with
completed intentional homicide by firearm, each once per case. The docket records no
death, so the figure is not called deaths and says beside the number that it is not SDG
16.1.1's count (the QA finding's three cases)."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from expediente.access.policy import Actor
from expediente.demo.generator import demo_user
from expediente.docket.models import Court
from expediente.docket.services import case_open, event_record
from expediente.stats.catalogue import BY_ID
from expediente.stats.compute import indicator_compute
from tests.stats.conftest import demo_scope

AT = dt.datetime(2025, 5, 1, 15, tzinfo=dt.UTC)
MONTH = ("2025-05-01", "2025-05-31")


def _killing(victims: list[str], offences: list[str]) -> None:
    """A case with one accused, the given victims (by sex) and firearm charges."""
    actor = Actor.system(demo_user())
    case = case_open(
        court=Court.objects.get(code="sj-penal"), actor=actor, procedure="adult", occurred_at=AT
    ).event.case
    people = [("accused", "male"), *(("victim", sex) for sex in victims)]
    for n, (role, sex) in enumerate(people):
        person = {"given_names": f"V{n}", "family_names": "Prueba", "sex": sex}
        event_record(
            case=case,
            type="participant.added",
            payload={"role": role, "person": person},
            actor=actor,
            occurred_at=AT,
        )
    for n, offence in enumerate(offences):
        event_record(
            case=case,
            type="charge.filed",
            payload={"accused": "P1", "offence": offence, "firearm": True},
            actor=actor,
            occurred_at=AT + dt.timedelta(minutes=n + 1),
        )


def _victims() -> dict[tuple[str, ...], int]:
    scope = demo_scope(*MONTH)
    sql = indicator_compute("firearm_homicide_victims", scope)
    assert sql == indicator_compute("firearm_homicide_victims", scope, engine="pure")
    assert isinstance(sql, dict)
    return sql


def test_each_victim_of_the_case_counts_once_and_a_case_without_victims_counts_none(
    demo,  # type: ignore[no-untyped-def]
) -> None:
    before = _victims()

    def more(**by_sex: int) -> dict[tuple[str, ...], int]:
        keys = {*before, *((sex,) for sex in by_sex)}
        return {k: before.get(k, 0) + by_sex.get(k[0], 0) for k in keys}

    # one killing charged CP-111 and CP-112, the dead man and a female relative recorded
    # as victims: two victims, each once, however many charges
    _killing(["male", "female"], ["CP-111", "CP-112"])
    assert _victims() == more(male=1, female=1)
    # a firearm homicide charge with no victim recorded counts nobody
    _killing([], ["CP-111"])
    assert _victims() == more(male=1, female=1)


def test_the_figure_is_not_called_deaths_and_says_it_is_not_sdg_16_1_1() -> None:
    indicator = BY_ID["firearm_homicide_victims"]
    assert "firearm_deaths" not in BY_ID
    with translation.override("en"):
        assert "death" not in str(indicator.name).lower()
        assert "Not SDG 16.1.1" in str(indicator.caveats)
        assert "injured survivor" in str(indicator.caveats)
