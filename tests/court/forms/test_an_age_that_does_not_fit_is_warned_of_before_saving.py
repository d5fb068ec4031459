"""When a clerk types the date of birth of an accused whose age does not fit the case's
procedure (a 16-year-old in an adult case), or files a charge against one, the form
warns before saving: the warning says who, how old, the rule and its source, and nothing
is recorded until the clerk ticks that the date of birth is checked (it may be the date
that is wrong: a warning, not a refusal). A filing that fits, or a person without a date
of birth, is recorded at once."""

from __future__ import annotations

import re

from expediente.docket.models import Participation
from tests.court.forms.helpers import drawn, events, last

BOX = "confirm_past_maximum"  # the form's one confirmation box


def add_url(case):
    return f"/court/cases/{case.nuid}/participants/add/"


def accused(born: str | None) -> dict:
    data = {"role": "accused", "kind": "natural", "given_names": "Kevin"}
    return data | {"family_names": "Solís Mora", **({"date_of_birth": born} if born else {})}


def warning(html: str) -> str:
    found = re.search(
        r'<div class="warning" role="alert" id="confirm-warning">(.*?)</div>', html, re.S
    )
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip() if found else ""


def test_a_child_added_to_an_adult_case_is_warned_of_and_recorded_once_confirmed(
    staff_client, case
):
    page = staff_client.get(add_url(case))
    before = len(events(case))
    first = staff_client.post(add_url(case), drawn(page) | accused("2009-11-02"))
    assert first.status_code == 200
    said = warning(first.content.decode())
    assert "Kevin Solís Mora was 16 years old on 31 January 2026" in said
    assert "Ley de Justicia Penal Juvenil (Ley 7576) art. 1" in said
    assert "I have checked the date of birth: record it as it is." in said
    assert "Nothing has been recorded yet." in said
    assert len(events(case)) == before
    token = re.search(rf'name="{BOX}" value="([^"]+)"', first.content.decode()).group(1)
    second = staff_client.post(add_url(case), {**first.wsgi_request.POST.dict(), BOX: token})
    assert second.status_code == 302
    assert last(case).payload["person"]["date_of_birth"] == "2009-11-02"
    assert Participation.objects.get(case=case, uid="P1").age_flag == "juvenile_in_adult"


def test_a_changed_date_of_birth_asks_again(staff_client, case):
    page = staff_client.get(add_url(case))
    first = staff_client.post(add_url(case), drawn(page) | accused("2009-11-02"))
    token = re.search(rf'name="{BOX}" value="([^"]+)"', first.content.decode()).group(1)
    values = {**first.wsgi_request.POST.dict(), BOX: token, "date_of_birth": "2010-11-02"}
    again = staff_client.post(add_url(case), values)
    assert again.status_code == 200
    assert "15 years old" in warning(again.content.decode())
    assert len(events(case)) == 1


def test_a_filing_that_fits_and_an_unknown_date_of_birth_are_recorded_at_once(
    staff_client, open_case
):
    juvenile = open_case("juvenile")
    page = staff_client.get(add_url(juvenile))
    assert (
        staff_client.post(add_url(juvenile), drawn(page) | accused("2009-11-02")).status_code == 302
    )
    adult = open_case("adult")
    page = staff_client.get(add_url(adult))
    assert staff_client.post(add_url(adult), drawn(page) | accused(None)).status_code == 302


def test_a_charge_against_a_child_in_an_adult_case_is_warned_of(staff_client, case, record):
    kevin = {"given_names": "Kevin", "family_names": "Solís Mora", "date_of_birth": "2009-11-02"}
    record(case, "participant.added", {"role": "accused", "person": kevin})
    url = f"/court/cases/{case.nuid}/charges/add/"
    page = staff_client.get(url)
    before = len(events(case))
    first = staff_client.post(url, drawn(page) | {"accused": "P1", "offence": "CP-208"})
    assert first.status_code == 200
    said = warning(first.content.decode())
    assert "Kevin Solís Mora was 16 years old" in said
    assert "I have checked: file the charge as it is." in said
    assert len(events(case)) == before
    token = re.search(rf'name="{BOX}" value="([^"]+)"', first.content.decode()).group(1)
    second = staff_client.post(url, {**first.wsgi_request.POST.dict(), BOX: token})
    assert second.status_code == 302
    assert last(case).type == "charge.filed"
