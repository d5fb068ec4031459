"""The staff timeline names who handed in a petition filed by a lawyer from /my/ by
her name and role in the case ("Rosa Defensora Solís, Public defender"), not by her
account's user name and participant id; a clerk's own words stay as typed."""

from __future__ import annotations

from expediente.petitions.services import petition_file
from tests.court.pages.conftest import signed_in, staff
from tests.portal.conftest import make_clerk, make_detained_case, text_of
from tests.portal.test_a_lawyer_files_a_petition_for_a_client import (
    SHE_WRITES,
    form_url,
    linked,
    token_of,
)


def received_from(body: str) -> list[str]:
    import re

    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", body, re.S)
    return [" ".join(text_of(d).split()) for t, d in pairs if text_of(t) == "Received from"]


def test_the_timeline_names_the_lawyer_and_her_role(accused_case, record, court):  # type: ignore[no-untyped-def]
    court_clerk = make_clerk(court)
    detained_case = make_detained_case(accused_case, record)
    browser, user = linked(detained_case, court_clerk)
    url = form_url(detained_case)
    assert (
        browser.post(url, {"text": SHE_WRITES, "token": token_of(browser, url)}).status_code == 302
    )
    petition_file(
        case=detained_case,
        petitioner="P1",
        kind="delay_complaint",
        text="Su madre entregó la queja en ventanilla.",
        filed_via="clerk",
        actor=court_clerk,
        received_from="Su madre, María Mora",
    )
    staff("jueza.lista", court, "judge")
    body = signed_in("jueza.lista").get(f"/court/cases/{detained_case.nuid}/").content.decode()
    shown = received_from(body)
    assert shown == ["Rosa Defensora Solís, Public defender", "Su madre, María Mora"], shown
    assert user.username not in text_of(body)
