"""QA: a Costa Rican juvenile's detention panel gave the 6 weeks of the non-custodial
measures that replaced his detention (Ley 7576 art. 87) as "the maximum": the clock took
the first open limit with a legal consequence. The maximum is now the rule the pack
marks ``maximum: true`` (cr: CPP art. 257 for adults, the juvenile provisional-detention
limit); other legal limits show as themselves. The staff clock uses the same notion."""

from __future__ import annotations

import re

from django.test import Client
from django.utils import translation

from expediente.custody.selectors import custody_clock
from tests.conftest import PERSON, order_term
from tests.custody.conftest import staff
from tests.portal.conftest import days_ago, make_clerk, make_issuer, text_of

TAG = "Maximum of detention"


def panel_lines(case, court) -> list[str]:
    code = make_issuer(make_clerk(court))(case, "P1", language="en")
    family = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert family.post("/follow/", {"case_number": case.nuid, "code": code}).status_code == 302
    body = family.get("/follow/case/").content.decode()
    found = re.search(r'aria-labelledby="clock-1">(.*?)</section>', body, re.S)
    assert found, "the detention panel is on the page"
    return [text_of(p) for p in re.findall(r'<p class="review">(.*?)</p>', found.group(1), re.S)]


def juvenile(open_case, record):
    case = open_case("juvenile")
    record(case, "participant.added", {"role": "accused", "person": PERSON})
    return case


def test_a_juvenile_whose_detention_was_replaced_has_no_maximum_but_the_measures_limit(
    open_case, record, court
):
    case = juvenile(open_case, record)
    p1 = {"person": "P1"}
    record(case, "custody.arrested", p1, occurred_at=days_ago(25, 8))
    record(
        case,
        "custody.pretrial_ordered",
        {**p1, "until": order_term().isoformat(), "grounds": "Peligro de fuga"},
        occurred_at=days_ago(24),
    )
    # detention replaced by measures: still held until the release is recorded
    record(case, "custody.pretrial_replaced", {**p1, "measures": "Firmar"}, occurred_at=days_ago(3))
    with translation.override("en"):
        [clock] = custody_clock(case=case)
    assert clock.in_custody
    assert clock.maximum is None
    assert [d.row.rule_id for d in clock.other_limits] == ["cr.juvenile.non_custodial_measures"]
    # first, the release the court owes since it replaced the detention (the baseline's
    # intl.release_on_order_end: due a day after the replacement, passed), never a maximum
    release, line = panel_lines(case, court)
    assert release.startswith(
        "The court has ended the detention in this case: unless another case holds them, "
        "the person must be released."
    )
    assert TAG not in release
    assert line.startswith("The precautionary measures that replaced detention may not go beyond")
    assert TAG not in line


def test_a_detained_juvenile_s_maximum_is_the_provisional_detention_limit(open_case, record, court):
    case = juvenile(open_case, record)
    record(case, "custody.arrested", {"person": "P1"}, occurred_at=days_ago(10, 8))
    record(
        case,
        "custody.pretrial_ordered",
        {"person": "P1", "until": order_term().isoformat(), "grounds": "Peligro de fuga"},
        occurred_at=days_ago(10),
    )
    [clock] = custody_clock(case=case)
    assert clock.maximum.row.rule_id == "cr.juvenile.provisional_detention"
    assert clock.other_limits == []
    [line] = panel_lines(case, court)
    assert line.startswith("Provisional detention may not go beyond")
    assert line.endswith(TAG)


def test_an_adult_s_maximum_is_the_pretrial_maximum_on_the_panel_and_the_staff_clock(
    detained_case, court
):
    [clock] = custody_clock(case=detained_case)
    assert clock.maximum.row.rule_id == "cr.pretrial_maximum"
    tagged = [line for line in panel_lines(detained_case, court) if TAG in line]
    assert [line.split(" beyond ")[0] for line in tagged] == ["Pretrial detention may not go"]
    judge = staff("esteban.judge", court, "judge")
    body = judge.get(f"/court/cases/{detained_case.nuid}/").content.decode()
    rows = [text_of(li) for li in re.findall(r'<li class="deadline[^"]*">(.*?)</li>', body, re.S)]
    assert [r.split(":")[0] for r in rows if TAG in r] == ["Maximum term of pretrial detention"]
    assert len(rows) == 3
