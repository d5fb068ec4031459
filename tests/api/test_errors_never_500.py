"""No input may produce a 500: random bodies, paths, queries and headers get a 4xx problem.

Each route gets a bounded number of examples (the whole file runs in a few seconds); the
examples share one case, so what earlier examples recorded is there for later ones.
Strings exclude lone surrogates only where they could not travel in a real request (a
URL or a header); in JSON bodies they are escaped, and sent.
"""

import json
import string
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expediente.rules.loader import load_pack
from tests.api.helpers import API, PAST

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Strings that have broken parsers, databases and hash chains before, including
# datetimes at the calendar's edge with an offset (they once overflowed into a 500).
ODD = st.sampled_from(
    [
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:00:00-05:00",
        "",
        " ",
        "\x00",
        "a\x00b",
        "\ud800",
        "\udfff",
        "\u202e",
        "\ufeff",
        "ﷺ",
        "🙂",
        "e\u0301",
        "null",
        "NaN",
        "1e999",
        "x" * 5000,
        "P1",
        "P2",
        "C1",
        "CP-208",
        "sj-penal",
        "cartago-penal",
        "2026-03-01T10:00:00-06:00",
        "2026-03-01T10:00:00",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "1949-12-31T23:59:59Z",
        "2026-02-30",
        "9999-12-31",
        "../../etc/passwd",
        "'; DROP TABLE docket_event; --",
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | ODD
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
URL_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


def deeply_nested(depth):
    return '{"a":' * depth + "1" + "}" * depth


def raw(body):
    """JSON text for a body, allowing what json.dumps allows and JSON does not (NaN...)."""
    return json.dumps(body, allow_nan=True)


def mutations(valid, fields):
    """The valid body with some fields replaced by anything, some dropped, some added."""
    keys = st.sampled_from([*fields, "zz", "payload", "type"]) | st.text(max_size=6)
    return st.builds(
        lambda changes, dropped: {
            **{k: v for k, v in valid.items() if k not in dropped},
            **changes,
        },
        st.dictionaries(keys, JSON, max_size=3),
        st.sets(st.sampled_from(sorted(valid)), max_size=2),
    )


def bodies(valid, fields, extra=None):
    """Raw request bodies: near-valid ones, any JSON, garbage, deep nesting."""
    return st.one_of(
        mutations(valid, fields).map(raw),
        (extra if extra is not None else st.nothing()).map(raw),
        JSON.map(raw),
        st.text(max_size=60).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.binary(max_size=60),
        st.integers(min_value=1, max_value=5000).map(deeply_nested),
        st.sampled_from(['{"a": NaN}', '{"a": 1e999}', '{"a": 1, "a": 2}', '{"a": "\\ud800"}']),
    )


CONTENT_TYPES = st.sampled_from(["application/json"] * 6 + ["text/plain", "", "application/xml"])
KEYS = (
    st.none() | st.sampled_from(["k1", "k2"]) | st.text(st.characters(codec="latin-1"), max_size=20)
)


def check(response):
    """What a client may always count on: no 5xx, and a problem body for every refusal."""
    assert response.status_code < 500, response.content[:500]
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json", response.content[:200]
        problem = json.loads(response.content)
        assert problem["status"] == response.status_code
        assert {"type", "title", "detail"} <= set(problem)
        for error in problem.get("errors", []):
            assert isinstance(error["field"], str)
            assert error["field"]


def post(client, url, data, content_type, key):
    headers = {} if key is None else {"Idempotency-Key": key}
    return client.post(url, data=data, content_type=content_type, headers=headers)


OPEN = {"court": "sj-penal", "procedure": "adult", "occurred_at": PAST}
PARTICIPANT = {"role": "witness", "person": {"given_names": "Eva"}, "occurred_at": PAST}
CHARGE = {"accused": "P1", "offence": "CP-208", "occurred_at": PAST}
PERSON_FIELDS = ["uid", "kind", "given_names", "family_names", "legal_name", "sex"]
PERSON_FIELDS += ["date_of_birth", "id_number", "nationality"]


@SETTINGS
@given(
    data=bodies(OPEN, [*OPEN, "confidentiality", "number", "police_report", "summary"]),
    content_type=CONTENT_TYPES,
    key=KEYS,
)
def test_opening_a_case_never_answers_500(api_clerk, court, data, content_type, key):
    check(post(api_clerk, f"{API}/cases", data, content_type, key))


def people():
    person = st.dictionaries(st.sampled_from(PERSON_FIELDS), JSON, max_size=4)
    return st.builds(lambda p, role: {**PARTICIPANT, "person": p, "role": role}, person, JSON)


@SETTINGS
@given(
    data=bodies(PARTICIPANT, [*PARTICIPANT, "participant", "pseudonym", "protected"], people()),
    content_type=CONTENT_TYPES,
    key=KEYS,
)
def test_adding_a_participant_never_answers_500(api_clerk, case_url, data, content_type, key):
    check(post(api_clerk, f"{case_url}/participants", data, content_type, key))


CHARGE_FIELDS = [*CHARGE, "charge", "attempted", "firearm", "violence_against_women", "cyber"]


@SETTINGS
@given(data=bodies(CHARGE, [*CHARGE_FIELDS, "description"]), content_type=CONTENT_TYPES, key=KEYS)
def test_filing_a_charge_never_answers_500(api_clerk, case_url, data, content_type, key):
    check(post(api_clerk, f"{case_url}/charges", data, content_type, key))


def events():
    """Event bodies of every type in the pack, with the type's own fields set to anything."""
    types = load_pack("cr").event_types

    def for_type(name):
        known = sorted(types[name].fields) if name in types else []
        keys = st.sampled_from(known) if known else st.text(max_size=6)
        return st.builds(
            lambda payload, extra: {"type": name, "occurred_at": PAST, "payload": payload, **extra},
            st.dictionaries(keys, JSON | ODD, max_size=len(known) + 1),
            st.dictionaries(st.sampled_from(["corrects", "expected_seq"]), JSON, max_size=2),
        )

    return (st.sampled_from(sorted(types)) | st.text(max_size=20)).flatmap(for_type)


EVENT = {"type": "note.added", "occurred_at": PAST, "payload": {"text": "x"}}


@SETTINGS
@given(
    data=bodies(EVENT, [*EVENT, "corrects", "expected_seq"], events()),
    content_type=CONTENT_TYPES,
    key=KEYS,
)
def test_appending_an_event_never_answers_500(api_clerk, case_url, data, content_type, key):
    check(post(api_clerk, f"{case_url}/events", data, content_type, key))


GET_SETTINGS = settings(SETTINGS, max_examples=40)
SEGMENTS = URL_TEXT.map(lambda s: quote(s, safe="")) | st.sampled_from(["%00", "%2F", "..", "%"])


@GET_SETTINGS
@given(nuid=SEGMENTS)
def test_reading_a_case_never_answers_500(api_clerk, accused_case, nuid):
    check(api_clerk.get(f"{API}/cases/{nuid}"))


QUERY_VALUES = URL_TEXT | st.integers().map(str) | st.sampled_from(["0", "200", "201", "-1", "1e3"])


@GET_SETTINGS
@given(query=st.dictionaries(st.sampled_from(["cursor", "limit", "after", ""]), QUERY_VALUES))
def test_listing_events_never_answers_500(api_clerk, case_url, query):
    check(api_clerk.get(f"{case_url}/events", query))


@GET_SETTINGS
@given(code=SEGMENTS)
def test_listing_event_types_never_answers_500(api_clerk, court, code):
    check(api_clerk.get(f"{API}/courts/{code}/event-types"))


@GET_SETTINGS
@given(
    header=st.text(st.characters(codec="latin-1"), max_size=80)
    | st.text(string.ascii_letters + "_-", max_size=60).map(lambda s: f"Bearer exp_{s}")
)
def test_any_authorization_header_never_answers_500(court, client, header):
    check(client.get(f"{API}/courts", HTTP_AUTHORIZATION=header))


@GET_SETTINGS
@given(
    method=st.sampled_from(["get", "post", "put", "patch", "delete", "options", "head"]),
    path=st.lists(SEGMENTS, min_size=0, max_size=5).map("/".join),
)
def test_any_path_under_the_api_never_answers_500(api_clerk, accused_case, method, path):
    r = getattr(api_clerk, method)(f"{API}/{path}")
    assert r.status_code < 500
    if r.status_code >= 400 and method != "head":
        assert r["Content-Type"] == "application/problem+json"


DEVICE_ITEM = {"device": "DEV-1", "kind": "battery", "occurred_at": PAST, "item": "i-1"}
DEVICE_BATCH = {"batch": "b-1", "events": [DEVICE_ITEM]}


def device_batches():
    """Batches whose items have their fields set to anything."""
    item = mutations(DEVICE_ITEM, [*DEVICE_ITEM, "measure"])
    return st.builds(
        lambda batch, items: {"batch": batch, "events": items},
        JSON | st.sampled_from(["b-1", "b-2", "b" * 101]),
        st.lists(item | JSON, max_size=4),
    )


@pytest.fixture
def provider(make_client, accused_case, record):
    """A monitoring provider's token, and a measure on device DEV-1 for it to report."""
    conditions = {"protected": "P2", "distance_m": 200, "device": "DEV-1"}
    payload = {"measure": "M1", "person": "P1", "kind": "restraining_order", **conditions}
    record(accused_case, "measure.imposed", {**payload, "starts_on": "2026-02-01"})
    return make_client(["measures:device"], user="api-provider")[0]


@SETTINGS
@given(
    data=bodies(DEVICE_BATCH, [*DEVICE_BATCH], device_batches()),
    content_type=CONTENT_TYPES,
    key=KEYS | st.sampled_from(["b-1", "b-2"]),
    code=st.sampled_from(["sj-penal", "sj-penal", "cartago-penal", "nowhere"]) | SEGMENTS,
)
def test_reporting_device_events_never_answers_500(provider, data, content_type, key, code):
    check(post(provider, f"{API}/courts/{code}/measures/device-events", data, content_type, key))


DEADLINE_QUERY = st.dictionaries(
    st.sampled_from(["status", "cursor", "limit", ""]),
    QUERY_VALUES | st.sampled_from(["overdue", "due_soon", "pending"]),
)


@GET_SETTINGS
@given(code=st.sampled_from(["sj-penal", "nowhere"]) | SEGMENTS, query=DEADLINE_QUERY)
def test_listing_deadlines_never_answers_500(api_clerk, accused_case, code, query):
    check(api_clerk.get(f"{API}/courts/{code}/deadlines", query))
