"""The public portal's pages. Thin: parse, call ``lookup``, render. A lookup is a GET
(``/public/?court=…&number=…``), so a result can be bookmarked, shared and gone back to;
its URL holds only the court's code and the case number, both printed on the public
calendar, never a name. Every answer tells search engines not to index it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from expediente.api.problems import problem
from expediente.days import FIRST_DAY, LAST_DAY, in_bounds
from expediente.docket.models import Court
from expediente.petitions.receipts import FINGERPRINT_LENGTH
from expediente.portal.follow_views import client_ip
from expediente.portal.public.lookup import MAX_NUMBER, public_calendar, public_case
from expediente.portal.public.receipts import public_petition, public_receipt
from expediente.portal.public.throttle import lookup_count
from expediente.portal.receipt_proof import proof_response

NOINDEX = "noindex, nofollow, noarchive"


def noindex(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = NOINDEX
        return response

    return wrapped


def _courts() -> list[Court]:
    return list(Court.objects.order_by("name"))


@never_cache
@noindex
@require_safe
def lookup(request: HttpRequest) -> HttpResponse:
    courts = _courts()
    context: dict[str, Any] = {
        "courts": courts,
        "values": {"court": "", "number": ""},
        "errors": {},
    }
    if not any(k in request.GET for k in ("court", "number")):
        return render(request, "portal/public/lookup.html", context)
    values = {k: str(request.GET.get(k, ""))[: MAX_NUMBER * 2] for k in ("court", "number")}
    context["values"] = values
    errors = {}
    court = next((c for c in courts if c.code == values["court"]), None)
    if court is None:
        errors["court"] = _("Choose the court that has the case.")
    if not values["number"].strip():
        errors["number"] = _("Enter the case number, for example 26-000123-0042-PE.")
    elif len(values["number"].strip()) > MAX_NUMBER:
        errors["number"] = _("A case number has at most %(n)d characters.") % {"n": MAX_NUMBER}
    if errors:
        context["errors"] = errors
        return render(request, "portal/public/lookup.html", context, status=400)
    now = timezone.now()
    throttled = _throttled(request, context, "portal/public/lookup.html", now)
    if throttled is not None:
        return throttled
    found = public_case(court=court, number=values["number"], now=now)
    if found is None:
        context["problem"] = _(
            "There is no public case with this number in this court. Check the number on "
            "the court's notice. Some cases are never public: cases of children and "
            "adolescents, cases before charges are filed, and cases the court has sealed."
        )
        return render(request, "portal/public/lookup.html", context, status=404)
    return render(request, "portal/public/case.html", {"case": found})


@noindex
@require_safe
def calendar(request: HttpRequest, code: str) -> HttpResponse:
    court = Court.objects.filter(code=code).first()
    if court is None:
        return render(request, "portal/public/calendar.html", {"missing": True}, status=404)
    today = timezone.now().astimezone(ZoneInfo(court.timezone)).date()
    raw = str(request.GET.get("day", ""))[:20]
    try:
        day = dt.date.fromisoformat(raw) if raw else today
    except ValueError:
        error = _("day: give a date as YYYY-MM-DD, for example %(today)s.") % {"today": today}
    else:
        error = (
            ""
            if in_bounds(day)
            else _("day: give a date between %(first)s and %(last)s.")
            % {
                "first": FIRST_DAY.isoformat(),
                "last": LAST_DAY.isoformat(),
            }
        )
    if error:
        context = {"court": court, "day": today, "error": error}
        return render(request, "portal/public/calendar.html", context, status=400)
    rows = public_calendar(court=court, day=day)
    context = {
        "court": court,
        "day": day,
        "rows": rows,
        "previous": day - dt.timedelta(days=1),
        "next": day + dt.timedelta(days=1),
    }
    return render(request, "portal/public/calendar.html", context)


RECEIPT_MAX = 120


def _receipt_fields(request: HttpRequest) -> tuple[dict[str, str], dict[str, str]]:
    """The receipt number and fingerprint typed, and what is wrong with each."""
    values = {
        k: str(request.GET.get(k, "")).strip()[: RECEIPT_MAX + 1]
        for k in ("receipt", "fingerprint")
    }
    errors = {}
    if not values["receipt"]:
        errors["receipt"] = _(
            "Enter the receipt number as it is printed on the receipt, for example "
            "SJ-PENAL-2026-26-000123-0042-PE-7."
        )
    elif len(values["receipt"]) > RECEIPT_MAX:
        limit = {"n": RECEIPT_MAX}
        errors["receipt"] = _("A receipt number has at most %(n)d characters.") % limit
    fingerprint = values["fingerprint"].lower()
    if len(fingerprint) != FINGERPRINT_LENGTH or any(
        c not in "0123456789abcdef" for c in fingerprint
    ):
        errors["fingerprint"] = _(
            "Enter the record fingerprint printed under the receipt number: %(n)d letters "
            "and digits, for example 3f2a9c01b7e4."
        ) % {"n": FINGERPRINT_LENGTH}
    return values, errors


@never_cache
@noindex
@require_safe
def receipt_check(request: HttpRequest) -> HttpResponse:
    """Is a petition's entry in the court's signed record? Asked with the receipt's
    number and fingerprint; answered as the public may know (``receipts.py``)."""
    context: dict[str, Any] = {
        "values": {"receipt": "", "fingerprint": ""},
        "errors": {},
        "digits": FINGERPRINT_LENGTH,
    }
    if not any(k in request.GET for k in ("receipt", "fingerprint")):
        return render(request, "portal/public/receipt.html", context)
    values, errors = _receipt_fields(request)
    context |= {"values": values, "errors": errors}
    if errors:
        return render(request, "portal/public/receipt.html", context, status=400)
    now = timezone.now()
    throttled = _throttled(request, context, "portal/public/receipt.html", now)
    if throttled is not None:
        return throttled
    found = public_receipt(number=values["receipt"], fingerprint=values["fingerprint"], now=now)
    if found is None:
        context["problem"] = _(
            "There is no receipt with this number and fingerprint in a public case. Check "
            "both on the receipt. The receipts of cases that are not public (cases of "
            "children and adolescents, cases before charges are filed, cases the court has "
            "sealed) are checked by the people who follow the case, on the receipt's own "
            "page."
        )
        return render(request, "portal/public/receipt.html", context, status=404)
    context["found"] = found
    return render(request, "portal/public/receipt.html", context)


@never_cache
@noindex
@require_safe
def receipt_proof(request: HttpRequest) -> HttpResponse:
    """The inclusion proof of a receipt's entry, as a JSON file, on the same terms as
    the check page (``?receipt=…&fingerprint=…``, optionally ``&size=<checkpoint>``)."""
    values, errors = _receipt_fields(request)
    if errors:
        field = next(iter(errors))
        return problem(
            400,
            "Bad request",
            str(errors[field]),
            code="integrity",
            errors=[{"field": f, "message": str(m)} for f, m in errors.items()],
        )
    now = timezone.now()
    wait = lookup_count(client_ip=client_ip(request), now=now)
    if wait:
        return problem(429, "Too many requests", f"try again in {wait} minutes", code="throttled")
    found = public_petition(number=values["receipt"], fingerprint=values["fingerprint"])
    if found is None:
        return problem(
            404,
            "Not found",
            "no receipt with this number and fingerprint in a public case",
            code="not-found",
        )
    petition, event_id, _hash = found
    return proof_response(event_id, petition.receipt, request.GET.get("size"))


def _throttled(
    request: HttpRequest, context: dict[str, Any], template: str, now: dt.datetime
) -> HttpResponse | None:
    """The page saying "too many searches" (429) when this connection has searched too
    often (``throttle.lookup_count`` counts this search), None otherwise."""
    wait = lookup_count(client_ip=client_ip(request), now=now)
    if not wait:
        return None
    context["problem"] = _(
        "Too many searches from your connection. Try again in %(minutes)d minutes."
    ) % {"minutes": wait}
    return render(request, template, context, status=429)
