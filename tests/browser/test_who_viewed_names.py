"""'Who viewed my case' in Chromium, JavaScript off: the accused sees every read of the
case, by role and court, with what was read, and (where the pack's rules allow it, as a
national law might) the name of the judge the case names as its judge, while a clerk's
search of the case stays "A clerk of …"."""

from __future__ import annotations

import datetime as dt

from expediente.access.participant_codes import code_issue
from expediente.access.policy import Actor
from expediente.docket.services import event_record
from expediente.rules.loader import load_pack
from tests.browser.test_public_portal import new_page
from tests.court.pages.conftest import signed_in, staff
from tests.privacy.conftest import build_case, use_test_pack

JUDGE = {"given_names": "Juana", "family_names": "Nombrada Ruiz"}
NAMES_RULE = (
    "  who_viewed_names:\n"
    "    to: ['participant:accused']\n"
    "    show: {viewer_names: ['staff:judge/named']}\n"
    "    source: a test pack (as a national law might allow)\n"
)


def test_the_accused_sees_the_case_judges_name_and_a_clerks_search(  # type: ignore[no-untyped-def]
    browser, live_server, court, clerk, tmp_path, settings
):
    judge = Actor.staff(staff("juana.nombrada", court, "judge", "Juana Nombrada Ruiz"))
    staff("clara.busca", court, "clerk", "Clara Busca Vega")
    case = build_case(court, clerk, judge, "charged", 1)
    event_record(
        case=case,
        type="participant.added",
        payload={
            "role": "judge",
            "person": {"given_names": "Juana", "family_names": "Nombrada Ruiz"},
        },
        actor=clerk,
        occurred_at=dt.datetime(2026, 2, 5, 9, 0, tzinfo=dt.UTC),
    )
    use_test_pack(court, tmp_path, settings, NAMES_RULE)
    assert signed_in("juana.nombrada").get(f"/court/cases/{case.nuid}/").status_code == 200
    assert case.nuid in signed_in("clara.busca").get("/court/cases/").content.decode()

    _, code = code_issue(case=case, participant="P1", actor=judge, language="en")
    context, page = new_page(browser, live_server)
    try:
        page.goto("/follow/")
        page.get_by_label("Case number").fill(case.nuid)
        page.get_by_label("Access code").fill(code)
        page.get_by_role("button", name="See my case").click()
        page.get_by_role("link", name="Who viewed my case").click()
        headers = page.locator("thead th").all_inner_texts()
        assert headers == ["When", "Who", "Through", "What was read"]
        rows = page.locator("tbody tr").all_inner_texts()
        judge_rows = [r for r in rows if "Juana Nombrada Ruiz (A judge of Juzgado Penal" in r]
        assert judge_rows
        assert all("workspace" in r and "names" in r for r in judge_rows)
        clerk_rows = [r for r in rows if "A clerk of Juzgado Penal de San José" in r]
        assert clerk_rows
        assert all("names" in r for r in clerk_rows)
        assert "Clara" not in page.locator("main").inner_text()
    finally:
        context.close()
        load_pack.cache_clear()
