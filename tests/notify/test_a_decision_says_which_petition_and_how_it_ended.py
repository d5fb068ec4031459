"""The message about the court's decision on a petition says which petition (its kind,
as the pack words it) and how it ended, to everyone told of the entry: both are on
every participant's page. Its receipt number goes only to the petitioner (the portal
shows it to them alone); the petition's text, the court's reasons and anyone's name are
in no message. The SMS keeps its short form."""

from __future__ import annotations

import pytest

from expediente.notify.worker import run
from expediente.petitions.models import Petition
from expediente.petitions.services import petition_decide, petition_file
from tests.conftest import PERSON
from tests.notify.conftest import smtp, smtp_server  # noqa: F401  (the real SMTP server)

ASKED = "Quiero saber cuándo es la próxima audiencia."
REASONS = "Se informa la fecha por escrito."


@pytest.fixture(autouse=True)
def base_url(settings):  # type: ignore[no-untyped-def]
    settings.NOTIFY_BASE_URL = "https://expediente.example"


def test_each_is_told_the_kind_and_outcome_and_only_the_petitioner_the_receipt(  # type: ignore[no-untyped-def]
    accused_case,
    clerk,
    follow,
    smtp,  # noqa: F811
):
    follow(accused_case, "P1", "email", "familia@example.org", language="en")
    follow(accused_case, "P2", "email", "victima@example.org", language="en")
    follow(accused_case, "P2", "sms", "+50688881234", language="en")
    filed = petition_file(
        case=accused_case,
        petitioner="P1",
        kind="information_request",
        text=ASKED,
        filed_via="clerk",
        actor=clerk,
    )
    petition_decide(
        case=accused_case,
        petition=filed.event.seq,
        outcome="denied",
        reasons=REASONS,
        actor=clerk,
    )
    receipt = Petition.objects.get(case=accused_case).receipt
    run(once=True)
    decided = {str(m["To"]): m for m in smtp.messages if "Petition decided" in str(m["Subject"])}
    assert set(decided) == {"familia@example.org", "victima@example.org"}
    said = "Petition decided (Request for information): Denied"
    for mail in decided.values():
        body = mail.get_content()
        assert said in str(mail["Subject"])
        assert said in body
        for private in (ASKED, REASONS, PERSON["family_names"]):  # "José": San José
            assert private not in body
    assert receipt in decided["familia@example.org"].get_content()
    assert receipt not in decided["victima@example.org"].get_content()
