"""English dates and times as the courts read them: the day before the month, written in
full ("2 November 2026"), and a 24-hour clock, as in every other language the site
speaks and as the deadline engine's own sentences write them (``rules/deadline_text.py``).
Django's English default wrote "Nov. 2, 2026" beside the engine's "2 November 2026" on
the same page, "by the end of Dec. 31" read as the end of December, and "10 a.m." ended a
sentence in two periods ("the last on Nov. 29, 2026, 3:40 a.m..")."""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "m/d/Y H:i"
