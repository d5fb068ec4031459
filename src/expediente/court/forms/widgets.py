"""Inputs the browser understands without JavaScript, and date-times in a court's zone."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _

from expediente.days import no_such_day
from expediente.rules.payloads import CLOCK_SKEW


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def no_such_day_message(text: str) -> str:
    return _("There is no day %(value)s in the calendar: check the month and the day.") % {
        "value": text.strip()
    }


class DayField(forms.DateField):
    """A date field that tells a day that does not exist (2026-02-30) from one typed in
    another shape: the first is not "enter it as year-month-day"."""

    def to_python(self, value: Any) -> dt.date | None:
        if no_such_day(value):
            raise forms.ValidationError(no_such_day_message(value), code="no_such_day")
        return super().to_python(value)


class TimeInput(forms.TimeInput):
    """``<input type=time>``: a time of day, shown and sent as HH:MM."""

    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


class DateTimeLocalInput(forms.DateTimeInput):
    """``<input type=datetime-local>``: a wall-clock time, without a zone."""

    input_type = "datetime-local"

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.datetime):
            return value.strftime("%Y-%m-%dT%H:%M:%S" if value.second else "%Y-%m-%dT%H:%M")
        return super().format_value(value)


def zone_hint(tz: ZoneInfo) -> str:
    offset = timezone.now().astimezone(tz).strftime("%z")
    sign = "+" if offset.startswith("+") else "−"
    return _("Court time: %(zone)s (UTC%(offset)s)") % {
        "zone": tz.key,
        "offset": f"{sign}{offset[1:3]}:{offset[3:]}",
    }


class CourtDateTimeField(forms.DateTimeField):
    """A date and time typed as the court's wall clock, cleaned to an aware datetime.

    The value is read in the court's zone (not the server's, not the browser's), so
    09:30 in a San José court is 15:30 UTC. An instant is shown back in that zone."""

    widget = DateTimeLocalInput

    def __init__(self, *, tz: ZoneInfo, **kwargs: Any) -> None:
        self.tz = tz
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.datetime | None:
        with timezone.override(self.tz):
            return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return value.astimezone(self.tz).replace(tzinfo=None)
        return value


def not_before_year(year: int, message: str) -> Any:
    def check(value: dt.date) -> None:
        if value.year < year:
            raise forms.ValidationError(message, code="too_early")

    return check


def not_after_year(year: int, message: str) -> Any:
    def check(value: dt.date) -> None:
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            # as the service counts it (payloads.py): the last evening of the year on the
            # court's clock is already the next year in UTC
            value = value.astimezone(dt.UTC)
        if value.year > year:
            raise forms.ValidationError(message, code="too_late")

    return check


def not_future_datetime(message: str) -> Any:
    def check(value: dt.datetime) -> None:
        if value > timezone.now() + CLOCK_SKEW:
            raise forms.ValidationError(message, code="future")

    return check


def not_future_date(tz: ZoneInfo, message: str) -> Any:
    def check(value: dt.date) -> None:
        if value > timezone.now().astimezone(tz).date():
            raise forms.ValidationError(message, code="future")

    return check
