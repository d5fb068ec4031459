"""The link at the foot of every message stops the subscription: GET asks to confirm
(changing nothing), POST stops it and cancels what was not sent yet; no sign-in; an
unknown link is a 404."""

import pytest
from django.test import Client

from expediente.notify.models import Delivery, Subscription
from expediente.notify.worker import run


@pytest.fixture
def sub(accused_case, follow, record):
    # in English: the confirm page speaks the subscription's language (not the browser's)
    subscription = follow(accused_case, "P2", "email", "ana@example.org", language="en")
    record(
        accused_case,
        "hearing.scheduled",
        {"hearing": "H1", "kind": "trial", "starts_at": "2026-04-10T09:00:00-06:00"},
    )
    return subscription


def url(sub):
    return f"/notify/unsubscribe/{sub.unsubscribe_token}/"


def test_opening_the_link_asks_to_confirm_and_changes_nothing(sub, accused_case):
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(url(sub))
    assert page.status_code == 200
    html = page.content.decode()
    assert accused_case.number in html
    assert '<form method="post">' in html
    assert Subscription.objects.get().active


def test_confirming_stops_the_messages_and_cancels_the_unsent_one(sub, smtp):
    page = Client(HTTP_ACCEPT_LANGUAGE="en", enforce_csrf_checks=True).post(url(sub))
    assert page.status_code == 200
    assert "no longer receive" in page.content.decode()
    assert not Subscription.objects.get().active
    assert Delivery.objects.get().status == "cancelled"
    run(once=True)
    assert smtp.messages == []


def test_a_mail_programs_one_click_post_works_without_a_csrf_token(sub):
    response = Client(enforce_csrf_checks=True).post(url(sub), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.get().active


def test_unsubscribing_twice_is_harmless(sub):
    Client().post(url(sub))
    again = Client(HTTP_ACCEPT_LANGUAGE="en").get(url(sub))
    assert again.status_code == 200
    assert "already been stopped" in again.content.decode()


def test_an_unknown_link_is_not_found(sub):
    assert Client().get("/notify/unsubscribe/not-a-token/").status_code == 404
    assert Client().post("/notify/unsubscribe/not-a-token/").status_code == 404
    assert Subscription.objects.get().active


def test_a_link_from_before_subscribing_again_says_why_it_no_longer_works(
    sub, accused_case, follow
):
    # it was the site's bare "This page does not exist"
    old = url(sub)
    Client().post(old)
    follow(accused_case, "P2", "email", "ana@example.org")  # subscribed again: a new link
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(old)
    assert page.status_code == 404
    html = page.content.decode()
    assert "the links in older messages stop working" in html
    assert "Use the link in the most recent message" in html
    assert Subscription.objects.get().active


def test_unsubscribing_after_the_claim_cancels_before_sending(sub, smtp):
    from expediente.notify.worker import claim, deliver

    token, ids = claim(worker="w", batch=10)
    Client().post(url(sub))
    assert deliver(delivery_id=ids[0], token=token) == "cancelled"
    assert smtp.messages == []
