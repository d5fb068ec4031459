"""A death in custody on the pages: the staff case page says the person died in custody
on the day (and where), shows no running clock for them and says an independent inquiry
is owed, citing its sources to be confirmed; the record form offers the entry with its
labels translated; the family's page says it plainly, with no clock and nothing to ask
for the release; the due list and the sweep no longer name the person."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from expediente.custody.models import Alert
from expediente.custody.sweep import deadline_sweep
from tests.court.pages.conftest import case_url
from tests.portal.conftest import make_clerk, make_issuer, text_of

pytestmark = pytest.mark.django_db


def ago(days: float, hour: int = 10) -> dt.datetime:
    """``days`` before the present, at ``hour`` UTC: pages are read now."""
    return (timezone.now() - dt.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


@pytest.fixture
def held(accused_case, record):
    """P1 arrested 200 days ago and held under an order whose review is overdue."""
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=ago(200))
    order = {"person": "P1", "until": "2099-12-31", "grounds": "Peligro de fuga"}
    record(accused_case, "custody.pretrial_ordered", order, occurred_at=ago(199))
    return accused_case


def _died(case, record, **fields):
    payload = {"person": "P1", **fields}
    return record(case, "custody.died", payload, occurred_at=ago(2, 15))


def _clock(html: str) -> str:
    section = html.split('aria-labelledby="clock-heading"', 1)[1].split("</section>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", section).split())


def _family(case, issue, language="en") -> str:
    code = issue(case, "P1", language=language)
    family = Client(HTTP_ACCEPT_LANGUAGE=language)
    assert family.post("/follow/", {"case_number": case.nuid, "code": code}).status_code == 302
    return family.get("/follow/case/").content.decode()


def test_the_staff_page_says_the_person_died_in_custody_with_no_clock(
    clerk_client, held, record, page
):
    before = _clock(page(clerk_client, case_url(held)))
    assert "Overdue" in before
    _died(held, record, place="CAI La Reforma, módulo B", reported_to="Fiscalía de turno")
    clock = _clock(page(clerk_client, case_url(held)))
    died_on = ago(2, 15).strftime("%Y")
    assert "died in custody on" in clock
    assert "José Pérez Mora died in custody on" in clock
    assert "(CAI La Reforma, módulo B)" in clock
    assert died_on in clock
    assert "Overdue" not in clock
    assert "Due soon" not in clock
    assert "An independent inquiry into the death is owed" in clock
    assert "Body of Principles" in clock
    assert "Nelson Mandela Rules" in clock
    assert "source to be confirmed" in clock
    assert "Reported to: Fiscalía de turno." in clock


def test_the_staff_page_says_when_no_report_is_recorded(clerk_client, held, record, page):
    _died(held, record)
    clock = _clock(page(clerk_client, case_url(held)))
    assert "José Pérez Mora died in custody on" in clock
    assert "The record does not say to which authority the death was reported." in clock


def test_the_staff_page_in_spanish(clerk_client, held, record, page):
    _died(held, record)
    clerk_client.cookies["django_language"] = "es"
    html = clerk_client.get(case_url(held), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    clock = _clock(html)
    assert "falleció bajo custodia" in clock
    assert "investigación independiente" in clock


def test_the_record_form_offers_the_entry_with_its_labels(clerk_client, held, page):
    html = page(clerk_client, case_url(held))
    assert f'href="{case_url(held)}record/custody.died/"' in html
    form = page(clerk_client, f"{case_url(held)}record/custody.died/")
    assert "Death in custody" in form
    assert "Place of death" in form
    assert "Authority informed for an inquiry" in form


def test_the_family_page_says_it_plainly_without_a_clock(held, record, court):
    _died(held, record, place="CAI La Reforma")
    issue = make_issuer(make_clerk(court))
    body = _family(held, issue)
    [said] = re.findall(r'<p class="died-in-custody">(.*?)</p>', body, re.S)
    said = " ".join(text_of(said).split())
    assert said.startswith("The court has recorded that José Pérez Mora")
    assert "died while in custody, on" in said
    assert "(CAI La Reforma)" in said
    # the sources are not checked in shared/reference: no "the law requires" as fact
    assert "The law requires" not in body
    said = " ".join(text_of(body).split())
    assert "International standards say that a death in custody must be the subject" in said
    assert "Where these standards say this: Body of Principles" in said
    # in plain words for a family: not the staff's "source to be confirmed"
    assert "reference not yet checked against the official text" in said
    assert "source to be confirmed" not in said
    assert "Detention of José Pérez Mora" not in text_of(body)
    assert "Time in custody of José Pérez Mora" in text_of(body)
    assert "The judge must review the detention by" not in body
    assert "ask for the release" not in body
    body = _family(held, issue, language="pt")
    assert "faleceu" in body


def test_the_due_list_and_the_sweep_stop_alerting_for_the_person(clerk_client, held, record, page):
    assert "José Pérez Mora" in page(clerk_client, "/court/due/")
    _died(held, record)
    assert "José Pérez Mora" not in page(clerk_client, "/court/due/")
    before = Alert.objects.count()
    deadline_sweep(now=timezone.now())
    assert Alert.objects.count() == before


def test_only_the_correction_form_offers_to_say_it_was_recorded_by_mistake(
    clerk_client, held, record, page
):
    from expediente.docket.models import Event
    from tests.court.forms.helpers import drawn

    new = clerk_client.get(f"{case_url(held)}record/custody.died/")
    assert "in_error" not in new.context["form"].fields
    seq = _died(held, record).event.seq
    url = f"/court/cases/{held.nuid}/events/{seq}/correct/"
    form = clerk_client.get(url)
    assert "Recorded by mistake: the person did not die" in form.content.decode()
    posted = clerk_client.post(
        url, drawn(form) | {"in_error": "on", "correction_reason": "Se registró por error"}
    )
    assert posted.status_code == 302, posted.content.decode()[-2000:]
    assert Event.objects.filter(case=held).order_by("seq").last().payload["in_error"] is True
    html = page(clerk_client, case_url(held))
    assert "died in custody" not in _clock(html)
    assert "An independent inquiry into the death is owed" not in html
    # the correction reads as taking the death back, not as a second death
    correction = html.split(f'id="event-{seq + 1}-title"', 1)[1].split("</article>", 1)[0]
    title = correction.split("</h3>", 1)[0]
    assert "Death in custody recorded by mistake: the person did not die" in title


def test_the_family_page_says_a_death_taken_back_was_a_mistake(held, record, court):
    """Corrected as recorded by mistake, the death no longer speaks on the family's page:
    its correction says the person did not die, and the first entry says it was a
    mistake, not that the person died or that an inquiry is owed."""
    first = _died(held, record, place="CAI La Reforma").event
    record(
        held,
        "custody.died",
        {"person": "P1", "in_error": True},
        occurred_at=ago(2, 15),
        corrects_seq=first.seq,
    )
    issue = make_issuer(make_clerk(court))
    said = " ".join(text_of(_family(held, issue)).split())
    assert "The court recorded this death by mistake: the person did not die." in said
    assert "The court later said that this entry was recorded by mistake." in said
    assert "died while in custody" not in said
    assert "independent inquiry" not in said


def test_the_form_asks_before_recording_a_death_and_nothing_is_told_until_then(clerk_client, held):
    """QA recorded a death with one tap on a phone, and the family's message left within
    seconds. The form now names the person and asks for the official notice first; the
    top of the page says a warning waits, so a phone that shows the top sees it."""
    from expediente.docket.models import Event
    from expediente.notify.models import Notification
    from tests.court.forms.helpers import hidden

    url = f"{case_url(held)}record/custody.died/"
    form = clerk_client.get(url)
    data = hidden(form) | {"person": "P1", "occurred_at": ago(1).strftime("%Y-%m-%dT%H:%M")}
    told = Notification.objects.count()
    first = clerk_client.post(url, data)
    assert first.status_code == 200
    html = first.content.decode()
    assert "José Pérez Mora died in custody" in html
    assert "Record it only on the official notice of the death" in html
    top = html.split('class="entry-form"', 1)[0]
    assert "Check before recording" in top
    assert not Event.objects.filter(case=held, type="custody.died").exists()
    assert Notification.objects.count() == told
    token = re.search(r'name="confirm_past_maximum" value="(death:[^"]+)"', html)
    assert token is not None
    done = clerk_client.post(url, data | {"confirm_past_maximum": token.group(1)})
    assert done.status_code == 302, done.content.decode()[-1500:]
    assert Event.objects.filter(case=held, type="custody.died").count() == 1


def test_the_family_page_no_longer_lists_a_detained_persons_rights_after_the_death(
    held, record, court
):
    issue = make_issuer(make_clerk(court))
    assert "Your rights" in text_of(_family(held, issue))
    _died(held, record)
    after = text_of(_family(held, issue))
    assert "Your rights" not in after
    assert "died while in custody" in after
