"""The statistics pages: only disclosure-controlled aggregates, no personal data.

Everyone sees fixed scopes only: a closed year of a whole jurisdiction (``year``); a
period or courts asked for anonymously is refused, naming the parameter, since two
overlapping releases would give a hidden cell back by difference. Signed-in court staff
with ``Capability.STATS_COMPUTE`` may choose any period and any of their courts; their
page says the figures are not for publication.

Views parse the query string into a ``Scope`` (``stats.scope``), ask ``stats.publish``
for the figures and render them; bad input is answered with the form and a message
naming the field, and nothing is computed."""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from expediente.access.capabilities import Capability
from expediente.access.policy import Actor, can
from expediente.docket.models import Case, Court, Jurisdiction
from expediente.recent import Answer, Recent
from expediente.replica import Source, publication_read
from expediente.stats.arrest_limits import arrest_limits
from expediente.stats.catalogue import BY_ID, FAMILIES, INDICATORS, PACK_LIMIT
from expediente.stats.chart import chart_of
from expediente.stats.exports import (
    LABELS_DEFAULT,
    csv_text,
    json_text,
    label_language_refused,
    sdmx_text,
)
from expediente.stats.labels import dim_label
from expediente.stats.publish import Figure, policy_for, release_publish
from expediente.stats.scope import (
    PUBLIC_REFUSES,
    Scope,
    ScopeError,
    courts_today,
    public_refusal,
    scope_public,
    scope_resolve,
)

_releases: Recent[tuple[list[Figure], Source]] = Recent(size=64)


def _released(scope: Scope) -> Answer[tuple[list[Figure], Source]]:
    """The release for ``scope``, as computed at most ``EXPEDIENTE_PUBLIC_FIGURES_SECONDS``
    ago in this process (the full release costs about a second at 100,000 cases): the
    same figures for every visitor asking for the same scope in the same language."""
    key = (
        get_language(),
        scope.jurisdiction.code,
        tuple(scope.court_codes),
        scope.period.start,
        scope.period.end,
    )
    policy = policy_for(scope.jurisdiction.code)
    # read from the statistics' standby when there is one fit to read (expediente/replica.py)
    return _releases.get(key, lambda: publication_read(lambda: release_publish(scope, policy)))


_largest: Recent[str] = Recent(size=1)


def _most_cases() -> str:
    """The code of the jurisdiction with the most cases here ("" if none has any): what
    the page shows first. It showed the first by name, Brazil's, to every reader of a
    server whose cases are nearly all Costa Rica's."""
    row = (
        Case.objects.values("court__jurisdiction__code")
        .annotate(n=Count("id"))
        .order_by("-n", "court__jurisdiction__code")
        .first()
    )
    return str(row["court__jurisdiction__code"]) if row else ""


def _staff_courts(request: HttpRequest) -> frozenset[str] | None:
    """The courts whose statistics a signed-in, verified staff member may compute for any
    period (None: a public reader)."""
    user = request.user
    if not user.is_authenticated or not user.is_verified():  # type: ignore[attr-defined]
        return None
    actor = Actor.staff(user)
    mine = frozenset(
        code for code in actor.staff_courts if can(actor, Capability.STATS_COMPUTE, court_code=code)
    )
    return mine or None


# The query parameters the pages take: a parameter they do not know is refused, naming it,
# rather than ignored (?period=2026-Q3 answered 200 with another period than asked).
PUBLIC_PARAMETERS = ("jurisdiction", "year")
STAFF_PARAMETERS = ("jurisdiction", "year", "start", "end", "court")


# What sites and mail tools add to a shared link (a ministry's newsletter, a post): not
# asked of the page, so not refused (a shared link of the figures must open).
TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref"})


def _tracking(parameter: str) -> bool:
    return parameter in TRACKING or parameter.startswith("utm_")


