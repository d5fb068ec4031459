"""The staff side of deadline alerts: the judge's alerts page (the menu counts the unread
ones, a button marks them read), and the account page's choice of email or not, whose
bad input is refused on its field and changes nothing."""

import datetime as dt

import pytest

from expediente.access.models import User
from expediente.court.models import StaffPerson
from expediente.custody.sweep import deadline_sweep
from expediente.notify.models import StaffAlerts
from tests.conftest import NOW
from tests.custody.conftest import CR, staff

JUDGE = {"uid": "judge.esteban", "given_names": "Esteban", "family_names": "Vargas", "sex": "male"}


@pytest.fixture
def judge_browser(court):
    client = staff("esteban.judge", court, "judge")
    user = User.objects.get(username="esteban.judge")
    user.email = "esteban@poder-judicial.example"
    user.save()
    StaffPerson.objects.create(user=user, person_uid=JUDGE["uid"])
    return client


def at(days: int, hour: int) -> dt.datetime:
    """``days`` before the suite's NOW, at ``hour`` in San José."""
    day = (NOW - dt.timedelta(days=days)).astimezone(CR).date()
    return dt.datetime.combine(day, dt.time(hour), tzinfo=CR)


@pytest.fixture
def alerted(accused_case, record, judge_browser):
    """Esteban is the case's judge; P1 was arrested two days ago, and the sweep alerted
    the judge 6 hours before the 24 hours to bring him before a judge ran out."""
    record(accused_case, "participant.added", {"role": "judge", "person": JUDGE})
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=at(2, 10))
    deadline_sweep(now=at(1, 5))
    return accused_case


def test_the_alert_is_on_the_judges_alerts_page_and_counted_in_the_menu(alerted, judge_browser):
    page = judge_browser.get("/court/alerts/")
    html = page.content.decode()
    assert page.status_code == 200
    assert alerted.number in html
    assert "deadline approaching" in html
    assert f'href="/court/cases/{alerted.nuid}/"' in html
    assert '<span class="tag tag-info">1<span class="visually-hidden"> unread' in html


def test_marking_them_read_empties_the_count(alerted, judge_browser):
    answer = judge_browser.post("/court/alerts/")
    assert answer.status_code == 302
    html = judge_browser.get("/court/alerts/").content.decode()
    assert alerted.number in html  # still listed
    assert 'visually-hidden"> unread' not in html
    assert "Mark all as read" not in html


def test_a_clerk_has_no_alerts_of_the_judge(alerted, court):
    clerk = staff("maria.clerk", court, "clerk")
    html = clerk.get("/court/alerts/").content.decode()
    assert alerted.number not in html
    assert "No alerts yet." in html


def test_the_judge_switches_the_emails_off_and_on(judge_browser):
    page = judge_browser.get("/court/account/alerts/")
    assert "esteban@poder-judicial.example" in page.content.decode()
    answer = judge_browser.post("/court/account/alerts/", {"by_email": "no", "language": "pt"})
    assert answer.status_code == 302
    row = StaffAlerts.objects.get(user__username="esteban.judge")
    assert (row.by_email, row.language) == (False, "pt")
    judge_browser.post("/court/account/alerts/", {"by_email": "yes", "language": "pt"})
    assert StaffAlerts.objects.get(pk=row.pk).by_email is True


@pytest.mark.parametrize(
    ("sent", "field", "says"),
    [
        ({"by_email": "maybe", "language": "es"}, "by_email", "yes or no"),
        ({"language": "es"}, "by_email", "yes or no"),
        ({"by_email": "no", "language": "de"}, "language", "one of es, en, pt, fr"),
    ],
)
def test_bad_input_is_refused_on_its_field_and_saves_nothing(judge_browser, sent, field, says):
    answer = judge_browser.post("/court/account/alerts/", sent)
    html = answer.content.decode()
    assert answer.status_code == 400
    assert f'href="#id_{field}"' in html
    assert says in html
    assert not StaffAlerts.objects.exists()


def test_an_account_without_an_address_cannot_ask_for_emails(judge_browser):
    User.objects.filter(username="esteban.judge").update(email="")
    answer = judge_browser.post("/court/account/alerts/", {"by_email": "yes", "language": "es"})
    assert answer.status_code == 400
    assert "no email address" in answer.content.decode()
    assert not StaffAlerts.objects.exists()


def _brazilian_court():  # type: ignore[no-untyped-def]
    from expediente.docket.models import Court, Jurisdiction

    country = Jurisdiction.objects.create(code="br", name="Brasil", rule_pack="br")
    return Court.objects.create(
        jurisdiction=country,
        code="ilhabela-vara",
        name="Vara Única de Ilhabela",
        office_code="0247",
        timezone="America/Sao_Paulo",
        rule_pack="br",
    )


@pytest.mark.django_db
def test_until_a_judge_chooses_the_page_offers_the_language_the_courts_work_in(court, settings):  # type: ignore[no-untyped-def]
    from expediente.access.models import Membership, User
    from expediente.notify.staff import alerts_of

    settings.LANGUAGE_CODE = "en"
    juiza = User.objects.create_user("juiza", email="juiza@tjsp.example")
    Membership.objects.create(user=juiza, court=_brazilian_court(), role="judge")
    assert alerts_of(juiza).language == "pt"  # what the page shows chosen, and what she reads
    juez = User.objects.create_user("juez", email="juez@poder-judicial.example")
    Membership.objects.create(user=juez, court=court, role="judge")
    assert alerts_of(juez).language == "es"
    Membership.objects.create(user=juez, court=_brazilian_court_again(), role="judge")
    assert alerts_of(juez).language == "en"  # courts that disagree: the site's default


def _brazilian_court_again():  # type: ignore[no-untyped-def]
    from expediente.docket.models import Court, Jurisdiction

    return Court.objects.create(
        jurisdiction=Jurisdiction.objects.get(code="br"),
        code="santos-vara",
        name="Vara Criminal de Santos",
        office_code="0562",
        timezone="America/Sao_Paulo",
        rule_pack="br",
    )
