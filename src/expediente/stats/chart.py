"""Geometry of the server-rendered bar charts (``templates/stats/chart.svg``): one bar
per published cell of a table; a suppressed cell gets no bar and says so."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from expediente.stats.publish import Table

WIDTH, LABEL_W, BAR_H, GAP = 640, 260, 22, 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None
    text: str
    y: int
    width: int


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    height: int
    width: int = WIDTH
    label_w: int = LABEL_W
    bar_h: int = BAR_H


def chart_of(table: Table, title: str) -> Chart:
    cells: list[tuple[str, int | None]] = []
    for line in table.lines()[:-1]:  # not the total
        if table.cols:
            for (_code, col), value in zip(table.cols, line["cells"], strict=True):  # type: ignore[call-overload]
                cells.append((f"{line['label']} · {col}", value))
        else:
            cells.append((str(line["label"]), line["total"]))  # type: ignore[arg-type]
    top = max([v for _l, v in cells if v is not None] + [1])
    room = WIDTH - LABEL_W - 60
    bars = [
        Bar(
            label,
            value,
            _("suppressed") if value is None else str(value),
            i * (BAR_H + GAP),
            0 if value is None else max(1, round(value / top * room)),
        )
        for i, (label, value) in enumerate(cells)
    ]
    return Chart(title, bars, max(len(bars) * (BAR_H + GAP), BAR_H))
