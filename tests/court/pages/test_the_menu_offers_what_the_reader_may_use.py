"""The workspace's menu offers each staff member what they may use: a judge saw "Open a
case" and was answered "You cannot open cases"; a court administrator or a judge had no
way to the court's access log but its address."""

from __future__ import annotations

import re

from django.urls import reverse

from expediente.court.models import StaffPerson
from tests.court.pages.conftest import signed_in, staff


def links(client) -> list[str]:  # type: ignore[no-untyped-def]
    html = client.get("/court/").content.decode()
    nav = re.search(r'<nav class="staff".*?</nav>', html, re.S)
    assert nav, "no staff menu"
    return re.findall(r'href="([^"]+)"', nav.group(0))


def test_a_clerk_is_offered_opening_a_case_and_not_the_access_log(clerk_client):
    offered = links(clerk_client)
    assert reverse("court:case_open") in offered
    assert "/court/access-log/" not in offered


def test_a_judge_is_offered_the_access_log_and_not_opening_a_case(judge_client):
    offered = links(judge_client)
    assert "/court/access-log/" in offered
    assert reverse("court:case_open") not in offered
    assert judge_client.get("/court/access-log/").status_code == 200


def test_a_court_administrator_is_offered_the_access_log(court):
    staff("ada.admin", court, "court_admin")
    assert "/court/access-log/" in links(signed_in("ada.admin"))


def summary(client, path: str) -> str:  # type: ignore[no-untyped-def]
    html = client.get(path).content.decode()
    found = re.search(r"<summary>(.*?)</summary>", html, re.S)
    assert found, "no folded menu for a phone"
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def test_the_folded_menu_names_the_section_the_reader_is_in(judge_client, accused_case):
    assert summary(judge_client, "/court/due/") == "Menu · Due and overdue"
    assert summary(judge_client, "/court/calendar/") == "Menu · Calendar"
    # a case is in "Cases"; the current link is marked for screen readers as well
    html = judge_client.get(f"/court/cases/{accused_case.nuid}/").content.decode()
    assert '<a href="/court/cases/" aria-current="page">Cases</a>' in html
    assert summary(judge_client, f"/court/cases/{accused_case.nuid}/") == "Menu · Cases"


def test_the_folded_menu_offers_the_same_links_as_the_row(clerk_client):
    html = clerk_client.get("/court/").content.decode()
    folded = re.search(r'<details class="staff-menu">.*?</details>', html, re.S)
    row = re.search(r'<div class="staff-bar">.*?</div>', html, re.S)
    assert folded
    assert row
    hrefs = [re.findall(r'href="([^"]+)"', m.group(0)) for m in (folded, row)]
    assert hrefs[0] == hrefs[1]
    assert reverse("court:case_open") in hrefs[0]


def test_a_clerk_is_not_offered_an_alerts_page_that_would_stay_empty(clerk_client):
    # deadline alerts reach docket people (a judge named in cases); a clerk is none
    assert reverse("court:alerts") not in links(clerk_client)
    home = clerk_client.get("/court/").content.decode()
    assert reverse("court:account_alerts") not in home


def test_a_judge_who_is_a_docket_person_is_offered_the_alerts(judge_user, judge_client):
    assert reverse("court:alerts") not in links(judge_client)  # not yet linked
    StaffPerson.objects.create(user=judge_user, person_uid="P-JUDGE-MENU")
    assert reverse("court:alerts") in links(judge_client)
    assert reverse("court:account_alerts") in judge_client.get("/court/").content.decode()
