"""A message's times end in a digit, not in "a.m.": the English email said "It took place
on 3 March 2026, 10 a.m.." (Django's English DATETIME_FORMAT ends in a period, and the
sentence added its own). Every language writes the day as it writes dates and the time
on the 24-hour clock, as the portal shows it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from expediente.notify.rendering import languages, moment_text, render_event
from expediente.rules.loader import load_pack

CR = ZoneInfo("America/Costa_Rica")
HEARING = {"hearing": "H1", "kind": "trial", "starts_at": "2026-04-14T10:00:00-06:00"}


def test_the_english_email_says_ten_oclock_once_with_one_period(accused_case, record):
    event = record(
        accused_case,
        "hearing.scheduled",
        HEARING,
        occurred_at=dt.datetime(2026, 3, 3, 10, 0, tzinfo=CR),
    ).event
    en = render_event(accused_case, event, load_pack(accused_case.court.rule_pack), "en")
    assert "It took place on 3 March 2026, 10:00." in en["body"]
    assert "Hearing scheduled (trial): 14 April 2026, 10:00." in en["body"]
    assert "a.m." not in en["body"] + en["sms"] + en["subject"]


def test_no_language_doubles_the_period(accused_case, record):
    event = record(
        accused_case,
        "hearing.scheduled",
        {**HEARING, "starts_at": "2026-04-14T12:00:00-06:00"},  # noon: "noon" in English
        occurred_at=dt.datetime(2026, 3, 3, 0, 0, tzinfo=CR),  # midnight
    ).event
    pack = load_pack(accused_case.court.rule_pack)
    expected = {
        "es": "14 de abril de 2026 a las 12:00",
        "en": "14 April 2026, 12:00",
        "pt": "14 de abril de 2026 às 12:00",
        "fr": "14 avril 2026 12:00",  # as Django writes it (an SMS's length is tight)
    }
    for language in languages():
        text = render_event(accused_case, event, pack, language)
        for part in ("subject", "body", "sms"):
            assert ".." not in text[part].replace("…", ""), (language, part, text[part])
        assert expected[language] in text["body"], (language, text["body"])


@given(
    minutes=st.integers(0, 24 * 60 - 1),
    day=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2199, 12, 31)),
    language=st.sampled_from(["es", "en", "pt", "fr"]),
)
def test_a_moment_never_ends_in_a_period_and_keeps_its_minutes(minutes, day, language):
    local = dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=CR)
    with override(language):
        text = moment_text(local)
    assert not text.endswith(".")
    assert text.endswith(f"{minutes // 60:02d}:{minutes % 60:02d}")
