"""An expunction order (``case.expunged``, with its legal basis) is an event: the case
vanishes from every view outside the court (public lookup and calendar, the public
export, the API, the portal of everyone but the accused and their defence) and, inside
the court, from everyone the disclosure rules do not name (judges only, in the shipped
rules). The record is never deleted, its chain still verifies, and a rebuild gives the
same state. A malformed or senseless order is refused and writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from expediente.access.access_log import AccessRecord
from expediente.access.disclosure import PUBLIC, Audience, CaseFacts, resolve, sees_expunged
from expediente.access.models import Expunction
from expediente.api.present import case_bodies
from expediente.docket.errors import InvalidInput
from expediente.docket.models import Case, Event
from expediente.docket.services import event_record
from expediente.integrity.verify import verify_cases
from expediente.portal.public.export import public_export
from expediente.rules.loader import load_pack
from tests.court.pages.conftest import signed_in, staff
from tests.privacy.conftest import EXPUNCTION_BASIS, HEARING_DAY
from tests.privacy.test_a_participant_sees_who_viewed_their_case import follow

pytestmark = pytest.mark.django_db

LATER = dt.datetime(2026, 2, 10, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fresh_bodies() -> None:
    case_bodies.clear()


def expunge(case: Case, judge, **payload):  # type: ignore[no-untyped-def]
    payload = {"basis": "Ley de prueba art. 1", **payload}
    return event_record(
        case=case, type="case.expunged", payload=payload, actor=judge, occurred_at=LATER
    )


def test_nobody_outside_the_court_finds_it(cases, api_reader, tmp_path):
    case = cases["expunged"]
    public = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert public.get("/public/", {"court": "sj-penal", "number": case.number}).status_code == 404
    day = public.get("/public/calendar/sj-penal/", {"day": HEARING_DAY.isoformat()})
    assert case.number not in day.content.decode()
    path, _ = public_export(
        court=case.court,
        folder=tmp_path,
        name="x.jsonl",
        now=dt.datetime.now(dt.UTC),
        progress=lambda *_: None,
    )
    assert case.number not in path.read_text(encoding="utf-8")
    assert api_reader.get(f"/api/v1/cases/{case.nuid}").status_code == 404
    assert api_reader.get(f"/api/v1/cases/{case.nuid}/events").status_code == 404


def test_the_accused_still_follows_it_and_the_victim_does_not(cases, judge):
    case = cases["expunged"]
    accused = follow(case, judge, "P1").get("/follow/case/")
    assert accused.status_code == 200
    assert "Aurelio ReoExpunged" in accused.content.decode()
    victim = follow(case, judge, "P2").get("/follow/case/")
    assert victim.status_code in (302, 404)


def test_inside_the_court_only_judges_see_it(cases, court):
    case = cases["expunged"]
    staff("clara.clerk", court, "clerk")
    clerk = signed_in("clara.clerk")
    assert clerk.get(f"/court/cases/{case.nuid}/").status_code == 404
    assert case.nuid not in clerk.get("/court/cases/").content.decode()
    staff("juana.judge", court, "judge")
    judge = signed_in("juana.judge")
    page = judge.get(f"/court/cases/{case.nuid}/")
    assert page.status_code == 200
    assert "Aurelio ReoExpunged" in page.content.decode()
    assert EXPUNCTION_BASIS in page.content.decode()
    assert case.nuid in judge.get("/court/cases/").content.decode()


def test_a_court_administrator_sees_no_line_of_it_in_the_access_log(cases, court):
    case = cases["expunged"]
    staff("juana.judge", court, "judge")
    judge = signed_in("juana.judge")
    judge.get(f"/court/cases/{case.nuid}/")
    assert AccessRecord.objects.filter(case=case).exists()
    staff("ada.admin", court, "court_admin")
    log = signed_in("ada.admin").get("/court/access-log/").content.decode()
    assert case.number not in log
    assert case.number in judge.get("/court/access-log/").content.decode()


def test_the_rules_decide_who_inside_the_court_sees_it(cases, court, court_pack):
    case = cases["expunged"]
    court_pack(
        "  expunged_judges:\n"
        "    to: ['staff:judge']\n"
        "    when: {confidentiality: [expunged]}\n"
        "    show: {case: false}\n"
        "    source: a test pack\n"
    )
    staff("juana.judge", court, "judge")
    judge = signed_in("juana.judge")
    assert judge.get(f"/court/cases/{case.nuid}/").status_code == 404
    assert case.nuid not in judge.get("/court/cases/").content.decode()
    # a sealed (not expunged) case is still the judges'
    assert judge.get(f"/court/cases/{cases['sealed'].nuid}/").status_code == 200


def test_the_record_is_kept_and_verifies_and_a_rebuild_gives_the_same_state(cases):
    case = cases["expunged"]
    assert Event.objects.filter(case=case).count() == case.last_seq
    last = Event.objects.get(case=case, seq=case.last_seq)
    assert last.type == "case.expunged"
    assert last.payload["basis"] == EXPUNCTION_BASIS
    assert case.confidentiality == "sealed"
    assert verify_cases([case]) == []
    call_command("rebuild")
    assert Expunction.objects.get(case=case).seq == case.last_seq
    call_command("rebuild", "--check")
    assert verify_cases() == []


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"basis": ""}, "payload.basis"),
        ({"basis": "x" * 301}, "payload.basis"),
        ({"grounds": 5}, "payload.grounds"),
    ],
)
def test_an_order_without_a_proper_legal_basis_is_refused(cases, judge, payload, field):
    case = cases["convicted"]
    before = Event.objects.count()
    with pytest.raises(InvalidInput) as refused:
        expunge(case, judge, **payload)
    assert field in [e["field"] for e in refused.value.errors]
    assert Event.objects.count() == before
    assert not Expunction.objects.filter(case=case).exists()


@pytest.mark.parametrize(
    ("type_name", "payload"),
    [
        ("case.expunged", {"basis": "otra vez"}),
        ("case.sealed", {"grounds": "sellar"}),
        ("case.unsealed", {"confidentiality": "public", "grounds": "levantar"}),
    ],
)
def test_an_expunged_case_cannot_be_expunged_sealed_or_unsealed_again(
    cases, judge, type_name, payload
):
    case = cases["expunged"]
    before = Event.objects.count()
    with pytest.raises(InvalidInput) as refused, translation.override("en"):
        event_record(case=case, type=type_name, payload=payload, actor=judge, occurred_at=LATER)
    assert refused.value.errors == [
        {
            "field": "type",
            "message": "an expunged case cannot be sealed, unsealed or expunged again",
        }
    ]
    assert Event.objects.count() == before
    case.refresh_from_db()
    assert case.confidentiality == "sealed"


def test_a_sealed_case_can_be_expunged(cases, judge):
    case = cases["sealed"]
    expunge(case, judge)
    assert Expunction.objects.filter(case=case).exists()
    case.refresh_from_db()
    assert case.confidentiality == "sealed"


@pytest.mark.parametrize("pack_id", ["intl", "cr", "br", "cl", "co"])
@pytest.mark.parametrize("procedure", ["adult", "juvenile"])
def test_the_shipped_rules_leave_it_to_judges_the_accused_and_the_defence(pack_id, procedure):
    pack = load_pack(pack_id)
    readers = {"public": PUBLIC}
    readers |= {f"staff:{r}": Audience("staff", frozenset({r})) for r in ("clerk", "judge")}
    readers["staff:court_admin"] = Audience("staff", frozenset({"court_admin"}))
    readers["api:cases:read"] = Audience("api", frozenset({"cases:read"}))
    for role in pack.roles:
        readers[f"participant:{role}"] = Audience("participant", frozenset({role}), "P9")
    facts = CaseFacts(procedure, "expunged", "convicted", frozenset())
    seen = {name for name, reader in readers.items() if resolve(pack, reader, facts).case}
    named = {"participant:accused", "participant:defence", "participant:public_defender"}
    assert seen == {"staff:judge"} | named
    assert sees_expunged(pack, readers["staff:judge"])
    assert not sees_expunged(pack, readers["staff:clerk"])
