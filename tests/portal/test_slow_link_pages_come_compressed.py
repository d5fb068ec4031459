"""Families read on cheap phones over slow links: a page comes gzip-compressed to a
browser that says it can read it (Accept-Encoding: gzip), and unpacks to the very page
an older client gets uncompressed. QA measured /stats/ at 70 KB and /follow/case/ at
13 KB, sent as they were. HEAD /follow/ (a link checker, a phone probing a saved link)
was refused with 405; it is answered as GET is, without the body."""

from __future__ import annotations

import gzip
import re

from django.test import Client

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def same_page(body: bytes) -> str:
    """The page with its CSRF token blanked: Django masks the token afresh in every
    response (one of its defences against BREACH), so two fetches differ only there."""
    return re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+', r"\1…", body.decode())


def fetch_both_ways(client: Client, path: str) -> tuple[bytes, bytes]:
    """``path`` fetched plainly and gzip-accepting: the plain body, the unpacked one."""
    plain = client.get(path)
    assert plain.status_code == 200
    assert not plain.has_header("Content-Encoding")
    packed = client.get(path, **GZIP)
    assert packed.status_code == 200
    assert packed["Content-Encoding"] == "gzip", f"{path} came uncompressed"
    assert "Accept-Encoding" in packed["Vary"]
    # (up to 100 random bytes pad every compressed body: Django's defence against BREACH)
    assert len(packed.content) < len(plain.content) * 2 / 3, (len(packed.content), path)
    return plain.content, gzip.decompress(packed.content)


def test_the_sign_in_page_comes_compressed(db):
    plain, unpacked = fetch_both_ways(Client(HTTP_ACCEPT_LANGUAGE="es"), "/follow/")
    assert same_page(unpacked) == same_page(plain)
    assert "csrfmiddlewaretoken" in same_page(plain)


def test_the_case_page_comes_compressed(detained_case, issue):
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    signed_in = client.post(
        "/follow/", {"case_number": detained_case.nuid, "code": issue(detained_case, "P1")}
    )
    assert signed_in.status_code == 302
    plain, unpacked = fetch_both_ways(client, "/follow/case/")
    assert same_page(unpacked) == same_page(plain)
    assert "días de detención" in same_page(unpacked)


def test_the_statistics_and_their_download_come_compressed(detained_case):
    client = Client(HTTP_ACCEPT_LANGUAGE="es")
    plain, unpacked = fetch_both_ways(client, "/stats/")
    assert same_page(unpacked) == same_page(plain)
    assert len(plain) > 10_000  # a heavy page, even with one case
    # the figures as a CSV file: still a download, compressed on the way
    path = "/stats/download.csv"
    plain, unpacked = fetch_both_ways(client, path)
    assert unpacked == plain
    response = client.get(path, **GZIP)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="expediente-cr-')


def test_head_of_the_sign_in_page_is_answered_as_get_without_a_body(db):
    client = Client()
    head = client.head("/follow/")
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == client.get("/follow/")["Content-Type"]


def test_head_of_the_case_page_is_answered_as_get(detained_case, issue):
    client = Client()
    assert client.head("/follow/case/").status_code == 302  # not signed in: as GET
    client.post("/follow/", {"case_number": detained_case.nuid, "code": issue(detained_case, "P1")})
    head = client.head("/follow/case/")
    assert head.status_code == 200
    assert head.content == b""
    assert client.head("/follow/").status_code == 302  # signed in: on to the case, as GET


def test_head_of_the_case_page_is_no_read_of_the_case(detained_case, issue):
    # a phone probing a saved link must not show up in "who viewed my case"
    from expediente.access.access_log import AccessRecord

    client = Client()
    client.post("/follow/", {"case_number": detained_case.nuid, "code": issue(detained_case, "P1")})
    before = AccessRecord.objects.filter(case=detained_case).count()
    assert client.head("/follow/case/").status_code == 200
    assert AccessRecord.objects.filter(case=detained_case).count() == before
    client.get("/follow/case/")
    assert AccessRecord.objects.filter(case=detained_case).count() > before  # a GET is
