"""In the workspace: the clerk files a review petition the defence handed in, naming
whose detention among the accused held now; the request it makes is recorded with it.
The judge decides it from the due list's link and says, on the same form, what the
decision does to the detention: one submit records the decision and the review, and
the review's date on "Due and overdue" moves to three months from the decision. A
decision on a detention petition that does not say it is refused on the field,
nothing recorded; so is a person the record does not hold."""

from __future__ import annotations

import re

from django.utils import timezone

from expediente.custody.models import Deadline
from expediente.docket.models import Event
from expediente.petitions.models import Petition
from tests.court.forms.helpers import field_error, record_url, submit

DUE = "/court/due/"
REVIEW = "Review of pretrial detention"


def now_local() -> str:
    return timezone.now().astimezone(timezone.get_fixed_timezone(-360)).strftime("%Y-%m-%dT%H:%M")


def file_for_the_defence(client, case, **fields):  # type: ignore[no-untyped-def]
    return submit(
        client,
        record_url(case, "petition.filed"),
        {
            "kind": "detention_review",
            "text": "La defensa pide revisar la prisión preventiva: hay arraigo y trabajo.",
            "petitioner": "P4",
            "filed_via": "clerk",
            "received_from": "Rosa Defensora Solís",
            "occurred_at": now_local(),
            **fields,
        },
    )


def review_line(client):  # type: ignore[no-untyped-def]
    """The due list's line for the review of the detention, as text."""
    html = client.get(DUE).content.decode()
    [line] = [
        re.sub(r"<[^>]+>", " ", row)
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)
        if REVIEW in row
    ]
    return " ".join(line.split())


def test_the_clerk_names_whose_detention_among_those_held(staff_client, detained_case):  # type: ignore[no-untyped-def]
    page = staff_client.get(record_url(detained_case, "petition.filed")).content.decode()
    concerns = re.search(r'<select name="concerns".*?</select>', page, re.S)
    assert concerns is not None
    offered = re.findall(r'<option value="(P\d+)"', concerns.group(0))
    assert offered == ["P1"]  # the accused held now; not the victim, the witness, the defender

    response = file_for_the_defence(staff_client, detained_case, concerns="P1")
    assert response.status_code == 302, response.content.decode()[:3000]
    petition = Petition.objects.get()
    request = Event.objects.get(case=detained_case, seq=petition.filed_seq + 1)
    assert (request.type, request.payload) == (
        "custody.review_requested",
        {"person": "P1", "petition": petition.filed_seq},
    )
    assert petition.review_request_seq == request.seq


def test_a_person_not_held_is_refused_on_the_field(staff_client, detained_case):  # type: ignore[no-untyped-def]
    before = Event.objects.filter(case=detained_case).count()
    response = file_for_the_defence(staff_client, detained_case, concerns="P2")
    assert response.status_code == 200
    assert "only an accused held now fits here" in field_error(response, "concerns")
    assert Event.objects.filter(case=detained_case).count() == before


