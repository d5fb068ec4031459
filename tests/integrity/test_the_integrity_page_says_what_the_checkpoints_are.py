"""The README says the checkpoints "are signed and published at /integrity/", and the
petition receipt tells the family anyone can keep them: /integrity/ itself was a 404.
It is a page, in the reader's language, saying what the checkpoints are and how anyone
keeps and checks them, linking what is published beneath it (the receipt links to it:
tests/portal/test_the_receipt_links_to_the_integrity_page.py)."""

from __future__ import annotations

import re

from django.test import Client

from tests.portal.conftest import text_of

PUBLISHED = (
    "/integrity/checkpoint",
    "/integrity/checkpoints/latest",
    "/integrity/checkpoints/",
    "/integrity/key",
    "/public/receipt/",
)


def links(body: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', body))


def test_the_page_says_what_they_are_in_the_readers_language(db):  # type: ignore[no-untyped-def]
    for language, heading, keep in (
        ("es", "El registro firmado del tribunal", "Cualquiera puede guardar una copia"),
        ("en", "The court's signed record", "Anyone can keep a copy"),
    ):
        response = Client(HTTP_ACCEPT_LANGUAGE=language).get("/integrity/")
        assert response.status_code == 200
        body = response.content.decode()
        assert f"<h1>{heading}</h1>" in body
        assert keep in text_of(body)
        assert set(PUBLISHED) <= links(body)
        assert "/integrity/consistency?from=" in body
    # no checkpoint yet: said so, not an error
    body = Client(HTTP_ACCEPT_LANGUAGE="en").get("/integrity/").content.decode()
    assert "No checkpoint has been signed yet." in body


def test_the_page_names_the_latest_checkpoint(docket, checkpoint, client):  # type: ignore[no-untyped-def]
    checkpoint()
    body = text_of(Client(HTTP_ACCEPT_LANGUAGE="en").get("/integrity/").content.decode())
    assert "The latest checkpoint covers 7 entries." in body
