"""QA: the arrest form had two boxes, "caught in the act" and "with an arrest warrant",
and both could be ticked. The pack marks them ``one_of``; the form asks one question,
"How was the person arrested?", with one answer: caught in the act, on a warrant, or
neither. The payload keeps its two yes-or-no fields (the API's and the importer's
shape, and the entries already recorded): the answer chosen is true, the other false.
The API and the importer refuse both, naming ``payload.warrant``. An arrest recorded
with both before the rule still verifies and rebuilds, and its correction form answers
with the first."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from expediente.access.models import User
from expediente.docket.models import Case, Event
from expediente.docket.rebuild import rebuild
from expediente.docket.services.common import append
from expediente.integrity.verify import verify_cases
from expediente.rules.loader import load_pack
from tests.api.helpers import fields, message, post_json, problem
from tests.conftest import NOW
from tests.court.forms.helpers import events, field_error, last, record_url, submit

BOTH = {"person": "P1", "flagrante": True, "warrant": True}


def radios(html: str, name: str) -> list[tuple[str, str]]:
    """(value, label) of each radio button named ``name``."""
    found = re.findall(
        rf'<input type="radio" name="{name}" value="([^"]*)"[^>]*id="([^"]+)"[^>]*>', html
    )
    labels = dict(re.findall(r'<label for="([^"]+)">(?:<input[^>]*>)?\s*(.*?)</label>', html))
    return [(value, labels.get(ident, "").strip()) for value, ident in found]


def test_the_form_asks_one_question_with_one_answer(staff_client, accused_case):
    html = staff_client.get(record_url(accused_case, "custody.arrested")).content.decode()
    assert "How was the person arrested?" in html
    assert radios(html, "how") == [
        ("flagrante", "Caught in the act"),
        ("warrant", "With an arrest warrant"),
        ("", "Neither of these"),
    ]
    assert 'name="flagrante"' not in html
    assert 'name="warrant"' not in html


@pytest.mark.parametrize(
    ("how", "recorded"),
    [
        ("flagrante", {"flagrante": True, "warrant": False}),
        ("warrant", {"flagrante": False, "warrant": True}),
        ("", {"flagrante": False, "warrant": False}),
    ],
)
def test_the_answer_is_recorded_as_the_two_fields(staff_client, accused_case, how, recorded):
    response = submit(
        staff_client,
        record_url(accused_case, "custody.arrested"),
        {"person": "P1", "place": "Barrio Amón", "how": how},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert last(accused_case).payload == {"person": "P1", "place": "Barrio Amón", **recorded}


def test_an_answer_not_offered_is_refused_next_to_the_question(staff_client, accused_case):
    before = len(events(accused_case))
    response = submit(
        staff_client, record_url(accused_case, "custody.arrested"), {"person": "P1", "how": "both"}
    )
    assert response.status_code == 200
    assert field_error(response, "how") == "Choose one of the options listed."
    assert len(events(accused_case)) == before


def test_the_api_refuses_both_naming_the_field(accused_case, api_clerk):
    before = len(events(accused_case))
    body = {"type": "custody.arrested", "occurred_at": NOW.isoformat(), "payload": BOTH}
    p = problem(post_json(api_clerk, f"/api/v1/cases/{accused_case.nuid}/events", body), 422)
    assert fields(p) == ["payload.warrant"]
    assert "cannot be true together with flagrante" in message(p, "payload.warrant")
    assert len(events(accused_case)) == before


def test_the_importer_refuses_both_naming_the_field(accused_case, tmp_path: Path, capsys):
    User.objects.create(username="migracion", is_system=True)
    line = {
        "op": "event",
        "key": "arrest-both",
        "case": {"court": accused_case.court.code, "number": accused_case.number},
        "type": "custody.arrested",
        "occurred_at": NOW.isoformat(),
        "payload": BOTH,
    }
    path = tmp_path / "lines.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    before = len(events(accused_case))
    with pytest.raises(Exception, match="1 line"):
        call_command("import", str(path), "--user", "migracion")
    assert "payload.warrant: cannot be true together with flagrante" in capsys.readouterr().err
    assert len(events(accused_case)) == before


def recorded_before_the_rule(case: Case, actor) -> Event:
    """An arrest with both, as the system accepted it before the rule: the docket's own
    append, without the write path's checks."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().select_related("court").get(pk=case.pk)
        return append(
            case=locked,
            pack=load_pack(locked.court.rule_pack),
            type_name="custody.arrested",
            payload=BOTH,
            actor=actor,
            occurred_at=NOW,
            now=timezone.now(),
            corrects_seq=None,
            idempotency_key=None,
            digest="an arrest recorded before the rule",
        )


def test_an_arrest_recorded_with_both_still_verifies_rebuilds_and_can_be_corrected(
    staff_client, accused_case, clerk
):
    old = recorded_before_the_rule(accused_case, clerk)
    assert verify_cases() == []
    call_command("verify")
    assert rebuild(check=True).differences == []
    call_command("rebuild", "--check")
    url = f"/court/cases/{accused_case.nuid}/events/{old.seq}/correct/"
    html = staff_client.get(url).content.decode()
    assert re.search(r'<input type="radio" name="how" value="flagrante"[^>]*checked', html)
    response = submit(
        staff_client, url, {"how": "warrant", "correction_reason": "Recorded with a mistake"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert last(accused_case).payload == {"person": "P1", "flagrante": False, "warrant": True}
    assert last(accused_case).corrects_seq == old.seq
    assert rebuild(check=True).differences == []
