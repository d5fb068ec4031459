"""Costa Rica, CPP art. 257: a detention order whose stated term ("until") goes past the
legal maximum the pack computes is a real order, recorded as the judge gave it, but not
unawares. The staff form asks first; the API and the importer ask the same: without
``"confirm": ["order_past_maximum"]`` such an entry is a 422 on ``confirm`` naming the
rule, the maximum's day and its article, and nothing is written. A retry with the same
key is answered as recorded; a correction of an order already past the maximum asks
again only if it moves the term later; a pack without such a maximum asks nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from expediente.access.models import User
from expediente.access.policy import Actor
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Court, Event, Jurisdiction
from expediente.docket.services import case_open
from tests.api.helpers import API, fields, message, post_json, problem

CR = ZoneInfo("America/Costa_Rica")
ORDER = "custody.pretrial_ordered"
ORDERED_AT = dt.datetime(2026, 2, 20, 10, tzinfo=CR)  # twelve months: to 20 February 2027
PAST_IT = "2027-05-20"
LAW = "Código Procesal Penal (Ley 7594) art. 257"
RULE = "Maximum term of pretrial detention"


@pytest.fixture
def arrested(accused_case: Case, record: Any) -> Case:
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=ORDERED_AT)
    accused_case.refresh_from_db()
    return accused_case


def order(until: str = PAST_IT, **more: Any) -> dict[str, Any]:
    return {
        "type": ORDER,
        "occurred_at": (ORDERED_AT + dt.timedelta(hours=20)).isoformat(),
        "payload": {"person": "P1", "until": until, "grounds": "Peligro de fuga"},
        **more,
    }


def extension(until: str, **more: Any) -> dict[str, Any]:
    return {
        "type": "custody.pretrial_extended",
        "occurred_at": dt.datetime(2026, 2, 27, 10, tzinfo=CR).isoformat(),
        "payload": {"person": "P1", "until": until, "granted_by": "Tribunal"},
        **more,
    }


def orders(case: Case) -> int:
    return Event.objects.filter(case=case, type=ORDER).count()


def url(case: Case) -> str:
    return f"{API}/cases/{case.nuid}/events"


def test_without_confirm_it_is_a_422_naming_the_rule_the_maximum_and_the_article(
    arrested: Case, api_clerk: Client
) -> None:
    count = Event.objects.filter(case=arrested).count()
    p = problem(post_json(api_clerk, url(arrested), order()), 422, "invalid")
    assert fields(p) == ["confirm"]
    said = message(p, "confirm")
    assert "until 2027-05-20" in said
    assert f"“{RULE}”" in said
    assert LAW in said
    assert "ends on 2027-02-21" in said, said
    assert '"confirm": ["order_past_maximum"]' in said
    assert Event.objects.filter(case=arrested).count() == count


def test_with_confirm_it_is_recorded_as_the_judge_gave_it(
    arrested: Case, api_clerk: Client
) -> None:
    response = post_json(api_clerk, url(arrested), order(confirm=["order_past_maximum"]))
    assert response.status_code == 201, response.content
    assert orders(arrested) == 1
    assert Event.objects.get(case=arrested, type=ORDER).payload["until"] == PAST_IT


def test_a_term_within_the_maximum_needs_no_confirm_and_takes_it(
    arrested: Case, api_clerk: Client
) -> None:
    response = post_json(api_clerk, url(arrested), order(until="2026-08-20"))
    assert response.status_code == 201, response.content
    # a name the entry does not need changes nothing
    again = extension("2026-09-20", confirm=["order_past_maximum", "extension_past_limit"])
    response = post_json(api_clerk, url(arrested), again)
    assert response.status_code == 201, response.content


def test_a_retry_with_the_same_key_is_answered_as_recorded(
    arrested: Case, api_clerk: Client
) -> None:
    confirmed = order(confirm=["order_past_maximum"])
    assert post_json(api_clerk, url(arrested), confirmed, key="order-1").status_code == 201
    count = Event.objects.filter(case=arrested).count()
    for body in (confirmed, order()):  # with confirm or without it
        again = post_json(api_clerk, url(arrested), body, key="order-1")
        assert again.status_code == 200, again.content
    assert Event.objects.filter(case=arrested).count() == count


def test_a_malformed_order_gets_its_own_error(arrested: Case, api_clerk: Client) -> None:
    for body in (order("2027-13-45"), order("2027-13-45", confirm=["order_past_maximum"])):
        p = problem(post_json(api_clerk, url(arrested), body), 422)
        assert fields(p) == ["payload.until"]


def recorded_past_it(case: Case, client: Client) -> int:
    response = post_json(client, url(case), order(confirm=["order_past_maximum"]))
    assert response.status_code == 201, response.content
    return int(response.json()["seq"])


def correction(seq: int, until: str, grounds: str) -> dict[str, Any]:
    body = order(until, corrects=seq, correction_reason="Mistyped when first recorded")
    body["payload"]["grounds"] = grounds
    return body


def test_correcting_another_field_of_an_order_past_it_asks_nothing(
    arrested: Case, api_clerk: Client
) -> None:
    seq = recorded_past_it(arrested, api_clerk)
    body = correction(seq, PAST_IT, "Peligro de fuga y de obstaculización")
    response = post_json(api_clerk, url(arrested), body)
    assert response.status_code == 201, response.content
    # still past it, but less: asks nothing either
    earlier = correction(int(response.json()["seq"]), "2027-04-30", "Peligro de fuga")
    response = post_json(api_clerk, url(arrested), earlier)
    assert response.status_code == 201, response.content


def test_correcting_its_term_to_a_later_day_asks_again(arrested: Case, api_clerk: Client) -> None:
    seq = recorded_past_it(arrested, api_clerk)
    body = correction(seq, "2027-08-20", "Peligro de fuga")
    p = problem(post_json(api_clerk, url(arrested), body), 422, "invalid")
    assert fields(p) == ["confirm"]
    assert "until 2027-08-20" in message(p, "confirm")


def test_correcting_an_order_within_it_to_past_it_asks(arrested: Case, api_clerk: Client) -> None:
    response = post_json(api_clerk, url(arrested), order(until="2026-08-20"))
    assert response.status_code == 201
    body = correction(int(response.json()["seq"]), PAST_IT, "Peligro de fuga")
    p = problem(post_json(api_clerk, url(arrested), body), 422, "invalid")
    assert fields(p) == ["confirm"]


def test_the_write_path_itself_refuses_it_unconfirmed(arrested: Case, record: Any) -> None:
    """``event_record`` checks it (the custody projector's check), whoever calls it."""
    before = Event.objects.filter(case=arrested).count()
    with pytest.raises(InvalidInput) as refused:
        record(
            arrested,
            ORDER,
            order()["payload"],
            occurred_at=ORDERED_AT + dt.timedelta(hours=20),
            confirm=[],
        )
    assert refused.value.errors[0]["field"] == "confirm"
    assert Event.objects.filter(case=arrested).count() == before


@pytest.fixture
def chilean_case(db: None, clerk: Actor, record: Any) -> Case:
    """A case in a court whose pack marks no order term against a maximum (Chile)."""
    country = Jurisdiction.objects.create(code="cl", name="Chile", rule_pack="cl")
    court = Court.objects.create(
        jurisdiction=country,
        code="stgo-garantia",
        name="Juzgado de Garantía de Santiago",
        office_code="0077",
        timezone="America/Santiago",
        rule_pack="cl",
    )
    opened = dt.datetime(2026, 2, 1, 10, tzinfo=dt.UTC)
    case = case_open(court=court, actor=clerk, procedure="adult", occurred_at=opened).event.case
    person = {"given_names": "Camila", "family_names": "Rojas", "sex": "female"}
    record(case, "participant.added", {"role": "accused", "person": person}, occurred_at=opened)
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=ORDERED_AT)
    case.refresh_from_db()
    return case


