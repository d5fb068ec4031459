"""In a Brazilian court, a reassessment that ends an adolescent's internment (ECA art.
121 §2, outcome ``ended``) removes the ground for holding them. If they escape and are
recaptured after it, the custody record reads that end (the pack's release watch names
the reassessment as its start: ``history.PackView.ground_ends``), so the recapture holds
them on no ground: the court's release target (``br.eca.release_on_internment_end``, a
service target) opens again at the recapture, and the staff page and the family's page
say so, naming the reassessment, not a detention order. A recapture while the
internment is in force (maintained) changes nothing."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone, translation

from expediente.court.pages.case_page import case_page
from tests.custody.conftest import deadlines_of, staff
from tests.custody.test_a_brazilian_internment_ended_is_watched_until_the_release import (  # noqa: F401
    interned,
    reassessed,
)
from tests.custody.test_brazilian_deadlines_come_from_the_record import br_court, sp  # noqa: F401
from tests.portal.conftest import make_clerk, make_issuer, text_of

pytestmark = pytest.mark.django_db

RULE = "br.eca.release_on_internment_end"


def _escaped_and_recaptured(record, case, escaped, recaptured):
    record(case, "custody.escaped", {"person": "P1"}, occurred_at=escaped)
    record(case, "custody.recaptured", {"person": "P1"}, occurred_at=recaptured)


def _family_warning(case, court, language) -> str:
    code = make_issuer(make_clerk(court))(case, "P1", language=language)
    family = Client(HTTP_ACCEPT_LANGUAGE=language)
    assert family.post("/follow/", {"case_number": case.nuid, "code": code}).status_code == 302
    body = family.get("/follow/case/").content.decode()
    [said] = re.findall(r'<p class="warning ground-ended">(.*?)</p>', body, re.S)
    return " ".join(text_of(said).split())


def test_the_recapture_opens_the_release_target_again(interned, record):  # noqa: F811
    reassessed(record, interned, "ended", sp(10, 14))
    _escaped_and_recaptured(record, interned, sp(10, 20), sp(8, 9))
    first, again = sorted(deadlines_of(interned, RULE), key=lambda d: d.start_at)
    assert first.stopped_type == "custody.escaped"
    assert again.open
    assert again.start_type == "custody.recaptured"
    assert again.due_at == sp(8, 9) + dt.timedelta(hours=24)
    assert again.law["flag"] == "policy"


def test_the_staff_page_names_the_reassessment_at_the_recapture(
    interned,  # noqa: F811
    record,
    clerk,
    br_court,  # noqa: F811
    page,
):
    reassessed(record, interned, "ended", sp(10, 14))
    _escaped_and_recaptured(record, interned, sp(10, 20), sp(8, 9))
    with translation.override("en"):
        [warning] = case_page(nuid=interned.nuid, actor=clerk, now=timezone.now()).ground_ended
    assert warning.by_recapture_after_other_entry
    assert warning.ground_end_label == "Internment reassessed"
    assert warning.ground_end_at == sp(10, 14)
    assert warning.overdue
    client = staff("ana.escrivã", br_court, "clerk")
    client.cookies.load({"django_language": "en"})
    html = page(client, f"/court/cases/{interned.nuid}/")
    alert = html.split('class="warning ground-ended" role="alert">', 1)[1].split("</div>")[0]
    alert = " ".join(re.sub(r"<[^>]+>", " ", alert).split())
    assert "Lucas Souza was recaptured on" in alert
    assert "the court ended the measure that held them (“Internment reassessed”," in alert
    assert "detention order is in force" not in alert
    assert "The court's target for the release:" in alert


@pytest.mark.parametrize(
    ("language", "words", "entry"),
    [
        ("en", "Since the recapture on", "“Internment reassessed”"),
        ("pt", "Desde a recaptura em", "“Reavaliação da internação”"),
    ],
)
def test_the_family_page_names_the_reassessment_at_the_recapture(
    interned,  # noqa: F811
    record,
    br_court,  # noqa: F811
    language,
    words,
    entry,
):
    reassessed(record, interned, "ended", sp(10, 14))
    _escaped_and_recaptured(record, interned, sp(10, 20), sp(8, 9))
    said = _family_warning(interned, br_court, language)
    assert said.startswith(words)
    assert entry in said
    assert "Lucas Souza" in said


def test_a_recapture_while_the_internment_is_in_force_changes_nothing(
    interned,  # noqa: F811
    record,
    clerk,
):
    reassessed(record, interned, "maintained", sp(10, 14))
    _escaped_and_recaptured(record, interned, sp(10, 20), sp(8, 9))
    assert deadlines_of(interned, RULE) == []
    assert case_page(nuid=interned.nuid, actor=clerk, now=timezone.now()).ground_ended == []


def test_the_release_after_the_recapture_ends_the_warning(interned, record, clerk):  # noqa: F811
    reassessed(record, interned, "ended", sp(10, 14))
    _escaped_and_recaptured(record, interned, sp(10, 20), sp(8, 9))
    released = {"person": "P1", "reason": "order_of_court"}
    record(interned, "custody.released", released, occurred_at=sp(8, 12))
    assert case_page(nuid=interned.nuid, actor=clerk, now=timezone.now()).ground_ended == []
    again = max(deadlines_of(interned, RULE), key=lambda d: d.start_at)
    assert again.satisfied_type == "custody.released"
    assert again.missed_at is None


def test_an_ending_recorded_after_the_release_ends_nothing_and_a_later_arrest_is_grounded(
    interned,  # noqa: F811
    record,
    clerk,
    br_court,  # noqa: F811
    page,
):
    # the measure no longer held the adolescent when the reassessment was recorded: an
    # arrest in the act later is its own ground, not a person held on nothing (and no
    # page says anyone was acquitted)
    released = {"person": "P1", "reason": "order_of_court"}
    record(interned, "custody.released", released, occurred_at=sp(30, 10))
    reassessed(record, interned, "ended", sp(30, 11))
    record(interned, "custody.arrested", {"person": "P1", "flagrante": True}, occurred_at=sp(2, 9))
    assert [d for d in deadlines_of(interned) if d.open and "release" in d.rule_id] == []
    with translation.override("en"):
        found = case_page(nuid=interned.nuid, actor=clerk, now=timezone.now()).ground_ended
    assert found == []
    client = staff("ana.escrivã", br_court, "clerk")
    client.cookies.load({"django_language": "en"})
    html = page(client, f"/court/cases/{interned.nuid}/")
    assert 'class="warning ground-ended"' not in html
