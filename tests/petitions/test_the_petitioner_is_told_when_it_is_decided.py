"""The petitioner (and every subscriber of the case) is told when a petition is decided:
the notification names the case and says, in the subscriber's language, that the
petition was decided; the petition's text and the decision's reasons never leave the
court in a message."""

from __future__ import annotations

from expediente.docket.models import Participation
from expediente.notify.models import Notification
from expediente.notify.rendering import render_event
from expediente.notify.subscriptions import subscribe
from expediente.rules.loader import load_pack


def test_the_decision_is_queued_for_her_in_spanish_and_english(detained, file, decide):  # type: ignore[no-untyped-def]
    subscribe(
        participation=Participation.objects.get(case=detained, uid="P1"),
        channel="inbox",
        address="",
        language="es",
        consent=True,
        consent_text_version="test",
    )
    filed = file(detained, ago=20)
    decision = decide(detained, petition=filed.event.seq, ago=2, reasons="Motivo reservado XYZ")
    note = Notification.objects.get(case=detained, event_seq=decision.seq)
    es = note.rendered["es"]  # queued in the language she subscribed in
    en = render_event(detained, decision, load_pack(detained.court.rule_pack), "en")
    assert "Petición resuelta" in es["subject"]
    assert detained.number in es["subject"]
    assert "Petition decided" in en["subject"]
    for text in (es["subject"], es["body"], en["subject"], en["body"]):
        assert "Motivo reservado XYZ" not in text
        assert "hermano" not in text
