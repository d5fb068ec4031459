"""A child victim's mother, recorded as standing for her child, reads the case from the
victim's side: her child's rights as a victim's, protection offered, and not the
accused's detention clock nor his rights; a young accused's mother, recorded for him,
still reads his (today's behaviour)."""

from __future__ import annotations

from tests.portal.test_a_guardian_is_addressed_as_the_guardian import (  # noqa: F401
    SON,
    follow,
    juvenile_case,
    said,
)

MOTHER = {"given_names": "Elena", "family_names": "Rojas Vargas", "sex": "female"}
CHILD = "Ana Rojas Vargas"


def test_the_victims_mother_reads_the_victims_side(juvenile_case, issue, record):  # type: ignore[no-untyped-def]  # noqa: F811
    record(juvenile_case, "participant.added", {"role": "guardian", "person": MOTHER})  # P6
    record(juvenile_case, "participant.stands_for", {"guardian": "P6", "stands_for": "P4"})
    page = said(follow(juvenile_case, issue, "P6", "en"), "/follow/case/")
    assert f"The rights of {CHILD}" in page
    assert "If the person you are responsible for, or you, feel at risk" in page
    assert f"You can ask the court to protect the rights of {CHILD}." in page
    assert "Ask for protection" in page
    assert f"The rights of {SON}" not in page
    assert "Ask the court to review the detention" not in page
    assert f"Detention of {SON}" not in page  # his clock: the victims' side does not read it


def test_the_accuseds_mother_recorded_for_him_reads_his_side(juvenile_case, issue, record):  # type: ignore[no-untyped-def]  # noqa: F811
    record(juvenile_case, "participant.stands_for", {"guardian": "P2", "stands_for": "P1"})
    page = said(follow(juvenile_case, issue, "P2", "en"), "/follow/case/")
    assert f"The rights of {SON}" in page
    assert "Ask the court to review the detention" in page
    assert "Ask for protection" not in page
    assert f"Detention of {SON}" in page
