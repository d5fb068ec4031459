import datetime as dt

from django_otp.plugins.otp_totp.models import TOTPDevice

from expediente.access.models import User
from tests.court.conftest import PASSWORD, code_for, sign_in
from tests.portal.test_the_chosen_language_is_remembered import next_code


def test_the_workspace_sends_a_stranger_to_sign_in(client, db):
    response = client.get("/court/")
    assert response.status_code == 302
    assert response["Location"].startswith("/court/sign-in/")


def test_a_wrong_password_is_refused_on_the_form(client, staff_user):
    response = sign_in(client, password="nope")
    assert response.status_code == 200
    assert "Enter a correct user name and password" in response.content.decode()
    assert client.get("/court/").status_code == 302


def test_a_password_alone_does_not_open_the_workspace(client, enrolled):
    response = sign_in(client)
    assert response["Location"].startswith("/court/sign-in/code/")
    assert client.get("/court/")["Location"].startswith("/court/sign-in/code/")


def test_a_correct_code_opens_the_workspace(client, enrolled):
    sign_in(client)
    response = client.post("/court/sign-in/code/", {"code": code_for(enrolled)})
    assert response.status_code == 302
    page = client.get("/court/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "My courts" in page
    assert "Juzgado Penal de San José" in page


def test_a_wrong_code_is_refused_next_to_the_field(client, enrolled):
    sign_in(client)
    wrong = f"{(int(code_for(enrolled)) + 1) % 1_000_000:06d}"
    response = client.post("/court/sign-in/code/", {"code": wrong}, HTTP_ACCEPT_LANGUAGE="en")
    assert "That code is not right" in response.content.decode()
    assert client.get("/court/").status_code == 302


def test_a_code_that_is_not_six_digits_says_how_to_fix_it(client, enrolled):
    sign_in(client)
    response = client.post("/court/sign-in/code/", {"code": "12ab"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Enter the 6 digits your authenticator app shows." in response.content.decode()


def test_a_new_staff_member_enrols_an_authenticator_first(client, staff_user):
    sign_in(client)
    page = client.get("/court/sign-in/code/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Set up your authenticator app" in page
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=staff_user)
    assert not device.confirmed
    client.post("/court/sign-in/code/", {"code": code_for(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/court/").status_code == 200


def test_someone_without_a_court_membership_is_told_so(client, court, db):
    User.objects.create_user("nobody", password="una-clave-larga-2026")
    sign_in(client, "nobody")
    client.get("/court/sign-in/code/")
    device = TOTPDevice.objects.get(user__username="nobody")
    client.post("/court/sign-in/code/", {"code": code_for(device)})
    response = client.get("/court/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "You are not a member of any court" in response.content.decode()


def test_five_failed_passwords_lock_the_account_on_that_address(client, staff_user):
    for _ in range(5):
        sign_in(client, password="wrong")
    response = sign_in(client)  # now even the right password is refused
    assert response.status_code == 429
    assert "Sign-in locked for 30 minutes" in response.content.decode()


def test_pages_carry_a_content_security_policy(client, db):
    response = client.get("/court/sign-in/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_after_a_wrong_code_the_right_one_is_asked_to_wait_not_called_wrong(client, enrolled):
    # the device refuses every code for a moment after a wrong one; the right code was
    # answered "That code is not right", and people retyped it again and again
    sign_in(client)
    wrong = f"{(int(code_for(enrolled)) + 1) % 1_000_000:06d}"
    client.post("/court/sign-in/code/", {"code": wrong}, HTTP_ACCEPT_LANGUAGE="en")
    response = client.post(
        "/court/sign-in/code/", {"code": code_for(enrolled)}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "After a wrong code, wait" in text
    assert "not right" not in text
    enrolled.refresh_from_db()
    enrolled.throttling_failure_timestamp -= dt.timedelta(seconds=10)  # the wait is over
    enrolled.save()
    response = client.post("/court/sign-in/code/", {"code": code_for(enrolled)})
    assert response.status_code == 302


def test_the_authenticator_key_is_never_sent_compressed(client, staff_user):
    # a compressed page's length can betray a secret it shows (BREACH); this one shows the
    # key until the device is confirmed, and echoes ?next=
    gzip = {"HTTP_ACCEPT_ENCODING": "gzip"}
    sign_in(client)
    enrolling = client.get("/court/sign-in/code/?next=/court/due/", **gzip)
    assert "<svg" in enrolling.content.decode()  # the key, as a QR code
    assert not enrolling.has_header("Content-Encoding")
    device = TOTPDevice.objects.get(user=staff_user)
    client.post("/court/sign-in/code/", {"code": code_for(device)})
    workspace = client.get("/court/", **gzip)  # the rest of the workspace is
    assert workspace["Content-Encoding"] == "gzip"


def test_the_language_chosen_on_another_device_comes_back_at_sign_in(client, enrolled):
    """A judge switched to English at the office; signing in from her phone, whose
    browser asks for Spanish, the workspace is in English again."""
    from django.test import Client

    office = Client()
    sign_in(office)
    office.post("/court/sign-in/code/", {"code": code_for(enrolled)})
    office.post("/language/", {"language": "en", "next": "/court/"})

    phone = Client(HTTP_ACCEPT_LANGUAGE="es")
    phone.post("/court/sign-in/", {"username": "maria.clerk", "password": PASSWORD})
    assert '<html lang="es">' in phone.get("/court/sign-in/code/").content.decode()
    enrolled.refresh_from_db()
    response = phone.post("/court/sign-in/code/", {"code": next_code(enrolled)})
    assert response.status_code == 302
    page = phone.get("/court/").content.decode()
    assert '<html lang="en">' in page
    assert "My courts" in page


def test_with_no_language_chosen_the_browsers_stays(client, enrolled):
    from django.test import Client

    phone = Client(HTTP_ACCEPT_LANGUAGE="es")
    phone.post("/court/sign-in/", {"username": "maria.clerk", "password": PASSWORD})
    response = phone.post("/court/sign-in/code/", {"code": code_for(enrolled)})
    assert "django_language" not in response.cookies
    assert '<html lang="es">' in phone.get("/court/").content.decode()


def test_a_language_chosen_on_the_code_page_wins_and_is_kept(client, enrolled):
    """Her account remembers Spanish; on the code page she switches to English: the
    workspace opens in English, and her account now remembers English."""
    from django.test import Client

    from expediente.portal.models import AccountLanguage

    AccountLanguage.objects.create(
        user=enrolled.user, language="es", chosen_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )
    phone = Client(HTTP_ACCEPT_LANGUAGE="es")
    phone.post("/court/sign-in/", {"username": "maria.clerk", "password": PASSWORD})
    phone.post("/language/", {"language": "en", "next": "/court/sign-in/code/"})
    phone.post("/court/sign-in/code/", {"code": code_for(enrolled)})
    assert '<html lang="en">' in phone.get("/court/").content.decode()
    assert AccountLanguage.objects.get(user=enrolled.user).language == "en"