def _unknown_refusal(
    request: HttpRequest, staff: bool, extra: tuple[str, ...]
) -> ScopeError | None:
    """A parameter the page does not take, named with those it takes (None if all are
    known). The public page's ``start``, ``end`` and ``court`` are refused on their own,
    as parameters only court staff may use."""
    known = [*(STAFF_PARAMETERS if staff else PUBLIC_PARAMETERS), *extra]
    allowed = set(known) | set(STAFF_PARAMETERS)
    unknown = sorted(p for p in set(request.GET) - allowed if not _tracking(p))
    if not unknown:
        return None
    return ScopeError(
        unknown[0],
        ngettext(
            "“%(names)s” is not a parameter of this page; it takes %(known)s.",
            "“%(names)s” are not parameters of this page; it takes %(known)s.",
            len(unknown),
        )
        % {"names": "”, “".join(unknown), "known": ", ".join(known)},
    )


def _scope(
    request: HttpRequest, extra: tuple[str, ...] = ()
) -> tuple[dict[str, object], Scope | None, ScopeError | None]:
    jurisdictions = list(Jurisdiction.objects.order_by("name"))
    first = _largest.get("jurisdiction", _most_cases).value if jurisdictions else ""
    staff = _staff_courts(request)
    jurisdiction = (
        request.GET.get("jurisdiction") or first or (jurisdictions[0].code if jurisdictions else "")
    )
    # the last year closed on the courts' clock (on 31 December at 20:00 in Costa Rica it
    # is already 1 January in UTC, and the default year was refused as not yet closed)
    today = courts_today(jurisdiction)
    last_year = str(today.year - 1)
    form: dict[str, object] = {
        "jurisdiction": jurisdiction,
        "staff": staff is not None,
        "courts": request.GET.getlist("court"),
        "year": request.GET.get("year", last_year),
        "start": request.GET.get("start", f"{last_year}-01-01"),
        "end": request.GET.get("end", f"{last_year}-12-31"),
        "jurisdictions": jurisdictions,
    }
    courts = Court.objects.filter(jurisdiction__code=form["jurisdiction"]).order_by("name")
    if staff is not None and not any(c.code in staff for c in courts):
        # staff of another jurisdiction read this one as the public does (a closed year
        # of the whole jurisdiction): they were refused it, having no court here
        staff = None
        form["staff"] = False
    form["all_courts"] = [c for c in courts if staff is None or c.code in staff]
    if not jurisdictions:
        return form, None, ScopeError("jurisdiction", _("No jurisdiction has been set up yet."))
    refused = _unknown_refusal(request, staff is not None, extra)
    if refused is not None:
        return form, None, refused
    try:
        if staff is None:
            for parameter in PUBLIC_REFUSES:
                if parameter in request.GET:
                    raise public_refusal(parameter)
            return (
                form,
                scope_public(jurisdiction=str(form["jurisdiction"]), year=str(form["year"])),
                None,
            )
        if "year" in request.GET:
            # staff may ask for a calendar year as the public does (year=2024 gave them
            # the default year, silently): the year's first and last days
            if "start" in request.GET or "end" in request.GET:
                raise ScopeError(
                    "year", _("Choose a year, or a period from a day to a day, not both.")
                )
            year = str(form["year"]).strip()
            if not (len(year) == 4 and year.isdigit()):
                raise ScopeError(
                    "year",
                    _("Enter a year as four digits, for example 2024 (you entered “%(raw)s”).")
                    % {"raw": form["year"]},
                )
            form["start"], form["end"] = f"{year}-01-01", f"{year}-12-31"
        chosen = list(form["courts"]) or [c.code for c in form["all_courts"]]  # type: ignore[call-overload, attr-defined]
        scope = scope_resolve(
            jurisdiction=str(form["jurisdiction"]),
            courts=chosen,
            start=str(form["start"]),
            end=str(form["end"]),
            today=today,
        )
        others = [code for code in scope.court_codes if code not in staff]
        if others:
            raise ScopeError(
                "courts",
                _("%(codes)s: you compute statistics only for the courts you work in.")
                % {"codes": ", ".join(others)},
            )
    except ScopeError as error:
        return form, None, error
    return form, scope, None


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    form, scope, error = _scope(request)
    if scope is None:
        return render(request, "stats/dashboard.html", {"form": form, "error": error}, status=400)
    policy = policy_for(scope.jurisdiction.code)
    answer = _released(scope)
    figures_released, source = answer.value
    released = {f.indicator.id: f for f in figures_released}
    families = []
    for family, title in FAMILIES.items():
        members = [i for i in INDICATORS if i.family == family]
        # a caveat several figures share is said once, under the family's heading (the
        # four case flows said the same "Read with care" four times)
        said = [str(i.caveats) for i in members if i.caveats]
        shared = list(dict.fromkeys(c for c in said if said.count(c) > 1))
        figures = []
        for indicator in members:
            figure = released[indicator.id]
            charts = [chart_of(t, f"{indicator.name}: {t.title}") for t in figure.tables]
            figures.append(
                {
                    "figure": figure,
                    "pairs": list(zip(figure.tables, charts, strict=True)),
                    "caveat": "" if str(indicator.caveats) in shared else indicator.caveats,
                }
            )
        families.append({"id": family, "title": title, "figures": figures, "caveats": shared})
    return render(
        request,
        "stats/dashboard.html",
        {
            "form": form,
            "scope": scope,
            "families": families,
            "policy": policy,
            # on the courts' clock, the zone named (it was UTC, unnamed)
            "computed_at": answer.computed_at,
            # the standby was behind: the records as they stood then
            "records_as_of": source.as_of,
            "zone": scope.period.tz.key,
            "query": request.GET.urlencode(),
            # the CSV and JSON links name the page's language: a Spanish page downloads
            # Spanish labels (they were English unless the reader added ``lang``)
            "labels_query": _with_lang(request, page_labels_language()),
        },
    )


