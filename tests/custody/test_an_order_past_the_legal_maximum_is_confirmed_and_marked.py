"""A detention order whose stated term ("until") goes past the maximum the pack computes
(Costa Rica: 12 months, CPP art. 257) is what the judge ordered, and the docket records
it; but the clerk's form asks for a confirmation first, naming the maximum and its
article, and records nothing until it is given. Recorded, the staff case page's
detention clock marks the order's term as beyond the legal maximum, which governs."""

from __future__ import annotations

import re

import pytest

from expediente.docket.models import Event
from tests.court.forms.helpers import drawn

ORDER = "custody.pretrial_ordered"


@pytest.fixture
def arrested(accused_case, custody, at):  # type: ignore[no-untyped-def]
    custody(accused_case, "arrested", at(12))
    accused_case.refresh_from_db()
    return accused_case


def post_order(client, case, until, at, **extra):  # type: ignore[no-untyped-def]
    url = f"/court/cases/{case.nuid}/record/{ORDER}/"
    page = client.get(url)
    assert page.status_code == 200
    values = drawn(page) | {
        "person": "P1",
        "until": until,
        "grounds": "Peligro de fuga",
        "occurred_at": at(10).strftime("%Y-%m-%dT%H:%M"),
    }
    return client.post(url, values | extra)


def orders(case):  # type: ignore[no-untyped-def]
    return Event.objects.filter(case=case, type=ORDER).count()


def test_a_term_past_the_maximum_asks_first_and_records_nothing(arrested, clerk_client, at):
    # ordered 20 February 2026 (San José), until 20 May 2027: 15 months
    response = post_order(clerk_client, arrested, "2027-05-20", at)
    assert response.status_code == 200
    html = response.content.decode()
    warning = re.search(
        r'<div class="warning" role="alert" id="confirm-warning">(.*?)</div>', html, re.S
    )
    assert warning, "no warning before saving"
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", warning.group(1)))
    assert "until 20 May 2027" in text
    assert "Maximum term of pretrial detention" in text
    assert "257" in text  # the article
    assert "20 February 2027" in text  # the maximum
    assert orders(arrested) == 0


def test_confirmed_it_is_recorded_as_ordered(arrested, clerk_client, at):
    first = post_order(clerk_client, arrested, "2027-05-20", at)
    token = re.search(r'name="confirm_past_maximum" value="([^"]+)"', first.content.decode())
    assert token
    # the same page, sent again with the box ticked (its one-time key is the same)
    response = clerk_client.post(
        first.wsgi_request.path,
        {**first.wsgi_request.POST.dict(), "confirm_past_maximum": token.group(1)},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert orders(arrested) == 1
    assert Event.objects.get(case=arrested, type=ORDER).payload["until"] == "2027-05-20"


def test_changing_the_date_asks_again(arrested, clerk_client, at):
    first = post_order(clerk_client, arrested, "2027-05-20", at)
    token = re.search(r'name="confirm_past_maximum" value="([^"]+)"', first.content.decode())
    assert token
    again = post_order(
        clerk_client, arrested, "2027-08-20", at, confirm_past_maximum=token.group(1)
    )
    assert again.status_code == 200
    assert "confirm-warning" in again.content.decode()
    assert orders(arrested) == 0


def test_a_term_within_the_maximum_is_recorded_at_once(arrested, clerk_client, at):
    response = post_order(clerk_client, arrested, "2026-08-20", at)
    assert response.status_code == 302
    assert orders(arrested) == 1


def test_the_clock_marks_the_term_beyond_the_maximum(arrested, custody, clerk_client, at):
    custody(arrested, "pretrial_ordered", at(10), until="2027-05-20")
    html = clerk_client.get(f"/court/cases/{arrested.nuid}/").content.decode()
    item = re.search(
        r"<li[^>]*><strong>Term stated in the detention order</strong>(.*?)</li>", html, re.S
    )
    assert item
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item.group(1)))
    assert "Beyond the legal maximum" in text
    assert "Maximum term of pretrial detention" in text
    assert "20 February 2027" in text


def test_a_term_within_it_is_not_marked(arrested, custody, clerk_client, at):
    custody(arrested, "pretrial_ordered", at(10), until="2026-08-20")
    html = clerk_client.get(f"/court/cases/{arrested.nuid}/").content.decode()
    assert "Term stated in the detention order" in html
    assert "Beyond the legal maximum" not in html


def test_correcting_another_field_of_an_order_past_it_asks_nothing(
    arrested, custody, clerk_client, at
):
    """Its term was confirmed when it was recorded: a correction of its grounds records at
    once, as the API takes it without ``confirm`` (``foresight.held_against``)."""
    recorded = custody(arrested, "pretrial_ordered", at(10), until="2027-05-20")
    url = f"/court/cases/{arrested.nuid}/events/{recorded.event.seq}/correct/"
    values = drawn(clerk_client.get(url)) | {
        "grounds": "Peligro de fuga y de obstaculización",
        "correction_reason": "The grounds were typed short.",
    }
    response = clerk_client.post(url, values)
    assert response.status_code == 302, response.content.decode()[-3000:]
    corrected = Event.objects.filter(case=arrested, corrects_seq=recorded.event.seq).get()
    assert corrected.payload["until"] == "2027-05-20"


def test_the_entry_keeps_the_confirmation_and_the_timeline_says_so(arrested, clerk_client, at):
    """Who recorded it knew: the entry keeps ``order_past_maximum`` (covered by its hash)
    and the staff timeline says it in words, with the rule and its article; an order
    within the maximum keeps nothing."""
    first = post_order(clerk_client, arrested, "2027-05-20", at)
    token = re.search(r'name="confirm_past_maximum" value="([^"]+)"', first.content.decode())
    assert token
    response = clerk_client.post(
        first.wsgi_request.path,
        {**first.wsgi_request.POST.dict(), "confirm_past_maximum": token.group(1)},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    past = Event.objects.get(case=arrested, type=ORDER)
    assert past.confirmed == ["order_past_maximum"]
    html = clerk_client.get(f"/court/cases/{arrested.nuid}/").content.decode()
    entry = re.search(rf'<article [^>]*id="event-{past.seq}".*?</article>', html, re.S)
    assert entry
    said = " ".join(re.sub(r"<[^>]+>", " ", entry.group(0)).split())
    assert (
        "Recorded knowing that the term it states goes past the legal maximum: “Maximum "
        "term of pretrial detention” (Código Procesal Penal (Ley 7594) art. 257(b)(c), 258)."
    ) in said
    assert html.count("Recorded knowing that") == 1  # on that entry only


def test_an_order_within_it_keeps_nothing(arrested, clerk_client, at):
    assert post_order(clerk_client, arrested, "2026-08-20", at).status_code == 302
    assert Event.objects.get(case=arrested, type=ORDER).confirmed is None
