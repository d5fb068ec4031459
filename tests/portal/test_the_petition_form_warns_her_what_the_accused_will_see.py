"""The victim's case page tells her the accused's side will see that she filed a request;
the form she writes it on said nothing of it. It now says the same, above the button
that sends it, wherever her case page says it (to a victim, complainant or witness),
and not to the accused's own side, to whom it is not true."""

from __future__ import annotations

from django.test import Client

from tests.portal.conftest import text_of

WARNING = (
    "If you ask the court for something, the accused and the accused's lawyer see on "
    "their pages that a petition was filed and of what kind"
)


def signed_in(case, code) -> Client:  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.post("/follow/", {"case_number": case.nuid, "code": code}).status_code == 302
    return client


def test_her_form_warns_her_above_the_send_button(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P2"))
    for kind in ("protective_measure", "information_request"):
        body = client.get(f"/follow/ask/{kind}/").content.decode()
        page = text_of(body)
        assert WARNING in page, kind
        assert page.index(WARNING) < page.index("Send to the court")
        assert body.index("What the other side sees") > body.index('name="text"')


def test_in_spanish_too(detained_case, issue):  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    client.post("/follow/", {"case_number": detained_case.nuid, "code": issue(detained_case, "P2")})
    page = text_of(client.get("/follow/ask/protective_measure/").content.decode())
    assert "la persona imputada y su defensa ven en sus páginas que se presentó una solicitud" in (
        page
    )


def test_a_witness_is_warned_and_the_accused_is_not(detained_case, issue):  # type: ignore[no-untyped-def]
    witness = signed_in(detained_case, issue(detained_case, "P3"))
    assert WARNING in text_of(witness.get("/follow/ask/information_request/").content.decode())
    accused = signed_in(detained_case, issue(detained_case, "P1"))
    response = accused.get("/follow/ask/information_request/")
    assert response.status_code == 200
    assert WARNING not in text_of(response.content.decode())
