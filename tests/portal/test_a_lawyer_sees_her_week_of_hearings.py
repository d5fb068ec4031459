"""/my/ opens with "This week": the hearings of today and the next six days of each court
(its own calendar days) in every case the lawyer follows, by day and then time, each with
its time, kind, case, court and courtroom, and her clients there. A hearing not held or
moved stays on its day, marked (moved: to when); what the disclosure rules hide from her
in a case is not there; and the page costs the same number of queries for four cases as
for one."""

from __future__ import annotations

import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import formats, timezone
from django.utils.translation import override

from expediente.access.participant_codes import link_by_clerk
from expediente.docket.services import event_record
from expediente.portal.my_cases import my_page
from tests.portal.conftest import CR, hearing_day, lawyer_client, text_of

LUIS = {"given_names": "Luis", "family_names": "Otro Caso", "sex": "male"}


def week_of(body: str) -> str:
    found = re.search(r'<section class="panel week".*?</section>', body, re.S)
    assert found, "no week on the page"
    return found.group(0)


def entries(body: str) -> list[str]:
    """Each line of the week as read: its day heading, then each hearing's text."""
    week = week_of(body)
    parts = re.findall(r"<h3[^>]*>(.*?)</h3>|<li[^>]*>(.*?)</li>", week, re.S)
    texts = [text_of((h or li).replace("</p>", " · </p>")) for h, li in parts]
    return [" ".join(t.split()).rstrip(" ·") for t in texts]


def local(days: int, hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.now().astimezone(CR).date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=CR)


def schedule(record, case, hearing, when, kind="trial", courtroom="Sala 1"):  # type: ignore[no-untyped-def]
    payload = {"hearing": hearing, "kind": kind, "starts_at": when.isoformat()}
    if courtroom:
        payload["courtroom"] = courtroom
    record(case, "hearing.scheduled", payload, occurred_at=timezone.now() - dt.timedelta(days=1))


def second_case(open_case, record):  # type: ignore[no-untyped-def]
    case = open_case()
    record(case, "participant.added", {"role": "accused", "person": LUIS})
    return case


def test_the_week_lists_her_hearings_by_day_with_case_court_kind_and_client(
    detained_case, court_clerk, open_case, record
):
    client, user = lawyer_client()
    other = second_case(open_case, record)
    for case, uid in ((detained_case, "P4"), (detained_case, "P1"), (other, "P1")):
        link_by_clerk(case=case, participant=uid, username=user.username, actor=court_clerk)
    schedule(record, other, "H1", local(1, 8, 15), kind="custody", courtroom="")
    schedule(record, other, "H2", local(1, 14, 0))
    schedule(record, other, "H3", local(8, 9, 0))  # the eighth day: next week
    lines = entries(client.get("/my/").content.decode())
    tomorrow, day_six = local(1, 0).date(), hearing_day().date()
    assert lines[0].startswith("Tomorrow, ")
    assert str(tomorrow.day) in lines[0]
    assert (
        lines[1]
        == f"08:15 · Custody · {other.nuid} · Juzgado Penal de San José · Client: Luis Otro Caso"
    )
    assert lines[2].startswith("14:00 · Trial")
    assert str(day_six.day) in lines[3]
    assert lines[4] == (
        f"09:30 · Preliminary · {detained_case.nuid} · Juzgado Penal de San José · Sala 3 · "
        "Client: José Pérez Mora"
    )
    assert len(lines) == 5


def test_the_week_links_each_hearing_to_its_case_page(detained_case, court_clerk):
    client, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    link_by_clerk(case=detained_case, participant="P1", username=user.username, actor=court_clerk)
    week = week_of(client.get("/my/").content.decode())
    # through her own participation, as her row of the case
    assert f'href="/my/cases/{detained_case.nuid}/P4/"' in week


def test_the_days_are_the_courts_own_from_today(accused_case, court_clerk, record):
    user = lawyer_client()[1]
    link_by_clerk(case=accused_case, participant="P1", username=user.username, actor=court_clerk)
    schedule(record, accused_case, "H1", local(-1, 23, 59))  # yesterday
    schedule(record, accused_case, "H2", local(0, 0, 0))  # today, already begun
    schedule(record, accused_case, "H3", local(6, 23, 59))  # the seventh day
    schedule(record, accused_case, "H4", local(7, 0, 0))  # the eighth
    # 18:00 in Costa Rica is already tomorrow in UTC: the court's day counts
    now = local(0, 18, 0)
    week = my_page(user=user, now=now).week
    assert [h.starts_local for h in week] == [local(0, 0, 0), local(6, 23, 59)]
    assert week[0].day_word == "Today"


