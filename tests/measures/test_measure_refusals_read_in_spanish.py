"""The refusals a clerk meets on the measure forms read in the workspace's
language. They read in English on the Spanish forms: "measure id 'M1' is already used in
this case", "a bail needs amount", "30 more hours would make 130 of the 120 the sentence
orders", "with this event, the later entry 9 could not have happened"."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone, translation

from expediente.court.forms.base import said
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Event
from tests.court.forms.helpers import record_url, submit
from tests.measures.conftest import CR


def refusal_in(language: str, act: Any) -> str:
    """What the court's form says of the service's refusal of ``act``."""
    with pytest.raises(InvalidInput) as refused:
        act()
    with translation.override(language):
        return said(refused.value, CR)


def test_a_measure_id_used_twice_is_refused_on_the_spanish_form(
    clerk_client, accused_case, impose, at
):
    impose(accused_case, "travel_ban", at(10))
    before = Event.objects.filter(case=accused_case).count()
    clerk_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    url = record_url(accused_case, "measure.imposed")
    html = submit(
        clerk_client,
        url,
        {
            "measure": "M1",
            "person": "P1",
            "kind": "bail",
            "amount": "500000",
            "starts_on": timezone.now().date().isoformat(),  # the form's moment is now
        },
    ).content.decode()
    assert "El identificador de medida M1 ya se usa en este caso; use otro" in html, html[:4000]
    assert "already used" not in html
    assert Event.objects.filter(case=accused_case).count() == before


def test_each_measure_refusal_has_its_spanish_words(accused_case, impose, comply, record, at):
    impose(accused_case, "community_service", at(30), hours=30)
    comply(accused_case, "hours_logged", at(20), hours=20, host="Cruz Roja")
    said_es = refusal_in(
        "es", lambda: comply(accused_case, "hours_logged", at(10), hours=20, host="Cruz Roja")
    )
    assert said_es == ("20 horas más harían 40 de las 30 que ordena la sentencia; quedan 10"), (
        said_es
    )
    needs = refusal_in(
        "es",
        lambda: record(
            accused_case,
            "measure.imposed",
            {"measure": "M2", "person": "P1", "kind": "bail", "starts_on": "2026-02-01"},
            occurred_at=at(9),
        ),
    )
    assert needs == "este tipo de medida lo requiere; complételo", needs
    before = refusal_in("es", lambda: comply(accused_case, "hours_logged", at(31), hours=1))
    assert before.startswith("es anterior a la imposición de la medida M1 ("), before
    impose(accused_case, "electronic_monitoring", at(8), measure="M3")
    device = refusal_in(
        "es",
        lambda: comply(
            accused_case, "device_event", at(5), measure="M3", device="DEV-9", kind="zone_breach"
        ),
    )
    assert device == "la medida M3 no tiene ningún dispositivo DEV-9", device


def test_a_later_entry_made_impossible_says_why_in_spanish(accused_case, impose, comply, at):
    impose(accused_case, "periodic_reporting", at(30))
    comply(accused_case, "checked_in", at(5))
    text = refusal_in("es", lambda: comply(accused_case, "ended", at(10), reason="lifted_by_court"))
    assert text.startswith("con esta anotación, la anotación posterior "), text
    assert "no pudo haber ocurrido: " in text, text
    assert "could not" not in text
