"""Which names are time zones: the IANA zones this machine knows, without ``localtime``
(some systems list it: the server's own zone, whatever that is) and ``Factory`` (no
place's time). A rule pack's ``timezone`` and a court's are checked against them, so that
``ZoneInfo(name)`` never fails where a court's clock is read. Django is imported only by
the court field's validator: the rules engine imports this module without Django."""

from __future__ import annotations

import functools
import zoneinfo


@functools.cache
def known() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones() - {"localtime", "Factory"})


def is_time_zone(name: str) -> bool:
    return name in known()


def validate_time_zone(value: str) -> None:
    """A model field's validator: a court's form says what is wrong, in its language."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext_lazy as _

    if not is_time_zone(value):
        raise ValidationError(
            _("“%(value)s” is not a time zone: give an IANA time zone such as America/Costa_Rica."),
            code="time_zone",
            params={"value": value},
        )
