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
    stop = f'action="/follow/messages/{inbox.pk}/stop/"'
    assert stop in page
    assert page.count("/stop/") == 2  # one per way of being told
    # the page holds no link's secret: whoever reads it cannot use the emails' links
    for sub in Subscription.objects.all():
        assert sub.unsubscribe_token not in page
    done = client.post(f"/follow/messages/{inbox.pk}/stop/", follow=True)
    assert done.status_code == 200
    assert "Listo: esos mensajes se detuvieron." in done.content.decode()
    inbox.refresh_from_db()
    assert not inbox.active
    assert Subscription.objects.get(channel="sms").active
    assert stop not in done.content.decode()  # only the ways still in use are listed


def test_the_victims_code_stops_nothing_of_the_familys(detained_case, issue):
    client = signed_in(detained_case, issue(detained_case, "P1"))
    client.post("/follow/case/", {"channel": "inbox", "consent": "yes"})
    sub = Subscription.objects.get()
    other = signed_in(detained_case, issue(detained_case, "P2"))  # the victim's code
    assert other.post(f"/follow/messages/{sub.pk}/stop/").status_code == 404
    sub.refresh_from_db()
    assert sub.active
    assert Client().post(f"/follow/messages/{sub.pk}/stop/").status_code == 302  # signed out
    sub.refresh_from_db()
    assert sub.active
