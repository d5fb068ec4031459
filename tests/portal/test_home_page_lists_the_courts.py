"""The home page lists the courts and how many cases each has, in the reader's language."""

import pytest

from tests.portal.conftest import headings, page, table_rows


@pytest.fixture
def caseload(court, other_court, open_case):
    """Three cases in San José (one juvenile), none in Cartago."""
    open_case()
    open_case()
    open_case("juvenile")


def test_it_is_in_spanish_by_default(client, caseload):
    body = page(client)
    assert '<html lang="es">' in body
    assert headings(body)[:2] == [
        "Expediente: causas penales que usted puede seguir",
        "Despachos judiciales",
    ]


def test_it_lists_every_court_with_its_number_of_cases(client, caseload):
    assert table_rows(page(client)) == [
        ["Despacho", "Jurisdicción", "Expedientes"],
        ["Juzgado Penal de Cartago", "Costa Rica", "0"],
        ["Juzgado Penal de San José", "Costa Rica", "3"],
    ]


def test_it_is_in_english_for_a_browser_that_asks_for_english(client, caseload):
    body = page(client, language="en")
    assert '<html lang="en">' in body
    assert headings(body)[:2] == ["Expediente: criminal cases you can follow", "Courts"]
    assert table_rows(body) == [
        ["Court", "Jurisdiction", "Cases"],
        ["Juzgado Penal de Cartago", "Costa Rica", "0"],
        ["Juzgado Penal de San José", "Costa Rica", "3"],
    ]


@pytest.mark.parametrize(
    ("accept", "heading"),
    [
        ("pt-BR,pt;q=0.9", "Expediente: processos penais que você pode acompanhar"),
        ("fr-FR", "Expediente : des affaires pénales que vous pouvez suivre"),
        ("de-DE,de;q=0.9", "Expediente: causas penales que usted puede seguir"),
    ],
    ids=["portuguese", "french", "german falls back to spanish"],
)
def test_it_speaks_the_regions_languages(client, caseload, accept, heading):
    assert headings(page(client, language=accept))[0] == heading


def test_a_new_case_shows_up_in_the_count(client, caseload, court, open_case):
    open_case()
    rows = table_rows(page(client, language="en"))
    assert ["Juzgado Penal de San José", "Costa Rica", "4"] in rows


def test_without_courts_it_says_so(client, db):
    body = page(client)
    assert "Todavía no se ha configurado ningún despacho." in body
    assert table_rows(body) == []


class Clock:
    """The monotonic clock the kept figures read, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    from expediente.portal import views

    tick = Clock()
    monkeypatch.setattr(views._overview, "clock", tick)
    return tick


def test_the_counts_are_counted_once_for_every_visitor_for_five_minutes(
    client, caseload, open_case, clock, django_assert_num_queries
):
    """Counting every case of every court for each visitor would let anyone keep the
    database busy by reloading the public page: each server process counts at most
    every EXPEDIENTE_PUBLIC_FIGURES_SECONDS (300) and the page says when it counted."""
    first = page(client, language="en")
    assert ["Juzgado Penal de San José", "Costa Rica", "3"] in table_rows(first)
    assert "Cases counted on" in first
    open_case()
    clock.now += 299
    with django_assert_num_queries(0):  # no count at all: the kept one
        again = page(client, language="en")
    assert ["Juzgado Penal de San José", "Costa Rica", "3"] in table_rows(again)
    clock.now += 2
    later = page(client, language="en")
    assert ["Juzgado Penal de San José", "Costa Rica", "4"] in table_rows(later)


def test_a_court_that_wants_live_counts_sets_the_seconds_to_zero(
    client, caseload, open_case, settings
):
    settings.EXPEDIENTE_PUBLIC_FIGURES_SECONDS = 0
    page(client, language="en")
    open_case()
    rows = table_rows(page(client, language="en"))
    assert ["Juzgado Penal de San José", "Costa Rica", "4"] in rows
