"""Geometry of the server-rendered bar charts (``templates/stats/chart.svg``): one bar
per published cell of a table; a suppressed cell gets no bar and says so.

The chart is drawn 360 units wide, each label on its own line above its bar, and shown
at most at that width: on a 360 px phone it is scaled by about 0.9, so its 13-unit text
stays about 12 px tall (it was 640 wide, labels beside the bars: 6 px on a phone). A
table whose every cell is hidden gets no chart (``Chart.empty``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from expediente.stats.publish import Table

WIDTH, LABEL_H, BAR_H, GAP = 360, 16, 18, 10
ROW = LABEL_H + BAR_H + GAP


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
    label_h: int = LABEL_H
    bar_h: int = BAR_H

    @property
    def empty(self) -> bool:
        """Every bar hidden: nothing to draw."""
        return all(b.value is None for b in self.bars)


def chart_of(table: Table, title: str) -> Chart:
    cells: list[tuple[str, int | None]] = []
    for line in table.lines()[:-1]:  # not the total
        if table.cols:
            for (_code, col), value in zip(table.cols, line["cells"], strict=True):  # type: ignore[call-overload]
                cells.append((f"{line['label']} · {col}", value))
        else:
            cells.append((str(line["label"]), line["total"]))  # type: ignore[arg-type]
    top = max([v for _l, v in cells if v is not None] + [1])
    room = WIDTH - 70  # the value's text after the longest bar
    bars = [
        Bar(
            label,
            value,
            _("suppressed") if value is None else str(value),
            i * ROW,
            0 if value is None else max(1, round(value / top * room)),
        )
        for i, (label, value) in enumerate(cells)
    ]
    return Chart(title, bars, max(len(bars) * ROW, ROW))
