"""custody_clock(case=…): for the case page, each detained person's next review, legal
maximum and the last day their detention order states, with the sentence that explains
each date."""

from django.utils import translation

from expediente.custody.selectors import custody_clock


def test_the_clock_gives_the_next_review_and_the_maximum_with_their_reasons(
    accused_case, custody, at
):
    custody(accused_case, "arrested", at(2))
    custody(accused_case, "placed_before_judge", at(2, 20))
    custody(accused_case, "hearing_requested", at(1, 9))
    custody(accused_case, "pretrial_ordered", at(1), facility="CAI La Reforma", until="2026-05-31")
    custody(accused_case, "pretrial_reviewed", at(0, 8))
    with translation.override("en"):
        [person] = custody_clock(case=accused_case, now=at(0, 12))
    assert (person.participant, person.name) == ("P1", "José Pérez Mora")
    assert person.current.kind == "pretrial"
    assert person.current.facility == "CAI La Reforma"
    review = person.next_review
    assert review.label == "Review of pretrial detention"
    assert review.status == "pending"
    assert review.explanation == (
        "Review of pretrial detention due 2 June 2026: Código Procesal Penal (Ley 7594) "
        "art. 253, every 3 months from the last “Pretrial detention reviewed” on 2 March 2026."
    )
    maximum = person.maximum
    assert maximum.label == "Maximum term of pretrial detention"
    assert maximum.explanation.startswith("Maximum term of pretrial detention due 1 March 2027")
    # the date the order itself states (CPP art. 243(e)), which the family is shown too
    order = person.order_term
    assert order.label == "Term stated in the detention order"
    assert order.explanation == (
        "Term stated in the detention order due 31 May 2026: Código Procesal Penal "
        "(Ley 7594) art. 243(e), the day fixed by “Pretrial detention ordered” on 1 March 2026."
    )
    assert sorted(d.row.rule_id for d in person.deadlines) == [
        "cr.pretrial_maximum",
        "cr.pretrial_order_term",
        "cr.pretrial_review",
    ]


def test_the_explanations_follow_the_language(accused_case, custody, at):
    custody(accused_case, "arrested", at(2))
    custody(accused_case, "pretrial_ordered", at(1))
    with translation.override("es"):
        [person] = custody_clock(case=accused_case, now=at(0))
    assert person.next_review.label == "Revisión de la prisión preventiva"
    assert person.next_review.explanation.startswith("Revisión de la prisión preventiva vence")


def test_the_clock_is_two_queries(accused_case, custody, at, django_assert_max_num_queries):
    custody(accused_case, "arrested", at(2))
    custody(accused_case, "pretrial_ordered", at(1))
    with django_assert_max_num_queries(2):
        custody_clock(case=accused_case, now=at(0))
