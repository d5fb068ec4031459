"""Costa Rica, CPP art. 257: an order whose stated term goes past the legal maximum is
recorded once the caller confirms it (``"confirm": ["order_past_maximum"]``), and the
entry keeps that confirmation: the docket shows that who recorded it knew. The API's
event says it (``confirmed``), the staff timeline says it in words with the rule and its
article, and an entry that needed no confirmation keeps none, even if one was sent. A
retry with the same key is answered with the entry as recorded. The event read from the
API, sent back to the importer with its ``confirmed`` as ``confirm``, is accepted and
keeps it."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import io
import json
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from expediente.access.models import User
from expediente.docket.models import Case, Court, Event
from tests.api.helpers import API, post_json
from tests.conftest import PERSON
from tests.custody.conftest import staff

CR = ZoneInfo("America/Costa_Rica")
ORDER = "custody.pretrial_ordered"
ORDERED_AT = dt.datetime(2026, 2, 20, 10, tzinfo=CR)  # twelve months: to 20 February 2027
PAST_IT = "2027-05-20"
WITHIN_IT = "2026-08-20"
SAID = (
    "Recorded knowing that the term it states goes past the legal maximum: “Maximum term "
    "of pretrial detention” (Código Procesal Penal (Ley 7594) art. 257(b)(c), 258)."
)


def arrest(case: Case, record: Any) -> Case:
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=ORDERED_AT)
    case.refresh_from_db()
    return case


@pytest.fixture
def arrested(accused_case: Case, record: Any) -> Case:
    return arrest(accused_case, record)


def order(until: str = PAST_IT, **more: Any) -> dict[str, Any]:
    return {
        "type": ORDER,
        "occurred_at": (ORDERED_AT + dt.timedelta(hours=20)).isoformat(),
        "payload": {"person": "P1", "until": until, "grounds": "Peligro de fuga"},
        **more,
    }


def url(case: Case) -> str:
    return f"{API}/cases/{case.nuid}/events"


def recorded(client: Client, case: Case, body: dict[str, Any], key: str | None = None) -> Any:
    response = post_json(client, url(case), body, key=key)
    assert response.status_code == 201, response.content
    return response.json()


def listed(client: Client, case: Case, seq: int) -> dict[str, Any]:
    response = client.get(url(case))
    assert response.status_code == 200, response.content
    return next(e for e in response.json()["items"] if e["seq"] == seq)


def timeline_entry(client: Client, case: Case, seq: int) -> str:
    """The words of entry ``seq`` on the staff case page's timeline."""
    page = client.get(f"/court/cases/{case.nuid}/").content.decode()
    found = re.search(rf'<article [^>]*id="event-{seq}".*?</article>', page, re.S)
    assert found, f"no entry {seq} on the timeline"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(0))).split())


def test_an_order_past_the_maximum_keeps_its_confirmation(
    arrested: Case, api_clerk: Client, court: Court
) -> None:
    body = recorded(api_clerk, arrested, order(confirm=["order_past_maximum"]))
    assert body["confirmed"] == ["order_past_maximum"]
    event = Event.objects.get(case=arrested, seq=body["seq"])
    assert event.confirmed == ["order_past_maximum"]
    assert listed(api_clerk, arrested, body["seq"])["confirmed"] == ["order_past_maximum"]
    said = timeline_entry(staff("maria.clerk", court, "clerk"), arrested, body["seq"])
    assert SAID in said


def test_an_order_within_it_keeps_nothing_though_confirm_was_sent(
    arrested: Case, api_clerk: Client, court: Court
) -> None:
    every = ["extension_past_limit", "order_past_maximum"]
    body = recorded(api_clerk, arrested, order(WITHIN_IT, confirm=every))
    assert body["confirmed"] == []
    assert Event.objects.get(case=arrested, seq=body["seq"]).confirmed is None
    assert listed(api_clerk, arrested, body["seq"])["confirmed"] == []
    said = timeline_entry(staff("maria.clerk", court, "clerk"), arrested, body["seq"])
    assert "Recorded knowing" not in said


def test_only_the_names_it_needed_are_kept(arrested: Case, api_clerk: Client) -> None:
    every = ["extension_past_limit", "order_past_maximum", "petition_repeated"]
    body = recorded(api_clerk, arrested, order(confirm=every))
    assert Event.objects.get(case=arrested, seq=body["seq"]).confirmed == ["order_past_maximum"]


