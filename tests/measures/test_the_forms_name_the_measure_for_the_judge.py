"""A judge imposing a measure on a phone had an empty "Measure id" box to fill with an id
of her own making: the form now offers the next free one (M3 after M1 and M2). Every
other measure entry chooses the measure from the case's, those in force first, each with
its kind and the person; an id not in the case is refused on the field, and nothing is
recorded."""

from __future__ import annotations

import re

from expediente.docket.models import Event


def form(client, case, type_name: str) -> str:  # type: ignore[no-untyped-def]
    return client.get(f"/court/cases/{case.nuid}/record/{type_name}/").content.decode()


def test_imposing_offers_the_next_free_id(accused_case, impose, at, judge_client):  # type: ignore[no-untyped-def]
    assert re.search(
        r'name="measure"[^>]*value="M1"', form(judge_client, accused_case, "measure.imposed")
    )
    impose(accused_case, "periodic_reporting", at(30), measure="M1")
    impose(accused_case, "restraining_order", at(20), measure="M2")
    html = form(judge_client, accused_case, "measure.imposed")
    assert re.search(r'name="measure"[^>]*value="M3"', html)
    assert "A short name for this measure, unique in the case." in html


def test_other_entries_choose_among_the_cases_measures(
    accused_case, impose, comply, at, judge_client
):  # type: ignore[no-untyped-def]
    impose(accused_case, "periodic_reporting", at(30), measure="M1")
    impose(accused_case, "restraining_order", at(20), measure="M2")
    comply(accused_case, "ended", at(5), measure="M1", reason="complied")
    html = form(judge_client, accused_case, "measure.checked_in")
    top = html.index('id="id_measure"')
    select = html[top : html.index("</select>", top)]
    options = re.findall(r'<option value="(M\d)"[^>]*>([^<]*)<', select)
    assert [uid for uid, _text in options] == ["M2", "M1"]  # in force first
    assert options[0][1] == "M2 — Restraining order, José Pérez Mora"
    assert options[1][1] == "M1 — Reporting to the court, José Pérez Mora (no longer in force)"


def test_an_id_not_in_the_case_is_refused_on_the_field(accused_case, impose, at, judge_client):  # type: ignore[no-untyped-def]
    impose(accused_case, "community_service", at(20), measure="M1")
    before = Event.objects.filter(case=accused_case).count()
    url = f"/court/cases/{accused_case.nuid}/record/measure.hours_logged/"
    page = judge_client.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    data = {"measure": "M7", "hours": "4", "occurred_at": at(1).strftime("%Y-%m-%dT%H:%M")}
    if token:
        data["csrfmiddlewaretoken"] = token[1]
    html = judge_client.post(url, data).content.decode()
    assert "there is no measure M7 in this case" in html
    assert Event.objects.filter(case=accused_case).count() == before