def test_a_hearing_not_held_or_moved_stays_on_its_day_marked(accused_case, court_clerk, record):
    client, user = lawyer_client()
    link_by_clerk(case=accused_case, participant="P1", username=user.username, actor=court_clerk)
    schedule(record, accused_case, "H1", local(0, 9))  # today: found not held on its day
    schedule(record, accused_case, "H2", local(3, 9))
    schedule(record, accused_case, "H3", local(4, 9))
    at = max(timezone.now() - dt.timedelta(minutes=5), local(0, 0))
    record(
        accused_case,
        "hearing.not_held",
        {"hearing": "H1", "reason": "accused_absent"},
        occurred_at=at,
    )
    moved = {"hearing": "H2", "starts_at": local(5, 11).isoformat(), "reason": "Agenda del juez"}
    record(accused_case, "hearing.rescheduled", moved, occurred_at=at)
    same_day = {"hearing": "H3", "starts_at": local(4, 15).isoformat(), "reason": "Sala ocupada"}
    record(accused_case, "hearing.rescheduled", same_day, occurred_at=at)
    body = client.get("/my/").content.decode()
    lines = [line for line in entries(body) if line[:2].isdigit()]
    assert lines[0].startswith("09:00 · Trial Not held ·")
    new_day = local(5, 11)
    with override("en"):
        day = formats.date_format(new_day, "DATE_FORMAT")  # "5 December 2026"
    assert lines[1].startswith(f"09:00 · Trial Moved to {day}, 11:00 ·")
    assert lines[2].startswith("09:00 · Trial Moved to 15:00 ·")
    assert lines[3].startswith("15:00 · Trial ·")
    assert lines[4].startswith("11:00 · Trial ·")
    assert "Agenda del juez" not in week_of(body)  # the reason is never shown
    assert "absent" not in week_of(body)


def test_a_sealed_case_and_a_case_she_does_not_follow_are_not_in_her_week(
    detained_case, court_clerk, open_case, record, court
):
    from expediente.access.models import Membership, User
    from expediente.access.policy import Actor

    client, user = lawyer_client()
    other = second_case(open_case, record)
    unfollowed = second_case(open_case, record)
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    link_by_clerk(case=other, participant="P1", username=user.username, actor=court_clerk)
    schedule(record, other, "H1", local(2, 10))
    schedule(record, unfollowed, "H1", local(2, 11))
    judge = User.objects.create_user("juez.semana", password="una-clave-larga-2026")
    Membership.objects.create(user=judge, court=court, role="judge")
    event_record(
        case=other,
        type="case.sealed",
        payload={"grounds": "Orden 9-2026"},
        actor=Actor.staff(judge),
        occurred_at=timezone.now() - dt.timedelta(minutes=1),
    )
    week = week_of(client.get("/my/").content.decode())
    assert detained_case.nuid in week
    assert other.nuid not in week
    assert unfollowed.nuid not in week
    assert "10:00" not in week
    assert "11:00" not in week


def test_a_victims_lawyer_sees_her_client_the_victim_not_the_accused(
    detained_case, court_clerk, record
):
    client, user = lawyer_client()
    record(
        detained_case,
        "participant.added",
        {
            "role": "victim_lawyer",
            "person": {"given_names": "Marta", "family_names": "Abogada", "sex": "female"},
        },
    )
    link_by_clerk(case=detained_case, participant="P5", username=user.username, actor=court_clerk)
    link_by_clerk(case=detained_case, participant="P2", username=user.username, actor=court_clerk)
    lines = entries(client.get("/my/").content.decode())
    assert lines[-1].endswith("Client: Ana Rojas Vargas")
    assert "Pérez" not in " ".join(lines)


def test_an_empty_week_says_so(accused_case, court_clerk):
    client, user = lawyer_client()
    link_by_clerk(case=accused_case, participant="P1", username=user.username, actor=court_clerk)
    week = text_of(week_of(client.get("/my/").content.decode()))
    assert "No hearing is set in your cases for today or the next six days." in week


def test_the_page_costs_the_same_for_four_cases_as_for_one(
    detained_case, court_clerk, open_case, record, django_assert_max_num_queries
):
    client, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    link_by_clerk(case=detained_case, participant="P1", username=user.username, actor=court_clerk)
    client.get(f"/my/cases/{detained_case.nuid}/P4/")  # a visit: "new since" is counted
    with CaptureQueriesContext(connection) as one:
        first = client.get("/my/").content.decode()
    for_one = len(one.captured_queries)  # read now: the next request clears the log
    assert detained_case.nuid in week_of(first)
    for n in range(3):
        case = second_case(open_case, record)
        schedule(record, case, "H1", local(n + 1, 9), courtroom=f"Sala {n}")
        link_by_clerk(case=case, participant="P1", username=user.username, actor=court_clerk)
        client.get(f"/my/cases/{case.nuid}/P1/")
        record(case, "charge.filed", {"accused": "P1", "offence": "CP-208"})
        case.refresh_from_db()
    with django_assert_max_num_queries(for_one):
        body = client.get("/my/").content.decode()
    assert len([line for line in entries(body) if line[:2].isdigit()]) == 4
    assert body.count("1 new since your last visit") == 3


def test_the_page_costs_the_same_when_she_is_linked_as_counsel_in_each_case(
    court_clerk, open_case, record, django_assert_max_num_queries
):
    """Linked through her own defence participation, with whom she acts for recorded:
    what she acts for is read with the case's people, not once per case."""
    client, user = lawyer_client()
    rosa = {"given_names": "Rosa", "family_names": "Defensora Solís", "sex": "female"}

    def counsel_case():  # type: ignore[no-untyped-def]
        case = second_case(open_case, record)  # P1: the accused
        record(case, "participant.added", {"role": "public_defender", "person": rosa})  # P2
        record(case, "participant.acts_for", {"counsel": "P2", "accused": "P1"})
        link_by_clerk(case=case, participant="P2", username=user.username, actor=court_clerk)
        client.get(f"/my/cases/{case.nuid}/P2/")
        return case

    counsel_case()
    with CaptureQueriesContext(connection) as one:
        assert client.get("/my/").status_code == 200
    for_one = len(one.captured_queries)
    for _ in range(3):
        counsel_case()
    with django_assert_max_num_queries(for_one):
        assert client.get("/my/").status_code == 200
