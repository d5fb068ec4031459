"""From the case page the sister asks to be told of every change by SMS; bad input is
explained next to the field and subscribes nothing."""

from django.test import Client

from expediente.notify.models import Subscription


def signed_in(case, code) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    client.post("/follow/", {"case_number": case.nuid, "code": code})
    return client


def test_she_subscribes_by_sms_in_her_language(detained_case, issue):
    client = signed_in(detained_case, issue(detained_case, "P1"))
    response = client.post(
        "/follow/case/", {"channel": "sms", "address": "+506 8888 1234", "consent": "yes"}
    )
    assert response.status_code == 302
    sub = Subscription.objects.get()
    assert (sub.participant, sub.channel, sub.address, sub.language) == (
        "P1",
        "sms",
        "+50688881234",
        "es",
    )
    assert "+50688881234" in client.get("/follow/case/").content.decode()


def test_without_consent_nothing_is_subscribed(detained_case, issue):
    client = signed_in(detained_case, issue(detained_case, "P1"))
    response = client.post("/follow/case/", {"channel": "sms", "address": "+506 8888 1234"})
    assert response.status_code == 400
    assert 'href="#id_consent"' in response.content.decode()
    assert not Subscription.objects.exists()


def test_a_phone_number_that_is_not_a_number_is_explained(detained_case, issue):
    client = signed_in(detained_case, issue(detained_case, "P1"))
    response = client.post(
        "/follow/case/", {"channel": "sms", "address": "llámame", "consent": "yes"}
    )
    assert response.status_code == 400
    assert 'href="#id_address"' in response.content.decode()
    assert not Subscription.objects.exists()


def test_webhooks_are_not_offered_on_the_participant_page(detained_case, issue):
    client = signed_in(detained_case, issue(detained_case, "P1"))
    body = client.get("/follow/case/").content.decode()
    assert 'value="sms"' in body
    assert 'value="webhook"' not in body


def test_signed_out_posts_subscribe_nothing(detained_case):
    response = Client().post("/follow/case/", {"channel": "inbox", "consent": "yes"})
    assert response.status_code == 302
    assert not Subscription.objects.exists()


def test_she_stops_the_portal_inbox_from_the_case_page(detained_case, issue):
    # the inbox's messages carry no link, and the page had no way to stop any channel,
    # though the consent sentence promised she could stop them at any time
    client = signed_in(detained_case, issue(detained_case, "P1"))
    client.post("/follow/case/", {"channel": "inbox", "consent": "yes"})
    client.post("/follow/case/", {"channel": "sms", "address": "+506 8888 1234", "consent": "yes"})
    inbox = Subscription.objects.get(channel="inbox")
    page = client.get("/follow/case/").content.decode()
    stop = f'action="/notify/unsubscribe/{inbox.unsubscribe_token}/"'
    assert stop in page
    assert page.count('action="/notify/unsubscribe/') == 2  # one per way of being told
    done = client.post(f"/notify/unsubscribe/{inbox.unsubscribe_token}/")
    assert done.status_code == 200
    assert "ya no se pondrán en su bandeja del portal" in done.content.decode()
    inbox.refresh_from_db()
    assert not inbox.active
    assert Subscription.objects.get(channel="sms").active
    after = client.get("/follow/case/").content.decode()
    assert stop not in after  # only the ways still in use are listed


def test_the_victims_page_offers_no_stop_for_the_familys_messages(detained_case, issue):
    client = signed_in(detained_case, issue(detained_case, "P1"))
    client.post("/follow/case/", {"channel": "inbox", "consent": "yes"})
    token = Subscription.objects.get().unsubscribe_token
    other = signed_in(detained_case, issue(detained_case, "P2"))  # the victim's code
    assert token not in other.get("/follow/case/").content.decode()
