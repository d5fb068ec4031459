"""Colombia, Ley 906 art. 307 par. 1: a custodial precautionary measure may be extended
once (the pack's ``extensions_allowed: 1`` on co.custodial_measure_maximum). A second
extension of the same measure is refused when recorded, through the service, the API
and the staff form alike, with a message naming the rule, its article and the extension
already recorded; nothing is written and the maximum stays where the first put it. A
backdated extension that would make the one on record the second is refused too; the
first extension can still be corrected."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import translation

from expediente.access.models import User
from expediente.access.tokens import token_create
from expediente.court.forms.base import said
from expediente.custody.models import Deadline
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Court, Event, Jurisdiction
from expediente.docket.services import case_open
from tests.api.helpers import API, fields, message, post_json, problem
from tests.court.forms.conftest import member, signed_in
from tests.court.forms.helpers import record_url, submit

BOG = ZoneInfo("America/Bogota")
RULE = "co.custodial_measure_maximum"
PERSON = {"given_names": "Valentina", "family_names": "Gómez", "sex": "female"}
EXTENSION = {
    "granted_by": "Juzgado Penal de Control de Garantías",
    "ground": "three_or_more_accused",
    "requested_by": "prosecutor",
}
SAID = (
    "“Maximum term of a custodial precautionary measure” may be extended only once "
    "(Código de Procedimiento Penal (Ley 906 de 2004) art. 307 parágrafo 1), and entry "
    "{entry} already extended it: correct that entry instead of recording another extension."
)


def bog(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=BOG)


@pytest.fixture
def co_court(db: None) -> Court:
    country = Jurisdiction.objects.create(code="co", name="Colombia", rule_pack="co")
    return Court.objects.create(
        jurisdiction=country,
        code="bog-garantias",
        name="Juzgado Penal de Control de Garantías de Bogotá",
        office_code="0011",
        timezone="America/Bogota",
        rule_pack="co",
    )


@pytest.fixture
def ordered(co_court: Court, clerk: Any, record: Any) -> Case:
    """P1 held under a custodial measure ordered on 2 March 2024, to 2 March 2025."""
    opened = bog(2024, 1, 8)
    case = case_open(court=co_court, actor=clerk, procedure="adult", occurred_at=opened).event.case
    record(case, "participant.added", {"role": "accused", "person": PERSON}, occurred_at=opened)
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=bog(2024, 3, 1, 22))
    record(
        case,
        "custody.pretrial_ordered",
        {"person": "P1", "grounds": "Peligro", "until": "2025-03-02"},
        occurred_at=bog(2024, 3, 2, 15),
    )
    return case


def extend(record: Any, case: Case, when: dt.datetime, until: str, **more: Any) -> Any:
    payload = {"person": "P1", "until": until, **EXTENSION}
    return record(case, "custody.pretrial_extended", payload, occurred_at=when, **more)


def maximum(case: Case) -> Deadline:
    return Deadline.objects.get(case=case, rule_id=RULE)


def test_a_second_extension_is_refused_and_changes_nothing(ordered: Case, record: Any) -> None:
    first = extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    count = Event.objects.filter(case=ordered).count()
    with pytest.raises(InvalidInput) as refused:
        extend(record, ordered, bog(2025, 12, 1), "2026-02-28")
    [error] = refused.value.errors
    assert error == {"field": "type", "message": SAID.format(entry=first.event.seq)}
    assert RULE in str(refused.value)
    assert Event.objects.filter(case=ordered).count() == count
    assert maximum(ordered).due_on == dt.date(2025, 12, 31)


def test_an_extension_backdated_before_the_one_on_record_is_refused(
    ordered: Case, record: Any
) -> None:
    on_record = extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    with pytest.raises(InvalidInput) as refused:
        extend(record, ordered, bog(2025, 1, 15), "2025-10-31")
    assert refused.value.errors[0]["message"] == SAID.format(entry=on_record.event.seq)
    assert maximum(ordered).due_on == dt.date(2025, 12, 31)


def test_the_one_extension_can_still_be_corrected(ordered: Case, record: Any) -> None:
    first = extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    extend(record, ordered, bog(2025, 2, 1), "2025-11-30", corrects_seq=first.event.seq)
    assert maximum(ordered).due_on == dt.date(2025, 11, 30)


def test_the_api_refuses_a_second_extension_naming_the_rule(ordered: Case, record: Any) -> None:
    first = extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    owner = User.objects.create(username="api-co", is_system=True)
    _, secret = token_create(user=owner, name="co", scopes=["cases:read", "cases:write"])
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    body = {
        "type": "custody.pretrial_extended",
        "occurred_at": bog(2025, 12, 1).isoformat(),
        "payload": {"person": "P1", "until": "2026-02-28", **EXTENSION},
    }
    count = Event.objects.filter(case=ordered).count()
    p = problem(post_json(client, f"{API}/cases/{ordered.nuid}/events", body), 422, "invalid")
    assert fields(p) == ["type"]
    assert message(p, "type") == SAID.format(entry=first.event.seq)
    assert Event.objects.filter(case=ordered).count() == count


def test_the_staff_form_refuses_a_second_extension_with_the_message(
    co_court: Court, ordered: Case, record: Any
) -> None:
    first = extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    client = signed_in(member("clerk.bogota", co_court, "clerk"))
    count = Event.objects.filter(case=ordered).count()
    response = submit(
        client,
        record_url(ordered, "custody.pretrial_extended"),
        {"person": "P1", "until": "2026-02-28", **EXTENSION, "occurred_at": "2025-12-01T10:00"},
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert SAID.format(entry=first.event.seq) in page
    assert Event.objects.filter(case=ordered).count() == count


def test_the_refusal_reads_in_spanish_on_the_staff_form(ordered: Case, record: Any) -> None:
    first = extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    with pytest.raises(InvalidInput) as refused:
        extend(record, ordered, bog(2025, 12, 1), "2026-02-28")
    with translation.override("es"):
        text = said(refused.value, BOG)
    assert text == (
        "Solo se permite una prórroga de “Plazo máximo de la medida de aseguramiento "
        "privativa de la libertad” (Código de Procedimiento Penal (Ley 906 de 2004) art. 307 "
        f"parágrafo 1), y la entrada {first.event.seq} ya la concedió: corrija esa entrada "
        "en lugar de registrar otra prórroga."
    ), text
