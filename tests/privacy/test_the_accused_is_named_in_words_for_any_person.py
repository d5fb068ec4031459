"""A woman was labelled "Acusado" (masculine) on the public pages. The docket records a
person's sex for statistics, not how they are addressed, and one label heads a list of
several people, so the role is named with neutral words in every language: "Persona
imputada", "Pessoa acusada", "Personne poursuivie"."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from expediente.rules.loader import load_pack
from tests.portal.conftest import text_of
from tests.privacy.conftest import HEARING_DAY

pytestmark = pytest.mark.django_db

WORDS = {"es": "Persona imputada", "pt": "Pessoa acusada", "fr": "Personne poursuivie"}
MASCULINE = re.compile(r"\b(Acusado|Imputado|Prévenu)\b")


@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_the_public_pages_name_the_role_in_neutral_words(cases, language):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    case = cases["convicted"]
    found = client.get("/public/", {"court": case.court.code, "number": case.number})
    day = client.get(f"/public/calendar/{case.court.code}/", {"day": HEARING_DAY.isoformat()})
    for response in (found, day):
        text = text_of(response.content.decode())
        assert WORDS[language] in text
        assert not MASCULINE.search(text)


@pytest.mark.parametrize("language", ["es", "pt", "fr"])
def test_the_rule_packs_name_the_role_in_neutral_words(language):
    for pack in ("intl", "cr", "br", "cl", "co"):
        assert load_pack(pack).roles["accused"][language] == WORDS[language]
