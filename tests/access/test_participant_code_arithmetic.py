"""Properties of the code format and the lockout arithmetic."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from expediente.access.code_throttle import minutes_until
from expediente.access.participant_codes import ALPHABET, LENGTH, code_format, normalize_code

codes = st.text(alphabet=ALPHABET, min_size=LENGTH, max_size=LENGTH)


@given(codes, st.sampled_from(["", " ", "-", "  "]), st.booleans())
def test_a_printed_code_reads_back_however_it_is_typed(code, sep, lower):
    printed = code_format(code)
    typed = printed.replace("-", sep)
    assert normalize_code(typed.lower() if lower else typed) == code


def test_the_alphabet_has_no_look_alikes():
    assert len(set(ALPHABET)) == len(ALPHABET) == 31
    assert not set("01OIL") & set(ALPHABET)


@given(st.integers(min_value=1, max_value=24 * 3600), st.integers(min_value=0, max_value=999))
def test_the_minutes_left_round_up_and_are_never_zero(seconds, micro):
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    until = now + dt.timedelta(seconds=seconds, microseconds=micro)
    minutes = minutes_until(until, now)
    assert minutes >= 1
    assert (minutes - 1) * 60 < seconds + micro / 1e6 <= minutes * 60
