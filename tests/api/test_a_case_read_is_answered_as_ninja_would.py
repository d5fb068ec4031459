"""``GET /api/v1/cases/{nuid}`` is answered without django-ninja's operation machinery
(``api/case_read_route.py``, for speed). Every kind of request gets the answer ninja's
operation gives: the same status, headers and body, and the same access log lines."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.test.utils import override_settings

from expediente.access.models import AccessRecord, User
from expediente.access.tokens import token_create
from tests.api.helpers import API


def _bearer(scopes: list[str], courts: list[str] | None = None) -> str:
    owner = User.objects.get_or_create(username="api-compare", defaults={"is_system": True})[0]
    return "Bearer " + token_create(user=owner, name="compare", scopes=scopes, courts=courts)[1]


def _answer(response: Any) -> tuple[int, dict[str, str], Any]:
    body: Any = response.content
    if response.get("Content-Type", "").split(";")[0].endswith("json") and body:
        body = json.loads(body)
    return response.status_code, dict(response.items()), body


@pytest.fixture
def requests(accused_case, other_court) -> list[tuple[str, str, dict[str, str]]]:
    reader = _bearer(["cases:read"])
    case = f"{API}/cases/{accused_case.nuid}"
    return [
        ("get", case, {"HTTP_AUTHORIZATION": reader}),
        ("get", case, {"HTTP_AUTHORIZATION": reader}),  # now kept
        ("head", case, {"HTTP_AUTHORIZATION": reader}),
        ("get", case, {}),
        ("get", case, {"HTTP_AUTHORIZATION": "Basic YTpi"}),
        ("get", case, {"HTTP_AUTHORIZATION": "Bearer exp_not-a-token"}),
        ("get", case, {"HTTP_AUTHORIZATION": "Bearer"}),
        ("get", case, {"HTTP_AUTHORIZATION": _bearer(["measures:device"])}),
        ("get", case, {"HTTP_AUTHORIZATION": _bearer(["cases:read"], [other_court.code])}),
        ("get", f"{API}/cases/0000000-00.2026.0.00.0000", {"HTTP_AUTHORIZATION": reader}),
        ("get", f"{API}/cases/{'9' * 5000}", {"HTTP_AUTHORIZATION": reader}),
        ("get", f"{API}/cases/%C3%B1%E2%80%AE", {"HTTP_AUTHORIZATION": reader}),
        ("get", f"{case}?fields=all", {"HTTP_AUTHORIZATION": reader}),
        ("get", f"{case}?", {"HTTP_AUTHORIZATION": reader}),
        ("post", case, {"HTTP_AUTHORIZATION": reader}),
        ("delete", case, {"HTTP_AUTHORIZATION": reader}),
        ("options", case, {"HTTP_AUTHORIZATION": reader}),
    ]


def _send(requests: list[tuple[str, str, dict[str, str]]]) -> list[tuple[Any, ...]]:
    client = Client()
    answers = []
    for method, url, headers in requests:
        before = AccessRecord.objects.count()
        response = getattr(client, method)(url, **headers)
        answers.append((method, url, *_answer(response), AccessRecord.objects.count() - before))
    return answers


def test_every_request_is_answered_as_ninja_answers_it(requests):
    direct = _send(requests)
    with override_settings(ROOT_URLCONF="tests.api.ninja_read_urls"):
        through_ninja = _send(requests)
    for mine, theirs in zip(direct, through_ninja, strict=True):
        assert mine == theirs
    statuses = [answer[2] for answer in direct]
    assert statuses == [200, 200, 200, *[401] * 4, 403, *[404] * 4, 422, 200, *[405] * 3]
    assert [answer[-1] for answer in direct][:3] == [1, 1, 1]  # every read is in the log


def test_the_read_is_documented_as_before(anonymous):
    schema = json.loads(anonymous.get(f"{API}/openapi.json").content)
    read = schema["paths"]["/api/v1/cases/{nuid}"]["get"]
    assert read["summary"] == "A case with its stage and last events"
    assert read["security"] == [{"TokenAuth": []}]


def test_the_direct_path_passes_every_parameter_the_operation_takes():
    """``case_read_route`` calls ``get_case(request, nuid)``: a parameter added to the
    operation (a query parameter, a header) would be left at its default there."""
    import inspect

    from expediente.api.cases import get_case

    assert list(inspect.signature(get_case).parameters) == ["request", "nuid"], (
        "get_case takes a new parameter: read it in api/case_read_route.py too"
    )
