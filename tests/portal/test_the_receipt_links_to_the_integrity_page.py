"""The receipt tells the family that anyone can keep the court's checkpoints: it links to
/integrity/, the page that says what they are and how to keep them."""

from __future__ import annotations

from tests.petitions.test_a_participant_asks_the_court_from_the_portal import (
    SHE_WRITES,
    form_token,
    signed_in,
)


def test_the_receipt_links_to_it(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P1"))
    token = form_token(client, "detention_review")
    response = client.post("/follow/ask/detention_review/", {"text": SHE_WRITES, "token": token})
    receipt = client.get(response["Location"]).content.decode()
    assert "puntos de control que cualquiera puede guardar" in receipt
    assert '<a href="/integrity/">' in receipt
