"""A Brazilian judge reading a Brazilian case in Portuguese reads the stage explained in
Portuguese (the pack's own words; it showed "La fiscalía presentó la acusación…") and the
detention clock in Portuguese; a judge reading in French reads the clock in French, not a
Spanish label and an English sentence."""

from __future__ import annotations

import datetime as dt
import re

from expediente.docket.models import Court, Jurisdiction
from expediente.docket.services import case_open
from tests.conftest import NOW
from tests.court.pages.conftest import case_url, signed_in, staff
from tests.portal.conftest import text_of


def clock(html: str) -> list[str]:
    """Each line of the detention clock: the deadline's label, and its sentence."""
    section = re.search(r'<section class="panel clock".*?</section>', html, re.S)
    assert section, "no detention clock on the page"
    items = re.findall(r'<li class="deadline[^"]*">(.*?)</li>', section.group(0), re.S)
    return [text_of(item) for item in items]


def before(days: float, hour: int = 10) -> dt.datetime:
    return (NOW - dt.timedelta(days=days)).replace(hour=hour, minute=0)


def test_a_brazilian_judge_reads_the_case_in_portuguese(clerk, record):
    country = Jurisdiction.objects.create(code="br", name="Brasil", rule_pack="br")
    court = Court.objects.create(
        jurisdiction=country,
        code="sp-criminal",
        name="Vara Criminal de São Paulo",
        office_code="26.0050",
        timezone="America/Sao_Paulo",
        rule_pack="br",
    )
    case = case_open(court=court, actor=clerk, procedure="adult", occurred_at=before(30)).event.case
    person = {"given_names": "João", "family_names": "da Silva", "sex": "male"}
    record(case, "participant.added", {"role": "accused", "person": person}, occurred_at=before(29))
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=before(20, 8))
    record(
        case,
        "custody.pretrial_ordered",
        {"person": "P1", "until": "2027-12-31", "grounds": "Garantia da ordem pública"},
        occurred_at=before(19, 11),
    )
    record(case, "indictment.filed", {"accused": "P1"}, occurred_at=before(10))
    staff("juiza", court, "judge", "Helena Costa")
    client = signed_in("juiza")

    html = client.get(case_url(case), HTTP_ACCEPT_LANGUAGE="pt").content.decode()
    assert "O Ministério Público ofereceu a denúncia." in html
    assert "La fiscalía" not in html
    assert "The prosecution" not in html
    (review,) = [line for line in clock(html) if line.startswith("Revisão da prisão preventiva")]
    assert "Revisão da prisão preventiva vence em " in review
    assert "art. 316, parágrafo único, 90 dias a partir de “Prisão preventiva decretada”" in review
    for foreign in ("Revisión", "Review of", " due ", "days from", "sole paragraph"):
        assert foreign not in review, foreign


def test_a_judge_reads_the_clock_in_french(judge_client, accused_case, record):
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=before(20, 8))
    record(
        accused_case,
        "custody.pretrial_ordered",
        {"person": "P1", "until": "2027-12-31", "grounds": "Peligro de fuga"},
        occurred_at=before(19, 11),
    )
    html = judge_client.get(case_url(accused_case), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    lines = clock(html)
    (review,) = [line for line in lines if line.startswith("Réexamen de la détention provisoire")]
    assert "Réexamen de la détention provisoire arrive à échéance le " in review
    assert "3 mois à compter de « Détention provisoire ordonnée » du " in review
    (maximum,) = [line for line in lines if line.startswith("Durée maximale")]
    assert "la limite de la peine encourue (son minimum) n'est pas calculée" in maximum
    for line in lines:
        for foreign in ("Revisión", "Plazo", "Review of", "Maximum term", " due ", "vence el"):
            assert foreign not in line, (foreign, line)
