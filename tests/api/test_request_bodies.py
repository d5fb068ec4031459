"""Every write reads JSON, only JSON, and says precisely what is wrong with anything else."""

import json

import pytest

from expediente.docket.models import Case, Event
from tests.api.helpers import API, PAST, WRITES, fields, post_json, problem


@pytest.fixture(params=list(WRITES))
def write(request, accused_case):
    """(url, a valid body) for each POST route."""
    return API + request.param.format(nuid=accused_case.nuid), WRITES[request.param]


@pytest.fixture
def events(case_url):
    """The route with a free-form payload: one parser serves every route, so the many
    kinds of bad body are tried here, and one of each kind on every route."""
    return f"{case_url}/events", WRITES["/cases/{nuid}/events"]


@pytest.fixture
def unchanged(accused_case):
    """Asserts, after the test, that no case and no event was added."""
    before = (Case.objects.count(), Event.objects.count())
    yield
    assert (Case.objects.count(), Event.objects.count()) == before


def test_each_write_accepts_its_valid_body(api_clerk, write):
    url, body = write
    assert post_json(api_clerk, url, body).status_code == 201


def test_each_write_refuses_a_body_that_is_not_json(api_clerk, write, unchanged):
    url, _ = write
    p = problem(post_json(api_clerk, url, '{"court": '), 400, "malformed")
    assert "Expecting value" in p["detail"]


def test_each_write_refuses_a_body_sent_as_another_media_type(api_clerk, write, unchanged):
    url, body = write
    r = api_clerk.post(url, data=json.dumps(body), content_type="text/plain")
    problem(r, 415, "media-type")


def test_each_write_refuses_a_body_that_is_not_an_object(api_clerk, write, unchanged):
    url, _ = write
    p = problem(post_json(api_clerk, url, "[]"), 422, "invalid")
    assert fields(p) == ["body"]


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ('{"court": ', "Expecting value"),
        ("{'court': 'sj-penal'}", "double quotes"),
        ('{"a": 1,}', "double quotes"),
        ("<xml/>", "Expecting value"),
        ('{"a": NaN}', "NaN"),
        ('{"a": Infinity}', "Infinity"),
        ('{"a": -Infinity}', "-Infinity"),
        ('{"a": 1e999}', "too large"),
        ('{"a": ' + "9" * 5000 + "}", "too many digits"),
        ('{"a": "\\ud800"}', "surrogate"),
        ('{"\\udfff": 1}', "surrogate"),
        ('{"a": 1, "a": 2}', "twice"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_a_body_that_is_not_json_is_a_bad_request_saying_why(
    api_clerk, events, unchanged, raw, says
):
    url, _ = events
    p = problem(post_json(api_clerk, url, raw), 400, "malformed")
    assert says in p["detail"]


def test_a_body_that_is_not_utf8_is_a_bad_request(api_clerk, events, unchanged):
    url, body = events
    raw = json.dumps(body, ensure_ascii=False).encode("latin-1", "replace") + b'\xff"'
    p = problem(post_json(api_clerk, url, raw), 400, "malformed")
    assert "not valid JSON" in p["detail"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_body_in_utf16_or_utf32_is_a_bad_request(api_clerk, events, unchanged, encoding):
    # json.loads guessed the encoding from the bytes, and a UTF-16 body was read
    url, body = events
    raw = json.dumps(body).encode(encoding)
    p = problem(post_json(api_clerk, url, raw), 400, "malformed")
    assert "not UTF-8" in p["detail"] or "not valid JSON" in p["detail"]


def test_a_utf8_body_with_a_byte_order_mark_is_read(api_clerk, events):
    url, body = events
    raw = b"\xef\xbb\xbf" + json.dumps(body).encode("utf-8")
    assert post_json(api_clerk, url, raw).status_code == 201


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/xml",
        "multipart/form-data; boundary=x",
    ],
)
def test_a_body_sent_as_another_media_type_is_refused_with_415(
    api_clerk, events, unchanged, content_type
):
    url, body = events
    r = api_clerk.post(url, data=json.dumps(body), content_type=content_type)
    p = problem(r, 415, "media-type")
    assert "application/json" in p["detail"]


def test_a_form_post_is_refused_with_415(api_clerk, events, unchanged):
    url, _ = events
    r = api_clerk.post(url, {"occurred_at": PAST})  # the test client's default: multipart
    problem(r, 415, "media-type")


@pytest.mark.parametrize(
    "content_type", ["application/json; charset=utf-8", "application/vnd.expediente+json"]
)
def test_a_json_media_type_with_a_charset_or_suffix_is_accepted(api_clerk, events, content_type):
    url, body = events
    r = api_clerk.post(url, data=json.dumps(body), content_type=content_type)
    assert r.status_code == 201


@pytest.mark.parametrize("raw", ["[]", "[1, 2]", '"text"', "42", "true", "null"])
def test_a_body_that_is_not_an_object_is_invalid_naming_body(api_clerk, events, unchanged, raw):
    url, _ = events
    p = problem(post_json(api_clerk, url, raw), 422, "invalid")
    assert fields(p) == ["body"]
    assert p["errors"][0]["message"] == "must be a JSON object"


@pytest.mark.parametrize("raw", ["", "{}"])
def test_an_empty_body_names_what_is_required(api_clerk, write, unchanged, raw):
    url, _ = write
    p = problem(post_json(api_clerk, url, raw), 422, "invalid")
    assert all(e["message"] == "is required" for e in p["errors"])


def test_a_body_over_the_size_limit_is_refused_with_413(api_clerk, events, unchanged):
    url, body = events
    huge = {**body, "padding": "x" * 3_000_000}
    p = problem(post_json(api_clerk, url, huge), 413, "too-large")
    # the client is told the limit, to split what it sends (DATA_UPLOAD_MAX_MEMORY_SIZE)
    assert "2.5 MB (2,621,440 bytes)" in p["detail"]


def test_the_413_states_the_limit_the_server_is_set_to(api_clerk, events, unchanged, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_048_576
    url, body = events
    p = problem(post_json(api_clerk, url, {**body, "padding": "x" * 1_100_000}), 413, "too-large")
    assert "1 MB (1,048,576 bytes)" in p["detail"]
