"""The public dashboard at /stats/: every family of indicators, each figure with how it
was computed and a link to its definition, small cells hidden, no personal data."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from expediente.docket.models import Court, Jurisdiction, Person
from expediente.recent import Recent
from expediente.stats.catalogue import INDICATORS
from tests.stats.conftest import TODAY

QUERY = {"jurisdiction": "cr", "year": "2024"}


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


def test_it_shows_every_indicator_with_its_definition_link(demo, settings) -> None:  # type: ignore[no-untyped-def]
    # at the default threshold every bar of the demo's small year is hidden: no chart
    settings.EXPEDIENTE_DISCLOSURE = {"cr": {"threshold": 2}}
    response = Client().get("/stats/", QUERY)
    assert response.status_code == 200
    html = response.content.decode()
    for indicator in INDICATORS:
        assert f'id="fig-{indicator.id}"' in html
        assert f"/stats/indicators/{indicator.id}/" in html
    assert "<svg" in html
    assert 'role="img"' in html
    assert "<caption>" in html


def test_it_says_what_cannot_be_computed(demo) -> None:  # type: ignore[no-untyped-def]
    html = Client().get("/stats/", QUERY, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "resident population is not in these records" in html


def test_it_says_in_plain_words_which_counts_are_hidden(demo, settings) -> None:  # type: ignore[no-untyped-def]
    # it said "Los conteos de 1 a 5 menos uno se ocultan" and "0,3 índice"
    settings.EXPEDIENTE_DISCLOSURE = {"cr": {"threshold": 5}}  # the demo's year is small
    html = Client().get("/stats/", QUERY, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Los conteos de 1 a 4 se ocultan" in html
    assert "menos uno" not in html
    # the turnover is shown only at 2: from 3 on, 2024's stocks are hidden with 2023's
    settings.EXPEDIENTE_DISCLOSURE = {"cr": {"threshold": 2}}
    Recent.clear_all()  # the page keeps a release a few minutes
    html = Client().get("/stats/", QUERY, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "resueltos por caso pendiente" in html
    # our own sources in the reader's language (published titles stay as published)
    assert "Definición propia de Expediente" in html
    assert "Expediente's own definition" not in html
    assert "El plazo que empieza con la detención en el paquete de reglas de cada tribunal" in html


def test_it_hides_small_cells_and_names_nobody(demo) -> None:  # type: ignore[no-untyped-def]
    html = Client().get("/stats/", QUERY).content.decode()
    assert ">x</abbr>" in html  # the demo's juvenile court has small cells
    for person in Person.objects.exclude(family_names="")[:200]:
        assert person.family_names not in html
        if person.date_of_birth:
            assert person.date_of_birth.isoformat() not in html


@pytest.mark.parametrize(
    ("query", "field", "words"),
    [
        ({"year": "2025"}, "year", "Only closed years are published"),
        ({"year": "2030"}, "year", "Only closed years are published"),
        ({"year": "1/2/2024"}, "year", "four digits"),
        ({"start": "2024-01-01"}, "start", "whole closed years only"),
        ({"jurisdiction": "xx"}, "jurisdiction", "no jurisdiction"),
        ({"court": ["nowhere"]}, "courts", "whole jurisdiction"),
    ],
)
def test_bad_input_is_named_and_nothing_is_computed(demo, query, field, words) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/stats/", {**QUERY, **query}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    html = response.content.decode()
    assert words in html
    assert f'href="#f-{field}"' in html
    assert 'id="fig-' not in html


def test_a_court_with_no_cases_gets_messages_not_zeros_or_errors(demo, settings) -> None:  # type: ignore[no-untyped-def]
    from expediente.access.models import Membership, User
    from tests.court.forms.conftest import signed_in

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cr = Jurisdiction.objects.get(code="cr")
    limon = Court.objects.create(
        jurisdiction=cr,
        code="limon-penal",
        name="Juzgado Penal de Limón",
        office_code="0999",
        timezone="America/Costa_Rica",
        rule_pack="cr",
    )
    user = User.objects.create_user("clerk.limon", password="una-clave-larga-2026")
    Membership.objects.create(user=user, court=limon, role="clerk")
    response = signed_in(user).get(
        "/stats/", {"jurisdiction": "cr", "start": "2024-01-01", "end": "2024-12-31"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing recorded in this period." in html
    assert 'class="headline"' not in html  # no figure at all: no 0, no division by zero


def test_an_unknown_indicator_is_a_404_with_its_name(demo) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/stats/indicators/nonsense/")
    assert response.status_code == 404


def test_a_definition_page_gives_formula_and_source(demo) -> None:  # type: ignore[no-untyped-def]
    html = Client().get("/stats/indicators/disposition_time/", HTTP_ACCEPT_LANGUAGE="en")
    text = html.content.decode()
    assert "pending at the end / resolved" in text
    assert "GOJUST" in text
    assert "to confirm" in text


def test_an_empty_period_says_so(demo) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/stats/", {**QUERY, "year": "2010"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing recorded in this period." in html
    assert "Nothing to compute from in this period." in html


def _queries(client: Client, path: str, query: dict, language: str = "en") -> tuple[int, str]:  # type: ignore[type-arg]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, query, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_a_release_is_computed_once_for_every_visitor_of_the_same_scope(demo) -> None:  # type: ignore[no-untyped-def]
    """The full release costs about a second at 100,000 cases; a public page must not
    let each visitor make the database compute it again: each server process keeps it
    for EXPEDIENTE_PUBLIC_FIGURES_SECONDS (300), per scope and language, and says when
    it was computed."""
    client = Client()
    computed, first = _queries(client, "/stats/", QUERY)
    assert computed > 20  # the indicators' own queries
    assert "Computed on" in first
    kept, again = _queries(client, "/stats/", QUERY)
    assert kept <= 5  # the form and the scope: jurisdictions and courts only
    figures = re.compile(r'<section class="family".*</section>', re.S)  # not the form's token
    assert figures.findall(again) == figures.findall(first) != []
    downloaded, _csv = _queries(client, "/stats/download.csv", QUERY)
    assert downloaded <= 5  # the same release
    other_period, _ = _queries(client, "/stats/", {**QUERY, "year": "2023"})
    assert other_period > 20
    spanish, _ = _queries(client, "/stats/", QUERY, language="es")
    assert spanish > 20  # its words are another language's


def test_with_the_seconds_at_zero_every_visit_computes(demo, settings) -> None:  # type: ignore[no-untyped-def]
    settings.EXPEDIENTE_PUBLIC_FIGURES_SECONDS = 0
    client = Client()
    first, _ = _queries(client, "/stats/", QUERY)
    second, _ = _queries(client, "/stats/", QUERY)
    assert second == first > 20


def test_the_charts_describe_themselves_in_the_readers_language(demo, settings) -> None:  # type: ignore[no-untyped-def]
    # the SVG template was not read for translation: its description was English everywhere
    settings.EXPEDIENTE_DISCLOSURE = {"cr": {"threshold": 2}}  # some bars shown: charts drawn
    html = Client().get("/stats/", QUERY, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Gráfico de barras; la tabla que sigue tiene las mismas cifras." in html
    assert "Bar chart;" not in html


def test_without_a_choice_it_shows_the_jurisdiction_with_the_most_cases(demo) -> None:  # type: ignore[no-untyped-def]
    # it showed the first by name (Brasil) on a server whose cases are mostly Costa Rica's
    from django.db.models import Count

    from expediente.docket.models import Case

    counts = dict(Case.objects.values_list("court__jurisdiction__code").annotate(n=Count("id")))
    largest = max(counts, key=lambda code: counts[code])
    assert len(counts) >= 2, counts  # the demo has Costa Rica's courts and Brazil's
    html = Client().get("/stats/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<option value="{largest}" selected' in html


def test_the_public_sources_name_no_file_of_the_project(demo) -> None:  # type: ignore[no-untyped-def]
    # they said "MISSION.md", "indicators.md" and "iccs-tags.csv" to the public
    from expediente.stats.catalogue import INDICATORS

    pages = [Client().get("/stats/", QUERY, HTTP_ACCEPT_LANGUAGE="en")]
    pages += [Client().get(f"/stats/indicators/{i.id}/") for i in INDICATORS]
    for page in pages:
        assert page.status_code == 200
        html = page.content.decode()
        for internal in ("MISSION.md", "indicators.md", "iccs-tags.csv", ".yaml"):
            assert internal not in html


def test_each_caveat_is_shown_beside_its_number(demo) -> None:  # type: ignore[no-untyped-def]
    """A reader quoting a number sees what it does not capture in the same figure, not
    only on the definition page (QA: "Unsentenced detainees (SDG 16.3.2)" was quoted as
    the SDG figure; the "not a prison census" caveat was only on a definition page)."""
    from django.utils.html import escape
    from django.utils.translation import override

    html = Client().get("/stats/", QUERY, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    figures = dict(
        re.findall(r'<article class="figure" id="fig-([a-z_0-9]+)"(.*?)</article>', html, re.S)
    )
    sections = dict(re.findall(r'<section class="family" id="([a-z]+)"(.*?)</section>', html, re.S))
    with override("en"):
        for indicator in INDICATORS:
            if indicator.caveats:
                # beside its number, or once above the figures of its family that share it
                # (the four case flows said the same caveat four times)
                caveat = escape(str(indicator.caveats))
                head = sections[indicator.family].split("<article")[0]
                assert (caveat in figures[indicator.id]) != (caveat in head), indicator.id
    assert "SDG 16.3.2" not in re.sub(
        r"<p class=\"caveat\">.*?</p>", "", figures["unsentenced_share"], flags=re.S
    )
    assert "Not SDG 16.3.2" in figures["unsentenced_share"]
    assert "not a prison census" in figures["held_on_day"]


def test_the_page_reads_well_on_its_own(demo) -> None:  # type: ignore[no-untyped-def]
    """QA: the same caveat four times, charts of hidden bars only, the disposition time
    with no word beside it, and "Desgloses: status, sex"."""
    html = Client().get("/stats/", QUERY, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert html.count("A case is resolved at its first-instance disposition") == 1
    dt = html.split('id="fig-disposition_time"')[1].split("</article>")[0]
    if 'class="headline"' in dt:
        assert "not a measurement of how long cases took" in dt.split('class="headline"')[1]
    assert "No chart: every bar of this table is hidden." in html  # the demo's small year
    page = Client().get("/stats/indicators/held_on_day/", HTTP_ACCEPT_LANGUAGE="pt")
    text = page.content.decode()
    assert "status, sex" not in text
    assert "Sexo" in text


def test_a_hidden_cell_says_why_on_the_page(demo) -> None:  # type: ignore[no-untyped-def]
    html = Client().get("/stats/", QUERY, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "hidden: too few cases or persons" in html
