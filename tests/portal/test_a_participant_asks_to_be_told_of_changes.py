"""From the case page the sister asks to be told of every change by SMS; bad input is
explained next to the field and subscribes nothing."""

from django.test import Client

from expediente.notify.models import Subscription
from tests.portal.conftest import schedule_review


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
    page = client.get("/follow/case/").content.decode()
    assert "+506 ****1234" in page  # masked: whoever holds the code reads this page
    assert "+50688881234" not in page


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
    body = response.content.decode()
    assert 'href="#id_address"' in body
    # the page came back at its top, the error 7,000 px below on a phone: the form now
    # posts to its own section, and the field says it is wrong to a screen reader
    assert 'action="#tell-me"' in body
    assert 'aria-invalid="true" aria-describedby="id_address_error"' in body
    assert 'id="id_address_error"' in body
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
        assert sub.stop_token not in page  # nor the SMS's short one
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


def test_revoking_a_code_stops_the_messages_asked_for_with_it(
    detained_case, issue, court_clerk, record
):
    # a leaked code's holder subscribed by email; the court revoked the code, and the
    # next entry still reached them
    from expediente.access.participant_codes import code_issue, code_revoke
    from expediente.notify.models import Notification
    from expediente.notify.subscriptions import subscribe

    client = signed_in(detained_case, issue(detained_case, "P1"))
    client.post("/follow/case/", {"channel": "email", "address": "x@example.org", "consent": "yes"})
    leaked = Subscription.objects.get(address="x@example.org")
    by_staff = subscribe(  # asked for at the court's counter: no code behind it
        participation=detained_case.participations.get(uid="P1"),
        channel="sms",
        address="+506 8888 1234",
        language="es",
        consent=True,
        consent_text_version="counter",
    )
    assert code_revoke(case=detained_case, participant="P1", actor=court_clerk) == 1
    leaked.refresh_from_db()
    by_staff.refresh_from_db()
    assert (leaked.active, leaked.ended_at is not None) == (False, True)
    assert by_staff.active
    schedule_review(record, detained_case)
    notified = Notification.objects.filter(case_id=detained_case.pk).latest("pk")
    assert set(notified.deliveries.values_list("address", flat=True)) == {"+50688881234"}
    # a new code issued to the family: their own new subscription works again
    _, code = code_issue(case=detained_case, participant="P1", actor=court_clerk, language="es")
    again = signed_in(detained_case, code)
    again.post("/follow/case/", {"channel": "email", "address": "x@example.org", "consent": "yes"})
    leaked.refresh_from_db()
    assert leaked.active


def test_revoking_a_code_cancels_what_was_queued_for_it_before_the_worker_gets_to_it(
    detained_case, issue, court_clerk, record
):
    # the entry was queued for the leaked code's holder, the worker was slow, the court
    # revoked the code: the queued message (and a retry waiting its turn) stayed queued
    # until a worker claimed it
    from expediente.access.participant_codes import code_revoke
    from expediente.notify.models import Delivery
    from expediente.notify.subscriptions import subscribe

    client = signed_in(detained_case, issue(detained_case, "P1"))
    client.post("/follow/case/", {"channel": "email", "address": "x@example.org", "consent": "yes"})
    subscribe(  # asked for at the court's counter: no code behind it
        participation=detained_case.participations.get(uid="P1"),
        channel="sms",
        address="+506 8888 1234",
        language="es",
        consent=True,
        consent_text_version="counter",
    )
    schedule_review(record, detained_case, "H2")
    schedule_review(record, detained_case, "H3")
    retrying = Delivery.objects.filter(address="x@example.org").earliest("pk")
    Delivery.objects.filter(pk=retrying.pk).update(attempts=1)  # failed once, waiting
    code_revoke(case=detained_case, participant="P1", actor=court_clerk)
    leaked = Delivery.objects.filter(address="x@example.org")
    assert leaked.count() == 2
    assert set(leaked.values_list("status", flat=True)) == {Delivery.Status.CANCELLED}
    counter = Delivery.objects.filter(address="+50688881234")
    assert set(counter.values_list("status", flat=True)) == {Delivery.Status.QUEUED}


def test_subscriptions_from_before_codes_were_kept_get_the_code_that_was_working(
    detained_case, issue, court_clerk
):
    # the migration that added Subscription.code gives earlier subscriptions (all asked
    # for through the portal) the code working when consent was given: revoking it then
    # stops them too
    import importlib

    from django.apps import apps

    from expediente.access.participant_codes import code_revoke

    client = signed_in(detained_case, issue(detained_case, "P1"))
    client.post("/follow/case/", {"channel": "inbox", "consent": "yes"})
    sub = Subscription.objects.get()
    Subscription.objects.filter(pk=sub.pk).update(code=None)  # as before the migration
    migration = importlib.import_module(
        "expediente.notify.migrations.0003_subscription_made_with_a_code"
    )
    migration.codes_of_earlier_subscriptions(apps, None)
    sub.refresh_from_db()
    assert sub.code_id is not None
    code_revoke(case=detained_case, participant="P1", actor=court_clerk)
    sub.refresh_from_db()
    assert not sub.active
