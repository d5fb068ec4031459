"""The page and its downloads say the same thing the same way (QA finding 10): the same
rounding, sources in the reader's language, ICCS names without the reference copy's
typos, one full stop after the time, a stock's SDMX period its reference day, and every
case flow with its procedure table."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.test import Client
from django.utils import translation

from expediente.stats.labels import value_label
from tests.stats.conftest import TODAY

QUERY = {"jurisdiction": "cr", "year": "2024"}  # the public page: a closed year


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch, settings) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    # the demo's year is small: at the default threshold (10) these figures are withheld,
    # and what is compared here is how a shown figure reads (from 3 on, 2024's stocks are
    # hidden with the small flows of 2023, the years being protected together)
    settings.EXPEDIENTE_DISCLOSURE = {"cr": {"threshold": 2}}


def _page(language: str) -> str:
    return Client().get("/stats/", QUERY, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def _figure(html: str, ident: str) -> str:
    return html.split(f'id="fig-{ident}"')[1].split("</article>")[0]


def _rows(path: str) -> list[dict[str, str]]:
    body = Client().get(path, QUERY).content.decode()
    return list(csv.DictReader(io.StringIO(body)))


def test_a_rate_is_rounded_alike_on_the_page_and_in_the_csv(demo) -> None:  # type: ignore[no-untyped-def]
    # turnover read 0.6 on the page and 0.5510 in the CSV
    rows = {r["indicator"]: r for r in _rows("/stats/download.csv") if not r["breakdown"]}
    html = _page("en")
    for ident, decimals in (("case_turnover", 2), ("clearance_rate", 1)):
        value = rows[ident]["value"]
        assert re.fullmatch(rf"\d+\.\d{{{decimals}}}", value), (ident, value)
        headline = re.search(r'class="headline">([^ <]+)', _figure(html, ident))
        assert headline is not None
        assert headline.group(1) == value


def test_the_spanish_page_gives_its_sources_in_spanish(demo) -> None:  # type: ignore[no-untyped-def]
    html = _page("es")
    assert "CEPEJ court efficiency indicators" not in html
    assert "Indicadores de eficiencia judicial de la CEPEJ" in html
    assert "SDG indicator" not in html


def test_one_full_stop_after_the_time(demo) -> None:  # type: ignore[no-untyped-def]
    html = _page("en")
    assert "Computed on" in html
    assert ".." not in re.sub(r"<[^>]+>", "", html.split("Computed on")[1].split("</p>")[0])


def test_the_iccs_section_names_have_no_typos() -> None:
    with translation.override("en"):
        assert value_label("section", "04").startswith("04 Acts against property")
        assert "psychoactive" in value_label("section", "06")


def test_a_stock_s_sdmx_period_is_its_reference_day(demo) -> None:  # type: ignore[no-untyped-def]
    periods = {r["INDICATOR"]: r["TIME_PERIOD"] for r in _rows("/stats/download.sdmx.csv")}
    assert periods["INCOMING"] == "2024-01-01/2024-12-31"  # a flow: the period
    assert periods["PENDING_END"] == "2024-12-31"  # read at the end of the last day
    assert periods["HELD_ON_DAY"] == "2024-12-31"
    assert periods["PENDING_START"] == "2023-12-31"  # read at the first moment of 2024


def test_pending_at_the_start_has_its_procedure_table(demo) -> None:  # type: ignore[no-untyped-def]
    figures = {ident: _figure(_page("en"), ident) for ident in ("pending_start", "pending_end")}
    assert figures["pending_start"].count("<table") == figures["pending_end"].count("<table") == 2
