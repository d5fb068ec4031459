"""A missing page, a refusal, a bad request or a failure of the server is answered in
the site's own layout and the reader's language, in plain words, with a way back (the
participants' portal first), never Django's bare English page; the API keeps answering
its own problem details.

This module is also the URL configuration of the tests that need a view which fails
(``@pytest.mark.urls(__name__)``): the site's routes plus three that raise."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.template.loader import get_template
from django.test import Client
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext

from expediente.docket.models import Court
from expediente.urls import urlpatterns as site_urlpatterns
from tests.court.pages.conftest import signed_in, staff


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("a developer's message, in English")


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("a developer's message, in English")


urlpatterns = [
    path("test-errors/boom/", boom),
    path("test-errors/forbidden/", forbidden),
    path("test-errors/suspicious/", suspicious),
    *site_urlpatterns,
]

DJANGOS_OWN = ("The requested resource was not found on this server", "<h1>Not Found</h1>")


def in_(language: str, text: str) -> str:
    """``text`` as the page shows it in ``language`` (the source words until translated)."""
    with translation.override(language):
        return gettext(text)


def links(body: str) -> list[str]:
    main = body.split('<main id="main">', 1)[1]
    return re.findall(r'<a [^>]*href="([^"]+)"', main)


def html_lang(body: str) -> str:
    found = re.search(r'<html lang="([^"]+)">', body)
    assert found, body[:300]
    return found.group(1)


def in_the_sites_layout(body: str, language: str) -> None:
    assert html_lang(body) == language
    assert '<link rel="stylesheet" href="/static/expediente/site.css">' in body
    assert '<a href="/" class="brand">Expediente</a>' in body
    assert in_(language, "Skip to main content") in body
    for words in DJANGOS_OWN:
        assert words not in body


# ------------------------------------------------------------------------------ 404


@pytest.mark.parametrize(
    ("headers", "language"),
    [({"HTTP_ACCEPT_LANGUAGE": "es-CR,es;q=0.9"}, "es"), ({"HTTP_ACCEPT_LANGUAGE": "en"}, "en")],
    ids=["spanish browser", "english browser"],
)
def test_a_missing_page_is_a_404_in_the_sites_layout_and_the_browsers_language(
    client: Client, db: None, headers: dict[str, str], language: str
) -> None:
    response = client.get("/no-such-page/", **headers)
    assert response.status_code == 404
    body = response.content.decode()
    in_the_sites_layout(body, language)
    assert in_(language, "This page does not exist") in body
    assert in_(language, "Language") in body  # the language switcher of every page
    assert links(body)[:3] == ["/follow/", "/", "/public/"]
    assert in_(language, "Follow your case with the code from the court's notice") in body


def test_the_language_chosen_on_the_site_is_the_language_of_its_404(
    client: Client, db: None, settings: Any
) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/follow/nothing-here/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404
    body = response.content.decode()
    in_the_sites_layout(body, "en")
    assert "This page does not exist" in body


def test_with_no_language_asked_for_the_404_is_in_spanish(client: Client, db: None) -> None:
    body = client.get("/no-such-page/").content.decode()
    in_the_sites_layout(body, "es")


def test_a_case_a_clerk_may_not_see_is_a_404_with_the_way_back_to_her_courts(
    court: Court,
) -> None:
    staff("maria.clerk", court, "clerk", "María Mora")
    clerk = signed_in("maria.clerk")
    response = clerk.get("/court/cases/CR-NO-SUCH-CASE/")
    assert response.status_code == 404
    body = response.content.decode()
    in_the_sites_layout(body, "en")
    assert "/court/" in links(body)
    assert "Back to my courts" in body


def test_a_visitor_is_not_offered_the_workspace_on_a_404(client: Client, db: None) -> None:
    missing = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "/court/" not in links(missing)


@pytest.mark.parametrize("language", ["es", "en"])
def test_an_unknown_api_path_is_still_answered_in_problem_details(
    client: Client, db: None, language: str
) -> None:
    response = client.get("/api/v1/no-such-thing", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404
    assert "<html" not in response.content.decode()


# ------------------------------------------------------------------------- 403, 400


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ["es", "en"])
def test_a_refusal_is_a_403_in_the_sites_layout(client: Client, db: None, language: str) -> None:
    response = client.get("/test-errors/forbidden/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 403
    body = response.content.decode()
    in_the_sites_layout(body, language)
    assert in_(language, "You may not open this page") in body
    assert "a developer's message" not in body
    assert links(body)[:2] == ["/follow/", "/"]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ["es", "en"])
def test_a_suspicious_request_is_a_400_in_the_readers_language(
    client: Client, db: None, language: str
) -> None:
    response = client.get("/test-errors/suspicious/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    body = response.content.decode()
    in_the_sites_layout(body, language)
    assert in_(language, "This request could not be understood") in body
    assert "a developer's message" not in body
    assert links(body) == ["/follow/", "/"]


def test_a_host_the_site_does_not_serve_is_a_400_in_the_readers_language(
    client: Client, db: None
) -> None:
    response = client.get("/", HTTP_HOST="elsewhere.example", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    body = response.content.decode()
    in_the_sites_layout(body, "en")
    assert "This request could not be understood" in body


# ------------------------------------------------------------------------------ 500


@pytest.fixture
def browser_of_a_reader(db: None) -> Client:
    """A client that gets the server's answer to a failure, as a browser does."""
    return Client(raise_request_exception=False)


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ["es", "en"])
def test_a_failure_is_a_500_in_the_readers_language_without_the_database(
    browser_of_a_reader: Client,
    language: str,
    django_assert_num_queries: Any,
) -> None:
    with django_assert_num_queries(0):
        response = browser_of_a_reader.get("/test-errors/boom/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 500
    body = response.content.decode()
    in_the_sites_layout(body, language)
    assert in_(language, "Something went wrong on our side") in body
    assert "a bug" not in body
    assert links(body) == ["/follow/", "/"]


def test_the_500_page_needs_no_context_at_all() -> None:
    """Django renders 500.html (and 400.html) with an empty context: no request, no
    context processors, no database (this test has none)."""
    for name, heading in (
        ("500.html", "Something went wrong on our side"),
        ("400.html", "This request could not be understood"),
    ):
        with translation.override("en"):
            body = get_template(name).render()
        in_the_sites_layout(body, "en")
        assert heading in body
        with translation.override("es"):
            assert html_lang(get_template(name).render()) == "es"


def test_a_form_refused_by_the_csrf_check_is_explained_in_the_readers_language(db):
    # it was Django's English developer page
    from django.test import Client

    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="es")
    response = client.post("/follow/", {"case_number": "26-000001-0042-PE", "code": "X"})
    assert response.status_code == 403
    html = response.content.decode()
    assert 'lang="es"' in html
    assert "Nada quedó registrado" in html
    assert "CSRF" not in html
