"""From her brother's case page the sister asks the court to review the detention: she
gets a receipt with a number, the petition is on the timeline, and sending the form
twice files it once. Bad input (empty, oversized) is explained on the field and files
nothing. What is offered depends on the role and on whether someone is detained."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from django.test import Client

from expediente.docket.models import Event
from expediente.petitions.models import Petition

SHE_WRITES = "Mi hermano lleva tres semanas detenido. Pido que el juez revise la detención."


def signed_in(case, code) -> Client:  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    response = client.post("/follow/", {"case_number": case.nuid, "code": code})
    assert response.status_code == 302
    return client


def form_token(client: Client, kind: str) -> str:
    body = client.get(f"/follow/ask/{kind}/").content.decode()
    found = re.search(r'name="token" value="([^"]+)"', body)
    assert found
    return found.group(1)


def test_she_asks_for_a_review_and_gets_a_receipt_with_a_number(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P1"))
    page = client.get("/follow/case/").content.decode()
    assert "/follow/ask/detention_review/" in page
    token = form_token(client, "detention_review")
    response = client.post("/follow/ask/detention_review/", {"text": SHE_WRITES, "token": token})
    assert response.status_code == 302
    petition = Petition.objects.get(case=detained_case)
    assert response["Location"] == f"/follow/receipt/{petition.filed_seq}/"
    assert petition.filed_via == "portal"
    assert petition.petitioner.uid == "P1"
    event = Event.objects.get(case=detained_case, seq=petition.filed_seq)
    assert event.payload["text"] == SHE_WRITES
    assert petition.fingerprint == event.hash[:12]
    receipt = client.get(response["Location"]).content.decode()
    assert petition.receipt in receipt
    assert petition.fingerprint in receipt
    assert petition.receipt.startswith(f"SJ-PENAL-{petition.filed_at.year}-{detained_case.number}-")
    # on the case page: in her list of petitions, and on the timeline
    page = client.get("/follow/case/").content.decode()
    assert petition.receipt in page
    assert "Petición presentada" in page


def test_sending_the_form_twice_files_the_petition_once(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P1"))
    token = form_token(client, "detention_review")
    first = client.post("/follow/ask/detention_review/", {"text": SHE_WRITES, "token": token})
    again = client.post("/follow/ask/detention_review/", {"text": SHE_WRITES, "token": token})
    assert first["Location"] == again["Location"]
    assert Petition.objects.filter(case=detained_case).count() == 1
    assert Event.objects.filter(case=detained_case, type="petition.filed").count() == 1


def test_an_empty_petition_is_explained_and_files_nothing(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P1"))
    before = Event.objects.filter(case=detained_case).count()
    response = client.post("/follow/ask/detention_review/", {"text": "   ", "token": "t1"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'href="#id_text"' in body
    assert "Escriba" in body or "Write what you are asking" in body
    assert Event.objects.filter(case=detained_case).count() == before
    assert not Petition.objects.exists()


def test_an_oversized_petition_is_explained_and_files_nothing(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P1"))
    before = Event.objects.filter(case=detained_case).count()
    response = client.post("/follow/ask/detention_review/", {"text": "a" * 2001, "token": "t2"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'href="#id_text"' in body
    assert "2001" in body  # says how much she wrote, and the limit
    assert "2000" in body
    assert Event.objects.filter(case=detained_case).count() == before


def test_a_victim_is_offered_protection_and_not_a_detention_review(detained_case, issue):  # type: ignore[no-untyped-def]
    client = signed_in(detained_case, issue(detained_case, "P2"))
    page = client.get("/follow/case/").content.decode()
    assert "/follow/ask/protective_measure/" in page
    assert "/follow/ask/detention_review/" not in page
    assert client.get("/follow/ask/detention_review/").status_code == 404
    assert not Petition.objects.exists()


def test_no_detention_review_is_offered_once_he_is_released(detained_case, issue, record):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    record(
        detained_case,
        "custody.released",
        {"person": "P1", "reason": "order_of_court"},
        occurred_at=timezone.now(),
    )
    client = signed_in(detained_case, issue(detained_case, "P1"))
    page = client.get("/follow/case/").content.decode()
    assert "/follow/ask/detention_review/" not in page
    assert "/follow/ask/delay_complaint/" in page
    # asked for anyway: the form's page says why, naming the kind, and offers no form
    refused = client.get("/follow/ask/habeas_corpus/")
    assert refused.status_code == 400
    assert 'href="#id_kind"' in refused.content.decode()
    assert "<textarea" not in refused.content.decode()


def test_someone_else_s_receipt_is_not_found(detained_case, issue):  # type: ignore[no-untyped-def]
    sister = signed_in(detained_case, issue(detained_case, "P1"))
    token = form_token(sister, "detention_review")
    sister.post("/follow/ask/detention_review/", {"text": SHE_WRITES, "token": token})
    seq = Petition.objects.get().filed_seq
    victim = signed_in(detained_case, issue(detained_case, "P2"))
    assert victim.get(f"/follow/receipt/{seq}/").status_code == 404


def test_signed_out_nothing_is_filed(detained_case):  # type: ignore[no-untyped-def]
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        "/follow/ask/detention_review/", {"text": SHE_WRITES}
    )
    # nothing says whose it is: shown back to copy (never kept for whoever signs in next)
    assert response.status_code == 200
    assert "Your request was NOT sent" in response.content.decode()
    assert not Petition.objects.exists()


def test_the_answer_names_the_petition_by_the_receipt_she_was_given(detained_case, issue, clerk):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from expediente.petitions.services import petition_decide

    # it said "Respuesta a la petición de la anotación 12", a number she was never given
    client = signed_in(detained_case, issue(detained_case, "P1"))
    client.post(
        "/follow/ask/detention_review/",
        {
            "text": "Pido que se revise la detención.",
            "token": form_token(client, "detention_review"),
        },
    )
    petition = Petition.objects.get(case=detained_case)
    petition_decide(
        case=detained_case,
        petition=petition.filed_seq,
        outcome="denied",
        reasons="Persisten los motivos.",
        actor=clerk,
        occurred_at=timezone.now(),
    )
    page = client.get("/follow/case/").content.decode()
    assert f"Recibo {petition.receipt}" in page
    assert f"Respuesta a la solicitud con recibo {petition.receipt}" in page
    assert "de la anotación" not in page


def test_the_receipt_shows_her_what_she_wrote_and_when(detained_case, issue):  # type: ignore[no-untyped-def]
    # the receipt gave a number and a kind, but not what she had written
    client = signed_in(detained_case, issue(detained_case, "P1"))
    token = form_token(client, "detention_review")
    written = "Mi hermano está detenido.\nTiene <trabajo> y familia."
    response = client.post("/follow/ask/detention_review/", {"text": written, "token": token})
    receipt = client.get(response["Location"]).content.decode()
    assert "Lo que usted escribió" in receipt
    assert "Mi hermano está detenido.<br>Tiene &lt;trabajo&gt; y familia." in receipt
    petition = Petition.objects.get(case=detained_case)
    local = petition.filed_at.astimezone(ZoneInfo(detained_case.court.timezone))
    assert f"{local:%H:%M}" in receipt


def test_a_receipt_the_clerk_filed_for_her_does_not_show_the_text(  # type: ignore[no-untyped-def]
    detained_case, issue, clerk
):
    from expediente.petitions.services import petition_file

    filed = petition_file(
        case=detained_case,
        petitioner="P1",
        kind="detention_review",
        text=SHE_WRITES,
        filed_via="clerk",
        actor=clerk,
    )
    client = signed_in(detained_case, issue(detained_case, "P1"))
    receipt = client.get(f"/follow/receipt/{filed.petition.filed_seq}/").content.decode()
    assert filed.petition.receipt in receipt
    assert SHE_WRITES not in receipt


def test_a_code_issued_after_the_petition_does_not_show_its_text(detained_case, issue):  # type: ignore[no-untyped-def]
    """The court replaced her code and gave the new one to someone else (a relative): the
    newcomer reads the receipt, not what she wrote before that code existed."""
    client = signed_in(detained_case, issue(detained_case, "P1"))
    token = form_token(client, "detention_review")
    response = client.post("/follow/ask/detention_review/", {"text": SHE_WRITES, "token": token})
    receipt_url = response["Location"]
    assert SHE_WRITES in client.get(receipt_url).content.decode()
    newcomer = signed_in(detained_case, issue(detained_case, "P1"))
    receipt = newcomer.get(receipt_url).content.decode()
    assert Petition.objects.get(case=detained_case).receipt in receipt
    assert SHE_WRITES not in receipt
