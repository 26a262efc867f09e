"""Geometry of the server-rendered SVG charts (no JavaScript chart library: pages stay light)."""

from dataclasses import dataclass

from django.utils.formats import date_format

CHART_WIDTH = 640
CHART_HEIGHT = 180
AXIS_LEFT = 36
AXIS_BOTTOM = 22


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


def completions_chart(points, bucket):
    """Bars for [(date, n)]; the template draws them in a 640×180 viewBox that scales to the screen."""
    if not points:
        return None
    top = max(n for _, n in points) or 1
    plot_width = CHART_WIDTH - AXIS_LEFT
    plot_height = CHART_HEIGHT - AXIS_BOTTOM - 8
    step = plot_width / len(points)
    bar_width = max(step * 0.8, 1)
    bars = []
    for index, (day, n) in enumerate(points):
        height = plot_height * n / top
        bars.append(Bar(
            x=round(AXIS_LEFT + index * step, 2), y=round(8 + plot_height - height, 2),
            width=round(bar_width, 2), height=round(height, 2),
            label=date_format(day, "SHORT_DATE_FORMAT"), value=n,
        ))
    # At most ~6 dates under the axis, so the labels do not overlap on a phone.
    every = max(1, len(bars) // 6)
    return {
        "bars": bars, "ticks": bars[::every], "max": top, "bucket": bucket, "total": sum(n for _, n in points),
        "width": CHART_WIDTH, "height": CHART_HEIGHT, "axis_left": AXIS_LEFT, "baseline": CHART_HEIGHT - AXIS_BOTTOM,
        "label_y": CHART_HEIGHT - 6, "first": bars[0].label, "last": bars[-1].label,
    }