def test_a_pack_without_such_a_maximum_asks_nothing(chilean_case: Case, api_clerk: Client) -> None:
    response = post_json(api_clerk, url(chilean_case), order(until="2029-12-31"))
    assert response.status_code == 201, response.content
    again = extension("2030-12-31", confirm=["order_past_maximum"])
    response = post_json(api_clerk, url(chilean_case), again)
    assert response.status_code == 201, response.content  # changes nothing


# the importer: the same body, the same rule


def run(path: Path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import", str(path), "--user", "migracion", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def line(case: Case, key: str, **more: Any) -> dict[str, Any]:
    return {"op": "event", "key": key, "case": case.nuid, **order(**more)}


def write(tmp_path: Path, *lines: dict[str, Any]) -> Path:
    path = tmp_path / "lines.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    return path


@pytest.fixture
def importer_account(db: None) -> User:
    return User.objects.create(username="migracion", is_system=True)


def test_the_importer_refuses_it_without_confirm(
    arrested: Case, importer_account: User, tmp_path: Path
) -> None:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import",
            str(write(tmp_path, line(arrested, "other-system/order/1"))),
            "--user",
            "migracion",
            stdout=out,
            stderr=err,
        )
    assert "1 refused" in out.getvalue()
    said = err.getvalue()
    assert "\n    confirm: " in said
    assert LAW in said
    assert '"confirm": ["order_past_maximum"]' in said
    assert orders(arrested) == 0


def test_the_importer_records_it_with_confirm(
    arrested: Case, importer_account: User, tmp_path: Path
) -> None:
    confirmed = line(arrested, "other-system/order/1", confirm=["order_past_maximum"])
    out, _err = run(write(tmp_path, confirmed))
    assert "1 recorded" in out
    assert Event.objects.get(case=arrested, type=ORDER).payload["until"] == PAST_IT
