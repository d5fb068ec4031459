"""When the court's PostgreSQL cannot be reached (down, restarting) an API client is told
the service is unavailable for the moment, with Retry-After, not that the server failed
(500): it did nothing wrong and should send the same request again. Both server shapes;
with greenlets the answer comes once the pool has waited its 5 s for a connection."""

from __future__ import annotations

import json
import os
import socket
import time
import urllib.error
import urllib.request

import pytest

from expediente.problem_types import TYPES
from tests.served.conftest import _free_port, running


@pytest.mark.parametrize("shape", ["threads", "greenlets"])
def test_an_api_request_is_answered_503_with_retry_after(tmp_path, shape):
    closed = _free_port()  # nothing listens there
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed}/expediente",
        "DJANGO_SETTINGS_MODULE": "expediente.settings",
        "XDG_RUNTIME_DIR": str(tmp_path),
        "EXPEDIENTE_SERVER": shape,
    }
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", closed)) != 0
    with running(tmp_path, env, "--workers", "1") as (port, log):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/courts",
            headers={"Authorization": "Bearer exp_0123456789abcdef"},
        )
        started = time.monotonic()
        with pytest.raises(urllib.error.HTTPError) as answered:
            urllib.request.urlopen(request, timeout=30)
        waited = time.monotonic() - started
        answer = answered.value
        problem = json.loads(answer.read())
        assert answer.code == 503
        assert answer.headers["Content-Type"] == "application/problem+json"
        assert answer.headers["Retry-After"] == "30"
        assert problem["type"] == "/problems/unavailable"
        assert problem["title"] == TYPES["unavailable"].title
        assert "may not have been recorded" in problem["detail"]
        assert "same Idempotency-Key" in problem["detail"]
        assert waited < 15
        logged = log.read_text()
        assert "database unavailable in GET /api/v1/courts" in logged  # for the IT staff
        assert "Traceback" not in logged


def test_a_page_is_answered_503_with_the_try_again_page(tmp_path):
    closed = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed}/expediente",
        "DJANGO_SETTINGS_MODULE": "expediente.settings",
        "XDG_RUNTIME_DIR": str(tmp_path),
        "EXPEDIENTE_SERVER": "threads",
    }
    with running(tmp_path, env, "--workers", "1") as (port, log):
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/", headers={"Accept-Language": "es"}
        )
        with pytest.raises(urllib.error.HTTPError) as answered:
            urllib.request.urlopen(request, timeout=30)
        answer = answered.value
        page = answer.read().decode()
        assert answer.code == 503
        assert answer.headers["Retry-After"] == "30"
        assert answer.headers["Content-Type"].startswith("text/html")
        assert "No es culpa suya. Intente de nuevo en unos minutos." in page
        assert "database unavailable in GET /" in log.read_text()
