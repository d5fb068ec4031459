"""Codes and account links name a participation by case and participant id, not by a
projection row, so rebuilding the projections keeps them working."""

from django.test import Client

from expediente.access.participant_codes import code_verify, link_by_clerk
from expediente.docket.rebuild import rebuild
from tests.portal.conftest import lawyer_client


def test_a_code_and_a_link_work_after_a_rebuild(detained_case, issue, court_clerk):
    code = issue(detained_case, "P1")
    client, user = lawyer_client()
    link_by_clerk(case=detained_case, participant="P4", username=user.username, actor=court_clerk)
    assert rebuild(check=True).differences == []
    rebuild()
    assert code_verify(case_number=detained_case.nuid, code=code, client_ip="10.0.0.1")
    participant = Client()
    participant.post("/follow/", {"case_number": detained_case.nuid, "code": code})
    assert participant.get("/follow/case/").status_code == 200
    assert client.get(f"/my/cases/{detained_case.nuid}/P4/").status_code == 200
