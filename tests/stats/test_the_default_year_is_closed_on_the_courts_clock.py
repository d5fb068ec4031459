"""The public default year is the last year closed on the courts' clock (the rule pack's
time zone), not in UTC, and the page says in which zone it was computed.

QA: at 02:00 UTC on 1 January 2027 (still 31 December 2026 at 20:00 in Costa Rica), bare
/stats/ answered 400 "Only closed years are published: 2026 ends on 31 December 2026 in
Costa Rica", and "Computed on 2 December 2026 at 14:00" was UTC, unnamed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from expediente.recent import Recent
from expediente.stats.scope import courts_today

# 02:00 UTC on 1 January 2027: 20:00 on 31 December 2026 in Costa Rica (UTC−6)
NEW_YEAR_UTC = dt.datetime(2027, 1, 1, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def new_year_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.now", lambda: NEW_YEAR_UTC)
    Recent.clear_all()


def test_the_courts_today_is_still_the_last_day_of_the_year(demo, new_year_in_utc) -> None:  # type: ignore[no-untyped-def]
    assert courts_today("cr") == dt.date(2026, 12, 31)


def test_the_default_year_is_the_last_closed_in_costa_rica(demo, new_year_in_utc) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/stats/", {"jurisdiction": "cr"}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200, html[:500]
    assert "From 1 January 2025 to 31 December 2025." in html
    # computed at 20:00 in Costa Rica, and the page says so
    assert "at 20:00 (America/Costa_Rica time)." in html
    assert "02:00" not in html


def test_2026_is_not_yet_closed_in_costa_rica(demo, new_year_in_utc) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(
        "/stats/", {"jurisdiction": "cr", "year": "2026"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "Only closed years are published" in response.content.decode()


def test_a_day_later_2026_is_closed(demo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        "django.utils.timezone.now", lambda: dt.datetime(2027, 1, 1, 6, 30, tzinfo=dt.UTC)
    )
    Recent.clear_all()
    response = Client().get("/stats/", {"jurisdiction": "cr"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "From 1 January 2026 to 31 December 2026." in response.content.decode()
