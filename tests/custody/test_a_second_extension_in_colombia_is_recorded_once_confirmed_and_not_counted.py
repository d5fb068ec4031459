"""Colombia, Ley 906 art. 307 par. 1: a custodial precautionary measure may be extended
once (the pack's ``extensions_allowed: 1`` on co.custodial_measure_maximum). A second
extension is a real order: the docket records it, but only once confirmed (the staff
form warns and asks, the API refuses without ``confirm: ["extension_past_limit"]``,
naming the field and the rule), and the deadline does not count it: the maximum stays
where the one lawful extension put it, so the detention shows as overdue, and the
explanation says which entry was not counted and why."""

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
from expediente.custody.confirmations import confirmed
from expediente.custody.extension_limit import CONFIRMATION
from expediente.custody.models import Deadline
from expediente.docket.models import Case, Court, Event, Jurisdiction
from expediente.docket.services import case_open
from tests.api.helpers import API, fields, message, post_json, problem
from tests.court.forms.conftest import member, signed_in
from tests.court.forms.helpers import drawn, record_url, submit

BOG = ZoneInfo("America/Bogota")
RULE = "co.custodial_measure_maximum"
PERSON = {"given_names": "Valentina", "family_names": "Gómez", "sex": "female"}
EXTENSION = {
    "granted_by": "Juzgado Penal de Control de Garantías",
    "ground": "three_or_more_accused",
    "requested_by": "prosecutor",
}
LAW = "Código de Procedimiento Penal (Ley 906 de 2004) art. 307 parágrafo 1"
WARNED = (
    f"This extension goes past what {LAW} admits, as this court's rules read it: "
    "“Maximum term of a custodial precautionary measure” admits 1 extension, and {which} "
    "already extended it. The record keeps the extension as the judge ordered it, but the "
    "detention clock will not count it: the term ends on {day}, and the detention shows as "
    "overdue after that day."
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
    """An extension as the judge ordered it (confirmed, if it is one too many)."""
    payload = {"person": "P1", "until": until, **EXTENSION}
    with confirmed([CONFIRMATION]):
        return record(case, "custody.pretrial_extended", payload, occurred_at=when, **more)


def maximum(case: Case) -> Deadline:
    return Deadline.objects.get(case=case, rule_id=RULE)


def extension_form(co_court: Court, case: Case, when: str, until: str) -> Any:
    client = signed_in(member("clerk.bogota", co_court, "clerk"))
    url = record_url(case, "custody.pretrial_extended")
    data = {"person": "P1", "until": until, **EXTENSION, "occurred_at": when}
    return client, url, data


def api_client() -> Client:
    owner = User.objects.create(username="api-co", is_system=True)
    _, secret = token_create(user=owner, name="co", scopes=["cases:read", "cases:write"])
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def second_extension_body(**more: Any) -> dict[str, Any]:
    return {
        "type": "custody.pretrial_extended",
        "occurred_at": bog(2025, 12, 1).isoformat(),
        "payload": {"person": "P1", "until": "2026-02-28", **EXTENSION},
        **more,
    }


def test_a_second_extension_recorded_is_not_counted_and_the_explanation_says_why(
    ordered: Case, record: Any
) -> None:
    extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    second = extend(record, ordered, bog(2025, 12, 1), "2026-02-28")
    deadline = maximum(ordered)
    assert deadline.due_on == dt.date(2025, 12, 31)  # where the lawful extension put it
    assert deadline.status(bog(2026, 1, 15)) == "overdue"
    said = deadline.explanation["en"]
    assert (
        f"“Custodial precautionary measure extended” on 1 December 2025 (entry "
        f"{second.event.seq}) not counted: the term admits 1 extension ({LAW}, as this "
        "court's rules read it)"
    ) in said, said
    assert f"(anotación {second.event.seq}) no se cuenta" in deadline.explanation["es"]


def test_the_case_page_says_the_entry_was_not_counted(
    co_court: Court, ordered: Case, record: Any
) -> None:
    extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    second = extend(record, ordered, bog(2025, 12, 1), "2026-02-28")
    client = signed_in(member("judge.bogota", co_court, "judge"))
    page = html.unescape(client.get(f"/court/cases/{ordered.nuid}/").content.decode())
    assert f"(entry {second.event.seq}) not counted" in page


def test_the_staff_form_warns_and_records_nothing_until_confirmed(
    co_court: Court, ordered: Case, record: Any
) -> None:
    first = extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    client, url, data = extension_form(co_court, ordered, "2025-12-01T10:00", "2026-02-28")
    count = Event.objects.filter(case=ordered).count()
    response = submit(client, url, data)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    which = f"entry {first.event.seq}"
    assert WARNED.format(which=which, day="31 December 2025") in page, page
    assert "correct that entry" not in page
    assert Event.objects.filter(case=ordered).count() == count
    warning = response.context["warning"]
    confirmed = client.post(url, drawn(response) | {"confirm_past_maximum": warning["token"]})
    assert confirmed.status_code == 302
    assert Event.objects.filter(case=ordered).count() == count + 1
    assert maximum(ordered).due_on == dt.date(2025, 12, 31)


def test_the_warning_counts_the_entries_it_lists(
    co_court: Court, ordered: Case, record: Any
) -> None:
    first = extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    second = extend(record, ordered, bog(2025, 12, 1), "2026-01-31")
    client, url, data = extension_form(co_court, ordered, "2026-01-15T10:00", "2026-02-27")
    page = html.unescape(submit(client, url, data).content.decode())
    which = f"entries {first.event.seq}, {second.event.seq}"
    assert WARNED.format(which=which, day="31 December 2025") in page, page


def test_the_warning_reads_in_spanish(co_court: Court, ordered: Case, record: Any) -> None:
    first = extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    client, url, data = extension_form(co_court, ordered, "2025-12-01T10:00", "2026-02-28")
    with translation.override("es"):
        client.cookies["django_language"] = "es"
        response = submit(client, url, data | {"occurred_at": "2025-12-01T10:00"})
    text = response.context["warning"]["text"]
    assert f"y la anotación {first.event.seq} ya lo prorrogó" in text, text


def test_the_api_refuses_a_second_extension_without_the_confirmation(
    ordered: Case, record: Any
) -> None:
    first = extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    client = api_client()
    count = Event.objects.filter(case=ordered).count()
    url = f"{API}/cases/{ordered.nuid}/events"
    p = problem(post_json(client, url, second_extension_body()), 422, "invalid")
    assert fields(p) == ["confirm"]
    said = message(p, "confirm")
    assert LAW in said
    assert f"entry {first.event.seq} already extended it" in said
    assert '"confirm": ["extension_past_limit"]' in said
    assert "correct that entry" not in said
    assert Event.objects.filter(case=ordered).count() == count
    body = second_extension_body(confirm=["extension_past_limit"])
    assert post_json(client, url, body).status_code == 201
    assert Event.objects.filter(case=ordered).count() == count + 1
    assert maximum(ordered).due_on == dt.date(2025, 12, 31)


def test_an_extension_backdated_before_the_one_on_record_asks_too(
    ordered: Case, record: Any
) -> None:
    on_record = extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    client = api_client()
    body = second_extension_body(occurred_at=bog(2025, 1, 15).isoformat())
    body["payload"]["until"] = "2025-10-31"
    p = problem(post_json(client, f"{API}/cases/{ordered.nuid}/events", body), 422, "invalid")
    assert f"entry {on_record.event.seq} already extended it" in message(p, "confirm")


def test_the_one_extension_can_still_be_corrected_without_a_confirmation(
    ordered: Case, record: Any
) -> None:
    first = extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    client = api_client()
    body = second_extension_body(
        occurred_at=bog(2025, 2, 1).isoformat(),
        corrects=first.event.seq,
        correction_reason="The date was typed wrong.",
    )
    body["payload"]["until"] = "2025-11-30"
    response = post_json(client, f"{API}/cases/{ordered.nuid}/events", body)
    assert response.status_code == 201, response.content
    assert maximum(ordered).due_on == dt.date(2025, 11, 30)


def test_the_write_path_itself_refuses_an_unconfirmed_second_extension(
    ordered: Case, record: Any
) -> None:
    """``event_record`` checks it (the custody projector's check), whoever calls it."""
    from expediente.docket.errors import InvalidInput

    extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    before = Event.objects.filter(case=ordered).count()
    payload = {"person": "P1", "until": "2026-02-28", **EXTENSION}
    with pytest.raises(InvalidInput) as refused:
        record(ordered, "custody.pretrial_extended", payload, occurred_at=bog(2025, 12, 1))
    assert refused.value.errors[0]["field"] == "confirm"
    assert Event.objects.filter(case=ordered).count() == before


def test_a_retry_with_the_same_key_is_answered_as_recorded(ordered: Case, record: Any) -> None:
    """The first extension retried with its Idempotency-Key is answered with what it
    recorded (it is not counted as a second one against itself); a confirmed second
    one retried without ``confirm`` likewise."""
    client = api_client()
    url = f"{API}/cases/{ordered.nuid}/events"
    first = second_extension_body(occurred_at=bog(2025, 2, 1).isoformat())
    first["payload"]["until"] = "2025-12-31"
    assert post_json(client, url, first, key="ext-1").status_code == 201
    count = Event.objects.filter(case=ordered).count()
    again = post_json(client, url, first, key="ext-1")
    assert again.status_code == 200, again.content
    assert Event.objects.filter(case=ordered).count() == count
    second = second_extension_body(confirm=[CONFIRMATION])
    assert post_json(client, url, second, key="ext-2").status_code == 201
    retried = post_json(client, url, second_extension_body(), key="ext-2")
    assert retried.status_code == 200, retried.content
    assert Event.objects.filter(case=ordered).count() == count + 1


def test_a_malformed_second_extension_gets_its_own_error(ordered: Case, record: Any) -> None:
    extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    body = second_extension_body()
    body["payload"]["until"] = "2025-13-45"
    response = post_json(api_client(), f"{API}/cases/{ordered.nuid}/events", body)
    assert response.status_code == 422
    assert fields(problem(response, 422)) == ["payload.until"]


def test_a_form_sent_twice_records_once_without_warning_about_itself(
    co_court: Court, ordered: Case, record: Any
) -> None:
    client, url, data = extension_form(co_court, ordered, "2025-02-01T10:00", "2025-12-31")
    posted = drawn(client.get(url)) | data
    assert client.post(url, posted).status_code == 302
    count = Event.objects.filter(case=ordered).count()
    again = client.post(url, posted)
    assert again.status_code == 302  # answered as recorded: no warning about its own entry
    assert Event.objects.filter(case=ordered).count() == count


def test_the_second_extension_keeps_its_confirmation_and_the_timeline_says_so(
    co_court: Court, ordered: Case, record: Any
) -> None:
    """Only the extension that needed it keeps ``extension_past_limit``: the first one,
    recorded with the same confirmation, needed none and keeps nothing."""
    first = extend(record, ordered, bog(2025, 2, 1), "2025-12-31")
    client = api_client()
    body = second_extension_body(confirm=["extension_past_limit"])
    response = post_json(client, f"{API}/cases/{ordered.nuid}/events", body)
    assert response.status_code == 201, response.content
    assert response.json()["confirmed"] == ["extension_past_limit"]
    assert first.event.confirmed is None
    second = Event.objects.get(case=ordered, seq=response.json()["seq"])
    assert second.confirmed == ["extension_past_limit"]
    staff = signed_in(member("clerk.bogota", co_court, "clerk"))
    page = html.unescape(staff.get(f"/court/cases/{ordered.nuid}/").content.decode())
    said = " ".join(page.split())
    assert (
        "Recorded knowing that this extension goes past the number of extensions its term "
        "admits: “Maximum term of a custodial precautionary measure” "
        f"({LAW}); the deadline does not count it."
    ) in said
    assert said.count("Recorded knowing that") == 1
