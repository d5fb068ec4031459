"""QA finding 1: moving the end day from 14 to 15 December changed the juvenile count
21→22 and section 05 male 8→9: one juvenile boy, recovered by difference. The public
pages now publish fixed scopes only (a closed year of a whole jurisdiction) and refuse,
naming it, any period or court a reader picks; court staff may still choose, and are
told their figures are not for publication."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from expediente.access.models import Membership, User
from expediente.docket.models import Court
from tests.court.forms.conftest import signed_in
from tests.stats.conftest import TODAY

DAY_BEFORE = {"jurisdiction": "cr", "start": "2024-01-01", "end": "2024-12-14"}
DAY_AFTER = {**DAY_BEFORE, "end": "2024-12-15"}


def _courts(body: bytes) -> set[str]:
    return {row["courts"] for row in csv.DictReader(io.StringIO(body.decode()))}


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch, settings) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize("path", ["/stats/", "/stats/download.csv", "/stats/download.sdmx.csv"])
@pytest.mark.parametrize("query", [DAY_BEFORE, DAY_AFTER])
def test_a_reader_cannot_pick_the_days_to_difference(demo, path, query) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(path, query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    text = response.content.decode()
    assert "“start”: the public figures are published for whole closed years only" in text
    assert "2024-12-1" not in response.get("Content-Disposition", "")


def test_a_reader_cannot_pick_courts(demo) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(
        "/stats/download.csv", {"jurisdiction": "cr", "year": "2024", "court": "sj-juvenil"},
        HTTP_ACCEPT_LANGUAGE="en",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.content.decode().startswith("courts: “court”: the public figures are for")


def test_the_refusal_is_in_the_readers_language(demo) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/stats/", DAY_AFTER, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert "años cerrados" in response.content.decode()


@pytest.mark.parametrize(
    ("year", "words"),
    [
        ("2025", "Only closed years are published: 2025 ends on 31 December 2025"),
        ("2099", "Only closed years are published"),
        ("24", "Enter a year as four digits"),
        ("2024-06", "Enter a year as four digits"),
    ],
)
def test_a_year_not_closed_or_not_a_year_is_named(demo, year, words) -> None:  # type: ignore[no-untyped-def]
    response = Client().get(
        "/stats/", {"jurisdiction": "cr", "year": year}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert words in html
    assert 'href="#f-year"' in html
    assert 'id="fig-' not in html


def test_a_closed_year_of_the_whole_jurisdiction_is_published(demo) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/stats/download.csv", {"jurisdiction": "cr", "year": "2024"})
    assert response.status_code == 200
    courts = {c.code for c in Court.objects.filter(jurisdiction__code="cr")}
    assert _courts(response.content) == {" ".join(sorted(courts))}
    assert "not-for-publication" not in response["Content-Disposition"]


def test_court_staff_may_choose_days_and_their_courts_not_for_publication(demo) -> None:  # type: ignore[no-untyped-def]
    court = Court.objects.get(code="sj-penal")
    user = User.objects.create_user("ana.clerk", password="una-clave-larga-2026")
    Membership.objects.create(user=user, court=court, role="clerk")
    client = signed_in(user)
    before = client.get("/stats/", DAY_BEFORE)
    after = client.get("/stats/download.csv", DAY_AFTER)
    assert before.status_code == after.status_code == 200
    assert "Not for publication." in before.content.decode()
    assert 'name="court" value="sj-penal"' in before.content.decode()
    assert 'value="sj-juvenil"' not in before.content.decode()  # not one of hers
    assert "not-for-publication" in after["Content-Disposition"]
    assert _courts(after.content) == {"sj-penal"}
    other = client.get("/stats/", {**DAY_AFTER, "court": "sj-juvenil"})
    assert other.status_code == 400
    assert "sj-juvenil: you compute statistics only for the courts you work in" in (
        other.content.decode()
    )


def test_staff_read_another_jurisdiction_as_the_public_does(demo) -> None:  # type: ignore[no-untyped-def]
    """A Costa Rican clerk asking for Brazil's figures (she has no court there) is given
    its public release, a closed year of the whole jurisdiction; she was refused it."""
    assert Court.objects.filter(jurisdiction__code="br").exists()  # the demo's vara
    user = User.objects.create_user("ana.clerk", password="una-clave-larga-2026")
    Membership.objects.create(user=user, court=Court.objects.get(code="sj-penal"), role="clerk")
    client = signed_in(user)
    public = client.get("/stats/", {"jurisdiction": "br", "year": "2024"})
    assert public.status_code == 200
    assert "Not for publication." not in public.content.decode()
    # and as the public, she may not pick days there
    picked = client.get("/stats/", {"jurisdiction": "br", "start": "2024-01-01"})
    assert picked.status_code == 400
