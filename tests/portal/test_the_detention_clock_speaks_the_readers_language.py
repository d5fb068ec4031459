"""A detained man's family follows his case in Portuguese or in French: the detention
clock's review and maximum read wholly in their language, the deadline's label from the
pack and the engine's sentence alike. Before, they read "Revisión de la prisión
preventiva — … Review of pretrial detention due …": a Spanish label and an English
sentence. A Brazilian family reads the Brazilian rule in Portuguese, with the stage
explained in the pack's Portuguese, not its Spanish."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from expediente.access.participant_codes import code_issue
from expediente.custody.models import Deadline
from expediente.docket.models import Court, Jurisdiction
from expediente.docket.services import case_open
from tests.portal.conftest import make_clerk, text_of

SP = ZoneInfo("America/Sao_Paulo")


def sign_in(case: Any, code: str, **headers: str) -> Client:
    client = Client(**headers)
    response = client.post("/follow/", {"case_number": case.nuid, "code": code})
    assert response.status_code == 302, "the code did not open the case"
    return client


def clock_lines(client: Client) -> tuple[str, list[str]]:
    """The case page's text, and the detention clock's deadline lines (label — law.
    sentence) as the family reads them."""
    response = client.get("/follow/case/")
    assert response.status_code == 200
    body = response.content.decode()
    lines = [
        text_of(p)
        for p in re.findall(r'<p class="hint">(.*?)</p>', body, re.S)
        if " — " in text_of(p)
    ]
    return text_of(body), lines


SPANISH = ("Revisión de la prisión preventiva", "Plazo máximo", "vence el", "meses desde «")
ENGLISH = ("Review of pretrial detention", "Maximum term", " due ", "months from “")


def test_the_family_reads_the_clock_in_portuguese(detained_case, issue):
    client = sign_in(detained_case, issue(detained_case, "P1"), HTTP_ACCEPT_LANGUAGE="pt-BR,pt")
    # soonest first: the maximum (a year) before the order's own last day (2027-12-31)
    text, (review, maximum, order) = clock_lines(client)
    due = Deadline.objects.get(case=detained_case, rule_id="cr.pretrial_review", open=True)
    assert review.startswith("Revisão da prisão preventiva — Código Procesal Penal (Ley 7594) ")
    assert "Revisão da prisão preventiva vence em " in review
    assert f" de {due.due_on.year}: " in review
    assert "3 meses a partir de “Prisão preventiva decretada”, em " in review
    assert maximum.startswith("Prazo máximo da prisão preventiva — ")
    assert "o limite da pena cominada (seu mínimo) não foi calculado" in maximum
    # the last day the order itself states (CPP art. 243(e)): the QA pass found it missing
    assert "A ordem de prisão vence em 31 de dezembro de 2027" in text.replace("Dez", "dez")
    assert order.startswith("Termo fixado na ordem de prisão preventiva — ")
    assert "art. 243(e), o dia fixado por “Prisão preventiva decretada”, em " in order
    for line in (review, order, maximum):
        for foreign in SPANISH + ENGLISH:
            assert foreign not in line, (foreign, line)
    assert "O Ministério Público investiga os fatos." in text  # the pack's own Portuguese
    assert "El Ministerio Público" not in text


def test_the_family_reads_the_clock_in_french_they_chose(detained_case, issue):
    client = sign_in(detained_case, issue(detained_case, "P1"), HTTP_ACCEPT_LANGUAGE="es")
    chosen = client.post("/language/", {"language": "fr", "next": "/follow/case/"})
    assert chosen.status_code == 302
    # soonest first: the maximum (a year) before the order's own last day (2027-12-31)
    text, (review, maximum, order) = clock_lines(client)
    assert "Le ministère public enquête sur les faits." in text  # the pack's own French
    assert "El Ministerio Público" not in text
    assert review.startswith("Réexamen de la détention provisoire — Código Procesal Penal")
    assert "Réexamen de la détention provisoire arrive à échéance le " in review
    assert "3 mois à compter de « Détention provisoire ordonnée » du " in review
    assert maximum.startswith("Durée maximale de la détention provisoire — ")
    assert "la limite de la peine encourue (son minimum) n'est pas calculée" in maximum
    assert "L'ordonnance de détention expire le 31 décembre 2027" in text.replace("Déc", "déc")
    assert order.startswith("Terme fixé par l'ordonnance de détention provisoire — ")
    for line in (review, order, maximum):
        for foreign in SPANISH + ENGLISH:
            assert foreign not in line, (foreign, line)


# -- a Brazilian court


def sp(days: int, hour: int = 10) -> dt.datetime:
    day = (timezone.now() - dt.timedelta(days=days)).astimezone(SP).date()
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=SP)


@pytest.fixture
def brazilian_case(db, clerk, record):  # type: ignore[no-untyped-def]
    country = Jurisdiction.objects.create(code="br", name="Brasil", rule_pack="br")
    court = Court.objects.create(
        jurisdiction=country,
        code="sp-criminal",
        name="Vara Criminal de São Paulo",
        office_code="26.0050",
        timezone="America/Sao_Paulo",
        rule_pack="br",
    )
    case = case_open(court=court, actor=clerk, procedure="adult", occurred_at=sp(40)).event.case
    person = {"given_names": "João", "family_names": "da Silva", "sex": "male"}
    record(case, "participant.added", {"role": "accused", "person": person}, occurred_at=sp(39))
    p1 = {"person": "P1"}
    record(case, "custody.arrested", p1, occurred_at=sp(20, 8))
    record(case, "custody.flagrant_notified", p1, occurred_at=sp(20, 12))
    record(
        case,
        "custody.hearing_held",
        {**p1, "outcome": "pretrial_detention"},
        occurred_at=sp(19, 10),
    )
    record(
        case,
        "custody.pretrial_ordered",
        {**p1, "until": "2027-12-31", "grounds": "Garantia da ordem pública"},
        occurred_at=sp(19, 11),
    )
    case.refresh_from_db()
    _, code = code_issue(case=case, participant="P1", actor=make_clerk(court), language="pt")
    return case, code


def test_a_brazilian_family_reads_the_brazilian_rule_in_portuguese(brazilian_case):
    # the /follow/ form refused the CNJ number (its dots): no Brazilian family could sign in
    case, code = brazilian_case
    text, (review,) = clock_lines(sign_in(case, code, HTTP_ACCEPT_LANGUAGE="pt-BR"))
    assert review.startswith("Revisão da prisão preventiva — Código de Processo Penal")
    assert "art. 316, parágrafo único" in review
    assert "Revisão da prisão preventiva vence em " in review
    assert "90 dias a partir de “Prisão preventiva decretada”, em " in review
    for foreign in SPANISH + ENGLISH + ("sole paragraph", "Review of preventive detention"):
        assert foreign not in review, foreign
    assert "O Ministério Público investiga os fatos." in text  # the pack's own Portuguese
    assert "La fiscalía" not in text
