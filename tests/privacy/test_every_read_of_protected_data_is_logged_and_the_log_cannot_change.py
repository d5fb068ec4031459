"""Every read of a case's protected data is logged in the same request, through every
channel, and the log is append-only in the database itself."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, transaction

from expediente.access.access_log import AccessRecord
from expediente.access.disclosure import PUBLIC, disclose

pytestmark = pytest.mark.django_db(transaction=False)


def test_an_api_read_is_logged_with_who_what_and_how(cases, api_reader):
    case = cases["charged"]
    assert api_reader.get(f"/api/v1/cases/{case.nuid}").status_code == 200
    row = AccessRecord.objects.get(case=case)
    assert row.actor_label == "system:api-reader"
    assert row.audience == "api"
    assert row.role == "cases:read,other"  # its scopes and its agency (access.models.Agency)
    assert row.channel == "api"
    assert row.classes == ["names", "identifiers", "birth_dates", "free_text"]


def test_a_case_body_served_from_the_store_is_logged_again(cases, api_reader):
    case = cases["charged"]
    first = api_reader.get(f"/api/v1/cases/{case.nuid}")
    again = api_reader.get(f"/api/v1/cases/{case.nuid}")
    assert again.content == first.content
    assert AccessRecord.objects.filter(case=case).count() == 2


def test_reading_the_events_is_logged(cases, api_reader):
    case = cases["charged"]
    assert api_reader.get(f"/api/v1/cases/{case.nuid}/events").status_code == 200
    assert AccessRecord.objects.filter(case=case, channel="api").count() == 1


def test_the_public_reads_nothing_protected_and_leaves_no_line(cases):
    view = disclose(PUBLIC, cases["convicted"], channel="public")
    assert view.visible
    assert AccessRecord.objects.count() == 0


def test_a_refused_read_leaves_no_line(cases, api_outsider):
    assert api_outsider.get(f"/api/v1/cases/{cases['charged'].nuid}").status_code == 404
    assert AccessRecord.objects.count() == 0


@pytest.mark.parametrize("change", ["update", "delete"])
def test_the_database_refuses_to_change_or_delete_a_line(cases, api_reader, change):
    api_reader.get(f"/api/v1/cases/{cases['charged'].nuid}")
    rows = AccessRecord.objects.all()
    attempt = rows.update if change == "update" else rows.delete
    kwargs = {"actor_label": "someone else"} if change == "update" else {}
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        attempt(**kwargs)
    assert AccessRecord.objects.get().actor_label == "system:api-reader"
