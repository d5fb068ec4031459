"""Issue 6: the supervision list, the reporting desk and the breaches on the due page show
people of cases; each case shown is a line in the access log (who, as what, in which
court), written in one INSERT per page, and a case the reader may not see is neither
shown nor logged."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from expediente.access.access_log import AccessRecord
from expediente.docket.models import Case

LOG_TABLE = AccessRecord._meta.db_table


def inserts_into_the_log(ctx: CaptureQueriesContext) -> int:
    return sum(
        1
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith("INSERT") and LOG_TABLE in q["sql"]
    )


def get(client, path):  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(path).content.decode()
    return body, inserts_into_the_log(ctx)


def two_cases(accused_case, open_case, record, impose, at):  # type: ignore[no-untyped-def]
    other = open_case()
    record(
        other,
        "participant.added",
        {"role": "accused", "person": {"given_names": "Luis", "family_names": "Segundo Caso"}},
    )
    record(
        other,
        "participant.added",
        {"role": "victim", "person": {"given_names": "Eva", "family_names": "Víctima Dos"}},
    )
    for case, device in ((accused_case, "DEV-1"), (other, "DEV-9")):
        impose(case, "periodic_reporting", at(7))  # due today at the desk
        impose(case, "restraining_order", at(7), measure="M2", device=device)
    return accused_case, other


def test_the_supervision_list_logs_each_case_once_in_one_insert(
    accused_case, open_case, record, impose, at, judge_client
):
    cases = two_cases(accused_case, open_case, record, impose, at)
    body, inserts = get(judge_client, "/court/measures/")
    assert "José Pérez Mora" in body
    assert "Luis Segundo Caso" in body
    assert inserts == 1
    lines = AccessRecord.objects.all()
    assert sorted(r.case_id for r in lines) == sorted(c.pk for c in cases)  # once per case
    for r in lines:
        assert (r.channel, r.audience, r.role, r.court, r.classes) == (
            "web",
            "staff",
            "judge",
            "sj-penal",
            ["names"],
        )


def test_the_desk_logs_names_and_identity_documents(
    accused_case, open_case, record, impose, at, clerk_client
):
    cases = two_cases(accused_case, open_case, record, impose, at)
    body, inserts = get(clerk_client, "/court/measures/desk/")
    assert "Record check-in: José Pérez Mora" in body
    assert inserts == 1
    lines = AccessRecord.objects.all()
    assert sorted(r.case_id for r in lines) == sorted(c.pk for c in cases)
    assert {tuple(r.classes) for r in lines} == {("names", "identifiers")}


def test_a_sealed_case_is_neither_shown_to_a_clerk_nor_logged(
    accused_case, open_case, record, impose, at, clerk_client
):
    sealed, other = two_cases(accused_case, open_case, record, impose, at)
    Case.objects.filter(pk=sealed.pk).update(confidentiality="sealed")
    for path in ("/court/measures/", "/court/measures/desk/"):
        body, _inserts = get(clerk_client, path)
        assert "José Pérez Mora" not in body
        assert sealed.number not in body
        assert "Luis Segundo Caso" in body
    assert not AccessRecord.objects.filter(case=sealed).exists()
    assert AccessRecord.objects.filter(case=other).count() == 2


def test_the_breaches_on_the_due_page_are_logged_in_one_insert(
    accused_case, open_case, record, impose, comply, at, judge_client
):
    cases = two_cases(accused_case, open_case, record, impose, at)
    for case, device in zip(cases, ("DEV-1", "DEV-9"), strict=True):
        comply(case, "device_event", at(1), measure="M2", device=device, kind="zone_breach")
    body, inserts = get(judge_client, "/court/due/")
    assert "José Pérez Mora" in body
    assert "Luis Segundo Caso" in body
    assert inserts == 1
    assert sorted(r.case_id for r in AccessRecord.objects.all()) == sorted(c.pk for c in cases)


def test_an_empty_list_writes_nothing(court, judge_client):
    for path in ("/court/measures/", "/court/measures/desk/", "/court/due/"):
        _body, inserts = get(judge_client, path)
        assert inserts == 0
    assert not AccessRecord.objects.exists()
