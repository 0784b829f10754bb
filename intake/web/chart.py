"""The dashboard's weekly chart as server-drawn SVG geometry: no JavaScript, no inline styles
(the strict CSP allows SVG presentation attributes), a text alternative beside it.

Pure: weeks in, rectangles and labels out; the template draws them (and escapes every text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from intake.dashboard_figures import Week

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 56
COLOURS = {"received": "#1d70b8", "on_time": "#00703c", "late": "#d4351c"}
LEGEND = {
    "received": "Received",
    "on_time": "Decided on time",
    "late": "Decided late",
}


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    label: str  # what a screen reader or a tooltip says


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class Label:
    x: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    baseline: float
    bars: list[Bar]
    ticks: list[Tick]
    labels: list[Label]
    legend: list[tuple[str, str]]  # (colour, text)


def scale_top(largest: int) -> int:
    """A round top for the axis: 4, 10, 20, 50, 100… at least the largest value."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if largest <= step * 4:
            return step * 4
    return largest


def weekly_chart(weeks: Sequence[Week]) -> Chart:
    """Per week two bars: received, and decided (on time at the bottom, late stacked on top)."""
    top = scale_top(max([1, *(max(w.received, w.on_time + w.late) for w in weeks)]))
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    group = (WIDTH - LEFT - RIGHT) / max(1, len(weeks))
    bar_width = group * 0.36

    def height(value: int) -> float:
        return round(value / top * plot_height, 2)

    bars: list[Bar] = []
    labels: list[Label] = []
    for n, week in enumerate(weeks):
        x = LEFT + n * group + group * 0.12
        when = f"week of {week.start.day} {week.start:%b}"
        h = height(week.received)
        bars.append(
            Bar(
                x,
                baseline - h,
                bar_width,
                h,
                COLOURS["received"],
                f"{when}: {week.received} received",
            )
        )
        on_time, late = height(week.on_time), height(week.late)
        x2 = round(x + bar_width + 2, 2)
        bars.append(
            Bar(
                x2,
                baseline - on_time,
                bar_width,
                on_time,
                COLOURS["on_time"],
                f"{when}: {week.on_time} decided on time",
            )
        )
        bars.append(
            Bar(
                x2,
                baseline - on_time - late,
                bar_width,
                late,
                COLOURS["late"],
                f"{when}: {week.late} decided late",
            )
        )
        labels.append(Label(round(x + bar_width, 2), f"{week.start:%d/%m}"))
    ticks = [Tick(baseline - height(v), v) for v in (0, top // 4, top // 2, 3 * top // 4, top)]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_top=TOP,
        baseline=baseline,
        bars=[bar for bar in bars if bar.height > 0],
        ticks=ticks,
        labels=labels,
        legend=[(COLOURS[key], text) for key, text in LEGEND.items()],
    )
