"""Review: in a sealed case, a petition counted in the detention part only when the
reader or someone held filed it, so a habeas corpus the public defender filed for José
(held) was hidden from José and his guardian, and so was the court's answer. A petition
about a detention that concerns someone held is in the detention part of whoever speaks
for them (``petitions.detention.concerned``); not in anyone else's."""

from __future__ import annotations

from django.utils import timezone

from expediente.notify.models import Delivery
from tests.portal.conftest import inbox_for, text_of
from tests.portal.test_a_sealed_case_keeps_its_detention_to_the_person_held import (  # noqa: F401
    case_page,
    sealed,
    the_judge,
)

WRIT = "José está detenido sin orden. Pido que se lo presente ante un juez y se lo libere."


def told(case, what: str) -> list[str]:  # type: ignore[no-untyped-def]
    rows = Delivery.objects.filter(subscription__case=case, notification__what=what)
    return sorted(rows.values_list("subscription__participant", flat=True))


def test_the_person_held_and_their_guardian_see_and_hear_of_it_and_its_answer(sealed, record):  # type: ignore[no-untyped-def]  # noqa: F811
    case, codes = sealed
    inbox_for(case, "P1", "P2", "P5", "P6", "P7")
    judge = the_judge()
    filed = record(
        case,
        "petition.filed",
        {
            "petitioner": "P4",
            "concerns": "P1",
            "kind": "habeas_corpus",
            "text": WRIT,
            "filed_via": "clerk",
            "received_from": "Defensa pública",
        },
        actor=judge,
        occurred_at=timezone.now(),
    )
    record(
        case,
        "petition.decided",
        {"petition": filed.event.seq, "outcome": "denied", "reasons": "La detención es legal."},
        actor=judge,
        occurred_at=timezone.now(),
    )
    assert told(case, "petition.filed") == ["P1", "P7"]
    assert told(case, "petition.decided") == ["P1", "P7"]
    for who in ("P1", "P7"):
        status, body = case_page(case, codes[who])
        assert status == 200
        text = text_of(body)
        assert "Petition filed" in text, who
        assert "Petition decided" in text, who


def test_a_lawyer_acting_for_him_alone_need_not_name_whose_detention(sealed, record):  # type: ignore[no-untyped-def]  # noqa: F811
    case, codes = sealed
    judge = the_judge()
    lawyer = {"given_names": "Sofía", "family_names": "Letrada Paz", "sex": "female"}
    record(case, "participant.added", {"role": "defence", "person": lawyer}, actor=judge)  # P8
    record(case, "participant.acts_for", {"counsel": "P8", "accused": "P1"}, actor=judge)
    inbox_for(case, "P7")
    record(
        case,
        "petition.filed",
        {
            "petitioner": "P8",
            "kind": "habeas_corpus",
            "text": WRIT,
            "filed_via": "clerk",
            "received_from": "Sofía Letrada Paz",
        },
        actor=judge,
        occurred_at=timezone.now(),
    )
    assert told(case, "petition.filed") == ["P7"]
    assert "Petition filed" in text_of(case_page(case, codes["P1"])[1])


def test_a_victims_review_petition_about_the_same_detention_stays_out_of_it(sealed, record):  # type: ignore[no-untyped-def]  # noqa: F811
    # second review: a victim's petition "concerning" P1 is another participant's entry,
    # not a request of P1's side; it must not appear on P1's page nor be told to them
    case, codes = sealed
    inbox_for(case, "P1")
    record(
        case,
        "petition.filed",
        {
            "petitioner": "P2",
            "concerns": "P1",
            "kind": "detention_review",
            "text": "La víctima pide que siga detenido.",
            "filed_via": "clerk",
            "received_from": "Recibido de la víctima",
        },
        actor=the_judge(),
        occurred_at=timezone.now(),
    )
    assert told(case, "petition.filed") == []
    status, body = case_page(case, codes["P1"])
    assert status == 200
    assert "Petition filed" not in text_of(body)


def test_reading_the_part_costs_the_same_however_many_petitions(sealed, record):  # type: ignore[no-untyped-def]  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from expediente.access.detention_part import DetentionPart
    from expediente.docket.standing import Standing
    from expediente.portal.last_seen import new_counts

    case, _codes = sealed
    costs = []
    for n in range(3):
        record(
            case,
            "petition.filed",
            {
                "petitioner": "P4",
                "concerns": "P1",
                "kind": "habeas_corpus",
                # each another writ: the same one, unanswered, is not filed twice
                "text": f"{WRIT} ({n + 1})",
                "filed_via": "clerk",
                "received_from": "Defensa pública",
            },
            actor=the_judge(),
            occurred_at=timezone.now(),
        )
        case.refresh_from_db()
        part = DetentionPart("P1", {"P1"}, case=case)
        with CaptureQueriesContext(connection) as queries:
            new_counts({case.pk: 1}, {case.pk: Standing("P1", "accused")}, {case.pk: part})
        costs.append(len(queries))
    assert costs[0] == costs[-1]
