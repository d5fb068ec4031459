"""At a court's scale hundreds of people are expected at the reporting desk (at 37,000
demo cases, 720, all behind): the desk shows the first 100, the longest overdue first,
says how many there are, and finds anyone by name (without accents), identity document
or case number. A check-in pressed from a search comes back to it. Only the people on
the page are read and logged."""

from __future__ import annotations

import re

from expediente.access.access_log import AccessRecord
from expediente.court.measures import views
from tests.measures.test_the_staff_lists_of_measures_log_each_read_in_one_insert import (
    two_cases,
)


def _people(html: str) -> list[str]:
    return re.findall(r"Record check-in: ([^<]+)</button>", html)


def test_a_name_without_accents_a_document_or_a_case_number_finds_the_person(
    accused_case, open_case, record, impose, at, clerk_client
):
    _mine, other = two_cases(accused_case, open_case, record, impose, at)
    everyone = clerk_client.get("/court/measures/desk/").content.decode()
    assert sorted(_people(everyone)) == ["José Pérez Mora", "Luis Segundo Caso"]
    for query in ("jose perez", "Perez", "MORA", "1-0234", "10234", accused_case.number):
        found = clerk_client.get("/court/measures/desk/", {"q": query}).content.decode()
        assert _people(found) == ["José Pérez Mora"], query
    found = clerk_client.get("/court/measures/desk/", {"q": other.number}).content.decode()
    assert _people(found) == ["Luis Segundo Caso"]
    nobody = clerk_client.get("/court/measures/desk/", {"q": "erez"}).content.decode()
    assert _people(nobody) == []  # from the start of a word only
    assert "Nobody expected answers to “erez”." in nobody


def test_a_check_in_from_a_search_comes_back_to_it(accused_case, impose, at, clerk_client):
    impose(accused_case, "periodic_reporting", at(7))  # due today
    page = clerk_client.get("/court/measures/desk/", {"q": "perez"}).content.decode()
    key = re.search(r'name="key" value="(\w+)"', page).group(1)
    assert '<input type="hidden" name="q" value="perez">' in page
    form = {"case": accused_case.nuid, "measure": "M1", "key": key, "q": "perez"}
    response = clerk_client.post("/court/measures/desk/check-in/", form)
    assert response.status_code == 302
    assert response["Location"] == "/court/measures/desk/?q=perez"


def test_beyond_the_first_ones_the_desk_says_how_many_and_logs_only_those_shown(
    accused_case, open_case, record, impose, at, clerk_client, monkeypatch
):
    two_cases(accused_case, open_case, record, impose, at)
    monkeypatch.setattr(views, "DESK_SHOWN", 1)
    page = clerk_client.get("/court/measures/desk/").content.decode()
    shown = _people(page)
    assert len(shown) == 1
    assert "The first 1 of 2 people expected are shown" in page
    assert len(AccessRecord.objects.all()) == 1


def test_an_odd_search_finds_nobody_rather_than_failing(accused_case, impose, at, clerk_client):
    impose(accused_case, "periodic_reporting", at(7))
    for query in ("\x00", "pe\x00rez", "%", "_", "'; --", "x" * 5000, "١٢٣"):
        response = clerk_client.get("/court/measures/desk/", {"q": query})
        assert response.status_code == 200, query
    found = clerk_client.get("/court/measures/desk/", {"q": "pe\x00rez"}).content.decode()
    assert _people(found) == ["José Pérez Mora"]  # the NUL is dropped
