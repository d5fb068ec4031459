"""The accused knows the case number. Wrong codes he types for it, from his own phone,
lock out only his connection: the victim, holding her code, still opens her page from
hers, and the page that stops him says what happened without blaming the reader, when
to try again, and where else to turn."""

import html

import pytest
from django.test import Client

from expediente.access.models import CodeThrottle

ACCUSED, VICTIM = "203.0.113.7", "198.51.100.20"
PROXY = "10.0.0.1"
WRONG = "2222-3333-4444"


def browser(address: str, **extra) -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=address, **extra)


def sign_in(client: Client, number: str, code: str = WRONG):
    return client.post("/follow/", {"case_number": number, "code": code})


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_accused_s_wrong_codes_do_not_stop_the_victim_s_right_code(detained_case, issue):
    code = issue(detained_case, "P2")  # the victim
    accused = browser(ACCUSED)
    answers = [sign_in(accused, detained_case.nuid).status_code for _ in range(12)]
    assert answers[:4] == [200] * 4
    assert set(answers[4:]) == {429}  # his connection is stopped
    victim = browser(VICTIM)
    response = sign_in(victim, detained_case.nuid, code)
    assert response.status_code == 302
    assert response["Location"] == "/follow/case/"
    assert victim.get("/follow/case/").status_code == 200


def test_behind_the_court_s_proxy_too(detained_case, issue, settings):
    settings.EXPEDIENTE_TRUSTED_PROXIES = (PROXY,)
    code = issue(detained_case, "P2")
    accused = browser(PROXY, HTTP_X_FORWARDED_FOR=ACCUSED)
    for _ in range(6):
        sign_in(accused, detained_case.nuid)
    assert sign_in(accused, detained_case.nuid).status_code == 429
    victim = browser(PROXY, HTTP_X_FORWARDED_FOR=VICTIM)
    assert sign_in(victim, detained_case.nuid, code).status_code == 302


def test_the_accused_stays_throttled_on_the_case_and_across_cases(detained_case, issue):
    code = issue(detained_case, "P2")
    accused = browser(ACCUSED)
    for _ in range(5):
        sign_in(accused, detained_case.nuid)
    # locked on this case: not one more code is checked for him, not even a right one;
    # the victim, from her connection, is let in
    assert sign_in(accused, detained_case.nuid, code).status_code == 429
    assert sign_in(browser(VICTIM), detained_case.nuid, code).status_code == 302
    # spraying other case numbers: the twentieth failure locks his address for an hour
    other = browser("203.0.113.8")
    answers = [sign_in(other, f"26-{n:06d}-0042-PE") for n in range(100, 120)]
    assert [a.status_code for a in answers[:19]] == [200] * 19
    assert answers[19].status_code == 429
    assert "try again in 60 minutes" in text(answers[19])
    assert sign_in(other, detained_case.nuid, code).status_code == 429


def test_the_lock_says_what_happened_when_to_try_again_and_where_else_to_turn(detained_case, issue):
    issue(detained_case, "P2")
    accused = browser(ACCUSED)
    for _ in range(4):
        sign_in(accused, detained_case.nuid)
    response = sign_in(accused, detained_case.nuid)
    body = text(response)
    assert (
        "Too many wrong access codes were typed from this connection. You can try again "
        "in 15 minutes." in body
    )
    assert "Too many attempts" not in body
    assert "For your security" not in body
    assert "call or go to the court named on your notice" in body
    # the court's pack (cr) gives the emergency number
    assert 'If you are in danger, call <a href="tel:911">911</a>' in response.content.decode()


def test_the_same_page_whether_the_case_exists_or_not(detained_case, issue):
    issue(detained_case, "P2")
    known, unknown = browser(ACCUSED), browser("203.0.113.9")
    for _ in range(5):
        a = sign_in(known, detained_case.nuid)
        b = sign_in(unknown, "26-999999-0042-PE")
    assert a.status_code == b.status_code == 429
    strip = [(detained_case.nuid, "N"), ("26-999999-0042-PE", "N")]
    bodies = []
    for response in (a, b):
        body = response.content.decode()
        for old, new in strip:
            body = body.replace(old, new)
        bodies.append(_without_token(body))
    assert bodies[0] == bodies[1]
    assert "typed from this connection" in bodies[0]


def _without_token(body: str) -> str:
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)


@pytest.mark.parametrize(("minutes", "says"), [(1, "in 1 minute."), (15, "in 15 minutes.")])
def test_one_minute_is_said_in_the_singular(minutes, says, db):
    from expediente.portal.follow_views import locked_message

    assert locked_message(minutes).endswith(says)


def test_nothing_counts_against_the_case_number_alone(detained_case, issue):
    issue(detained_case, "P2")
    sign_in(browser(ACCUSED), detained_case.nuid)
    kinds = sorted(r.key.split(":")[0] for r in CodeThrottle.objects.all())
    assert kinds == ["ip", "pair"]


def test_an_account_adding_a_code_gets_the_same_lock_and_message(detained_case, issue):
    from tests.portal.conftest import lawyer_client

    code = issue(detained_case, "P2")
    accused = browser(ACCUSED)
    for _ in range(5):
        sign_in(accused, detained_case.nuid)
    web, _user = lawyer_client("ana.rojas")  # the victim's own account, another address
    added = web.post("/my/add/", {"case_number": detained_case.nuid, "code": code})
    assert added.status_code == 302
    for _ in range(4):
        web.post("/my/add/", {"case_number": "26-999999-0042-PE", "code": WRONG})
    locked = web.post("/my/add/", {"case_number": "26-999999-0042-PE", "code": WRONG})
    assert locked.status_code == 429
    assert "Too many wrong access codes were typed from this connection" in text(locked)
