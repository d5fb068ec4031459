"""The petition refusals a judge meets on the decision form read in the workspace's
language: "petition 14 was already decided (entry 15)…" and "there is no petition with
entry number 99…" read in English on the Spanish form."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from expediente.court.forms.base import said
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Event

CR = ZoneInfo("America/Costa_Rica")


def refusal_in(language: str, act: Any) -> str:
    with pytest.raises(InvalidInput) as refused:
        act()
    with translation.override(language):
        return said(refused.value, CR)


def test_a_petition_decided_twice_or_never_filed_is_refused_in_spanish(detained, file, decide):
    filed = file(detained, 5)
    decide(detained, filed.event.seq, 4)
    before = Event.objects.filter(case=detained).count()
    again = refusal_in("es", lambda: decide(detained, filed.event.seq, 3, outcome="granted"))
    assert again.startswith("esta solicitud ya fue resuelta (anotación "), again
    assert "; para cambiar esa resolución, corrija su anotación" in again, again
    missing = refusal_in("es", lambda: decide(detained, 99, 3))
    assert missing == "no hay ninguna solicitud con la anotación número 99 en este caso", missing
    assert Event.objects.filter(case=detained).count() == before
