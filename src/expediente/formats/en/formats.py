"""English dates and times as the courts read them: a 24-hour clock, as in every other
language the site speaks. Django's English default writes "10 a.m.", which ends a
sentence in two periods ("the last on Nov. 29, 2026, 3:40 a.m..") and differs from the
Spanish, Portuguese and French pages and messages of the same court."""

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "N j, Y, H:i"
SHORT_DATETIME_FORMAT = "m/d/Y H:i"
