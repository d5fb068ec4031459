"""A client that calls a path under /api/ that names no route (a version that does not
exist, a path without a version, a typo) is answered in the API's language, RFC 9457
problem details naming the path, not with the site's HTML page."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api.helpers import problem


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api", "/api/", "/api/v2/cases", "/api/cases/123", "/api/v1x/cases", "/api/v1"]
)
@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_an_unknown_api_path_is_answered_with_problem_details(path: str, method: str) -> None:
    response = getattr(Client(), method)(path)
    body = problem(response, 404, "not-found")
    assert path in body["detail"]


@pytest.mark.django_db
def test_the_site_s_own_pages_keep_their_html_404() -> None:
    response = Client().get("/apiary/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "route"),
    [
        ("/api/v1/courts/", "/api/v1/courts"),
        ("/api/v1/cases/26-000001-0042-PE/events/", "/api/v1/cases/26-000001-0042-PE/events"),
    ],
)
def test_a_route_with_a_trailing_slash_is_told_to_drop_it(path: str, route: str) -> None:
    body = problem(Client().get(path), 404, "not-found")
    assert body["detail"].endswith(f"end without a slash, {route!r}")


@pytest.mark.django_db
def test_a_path_that_is_no_route_either_way_gets_no_such_hint() -> None:
    body = problem(Client().get("/api/v1/nothing/"), 404, "not-found")
    assert "slash" not in body["detail"]
