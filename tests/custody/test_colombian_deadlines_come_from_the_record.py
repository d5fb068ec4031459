"""In a Colombian court, the deadlines of the Colombian pack are computed from what is
recorded: judicial control of a capture within 36 hours (Constitución art. 28), in place
of the baseline's 48 for adults and beside the juvenile benchmark of 24; a custodial
precautionary measure lasts one year at most, extended once on a listed ground, never
past two (Ley 906 art. 307 par. 1; a second extension is refused:
test_a_second_extension_in_colombia_is_refused.py); and a habeas corpus petition is
decided within 36 hours (Ley 1095 de 2006)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from expediente.docket.errors import InvalidInput
from expediente.docket.models import Court, Event, Jurisdiction
from expediente.docket.services import case_open
from expediente.petitions.services import petition_decide, petition_file
from tests.custody.conftest import deadlines_of

BOG = ZoneInfo("America/Bogota")
PERSON = {"given_names": "Valentina", "family_names": "Gómez", "sex": "female"}
EXTENSION = {
    "granted_by": "Juzgado Penal de Control de Garantías",
    "ground": "three_or_more_accused",
    "requested_by": "prosecutor",
}


def bog(year, month, day, hour=10, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=BOG)


@pytest.fixture
def co_court(db):
    country = Jurisdiction.objects.create(code="co", name="Colombia", rule_pack="co")
    return Court.objects.create(
        jurisdiction=country,
        code="bog-garantias",
        name="Juzgado Penal de Control de Garantías de Bogotá",
        office_code="0011",
        timezone="America/Bogota",
        rule_pack="co",
    )


def open_co(court, clerk, record, procedure="adult"):
    opened = bog(2024, 1, 8)
    case = case_open(court=court, actor=clerk, procedure=procedure, occurred_at=opened).event.case
    added = opened + dt.timedelta(minutes=5)
    record(case, "participant.added", {"role": "accused", "person": PERSON}, occurred_at=added)
    return case


def test_an_adult_is_due_before_the_judge_36_hours_after_the_arrest(co_court, clerk, record):
    case = open_co(co_court, clerk, record)
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=bog(2025, 3, 1, 22))
    [due] = deadlines_of(case)
    assert due.rule_id == "co.judicial_control"
    assert due.due_at == bog(2025, 3, 3, 10)
    assert due.law == {"text": "Constitución Política", "article": "28", "flag": "V"}
    assert deadlines_of(case, "intl.presentation_to_judge.adult") == []


def test_a_juvenile_has_the_law_s_36_hours_and_the_benchmark_s_24(co_court, clerk, record):
    case = open_co(co_court, clerk, record, procedure="juvenile")
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=bog(2025, 3, 1, 22))
    due = {d.rule_id: d.due_at for d in deadlines_of(case)}
    assert due == {
        "intl.presentation_to_judge.juvenile": bog(2025, 3, 2, 22),
        "co.judicial_control": bog(2025, 3, 3, 10),
    }


def test_the_control_hearing_meets_it_and_a_measure_alone_does_not(
    co_court, clerk, record, custody
):
    heard = open_co(co_court, clerk, record)
    custody(heard, "arrested", bog(2025, 3, 1, 22))
    custody(heard, "hearing_held", bog(2025, 3, 2, 15))
    [met] = deadlines_of(heard, "co.judicial_control")
    assert (met.open, met.satisfied_at) == (False, bog(2025, 3, 2, 15))

    ordered = open_co(co_court, clerk, record)
    custody(ordered, "arrested", bog(2025, 3, 1, 22))
    custody(ordered, "pretrial_ordered", bog(2025, 3, 2, 15))
    [still] = deadlines_of(ordered, "co.judicial_control")
    assert still.open


def test_a_custodial_measure_lasts_a_year_and_one_extension_never_past_two(
    co_court, clerk, record, custody
):
    case = open_co(co_court, clerk, record)
    custody(case, "arrested", bog(2024, 3, 1, 22))
    custody(case, "pretrial_ordered", bog(2024, 3, 2, 15), until="2025-03-02")
    [maximum] = deadlines_of(case, "co.custodial_measure_maximum")
    assert maximum.due_on == dt.date(2025, 3, 2)
    assert (maximum.effect, maximum.law["article"], maximum.law["flag"]) == (
        "legal_consequence",
        "307 parágrafo 1",
        "V",
    )
    # extended on a listed ground to a date within the second year: moved there
    custody(case, "pretrial_extended", bog(2025, 2, 1), until="2025-12-31", **EXTENSION)
    [maximum] = deadlines_of(case, "co.custodial_measure_maximum")
    assert maximum.due_on == dt.date(2025, 12, 31)


def test_an_extension_past_two_years_is_capped_at_two_years(co_court, clerk, record, custody):
    case = open_co(co_court, clerk, record)
    custody(case, "arrested", bog(2024, 3, 1, 22))
    custody(case, "pretrial_ordered", bog(2024, 3, 2, 15), until="2025-03-02")
    custody(case, "pretrial_extended", bog(2025, 2, 1), until="2026-12-31", **EXTENSION)
    [maximum] = deadlines_of(case, "co.custodial_measure_maximum")
    assert maximum.due_on == dt.date(2026, 3, 2)


def test_an_extension_without_its_ground_is_refused_and_changes_nothing(
    co_court, clerk, record, custody
):
    case = open_co(co_court, clerk, record)
    custody(case, "arrested", bog(2025, 3, 1, 22))
    custody(case, "pretrial_ordered", bog(2025, 3, 2, 15), until="2026-03-02")
    before = Event.objects.filter(case=case).count()
    no_ground = {k: v for k, v in EXTENSION.items() if k != "ground"}
    with pytest.raises(InvalidInput) as refused:
        custody(case, "pretrial_extended", bog(2026, 2, 1), until="2026-12-31", **no_ground)
    assert [e["field"] for e in refused.value.errors] == ["payload.ground"]
    with pytest.raises(InvalidInput) as refused:
        custody(
            case,
            "pretrial_extended",
            bog(2026, 2, 1),
            until="2026-12-31",
            **(EXTENSION | {"ground": "overcrowding"}),
        )
    assert [e["field"] for e in refused.value.errors] == ["payload.ground"]
    assert Event.objects.filter(case=case).count() == before
    [maximum] = deadlines_of(case, "co.custodial_measure_maximum")
    assert maximum.due_on == dt.date(2026, 3, 2)


def test_a_habeas_corpus_petition_is_decided_within_36_hours(co_court, clerk, record, custody):
    case = open_co(co_court, clerk, record)
    custody(case, "arrested", bog(2025, 3, 1, 22))
    filed = petition_file(
        case=case,
        actor=clerk,
        occurred_at=bog(2025, 3, 2, 9),
        petitioner="P1",
        kind="habeas_corpus",
        text="La captura fue ilegal: pido que se decida su legalidad.",
        filed_via="clerk",
        received_from="Andrés Gómez, hermano",
    )
    answers = {d.rule_id: d for d in deadlines_of(case) if d.start_type == "petition.filed"}
    assert answers["co.habeas_corpus_decision"].due_at == bog(2025, 3, 3, 21)
    assert answers["co.habeas_corpus_decision"].law["text"] == "Ley 1095 de 2006 (hábeas corpus)"
    # the law's 36 hours replace the court's own 24-hour target for a habeas corpus
    assert set(answers) == {"co.habeas_corpus_decision"}
    petition_decide(
        case=case,
        petition=filed.event.seq,
        outcome="denied",
        reasons="La captura se hizo en flagrancia.",
        actor=clerk,
        occurred_at=bog(2025, 3, 3, 12),
    )
    [decided] = deadlines_of(case, "co.habeas_corpus_decision")
    assert (decided.open, decided.satisfied_at) == (False, bog(2025, 3, 3, 12))


def test_a_review_petition_has_no_habeas_corpus_term(co_court, clerk, record, custody):
    case = open_co(co_court, clerk, record)
    custody(case, "arrested", bog(2025, 3, 1, 22))
    custody(case, "pretrial_ordered", bog(2025, 3, 2, 15), until="2026-03-02")
    petition_file(
        case=case,
        actor=clerk,
        occurred_at=bog(2025, 4, 2, 9),
        petitioner="P1",
        kind="detention_review",
        text="Pido que se revise la medida.",
        filed_via="clerk",
        received_from="Andrés Gómez, hermano",
    )
    answers = {d.rule_id for d in deadlines_of(case) if d.start_type == "petition.filed"}
    assert answers == {"intl.petition_answer"}


@pytest.mark.parametrize(
    ("outcome", "hours", "late"), [("referred", 3, False), ("answered", 40, True)]
)
def test_a_habeas_corpus_sent_elsewhere_or_merely_answered_ends_the_term_unmet(
    co_court, clerk, record, custody, outcome, hours, late
):
    """The 36 hours are for ruling on the person's liberty: a decision that only sends
    the petition to another authority, or answers it without ruling, does not meet the
    term. A petition is decided once, so that decision ends it, unmet (stopped): late,
    and on the list of what the court missed, when it came after the 36 hours."""
    case = open_co(co_court, clerk, record)
    custody(case, "arrested", bog(2025, 3, 1, 22))
    filed = petition_file(
        case=case,
        actor=clerk,
        occurred_at=bog(2025, 3, 2, 9),
        petitioner="P1",
        kind="habeas_corpus",
        text="La captura fue ilegal: pido que se decida su legalidad.",
        filed_via="clerk",
        received_from="Andrés Gómez, hermano",
    )
    petition_decide(
        case=case,
        petition=filed.event.seq,
        outcome=outcome,
        reasons="Se remite al juzgado competente.",
        actor=clerk,
        occurred_at=bog(2025, 3, 2, 9) + dt.timedelta(hours=hours),
    )
    [term] = deadlines_of(case, "co.habeas_corpus_decision")
    assert not term.open
    assert term.satisfied_at is None  # not met
    assert (term.missed_at is not None) is late
    # no court's target runs beside the law's term: the law's replaces it
    assert not deadlines_of(case, "intl.petition_answer.habeas_corpus")
