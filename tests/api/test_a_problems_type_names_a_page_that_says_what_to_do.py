"""A refused client reads the problem's ``type`` and can follow it: every kind of problem
the server answers has a page, ``/problems/<code>``, saying what it means and what to do,
in the reader's language. The type once pointed at a documentation site the project does
not own and that did not exist, and two spellings (``not_found``, ``too-large``) mixed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from expediente.problem_types import PATH, TYPES, type_uri
from tests.api.helpers import API, PAST, post_json, problem

SRC = Path(__file__).resolve().parents[2] / "src" / "expediente"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"

# every way a problem's code is written in the sources
ANSWERED = (
    re.compile(r"\bcode\s*=\s*\"([a-z][a-z-]*)\""),  # problem(..., code="…"), class code = "…"
    re.compile(r"type_uri\(\"([a-z][a-z-]*)\"\)"),
    re.compile(r"return \d{3}, \"[^\"]+\", \"([a-z][a-z-]*)\""),  # the server's own refusals
    re.compile(r"BodyError\([^)]*?\"([a-z][a-z-]*)\",?\s*\)", re.S),  # its code comes last
)
# files where ``code=`` is something else (a court's, an offence's, a form error's)
NOT_PROBLEMS = ("forms", "demo", "stats", "admin.py", "participant_codes.py", "lookup.py")


def answered_codes() -> set[str]:
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        if any(part in NOT_PROBLEMS for part in path.parts):
            continue
        text = path.read_text(encoding="utf-8")
        if "problem" not in text and "DocketError" not in text and "Conflict" not in text:
            continue
        for pattern in ANSWERED:
            found.update(pattern.findall(text))
    return found


def test_every_code_the_sources_answer_is_documented():
    found = answered_codes()
    assert {"not-found", "invalid", "stage", "uri-too-long", "length-required"} <= found
    assert sorted(found - set(TYPES)) == []


def test_codes_are_words_joined_by_hyphens():
    for code, kind in TYPES.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", code), code
        assert kind.code == code
        assert kind.statuses
        assert all(400 <= s <= 599 for s in kind.statuses)


def test_the_api_reference_lists_every_kind_as_it_is_answered():
    rows = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith(f"`{PATH}"):
            rows[cells[0].strip("`").removeprefix(PATH)] = cells[1:]
    assert sorted(rows) == sorted(TYPES)
    for code, (statuses, title, members) in rows.items():
        kind = TYPES[code]
        assert statuses == ", ".join(map(str, kind.statuses)), code
        assert title == kind.title, code
        named = [n for n, _ in kind.members if n != "errors"]
        assert members == ", ".join(f"`{n}`" for n in named), code


def test_the_server_starts_under_any_wsgi_server():
    """gunicorn, mod_wsgi or uWSGI import ``expediente.wsgi`` with no settings named; the
    problems' titles are read when it is imported (through the server's own refusals)."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    for module in ("expediente.wsgi", "expediente.portal.gunicorn_worker"):
        done = subprocess.run(
            [sys.executable, "-c", f"import {module}"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]


def test_a_client_follows_the_type_to_its_page(api_clerk):
    p = problem(api_clerk.get(f"{API}/cases/26-999999-0042-PE"), 404, "not-found")
    assert p["type"] == "/problems/not-found"
    page = Client().get(p["type"], HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    html = page.content.decode()
    assert "<h1>Not found</h1>" in html
    assert "What to do" in html
    assert "which courts your token may use" in html


@pytest.mark.parametrize("code", sorted(TYPES))
def test_every_kind_has_its_page(code):
    kind = TYPES[code]
    page = Client().get(type_uri(code), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"<code>{type_uri(code)}</code>" in html
    for status in kind.statuses:
        assert str(status) in html
    for name, _holds in kind.members:
        assert f"<code>{name}</code>" in html


def test_the_page_speaks_the_readers_language():
    page = Client().get(type_uri("sequence"), HTTP_ACCEPT_LANGUAGE="es")
    html = page.content.decode()
    assert 'lang="es"' in html
    assert "Qué hacer" in html
    assert "What to do" not in html


def test_the_index_links_every_kind():
    html = Client().get(PATH, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for code in TYPES:
        assert f'href="{type_uri(code)}"' in html


def test_an_unknown_kind_is_not_found():
    assert Client().get(PATH + "not_found").status_code == 404
    assert Client().get(PATH + "nothing").status_code == 404


def test_the_pages_only_answer_reading():
    assert Client().post(type_uri("invalid")).status_code == 405


def test_the_openapi_document_says_what_a_type_is(api_clerk):
    schema = Client().get(f"{API}/openapi.json").json()["components"]["schemas"]["Problem"]
    kind = schema["properties"]["type"]
    assert kind["format"] == "uri-reference"
    assert PATH in kind["description"]


def test_a_conflict_says_what_a_client_needs_to_retry(api_clerk, accused_case, case_url):
    """A 409's members tell a program what to do, not only its detail a person reads."""
    url = f"{case_url}/events"
    note = {"type": "note.added", "occurred_at": PAST, "payload": {"text": "informe"}}
    stale = problem(post_json(api_clerk, url, dict(note, expected_seq=2)), 409, "sequence")
    assert stale["next_seq"] == 5
    stage = problem(
        post_json(api_clerk, url, dict(note, type="trial.committed", payload={})), 409, "stage"
    )
    assert stage["stage"] == "investigation"
    post_json(api_clerk, url, note, key="k-1")
    reused = problem(
        post_json(api_clerk, url, dict(note, payload={"text": "otro"}), key="k-1"),
        409,
        "idempotency",
    )
    assert "next_seq" not in reused
