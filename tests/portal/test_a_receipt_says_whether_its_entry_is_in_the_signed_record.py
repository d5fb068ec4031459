"""The petitioner's receipt says where her petition's entry stands in the court's signed
record: not yet in a checkpoint (check again after a time on the court's clock), then
in checkpoint N of a date, signed by a key; she downloads the proof. Anyone she gives
the receipt to checks it on a public page with its number and fingerprint, which shows
nothing else of the case; a receipt of a case the public may not see, a wrong
fingerprint and a number that does not exist get the same answer. Bad input is named on
its field."""

from __future__ import annotations

import io
import re

from django.core.management import call_command
from django.test import Client

from expediente.integrity.notes import PublicKey
from expediente.integrity.offline import check_inclusion
from expediente.petitions.models import Petition

SHE_WRITES = "Mi hermano lleva tres semanas detenido. Pido que el juez revise la detención."


def _checkpoint() -> None:
    call_command("checkpoint", stdout=io.StringIO(), stderr=io.StringIO())


def _filed(case, issue) -> tuple[Client, Petition, str]:  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert (
        client.post("/follow/", {"case_number": case.nuid, "code": issue(case, "P1")}).status_code
        == 302
    )
    form = client.get("/follow/ask/detention_review/").content.decode()
    token = re.search(r'name="token" value="([^"]+)"', form)
    assert token
    answer = client.post("/follow/ask/detention_review/", {"text": SHE_WRITES, "token": token[1]})
    return client, Petition.objects.get(case=case), answer["Location"]


def test_her_receipt_says_not_yet_then_names_the_checkpoint_and_gives_the_proof(
    detained_case, issue
):
    client, petition, receipt = _filed(detained_case, issue)
    page = client.get(receipt).content.decode()
    assert "This entry is not yet in a checkpoint. Check again after" in page
    assert client.get(receipt + "?proof=json").status_code == 404
    _checkpoint()
    page = client.get(receipt).content.decode()
    assert re.search(
        r"This entry is in the record as of checkpoint \d+ of .*, signed by "
        r"expediente\.localhost/log\+[0-9a-f]{8}\.",
        page,
    )
    download = client.get(receipt + "?proof=json")
    assert download["Content-Disposition"].startswith('attachment; filename="proof-')
    proof = download.json()
    assert proof["receipt"] == petition.receipt
    key = PublicKey.from_verifier_key(client.get("/integrity/key").json()["verifier_key"])
    included = check_inclusion(proof, key=key, fingerprint=petition.fingerprint)
    assert (included.case, included.seq) == (detained_case.nuid, petition.filed_seq)
    # the case is not public (before charges): no link to the public check
    assert "/public/receipt/" not in page


def test_anyone_checks_a_receipt_of_a_public_case(detained_case, issue, record):
    record(detained_case, "indictment.filed", {"accused": "P1"})  # the case is public now
    client, petition, receipt = _filed(detained_case, issue)
    anyone = Client(HTTP_ACCEPT_LANGUAGE="en")
    query = {"receipt": petition.receipt, "fingerprint": petition.fingerprint.upper()}
    page = anyone.get("/public/receipt/", query).content.decode()
    assert "This entry is not yet in a checkpoint" in page
    _checkpoint()
    answer = anyone.get("/public/receipt/", query)
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "This entry is in the record as of checkpoint" in page
    assert petition.receipt in page
    for private in ("Pérez Mora", "Rojas", SHE_WRITES[:20], "detention", "revise"):
        assert private not in page
    proof = anyone.get("/public/receipt/proof", query).json()
    assert proof["entry"]["seq"] == petition.filed_seq
    # her own page links to the public check, with her receipt's number and fingerprint
    assert f"/public/receipt/?receipt={petition.receipt}&amp;fingerprint=" in (
        client.get(receipt).content.decode()
    )


