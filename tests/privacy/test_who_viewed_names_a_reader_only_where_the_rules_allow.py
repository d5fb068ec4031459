"""'Who viewed my case' says who read by role and court. A name is added only where the
pack's disclosure rules allow it for that reader (``viewer_names``); the shipped rules
allow none. Here a test pack lets the accused see the names of the case's participants
and of a judge the case names as its judge: another judge, a clerk and another
institution stay role and court; a protected witness's reads are not listed (the other
parties see only their lawyers' and the prosecution's); and a name shown is a read of
names, logged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client

from expediente.access.access_log import AccessRecord
from expediente.docket.services import event_record
from expediente.rules.loader import RulePackError, load_pack_file
from tests.court.pages.conftest import signed_in, staff
from tests.portal.conftest import table_rows
from tests.privacy.test_a_participant_sees_who_viewed_their_case import follow

pytestmark = pytest.mark.django_db

NAMES_RULE = (
    "  who_viewed_names:\n"
    "    to: ['participant:accused']\n"
    "    show: {viewer_names: ['participant', 'staff:judge/named']}\n"
    "    source: a test pack (as a national law might allow)\n"
)
COURT = "Juzgado Penal de San José"


def add(case, clerk, role: str, given: str, family: str) -> None:  # type: ignore[no-untyped-def]
    person = {"given_names": given, "family_names": family, "sex": "female"}
    at = dt.datetime(2026, 2, 5, 9, 0, tzinfo=dt.UTC)
    event_record(
        case=case,
        type="participant.added",
        payload={"role": role, "person": person},
        actor=clerk,
        occurred_at=at,
    )


@pytest.fixture
def read_by_everyone(cases, court, clerk, judge, api_reader):  # type: ignore[no-untyped-def]
    """The charged case, read by its own judge, another judge, a clerk, an agency's
    system, its defence lawyer (P4) and its protected witness (P3, "Testigo A")."""
    case = cases["charged"]
    add(case, clerk, "defence", "Laura", "Defensora Leal")  # P4
    add(case, clerk, "judge", "Juana", "Rojas Mora")  # P5: the case's judge
    staff("juana.judge", court, "judge", "Juana Rojas Mora")
    staff("pedro.judge", court, "judge", "Pedro Otro Juez")
    staff("clara.clerk", court, "clerk", "Clara Mora Vega")
    for username in ("juana.judge", "pedro.judge", "clara.clerk"):
        assert signed_in(username).get(f"/court/cases/{case.nuid}/").status_code == 200
    assert api_reader.get(f"/api/v1/cases/{case.nuid}").status_code == 200
    for participant in ("P4", "P3"):
        assert follow(case, judge, participant).get("/follow/case/").status_code == 200
    return case


def who_column(client: Client) -> tuple[list[str], str]:
    response = client.get("/follow/who-viewed/")
    assert response.status_code == 200
    body = response.content.decode()
    return [row[1] for row in table_rows(body)[1:]], body


def test_the_shipped_rules_name_nobody(read_by_everyone, judge):
    whos, body = who_column(follow(read_by_everyone, judge, "P1"))
    assert f"A judge of {COURT}" in whos
    assert "A participant: Defence lawyer" in whos
    for name in ("Juana", "Pedro", "Clara", "Laura", "Testigo A", "TestiCharged"):
        assert name not in body


def test_where_the_rules_allow_the_accused_sees_those_names(read_by_everyone, judge, court_pack):
    court_pack(NAMES_RULE)
    whos, body = who_column(follow(read_by_everyone, judge, "P1"))
    assert f"Juana Rojas Mora (A judge of {COURT})" in whos  # the judge the case names
    assert f"A judge of {COURT}" in whos  # another judge: role and court only
    assert f"A clerk of {COURT}" in whos
    assert "Another institution's system" in whos
    assert "Laura Defensora Leal (A participant: Defence lawyer)" in whos
    # the protected witness's own reads are not listed at all: when she reads the case
    # is not the accused's to watch (it showed "Testigo A (A participant: Witness)")
    assert not any("Witness" in who for who in whos)
    for hidden in ("Pedro", "Clara", "TestiCharged", "Testigo A"):
        assert hidden not in body


def test_showing_a_participants_name_is_a_logged_read(read_by_everyone, judge, court_pack):
    court_pack(NAMES_RULE)
    follow(read_by_everyone, judge, "P1").get("/follow/who-viewed/")
    line = AccessRecord.objects.filter(actor_label="participant:P1").get()
    assert (line.channel, line.classes) == ("portal", ["names"])


def test_a_reader_the_rule_does_not_name_sees_no_names(read_by_everyone, judge, court_pack):
    court_pack(NAMES_RULE)
    whos, body = who_column(follow(read_by_everyone, judge, "P2"))  # the victim
    assert f"A judge of {COURT}" in whos
    assert "Juana" not in body
    assert "Laura" not in body


def test_a_viewer_token_that_is_not_an_audience_is_refused_on_load(tmp_path: Path):
    path = tmp_path / "bad.yaml"
    path.write_text(
        'pack: bad\nversion: "1"\nextends: intl\nname: {en: Bad}\ndisclosure:\n'
        "  x:\n    to: [participant]\n    show: {viewer_names: ['jury']}\n    source: t\n",
        encoding="utf-8",
    )
    with pytest.raises(RulePackError) as refused:
        load_pack_file(path)
    assert "disclosure.x.show.viewer_names[0]" in str(refused.value)
