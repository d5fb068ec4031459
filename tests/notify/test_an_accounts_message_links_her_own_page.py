"""A message to a subscription an account made (a lawyer's) links her own page of the
case, /my/cases/…, where the participants' portal (/follow/, which asks for a code) was;
of a case its participants may no longer see (sealed), her list of cases, since a link
to the case's page would name it."""

from __future__ import annotations

import pytest

from expediente.notify.rendering import for_account, portal_url

BASE = "https://expediente.example"


@pytest.fixture(autouse=True)
def base_url(settings):  # type: ignore[no-untyped-def]
    settings.NOTIFY_BASE_URL = BASE


def text() -> dict[str, str]:
    return {
        "subject": "Case: news",
        "body": f"News.\n\nYou can see the case in the portal: {portal_url()}",
        "sms": f"News. Details: {portal_url()}",
    }


def test_a_visible_case_links_her_page_of_it(accused_case):  # type: ignore[no-untyped-def]
    mine = for_account(text(), accused_case, "P3")
    page = f"{BASE}/my/cases/{accused_case.nuid}/P3/"
    assert mine["body"].endswith(f"portal: {page}")
    assert mine["sms"].endswith(page)
    assert "/follow/" not in mine["body"] + mine["sms"]


def test_a_sealed_case_links_her_list_and_names_nothing(open_case):  # type: ignore[no-untyped-def]
    sealed = open_case(confidentiality="sealed")
    mine = for_account(text(), sealed, "P3")
    assert mine["body"].endswith(f"portal: {BASE}/my/")
    assert sealed.nuid not in mine["body"] + mine["sms"]
