"""A family follows the accused's participation with the access code; the public
defender's account is linked to the same participation. "Who viewed my case" says
"You" only for the family's own reads: the lawyer's reads were "You" too, which told
the family they had read what their lawyer read."""

from __future__ import annotations

from django.test import Client

from expediente.access.participant_codes import code_issue, link_by_clerk
from tests.portal.conftest import lawyer_client, table_rows


def test_the_lawyers_reads_are_hers_and_the_familys_are_theirs(detained_case, court_clerk):  # type: ignore[no-untyped-def]
    lawyer, user = lawyer_client()
    user.last_name = "Jiménez Alfaro"
    user.save()
    link_by_clerk(case=detained_case, participant="P1", username=user.username, actor=court_clerk)
    assert lawyer.get(f"/my/cases/{detained_case.nuid}/P1/").status_code == 200

    _, code = code_issue(case=detained_case, participant="P1", actor=court_clerk, language="en")
    family = Client(HTTP_ACCEPT_LANGUAGE="en")
    family.post("/follow/", {"case_number": detained_case.nuid, "code": code})
    assert family.get("/follow/case/").status_code == 200
    rows = table_rows(family.get("/follow/who-viewed/").content.decode())
    whos = [r[1] for r in rows[1:]]
    assert "Your lawyer: Rosa Jiménez Alfaro" in whos
    assert "You" in whos  # the family's own read of the case page
    assert whos.index("You") < whos.index("Your lawyer: Rosa Jiménez Alfaro")  # newest first
