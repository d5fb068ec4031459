"""A Brazilian adolescent whose internment a reassessment ended (ECA art. 121 §2) and who
is still recorded as held: the family's page gives the court's target for the release
in the pack's plain words, and once it has passed, names the reassessment that ended
the measure, not a detention order that never held them; no next reassessment is
announced."""

from __future__ import annotations

import pytest

from tests.custody.test_a_brazilian_internment_ended_is_watched_until_the_release import (  # noqa: F401
    interned,
    reassessed,
)
from tests.custody.test_brazilian_deadlines_come_from_the_record import br_court, sp  # noqa: F401
from tests.portal.test_the_family_reads_that_the_detention_has_ended import family_page

pytestmark = pytest.mark.django_db


def test_the_family_reads_the_target_then_what_ended_the_measure(interned, record, br_court):  # noqa: F811
    reassessed(record, interned, "ended", sp(5, 14))
    page = family_page(interned, br_court)
    assert "The court ended the measure that held" in page
    assert "(“Internment reassessed”)" in page
    assert "The court ended the detention on" not in page
    assert "The internment must be reassessed by" not in page


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("pt", "O tribunal pôs fim à medida que mantinha"),
        ("es", "El tribunal puso fin a la medida que retenía"),
    ],
)
def test_in_the_familys_language(interned, record, br_court, language, words):  # noqa: F811
    reassessed(record, interned, "ended", sp(5, 14))
    assert words in family_page(interned, br_court, language=language)
