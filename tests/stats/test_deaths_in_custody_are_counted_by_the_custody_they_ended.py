"""Deaths in custody (a project indicator, flag U): the persons who died in custody in
the period, each once, by the kind of custody the death ended (police custody counted),
sex and age status; a death corrected as recorded by mistake is not counted; the
database, the pure fold and DuckDB over the extract agree; small counts are hidden."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from expediente.stats.compute import indicator_compute
from expediente.stats.indicators import custody as cu
from expediente.stats.indicators.rows import CustodyRow, UnknownValue
from tests.stats.conftest import TODAY, demo_scope
from tests.stats.helpers import YEAR, at

CR = ZoneInfo("America/Costa_Rica")
DIED = "custody.died"
ORDER = {"until": "2025-12-31", "grounds": "Peligro de fuga"}


def local(moment: str) -> dt.datetime:
    return dt.datetime.fromisoformat(moment).replace(tzinfo=CR)


# -- the fold, by hand


def row(person: int, kind: str, ended: str | None, end_type: str = DIED, **kw: Any) -> CustodyRow:
    return CustodyRow(
        person,
        kw.get("procedure", "adult"),
        kind,
        at("2024-01-02"),
        None if ended is None else at(ended),
        kw.get("sex", "male"),
        end_type if ended is not None else "",
    )


def test_each_person_counts_once_in_the_custody_the_death_ended() -> None:
    rows = [
        row(1, "police", "2024-03-01"),  # died in police custody
        row(2, "pretrial", "2024-04-01", sex="female"),
        row(3, "sentenced_appeal", "2024-05-01"),
        row(4, "sentenced_final", "2024-05-02", procedure="juvenile", sex="female"),
        # held in two cases, the death ended both: once, as sentenced
        row(5, "pretrial", "2024-06-01"),
        row(5, "sentenced_final", "2024-06-01"),
        row(6, "pretrial", "2024-07-01", end_type="custody.released"),  # released: not
        row(7, "pretrial", "2023-12-31"),  # died before the period
        row(8, "police", None),  # still held
    ]
    assert cu.deaths_in_custody(rows, YEAR) == {
        ("police", "male", "adult"): 1,
        ("unsentenced", "female", "adult"): 1,
        ("sentenced", "male", "adult"): 2,
        ("sentenced", "female", "juvenile"): 1,
    }


def test_the_fold_reads_the_custody_record_s_own_end_at_a_death() -> None:
    from expediente.custody.periods import DIED_IN_CUSTODY

    assert cu.DIED == DIED_IN_CUSTODY


def test_a_custody_kind_nobody_classified_refuses_the_figure() -> None:
    with pytest.raises(UnknownValue, match="house_arrest"):
        cu.deaths_in_custody([row(1, "house_arrest", "2024-03-01")], YEAR)


# -- through the records


def _accused(clerk: Any, record: Any, when: str, *, sex: str = "male") -> Any:
    """A public case (charged and indicted) with one accused, arrested at ``when``."""
    from expediente.docket.models import Court
    from expediente.docket.services import case_open

    court = Court.objects.get(code="sj-penal")
    case = case_open(court=court, actor=clerk, procedure="adult", occurred_at=local(when))
    case = case.event.case
    person = {"given_names": "A", "family_names": "Z", "sex": sex}
    record(
        case, "participant.added", {"role": "accused", "person": person}, occurred_at=local(when)
    )
    record(case, "charge.filed", {"accused": "P1", "offence": "CP-208"}, occurred_at=local(when))
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=local(when))
    record(
        case, "custody.arrested", {"person": "P1"}, occurred_at=local(when) + dt.timedelta(hours=1)
    )
    return case


def _october(clerk: Any, record: Any) -> tuple[int, int]:
    """Three deaths in October 2025 and one in November; returns the entry of the third,
    for a correction."""
    police = _accused(clerk, record, "2025-10-01T08:00")
    record(police, DIED, {"person": "P1"}, occurred_at=local("2025-10-01T20:00"))
    pretrial = _accused(clerk, record, "2025-10-02T08:00", sex="female")
    order = {"person": "P1", **ORDER}
    record(pretrial, "custody.pretrial_ordered", order, occurred_at=local("2025-10-02T12:00"))
    record(pretrial, DIED, {"person": "P1"}, occurred_at=local("2025-10-10T03:00"))
    mistaken = _accused(clerk, record, "2025-10-03T08:00")
    seq = record(mistaken, DIED, {"person": "P1"}, occurred_at=local("2025-10-04T08:00"))
    later = _accused(clerk, record, "2025-11-01T08:00")
    record(later, DIED, {"person": "P1"}, occurred_at=local("2025-11-02T08:00"))
    return mistaken.pk, seq.event.seq


@pytest.mark.django_db
def test_deaths_are_counted_by_custody_and_a_death_recorded_by_mistake_is_not(
    demo, clerk, record
) -> None:  # type: ignore[no-untyped-def]
    scope = demo_scope("2025-10-01", "2025-10-31")
    assert indicator_compute("deaths_in_custody", scope) == {}  # the demo records no death
    case_id, seq = _october(clerk, record)
    expected = {
        ("police", "male", "adult"): 2,
        ("unsentenced", "female", "adult"): 1,
    }
    assert indicator_compute("deaths_in_custody", scope) == expected
    assert indicator_compute("deaths_in_custody", scope, engine="pure") == expected
    from expediente.docket.models import Case

    fix = {"person": "P1", "in_error": True}
    mistaken = Case.objects.get(pk=case_id)
    record(mistaken, DIED, fix, occurred_at=local("2025-10-04T08:00"), corrects_seq=seq)
    expected = {("police", "male", "adult"): 1, ("unsentenced", "female", "adult"): 1}
    assert indicator_compute("deaths_in_custody", scope) == expected
    assert indicator_compute("deaths_in_custody", scope, engine="pure") == expected


@pytest.mark.django_db
def test_duckdb_over_the_extract_counts_the_same_deaths(demo, clerk, record, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pyarrow.parquet as pq

    from expediente.stats.extract import ExtractOutdated, extract_case_ids, extract_write
    from expediente.stats.extract_queries import duckdb_indicators

    case_id, seq = _october(clerk, record)
    fix = {"person": "P1", "in_error": True}
    from expediente.docket.models import Case

    record(
        Case.objects.get(pk=case_id),
        DIED,
        fix,
        occurred_at=local("2025-10-04T08:00"),
        corrects_seq=seq,
    )
    whole = demo_scope("2022-01-01", "2025-11-13")
    path = tmp_path / "extract.parquet"
    extract_write(whole, path)
    table = pq.read_table(path, columns=["event_type", "custody_kind"]).to_pylist()
    kinds = sorted(r["custody_kind"] for r in table if r["event_type"] == DIED)
    assert kinds == ["police", "police", "pretrial"]  # not the death taken back
    assert {r["custody_kind"] for r in table if r["event_type"] != DIED} == {None}
    old = tmp_path / "v3.parquet"  # written before the deaths' custody_kind: refused
    version = {b"expediente.extract.version": b"3"}
    pq.write_table(pq.read_table(path).replace_schema_metadata(version), old)
    with pytest.raises(ExtractOutdated, match=r"version 3, .*custody_kind"):
        duckdb_indicators(old, dt.date(2025, 10, 1), dt.date(2025, 10, 31))
    mine = frozenset(extract_case_ids(whole))
    for start, end in (("2025-10-01", "2025-10-31"), ("2025-01-01", "2025-11-13")):
        scope = dataclasses.replace(demo_scope(start, end), cases=mine)
        duck = duckdb_indicators(Path(path), scope.period.start, scope.period.end)
        app = indicator_compute("deaths_in_custody", scope)
        assert app, "the deaths recorded are in public cases"
        assert duck["deaths_in_custody"] == app


@pytest.fixture
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


@pytest.mark.django_db
def test_the_public_figures_hide_a_small_count_of_deaths(demo, clerk, record, frozen_today) -> None:  # type: ignore[no-untyped-def]
    """One death in custody in 2024 (the demo's last closed year): the dashboard and the
    CSV list the figure, but its cells are hidden (small count) at the default threshold."""
    case = _accused(clerk, record, "2024-06-01T08:00", sex="female")
    record(case, DIED, {"person": "P1"}, occurred_at=local("2024-06-01T18:00"))
    query = {"jurisdiction": "cr", "year": "2024"}
    html = Client().get("/stats/", query, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    section = html[html.index('id="fig-deaths_in_custody"') :]
    section = section[: section.index("</article>")]
    assert "Deaths in custody" in section
    assert "Not published: too few cases or persons" in section  # one death: hidden
    assert 'class="headline"' not in section
    body = Client().get("/stats/download.csv", query).content.decode()
    rows = [r for r in csv.DictReader(io.StringIO(body)) if r["indicator"] == "deaths_in_custody"]
    assert rows
    assert all(r["status"] == "suppressed" and r["value"] == "" for r in rows if r["value"] != "0")
    assert not [r for r in rows if r["value"] not in ("", "0")]


@pytest.mark.parametrize(
    ("language", "name", "flag"),
    [
        ("en", "Deaths in custody", "No UN definition in the project"),
        ("es", "Fallecimientos bajo custodia", "No hay definición de la ONU"),
        ("pt", "Óbitos sob custódia", "Não há definição da ONU"),
        ("fr", "Décès en détention", "Pas de définition de l’ONU"),
    ],
)
@pytest.mark.django_db
def test_the_definition_page_says_it_is_the_project_s_count_in_four_languages(
    language: str, name: str, flag: str
) -> None:
    response = Client().get("/stats/indicators/deaths_in_custody/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    html = response.content.decode()
    assert name in html
    assert flag in html
    assert "Mandela" in html  # why it matters, not a UN formula
