"""A token says which kind of institution it serves (``ApiToken.agency``), and the rule
pack decides by it whose petitions' text the institution's system reads
(``petition_texts``, by the petitioner's side): a public defence office's system does not
read a victim's request for protection nor the court's reasons on it, although it sees
that the petition exists, its kind, date and outcome; the prosecution's does; police and
prison systems read no side's. Every API read of a case goes through it: the case body
(kept or not) and the events list."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from expediente.access.access_log import AccessRecord
from expediente.access.disclosure import REDACTED
from expediente.access.policy import Actor
from expediente.api.present import forget_bodies
from expediente.docket.models import Case
from expediente.petitions.services import petition_decide, petition_file
from tests.api.helpers import API
from tests.conftest import NOW

VICTIM_ASKS = "Vivo en Barrio Luján, casa 12; temo que vuelva a buscarme al salir del trabajo."
VICTIMS_REASONS = "Se prohíbe al imputado acercarse al domicilio de la víctima en Barrio Luján."
ACCUSED_ASKS = "Estoy detenido sin que un juez haya revisado la detención; pido hábeas corpus."
ACCUSEDS_REASONS = "La detención fue revisada dentro del plazo; se rechaza el hábeas corpus."
WITNESS_ASKS = "Pido protección: me han amenazado por declarar."


def ago(hours: float) -> dt.datetime:
    return NOW - dt.timedelta(hours=hours)


@pytest.fixture(autouse=True)
def _empty_store() -> None:
    forget_bodies()


@pytest.fixture
def petitions(accused_case: Case, record: Callable[..., Any], clerk: Actor) -> dict[str, int]:
    """The victim (P2) asks protection, the accused (P1), held, habeas corpus; the court
    decides both with reasons. The filings' and decisions' entry numbers, by name."""
    case = accused_case
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=ago(24 * 20))
    record(
        case,
        "custody.pretrial_ordered",
        {"person": "P1", "until": "2027-12-31", "grounds": "Peligro de fuga"},
        occurred_at=ago(24 * 19),
    )
    victims = petition_file(
        case=case,
        petitioner="P2",
        kind="protective_measure",
        text=VICTIM_ASKS,
        filed_via="clerk",
        received_from="Ana Rojas, en ventanilla",
        actor=clerk,
        occurred_at=ago(30),
    )
    accused = petition_file(
        case=case,
        petitioner="P1",
        kind="habeas_corpus",
        text=ACCUSED_ASKS,
        filed_via="clerk",
        actor=clerk,
        occurred_at=ago(29),
    )
    decided_victims = petition_decide(
        case=case,
        petition=victims.event.seq,
        outcome="granted",
        reasons=VICTIMS_REASONS,
        actor=clerk,
        occurred_at=ago(20),
    )
    decided_accused = petition_decide(
        case=case,
        petition=accused.event.seq,
        outcome="denied",
        reasons=ACCUSEDS_REASONS,
        actor=clerk,
        occurred_at=ago(19),
    )
    return {
        "victims": victims.event.seq,
        "accused": accused.event.seq,
        "decided_victims": decided_victims.seq,
        "decided_accused": decided_accused.seq,
    }


@pytest.fixture
def agency_client(make_client: Callable[..., Any]) -> Callable[[str], Client]:
    def make(agency: str) -> Client:
        return make_client(["cases:read"], user=f"api-{agency}", agency=agency)[0]

    return make


def body(client: Client, nuid: str) -> dict[str, Any]:
    r = client.get(f"{API}/cases/{nuid}")
    assert r.status_code == 200, r.content[:300]
    return json.loads(r.content)


def events(client: Client, nuid: str) -> dict[int, dict[str, Any]]:
    r = client.get(f"{API}/cases/{nuid}/events?limit=200")
    assert r.status_code == 200, r.content[:300]
    return {e["seq"]: e for e in json.loads(r.content)["items"]}


def both_reads(client: Client, nuid: str) -> list[dict[int, dict[str, Any]]]:
    """The entries as the case body and as the events list give them."""
    recent = {e["seq"]: e for e in body(client, nuid)["recent_events"]}
    return [recent, events(client, nuid)]


def test_a_public_defence_token_reads_the_accused_sides_petitions_not_the_victims(
    accused_case, petitions, agency_client
):
    defence = agency_client("public_defence")
    for entries in both_reads(defence, accused_case.nuid):
        filed = entries[petitions["victims"]]["payload"]
        assert filed["kind"] == "protective_measure"  # that she asked, and what for
        assert filed["petitioner"] == "P2"
        assert filed["text"] == REDACTED
        assert filed["received_from"] == REDACTED
        decided = entries[petitions["decided_victims"]]["payload"]
        assert decided["outcome"] == "granted"
        assert decided["petition"] == petitions["victims"]
        assert decided["reasons"] == REDACTED
        # its own client's petition, and the court's reasons on it, in full
        assert entries[petitions["accused"]]["payload"]["text"] == ACCUSED_ASKS
        assert entries[petitions["decided_accused"]]["payload"]["reasons"] == ACCUSEDS_REASONS
        # the rest of the record's free text as before
        assert entries[petitions["victims"] - 1]["payload"]["grounds"] == "Peligro de fuga"


def test_a_private_defence_token_reads_as_the_public_defence(
    accused_case, petitions, agency_client
):
    entries = events(agency_client("private_defence"), accused_case.nuid)
    assert entries[petitions["victims"]]["payload"]["text"] == REDACTED
    assert entries[petitions["accused"]]["payload"]["text"] == ACCUSED_ASKS


@pytest.mark.parametrize("agency", ["prosecution", "other"])
def test_the_prosecution_and_other_institutions_read_every_sides_petitions(
    accused_case, petitions, agency_client, agency
):
    for entries in both_reads(agency_client(agency), accused_case.nuid):
        assert entries[petitions["victims"]]["payload"]["text"] == VICTIM_ASKS
        assert entries[petitions["decided_victims"]]["payload"]["reasons"] == VICTIMS_REASONS
        assert entries[petitions["accused"]]["payload"]["text"] == ACCUSED_ASKS


@pytest.mark.parametrize("agency", ["police", "prison"])
def test_police_and_prison_systems_read_no_sides_petition_text(
    accused_case, petitions, agency_client, agency
):
    for entries in both_reads(agency_client(agency), accused_case.nuid):
        for seq in (petitions["victims"], petitions["accused"]):
            assert entries[seq]["payload"]["text"] == REDACTED
            assert entries[seq]["payload"]["kind"] in {"protective_measure", "habeas_corpus"}
        for seq, outcome in (
            (petitions["decided_victims"], "granted"),
            (petitions["decided_accused"], "denied"),
        ):
            assert entries[seq]["payload"]["reasons"] == REDACTED
            assert entries[seq]["payload"]["outcome"] == outcome
        # the grounds of the detention order are not a petition's: shown as before
        assert entries[petitions["victims"] - 1]["payload"]["grounds"] == "Peligro de fuga"


def test_a_body_kept_for_one_agency_is_never_served_to_another(
    accused_case, petitions, agency_client
):
    prosecution, defence = agency_client("prosecution"), agency_client("public_defence")
    seq = petitions["victims"]

    def text(client: Client) -> str:
        recent = {e["seq"]: e for e in body(client, accused_case.nuid)["recent_events"]}
        return str(recent[seq]["payload"]["text"])

    assert text(prosecution) == VICTIM_ASKS  # rendered and kept
    assert text(defence) == REDACTED  # not the prosecution's kept body
    assert text(prosecution) == VICTIM_ASKS  # each its own, kept
    assert text(defence) == REDACTED


def test_the_access_log_names_the_tokens_agency(accused_case, petitions, agency_client):
    body(agency_client("public_defence"), accused_case.nuid)
    line = AccessRecord.objects.get(case=accused_case, actor_label="system:api-public_defence")
    assert line.role == "cases:read,public_defence"
    assert "free_text" in line.classes  # the rest of the record's free text, still read


def test_a_victims_guardian_and_a_witness_petitions_are_kept_from_the_defence(
    accused_case, petitions, agency_client, record, clerk
):
    mother = {"given_names": "María", "family_names": "Rojas Vargas", "sex": "female"}
    witness = {"given_names": "Luis", "family_names": "Mora Solís", "sex": "male"}
    record(accused_case, "participant.added", {"role": "guardian", "person": mother})  # P3
    record(accused_case, "participant.stands_for", {"guardian": "P3", "stands_for": "P2"})
    record(accused_case, "participant.added", {"role": "witness", "person": witness})  # P4
    by_guardian = petition_file(
        case=accused_case,
        petitioner="P3",
        kind="protective_measure",
        text="Mi hija tiene miedo; pido que no se acerque a la escuela.",
        filed_via="clerk",
        actor=clerk,
        occurred_at=ago(10),
    )
    by_witness = petition_file(
        case=accused_case,
        petitioner="P4",
        kind="protective_measure",
        text=WITNESS_ASKS,
        filed_via="clerk",
        actor=clerk,
        occurred_at=ago(9),
    )
    defence = events(agency_client("public_defence"), accused_case.nuid)
    assert defence[by_guardian.event.seq]["payload"]["text"] == REDACTED
    assert defence[by_witness.event.seq]["payload"]["text"] == REDACTED
    prosecution = events(agency_client("prosecution"), accused_case.nuid)
    assert prosecution[by_witness.event.seq]["payload"]["text"] == WITNESS_ASKS


def test_the_reason_for_correcting_a_victims_petition_is_kept_from_the_defence(
    accused_case, petitions, agency_client, record
):
    corrected = record(
        accused_case,
        "petition.filed",
        {
            "kind": "protective_measure",
            "text": VICTIM_ASKS + " Trabajo en la farmacia del centro.",
            "petitioner": "P2",
            "filed_via": "clerk",
        },
        corrects_seq=petitions["victims"],
        correction_reason="Faltaba el lugar de trabajo de la víctima, en la farmacia del centro.",
        occurred_at=ago(8),
    )
    defence = events(agency_client("public_defence"), accused_case.nuid)[corrected.event.seq]
    assert defence["payload"]["text"] == REDACTED
    assert defence["correction_reason"] == REDACTED
    prosecution = events(agency_client("prosecution"), accused_case.nuid)[corrected.event.seq]
    assert prosecution["correction_reason"].startswith("Faltaba")


def test_a_victims_petition_first_recorded_under_the_accused_is_hers_in_every_version(
    accused_case, agency_client, record, clerk
):
    # the clerk picked the accused (P1) by mistake for the victim's request, then
    # corrected the petitioner: the first version's text is still hers
    misfiled = petition_file(
        case=accused_case,
        petitioner="P1",
        kind="protective_measure",
        text=VICTIM_ASKS,
        filed_via="clerk",
        actor=clerk,
        occurred_at=ago(30),
    )
    corrected = record(
        accused_case,
        "petition.filed",
        {
            "kind": "protective_measure",
            "text": VICTIM_ASKS,
            "petitioner": "P2",
            "filed_via": "clerk",
        },
        corrects_seq=misfiled.event.seq,
        correction_reason="Era la víctima quien lo pidió.",
        occurred_at=ago(29),
    )
    for read in both_reads(agency_client("public_defence"), accused_case.nuid):
        for seq in (misfiled.event.seq, corrected.event.seq):
            if seq in read:
                assert read[seq]["payload"]["text"] == REDACTED, seq
    prosecution = events(agency_client("prosecution"), accused_case.nuid)
    assert prosecution[misfiled.event.seq]["payload"]["text"] == VICTIM_ASKS


def test_a_petition_filed_again_says_so_only_to_who_reads_its_text(
    accused_case, petitions, agency_client, clerk
):
    """Another relative brought the victim's letter again, and the court's form recorded
    it as a filing of its own (``petition_repeated`` confirmed, kept on the entry): that
    tells the same words are on the record twice, so a system that does not read the
    victim's petitions is not told it, as no refusal tells it either."""
    from expediente.custody.confirmations import PETITION_REPEATED, confirmed
    from expediente.petitions.repeats import guarded

    with confirmed([PETITION_REPEATED]), guarded():
        again = petition_file(
            case=accused_case,
            petitioner="P2",
            kind="protective_measure",
            text=VICTIM_ASKS,
            filed_via="clerk",
            received_from="Luis Rojas, en ventanilla",
            actor=clerk,
            occurred_at=ago(2),
        )
    # the first one was answered (granted): this one repeats no open petition, keeps nothing
    assert again.event.confirmed is None
    with confirmed([PETITION_REPEATED]), guarded():
        third = petition_file(
            case=accused_case,
            petitioner="P2",
            kind="protective_measure",
            text=VICTIM_ASKS,
            filed_via="clerk",
            received_from="Marta Rojas, en ventanilla",
            actor=clerk,
            occurred_at=ago(1),
        )
    assert third.event.confirmed == [PETITION_REPEATED]
    seq = third.event.seq
    for entries in both_reads(agency_client("prosecution"), accused_case.nuid):
        assert entries[seq]["confirmed"] == [PETITION_REPEATED]
    for entries in both_reads(agency_client("public_defence"), accused_case.nuid):
        assert entries[seq]["payload"]["text"] == REDACTED
        assert entries[seq]["confirmed"] == []
