"""The entry "Told of the right to consular notification" (VCCR art. 36(1)(b)) asks
"Asked for their consulate to be informed" as yes or no, with neither chosen: a box left
unticked had recorded that a foreign national held did not ask, by omission, and the
case page then owed their consulate nothing. Skipping the question is refused on the
field and records nothing; "Yes" leaves the consulate to be informed, "No" closes the
duty. The API, which always required the answer, is unchanged."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from expediente.custody.consular import consular_duties
from expediente.docket.models import Case, Event
from expediente.rules.loader import load_pack
from tests.conftest import PERSON
from tests.court.forms.helpers import field_error, last, record_url, submit

LABEL = "Asked for their consulate to be informed"


def _foreigner_held(case: Case, record: Any) -> Case:
    record(
        case, "participant.added", {"role": "accused", "person": {**PERSON, "nationality": "NI"}}
    )
    record(case, "custody.arrested", {"person": "P1"})
    return case


def _duty(case: Case) -> list[str]:
    return [d.status for d in consular_duties(case=case, pack=load_pack("cr"), held=["P1"])]


def radios(html: str, name: str) -> list[tuple[str, bool]]:
    found = re.findall(rf'<input type="radio" name="{name}" value="([^"]*)"([^>]*)>', html)
    return [(value, "checked" in rest) for value, rest in found]


def test_the_form_asks_yes_or_no_with_neither_chosen(
    staff_client: Client, case: Case, record: Any
) -> None:
    held = _foreigner_held(case, record)
    html = staff_client.get(record_url(held, "consular.rights_informed")).content.decode()
    assert LABEL in html
    assert radios(html, "requested") == [("True", False), ("False", False)]
    assert 'type="checkbox" name="requested"' not in html


def test_skipping_the_question_is_refused_and_records_nothing(
    staff_client: Client, case: Case, record: Any
) -> None:
    held = _foreigner_held(case, record)
    before = Event.objects.filter(case=held).count()
    response = submit(staff_client, record_url(held, "consular.rights_informed"), {"person": "P1"})
    assert response.status_code == 200
    assert field_error(response, "requested") == f"Answer yes or no to “{LABEL}”."
    assert Event.objects.filter(case=held).count() == before
    assert _duty(held) == ["inform_person"]


def test_yes_leaves_the_consulate_to_be_informed(
    staff_client: Client, case: Case, record: Any
) -> None:
    held = _foreigner_held(case, record)
    url = record_url(held, "consular.rights_informed")
    response = submit(staff_client, url, {"person": "P1", "requested": "True"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert last(held).payload["requested"] is True
    assert _duty(held) == ["inform_post"]


def test_no_closes_the_duty(staff_client: Client, case: Case, record: Any) -> None:
    held = _foreigner_held(case, record)
    url = record_url(held, "consular.rights_informed")
    response = submit(staff_client, url, {"person": "P1", "requested": "False"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert last(held).payload["requested"] is False
    assert _duty(held) == ["declined"]
