"""A custody event that cannot have happened is refused before the append, naming the
field at fault, and nothing is written: not the event, not a period, not a deadline."""

import json

import pytest

from expediente.docket.errors import InvalidInput


def refused(case, rows, attempt):
    before = rows(case)
    with pytest.raises(InvalidInput) as exc:
        attempt()
    assert rows(case) == before
    [error] = exc.value.errors
    return error["field"], error["message"]


def test_a_release_before_any_arrest(accused_case, custody, rows, at):
    field, message = refused(accused_case, rows, lambda: custody(accused_case, "released", at(5)))
    assert field == "payload.person"
    assert "not in custody" in message
    assert "no arrest or detention order comes before it" in message


def test_a_release_dated_before_the_arrest(accused_case, custody, rows, at):
    custody(accused_case, "arrested", at(20))
    field, _ = refused(accused_case, rows, lambda: custody(accused_case, "released", at(25)))
    assert field == "payload.person"


def test_a_release_of_someone_already_released(accused_case, custody, rows, at):
    custody(accused_case, "arrested", at(20))
    custody(accused_case, "released", at(19))
    field, message = refused(accused_case, rows, lambda: custody(accused_case, "released", at(18)))
    assert field == "payload.person"
    assert "they were released on" in message


def test_a_review_dated_before_the_order_it_reviews(accused_case, custody, rows, at):
    custody(accused_case, "arrested", at(20))
    custody(accused_case, "pretrial_ordered", at(10))
    field, message = refused(
        accused_case, rows, lambda: custody(accused_case, "pretrial_reviewed", at(15))
    )
    assert field == "occurred_at"
    assert "before the pretrial detention order it concerns" in message


def test_an_arrest_of_someone_already_in_custody(accused_case, custody, rows, at):
    custody(accused_case, "arrested", at(20))
    field, message = refused(accused_case, rows, lambda: custody(accused_case, "arrested", at(10)))
    assert field == "payload.person"
    assert "already in custody" in message
    assert "cannot overlap" in message


def test_an_arrest_that_would_overlap_a_later_custody(accused_case, custody, rows, at):
    custody(accused_case, "arrested", at(10))
    custody(accused_case, "released", at(5))
    field, message = refused(accused_case, rows, lambda: custody(accused_case, "arrested", at(12)))
    assert field == "occurred_at"
    assert "could not have happened" in message


def test_a_backdated_release_that_would_leave_a_later_review_without_custody(
    accused_case, custody, rows, at
):
    custody(accused_case, "arrested", at(30))
    custody(accused_case, "pretrial_ordered", at(29))
    review = custody(accused_case, "pretrial_reviewed", at(10)).event.seq
    field, message = refused(accused_case, rows, lambda: custody(accused_case, "released", at(20)))
    assert field == "occurred_at"
    assert f"the later entry {review}" in message


@pytest.mark.parametrize(
    "what", ["pretrial_reviewed", "pretrial_extended", "pretrial_lifted", "pretrial_replaced"]
)
def test_acts_on_an_order_need_an_order_in_force(accused_case, custody, rows, at, what):
    custody(accused_case, "arrested", at(20))
    field, message = refused(accused_case, rows, lambda: custody(accused_case, what, at(10)))
    assert field == "payload.person"
    assert "no detention order is in force" in message


def test_an_extension_after_the_order_was_lifted(accused_case, custody, rows, at):
    custody(accused_case, "pretrial_ordered", at(20))
    custody(accused_case, "pretrial_lifted", at(15))
    field, _ = refused(
        accused_case, rows, lambda: custody(accused_case, "pretrial_extended", at(10))
    )
    assert field == "payload.person"


def test_a_second_order_while_one_is_in_force(accused_case, custody, rows, at):
    custody(accused_case, "pretrial_ordered", at(20))
    field, message = refused(
        accused_case, rows, lambda: custody(accused_case, "pretrial_ordered", at(10))
    )
    assert field == "payload.person"
    assert "record an extension or a review" in message


def test_someone_free_cannot_be_brought_before_a_judge_as_a_detainee(
    accused_case, custody, rows, at
):
    field, _ = refused(
        accused_case, rows, lambda: custody(accused_case, "placed_before_judge", at(10))
    )
    assert field == "payload.person"


def test_an_order_whose_last_day_comes_before_it(accused_case, custody, rows, at):
    field, message = refused(
        accused_case,
        rows,
        lambda: custody(accused_case, "pretrial_ordered", at(10), until="2026-01-01"),
    )
    assert field == "payload.until"
    assert "2026-01-01" in message


def test_the_api_answers_a_problem_naming_the_field(api_clerk, accused_case, rows):
    before = rows(accused_case)
    body = {
        "type": "custody.released",
        "occurred_at": "2026-02-20T10:00:00-06:00",
        "payload": {"person": "P1", "reason": "order_of_court"},
    }
    response = api_clerk.post(
        f"/api/v1/cases/{accused_case.nuid}/events",
        data=json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["payload.person"]
    assert rows(accused_case) == before
