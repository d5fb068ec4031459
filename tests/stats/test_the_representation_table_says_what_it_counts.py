"""The public pages show persons brought before the courts by legal representation: the
table on the dashboard, and on the indicator's page the project's choices (what
"brought before the courts" is, when representation is read, the categories), said to
be the project's and not a UN rule; "none recorded" is never called "no lawyer"."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from tests.stats.conftest import TODAY


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def test_the_definition_states_the_project_s_choices(db) -> None:  # type: ignore[no-untyped-def]
    html = Client().get("/stats/indicators/represented/", HTTP_ACCEPT_LANGUAGE="en")
    assert html.status_code == 200
    text = html.content.decode()
    assert "Persons brought before the criminal courts, by legal representation" in text
    assert "The project's choices (not a UN rule)" in text
    assert "an indictment filed against the person in the period" in text
    assert "Representation is read at the end of the period" in text
    assert "does not mean that the person had no lawyer" in text
    assert "Legal representation" in text  # the breakdowns, in words


def test_the_definition_is_translated(db) -> None:  # type: ignore[no-untyped-def]
    text = Client().get("/stats/indicators/represented/", HTTP_ACCEPT_LANGUAGE="es")
    body = text.content.decode()
    assert "no una regla de la ONU" in body
    assert "Representation is read" not in body


def test_the_dashboard_shows_the_table_by_representation(demo, settings) -> None:  # type: ignore[no-untyped-def]
    settings.EXPEDIENTE_DISCLOSURE = {"cr": {"threshold": 1, "zero_dims": []}}
    query = {"jurisdiction": "cr", "year": "2024"}
    html = Client().get("/stats/", query, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    start = html.index('id="fig-represented"')
    figure = html[start : html.index("</article>", start)]
    assert "Legal representation" in figure
    assert "Public defender" in figure
    assert "/stats/indicators/represented/" in figure
    assert "No lawyer" not in html


def test_the_downloads_carry_the_table_by_representation(demo, settings) -> None:  # type: ignore[no-untyped-def]
    settings.EXPEDIENTE_DISCLOSURE = {"cr": {"threshold": 1, "zero_dims": []}}
    query = {"jurisdiction": "cr", "year": "2024"}
    sdmx = Client().get("/stats/download.sdmx.csv", query).content.decode()
    rows = list(csv.reader(io.StringIO(sdmx)))
    header = rows[0]
    assert "LEGAL_REPRESENTATION" in header
    mine = [dict(zip(header, r, strict=True)) for r in rows[1:] if r[2] == "REPRESENTED"]
    assert {r["LEGAL_REPRESENTATION"] for r in mine} >= {"public_defender", "_T"}
    assert all(len(r) == len(header) for r in rows)
    text = Client().get("/stats/download.csv", {**query, "lang": "es"}).content.decode()
    assert "represented" in text
    assert "Defensa pública" in text
