"""KPI maths and the server-rendered chart: pure Python, no database, so it is easy to test.

A KPI moves from a baseline towards a target; for some KPIs lower is better (young people still in youth care),
for others higher is better (children in foster care instead of residential care).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

LOWER = "lower"
HIGHER = "higher"

NO_MEASUREMENTS = "no_measurements"
REACHED = "reached"
UNDERWAY = "underway"
NO_PROGRESS = "no_progress"  # at or behind the baseline


@dataclass(frozen=True)
class Progress:
    state: str
    percent: int | None = None  # 0..100, how far from baseline to target (for the bar)
    latest: Decimal | None = None
    latest_date: datetime.date | None = None

    @property
    def has_measurements(self) -> bool:
        return self.state != NO_MEASUREMENTS

    @property
    def reached(self) -> bool:
        return self.state == REACHED


def progress(
    *,
    baseline: Decimal | float,
    target: Decimal | float,
    direction: str,
    latest: Decimal | float | None,
    latest_date: datetime.date | None = None,
) -> Progress:
    """How far the latest measurement has come from the baseline towards the target.

    Works for both directions; the bar is clamped to 0..100 % (going the wrong way shows 0 %, passing the target
    shows 100 %). Without measurements the state says so instead of pretending 0 %.
    """
    if direction not in (LOWER, HIGHER):
        raise ValueError(f"unknown direction {direction!r}")
    if latest is None:
        return Progress(state=NO_MEASUREMENTS)
    baseline, target, latest = Decimal(str(baseline)), Decimal(str(target)), Decimal(str(latest))
    sign = Decimal(-1) if direction == LOWER else Decimal(1)
    # Distances measured in the "good" direction.
    needed = (target - baseline) * sign
    achieved = (latest - baseline) * sign
    if achieved >= needed:
        return Progress(state=REACHED, percent=100, latest=latest, latest_date=latest_date)
    if needed <= 0 or achieved <= 0:
        return Progress(state=NO_PROGRESS, percent=0, latest=latest, latest_date=latest_date)
    percent = int((achieved / needed * 100).to_integral_value(rounding="ROUND_HALF_UP"))
    percent = max(0, min(99, percent))  # 100 % only when the target is really reached
    return Progress(state=UNDERWAY, percent=percent, latest=latest, latest_date=latest_date)


# --- Chart ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    date: datetime.date
    value: Decimal
    is_baseline: bool = False


@dataclass
class Chart:
    width: int
    height: int
    points: list[ChartPoint] = field(default_factory=list)
    y_ticks: list[tuple[float, Decimal]] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    target_y: float | None = None
    target_x: float | None = None
    left: int = 0
    right: int = 0
    top: int = 0
    bottom: int = 0

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def _nice_step(span: Decimal) -> Decimal:
    if span <= 0:
        return Decimal(1)
    raw = float(span) / 4
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return Decimal(str(factor * magnitude))
    return Decimal(str(10 * magnitude))


def chart(
    *,
    baseline_value,
    baseline_date: datetime.date,
    target_value,
    target_date: datetime.date | None,
    measurements: list[tuple[datetime.date, Decimal]],
    width: int = 640,
    height: int = 260,
) -> Chart:
    """Coordinates for a line chart: baseline, then the measurements in date order, with the target as a line."""
    left, right, top, bottom = 56, 16, 16, 40
    baseline_value, target_value = Decimal(str(baseline_value)), Decimal(str(target_value))
    series = [(baseline_date, baseline_value, True)] + [
        (d, Decimal(str(v)), False) for d, v in sorted(measurements, key=lambda m: m[0])
    ]
    values = [v for _, v, _ in series] + [target_value]
    low, high = min(values), max(values)
    step = _nice_step(high - low)
    y_min = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    y_max = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    if y_max == y_min:
        y_max = y_min + step
    dates = [d for d, _, _ in series] + ([target_date] if target_date else [])
    d_min, d_max = min(dates), max(dates)
    day_span = max((d_max - d_min).days, 1)
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_of(d):
        return left + plot_w * (d - d_min).days / day_span

    def y_of(v):
        return top + plot_h * float((y_max - v) / (y_max - y_min))

    result = Chart(width=width, height=height, left=left, right=width - right, top=top, bottom=height - bottom)
    result.points = [ChartPoint(x=x_of(d), y=y_of(v), date=d, value=v, is_baseline=b) for d, v, b in series]
    tick = y_min
    while tick <= y_max:
        result.y_ticks.append(
            (y_of(tick), tick.quantize(Decimal(1)) if tick == tick.to_integral() else tick.normalize())
        )
        tick += step
    years = range(d_min.year, d_max.year + 1)
    result.x_ticks = [(x_of(datetime.date(y, 1, 1)), str(y)) for y in years if datetime.date(y, 1, 1) >= d_min]
    if not result.x_ticks:
        result.x_ticks = [(x_of(d_min), str(d_min.year))]
    result.target_y = y_of(target_value)
    result.target_x = x_of(target_date) if target_date else None
    return result
