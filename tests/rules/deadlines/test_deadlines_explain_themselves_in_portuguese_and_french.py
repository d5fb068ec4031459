"""``explain("pt")`` and ``explain("fr")`` write the whole sentence in Portuguese or
French: the pack's label in that language, its own words for "due", "from", the units
and their plurals, the months, the first of the month ("1º", "1er"), and Portuguese's
"da pena" / "pela idade". No Spanish label before an English sentence, as the detention
clock showed families in Portugal's and France's languages before. A language the module
does not write (German, …) gets the whole sentence in English."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from expediente.rules.calendars import calendar_for
from expediente.rules.deadline_text import LANGUAGES, language
from expediente.rules.deadlines import Fact, Penalty, compute, event_labels
from expediente.rules.loader import load_pack
from expediente.rules.schema import Duration
from tests.rules.deadlines.helpers import (
    CR,
    PROPERTY,
    cr_at,
    cr_rule,
    make_rule,
    moments,
    only,
    run,
)

LABELS = event_labels(load_pack("cr"))
BRAZIL = load_pack("br")
SP = ZoneInfo("America/Sao_Paulo")


def test_the_review_of_pretrial_detention_in_portuguese_and_french():
    d = only(
        run(
            cr_rule("cr.pretrial_review"),
            Fact(1, "custody.pretrial_ordered", cr_at(2026, 11, 1, 9)),
        )
    )
    assert d.explain("pt", LABELS) == (
        "Revisão da prisão preventiva vence em 1º de fevereiro de 2027: Código Procesal Penal "
        "(Ley 7594) art. 253, 3 meses a partir de “Prisão preventiva decretada”, em 1º de "
        "novembro de 2026."
    )
    assert d.explain("fr", LABELS) == (
        "Réexamen de la détention provisoire arrive à échéance le 1er février 2027 : Código "
        "Procesal Penal (Ley 7594) art. 253, 3 mois à compter de « Détention provisoire "
        "ordonnée » du 1er novembre 2026."
    )


def test_a_brazilian_review_reads_in_portuguese_from_the_citation_on():
    rule = next(r for r in BRAZIL.deadlines if r.id == "br.preventive_detention_review")
    order = Fact(1, "custody.pretrial_ordered", dt.datetime(2026, 11, 3, 14, tzinfo=SP))
    d = only(compute(rule, [order], calendar=calendar_for(BRAZIL), subject="p", pack_version="t"))
    assert d.explain("pt", event_labels(BRAZIL)) == (
        "Revisão da prisão preventiva vence em 1º de fevereiro de 2027: Código de Processo "
        "Penal (Decreto-Lei 3.689/1941, Lei 13.964/2019) art. 316, parágrafo único, 90 dias "
        "a partir de “Prisão preventiva decretada”, em 3 de novembro de 2026."
    )


def test_a_regional_variant_is_its_language():
    assert language("pt-BR") == "pt"
    assert language("fr_CA") == "fr"
    assert language("es-CR") == "es"
    assert language("de") == "en"
    assert language(None) == "en"


def test_portuguese_joins_de_and_por_with_the_article():
    order = Fact(2, "custody.pretrial_ordered", cr_at(2027, 1, 1, 10))
    charge = Fact(1, "charge.filed", cr_at(2026, 12, 1), penalty=Penalty(12, 36))
    half = make_rule(
        starts="custody.pretrial_ordered", duration={"penalty": "possible_max", "fraction": 0.5}
    )
    d = only(run(half, charge, order))
    assert "1/2 da pena máxima cominada (36 meses) a partir de" in d.explain("pt", LABELS)
    assert "1/2 de la peine maximale encourue (36 mois) à compter de" in d.explain("fr", LABELS)

    capped = make_rule(
        starts="custody.sentence_started", duration={"years": 3}, also_ends_at={"age": 21}
    )
    start = Fact(1, "custody.sentence_started", cr_at(2027, 1, 10, 10))
    d = only(
        compute(
            capped, [start], calendar=CR, subject="p", pack_version="t", born=dt.date(2008, 5, 1)
        )
    )
    assert d.explain("pt", LABELS) == (
        "test.rule vence em 30 de abril de 2029: Test law art. 1, 3 anos a partir de “Início "
        "do cumprimento da pena”, em 10 de janeiro de 2027; limitado pela idade de 21 anos "
        "(data de nascimento: 1º de maio de 2008)."
    )
    assert d.explain("fr", LABELS) == (
        "test.rule arrive à échéance le 30 avril 2029 : Test law art. 1, 3 ans à compter de "
        "« Début de l'exécution de la peine » du 10 janvier 2027 ; limité par l'âge de 21 ans "
        "(date de naissance : 1er mai 2008)."
    )


def test_time_not_counted_and_added_time_in_portuguese_and_french():
    rule = make_rule(
        duration={"working_days": 5},
        counting="working",
        extended_by=["custody.pretrial_extended"],
        suspended_by=["hearing.not_held"],
        resumed_by=["hearing.held"],
    )
    d = only(
        run(
            rule,
            Fact(1, "custody.arrested", cr_at(2026, 3, 2, 9)),
            Fact(2, "hearing.not_held", cr_at(2026, 3, 3, 9)),
            Fact(3, "hearing.held", cr_at(2026, 3, 5, 9)),
            Fact(
                4, "custody.pretrial_extended", cr_at(2026, 3, 6, 9), adds=Duration(working_days=1)
            ),
        )
    )
    assert d.explain("pt", LABELS) == (
        "test.rule vence em 12 de março de 2026: Test law art. 1, 5 dias úteis a partir de "
        "“Prisão”, em 2 de março de 2026; acrescido de 1 dia útil por “Prisão preventiva "
        "prorrogada”, em 6 de março de 2026; tempo não contado de 3 de março de 2026 a 5 de "
        "março de 2026."
    )
    assert d.explain("fr", LABELS) == (
        "test.rule arrive à échéance le 12 mars 2026 : Test law art. 1, 5 jours ouvrables à "
        "compter de « Arrestation » du 2 mars 2026 ; prolongé de 1 jour ouvrable par "
        "« Détention provisoire prolongée » du 6 mars 2026 ; temps non décompté du 3 mars "
        "2026 au 5 mars 2026."
    )


def test_hours_and_the_meeting_of_a_deadline_in_portuguese_and_french():
    d = only(
        run(
            cr_rule("cr.presentation_to_judge"),
            Fact(1, "custody.arrested", cr_at(2026, 3, 31, 1, 45)),
            Fact(2, "custody.placed_before_judge", cr_at(2026, 3, 31, 14, 0)),
        )
    )
    assert d.explain("pt", LABELS) == (
        "Apresentação da pessoa presa à autoridade judicial vence em 1º de abril de 2026 à 01:45: "
        "Constitución Política art. 37, 24 horas a partir de “Prisão”, em 31 de março de 2026 à "
        "01:45; cumprido com “Apresentação à autoridade judicial” em 31 de março de 2026 às "
        "14:00."
    )
    assert d.explain("fr", LABELS) == (
        "Présentation de la personne détenue à l'autorité judiciaire arrive à échéance le "
        "1er avril 2026 à 01:45 : Constitución Política art. 37, 24 heures à compter de "
        "« Arrestation » du 31 mars 2026 à 01:45 ; respecté par « Présentation à l'autorité "
        "judiciaire » le 31 mars 2026 à 14:00."
    )


# -- properties: any count of any unit, from any moment

# Written out here, apart from the module: each language's words for the units, the months,
# how it says "from" and "due", and its plural rule.
FORMS = {
    "pt": {
        "hours": ("hora", "horas"),
        "days": ("dia", "dias"),
        "working_days": ("dia útil", "dias úteis"),
        "months": ("mês", "meses"),
        "years": ("ano", "anos"),
    },
    "fr": {
        "hours": ("heure", "heures"),
        "days": ("jour", "jours"),
        "working_days": ("jour ouvrable", "jours ouvrables"),
        "months": ("mois", "mois"),
        "years": ("an", "ans"),
    },
}
MONTHS = {
    "pt": (
        *("janeiro", "fevereiro", "março", "abril", "maio", "junho"),
        *("julho", "agosto", "setembro", "outubro", "novembro", "dezembro"),
    ),
    "fr": (
        *("janvier", "février", "mars", "avril", "mai", "juin"),
        *("juillet", "août", "septembre", "octobre", "novembre", "décembre"),
    ),
}
FROM = {"pt": "a partir de “", "fr": "à compter de « "}
DUE = {"pt": " vence em ", "fr": " arrive à échéance le "}
LABEL = {
    "es": "Plazo de prueba",
    "en": "Test deadline",
    "pt": "Prazo de teste",
    "fr": "Délai d'essai",
}
# what only another language's sentence says
FOREIGN = {
    "pt": ("Test deadline", "Plazo de prueba", " due ", " from “", "vence el", "desde «"),
    "fr": ("Test deadline", "Plazo de prueba", " due ", " from “", "vence el", "desde «"),
}
AMOUNTS = {  # up to what a court counts, and cheap to compute on a working calendar
    "hours": st.integers(1, 200),
    "days": st.integers(1, 400),
    "working_days": st.integers(1, 60),
    "months": st.integers(1, 60),
    "years": st.integers(1, 5),
}


def _singular(lang: str, n: int) -> bool:
    return n < 2 if lang == "fr" else n == 1


def _day(lang: str, day: dt.date) -> str:
    first = {"pt": "1º", "fr": "1er"}[lang]
    d = first if day.day == 1 else str(day.day)
    month = MONTHS[lang][day.month - 1]
    return f"{d} de {month} de {day.year}" if lang == "pt" else f"{d} {month} {day.year}"


@st.composite
def counts(draw: st.DrawFn) -> tuple[str, int]:
    unit = draw(st.sampled_from(sorted(AMOUNTS)))
    return unit, draw(AMOUNTS[unit])


@PROPERTY
@given(lang=st.sampled_from(["pt", "fr"]), count=counts(), start=moments())
def test_every_count_and_date_is_written_in_the_readers_language(lang, count, start):
    unit, n = count
    counting = {"hours": "continuous", "working_days": "working"}.get(unit, "calendar")
    rule = make_rule(label=LABEL, duration={unit: n}, counting=counting)
    d = only(run(rule, Fact(1, "custody.arrested", start)))
    text = d.explain(lang, LABELS)

    one, many = FORMS[lang][unit]
    form = one if _singular(lang, n) else many
    assert f", {n} {form} {FROM[lang]}" in text  # "1 jour à compter de", "2 dias a partir de"
    head = f"{LABEL[lang]}{DUE[lang]}"
    assert text.startswith(head)
    if counting != "continuous":  # a day-counted term names its last day
        assert text.startswith(f"{head}{_day(lang, d.due_on)}")
    local = start.astimezone(d.due_at.tzinfo).date()
    assert _day(lang, local) in text  # the starting day, written out
    for foreign in FOREIGN[lang]:
        assert foreign not in text, foreign
    assert (" : " in text) == (lang == "fr")  # French spaces its colon; Portuguese does not


OTHER_CODES = st.from_regex(r"[a-z]{2,3}(-[a-z]{2})?", fullmatch=True).filter(
    lambda code: code.split("-")[0] not in LANGUAGES
)


@PROPERTY
@given(code=OTHER_CODES, start=moments())
def test_a_language_not_written_here_gets_the_whole_sentence_in_english(code, start):
    rule = make_rule(label=LABEL, duration={"days": 10})
    d = only(run(rule, Fact(1, "custody.arrested", start)))
    assert d.explain(code, LABELS) == d.explain("en", LABELS)
    assert re.match(r"Test deadline due \d{1,2} [A-Z][a-z]+ \d{4}: ", d.explain(code, LABELS))
