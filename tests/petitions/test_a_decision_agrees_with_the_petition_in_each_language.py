"""A family reads the court's answer to their petition in their language and in plain
words ("O tribunal concedeu parte do que você pediu", not "Decidida: deferida em parte"); where
the outcome's label is still shown (another participant's petition on the timeline) it
agrees with the petition: Portuguese "petição", Spanish "solicitud" and French "requête"
are feminine (QA read "Decidido: deferido em parte"). Dates read as each language
writes them (months in lower case in Portuguese, as in Spanish: "15 de dezembro de
2026", QA read "Dezembro"), and the phone hint gives no other country's number (a
Brazilian court showed a Costa Rican example)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.portal.conftest import text_of

DECIDED = {
    "pt": "O tribunal concedeu parte do que você pediu, não tudo.",
    "es": "El tribunal concedió una parte de lo que usted pidió, no todo.",
    "fr": "Le tribunal a accordé une partie de ce que vous avez demandé, pas tout.",
}


@pytest.mark.parametrize("language", ["pt", "es", "fr"])
def test_the_answer_agrees_with_the_petition(detained_case, issue, file, decide, language):  # type: ignore[no-untyped-def]
    filed = file(detained_case, ago=20)
    decide(detained_case, petition=filed.event.seq, ago=2, outcome="partly_granted")
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    code = issue(detained_case, "P1")
    assert (
        client.post("/follow/", {"case_number": detained_case.nuid, "code": code}).status_code
        == 302
    )
    text = text_of(client.get("/follow/case/").content.decode())
    assert DECIDED[language] in text
    assert text.count(DECIDED[language]) == 2  # her list of petitions and the timeline
    if language == "pt":
        assert "deferido" not in text.lower()
        # the victim reads the outcome of his petition by its label, agreeing with it
        victim = Client(HTTP_ACCEPT_LANGUAGE=language)
        victim.post(
            "/follow/", {"case_number": detained_case.nuid, "code": issue(detained_case, "P2")}
        )
        theirs = text_of(victim.get("/follow/case/").content.decode())
        assert "Resultado: deferida em parte" in theirs
        assert DECIDED[language] not in theirs


@pytest.mark.parametrize("language", ["pt", "es", "fr", "en"])
def test_the_phone_hint_names_no_countrys_number(detained_case, issue, language):  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    code = issue(detained_case, "P1")
    client.post("/follow/", {"case_number": detained_case.nuid, "code": code})
    assert "+506" not in client.get("/follow/case/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "day"),
    [
        ("pt", "15 de dezembro de 2026"),
        ("es", "15 de diciembre de 2026"),
        ("fr", "15 décembre 2026"),
    ],
)
def test_months_are_written_in_lower_case(court, language, day):  # type: ignore[no-untyped-def]
    response = Client(HTTP_ACCEPT_LANGUAGE=language).get(
        f"/public/calendar/{court.code}/", {"day": "2026-12-15"}
    )
    assert day in text_of(response.content.decode())
