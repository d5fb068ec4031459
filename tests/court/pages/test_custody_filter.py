from tests.court.pages.conftest import case_url


def test_the_custody_filter_follows_arrests_and_releases(
    clerk_client, page, accused_case, open_case, record
):
    free = open_case()
    record(accused_case, "custody.arrested", {"person": "P1"})
    in_custody = page(clerk_client, "/court/cases/", custody="yes")
    assert case_url(accused_case) in in_custody
    assert case_url(free) not in in_custody
    not_in_custody = page(clerk_client, "/court/cases/", custody="no")
    assert case_url(free) in not_in_custody
    assert case_url(accused_case) not in not_in_custody

    record(accused_case, "custody.released", {"person": "P1", "reason": "order_of_court"})
    assert case_url(accused_case) not in page(clerk_client, "/court/cases/", custody="yes")
    assert case_url(accused_case) in page(clerk_client, "/court/cases/", custody="no")


def test_a_pretrial_detention_order_counts_as_custody_once_carried_out(
    clerk_client, page, accused_case, record, at
):
    """An order for someone not in custody is carried out when they are arrested: until
    then nobody is held (custody/periods.py)."""
    record(
        accused_case,
        "custody.pretrial_ordered",
        {"person": "P1", "until": "2026-06-01", "grounds": "Riesgo de fuga"},
        occurred_at=at(20),
    )
    assert case_url(accused_case) not in page(clerk_client, "/court/cases/", custody="yes")
    assert case_url(accused_case) in page(clerk_client, "/court/cases/", custody="no")
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=at(10))
    assert case_url(accused_case) in page(clerk_client, "/court/cases/", custody="yes")


def test_a_release_before_a_new_arrest_does_not_count(clerk_client, page, accused_case, record, at):
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=at(20))
    record(
        accused_case,
        "custody.released",
        {"person": "P1", "reason": "order_of_court"},
        occurred_at=at(19),
    )
    record(accused_case, "custody.arrested", {"person": "P1"}, occurred_at=at(10))
    assert case_url(accused_case) in page(clerk_client, "/court/cases/", custody="yes")
