"""Consular notification (intl pack, VCCR art. 36(1)(b)): a foreign national held sees
an open duty on the case page until entries record that they were told of the right
and, if they asked, that their consulate was informed. Nationals, stateless persons and
people at large owe none; an unrecorded nationality is said to need checking."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from expediente.custody.consular import consular_duties, duty_status
from expediente.docket.models import Case, Event
from expediente.docket.rebuild import rebuild
from expediente.rules.loader import load_pack
from expediente.rules.schema import reference_problems
from tests.api.helpers import API, fields, post_json, problem
from tests.conftest import PERSON
from tests.court.forms.helpers import field_error, hidden

OPEN_TOLD = "Open: nobody has recorded that this person was told of their right"


def _accused(record: Any, case: Case, **person: Any) -> None:
    record(case, "participant.added", {"role": "accused", "person": {**PERSON, **person}})


def _page(client: Client, case: Case) -> str:
    response = client.get(f"/court/cases/{case.nuid}/")
    assert response.status_code == 200
    return response.content.decode()


def _held(case: Case) -> list[str]:
    return [d.status for d in consular_duties(case=case, pack=load_pack("cr"), held=["P1"])]


def test_the_shipped_packs_carry_the_rule_and_their_country() -> None:
    for pack_id, country in (("cr", "CR"), ("br", "BR"), ("cl", "CL"), ("co", "CO"), ("intl", "")):
        pack = load_pack(pack_id)
        rule = pack.consular_notification
        assert rule is not None, pack_id
        assert (rule.law.article, rule.law.flag) == ("art. 36(1)(b)", "P")
        assert rule.law.says
        assert rule.law.says["en"] == "without delay"
        assert pack.country == country


def test_a_rule_naming_entries_the_pack_lacks_is_refused() -> None:
    pack = load_pack("cr")
    rule = pack.consular_notification
    assert rule is not None
    broken = pack.model_copy(
        update={"consular_notification": rule.model_copy(update={"informed_by": "consular.x"})}
    )
    assert ("consular_notification.informed_by", "unknown event type 'consular.x'") in (
        reference_problems(broken)
    )


@pytest.mark.parametrize(
    ("nationality", "expected"),
    [
        ("NI", "inform_person"),
        ("CR", None),  # a national (a dual national of CR is recorded as CR)
        ("stateless", None),
        ("", "nationality_not_recorded"),
    ],
)
def test_who_is_owed_the_duty(nationality: str, expected: str | None) -> None:
    got = duty_status(nationality=nationality, country="CR", informed=None, notified=None)
    assert got == expected


def test_a_court_without_a_country_says_to_check() -> None:
    assert duty_status(nationality="NI", country="", informed=None, notified=None) == (
        "country_not_set"
    )


def test_a_foreign_national_held_sees_the_duty_open_until_it_is_recorded(
    case: Case, record: Any, custody: Any, at: Any, clerk_client: Client
) -> None:
    _accused(record, case, nationality="NI")
    custody(case, "arrested", at(3))
    page = _page(clerk_client, case)
    assert "Consular notification" in page
    assert OPEN_TOLD in page
    assert "Vienna Convention on Consular Relations (1963) art. 36(1)(b)" in page
    assert "without delay" in page
    assert "/record/consular.rights_informed/?person=P1" in page

    # told; they ask for their consulate: still open, now for the consulate
    record(
        case,
        "consular.rights_informed",
        {"person": "P1", "requested": True, "language": "español"},
        occurred_at=at(3, 12),
    )
    page = _page(clerk_client, case)
    assert OPEN_TOLD not in page
    assert "they asked for their consulate to be informed; nobody has recorded that it was" in page
    assert "/record/consular.post_notified/?person=P1" in page
    assert _held(case) == ["inform_post"]

    record(
        case,
        "consular.post_notified",
        {"person": "P1", "consular_post": "Consulado de Nicaragua en San José", "means": "email"},
        occurred_at=at(3, 15),
    )
    page = _page(clerk_client, case)
    assert "The consulate was informed on" in page
    assert "Consulado de Nicaragua en San José, By email" in page
    assert "Open:" not in page
    assert _held(case) == ["post_informed"]


def test_a_person_who_does_not_ask_discharges_it_by_being_told(
    case: Case, record: Any, custody: Any, at: Any, clerk_client: Client
) -> None:
    _accused(record, case, nationality="DE")
    custody(case, "arrested", at(2))
    record(
        case, "consular.rights_informed", {"person": "P1", "requested": False}, occurred_at=at(2)
    )
    page = _page(clerk_client, case)
    assert "they did not ask for their consulate to be informed" in page
    assert "Open:" not in page


@pytest.mark.parametrize(
    ("nationality", "arrested"),
    [("CR", True), ("stateless", True), ("NI", False)],
    ids=["national", "stateless", "at large"],
)
def test_no_duty_for_a_national_a_stateless_person_or_someone_at_large(
    case: Case,
    record: Any,
    custody: Any,
    at: Any,
    clerk_client: Client,
    nationality: str,
    arrested: bool,
) -> None:
    _accused(record, case, nationality=nationality)
    if arrested:
        custody(case, "arrested", at(2))
    assert "Consular notification" not in _page(clerk_client, case)


def test_no_duty_once_released(
    case: Case, record: Any, custody: Any, at: Any, clerk_client: Client
) -> None:
    _accused(record, case, nationality="NI")
    custody(case, "arrested", at(3))
    custody(case, "released", at(2), reason="no_charges")
    assert "Consular notification" not in _page(clerk_client, case)


def test_an_unrecorded_nationality_is_said_to_need_checking(
    case: Case, record: Any, custody: Any, at: Any, clerk_client: Client
) -> None:
    _accused(record, case)
    custody(case, "arrested", at(2))
    page = _page(clerk_client, case)
    assert "Nationality not recorded: check whether consular notification applies." in page
    assert "Open:" not in page


def test_a_correction_to_a_foreign_nationality_raises_it(
    case: Case, record: Any, custody: Any, at: Any
) -> None:
    _accused(record, case, nationality="CR")
    custody(case, "arrested", at(2))
    assert _held(case) == []
    record(
        case,
        "participant.added",
        {"participant": "P1", "role": "accused", "person": {**PERSON, "nationality": "PA"}},
        corrects_seq=2,
    )
    assert _held(case) == ["inform_person"]


@pytest.mark.parametrize(
    ("type_name", "payload", "field"),
    [
        ("consular.rights_informed", {"person": "P1"}, "payload.requested"),
        ("consular.rights_informed", {"person": "P1", "requested": "yes"}, "payload.requested"),
        ("consular.rights_informed", {"person": "P2", "requested": True}, "payload.person"),
        ("consular.rights_informed", {"requested": True}, "payload.person"),
        (
            "consular.post_notified",
            {"person": "P1", "consular_post": "Consulado", "means": "pigeon"},
            "payload.means",
        ),
        ("consular.post_notified", {"person": "P1", "means": "phone"}, "payload.consular_post"),
    ],
)
def test_bad_entries_over_the_api_are_refused_naming_the_field(
    api_clerk: Client,
    accused_case: Case,
    type_name: str,
    payload: dict[str, Any],
    field: str,
) -> None:
    before = Event.objects.filter(case=accused_case).count()
    body = {"type": type_name, "payload": payload, "occurred_at": "2026-02-01T10:00:00-06:00"}
    p = problem(post_json(api_clerk, f"{API}/cases/{accused_case.nuid}/events", body), 422)
    assert field in fields(p)
    assert Event.objects.filter(case=accused_case).count() == before


def test_the_entries_are_recorded_over_the_api_and_published_with_their_schema(
    api_clerk: Client, accused_case: Case, court: Any
) -> None:
    body = {
        "type": "consular.rights_informed",
        "payload": {"person": "P1", "requested": True},
        "occurred_at": "2026-02-01T10:00:00-06:00",
    }
    r = post_json(api_clerk, f"{API}/cases/{accused_case.nuid}/events", body)
    assert r.status_code == 201, r.content
    types = api_clerk.get(f"{API}/courts/{court.code}/event-types").json()
    named = str(types)
    assert "consular.post_notified" in named
    assert "consular_post" in named


def test_the_form_refuses_a_notification_without_the_consulate(
    case: Case, record: Any, custody: Any, at: Any, clerk_client: Client
) -> None:
    _accused(record, case, nationality="NI")
    custody(case, "arrested", at(2))
    before = case.events.count()
    url = f"/court/cases/{case.nuid}/record/consular.post_notified/?person=P1"
    page = clerk_client.get(url)
    assert page.status_code == 200
    assert 'value="P1" selected' in page.content.decode()
    response = clerk_client.post(
        url,
        {
            "person": "P1",
            "means": "phone",
            "occurred_at": at(1).strftime("%Y-%m-%dT%H:%M"),
            **hidden(page),
        },
    )
    assert response.status_code == 200
    assert field_error(response, "consular_post") == "Fill in “Consular post informed”."
    assert case.events.count() == before


def test_rebuild_check_agrees_after_the_entries(
    case: Case, record: Any, custody: Any, at: Any
) -> None:
    _accused(record, case, nationality="NI")
    custody(case, "arrested", at(3))
    record(case, "consular.rights_informed", {"person": "P1", "requested": True}, occurred_at=at(3))
    record(
        case,
        "consular.post_notified",
        {"person": "P1", "consular_post": "Consulado de Nicaragua", "means": "phone"},
        occurred_at=at(2),
    )
    before = _held(case)
    result = rebuild(check=True)
    assert result.differences == []
    assert _held(case) == before == ["post_informed"]
