"""A detained man's code is held by his family: his sister follows the case with it. Her
screen's language is hers; each subscription keeps the language it was made in, and
changes only when someone chooses another language for that subscription on the case
page. Bad input is explained on the field and changes nothing; a subscription that is
not the participation's is a 404."""

from __future__ import annotations

from django.test import Client

from expediente.notify.models import Delivery, Subscription
from tests.portal.conftest import schedule_review


def follow(case, code, language) -> Client:  # type: ignore[no-untyped-def]
    browser = Client(HTTP_ACCEPT_LANGUAGE=language)
    assert browser.post("/follow/", {"case_number": case.nuid, "code": code}).status_code == 302
    return browser


def subscribe(browser: Client, phone: str) -> Subscription:
    response = browser.post("/follow/case/", {"channel": "sms", "address": phone, "consent": "yes"})
    assert response.status_code == 302
    return Subscription.objects.latest("pk")


def test_her_language_switch_leaves_his_messages_alone(detained_case, issue, record):  # type: ignore[no-untyped-def]
    code = issue(detained_case, "P1")
    his = subscribe(follow(detained_case, code, "es"), "+506 8888 0001")
    sister = follow(detained_case, code, "en")
    hers = subscribe(sister, "+506 8888 0002")
    assert (his.language, hers.language) == ("es", "en")  # each in the page's language
    # she reads the page in French: nobody's messages change
    assert sister.post("/language/", {"language": "fr", "next": "/follow/case/"}).status_code == 302
    his.refresh_from_db()
    hers.refresh_from_db()
    assert (his.language, hers.language) == ("es", "en")
    # she wants her own messages in French: she says so for her phone
    page = sister.get("/follow/case/").content.decode()
    assert f'action="/follow/messages/{hers.pk}/language/#message-language"' in page
    response = sister.post(f"/follow/messages/{hers.pk}/language/", {"language": "fr"})
    assert response.status_code == 302
    his.refresh_from_db()
    hers.refresh_from_db()
    assert (his.language, hers.language) == ("es", "fr")
    schedule_review(record, detained_case)
    by_phone = dict(Delivery.objects.values_list("address", "language"))
    assert by_phone == {"+50688880001": "es", "+50688880002": "fr"}


def test_a_language_not_offered_is_explained_and_changes_nothing(detained_case, issue):  # type: ignore[no-untyped-def]
    browser = follow(detained_case, issue(detained_case, "P1"), "es")
    sub = subscribe(browser, "+506 8888 0001")
    response = browser.post(f"/follow/messages/{sub.pk}/language/", {"language": "de"})
    assert response.status_code == 400
    body = response.content.decode()
    assert f'href="#lang-{sub.pk}"' in body
    assert "es, en, pt, fr" in body
    sub.refresh_from_db()
    assert sub.language == "es"


def test_someone_elses_subscription_is_a_404_and_changes_nothing(detained_case, issue):  # type: ignore[no-untyped-def]
    victim = follow(detained_case, issue(detained_case, "P2"), "es")
    theirs = subscribe(victim, "+506 8888 0002")
    accused = follow(detained_case, issue(detained_case, "P1"), "es")
    for pk in (theirs.pk, theirs.pk + 1000):
        response = accused.post(f"/follow/messages/{pk}/language/", {"language": "en"})
        assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.language == "es"


def test_signed_out_nothing_changes(detained_case, issue):  # type: ignore[no-untyped-def]
    sub = subscribe(follow(detained_case, issue(detained_case, "P1"), "es"), "+506 8888 0001")
    response = Client().post(f"/follow/messages/{sub.pk}/language/", {"language": "en"})
    assert response.status_code == 302
    assert response["Location"] == "/follow/"
    sub.refresh_from_db()
    assert sub.language == "es"