def test_a_hidden_case_a_wrong_fingerprint_and_a_missing_receipt_answer_alike(detained_case, issue):
    _client, petition, _receipt = _filed(detained_case, issue)  # before charges: not public
    _checkpoint()
    anyone = Client(HTTP_ACCEPT_LANGUAGE="en")
    answers = [
        anyone.get("/public/receipt/", {"receipt": r, "fingerprint": f})
        for r, f in [
            (petition.receipt, petition.fingerprint),
            (petition.receipt, "0123456789ab"),
            ("SJ-PENAL-2026-26-000999-0042-PE-9", petition.fingerprint),
        ]
    ]
    assert {a.status_code for a in answers} == {404}
    summaries = {
        re.search(r'<div class="error-summary".*?</div>', a.content.decode(), re.S)[0]  # type: ignore[index]
        for a in answers
    }
    assert len(summaries) == 1
    assert "There is no receipt with this number and fingerprint in a public case" in (
        answers[0].content.decode()
    )
    assert (
        anyone.get(
            "/public/receipt/proof",
            {"receipt": petition.receipt, "fingerprint": petition.fingerprint},
        ).status_code
        == 404
    )


def test_bad_input_is_named_on_its_field(db):
    anyone = Client(HTTP_ACCEPT_LANGUAGE="en")
    answer = anyone.get("/public/receipt/", {"receipt": "", "fingerprint": "xyz"})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert 'href="#id_receipt"' in page
    assert 'href="#id_fingerprint"' in page
    assert "Enter the receipt number as it is printed on the receipt" in page
    assert "Enter the record fingerprint printed under the receipt number: 12 letters" in page
    problem = anyone.get("/public/receipt/proof", {"receipt": "X", "fingerprint": "12"}).json()
    assert [e["field"] for e in problem["errors"]] == ["fingerprint"]


def test_her_lawyer_reads_the_same_proof_on_my(detained_case, court_clerk):
    from tests.portal.test_a_lawyer_files_a_petition_for_a_client import (
        SHE_WRITES as LAWYER_WRITES,
    )
    from tests.portal.test_a_lawyer_files_a_petition_for_a_client import (
        form_url,
        linked,
        token_of,
    )

    browser, _user = linked(detained_case, court_clerk)
    url = form_url(detained_case)
    receipt = browser.post(url, {"text": LAWYER_WRITES, "token": token_of(browser, url)})[
        "Location"
    ]
    assert "not yet in a checkpoint" in browser.get(receipt).content.decode()
    _checkpoint()
    assert "This entry is in the record as of checkpoint" in browser.get(receipt).content.decode()
    proof = browser.get(receipt + "?proof=json").json()
    assert proof["receipt"] == Petition.objects.get(case=detained_case).receipt
    assert browser.get(receipt + "?proof=json&size=1").status_code == 400


def test_a_hidden_receipt_costs_the_same_queries_as_a_missing_one(detained_case, issue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from expediente.portal.public.receipts import public_petition

    _client, petition, _receipt = _filed(detained_case, issue)  # before charges: not public
    counts = []
    for number, fingerprint in [
        (petition.receipt, petition.fingerprint),
        (petition.receipt, "0123456789ab"),
        ("SJ-PENAL-2026-26-000999-0042-PE-9", petition.fingerprint),
    ]:
        with CaptureQueriesContext(connection) as queries:
            assert public_petition(number=number, fingerprint=fingerprint) is None
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts


def test_receipt_checks_are_rate_limited_like_case_lookups(db, settings):
    """Guessing receipts is throttled per connection, as guessing case numbers is."""
    settings.PUBLIC_LOOKUP_LIMIT = 2
    anyone = Client(HTTP_ACCEPT_LANGUAGE="en")
    query = {"receipt": "SJ-2026-0000001-P3", "fingerprint": "abcdefabcdef"}
    assert [anyone.get("/public/receipt/", query).status_code for _ in range(2)] == [404, 404]
    refused = anyone.get("/public/receipt/", query)
    assert refused.status_code == 429
    assert "Too many searches" in refused.content.decode()
    assert anyone.get("/public/receipt/proof", query).status_code == 429