def page_labels_language() -> str:
    """The language of the page as a language of the downloads' labels (English when
    the page's is not one of them)."""
    active = get_language() or LABELS_DEFAULT
    for lang in (active, active.split("-")[0]):
        if label_language_refused(lang) is None:
            return lang
    return LABELS_DEFAULT


def _with_lang(request: HttpRequest, lang: str) -> str:
    query = request.GET.copy()
    query["lang"] = lang
    return query.urlencode()


@require_safe
def definition(request: HttpRequest, ident: str) -> HttpResponse:
    indicator = BY_ID.get(ident)
    if indicator is None:
        raise Http404(_("There is no indicator “%(id)s”.") % {"id": ident})
    # the breakdowns in words ("Desgloses: status, sex" showed the codes)
    breakdowns = [dim_label(d) for d in indicator.dims]
    limits = arrest_limits(get_language()) if indicator.source is PACK_LIMIT else []
    return render(
        request,
        "stats/definition.html",
        {"indicator": indicator, "breakdowns": breakdowns, "limits": limits},
    )


@require_safe
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    _form, scope, error = _scope(request, extra=("lang",))
    if scope is None:
        assert error is not None
        return HttpResponse(
            f"{error.field}: {error.message}\n",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    lang = request.GET.get("lang", LABELS_DEFAULT)
    refused = label_language_refused(lang)
    if refused is not None:
        return HttpResponse(
            f"lang: {refused}\n", status=400, content_type="text/plain; charset=utf-8"
        )
    figures = _released(scope).value[0]
    name = f"expediente-{scope.jurisdiction.code}-{scope.period.start}-{scope.period.end}"
    if _form["staff"]:
        name += "-not-for-publication"
    content_type = "text/csv; charset=utf-8"
    if fmt == "sdmx":  # codes only: no labels, no language
        body, suffix = sdmx_text(figures, scope), "sdmx.csv"
    elif fmt == "json":
        body, suffix = json_text(figures, scope, lang), f"labels-{lang}.json"
        content_type = "application/json; charset=utf-8"
    else:
        body, suffix = csv_text(figures, scope, lang), f"labels-{lang}.csv"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{suffix}"'
    if fmt != "sdmx":  # the labels' language, not the page's (SDMX-CSV holds codes only)
        response["Content-Language"] = lang
    return response
