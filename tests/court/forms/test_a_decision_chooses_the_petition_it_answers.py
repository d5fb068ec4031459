"""The judge's decision form offers the case's petitions awaiting an answer (kind, who
filed it, when, receipt) instead of asking for an entry number. Nothing chosen, a
petition already decided, or a petition of another case is refused on the field, naming
the problem, and nothing is recorded. A correction of a decision still offers the
petition it answered; the due list's link can choose the petition in advance."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from expediente.docket.models import Event
from expediente.petitions.models import Petition
from expediente.petitions.services import petition_decide, petition_file
from tests.court.forms.helpers import drawn, field_error, record_url, submit

TEXT = "Pido que se revise la detención. Tiene trabajo fijo y vive con su familia."


def file(case, clerk, petitioner="P1", kind="detention_review", hours=5):  # type: ignore[no-untyped-def]
    return petition_file(
        case=case,
        petitioner=petitioner,
        kind=kind,
        text=TEXT,
        filed_via="clerk",
        actor=clerk,
        received_from="Marta Pérez, hermana",
        occurred_at=timezone.now() - dt.timedelta(hours=hours),
    ).petition


def decide_with(client, case, chosen: str, outcome="granted", url=None):  # type: ignore[no-untyped-def]
    now = timezone.now().astimezone(timezone.get_fixed_timezone(-360))
    return submit(
        client,
        url or record_url(case, "petition.decided"),
        {
            "petition": chosen,
            "outcome": outcome,
            # nobody is held: the decision does nothing to a detention (the form asks,
            # while a detention petition is open)
            "detention": "none",
            "reasons": "Se sustituye la detención por presentaciones semanales.",
            "occurred_at": now.strftime("%Y-%m-%dT%H:%M"),
        },
    )


def options(html: str) -> dict[str, str]:
    select = re.search(r'<select name="petition".*?</select>', html, re.S)
    assert select, "the petition is not a choice"
    found = re.findall(r'<option value="(\d*)"[^>]*>(.*?)</option>', select[0], re.S)
    return {value: label for value, label in found if value}


def test_the_open_petitions_are_offered_with_kind_petitioner_date_and_receipt(  # type: ignore[no-untyped-def]
    judge_client, accused_case, clerk
):
    review = file(accused_case, clerk, hours=30)
    protection = file(accused_case, clerk, petitioner="P2", kind="protective_measure", hours=2)
    decided = file(accused_case, clerk, kind="information_request", hours=20)
    petition_decide(
        case=accused_case,
        petition=decided.filed_seq,
        outcome="answered",
        reasons="Se informa.",
        actor=clerk,
    )
    html = judge_client.get(record_url(accused_case, "petition.decided")).content.decode()
    offered = options(html)
    assert list(offered) == [str(review.filed_seq), str(protection.filed_seq)]
    first = offered[str(review.filed_seq)]
    assert "Review of the detention" in first
    assert "José Pérez Mora" in first
    assert review.receipt in first
    assert str(review.filed_at.astimezone(timezone.get_fixed_timezone(-360)).year) in first
    assert "Protection" in offered[str(protection.filed_seq)]
    assert "Ana Rojas Vargas" in offered[str(protection.filed_seq)]


def test_choosing_one_records_the_decision_for_that_petition(judge_client, accused_case, clerk):  # type: ignore[no-untyped-def]
    file(accused_case, clerk, hours=30)
    second = file(accused_case, clerk, petitioner="P2", kind="protective_measure", hours=2)
    response = decide_with(judge_client, accused_case, str(second.filed_seq))
    assert response.status_code == 302, field_error(response, "petition")
    second.refresh_from_db()
    assert (second.status, second.outcome) == ("decided", "granted")
    event = Event.objects.get(case=accused_case, seq=second.decided_seq)
    assert event.payload["petition"] == second.filed_seq  # the same number the API takes
    assert Petition.objects.filter(status="open").count() == 1


def test_no_petition_chosen_is_refused_on_the_field(judge_client, accused_case, clerk):  # type: ignore[no-untyped-def]
    file(accused_case, clerk)
    before = Event.objects.filter(case=accused_case).count()
    response = decide_with(judge_client, accused_case, "")
    assert response.status_code == 200
    assert field_error(response, "petition") == "Choose the petition this decision answers."
    assert Event.objects.filter(case=accused_case).count() == before


def test_a_petition_already_decided_is_refused_naming_its_decision(  # type: ignore[no-untyped-def]
    judge_client, accused_case, clerk
):
    petition = file(accused_case, clerk)
    assert decide_with(judge_client, accused_case, str(petition.filed_seq)).status_code == 302
    petition.refresh_from_db()
    before = Event.objects.filter(case=accused_case).count()
    response = decide_with(judge_client, accused_case, str(petition.filed_seq), outcome="denied")
    assert response.status_code == 200
    message = field_error(response, "petition")
    assert f"entry {petition.filed_seq} was already decided (entry {petition.decided_seq})" in (
        message
    )
    assert "correct its entry" in message
    assert Event.objects.filter(case=accused_case).count() == before
    petition.refresh_from_db()
    assert petition.outcome == "granted"


def test_a_petition_of_another_case_is_not_offered_and_is_refused(  # type: ignore[no-untyped-def]
    judge_client, accused_case, open_case, record, clerk
):
    mine = file(accused_case, clerk, hours=3)
    other = open_case()
    record(
        other,
        "participant.added",
        {
            "role": "accused",
            "person": {"given_names": "Luis", "family_names": "Mora", "sex": "male"},
        },
    )
    for _ in range(mine.filed_seq):  # push the other case's petition past this case's
        record(other, "note.added", {"text": "Constancia."})
    theirs = file(other, clerk, hours=2)
    assert theirs.filed_seq > mine.filed_seq
    assert str(theirs.filed_seq) not in options(
        judge_client.get(record_url(accused_case, "petition.decided")).content.decode()
    )
    before = Event.objects.filter(case=accused_case).count()
    response = decide_with(judge_client, accused_case, str(theirs.filed_seq))
    assert response.status_code == 200
    assert f"no petition awaiting an answer with the number {theirs.filed_seq}" in field_error(
        response, "petition"
    )
    assert Event.objects.filter(case=accused_case).count() == before
    theirs.refresh_from_db()
    assert theirs.status == "open"


def test_a_petition_decided_while_the_form_was_open_is_refused_on_the_field(  # type: ignore[no-untyped-def]
    judge_client, accused_case, clerk
):
    petition = file(accused_case, clerk)
    url = record_url(accused_case, "petition.decided")
    page = judge_client.get(url)
    petition_decide(
        case=accused_case, petition=petition.filed_seq, outcome="denied", reasons="No.", actor=clerk
    )
    before = Event.objects.filter(case=accused_case).count()
    now = timezone.now().astimezone(timezone.get_fixed_timezone(-360))
    response = judge_client.post(
        url,
        drawn(page)
        | {
            "petition": str(petition.filed_seq),
            "outcome": "granted",
            "reasons": "Sí.",
            "occurred_at": now.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 200
    assert "already decided" in field_error(response, "petition")
    assert Event.objects.filter(case=accused_case).count() == before


def test_a_correction_of_a_decision_still_offers_the_petition_it_answered(  # type: ignore[no-untyped-def]
    judge_client, accused_case, clerk
):
    petition = file(accused_case, clerk)
    decided = petition_decide(
        case=accused_case,
        petition=petition.filed_seq,
        outcome="denied",
        reasons="Persisten los motivos.",
        actor=clerk,
        occurred_at=timezone.now() - dt.timedelta(hours=1),
    )
    url = f"/court/cases/{accused_case.nuid}/events/{decided.seq}/correct/"
    page = judge_client.get(url)
    html = page.content.decode()
    assert str(petition.filed_seq) in options(html)
    assert re.search(rf'<option value="{petition.filed_seq}" selected>', html)
    response = judge_client.post(
        url,
        drawn(page) | {"outcome": "partly_granted", "correction_reason": "Recorded with a mistake"},
    )
    assert response.status_code == 302, field_error(response, "petition")
    petition.refresh_from_db()
    assert petition.outcome == "partly_granted"


def test_the_due_lists_link_can_choose_the_petition_in_advance(judge_client, accused_case, clerk):  # type: ignore[no-untyped-def]
    file(accused_case, clerk, hours=30)
    second = file(accused_case, clerk, hours=2)
    url = record_url(accused_case, "petition.decided") + f"?petition={second.filed_seq}"
    html = judge_client.get(url).content.decode()
    assert re.search(rf'<option value="{second.filed_seq}" selected>', html)
