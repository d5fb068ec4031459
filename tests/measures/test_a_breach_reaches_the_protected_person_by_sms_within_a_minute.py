"""An exclusion-zone breach posted by the monitoring provider reaches the protected
person's phone through the notifications outbox, the worker and a real local SMS gateway
(an HTTP receiver), in their language, well within a minute; the message names no
address and no device."""

from __future__ import annotations

import json
import time

from expediente.notify.worker import run
from tests.conftest import _client


def test_the_breach_is_on_the_victims_phone_within_a_minute(
    accused_case,
    impose,
    at,
    follow,
    receiver,
    settings,
):
    settings.NOTIFY_HTTP_TIMEOUT = 5
    settings.NOTIFY_BASE_URL = "https://expediente.example"
    impose(accused_case, "restraining_order", at(10))
    follow(accused_case, "P2", "sms", "+506 8888 1234", language="es")
    provider = _client("geo-monitor", ["measures:device"])
    body = {
        "batch": "b-42",
        "events": [
            {"device": "DEV-1", "kind": "zone_breach", "occurred_at": "2026-03-02T08:55:00-06:00"}
        ],
    }
    started = time.monotonic()
    response = provider.post(
        "/api/v1/courts/sj-penal/measures/device-events",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.json()["recorded"] == 1
    run(once=True)  # one pass of the worker: the service polls every 2 s
    elapsed = time.monotonic() - started
    (sms,) = receiver.received("/sms")
    assert elapsed + 2 < 60
    text = sms.json()["text"]
    assert sms.json()["to"] == "+50688881234"
    assert "Incumplimiento de la zona" in text  # Spanish, as she chose
    assert "DEV-1" not in text
