"""The family of a detained man reads, beside his detention clock, what the court did
late in his case: a review held weeks after it was due, one never held (his release, or
his own request, ended its count), an order extended only after it had run out. It is
what they need to ask the court why, or to file a habeas corpus."""

from __future__ import annotations

from django.test import Client

from tests.custody.conftest import custody  # noqa: F401  (the fixture, shared)
from tests.custody.test_what_the_court_missed import held, held_until, on
from tests.portal.conftest import text_of


def case_page(case, code, lang="en") -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.post("/follow/", {"case_number": case.nuid, "code": code})
    return text_of(client.get("/follow/case/").content.decode()).replace("\xa0", " ")


def test_the_accused_reads_a_review_held_late_and_an_order_extended_late(
    open_case,
    record,
    custody,  # noqa: F811  (the imported fixture)
    issue,
):
    case = held_until(open_case, record, custody, on(2026, 6, 2, 11), "2026-08-01")
    custody(case, "pretrial_extended", on(2026, 9, 1), until="2026-12-31")
    custody(case, "pretrial_reviewed", on(2026, 9, 20))  # due by 2 September
    text = case_page(case, issue(case, "P1", language="en"))
    assert "What was not done in time:" in text
    assert (
        "Review of pretrial detention: due by 2 September 2026, done on 20 September 2026, "
        "2 weeks, 3 days late." in text
    )
    assert (
        "Term stated in the detention order: it ran out on 1 August 2026 and was only "
        "extended on 1 September 2026, 4 weeks, 2 days later." in text
    )
    assert "The defence or the court office can ask the court why." in text


def test_a_review_never_held_is_said_so_in_spanish(
    open_case,
    record,
    custody,  # noqa: F811  (the imported fixture)
    issue,
):
    case = held(open_case, record, custody, on(2026, 6, 2, 11))
    custody(case, "released", on(2026, 10, 1))
    text = case_page(case, issue(case, "P1", language="es"), lang="es")
    assert "Lo que no se hizo a tiempo:" in text
    assert "Revisión de la prisión preventiva" in text
    assert "nunca se hizo" in text


def test_nothing_late_says_nothing(
    open_case,
    record,
    custody,  # noqa: F811  (the imported fixture)
    issue,
):
    case = held(open_case, record, custody, on(2026, 6, 2, 11))
    custody(case, "pretrial_reviewed", on(2026, 9, 1))
    assert "What was not done in time" not in case_page(case, issue(case, "P1", language="en"))


def test_a_petition_answered_late_is_not_told_under_the_clock(
    open_case,
    record,
    custody,  # noqa: F811  (the imported fixture)
    issue,
    clerk,
):
    """Under the clock, only the custody deadlines: a petition's answer is on the
    petitions panel, for those who may read it (a reader who sees the clock need not
    learn that the person petitioned)."""
    from expediente.custody.models import Deadline
    from expediente.petitions.services import petition_decide, petition_file

    case = held(open_case, record, custody, on(2026, 6, 2, 11))
    custody(case, "pretrial_reviewed", on(2026, 9, 1))
    filed = petition_file(
        case=case,
        petitioner="P1",
        kind="habeas_corpus",
        text="Pido que se revise la legalidad de la detención.",
        filed_via="clerk",
        actor=clerk,
        occurred_at=on(2026, 9, 10),
    )
    petition_decide(
        case=case,
        petition=filed.event.seq,
        outcome="denied",
        reasons="La detención fue revisada.",
        actor=clerk,
        occurred_at=on(2026, 9, 20),
    )
    answer = Deadline.objects.get(case=case, rule_id="intl.petition_answer.habeas_corpus")
    assert answer.missed_at is not None  # answered ten days after, the target being 24 hours
    assert "What was not done in time" not in case_page(case, issue(case, "P1", language="en"))


