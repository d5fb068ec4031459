"""QA: the public defender's account follows her own participation and her client's. On
the family's "Who viewed my case" her reads through the client's participation said
"Your lawyer: Rosa Jiménez Alfaro" and her reads through her own said "A participant:
Public defender", so one visit of /my/ (which reads each case once per link) was two
lines, under two labels, and her reads never grouped. Now an account is one reader in
the case: every read it made while it acted for this participation carries one label,
reads made at the same moment are one read, and reads in a row are one line with their
count and first and last time."""

from __future__ import annotations

from django.test import Client

from expediente.access.participant_codes import code_issue, link_by_clerk, link_remove
from tests.portal.conftest import lawyer_client, table_rows

LAWYER = "Your lawyer: Rosa Jiménez Alfaro"


def her_account(case, clerk, participants=("P4", "P1")):  # type: ignore[no-untyped-def]
    lawyer, user = lawyer_client()
    user.last_name = "Jiménez Alfaro"
    user.save()
    for uid in participants:
        link_by_clerk(case=case, participant=uid, username=user.username, actor=clerk)
    return lawyer, user


def family_rows(case, clerk, participant="P1") -> list[list[str]]:  # type: ignore[no-untyped-def]
    _, code = code_issue(case=case, participant=participant, actor=clerk, language="en")
    family = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert family.post("/follow/", {"case_number": case.nuid, "code": code}).status_code == 302
    rows = table_rows(family.get("/follow/who-viewed/").content.decode())
    return rows[1:]


def test_her_reads_through_either_participation_are_one_reader(detained_case, court_clerk):  # type: ignore[no-untyped-def]
    lawyer, _user = her_account(detained_case, court_clerk)
    for path in (
        "/my/",
        f"/my/cases/{detained_case.nuid}/P4/",
        f"/my/cases/{detained_case.nuid}/P1/",
    ):
        assert lawyer.get(path).status_code == 200
    rows = family_rows(detained_case, court_clerk)
    whos = [who for _when, who, _through, _what in rows]
    assert "A participant: Public defender" not in whos
    assert set(whos) == {LAWYER}
    # the two case pages in a row are one line, counted twice; /my/'s one visit (read
    # through both links at once) is one read, not two
    [pages, my] = rows
    assert pages[1:] == [LAWYER, "this portal", "names"]
    assert pages[0].endswith("(2 times)")
    assert my[1:] == [LAWYER, "this portal", "names, hearings"]
    assert "times" not in my[0]


def test_each_visit_of_my_cases_counts_once(detained_case, court_clerk):  # type: ignore[no-untyped-def]
    lawyer, _user = her_account(detained_case, court_clerk)
    for _ in range(3):
        assert lawyer.get("/my/").status_code == 200
    [line] = family_rows(detained_case, court_clerk)
    assert line[1] == LAWYER
    assert line[0].endswith("(3 times)")


def test_a_defender_of_someone_else_stays_a_participant_by_role(detained_case, court_clerk):  # type: ignore[no-untyped-def]
    # linked to her own participation only: she is not this family's lawyer
    lawyer, _user = her_account(detained_case, court_clerk, participants=("P4",))
    assert lawyer.get(f"/my/cases/{detained_case.nuid}/P4/").status_code == 200
    [line] = family_rows(detained_case, court_clerk)
    assert line[1] == "A participant: Public defender"


def test_her_reads_after_the_link_to_the_client_ended_are_hers_by_role(detained_case, court_clerk):  # type: ignore[no-untyped-def]
    lawyer, user = her_account(detained_case, court_clerk)
    assert lawyer.get(f"/my/cases/{detained_case.nuid}/P4/").status_code == 200
    link_remove(case=detained_case, participant="P1", username=user.username, actor=court_clerk)
    assert lawyer.get(f"/my/cases/{detained_case.nuid}/P4/").status_code == 200
    rows = family_rows(detained_case, court_clerk)
    assert [who for _when, who, _t, _w in rows] == ["A participant: Public defender", LAWYER]


def test_a_guardians_own_account_is_not_called_her_lawyer(open_case, record, court_clerk):  # type: ignore[no-untyped-def]
    from tests.conftest import PERSON

    case = open_case("juvenile")
    record(case, "participant.added", {"role": "accused", "person": PERSON})
    record(
        case,
        "participant.added",
        {
            "role": "guardian",
            "person": {"given_names": "María", "family_names": "Mora", "sex": "female"},
        },
    )
    mother, user = lawyer_client("maria.mora")
    user.first_name, user.last_name = "María", "Mora"
    user.save()
    link_by_clerk(case=case, participant="P2", username=user.username, actor=court_clerk)
    assert mother.get(f"/my/cases/{case.nuid}/P2/").status_code == 200
    [line] = family_rows(case, court_clerk, participant="P2")
    assert line[1] == "An account that follows this participation: María Mora"
