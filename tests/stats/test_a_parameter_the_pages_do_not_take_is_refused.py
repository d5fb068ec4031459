"""A query parameter the statistics pages do not take is refused (400), named, with
those they take, in the reader's language; and a signed-in clerk's ``year`` is honoured.

QA: /stats/?period=2026-Q3, ?courts=sj-penal and download.csv?period=… answered 200
with another period or scope than asked; a clerk's year=2024 gave her 2025."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from expediente.access.models import Membership, User
from expediente.docket.models import Court
from tests.court.forms.conftest import signed_in
from tests.stats.conftest import TODAY

QUERY = {"jurisdiction": "cr", "year": "2024"}


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch, settings) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize(
    ("path", "extra", "named"),
    [
        ("/stats/", {"period": "2026-Q3"}, "“period”"),
        ("/stats/", {"courts": "sj-penal"}, "“courts”"),
        ("/stats/", {"lang": "es"}, "“lang”"),
        ("/stats/download.csv", {"period": "2026-Q3"}, "“period”"),
        ("/stats/download.sdmx.csv", {"periodo": "2024", "x": "1"}, "“periodo”, “x”"),
    ],
)
def test_an_unknown_parameter_is_named_with_those_taken(demo, path, extra, named) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(path, {**QUERY, **extra}, HTTP_ACCEPT_LANGUAGE="en")
    body = response.content.decode()
    assert response.status_code == 400
    assert named in body
    assert "it takes jurisdiction, year" in body


def test_a_shared_links_tracking_parameters_do_not_stop_it(demo) -> None:  # type: ignore[no-untyped-def]
    """A link to the figures shared in a post or a newsletter gets fbclid, gclid or utm_*
    added on the way: the page must still open, the same as without them."""
    plain = Client().get("/stats/", QUERY, HTTP_ACCEPT_LANGUAGE="en")
    shared = Client().get(
        "/stats/",
        {**QUERY, "fbclid": "IwAR0x", "utm_source": "newsletter", "utm_medium": "email"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert shared.status_code == plain.status_code == 200
    assert Client().get("/stats/download.csv", {**QUERY, "gclid": "abc"}).status_code == 200


def test_the_downloads_take_lang(demo) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/stats/download.csv", {**QUERY, "lang": "es"})
    assert response.status_code == 200


def test_the_refusal_is_in_the_readers_language(demo) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/stats/", {**QUERY, "period": "2026-Q3"}, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert "“period”" in response.content.decode()
    assert 'lang="es"' in response.content.decode()


def _clerk() -> Client:
    user = User.objects.create_user("ana.clerk", password="una-clave-larga-2026")
    Membership.objects.create(user=user, court=Court.objects.get(code="sj-penal"), role="clerk")
    return signed_in(user)


def test_a_clerk_s_year_is_honoured(demo) -> None:  # type: ignore[no-untyped-def]
    client = _clerk()
    # not the default year (2024, the last closed one): it was ignored and gave that
    query = {**QUERY, "year": "2023"}
    page = client.get("/stats/", query, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "From 1 January 2023 to 31 December 2023." in page.content.decode()
    rows = csv.DictReader(io.StringIO(client.get("/stats/download.csv", query).content.decode()))
    assert {r["period_start"] for r in rows} == {"2023-01-01"}


def test_a_clerk_s_year_and_days_together_are_refused(demo) -> None:  # type: ignore[no-untyped-def]
    response = _clerk().get(
        "/stats/", {**QUERY, "start": "2024-03-01", "end": "2024-06-30"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "Choose a year, or a period from a day to a day, not both." in response.content.decode()


def test_a_clerk_s_unknown_parameter_lists_the_staff_s(demo) -> None:  # type: ignore[no-untyped-def]
    response = _clerk().get("/stats/", {**QUERY, "courts": "sj-penal"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "it takes jurisdiction, year, start, end, court" in response.content.decode()
