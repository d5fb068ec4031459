"""A statistician opens Statistics, reads the figures with their charts and tables,
follows a figure to its definition, and is told plainly when a year is not closed yet."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from expediente.demo.generator import generate
from expediente.stats.catalogue import indicator_get


def _last_year() -> int:
    return dt.datetime.now(dt.UTC).year - 1


def _caseload() -> None:
    """A caseload ending late last year (the public pages publish closed years only),
    large enough for its year to pass disclosure control."""
    anchor = dt.datetime(_last_year(), 12, 20, 15, tzinfo=dt.UTC)
    generate(cases=150, seed=11, anchor=anchor)


def _whole_caseload() -> str:
    return f"?jurisdiction=cr&year={_last_year()}"


def test_a_statistician_reads_the_figures_and_their_definitions(page, screenshot):  # type: ignore[no-untyped-def]
    _caseload()
    page.goto("/stats/" + _whole_caseload())
    page.locator("#fig-incoming").wait_for()
    # every chart is an image with a title, and its table follows it
    # (a table whose every bar is hidden has a line instead of a chart)
    chart = page.locator("article.figure svg[role=img]").first
    assert chart.locator(":scope > title").text_content()
    assert page.locator("#fig-incoming table caption").first.is_visible()
    assert page.locator("#fig-held_on_day").is_visible()
    # custodial and non-custodial measures: the measures module's measures, with a table
    assert page.locator("#fig-measures_ordered").is_visible()
    assert page.locator("#fig-homicide_rate .status").is_visible()  # not computable, said so
    screenshot("statistics")
    page.locator("#fig-clearance_rate a[href$='/stats/indicators/clearance_rate/']").click()
    page.locator("h1").wait_for()
    assert "/stats/indicators/clearance_rate/" in page.url
    with translation.override("es"):  # the page is in Spanish, the formula translated
        formula = str(indicator_get("clearance_rate").formula)
    assert formula in page.content()


def test_a_year_not_closed_is_explained_at_the_top_and_next_to_the_field(page):  # type: ignore[no-untyped-def]
    _caseload()
    page.goto("/stats/")
    page.locator("#f-year").fill("2099")
    page.locator("form.stats-form button[type=submit]").click()
    summary = page.get_by_role("alert")
    summary.wait_for()
    assert summary.locator("a[href='#f-year']").is_visible()
    assert page.locator(".has-error #f-year").is_visible()
    assert page.locator("article.figure").count() == 0
