"""Downloads of the published figures: CSV, and SDMX-CSV in the style of the UN-CTS
tables. Both are written from ``publish.Figure`` objects, so they carry exactly what the
dashboard shows: suppressed cells have no value and say why.

SDMX-CSV (version 1): the first column names the dataflow, then one column per
dimension, ``OBS_VALUE``, and the attributes ``OBS_STATUS`` (SDMX CL_OBS_STATUS: ``A``
normal, ``O`` missing) and ``CONF_STATUS`` (SDMX CL_CONF_STATUS: ``F`` free, ``C``
confidential, for a suppressed cell). Totals are ``_T``, "not applicable" ``_Z``, as in
the SDMX cross-domain code lists. The code values are to be confirmed against the
UN-CTS data structure definition before an official return. ``TIME_PERIOD`` is the
period as an ISO interval for a flow, and the reference day for a stock (the day at
whose end it is read).

The CSV and JSON files are the same bytes whatever the reader's browser language: their
data columns hold codes (``unit`` ``cases``, ``status`` ``suppressed``, ``reason``
``small_count``), and the words for them are in named ``*_label`` columns in the
language of the ``lang`` parameter, English unless asked (``LABELS_DEFAULT``), named in
the ``lang`` column and in the file name. SDMX-CSV holds codes only.

A rate, ratio or median has the indicator's decimals (``Indicator.decimals``: 1, the
case turnover ratio 2), rounded half up, as on the dashboard (Django's ``floatformat``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from expediente.stats.disclosure import TOTAL
from expediente.stats.indicators.base import Indicator
from expediente.stats.labels import dim_label, value_label
from expediente.stats.publish import Figure, reason_text
from expediente.stats.scope import Scope

LABELS_DEFAULT = "en"


def label_language_refused(lang: str) -> str | None:
    """Why ``lang`` cannot be the language of the label columns (the download's ``lang``,
    ``stats export --lang``), in the reader's language; None when it is one the project
    ships (``settings.LANGUAGES``)."""
    languages = [code for code, _name in settings.LANGUAGES]
    if lang in languages:
        return None
    return _("the language of the labels must be one of %(codes)s (you entered “%(raw)s”).") % {
        "codes": ", ".join(languages),
        "raw": lang,
    }


# the unit of each indicator as a code, from its English words (a test checks that every
# indicator has one)
UNIT_CODES = {
    "cases": "cases",
    "persons": "persons",
    "days": "days",
    "hours": "hours",
    "arrests": "arrests",
    "hearings": "hearings",
    "verdicts": "verdicts",
    "measures": "measures",
    "victims": "victims",
    "deadlines": "deadlines",
    "%": "percent",
    "resolved per pending case": "ratio",
    "per 100,000": "per_100000",
}
COLUMNS = (
    "indicator",
    "unit",
    "period_start",
    "period_end",
    "courts",
    "breakdown",
    "category",
    "breakdown_2",
    "category_2",
    "value",
    "status",
    "reason",
    "lang",
    "indicator_label",
    "unit_label",
    "breakdown_label",
    "category_label",
    "breakdown_2_label",
    "category_2_label",
    "reason_label",
)


def unit_code(indicator: Indicator) -> str:
    with translation.override(None):  # the English words, the source strings
        words = str(indicator.unit)
    return UNIT_CODES[words]


DATAFLOW = "EXPEDIENTE:CJ_INDICATORS(1.0)"
DIM_COLS = (
    "COURT",
    "PROCEDURE",
    "STATUS",
    "SEX",
    "LIMIT",
    "OUTCOME",
    "KIND",
    "ICCS",
    "AGE",
    "CITIZENSHIP",
    "MEASURE_CLASS",
    "MEASURE",
    "LEGAL_REPRESENTATION",
    "HEARING_KIND",
    "HEARING_RESULT",
    "HEARING_OUTCOME",
    "TRIAL_SETTINGS",
    "DEADLINE",
    "TIMELINESS",
)
DIM_OF = {
    "court": "COURT",
    "procedure": "PROCEDURE",
    "status": "STATUS",
    "sex": "SEX",
    "limit": "LIMIT",
    "outcome": "OUTCOME",
    "kind": "KIND",
    "section": "ICCS",
    "age_status": "AGE",
    "citizenship": "CITIZENSHIP",
    "measure_class": "MEASURE_CLASS",
    "measure": "MEASURE",
    "representation": "LEGAL_REPRESENTATION",
    "hearing_kind": "HEARING_KIND",
    "hearing_result": "HEARING_RESULT",
    "hearing_outcome": "HEARING_OUTCOME",
    "trial_settings": "TRIAL_SETTINGS",
    "rule": "DEADLINE",
    "timeliness": "TIMELINESS",
}
SEX_CODES = {"female": "F", "male": "M", "other": "_O", "unknown": "_U"}


def observations(figure: Figure) -> Iterator[tuple[dict[str, str], float | None, str, str]]:
    """(dimension values, published value or None, status, reason code) for every
    published cell."""
    if not figure.tables:
        yield {}, figure.value, figure.status, figure.reason
        return
    for table in figure.tables:
        for line in table.lines():
            row = str(line["code"])
            cells = [(c, v) for (c, _l), v in zip(table.cols, line["cells"], strict=True)]  # type: ignore[call-overload]
            for col, _value in [*cells, (TOTAL, None)] if table.cols else [(None, None)]:
                dims = {table.dims[0]: row}
                if col is not None:
                    dims[table.dims[1]] = col
                value = table.cell(row, col)
                status = "suppressed" if table.suppressed(row, col) else "ok"
                yield dims, None if value is None else float(value), status, table.reason(row, col)


def rows(figures: list[Figure], scope: Scope, lang: str = LABELS_DEFAULT) -> list[dict[str, str]]:
    """One row per published cell (``COLUMNS``): codes, then their words in ``lang``."""
    courts = " ".join(scope.court_codes)
    names = {c.code: c.name for c in scope.courts}
    out: list[dict[str, str]] = []
    with translation.override(lang):
        total = translation.gettext("Total")
        for f in figures:
            args = {k: str(v) for k, v in f.args.items()}
            for dims, value, status, reason in observations(f):
                pairs = [(d, "total" if v == TOTAL else v) for d, v in dims.items()]
                labels = [
                    (
                        dim_label(d),
                        total if v == TOTAL else value_label(d, v, names),
                    )
                    for d, v in dims.items()
                ]
                pairs += [("", "")] * (2 - len(pairs))
                labels += [("", "")] * (2 - len(labels))
                out.append(
                    {
                        "indicator": f.indicator.id,
                        "unit": unit_code(f.indicator),
                        "period_start": scope.period.start.isoformat(),
                        "period_end": scope.period.end.isoformat(),
                        "courts": courts,
                        "breakdown": pairs[0][0],
                        "category": pairs[0][1],
                        "breakdown_2": pairs[1][0],
                        "category_2": pairs[1][1],
                        "value": "" if value is None else _num(value, f),
                        "status": status,
                        "reason": reason,
                        "lang": lang,
                        "indicator_label": str(f.indicator.name),
                        "unit_label": str(f.indicator.unit),
                        "breakdown_label": labels[0][0],
                        "category_label": labels[0][1],
                        "breakdown_2_label": labels[1][0],
                        "category_2_label": labels[1][1],
                        "reason_label": reason_text(reason, args),
                    }
                )
    return out


def csv_text(figures: list[Figure], scope: Scope, lang: str = LABELS_DEFAULT) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=COLUMNS)
    w.writeheader()
    w.writerows(rows(figures, scope, lang))
    return out.getvalue()


def json_text(figures: list[Figure], scope: Scope, lang: str = LABELS_DEFAULT) -> str:
    """The CSV's rows as JSON, with the scope at the top; values as numbers (null when
    not published)."""
    observations_ = []
    for row in rows(figures, scope, lang):
        item: dict[str, object] = dict(row)
        value = row["value"]
        item["value"] = None if value == "" else (float(value) if "." in value else int(value))
        observations_.append(item)
    body = {
        "jurisdiction": scope.jurisdiction.code,
        "period_start": scope.period.start.isoformat(),
        "period_end": scope.period.end.isoformat(),
        "courts": scope.court_codes,
        "lang": lang,
        "observations": observations_,
    }
    return json.dumps(body, ensure_ascii=False, indent=1) + "\n"


def sdmx_text(figures: list[Figure], scope: Scope) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(
        [
            "DATAFLOW",
            "REF_AREA",
            "INDICATOR",
            "TIME_PERIOD",
            *DIM_COLS,
            "OBS_VALUE",
            "OBS_STATUS",
            "CONF_STATUS",
        ]
    )
    for f in figures:
        for dims, value, status, _reason in observations(f):
            cols = dict.fromkeys(DIM_COLS, "_Z")
            for d, v in dims.items():
                code = "_T" if v == TOTAL else SEX_CODES.get(v, v) if d == "sex" else v
                cols[DIM_OF[d]] = code
            if status == "suppressed":
                obs, conf = "O", "C"
            elif value is None:
                obs, conf = "O", "F"
            else:
                obs, conf = "A", "F"
            w.writerow(
                [
                    DATAFLOW,
                    scope.country or scope.jurisdiction.code.upper(),
                    f.indicator.id.upper(),
                    time_period(f, scope),
                    *cols.values(),
                    "" if value is None else _num(value, f),
                    obs,
                    conf,
                ]
            )
    return out.getvalue()


def time_period(figure: Figure, scope: Scope) -> str:
    """SDMX ``TIME_PERIOD``: a stock's reference day, a flow's period (ISO interval)."""
    start, end = scope.period.start, scope.period.end
    if figure.indicator.stock == "end":
        return end.isoformat()
    if figure.indicator.stock == "start":  # read at the first moment of the period
        return (start - dt.timedelta(days=1)).isoformat()
    return f"{start.isoformat()}/{end.isoformat()}"


def _num(value: float, figure: Figure) -> str:
    """A count as a whole number; a rate, ratio or median with the indicator's decimals,
    rounded half up as the dashboard's ``floatformat`` does."""
    if figure.indicator.kind != "derived":
        return str(int(value))
    step = Decimal(1).scaleb(-figure.indicator.decimals)
    return str(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP))
