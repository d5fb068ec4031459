"""A victim saw whether the accused was held or free only far down her history, among
the custody entries. Her page now says it near the top, in one line made of those same
entries, with the hour on the court's clock: held since the arrest, and the day the
detention order ends; free since the release. The accused's own side reads the
detention clock instead, and gets no such line."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import formats, translation

from tests.conftest import order_term
from tests.portal.conftest import CR, days_ago, text_of


def page_of(case, code, language: str = "en") -> str:  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    assert client.post("/follow/", {"case_number": case.nuid, "code": code}).status_code == 302
    return text_of(client.get("/follow/case/").content.decode())


def day(value: dt.date, language: str = "en") -> str:
    with translation.override(language):
        return formats.date_format(value, "DATE_FORMAT")


def test_she_reads_near_the_top_that_he_is_held_and_until_when(detained_case, issue):  # type: ignore[no-untyped-def]
    page = page_of(detained_case, issue(detained_case, "P2"))
    arrested = days_ago(20, 8)
    said = (
        f"has been held since {day(arrested.date())}, 08:00; "
        f"the detention order ends on {day(order_term())}."
    )
    assert said in page, page[:1500]
    assert "José Pérez Mora" in page[: page.index(said)]
    assert page.index(said) < page.index("Where the case stands")
    # the accused's own side reads the detention clock instead; a witness is not told
    assert "has been held since" not in page_of(detained_case, issue(detained_case, "P1"))
    assert "has been held since" not in page_of(detained_case, issue(detained_case, "P3"))


def test_she_reads_he_is_free_since_the_release_on_the_courts_clock(  # type: ignore[no-untyped-def]
    detained_case, issue, record
):
    released = dt.datetime.combine(days_ago(1).date(), dt.time(7, 50), tzinfo=CR)
    record(
        detained_case,
        "custody.released",
        {"person": "P1", "reason": "order_of_court"},
        occurred_at=released,
    )
    assert released.astimezone(dt.UTC).hour != 7  # the court's clock, not the server's
    page = page_of(detained_case, issue(detained_case, "P2"))
    said = f"has been free since {day(released.date())}, 07:50."
    assert said in page, page[:1500]
    assert page.index(said) < page.index("Where the case stands")
    assert "has been held since" not in page
    # in her language too
    es = page_of(detained_case, issue(detained_case, "P2"), language="es")
    assert f"{day(released.date(), 'es')}, 07:50" in es[: es.index("En qué etapa está el caso")]
