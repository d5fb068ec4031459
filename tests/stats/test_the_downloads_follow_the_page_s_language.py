"""A reader of the Spanish page downloads Spanish labels: the page's CSV and JSON links
name its language (``lang``), and the file says which language its labels are in, in
its name, its ``lang`` column and its ``Content-Language``. Until 2026-12 the links had
no ``lang``, so the Spanish page gave ``…-labels-en.csv`` with English labels while the
response said ``Content-Language: es``. A link without ``lang`` still gives English: the
same URL gives the same bytes in every browser."""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re

import pytest
from django.test import Client

from tests.stats.conftest import TODAY

QUERY = {"jurisdiction": "cr", "year": "2024"}


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def _links(language: str) -> dict[str, str]:
    """The page's download links by format, as a browser would follow them."""
    page = Client().get("/stats/", QUERY, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    found = re.findall(r'href="(/stats/download\.(csv|json|sdmx\.csv)\?[^"]*)"', page)
    return {fmt: html_lib.unescape(href) for href, fmt in found}


@pytest.mark.parametrize("language", ["es", "pt", "fr", "en"])
def test_the_page_s_links_download_labels_in_its_language(demo, language: str) -> None:  # type: ignore[no-untyped-def]
    links = _links(language)
    # the browser still says its language: the link, not the header, decides
    reader = Client(HTTP_ACCEPT_LANGUAGE=language)
    got = reader.get(links["csv"])
    assert got.status_code == 200
    assert got["Content-Language"] == language
    assert f'labels-{language}.csv"' in got["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(got.content.decode())))
    assert {r["lang"] for r in rows} == {language}
    body = json.loads(reader.get(links["json"]).content)
    assert body["lang"] == language
    assert {o["lang"] for o in body["observations"]} == {language}
    if language == "es":
        labels = {r["indicator"]: r["indicator_label"] for r in rows}
        assert labels["incoming"] == "Expedientes ingresados"
    assert "lang=" not in links["sdmx.csv"]  # codes only: no language


def test_a_link_without_lang_gives_english_whatever_the_browser(demo) -> None:  # type: ignore[no-untyped-def]
    got = Client(HTTP_ACCEPT_LANGUAGE="es").get("/stats/download.csv", QUERY)
    assert got["Content-Language"] == "en"
    assert 'labels-en.csv"' in got["Content-Disposition"]
    assert {r["lang"] for r in csv.DictReader(io.StringIO(got.content.decode()))} == {"en"}
