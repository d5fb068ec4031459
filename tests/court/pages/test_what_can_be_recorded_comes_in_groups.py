"""What can be recorded in a case comes in groups with headings (custody, hearings,
measures, petitions and decisions, parties and charges, closing), each a native
<details>, the common ones first and closing and sealing last; every type the stage
allows stays reachable."""

import re

from expediente.court.pages.record_groups import group_of
from expediente.rules.loader import load_pack
from expediente.rules.stages import allowed_types
from tests.court.pages.conftest import case_url


def _groups(html: str) -> list[tuple[str, list[str]]]:
    """(heading, hrefs) of each group, in page order."""
    out = []
    for block in re.findall(r'<details class="record-group".*?</details>', html, re.S):
        heading = re.search(r"<h3>(.*?) <span", block, re.S).group(1)
        out.append((heading, re.findall(r'href="([^"]+)"', block)))
    return out


def test_the_links_come_under_headings_with_closing_last(clerk_client, page, accused_case):
    html = page(clerk_client, case_url(accused_case))
    groups = _groups(html)
    headings = [h for h, _links in groups]
    assert headings[0] == "Custody and detention"
    assert headings[-1] == "Closing, sealing and expunction"
    base = case_url(accused_case)
    by_heading = dict(groups)
    assert f"{base}record/case.expunged/" in by_heading["Closing, sealing and expunction"]
    assert f"{base}record/custody.arrested/" in by_heading["Custody and detention"]
    assert f"{base}record/hearing.scheduled/" in by_heading["Hearings"]
    assert f"{base}record/measure.imposed/" in by_heading["Precautionary measures and alternatives"]
    assert f"{base}record/petition.filed/" in by_heading["Petitions and decisions"]
    # adding a participant or a charge, the first things done in a new case, are offered
    # above the groups, not folded in one
    quick = re.search(r'<p class="quick-actions">(.*?)</p>', html, re.S).group(1)
    assert re.findall(r'href="([^"]+)"', quick) == [
        f"{base}participants/add/",
        f"{base}charges/add/",
    ]
    assert html.index("quick-actions") < html.index('<details class="record-group"')
    # the pack's own types go where the pack says (group: decisions)
    assert f"{base}record/conciliation.approved/" in by_heading["Petitions and decisions"]
    assert html.count('<details class="record-group"') == len(groups)


def test_every_allowed_type_stays_reachable_once(clerk_client, page, accused_case):
    html = page(clerk_client, case_url(accused_case))
    quick = re.search(r'<p class="quick-actions">(.*?)</p>', html, re.S).group(1)
    links = [href for _h, hrefs in _groups(html) for href in hrefs]
    links += re.findall(r'href="([^"]+)"', quick)
    pack = load_pack(accused_case.court.rule_pack)
    allowed = allowed_types(pack, stage=accused_case.stage, procedure=accused_case.procedure)
    base = case_url(accused_case)
    assert sorted(links) == sorted(
        [f"{base}record/{t}/" for t in allowed]
        + [f"{base}participants/add/", f"{base}charges/add/"]
    )
    assert "Other entries" not in html  # every type of cr has a group


def test_a_type_the_prefixes_do_not_know_is_listed_under_other_entries():
    pack = load_pack("cr")
    assert group_of(pack, "custody.arrested") == "custody"
    assert group_of(pack, "case.sealed") == "closing"
    assert group_of(pack, "probation_suspension.granted") == "decisions"  # the pack says so
    assert group_of(pack, "extradition.requested") == "other"
