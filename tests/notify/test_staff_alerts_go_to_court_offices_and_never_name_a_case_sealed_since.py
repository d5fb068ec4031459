"""Review, two smaller defects of the staff alerts: an account whose docket person is
the accused (a judge of the court, prosecuted in a case of it) was alerted "by office"
for the rules that name the accused, though only court offices reach a staff account
(``notify.staff.STAFF_ROLES``); and an alert email rendered when it was queued named the
case even if the case was sealed before the worker sent it."""

from expediente.docket.models import Participation
from expediente.notify.staff import staff_recipients
from expediente.notify.worker import run
from tests.notify.test_the_judge_of_a_case_is_alerted_by_email_and_in_the_workspace import (  # noqa: F401
    ADDRESS,
    account,
    arrested,
    judge,
    judged_case,
    to,
)
from tests.portal.test_a_sealed_case_keeps_its_detention_to_the_person_held import judge_of


def test_an_account_whose_person_is_the_accused_is_not_alerted_by_office(arrested, judge, court):  # noqa: F811
    accused = Participation.objects.select_related("person").get(case=arrested, uid="P1")
    account("jose", court, person=accused.person.uid, email="jose@poder-judicial.example")
    judge_uid = Participation.objects.get(case=arrested, role="judge").uid
    found = staff_recipients(arrested, {"P1", judge_uid})
    assert [r.user.username for r in found] == ["esteban"]


def test_a_case_sealed_before_the_email_is_sent_is_not_named_in_it(  # type: ignore[no-untyped-def]
    arrested,  # noqa: F811
    judge,  # noqa: F811
    record,
    smtp,
    at,
):
    from expediente.custody.sweep import deadline_sweep

    deadline_sweep(now=at(1, 5))  # queued while the case is public
    record(arrested, "case.sealed", {"grounds": "Orden 5-2026"}, actor=judge_of(arrested))
    run(once=True)
    (message,) = to(smtp, ADDRESS)
    body = message.get_content()
    assert arrested.number not in message["Subject"]
    assert arrested.number not in body
    assert "/court/alerts/" in body
