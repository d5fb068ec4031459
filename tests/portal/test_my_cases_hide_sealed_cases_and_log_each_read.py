"""Issue 6: a lawyer's "My cases" page and her clients' due list go through the disclosure
rules as her own participation in each case: a sealed case is gone from both (once
nobody she speaks for is held in it: ``sealed_detention_own``); an
expunged case stays only for the accused and the defence (rule ``expunged_own_record``);
each case shown is a read in the access log, one line per case, written in one INSERT
for the page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from expediente.access.access_log import AccessRecord
from expediente.access.models import Membership, User
from expediente.access.participant_codes import link_by_clerk
from expediente.access.policy import Actor
from expediente.docket.services import event_record
from tests.portal.conftest import lawyer_client, table_rows

LOG_TABLE = AccessRecord._meta.db_table


def inserts_into_the_log(ctx: CaptureQueriesContext) -> int:
    return sum(
        1
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith("INSERT") and LOG_TABLE in q["sql"]
    )


@pytest.fixture
def judge(court) -> Actor:  # type: ignore[no-untyped-def]
    user = User.objects.create_user("juez.mis", password="una-clave-larga-2026")
    Membership.objects.create(user=user, court=court, role="judge")
    return Actor.staff(user)


def order(case, judge, type_name, payload):  # type: ignore[no-untyped-def]
    event_record(
        case=case,
        type=type_name,
        payload=payload,
        actor=judge,
        occurred_at=timezone.now() - dt.timedelta(minutes=1),
    )
    case.refresh_from_db()


@pytest.fixture
def second_case(open_case, record):  # type: ignore[no-untyped-def]
    case = open_case()
    record(
        case,
        "participant.added",
        {"role": "accused", "person": {"given_names": "Luis", "family_names": "Otro Caso"}},
    )
    return case


@pytest.fixture
def rosa(detained_case, second_case, court_clerk):  # type: ignore[no-untyped-def]
    """The public defender (P4), linked to herself and her client José (P1), and to the
    accused of a second case."""
    client, user = lawyer_client()
    for case, uid in ((detained_case, "P4"), (detained_case, "P1"), (second_case, "P1")):
        link_by_clerk(case=case, participant=uid, username=user.username, actor=court_clerk)
    return client, user


def listed(client, *cases) -> set[str]:  # type: ignore[no-untyped-def]
    body = client.get("/my/").content.decode()
    return {c.nuid for c in cases if c.nuid in body}


def test_a_sealed_case_is_gone_from_my_cases_and_my_deadlines(
    rosa, detained_case, second_case, court, judge
):
    client, _user = rosa
    assert listed(client, detained_case, second_case) == {detained_case.nuid, second_case.nuid}
    due = client.get("/my/deadlines/").content.decode()
    assert detained_case.nuid in due
    assert "José Pérez Mora" in due
    order(detained_case, judge, "case.sealed", {"grounds": "Orden 9-2026"})
    # while José is held, his defence keeps the detention part (``sealed_detention_own``):
    # the case and his deadlines stay on her pages
    assert listed(client, detained_case, second_case) == {detained_case.nuid, second_case.nuid}
    assert "José Pérez Mora" in client.get("/my/deadlines/").content.decode()
    order(detained_case, judge, "custody.released", {"person": "P1", "reason": "order_of_court"})
    assert listed(client, detained_case, second_case) == {second_case.nuid}
    due = client.get("/my/deadlines/").content.decode()
    assert detained_case.nuid not in due
    assert "José Pérez Mora" not in due
    assert "No open deadline" in due


def test_an_expunged_case_stays_for_the_defence_and_leaves_the_victim(
    detained_case, court_clerk, court, judge
):
    defender, d_user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=d_user.username, actor=court_clerk)
    victim, v_user = lawyer_client("ana.victima")
    link_by_clerk(case=detained_case, participant="P2", username=v_user.username, actor=court_clerk)
    assert listed(victim, detained_case) == {detained_case.nuid}
    # no case is expunged while someone is held in it (custody/projector.py)
    order(detained_case, judge, "custody.released", {"person": "P1", "reason": "order_of_court"})
    order(detained_case, judge, "case.expunged", {"basis": "Ley de prueba art. 1"})
    assert listed(defender, detained_case) == {detained_case.nuid}  # expunged_own_record
    assert listed(victim, detained_case) == set()  # rule `sealed`


def test_each_case_shown_is_one_log_line_written_in_one_insert(rosa, detained_case, second_case):
    client, user = rosa
    with CaptureQueriesContext(connection) as ctx:
        body = client.get("/my/").content.decode()
    assert inserts_into_the_log(ctx) == 1
    assert len(table_rows(body)) == 3  # the header, and her two cases (three participations)
    lines = AccessRecord.objects.filter(channel="portal").order_by("case_id", "actor_label")
    assert [(r.case_id, r.actor_label) for r in lines] == sorted(
        [
            (detained_case.pk, "participant:P1"),
            (detained_case.pk, "participant:P4"),
            (second_case.pk, "participant:P1"),
        ]
    )
    for r in lines:
        assert (r.user_id, r.audience, r.court) == (user.pk, "participant", "")
        assert set(r.classes) == {"names", "hearings"}


def test_the_due_list_logs_the_cases_it_shows_in_one_insert(rosa, detained_case):
    client, user = rosa
    with CaptureQueriesContext(connection) as ctx:
        body = client.get("/my/deadlines/").content.decode()
    assert "José Pérez Mora" in body
    assert inserts_into_the_log(ctx) == 1
    lines = AccessRecord.objects.filter(channel="portal")
    assert [(r.case_id, r.user_id, r.classes) for r in lines] == [
        (detained_case.pk, user.pk, ["names"])
    ]


def test_a_page_with_no_case_writes_nothing(db):
    client, _user = lawyer_client()
    with CaptureQueriesContext(connection) as ctx:
        client.get("/my/")
        client.get("/my/deadlines/")
    assert inserts_into_the_log(ctx) == 0
