"""The accused opens "Who viewed my case" and sees each read of the case's protected
data: who (role and court, never a staff member's name), when, and through which
channel. Court administrators and judges read their court's log; clerks and other
courts do not."""

from __future__ import annotations

import pytest
from django.test import Client

from expediente.access.participant_codes import code_issue
from tests.court.pages.conftest import signed_in, staff
from tests.portal.conftest import table_rows, text_of

pytestmark = pytest.mark.django_db


def follow(case, judge, participant="P1") -> Client:
    _, code = code_issue(case=case, participant=participant, actor=judge, language="en")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post("/follow/", {"case_number": case.nuid, "code": code})
    return client


def test_the_accused_sees_each_read_with_role_court_and_channel(cases, court, judge, api_reader):
    case = cases["charged"]
    staff("juana.judge", court, "judge", "Juana Rojas")
    assert signed_in("juana.judge").get(f"/court/cases/{case.nuid}/").status_code == 200
    assert api_reader.get(f"/api/v1/cases/{case.nuid}").status_code == 200
    client = follow(case, judge)
    response = client.get("/follow/who-viewed/")
    assert response.status_code == 200
    rows = table_rows(response.content.decode())
    assert rows[0] == ["When", "Who", "Through", "What was read"]
    whos = [(r[1], r[2]) for r in rows[1:]]
    assert ("Another institution's system", "another institution's system") in whos
    assert ("A judge of Juzgado Penal de San José", "the court's workspace") in whos
    assert "Juana" not in response.content.decode()


def test_the_page_is_linked_from_the_case_page_and_needs_the_code(cases, judge):
    client = follow(cases["charged"], judge)
    assert "/follow/who-viewed/" in client.get("/follow/case/").content.decode()
    assert Client().get("/follow/who-viewed/").status_code == 302


def test_a_sealed_case_has_no_page_for_its_participants(cases, judge):
    client = follow(cases["sealed"], judge)
    assert client.get("/follow/who-viewed/").status_code in (302, 404)
    assert client.get("/follow/case/").status_code in (302, 404)


def test_court_administrators_read_their_courts_log_and_clerks_do_not(
    cases, court, other_court, api_reader
):
    api_reader.get(f"/api/v1/cases/{cases['convicted'].nuid}")
    staff("ada.admin", court, "court_admin")
    text = text_of(
        signed_in("ada.admin")
        .get("/court/access-log/", {"case": cases["convicted"].number})
        .content.decode()
    )
    assert "api-reader" in text  # the account, by name
    assert "another institution's system: cases:read" in text
    staff("clara.clerk", court, "clerk")
    assert signed_in("clara.clerk").get("/court/access-log/").status_code == 404
    staff("otto.admin", other_court, "court_admin")
    other = signed_in("otto.admin").get("/court/access-log/")
    assert "api-reader" not in other.content.decode()


def test_the_court_log_speaks_the_courts_time_and_words(cases, court):
    # it showed UTC (six hours off in San José) and the log's codes ("staff (clerk)", "web")
    import datetime as dt
    from zoneinfo import ZoneInfo

    from django.utils import formats, translation

    from expediente.access.access_log import AccessRecord

    case = cases["charged"]
    staff("juana.judge", court, "judge", "Juana Rojas")
    judge = signed_in("juana.judge")
    assert judge.get(f"/court/cases/{case.nuid}/").status_code == 200
    line = AccessRecord.objects.filter(case=case, channel="web").latest("at")
    local = line.at.astimezone(ZoneInfo("America/Costa_Rica"))
    text = text_of(judge.get("/court/access-log/", {"case": case.number}).content.decode())
    assert "Juana Rojas (account juana.judge)" in text
    assert "court staff: Judge · Juzgado Penal de San José" in text
    assert "the court's workspace" in text
    # as the page writes it (English's format leaves ":00" out on the hour: "4 p.m.")
    with translation.override("en"):
        assert formats.date_format(local.replace(tzinfo=None), "DATETIME_FORMAT") in text
    assert local.utcoffset() == dt.timedelta(hours=-6)
    unknown = text_of(judge.get("/court/access-log/", {"case": "nope"}).content.decode())
    assert "No reads are logged for case nope" in unknown


def test_the_court_log_names_roles_and_the_court_in_each_language(cases, court):
    # it read "Esteban Vargas Solano (judge)" (the account's name, taken for a role left
    # in English) and "personal del despacho: Persona juzgadora · sj-penal" (the court's
    # code) in every language
    case = cases["charged"]
    staff("judge", court, "judge", "Esteban Vargas")
    judge = signed_in("judge")
    assert judge.get(f"/court/cases/{case.nuid}/").status_code == 200
    for language, who, reader in (
        ("es", "Esteban Vargas (cuenta judge)", "personal del despacho: Persona juzgadora"),
        ("en", "Esteban Vargas (account judge)", "court staff: Judge"),
    ):
        body = judge.get(
            "/court/access-log/", {"case": case.number}, HTTP_ACCEPT_LANGUAGE=language
        ).content.decode()
        rows = [r for r in table_rows(body)[1:] if r[2] == who]
        assert rows, table_rows(body)
        assert rows[0][3] == f"{reader} · Juzgado Penal de San José"
        assert "sj-penal" not in " ".join(" ".join(r) for r in table_rows(body))


