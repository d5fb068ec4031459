"""A victim writes a request for protection slowly; the portal session ends after 20
idle minutes; she presses "Send to the court". Nothing is filed, and nothing is lost:
the sign-in page says her request was NOT sent and that the session had ended, and
once she signs in again she is back on the form with her text, told to check it and
send it again. Someone else signing in on the same browser is not shown it; a
sign-out forgets it and says she signed out."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client
from django.utils import timezone

from expediente.petitions.models import Petition
from expediente.portal.participant_session import KEY
from tests.portal.conftest import text_of

SHE_WRITES = "Me sigue esperando fuera de mi trabajo. Tengo miedo de que me haga daño."
FORM = "/follow/ask/protective_measure/"


def sign_in(client: Client, case, code):  # type: ignore[no-untyped-def]
    response = client.post("/follow/", {"case_number": case.nuid, "code": code})
    assert response.status_code == 302
    return response


def idle_for(client: Client, minutes: int) -> None:
    session = client.session
    data = session[KEY]
    data["seen"] = (timezone.now() - dt.timedelta(minutes=minutes)).isoformat()
    session[KEY] = data
    session.save()


def token_of(client: Client) -> str:
    body = client.get(FORM).content.decode()
    return re.search(r'name="token" value="([^"]+)"', body)[1]  # type: ignore[index]


def test_her_request_is_kept_and_she_is_told_it_was_not_sent(detained_case, issue):  # type: ignore[no-untyped-def]
    code = issue(detained_case, "P2")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, detained_case, code)
    token = token_of(client)
    idle_for(client, 21)
    response = client.post(FORM, {"text": SHE_WRITES, "token": token})
    assert response.status_code == 302
    assert response["Location"] == "/follow/"
    assert SHE_WRITES not in response["Location"]
    assert not Petition.objects.exists()
    told = text_of(client.get("/follow/").content.decode())
    assert "Your request was NOT sent: your session had ended." in told
    assert "Your session ended after 20 minutes without activity." in told
    # signing in again takes her back to the form, her text in it
    assert sign_in(client, detained_case, code)["Location"] == FORM
    form = client.get(FORM).content.decode()
    assert SHE_WRITES in text_of(form)
    assert (
        "Your session had ended; your request was NOT sent. Check it and send it again."
        in text_of(form)
    )
    token = re.search(r'name="token" value="([^"]+)"', form)[1]  # type: ignore[index]
    sent = client.post(FORM, {"text": SHE_WRITES, "token": token})
    assert sent.status_code == 302
    assert "/follow/receipt/" in sent["Location"]
    assert Petition.objects.count() == 1
    # given back once: the form is empty again afterwards
    assert SHE_WRITES not in text_of(client.get(FORM).content.decode())


def test_someone_else_signing_in_on_the_browser_does_not_see_it(detained_case, issue):  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, detained_case, issue(detained_case, "P2"))
    token = token_of(client)
    idle_for(client, 21)
    client.post(FORM, {"text": SHE_WRITES, "token": token})
    assert "Your request was NOT sent" in text_of(client.get("/follow/").content.decode())
    # the accused's code on the same browser: his case page, never her text
    assert sign_in(client, detained_case, issue(detained_case, "P1"))["Location"] == (
        "/follow/case/"
    )
    assert SHE_WRITES not in text_of(client.get("/follow/case/").content.decode())
    assert not Petition.objects.exists()


def test_a_sign_out_says_so_and_forgets_the_kept_request(detained_case, issue):  # type: ignore[no-untyped-def]
    code = issue(detained_case, "P2")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, detained_case, code)
    response = client.post("/follow/sign-out/", follow=True)
    assert "You signed out." in text_of(response.content.decode())
    assert "without activity" not in text_of(response.content.decode())
    # a request kept from an ended session is forgotten by a sign-out
    sign_in(client, detained_case, code)
    token = token_of(client)
    idle_for(client, 21)
    client.post(FORM, {"text": SHE_WRITES, "token": token})
    client.post("/follow/sign-out/")
    assert sign_in(client, detained_case, code)["Location"] == "/follow/case/"
    assert SHE_WRITES not in text_of(client.get(FORM).content.decode())


def test_a_timed_out_session_lands_on_the_sign_in_saying_why(detained_case, issue):  # type: ignore[no-untyped-def]
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, detained_case, issue(detained_case, "P2"))
    idle_for(client, 21)
    response = client.get("/follow/case/", follow=True)
    assert response.redirect_chain[-1][0] == "/follow/"
    assert "Your session ended after 20 minutes without activity." in text_of(
        response.content.decode()
    )


def test_signed_out_in_another_tab_her_text_is_shown_back_and_kept_for_nobody(detained_case, issue):  # type: ignore[no-untyped-def]
    """She signs out in one tab, then presses Send on the form still open in another:
    whose text it is is no longer known, so it is shown back once and kept for nobody
    (it was kept for anyone: the accused signing in next was given her text)."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, detained_case, issue(detained_case, "P2"))
    token = token_of(client)
    client.post("/follow/sign-out/")
    response = client.post(FORM, {"text": SHE_WRITES, "token": token})
    assert response.status_code == 200
    shown = text_of(response.content.decode())
    assert "Your request was NOT sent" in shown
    assert SHE_WRITES in shown
    assert not Petition.objects.exists()
    # the accused signing in next on this browser lands on his own page, her text not kept
    assert sign_in(client, detained_case, issue(detained_case, "P1"))["Location"] == (
        "/follow/case/"
    )
    assert SHE_WRITES not in text_of(client.get("/follow/case/").content.decode())
    assert SHE_WRITES not in text_of(client.get("/follow/").content.decode())


def test_with_the_whole_session_gone_the_text_is_kept_for_nobody(detained_case, issue):  # type: ignore[no-untyped-def]
    """The 8-hour session cookie expired (or the browser was closed and its tab restored):
    a fresh session, so nothing says whose the text was."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    sign_in(client, detained_case, issue(detained_case, "P2"))
    token = token_of(client)
    client.cookies.pop("sessionid", None)
    response = client.post(FORM, {"text": SHE_WRITES, "token": token})
    assert response.status_code == 200
    assert SHE_WRITES in text_of(response.content.decode())
    sign_in(client, detained_case, issue(detained_case, "P1"))
    assert SHE_WRITES not in text_of(
        client.get(FORM.replace("protective_measure", "information_request")).content.decode()
    )
    assert not Petition.objects.exists()
