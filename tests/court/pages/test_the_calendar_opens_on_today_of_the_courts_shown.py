"""The staff calendar opens on "today". It took today on the clock of the reader's
first court by name, whatever the court shown: at 23:30 in San José it is already 02:30
the next day in Ilhabela (3 hours ahead), so one of the two was shown the wrong day.
Now "today" is the day on the clock of the court shown; of several courts, the clock
most of them keep, and when they keep different clocks the page says which."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from expediente.access.models import Membership
from expediente.court.pages import views
from expediente.docket.models import Court, Jurisdiction
from tests.court.pages.conftest import signed_in, staff

# 23:30 on Saturday 14 March in San José (UTC−6) is 02:30 on Sunday 15 March in
# Ilhabela (America/Sao_Paulo, UTC−3)
LATE_IN_SAN_JOSE = dt.datetime(2026, 3, 15, 5, 30, tzinfo=dt.UTC)
SATURDAY = "Saturday, 14 March 2026"
SUNDAY = "Sunday, 15 March 2026"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(views, "timezone", SimpleNamespace(now=lambda: LATE_IN_SAN_JOSE))


@pytest.fixture
def ilhabela(db):
    brazil = Jurisdiction.objects.create(code="br", name="Brasil", rule_pack="br")
    # named to sort first: the old code took "today" from the first court by name
    return Court.objects.create(
        jurisdiction=brazil,
        code="ilhabela-vara",
        name="1ª Vara Única da Comarca de Ilhabela",
        office_code="26.0247",
        timezone="America/Sao_Paulo",
        rule_pack="br",
    )


def heading(html: str) -> str:
    start = html.index('<h2 id="day-heading">') + len('<h2 id="day-heading">')
    return html[start : html.index("</h2>", start)]


def test_a_clerk_of_one_court_gets_today_on_that_courts_clock(page, ilhabela, court):
    staff("rodrigo.escrivao", ilhabela, "clerk", "Rodrigo Pereira Nunes")
    brazil = page(signed_in("rodrigo.escrivao"), "/court/calendar/")
    assert heading(brazil) == f"{ilhabela.name}: {SUNDAY} (today)"
    staff("maria.sj", court, "clerk", "María Soto")
    costa_rica = page(signed_in("maria.sj"), "/court/calendar/")
    assert heading(costa_rica) == f"{court.name}: {SATURDAY} (today)"
    assert "day-zone" not in brazil + costa_rica  # one court, one clock: nothing to say


def test_of_several_courts_the_one_chosen_sets_today(page, ilhabela, court):
    user = staff("ines.admin", ilhabela, "clerk", "Inés Mora")
    Membership.objects.create(user=user, court=court, role="clerk")
    client = signed_in("ines.admin")
    html = page(client, "/court/calendar/", court=ilhabela.code)
    assert heading(html) == f"{ilhabela.name}: {SUNDAY} (today)"
    html = page(client, "/court/calendar/", court=court.code)
    assert heading(html) == f"{court.name}: {SATURDAY} (today)"
    assert "day-zone" not in html


def test_all_my_courts_in_two_zones_says_whose_today_it_is(page, ilhabela, court, other_court):
    # two courts in San José's zone, one in Ilhabela's that sorts first by name
    user = staff("ines.admin", ilhabela, "clerk", "Inés Mora")
    Membership.objects.create(user=user, court=court, role="clerk")
    Membership.objects.create(user=user, court=other_court, role="clerk")
    client = signed_in("ines.admin")
    html = page(client, "/court/calendar/")
    assert heading(html) == f"All my courts: {SATURDAY} (today)"
    assert (
        "These courts keep different clocks: each court’s hearings are those of this day on "
        "its own clock, and “today” is the day in America/Costa_Rica (UTC−06:00)."
    ) in html.replace("&#x27;", "’").replace("'", "’")
    # the day after is not "today" anywhere it is said to be
    after = page(client, "/court/calendar/", date="2026-03-15")
    assert "(today)" not in heading(after)


def test_all_my_courts_on_one_clock_says_nothing_of_zones(page, court, other_court):
    user = staff("laura.clerk", court, "clerk", "Laura Quesada")
    Membership.objects.create(user=user, court=other_court, role="clerk")
    html = page(signed_in("laura.clerk"), "/court/calendar/")
    assert heading(html) == f"All my courts: {SATURDAY} (today)"
    assert "day-zone" not in html