def test_the_accused_side_does_not_see_when_the_victim_reads_nor_she_theirs(cases, judge):
    # the accused's family read "A participant: Victim · this portal" with the minute:
    # when she was watching the case
    from tests.portal.conftest import table_rows

    case = cases["charged"]
    victim = follow(case, judge, "P2")
    assert victim.get("/follow/case/").status_code == 200
    accused = follow(case, judge, "P1")
    assert accused.get("/follow/case/").status_code == 200
    for client, other in ((accused, "Victim"), (victim, "Accused")):
        body = client.get("/follow/who-viewed/").content.decode()
        whos = [row[1] for row in table_rows(body)[1:]]
        assert "You" in whos
        assert not any(other in who for who in whos), whos
        assert "only their lawyers' and the prosecution's" in body


def test_the_victims_lawyers_reads_are_listed_as_the_defences_are(cases, judge, clerk):
    import datetime as dt

    from expediente.docket.services import event_record
    from tests.portal.conftest import table_rows

    case = cases["charged"]
    lawyer = {"given_names": "Ana", "family_names": "Abogada", "sex": "female"}
    added = event_record(
        case=case,
        type="participant.added",
        payload={"role": "victim_lawyer", "person": lawyer},
        actor=clerk,
        occurred_at=dt.datetime(2026, 2, 5, 9, 0, tzinfo=dt.UTC),
    )
    uid = added.event.payload["participant"]
    assert follow(case, judge, uid).get("/follow/case/").status_code == 200
    body = follow(case, judge, "P1").get("/follow/who-viewed/").content.decode()
    whos = [row[1] for row in table_rows(body)[1:]]
    assert "A participant: Victim's lawyer" in whos, whos


def test_reads_in_a_row_by_one_reader_on_one_day_are_one_line_with_their_count(cases, court, judge):
    """A judge who reloaded the case page ten times was ten lines; now one, with how
    many times (and from when to when, over more than a minute)."""
    case = cases["charged"]
    staff("juana.judge", court, "judge", "Juana Rojas")
    judge_client = signed_in("juana.judge")
    for _ in range(4):
        assert judge_client.get(f"/court/cases/{case.nuid}/").status_code == 200
    rows = table_rows(follow(case, judge).get("/follow/who-viewed/").content.decode())[1:]
    by_judge = [r for r in rows if r[1] == "A judge of Juzgado Penal de San José"]
    assert len(by_judge) == 1
    assert by_judge[0][0].endswith("(4 times)")  # within a minute: one time, not a range


def test_grouping_keeps_time_order_and_the_day():
    import datetime as dt

    from expediente.portal.who_viewed import Viewing, grouped

    def at(day: int, hour: int) -> dt.datetime:
        return dt.datetime(2026, 11, day, hour, 0)

    judge, api = ("A judge", "workspace", "names"), ("A system", "api", "names")
    rows = [
        Viewing(at(30, 11), *judge),
        Viewing(at(30, 10), *judge),
        Viewing(at(30, 9), *api),  # someone else between: a line of its own
        Viewing(at(30, 8), *judge),
        Viewing(at(29, 23), *judge),  # another day: a line of its own
    ]
    out = grouped(rows)
    assert [(v.who, v.count) for v in out] == [
        ("A judge", 2),
        ("A system", 1),
        ("A judge", 1),
        ("A judge", 1),
    ]
    assert out[0].first_local == at(30, 10)
    assert out[0].at_local == at(30, 11)


def _agency_client(agency: str) -> Client:
    from expediente.access.models import User
    from expediente.access.tokens import token_create

    owner = User.objects.create(username=f"api-{agency}", is_system=True)
    _, secret = token_create(user=owner, name=agency, scopes=["cases:read"], agency=agency)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_the_accused_is_told_which_kind_of_institution_read_the_case(cases, judge):
    """A token names the agency it serves: the accused reads that the prosecution's
    system and a public defence office's read the case, not only "another institution"."""
    case = cases["charged"]
    for agency in ("prosecution", "public_defence", "other"):
        assert _agency_client(agency).get(f"/api/v1/cases/{case.nuid}").status_code == 200
    rows = table_rows(follow(case, judge).get("/follow/who-viewed/").content.decode())
    whos = {r[1] for r in rows[1:] if r[2] == "another institution's system"}
    assert whos == {
        "The prosecution's system",
        "A public defence office's system",
        "Another institution's system",
    }
