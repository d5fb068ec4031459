from tests.court.pages.conftest import case_url


def test_it_links_the_event_types_allowed_in_the_stage(clerk_client, page, accused_case):
    html = page(clerk_client, case_url(accused_case))
    base = case_url(accused_case)
    assert f'href="{base}record/indictment.filed/"' in html
    assert f'href="{base}record/custody.arrested/"' in html
    assert f'href="{base}record/trial.committed/"' not in html  # not in investigation
    assert f'href="{base}record/case.opened/"' not in html  # core types have their own forms
    assert f'href="{base}participants/add/"' in html
    assert f'href="{base}charges/add/"' in html


def test_each_entry_links_its_correction_form(clerk_client, page, accused_case):
    html = page(clerk_client, case_url(accused_case))
    base = case_url(accused_case)
    assert f'href="{base}events/2/correct/"' in html
    assert f'href="{base}events/1/correct/"' in html  # the opening too


def test_a_closed_case_offers_only_what_a_closed_case_allows(
    clerk_client, page, accused_case, record
):
    record(accused_case, "case.dismissed", {"reason": "insufficient_evidence"})
    html = page(clerk_client, case_url(accused_case))
    base = case_url(accused_case)
    assert f'href="{base}record/case.reopened/"' in html
    assert f'href="{base}record/indictment.filed/"' not in html
    assert f'href="{base}charges/add/"' not in html
    assert f'href="{base}events/1/correct/"' not in html  # reopen first
