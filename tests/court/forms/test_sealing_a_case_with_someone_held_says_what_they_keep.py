"""When the court seals a case while someone is held in it, the form says, before
recording, that the person held, the defence acting for them and the guardian standing
for them keep seeing the detention part of the case (rule ``sealed_detention_own``), and
records the order once the judge ticks that she read it; the case page then says so for
as long as it applies. A case with nobody held is sealed at once, with no notice."""

from __future__ import annotations

import re

from django.utils import timezone

from tests.court.forms.helpers import drawn, events, record_url
from tests.court.forms.test_an_age_that_does_not_fit_is_warned_of_before_saving import (
    BOX,
    warning,
)

GROUNDS = {"grounds": "Orden 7-2026: protección de la víctima"}


def held(case, record) -> None:  # type: ignore[no-untyped-def]
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=timezone.now())


def test_the_judge_is_told_what_the_person_held_keeps_and_confirms(
    judge_client, accused_case, record
):  # type: ignore[no-untyped-def]
    held(accused_case, record)
    url = record_url(accused_case, "case.sealed")
    before = len(events(accused_case))
    first = judge_client.post(url, drawn(judge_client.get(url)) | GROUNDS)
    assert first.status_code == 200
    said = warning(first.content.decode())
    assert "Held in this case now: José Pérez Mora." in said
    assert "the defence acting for them and the guardian standing for them" in said
    assert "habeas corpus" in said
    assert len(events(accused_case)) == before
    token = re.search(rf'name="{BOX}" value="([^"]+)"', first.content.decode())
    assert token
    second = judge_client.post(url, {**first.wsgi_request.POST.dict(), BOX: token.group(1)})
    assert second.status_code == 302
    accused_case.refresh_from_db()
    assert accused_case.confidentiality == "sealed"
    page = judge_client.get(f"/court/cases/{accused_case.nuid}/").content.decode()
    assert 'id="sealed-detention"' in page
    assert "Sealed, but held now: José Pérez Mora." in page


def test_with_nobody_held_it_is_sealed_at_once_and_the_page_says_nothing(
    judge_client, accused_case
):  # type: ignore[no-untyped-def]
    url = record_url(accused_case, "case.sealed")
    posted = judge_client.post(url, drawn(judge_client.get(url)) | GROUNDS)
    assert posted.status_code == 302
    page = judge_client.get(f"/court/cases/{accused_case.nuid}/").content.decode()
    assert 'id="sealed-detention"' not in page