def test_a_correction_that_asks_nothing_keeps_nothing(arrested: Case, api_clerk: Client) -> None:
    """Its term was confirmed when it was recorded: correcting its grounds asks nothing,
    and the correction keeps nothing, though confirm is sent again."""
    first = recorded(api_clerk, arrested, order(confirm=["order_past_maximum"]))
    body = order(
        corrects=first["seq"],
        correction_reason="The grounds were typed short",
        confirm=["order_past_maximum"],
    )
    body["payload"]["grounds"] = "Peligro de fuga y de obstaculización"
    corrected = recorded(api_clerk, arrested, body)
    assert corrected["confirmed"] == []
    # one that moves the term later asks again, and keeps it
    later = order("2027-08-20", corrects=corrected["seq"], confirm=["order_past_maximum"])
    later["correction_reason"] = "The term was typed wrong"
    assert recorded(api_clerk, arrested, later)["confirmed"] == ["order_past_maximum"]


def test_a_retry_is_answered_with_the_entry_as_recorded(arrested: Case, api_clerk: Client) -> None:
    """The confirmation is not part of the request's digest: the same key and body, with
    confirm or without it, is the same request, answered with what it recorded."""
    first = recorded(api_clerk, arrested, order(confirm=["order_past_maximum"]), key="o-1")
    count = Event.objects.filter(case=arrested).count()
    for body in (order(confirm=["order_past_maximum"]), order()):
        again = post_json(api_clerk, url(arrested), body, key="o-1")
        assert again.status_code == 200, again.content
        assert again.json()["seq"] == first["seq"]
        assert again.json()["confirmed"] == ["order_past_maximum"]
        assert again.json()["hash"] == first["hash"]
    assert Event.objects.filter(case=arrested).count() == count


# the event read from the API, sent to the importer


@pytest.fixture
def importer_account(db: None) -> User:
    return User.objects.create(username="migracion", is_system=True)


def imported(tmp_path: Path, *lines: dict[str, Any]) -> str:
    """What the import printed: its summary, and each refusal after it."""
    path = tmp_path / "lines.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.suppress(CommandError):  # some line refused: the summary says so
        call_command("import", str(path), "--user", "migracion", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def as_line(event: dict[str, Any], case: Case, key: str) -> dict[str, Any]:
    """An event as the API gives it, as an import line: its ``confirmed`` sent back as
    ``confirm``."""
    return {
        "op": "event",
        "key": key,
        "case": case.nuid,
        "type": event["type"],
        "occurred_at": event["occurred_at"],
        "payload": event["payload"],
        "confirm": event["confirmed"],
    }


def test_an_exported_order_is_imported_with_its_confirmation(
    arrested: Case,
    api_clerk: Client,
    open_case: Any,
    record: Any,
    importer_account: User,
    tmp_path: Path,
) -> None:
    seq = recorded(api_clerk, arrested, order(confirm=["order_past_maximum"]))["seq"]
    exported = listed(api_clerk, arrested, seq)
    other = open_case()
    record(other, "participant.added", {"role": "accused", "person": PERSON})
    arrest(other, record)
    before = other.last_seq
    # without it, the line is refused on confirm (the rule holds over the import too)
    line = as_line(exported, other, "other-system/1")
    said = imported(tmp_path, line | {"confirm": []})
    assert "1 refused" in said
    assert "\n    confirm: " in said
    # with it, as the API gave it, it is recorded and keeps it
    assert "1 recorded" in imported(tmp_path, line)
    kept = Event.objects.get(case=other, seq=before + 1)
    assert (kept.type, kept.payload, kept.confirmed) == (
        ORDER,
        exported["payload"],
        ["order_past_maximum"],
    )


def test_petition_repeated_sent_back_is_accepted_and_changes_nothing(
    arrested: Case, importer_account: User, tmp_path: Path
) -> None:
    """Only the court's form asks it: an entry that kept it, read from the API and sent
    back, is accepted."""
    line = {"op": "event", "key": "other-system/1", "case": arrested.nuid}
    line |= order(WITHIN_IT, confirm=["petition_repeated"])
    assert "1 recorded" in imported(tmp_path, line)
    assert Event.objects.get(case=arrested, type=ORDER).confirmed is None
