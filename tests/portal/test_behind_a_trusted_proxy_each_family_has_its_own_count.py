"""Behind the court's reverse proxy every request comes from the proxy's address. With
the proxy named in EXPEDIENTE_TRUSTED_PROXIES, failed code sign-ins are counted per
client (the address the proxy appends to X-Forwarded-For), so one person's guessing
does not lock out every family; a header the client writes itself is not believed, and
without a trusted proxy the header is never read."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory, override_settings

from expediente.access.client_address import client_address, parse_proxies

PROXY = "10.0.0.1"
ATTACKER, FAMILY = "203.0.113.7", "198.51.100.20"


def address(remote, forwarded, trusted):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    with override_settings(EXPEDIENTE_TRUSTED_PROXIES=tuple(trusted)):
        return client_address(RequestFactory().get("/", **extra))


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        # no trusted proxy: the header is never read
        (PROXY, FAMILY, (), PROXY),
        # from the trusted proxy: the address it appended
        (PROXY, FAMILY, (PROXY,), FAMILY),
        # what the client wrote itself stands to the left and is not believed
        (PROXY, f"6.6.6.6, {FAMILY}", (PROXY,), FAMILY),
        # two proxies of the court's network in a row
        (PROXY, f"{FAMILY}, 10.0.0.2", ("10.0.0.0/8",), FAMILY),
        # a request that did not come through the proxy: its header proves nothing
        (ATTACKER, FAMILY, (PROXY,), ATTACKER),
        # the proxy sent no header, or a broken one: the proxy's own address counts
        (PROXY, None, (PROXY,), PROXY),
        (PROXY, "not-an-address", (PROXY,), PROXY),
        # IPv6
        ("::1", "2001:db8::5", ("::1",), "2001:db8::5"),
    ],
)
def test_the_client_address_is_the_one_the_trusted_proxy_saw(remote, forwarded, trusted, expected):
    assert address(remote, forwarded, trusted) == expected


def test_the_setting_names_a_bad_entry():
    assert parse_proxies(" 10.0.0.1 , 10.1.0.0/16,,::1 ") == ("10.0.0.1", "10.1.0.0/16", "::1")
    with pytest.raises(ImproperlyConfigured) as caught:
        parse_proxies("10.0.0.1, proxy.internal")
    assert "EXPEDIENTE_TRUSTED_PROXIES" in str(caught.value)
    assert "'proxy.internal'" in str(caught.value)


def sign_in(client_ip, number, code="2222-3333-4444"):
    client = Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip)
    return client.post("/follow/", {"case_number": number, "code": code})


def test_one_persons_guessing_does_not_lock_out_another_family(detained_case, issue, settings):
    settings.EXPEDIENTE_TRUSTED_PROXIES = (PROXY,)
    settings.PORTAL_CODE_IP_FAILURES = 3
    code = issue(detained_case, "P1")
    answers = [sign_in(ATTACKER, f"26-{n:06d}-0042-PE").status_code for n in range(100, 104)]
    assert answers[-1] == 429  # the guesser's address is locked
    assert sign_in(ATTACKER, detained_case.nuid, code).status_code == 429
    # the family, through the same proxy, signs in
    assert sign_in(FAMILY, detained_case.nuid, code).status_code == 302


def test_without_the_proxy_named_everyone_behind_it_shares_one_count(
    detained_case, issue, settings
):
    settings.EXPEDIENTE_TRUSTED_PROXIES = ()
    settings.PORTAL_CODE_IP_FAILURES = 3
    code = issue(detained_case, "P1")
    for n in range(100, 104):
        sign_in(ATTACKER, f"26-{n:06d}-0042-PE")
    assert sign_in(FAMILY, detained_case.nuid, code).status_code == 429
