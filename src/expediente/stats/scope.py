"""What a figure is computed over: a jurisdiction, some of its courts, a period.

``scope_public`` is the only scope published to everyone: a closed calendar year of a
whole jurisdiction (fixed scopes, so that no hidden cell can be worked out by comparing
two overlapping periods or court sets: docs/statistics.md, "Disclosure control").
``scope_resolve`` is any period and courts, for court staff and for the code. Both turn
raw input into a ``Scope`` or raise ``ScopeError`` naming the field and the rule;
nothing is computed from bad input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from expediente.docket.models import Court, Jurisdiction
from expediente.rules.loader import load_pack
from expediente.stats.period import Period


class ScopeError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


@dataclass(frozen=True)
class Scope:
    jurisdiction: Jurisdiction
    courts: tuple[Court, ...]
    period: Period
    country: str  # ISO 3166 code of the jurisdiction's country ("" if the pack has none)
    # only these cases (the Parquet extract's, to compare an engine reading it); None: all
    cases: frozenset[int] | None = None

    @property
    def court_ids(self) -> list[int]:
        return [c.pk for c in self.courts]

    @property
    def court_codes(self) -> list[str]:
        return [c.code for c in self.courts]


# What the public may not choose: the fixed scope is a closed year of a whole jurisdiction.
FIRST_YEAR = 1900  # the first year a release may be asked for
PUBLIC_REFUSES = ("start", "end", "court")


def courts_zone(jurisdiction: str) -> ZoneInfo | None:
    """The courts' clock: the time zone of the jurisdiction's rule pack (None for a
    jurisdiction that does not exist)."""
    found = Jurisdiction.objects.filter(code=jurisdiction).first()
    if found is None:
        return None
    return ZoneInfo(load_pack(found.rule_pack).timezone)


def courts_today(jurisdiction: str) -> dt.date:
    """Today on the courts' clock (on the server's for an unknown jurisdiction): a year
    is closed once its 31 December has ended there, not in UTC."""
    zone = courts_zone(jurisdiction)
    return timezone.localdate(timezone=zone) if zone else timezone.localdate()


def scope_public(*, jurisdiction: str, year: str) -> Scope:
    """A closed calendar year of the whole jurisdiction: a year whose last day has ended
    on the courts' clock (the time zone of the jurisdiction's rule pack)."""
    found = Jurisdiction.objects.filter(code=jurisdiction).first()
    if found is None:
        raise ScopeError(
            "jurisdiction", _("There is no jurisdiction “%(code)s”.") % {"code": jurisdiction}
        )
    raw = (year or "").strip()
    if not (len(raw) == 4 and raw.isdigit()):
        raise ScopeError(
            "year",
            _("Enter a year as four digits, for example 2024 (you entered “%(raw)s”).")
            % {"raw": year},
        )
    if int(raw) < FIRST_YEAR:
        raise ScopeError(
            "year",
            _("Choose a year from %(first)s on (you entered “%(raw)s”).")
            % {"first": FIRST_YEAR, "raw": year},
        )
    pack = load_pack(found.rule_pack)
    tz = ZoneInfo(pack.timezone)
    today = timezone.localdate(timezone=tz)
    if int(raw) >= today.year:
        raise ScopeError(
            "year",
            _(
                "Only closed years are published: %(year)s ends on 31 December %(year)s "
                "in %(jurisdiction)s."
            )
            % {"year": raw, "jurisdiction": found.name},
        )
    courts = tuple(Court.objects.filter(jurisdiction=found).order_by("code"))
    if not courts:
        raise ScopeError("jurisdiction", _("%(name)s has no courts yet.") % {"name": found.name})
    period = Period(dt.date(int(raw), 1, 1), dt.date(int(raw), 12, 31), tz)
    return Scope(found, courts, period, pack.calendar.holidays or "")


def public_refusal(parameter: str) -> ScopeError:
    """Why the public pages refuse a parameter only court staff may use."""
    if parameter == "court":
        return ScopeError(
            "courts",
            _(
                "“%(parameter)s”: the public figures are for the whole jurisdiction, its "
                "courts shown inside the tables; choosing courts is for signed-in court staff."
            )
            % {"parameter": parameter},
        )
    return ScopeError(
        parameter,
        _(
            "“%(parameter)s”: the public figures are published for whole closed years only "
            "(choose a year); other periods are for signed-in court staff."
        )
        % {"parameter": parameter},
    )


def scope_resolve(
    *,
    jurisdiction: str,
    courts: list[str] | None,
    start: str,
    end: str,
    today: dt.date,
) -> Scope:
    found = Jurisdiction.objects.filter(code=jurisdiction).first()
    if found is None:
        raise ScopeError(
            "jurisdiction", _("There is no jurisdiction “%(code)s”.") % {"code": jurisdiction}
        )
    all_courts = list(Court.objects.filter(jurisdiction=found).order_by("code"))
    chosen = all_courts
    if courts:
        known = {c.code: c for c in all_courts}
        unknown = [code for code in courts if code not in known]
        if unknown:
            raise ScopeError(
                "courts",
                _("%(codes)s: not a court of %(jurisdiction)s.")
                % {"codes": ", ".join(unknown), "jurisdiction": found.name},
            )
        chosen = [known[code] for code in sorted(set(courts))]
    if not chosen:
        raise ScopeError("courts", _("%(name)s has no courts yet.") % {"name": found.name})
    pack = load_pack(found.rule_pack)
    first = _date("start", start)
    last = _date("end", end)
    if last < first:
        raise ScopeError(
            "end",
            _("The period ends (%(end)s) before it starts (%(start)s).")
            % {"end": last, "start": first},
        )
    if last >= today:
        raise ScopeError(
            "end",
            _(
                "The period must end before today (%(today)s): the records of %(end)s "
                "are not complete yet."
            )
            % {"today": today, "end": last},
        )
    return Scope(found, tuple(chosen), Period(first, last, ZoneInfo(pack.timezone)), pack.country)


def _date(field: str, raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat((raw or "").strip())
    except ValueError:
        raise ScopeError(
            field,
            _("Enter the date as YYYY-MM-DD, for example 2025-01-31 (you entered “%(raw)s”).")
            % {"raw": raw},
        ) from None
