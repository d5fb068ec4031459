"""An SMS ends with a short link to stop the messages (``/s/<token>`` on the portal's
host; the long ``/notify/unsubscribe/<token>/`` was a third of every SMS): the token is
random (letters and digits, about 71 bits), says nothing of the case, and works only to
stop that subscription. It leads to the same flow as the email's link: opening it asks
to confirm and changes nothing (a phone's link preview opens it too), the button stops
the messages and cancels what was not sent. An unknown, cut or old link gets a page that
says why, with a 404."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from expediente.notify.models import Delivery, Subscription
from expediente.notify.subscriptions import stop_token
from expediente.notify.worker import run

HEARING = {"hearing": "H1", "kind": "trial", "starts_at": "2026-04-10T09:00:00-06:00"}
LINK = re.compile(r"https://expediente\.example(/s/[A-Za-z0-9]+)$")


@pytest.fixture
def link(accused_case, follow, record, receiver):
    """The stop link at the end of the first SMS the victim received."""
    follow(accused_case, "P2", "sms", "+506 8888 2222", language="en")
    record(accused_case, "hearing.scheduled", HEARING)
    run(once=True)
    (sms,) = receiver.received("/sms")
    last_line = sms.json()["text"].splitlines()[-1]
    assert last_line.startswith("To stop these messages: ")
    found = LINK.search(last_line)
    assert found, last_line
    return found.group(1)


def test_the_sms_link_is_short_random_and_not_the_emails(link, accused_case):
    sub = Subscription.objects.get()
    assert link == f"/s/{sub.stop_token}"
    assert len("https://expediente.example" + link) <= 42  # was 78
    assert "/notify/unsubscribe/" not in link
    assert sub.unsubscribe_token not in link
    assert accused_case.number not in link
    assert accused_case.nuid not in link
    assert re.fullmatch(r"[A-Za-z0-9]{12}", sub.stop_token)  # 62**12: about 71 bits


def test_tokens_do_not_repeat():
    assert len({stop_token() for _ in range(5000)}) == 5000


def test_opening_the_link_asks_to_confirm_and_stops_nothing(link, accused_case):
    for path in (link, link + "/"):
        page = Client(HTTP_ACCEPT_LANGUAGE="en").get(path)
        assert page.status_code == 200
        html = page.content.decode()
        assert "Stop messages about this case?" in html
        assert accused_case.number in html
        assert '<form method="post">' in html
    assert Client().head(link).status_code == 200
    assert Subscription.objects.get().active


def test_the_button_stops_the_messages_and_cancels_the_unsent(link, accused_case, record, receiver):
    moved = {"hearing": "H1", "starts_at": "2026-04-11T09:00:00-06:00", "reason": "agenda"}
    record(accused_case, "hearing.rescheduled", moved)
    assert Delivery.objects.filter(status="queued").count() == 1
    # the confirm page's form posts to the page's own address, with no CSRF token
    page = Client(HTTP_ACCEPT_LANGUAGE="en", enforce_csrf_checks=True).post(link)
    assert page.status_code == 200
    assert "You will no longer receive messages about case" in page.content.decode()
    assert not Subscription.objects.get().active
    assert Delivery.objects.filter(status="queued").count() == 0
    run(once=True)
    assert len(receiver.received("/sms")) == 1  # the first one only


@pytest.mark.parametrize(
    "path",
    [
        "/s/not-a-token",
        "/s/",
        "/s/AAAAAAAAAAAA",
        "/s/%00%ff",
        "/s/" + "x" * 300,
    ],
)
def test_an_unknown_link_says_why_with_a_404(link, path):
    for method in ("get", "post"):
        page = getattr(Client(HTTP_ACCEPT_LANGUAGE="en"), method)(path)
        assert page.status_code == 404
        assert "This link no longer stops messages" in page.content.decode()
    assert Subscription.objects.get().active


def test_the_emails_link_with_a_byte_no_token_has_is_not_found_either(link):
    # PostgreSQL refuses a NUL byte in a query: it was a 500
    for path in ("/notify/unsubscribe/%00/", "/notify/unsubscribe/a%00b/"):
        assert Client().get(path).status_code == 404
        assert Client().post(path).status_code == 404
    assert Subscription.objects.get().active


def test_a_cut_or_mangled_link_stops_nothing(link):
    token = link.removeprefix("/s/")
    for mangled in (token[:-1], token + ".", token.upper(), token.lower(), token[::-1]):
        if mangled == token:
            continue
        page = Client(HTTP_ACCEPT_LANGUAGE="en").post(f"/s/{mangled}")
        assert page.status_code == 404, mangled
        assert "Use the link in the most recent message" in page.content.decode()
    assert Subscription.objects.get().active


def test_after_subscribing_again_the_old_short_link_says_why(link, accused_case, follow):
    Client().post(link)
    again = follow(accused_case, "P2", "sms", "+506 8888 2222", language="en")
    assert f"/s/{again.stop_token}" != link
    page = Client(HTTP_ACCEPT_LANGUAGE="en").post(link)
    assert page.status_code == 404
    assert "the links in older messages stop working" in page.content.decode()
    assert Subscription.objects.get().active


def test_the_email_keeps_its_long_link(accused_case, follow, record, smtp):
    sub = follow(accused_case, "P2", "email", "ana@example.org", language="en")
    record(accused_case, "hearing.scheduled", HEARING)
    run(once=True)
    (message,) = smtp.messages
    body = message.get_content()
    assert f"https://expediente.example/notify/unsubscribe/{sub.unsubscribe_token}/" in body
    assert "/s/" not in body


def test_subscriptions_from_before_the_short_link_are_given_one(
    accused_case, follow, record, receiver
):
    import importlib

    from django.apps import apps

    sub = follow(accused_case, "P2", "sms", "+506 8888 2222", language="en")
    Subscription.objects.filter(pk=sub.pk).update(stop_token=None)  # as before notify/0004
    record(accused_case, "hearing.scheduled", HEARING)
    run(once=True)  # until the migration runs, an SMS keeps the long link, which works
    (before,) = receiver.received("/sms")
    assert f"/notify/unsubscribe/{sub.unsubscribe_token}/" in before.json()["text"]
    migration = importlib.import_module(
        "expediente.notify.migrations.0004_subscription_sms_stop_token"
    )
    email = follow(accused_case, "P2", "email", "ana@example.org", language="en")
    Subscription.objects.filter(pk=email.pk).update(stop_token=None)
    migration.stop_tokens_for_earlier_subscriptions(apps, None)
    email.refresh_from_db()
    assert email.stop_token is None  # an email carries the long link: no token needed
    sub.refresh_from_db()
    assert re.fullmatch(r"[A-Za-z0-9]{12}", sub.stop_token or "")
    assert Client().get(f"/s/{sub.stop_token}").status_code == 200
