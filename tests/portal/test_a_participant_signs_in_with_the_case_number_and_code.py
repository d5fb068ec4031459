"""The sister's way in: the case number and the code from the notice open the case page,
bound to that participation; a wrong code says the same for every case number."""

import datetime as dt
import html

from django.test import Client
from django.utils import timezone

from expediente.access.participant_codes import code_revoke
from expediente.portal.participant_session import KEY
from tests.portal.conftest import headings


def sign_in(client: Client, number: str, code: str, **extra):
    return client.post("/follow/", {"case_number": number, "code": code}, **extra)


def test_the_right_code_opens_the_case_page(detained_case, issue):
    code = issue(detained_case, "P1")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = sign_in(client, detained_case.nuid, code)
    assert response.status_code == 302
    assert response["Location"] == "/follow/case/"
    page = client.get("/follow/case/").content.decode()
    assert f"Case {detained_case.nuid}" in headings(page)


def test_signing_in_gives_a_new_session_key(detained_case, issue):
    code = issue(detained_case, "P1")
    client = Client()
    client.get("/follow/")
    client.session.save()
    before = client.session.session_key
    sign_in(client, detained_case.nuid, code)
    assert client.session.session_key != before
    assert client.session[KEY]["participant"] == "P1"


def test_a_wrong_code_and_an_unknown_case_get_the_same_page(detained_case, issue):
    issue(detained_case, "P1")
    known = sign_in(Client(HTTP_ACCEPT_LANGUAGE="en"), detained_case.nuid, "2222-3333-4444")
    unknown = sign_in(Client(HTTP_ACCEPT_LANGUAGE="en"), "26-999999-0042-PE", "2222-3333-4444")
    assert known.status_code == unknown.status_code == 200
    strip = detained_case.nuid
    body_known = known.content.decode().replace(strip, "N")
    body_unknown = unknown.content.decode().replace("26-999999-0042-PE", "N")
    assert "do not match" in body_known
    assert _without_token(body_known) == _without_token(body_unknown)


def _without_token(body: str) -> str:
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)


def test_repeated_failures_lock_out_with_the_minutes_to_wait(detained_case, issue):
    code = issue(detained_case, "P1")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    for _ in range(4):
        assert sign_in(client, detained_case.nuid, "2222-3333-4444").status_code == 200
    locked = sign_in(client, detained_case.nuid, "2222-3333-4444")
    assert locked.status_code == 429
    assert "Too many wrong access codes were typed from this connection" in html.unescape(
        locked.content.decode()
    )
    assert "try again in 15 minutes" in locked.content.decode()
    assert sign_in(client, detained_case.nuid, code).status_code == 429


def test_a_malformed_code_is_explained_next_to_the_field(detained_case):
    response = sign_in(Client(HTTP_ACCEPT_LANGUAGE="en"), detained_case.nuid, "abc")
    assert response.status_code == 400
    body = response.content.decode()
    assert 'href="#id_code"' in body
    assert "The access code has 12 letters and digits" in body
    assert 'aria-invalid="true"' in body


def test_an_empty_case_number_is_explained_next_to_the_field():
    response = sign_in(Client(HTTP_ACCEPT_LANGUAGE="en"), "", "2222-3333-4444")
    assert response.status_code == 400
    assert "Enter the case number as it appears on your notice" in response.content.decode()


def test_the_case_page_needs_a_signed_in_participant(db):
    response = Client().get("/follow/case/")
    assert response.status_code == 302
    assert response["Location"] == "/follow/"


def test_signing_out_ends_the_session(detained_case, issue):
    code = issue(detained_case, "P1")
    client = Client()
    sign_in(client, detained_case.nuid, code)
    assert client.post("/follow/sign-out/").status_code == 302
    assert client.get("/follow/case/")["Location"] == "/follow/"


def test_an_idle_session_ends(detained_case, issue, settings):
    code = issue(detained_case, "P1")
    client = Client()
    sign_in(client, detained_case.nuid, code)
    session = client.session
    data = session[KEY]
    data["seen"] = (timezone.now() - dt.timedelta(minutes=21)).isoformat()
    session[KEY] = data
    session.save()
    assert client.get("/follow/case/")["Location"] == "/follow/"


def test_revoking_the_code_ends_a_session_it_opened(detained_case, issue, court_clerk):
    code = issue(detained_case, "P1")
    client = Client()
    sign_in(client, detained_case.nuid, code)
    assert client.get("/follow/case/").status_code == 200
    code_revoke(case=detained_case, participant="P1", actor=court_clerk)
    assert client.get("/follow/case/")["Location"] == "/follow/"


def test_a_revoked_code_says_why_the_session_ended_and_nothing_about_the_case(
    detained_case, issue, court_clerk
):
    # the page used to drop to the sign-in form without a word
    code = issue(detained_case, "P1")
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    sign_in(client, detained_case.nuid, code)
    code_revoke(case=detained_case, participant="P1", actor=court_clerk)
    page = client.get("/follow/case/", follow=True).content.decode()
    assert "El código de acceso que usaba ya no funciona" in page
    assert "Pida un código nuevo en la oficina del tribunal" in page
    assert detained_case.nuid not in page
    assert detained_case.court.name not in page
    # said once: the next visit is an ordinary sign-in page
    assert "ya no funciona" not in client.get("/follow/").content.decode()


def test_a_new_code_given_to_the_family_tells_the_old_session_in_its_language(
    detained_case, issue, court_clerk
):
    old = issue(detained_case, "P1")
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    sign_in(client, detained_case.nuid, old)
    issue(detained_case, "P1")  # the court gives a new code: the old one stops
    page = html.unescape(client.get("/follow/case/", follow=True).content.decode())
    assert "Le code d'accès que vous utilisiez ne fonctionne plus" in page


def test_an_idle_session_or_a_stranger_is_not_told_of_a_stopped_code(detained_case, issue):
    code = issue(detained_case, "P1")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, detained_case.nuid, code)
    session = client.session
    data = session[KEY]
    data["seen"] = (timezone.now() - dt.timedelta(minutes=21)).isoformat()
    session[KEY] = data
    session.save()
    assert "no longer works" not in client.get("/follow/case/", follow=True).content.decode()
    assert "no longer works" not in Client().get("/follow/").content.decode()


def test_the_qr_address_fills_in_the_case_number(detained_case):
    body = Client().get(f"/follow/?case_number={detained_case.nuid}").content.decode()
    assert f'value="{detained_case.nuid}"' in body
