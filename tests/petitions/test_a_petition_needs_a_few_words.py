"""A petition's text needs at least 10 characters once trimmed, whoever files it (the
portal, a lawyer from /my/, the clerk, the API): the refusal names ``payload.text`` and
the rule, and nothing is recorded."""

from __future__ import annotations

import pytest

from expediente.docket.errors import InvalidInput
from expediente.docket.models import Event
from expediente.petitions.models import Petition
from expediente.petitions.projector import TEXT_MIN


def test_a_short_text_is_refused_naming_the_field_and_the_rule(detained, file):  # type: ignore[no-untyped-def]
    before = Event.objects.filter(case=detained).count()
    with pytest.raises(InvalidInput) as refused:
        file(detained, 1, text="  ayuda   ")
    assert refused.value.errors[0]["field"] == "payload.text"
    assert "at least 10 characters" in refused.value.errors[0]["message"]
    assert "(you wrote 5)" in refused.value.errors[0]["message"]
    assert Event.objects.filter(case=detained).count() == before
    assert not Petition.objects.exists()


def test_ten_characters_are_enough(detained, file):  # type: ignore[no-untyped-def]
    assert TEXT_MIN == 10
    filed = file(detained, 1, text="  " + "a" * TEXT_MIN + "  ")
    assert filed.created


def test_the_api_refuses_it_too(detained, api_clerk):  # type: ignore[no-untyped-def]
    response = api_clerk.post(
        f"/api/v1/cases/{detained.nuid}/events",
        {
            "type": "petition.filed",
            "occurred_at": "2026-03-02T10:00:00-06:00",
            "payload": {
                "kind": "delay_complaint",
                "text": "x",
                "petitioner": "P1",
                "filed_via": "clerk",
            },
        },
        content_type="application/json",
    )
    assert response.status_code in (400, 422)
    assert "payload.text" in response.content.decode()
    assert not Petition.objects.exists()
