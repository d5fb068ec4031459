"""An English page wrote a moment as "29 November 2026, 3:40 a.m." and, at a sentence's
end, "3:40 a.m..". English pages use the 24-hour clock, as the Spanish, Portuguese and
French ones do."""

from __future__ import annotations

import datetime as dt

from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

MOMENT = Template("{% load tz %}{% timezone 'UTC' %}the last on {{ when }}.{% endtimezone %}")


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)))
def test_a_moment_ends_a_sentence_with_one_period_and_its_minutes(moment):
    when = moment.replace(tzinfo=dt.UTC)
    with translation.override("en"):
        text = MOMENT.render(Context({"when": when}))
    assert "m.." not in text
    assert "a.m" not in text
    assert "p.m" not in text
    assert text.endswith(f"{when:%H:%M}.")


def test_the_other_languages_keep_their_own_clock():
    when = dt.datetime(2026, 11, 29, 15, 40, tzinfo=dt.UTC)
    for language in ("es", "pt", "fr"):
        with translation.override(language):
            assert "15:40" in MOMENT.render(Context({"when": when}))