def test_one_submit_records_the_decision_and_the_review(  # type: ignore[no-untyped-def]
    staff_client, judge_client, detained_case
):
    file_for_the_defence(staff_client, detained_case)
    petition = Petition.objects.get()
    order_review = Deadline.objects.get(case=detained_case, rule_id="cr.pretrial_review", open=True)
    before_line = review_line(judge_client)
    url = record_url(detained_case, "petition.decided") + f"?petition={petition.filed_seq}"

    # the form asks what the decision does to the detention, the petition's person chosen
    form = judge_client.get(url)
    html = form.content.decode()
    assert "What the decision does to the detention" in html
    for option in ("maintained", "lifted", "replaced", "none"):
        assert f'value="{option}"' in html
    assert form.context["form"]["person"].value() == "P1"

    # not saying it is refused on the field, and nothing is recorded
    before = Event.objects.filter(case=detained_case).count()
    asked = {
        "outcome": "denied",
        "reasons": "Persiste el peligro de fuga.",
        "occurred_at": now_local(),
    }
    response = submit(judge_client, url, asked)
    assert response.status_code == 200
    assert "Say what the decision does to the detention" in field_error(response, "detention")
    assert Event.objects.filter(case=detained_case).count() == before

    response = submit(judge_client, url, asked | {"detention": "maintained"})
    assert response.status_code == 302, response.content.decode()[:3000]
    petition.refresh_from_db()
    assert (petition.status, petition.detention) == ("decided", "maintained")
    review = Event.objects.get(case=detained_case, seq=petition.decided_seq + 1)
    assert (review.type, review.payload) == (
        "custody.pretrial_reviewed",
        {"person": "P1", "outcome": "maintained"},
    )
    order_review.refresh_from_db()
    assert (order_review.open, order_review.satisfied_seq) == (False, review.seq)
    # the due list's review line now counts three months from the decision
    after_line = review_line(judge_client)
    assert after_line != before_line
    nxt = Deadline.objects.get(case=detained_case, rule_id="cr.pretrial_review", open=True)
    assert nxt.start_seq == review.seq


def test_a_detention_replaced_asks_which_measures_on_the_field(  # type: ignore[no-untyped-def]
    staff_client, judge_client, detained_case
):
    file_for_the_defence(staff_client, detained_case)
    petition = Petition.objects.get()
    url = record_url(detained_case, "petition.decided") + f"?petition={petition.filed_seq}"
    before = Event.objects.filter(case=detained_case).count()
    asked = {
        "outcome": "partly_granted",
        "reasons": "Basta con medidas menos gravosas.",
        "occurred_at": now_local(),
        "detention": "replaced",
    }
    response = submit(judge_client, url, asked)
    assert response.status_code == 200
    assert "Say which measures replace the detention" in field_error(response, "measures")
    assert Event.objects.filter(case=detained_case).count() == before
    response = submit(judge_client, url, asked | {"measures": "Firmar cada quince días."})
    assert response.status_code == 302
    assert Event.objects.filter(case=detained_case).last().type == "custody.pretrial_replaced"


def test_a_decision_on_another_kind_of_petition_asks_nothing_of_the_detention(  # type: ignore[no-untyped-def]
    staff_client, judge_client, detained_case
):
    file_for_the_defence(staff_client, detained_case, kind="information_request")
    petition = Petition.objects.get()
    url = record_url(detained_case, "petition.decided") + f"?petition={petition.filed_seq}"
    html = judge_client.get(url).content.decode()
    assert "What the decision does to the detention" not in html  # no detention petition open
    response = submit(
        judge_client,
        url,
        {
            "outcome": "answered",
            "reasons": "La audiencia es el martes.",
            "occurred_at": now_local(),
        },
    )
    assert response.status_code == 302
    assert Event.objects.filter(case=detained_case).last().type == "petition.decided"


def test_an_answer_about_the_detention_fits_only_a_petition_about_one(  # type: ignore[no-untyped-def]
    staff_client, judge_client, detained_case
):
    file_for_the_defence(staff_client, detained_case)  # a review, so the form asks
    file_for_the_defence(staff_client, detained_case, kind="information_request")
    information = Petition.objects.get(kind="information_request")
    url = record_url(detained_case, "petition.decided") + f"?petition={information.filed_seq}"
    asked = {
        "outcome": "answered",
        "reasons": "La audiencia es el martes.",
        "occurred_at": now_local(),
    }
    before = Event.objects.filter(case=detained_case).count()
    response = submit(judge_client, url, asked | {"detention": "lifted"})
    assert response.status_code == 200
    assert "Only a decision on a review of the detention" in field_error(response, "detention")
    assert Event.objects.filter(case=detained_case).count() == before
    # "nothing about the detention" is true of it, and is not recorded
    response = submit(judge_client, url, asked | {"detention": "none"})
    assert response.status_code == 302
    decision = Event.objects.filter(case=detained_case).last()
    assert decision.type == "petition.decided"
    assert "detention" not in decision.payload
    assert "person" not in decision.payload