def test_a_limit_counted_in_hours_is_told_with_its_hour(
    open_case,
    record,
    custody,  # noqa: F811  (the imported fixture)
    issue,
):
    """Placed before the judge 30 hours after the arrest, where the law allows 24: "due by
    2 June, 02:00, done on 2 June, 08:00" (with the day alone it read "due by 2 June, done
    on 2 June, 6 hours late")."""
    case = open_case(occurred_at=on(2026, 6, 1, 2))
    person = {"role": "accused", "person": {"given_names": "Luis", "family_names": "Mora"}}
    record(case, "participant.added", person, occurred_at=on(2026, 6, 1, 2))
    custody(case, "arrested", on(2026, 6, 1, 2))
    custody(case, "placed_before_judge", on(2026, 6, 2, 8))
    text = case_page(case, issue(case, "P1", language="en"))
    assert "due by 2 June 2026, 02:00, done on 2 June 2026, 08:00, 6 hours late." in text


def test_a_sealed_cases_detention_part_tells_only_what_custody_entries_ended(
    open_case,
    record,
    custody,  # noqa: F811  (the imported fixture)
):
    """The detention part of a sealed case shows the custody entries and no other: a late
    review that a final judgment ended is not told there (its date is not the reader's)."""
    from expediente.custody.models import Deadline
    from expediente.portal.case_view import Clock, _with_missed

    case = held(open_case, record, custody, on(2026, 6, 2, 11))
    custody(case, "released", on(2026, 10, 1))  # the review due by 2 September, never held
    clocks = [
        ("P1", Clock(name="Luis", in_custody=False, days=0, summary="", review=None, maximum=None))
    ]
    ((_uid, whole),) = _with_missed(clocks, case, None)
    assert [m.ended_type for m in whole.missed] == ["custody.released"]
    ((_uid, part),) = _with_missed(clocks, case, object())  # type: ignore[arg-type]
    assert [m.ended_type for m in part.missed] == ["custody.released"]
    Deadline.objects.filter(case=case, rule_id="cr.pretrial_review").update(
        stopped_type="judgment.final"
    )
    ((_uid, part),) = _with_missed(clocks, case, object())  # type: ignore[arg-type]
    assert part.missed == []
    ((_uid, whole),) = _with_missed(clocks, case, None)
    assert [m.ended_type for m in whole.missed] == ["judgment.final"]


def test_the_family_reads_that_the_late_request_was_the_prosecutions(
    open_case,
    record,
    custody,  # noqa: F811  (the imported fixture)
    issue,
):
    """Costa Rica's CPP art. 238: the prosecution asked for the detention hearing late.
    The family reads whose duty it was, and that the court checks on the prosecution;
    a review the court held late says it was the court's."""
    from tests.custody.test_what_the_prosecution_did_late_is_listed_apart import late_request

    case = late_request(open_case, record, custody, day=on(2026, 6, 1))
    custody(case, "pretrial_reviewed", on(2026, 9, 20))  # due by 3 September
    text = case_page(case, issue(case, "P1", language="en"))
    assert (
        "Prosecutor asks for the detention hearing: due by 2 June 2026, 20:00, done on "
        "3 June 2026, 10:00, 14 hours late. The prosecution had to do this." in text
    )
    assert "late. The court had to do this." in text  # the review
    assert (
        "The defence or the court office can ask the court why. "
        "The court checks that the prosecution does its part." in text
    )


def test_a_court_line_alone_does_not_speak_of_the_prosecution(
    open_case,
    record,
    custody,  # noqa: F811  (the imported fixture)
    issue,
):
    case = held(open_case, record, custody, on(2026, 6, 2, 11))
    custody(case, "pretrial_reviewed", on(2026, 9, 20))
    text = case_page(case, issue(case, "P1", language="en"))
    assert "late. The court had to do this." in text
    assert "prosecution" not in text.split("What was not done in time:", 1)[1].split("\n")[0]
    assert "The court checks that the prosecution does its part." not in text


def test_in_spanish_the_family_reads_it_was_the_prosecutions(
    open_case,
    record,
    custody,  # noqa: F811  (the imported fixture)
    issue,
):
    from tests.custody.test_what_the_prosecution_did_late_is_listed_apart import late_request

    case = late_request(open_case, record, custody)
    text = case_page(case, issue(case, "P1", language="es"), lang="es")
    assert "La fiscalía tenía que hacer esto." in text
