"""An adolescent whose internment a Brazilian court ended at a reassessment (ECA art.
121 §2) and who is still recorded as held: the case page says so at the top, naming the
entry that ended the measure (not "the detention order", which never held them), with
the court's target for the release; the release ends the warning."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from expediente.court.pages.case_page import case_page
from tests.custody.conftest import staff
from tests.custody.test_a_brazilian_internment_ended_is_watched_until_the_release import (  # noqa: F401
    interned,
    reassessed,
)
from tests.custody.test_brazilian_deadlines_come_from_the_record import br_court, sp  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_page_names_the_reassessment_that_ended_the_internment(interned, record, clerk):  # noqa: F811
    reassessed(record, interned, "ended", sp(10, 14))
    with translation.override("en"):
        page = case_page(nuid=interned.nuid, actor=clerk, now=sp(9, 18))
    [warning] = page.ground_ended
    assert warning.by_other_entry
    assert warning.ended_by_label == "Internment reassessed"
    assert warning.release_by == sp(9, 14)
    assert warning.overdue
    with translation.override("pt"):
        [pt] = case_page(nuid=interned.nuid, actor=clerk, now=sp(9, 18)).ground_ended
    assert pt.ended_by_label == "Reavaliação da internação"


def test_the_warning_reads_as_an_internment_not_an_order(interned, record, br_court, page):  # noqa: F811
    reassessed(record, interned, "ended", sp(10, 14))
    client = staff("ana.escrivã", br_court, "clerk")
    client.cookies.load({"django_language": "en"})
    html = page(client, f"/court/cases/{interned.nuid}/")
    assert "although the court ended the measure that held them (“Internment reassessed”," in html
    assert "although the detention order ended" not in html


def test_the_release_ends_the_warning(interned, record, clerk):  # noqa: F811
    reassessed(record, interned, "ended", sp(10, 14))
    released = {"person": "P1", "reason": "order_of_court"}
    record(interned, "custody.released", released, occurred_at=sp(10, 16))
    assert case_page(nuid=interned.nuid, actor=clerk, now=sp(9, 18)).ground_ended == []
    assert dt.timedelta(hours=2) == sp(10, 16) - sp(10, 14)
