"""The demo caseload has people under supervision in every compliance state."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from expediente.access.models import User
from expediente.access.policy import Actor
from expediente.court.pages.visibility import visibility_q
from expediente.demo.generator import SUPERVISED, generate
from expediente.docket.models import Court
from expediente.measures.selectors import measure_list_supervised


def test_every_compliance_state_is_in_the_demo(db):
    anchor = timezone.now().replace(microsecond=0) - dt.timedelta(hours=1)
    generate(cases=4 + 8 * len(SUPERVISED), seed=7, anchor=anchor)
    courts = list(Court.objects.all())
    actor = Actor.system(User.objects.get(username="demo"))
    rows = measure_list_supervised(
        courts=courts, visible=visibility_q(actor, courts), now=timezone.now(), include_closed=True
    )
    found = {r.status for r in rows}
    assert {"complying", "missed", "breached", "behind", "closed"} <= found
