import re

from tests.court.pages.conftest import case_url


def test_the_list_shows_25_cases_a_page_most_recent_activity_first(
    clerk_client, page, open_case, record
):
    cases = [open_case() for _ in range(27)]
    record(cases[0], "note.added", {"text": "Actividad reciente"})  # now the most recent
    first = page(clerk_client, "/court/cases/")
    assert "27 cases" in first
    assert "Page 1 of 2" in first
    listed = re.findall(r'href="(/court/cases/(?!new/)[^"/]+/)"', first)
    assert len(listed) == 25
    assert listed[0] == case_url(cases[0])
    assert listed[1] == case_url(cases[-1])  # then the newest case

    second = page(clerk_client, "/court/cases/", page=2)
    rest = re.findall(r'href="(/court/cases/(?!new/)[^"/]+/)"', second)
    assert len(rest) == 2
    assert set(listed).isdisjoint(rest)


def test_the_next_page_link_keeps_the_search(clerk_client, page, open_case):
    for _ in range(26):
        open_case(procedure="juvenile")
    html = page(clerk_client, "/court/cases/", procedure="juvenile")
    assert "?procedure=juvenile&amp;page=2" in html
