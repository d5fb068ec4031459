"""The case page's list of hearings that have passed with nothing recorded links each to
the "held" and "not held" forms with that hearing already chosen; following one and
submitting records it, and the hearing leaves the list."""

from __future__ import annotations

import re

from tests.court.forms.helpers import drawn, last
from tests.court.forms.test_a_hearing_is_chosen_from_the_cases_open_hearings import (
    H1_AT,
    at,
    hearings,  # noqa: F401  (the fixture)
)


def awaiting(html: str) -> str:
    found = re.search(r'<ul class="awaiting">.*?</ul>', html, re.S)
    return found[0] if found else ""


def test_each_passed_hearing_links_to_its_outcome_forms(staff_client, hearings):  # noqa: F811
    listed = awaiting(staff_client.get(f"/court/cases/{hearings.nuid}/").content.decode())
    base = f"/court/cases/{hearings.nuid}/record/"
    assert f'href="{base}hearing.held/?hearing=H1"' in listed
    assert f'href="{base}hearing.not_held/?hearing=H1"' in listed
    assert "Record that it was held" in listed


def test_the_link_chooses_the_hearing_and_recording_it_clears_the_list(
    staff_client,
    hearings,  # noqa: F811
):
    url = f"/court/cases/{hearings.nuid}/record/hearing.held/?hearing=H1"
    page = staff_client.get(url)
    assert re.search(r'<option value="H1" selected>', page.content.decode())
    response = staff_client.post(url, drawn(page) | {"occurred_at": "2026-03-10T11:00"})
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = last(hearings)
    assert (entry.type, entry.payload["hearing"]) == ("hearing.held", "H1")
    assert entry.occurred_at.date() == at(H1_AT).date()
    after = staff_client.get(f"/court/cases/{hearings.nuid}/").content.decode()
    assert "hearing=H1" not in awaiting(after)
