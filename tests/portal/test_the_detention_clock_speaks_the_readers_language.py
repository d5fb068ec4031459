"""A detained man's family follows his case in Portuguese or in French: the detention
clock's review, order and maximum read wholly in their language, the pack's plain words
and the engine's alike. Before, they read "Revisión de la prisión
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
from tests.conftest import order_term
from tests.portal.conftest import make_clerk, text_of

SP = ZoneInfo("America/Sao_Paulo")


def sign_in(case: Any, code: str, **headers: str) -> Client:
    client = Client(**headers)
    response = client.post("/follow/", {"case_number": case.nuid, "code": code})
    assert response.status_code == 302, "the code did not open the case"
    return client


def clock_lines(client: Client) -> tuple[str, list[str], str]:
    """The case page's text, the detention clock's deadlines (each its plain heading, the
    date first, then why) and the line citing their sources, as the family reads them."""
    response = client.get("/follow/case/")
    assert response.status_code == 200
    body = response.content.decode()
    lines = [
        f"{text_of(head)} {text_of(why)}"
        for head, why in re.findall(
            r'<p class="review"><strong>(.*?)</strong>.*?</p>\s*<p class="hint why">(.*?)</p>',
            body,
            re.S,
        )
    ]
    sources = re.findall(r'<p class="hint law">(.*?)</p>', body, re.S)
    return text_of(body), lines, text_of(sources[0]) if sources else ""


SPANISH = ("Revisión de la prisión preventiva", "Plazo máximo", "vence el", "meses desde «")
ENGLISH = ("Review of pretrial detention", "Maximum term", " due ", "months from “")


def test_the_family_reads_the_clock_in_portuguese(detained_case, issue):
    client = sign_in(detained_case, issue(detained_case, "P1"), HTTP_ACCEPT_LANGUAGE="pt-BR,pt")
    # soonest first: the maximum (a year) before the order's own last day (order_term)
    text, (review, maximum, order), sources = clock_lines(client)
    due = Deadline.objects.get(case=detained_case, rule_id="cr.pretrial_review", open=True)
    assert review.startswith("O tribunal deve revisar a prisão preventiva até ")
    assert (
        f" de {due.due_on.year}. Prazo: 3 meses a partir de “Prisão preventiva decretada”, em "
        in review
    )
    # the last day the order itself states (CPP art. 243(e)): the QA pass found it missing
    year = order_term().year
    assert order.startswith(
        f"A ordem de prisão preventiva fixa seu vencimento em 31 de dezembro de {year}."
    )
    assert "É o dia fixado por “Prisão preventiva decretada”, em " in order
    assert maximum.startswith("A prisão preventiva não pode passar de ")
    assert "A data pode ser anterior: a lei também limita este prazo pela pena do crime" in maximum
    assert sources == (
        "Onde a lei diz isso: Código Procesal Penal (Ley 7594) art. 253; art. 243(e); "
        "art. 257(b)(c), 258"
    )
    for line in (review, order, maximum, sources):
        for foreign in SPANISH + ENGLISH:
            assert foreign not in line, (foreign, line)
    assert "O Ministério Público investiga os fatos." in text  # the pack's own Portuguese
    assert "El Ministerio Público" not in text


def test_the_family_reads_the_clock_in_french_they_chose(detained_case, issue):
    client = sign_in(detained_case, issue(detained_case, "P1"), HTTP_ACCEPT_LANGUAGE="es")
    chosen = client.post("/language/", {"language": "fr", "next": "/follow/case/"})
    assert chosen.status_code == 302
    # soonest first: the maximum (a year) before the order's own last day (order_term)
    text, (review, maximum, order), sources = clock_lines(client)
    assert "Le ministère public enquête sur les faits." in text  # the pack's own French
    assert "El Ministerio Público" not in text
    assert review.startswith("Le tribunal doit réexaminer la détention provisoire au plus tard le ")
    assert (
        "Délai\u00a0: 3 mois à compter de «\u00a0Détention provisoire ordonnée\u00a0» du " in review
    )
    assert maximum.startswith("La détention provisoire ne peut pas dépasser le ")
    assert "La date peut être plus proche\u00a0: la loi limite aussi ce délai" in maximum
    assert order.startswith(
        f"L'ordonnance de détention provisoire fixe son terme au 31 décembre {order_term().year}."
    )
    assert sources.startswith("Où la loi le dit\u00a0: Código Procesal Penal (Ley 7594) art. 253")
    for line in (review, order, maximum, sources):
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
        {**p1, "until": order_term().isoformat(), "grounds": "Garantia da ordem pública"},
        occurred_at=sp(19, 11),
    )
    case.refresh_from_db()
    _, code = code_issue(case=case, participant="P1", actor=make_clerk(court), language="pt")
    return case, code


def test_a_brazilian_family_reads_the_brazilian_rule_in_portuguese(brazilian_case):
    # the /follow/ form refused the CNJ number (its dots): no Brazilian family could sign in
    case, code = brazilian_case
    text, (review,), sources = clock_lines(sign_in(case, code, HTTP_ACCEPT_LANGUAGE="pt-BR"))
    assert review.startswith(
        "O juízo deve revisar a necessidade de manter a prisão preventiva até "
    )
    assert "Prazo: 90 dias a partir de “Prisão preventiva decretada”, em " in review
    assert sources.startswith("Onde a lei diz isso: Código de Processo Penal")
    assert sources.endswith("art. 316, parágrafo único")
    for foreign in SPANISH + ENGLISH + ("sole paragraph", "Review of preventive detention"):
        assert foreign not in review + sources, foreign
    assert "O Ministério Público investiga os fatos." in text  # the pack's own Portuguese
    assert "La fiscalía" not in text
