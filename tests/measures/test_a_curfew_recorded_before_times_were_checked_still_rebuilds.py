"""Events are immutable: a curfew recorded before its hours were checked as times of day
("25:00", "xx") stays on the record as typed, rebuilds, and shows on the case page; only
new entries must give real times."""

from __future__ import annotations

from django.core.management import call_command

from expediente.docket.models import Event
from expediente.docket.rebuild import rebuild
from expediente.docket.services import recording
from expediente.measures.models import Measure
from tests.court.forms.helpers import drawn


def test_an_old_curfew_with_impossible_hours_rebuilds_and_is_shown_as_typed(
    accused_case, impose, at, monkeypatch, clerk_client
):
    with monkeypatch.context() as m:  # as the system was: only the length was checked
        m.setattr(recording, "validate_payload", lambda pack, type_name, payload: payload)
        impose(accused_case, "curfew", at(10), curfew_from="25:00", curfew_to="xx")
    stored = Event.objects.get(case=accused_case, type="measure.imposed").payload
    assert (stored["curfew_from"], stored["curfew_to"]) == ("25:00", "xx")
    before = list(Measure.objects.values_list("uid", "kind", "status", "conditions"))

    assert rebuild(check=True).differences == []
    call_command("rebuild", "--check")
    rebuild()
    assert list(Measure.objects.values_list("uid", "kind", "status", "conditions")) == before

    page = clerk_client.get(f"/court/cases/{accused_case.nuid}/")
    assert page.status_code == 200
    assert "25:00" in page.content.decode()


def test_such_a_curfew_is_corrected_with_real_times(
    accused_case, impose, at, monkeypatch, clerk_client
):
    with monkeypatch.context() as m:
        m.setattr(recording, "validate_payload", lambda pack, type_name, payload: payload)
        impose(accused_case, "curfew", at(10), curfew_from="25:00", curfew_to="xx")
    original = Event.objects.get(case=accused_case, type="measure.imposed")
    url = f"/court/cases/{accused_case.nuid}/events/{original.seq}/correct/"
    form = clerk_client.get(url)
    assert form.status_code == 200
    assert 'value="xx"' in form.content.decode()  # shown as it is, to be put right

    data = drawn(form)  # what the browser sends back: the original's values
    assert (data["curfew_from"], data["curfew_to"]) == ("25:00", "xx")
    refused = clerk_client.post(url, data)
    assert refused.status_code == 200
    assert Event.objects.filter(case=accused_case).count() == original.seq

    times = {"curfew_from": "20:00", "curfew_to": "05:00"}
    done = clerk_client.post(url, data | times | {"correction_reason": "Impossible times"})
    assert done.status_code == 302, done.content.decode()[:2000]
    correction = Event.objects.get(case=accused_case, corrects_seq=original.seq)
    assert (correction.payload["curfew_from"], correction.payload["curfew_to"]) == (
        "20:00",
        "05:00",
    )
    assert Measure.objects.get(case=accused_case, uid="M1").conditions["curfew_to"] == "05:00"
