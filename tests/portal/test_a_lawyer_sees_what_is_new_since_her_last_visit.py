"""Each case on /my/ says how many entries arrived since the lawyer last opened its page,
and the case page marks them. The first visit counts nothing as new; opening the case
through her own participation or her client's is the same visit; entries she may not
see (the staff's internal notes) are not counted."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from expediente.access.participant_codes import link_by_clerk
from expediente.portal.models import LinkVisit
from tests.portal.conftest import lawyer_client, table_rows, text_of


def case_cell(client) -> str:  # type: ignore[no-untyped-def]
    return table_rows(client.get("/my/").content.decode())[1][0]


def marked(body: str) -> list[str]:
    """The headings of the timeline's entries marked as new."""
    return [
        text_of(h).replace("new since your last visit", "").strip()
        for h in re.findall(r'<li class="entry[^"]* is-new">\s*<h3>(.*?)</h3>', body, re.S)
    ]


def now() -> dt.datetime:
    return timezone.now() - dt.timedelta(minutes=1)


def test_new_entries_are_counted_and_marked_once(detained_case, court_clerk, record):
    client, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    page = f"/my/cases/{detained_case.nuid}/P4/"
    assert "Not opened yet" in case_cell(client)

    first = client.get(page).content.decode()  # a first visit: nothing is new
    assert marked(first) == []
    assert "since your last visit" not in text_of(first)
    assert "Nothing new since your last visit" in case_cell(client)

    record(detained_case, "note.added", {"text": "Llamar a la defensa"}, occurred_at=now())
    moved = {"hearing": "H1", "starts_at": "2027-01-12T10:00:00-06:00", "reason": "Agenda"}
    record(detained_case, "hearing.rescheduled", moved, occurred_at=now())
    record(detained_case, "charge.filed", {"accused": "P1", "offence": "CP-208"}, occurred_at=now())
    # three entries, one of them a staff note she never sees: two are new to her
    assert "2 new since your last visit" in case_cell(client)

    second = client.get(page).content.decode()
    assert "2 new entries since your last visit" in text_of(second)
    assert marked(second) == ["Hearing rescheduled", "Charge filed"]
    assert "Llamar a la defensa" not in second

    third = client.get(page).content.decode()  # seen now
    assert marked(third) == []
    assert "Nothing new since your last visit" in case_cell(client)


def test_a_staff_note_alone_is_nothing_new(detained_case, court_clerk, record):
    client, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    client.get(f"/my/cases/{detained_case.nuid}/P4/")
    record(detained_case, "note.added", {"text": "Interna"}, occurred_at=now())
    assert "Nothing new since your last visit" in case_cell(client)
    assert marked(client.get(f"/my/cases/{detained_case.nuid}/P4/").content.decode()) == []


def test_opening_the_case_through_her_client_is_a_visit_too(detained_case, court_clerk, record):
    client, user = lawyer_client()
    for uid in ("P4", "P1"):
        link_by_clerk(
            case=detained_case, participant=uid, username=user.username, actor=court_clerk
        )
    client.get(f"/my/cases/{detained_case.nuid}/P4/")
    record(detained_case, "charge.filed", {"accused": "P1", "offence": "CP-208"}, occurred_at=now())
    assert "1 new since your last visit" in case_cell(client)
    through_client = client.get(f"/my/cases/{detained_case.nuid}/P1/").content.decode()
    assert marked(through_client) == ["Charge filed"]
    assert "Nothing new since your last visit" in case_cell(client)
    # the last entry seen is kept on each link she opened the case through
    seen = dict(LinkVisit.objects.values_list("link__participant", "last_seen_seq"))
    detained_case.refresh_from_db()
    assert seen == {"P4": detained_case.last_seq - 1, "P1": detained_case.last_seq}


def test_another_account_has_its_own_visits(detained_case, court_clerk, record):
    rosa, r_user = lawyer_client()
    ana, a_user = lawyer_client("ana.victima")
    link_by_clerk(case=detained_case, participant="P4", username=r_user.username, actor=court_clerk)
    link_by_clerk(case=detained_case, participant="P2", username=a_user.username, actor=court_clerk)
    rosa.get(f"/my/cases/{detained_case.nuid}/P4/")
    ana.get(f"/my/cases/{detained_case.nuid}/P2/")
    record(detained_case, "charge.filed", {"accused": "P1", "offence": "CP-208"}, occurred_at=now())
    rosa.get(f"/my/cases/{detained_case.nuid}/P4/")
    assert "Nothing new since your last visit" in case_cell(rosa)
    assert "1 new since your last visit" in case_cell(ana)
