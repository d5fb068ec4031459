"""The family's page said, in Portuguese, "Você receberá os avisos por: E-mail (…), em
español": the language of the messages was named in its own words inside a sentence of
another language. It is named in the page's language."""

from django.test import Client

from expediente.docket.models import Participation
from expediente.notify.subscriptions import subscribe
from tests.portal.conftest import text_of


def test_the_messages_language_is_named_in_the_pages_language(detained_case, issue):
    code = issue(detained_case, "P2")
    subscribe(
        participation=Participation.objects.get(case=detained_case, uid="P2"),
        channel="email",
        address="ana@example.org",
        language="es",
        consent=True,
        consent_text_version="2026-03",
    )
    client = Client(HTTP_ACCEPT_LANGUAGE="pt")
    assert (
        client.post("/follow/", {"case_number": detained_case.nuid, "code": code}).status_code
        == 302
    )
    text = text_of(client.get("/follow/case/").content.decode())
    assert "em espanhol" in text
    assert "em español" not in text
