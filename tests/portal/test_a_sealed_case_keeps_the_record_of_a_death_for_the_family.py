"""Review: in a sealed case, a death in custody (``custody.died``) closed the person's
custody period, so the guardian and the defence who spoke for them lost the detention
part of the case (the record of the death, the inquiry owed) and were sent a message
pointing to a portal page that no longer existed for them. Those who spoke for a person
whose last period ended in a death keep the detention part; the person's own code does
not, and nobody else is given anything."""

from __future__ import annotations

from django.utils import timezone

from expediente.notify.models import Delivery, Notification
from tests.portal.conftest import inbox_for, text_of
from tests.portal.test_a_sealed_case_keeps_its_detention_to_the_person_held import (  # noqa: F401
    DETENTION,
    HELD,
    case_page,
    offered,
    sealed,
    the_judge,
)


def died(case, record):  # type: ignore[no-untyped-def]
    record(
        case,
        "custody.died",
        {"person": "P1", "place": "CAI La Reforma"},
        actor=the_judge(),
        occurred_at=timezone.now(),
    )


def test_the_guardian_and_the_defence_keep_the_record_of_the_death(sealed, record):  # type: ignore[no-untyped-def]  # noqa: F811
    case, codes = sealed
    for who in ("P4", "P7"):
        assert case_page(case, codes[who])[0] == 200
    died(case, record)
    for who in ("P4", "P7"):
        status, body = case_page(case, codes[who])
        assert status == 200, who
        text = " ".join(text_of(body).split())
        assert f"The court has recorded that {HELD}" in text
        assert "died while in custody" in text
        for hidden in ("Rojas Vargas", "Luis", "Testigo A", "Sala 3"):
            assert hidden not in text, hidden
        assert not offered(body) & DETENTION  # nobody left to release
        # the sealed notice no longer offers a habeas corpus or speaks of a release to come
        assert "You can still ask a judge to decide whether the detention is lawful" not in text
        assert "closes when the person is released" not in text
        assert "While someone you follow the case for is held" not in text
        assert "died in custody. You still see what concerns their detention" in text
    for who in ("P1", "P2", "P3", "P5", "P6"):
        assert case_page(case, codes[who])[0] == 404, who


def test_they_are_told_without_a_promise_the_page_cannot_keep(sealed, record):  # type: ignore[no-untyped-def]  # noqa: F811
    case, _codes = sealed
    inbox_for(case, "P1", "P2", "P4", "P5", "P6", "P7")
    died(case, record)
    told = Delivery.objects.filter(notification__what="custody.died")
    assert sorted(told.values_list("subscription__participant", flat=True)) == ["P1", "P4", "P7"]
    text = " ".join(Notification.objects.get(what="custody.died").rendered["en"].values())
    assert "news about a detention" in text
    assert "ask the court" in text
    assert "died" not in text.lower()
    assert "death" not in text.lower()
    assert case.number not in text
