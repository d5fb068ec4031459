"""A case's confidentiality comes from its whole history: the opening and then every
sealing, unsealing and expunction order, each as last corrected. A correction of the
opening (say, of a typo in the summary) after a sealing order made the case public again;
it must not, live or after a rebuild. A correction of the opening still applies where no
order came after it.

``event_record`` corrects the opening but refuses to change its confidentiality (that
takes an order: docket/services/opening_correction.py), so such a correction can only
reach the projection from the log itself (one recorded before that rule): these tests
append it with the docket's own ``append``, as the log would hold it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from expediente.access.disclosure import PUBLIC, disclose
from expediente.docket.models import Case, Event
from expediente.docket.services import event_record
from expediente.docket.services.common import append
from expediente.rules.loader import load_pack

pytestmark = pytest.mark.django_db

LATER = dt.datetime(2026, 2, 10, 10, 0, tzinfo=dt.UTC)


def correct_opening(case: Case, actor: Any, **changes: Any) -> Case:
    opening = Event.objects.get(case=case, seq=1)
    with transaction.atomic():
        locked = Case.objects.select_for_update().select_related("court").get(pk=case.pk)
        append(
            case=locked,
            pack=load_pack(locked.court.rule_pack),
            type_name="case.opened",
            payload={**opening.payload, **changes},
            actor=actor,
            occurred_at=opening.occurred_at,
            now=timezone.now(),
            corrects_seq=1,
            idempotency_key=None,
            digest="a correction of the opening",
        )
    case.refresh_from_db()
    return case


def order(case: Case, actor: Any, type_name: str, **payload: Any) -> None:
    event_record(case=case, type=type_name, payload=payload, actor=actor, occurred_at=LATER)


def rebuilt_confidentiality(case: Case) -> str:
    call_command("rebuild")
    case.refresh_from_db()
    return case.confidentiality


def test_correcting_the_opening_of_a_sealed_case_keeps_it_sealed(cases, judge):
    case = correct_opening(cases["sealed"], judge, summary="resumen corregido")
    assert case.summary == "resumen corregido"  # the correction itself took effect
    assert case.confidentiality == "sealed"
    assert not disclose(PUBLIC, case, channel="public").visible
    assert rebuilt_confidentiality(case) == "sealed"


def test_correcting_the_opening_to_public_keeps_an_expunged_case_sealed(cases, judge):
    case = correct_opening(cases["expunged"], judge, confidentiality="public")
    assert case.confidentiality == "sealed"
    assert rebuilt_confidentiality(case) == "sealed"


def test_an_unsealing_order_wins_over_a_later_correction_of_the_opening(cases, judge):
    case = cases["sealed"]
    order(case, judge, "case.unsealed", confidentiality="restricted", grounds="levantado")
    case = correct_opening(case, judge, confidentiality="public")
    assert case.confidentiality == "restricted"
    assert rebuilt_confidentiality(case) == "restricted"


def test_correcting_an_old_sealing_order_does_not_seal_the_case_again(cases, judge):
    case = cases["sealed"]
    sealing = Event.objects.get(case=case, type="case.sealed")
    order(case, judge, "case.unsealed", confidentiality="public", grounds="levantado")
    event_record(
        case=case,
        type="case.sealed",
        payload={"grounds": "fundamento corregido"},
        actor=judge,
        occurred_at=sealing.occurred_at,
        corrects_seq=sealing.seq,
        correction_reason="The grounds were copied from another order",
    )
    case.refresh_from_db()
    assert case.confidentiality == "public"
    assert rebuilt_confidentiality(case) == "public"


def test_without_a_later_order_a_correction_of_the_opening_still_applies(cases, clerk):
    case = correct_opening(cases["charged"], clerk, confidentiality="restricted")
    assert case.confidentiality == "restricted"
    assert not disclose(PUBLIC, case, channel="public").visible
    assert rebuilt_confidentiality(case) == "restricted"
    call_command("rebuild", "--check")
