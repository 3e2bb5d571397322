"""Points earned over a cycle against the pace line: the series every chart of a cycle draws.

The pace line is the steady rate that reaches the required total on the CE deadline (the
cycle's expiry, the date "Still needed ... by" names): 0 on the first day credit counts,
the required total on the deadline and after it. The earned series is the counted points
(as the counting gave them, the non-approved cap applied) added up by date. Pure: today is
passed in, nothing is read.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from .counting import EPSILON, CountedActivity
from .cycle import Cycle

if TYPE_CHECKING:
    from .engine import CredentialReport


class PointsOverCycle(NamedTuple):
    """A cycle's counted points by date and its pace line; read it with `earned_by` and `pace_by`."""

    start: date  # the first day credit counts: the pace line starts here at 0
    deadline: date  # the CE deadline: the pace line reaches `required` here
    end: date  # the last day a chart shows: the deadline, or later while credit still counts
    required: float  # the total points the rules ask for
    days: tuple[date, ...]  # each day that added points, oldest first
    totals: tuple[float, ...]  # the points counted by the end of each of those days
    today: date

    def earned_by(self, day: date) -> float:
        """Points counted from activities completed on or before `day`."""
        index = bisect_right(self.days, day)
        return self.totals[index - 1] if index else 0.0

    def pace_by(self, day: date) -> float:
        """Where the pace line stands at the end of `day`: 0 before the start, the whole total
        from the deadline on, a straight line between."""
        if day >= self.deadline:
            return self.required
        if day <= self.start:
            return 0.0
        return self.required * (day - self.start).days / (self.deadline - self.start).days

    @property
    def earned(self) -> float:
        """Every counted point of the cycle."""
        return self.totals[-1] if self.totals else 0.0

    @property
    def earned_today(self) -> float:
        return self.earned_by(self.today)

    @property
    def pace_today(self) -> float:
        """Where the pace line stands today, to a tenth of a point (as the pace is shown)."""
        return round(self.pace_by(self.today), 1)

    @property
    def ahead(self) -> float:
        """Points ahead of the pace line today (negative: behind it), to a tenth of a point."""
        return round(self.earned_today - self.pace_by(self.today), 1)

    @property
    def drawn_until(self) -> date:
        """The last day the earned line is drawn to: today, or the last counted day if later, within the chart."""
        last = self.days[-1] if self.days else self.start
        return max(self.start, min(self.end, max(self.today, last)))

    def corners(self) -> list[tuple[date, float]]:
        """The earned line as a staircase, from (start, 0) to `drawn_until`: each counted day
        adds a rise at that day. A chart joins the points with straight lines."""
        points = [(self.start, 0.0)]
        before = 0.0
        for day, total in zip(self.days, self.totals, strict=True):
            points += [(day, before), (day, total)]
            before = total
        points.append((self.drawn_until, before))
        return points

    @property
    def top(self) -> float:
        """The highest value a chart must show: the required total, or more when more was earned."""
        return max(self.required, self.earned)

    # --- a chart's geometry, the same for the card, the HTML and the PDF ---------------------

    @property
    def span_days(self) -> int:
        """The days the chart's width stands for (at least one)."""
        return max((self.end - self.start).days, 1)

    def day_share(self, day: date) -> float:
        """How far along the chart's width `day` is: 0 at the start, 1 at the end (clamped)."""
        return min(max((day - self.start).days / self.span_days, 0.0), 1.0)

    def value_share(self, value: float) -> float:
        """How far up the chart's height `value` is: 0 at the bottom, 1 at `top` (clamped)."""
        return min(max(value / (self.top or 1.0), 0.0), 1.0)

    def pace_corners(self) -> list[tuple[date, float]]:
        """The pace line: from 0 at the start to the required total at the deadline, then flat."""
        return [(self.start, 0.0), (self.deadline, self.required), (self.end, self.required)]

    def ticks(self) -> list[float]:
        """The values a chart labels: 0, the required total, and the top when more was earned."""
        return [0.0, self.required] + ([self.top] if self.top > self.required else [])

    @property
    def shows_today(self) -> bool:
        return self.start <= self.today <= self.end


def points_over_cycle(
    activities: Iterable[CountedActivity], cycle: Cycle, required: float, today: date
) -> PointsOverCycle:
    """The series for `cycle` from its counted activities (any order) and the required total."""
    by_day: dict[date, float] = {}
    for item in activities:
        counted = item.counted
        if not counted:  # most of a long history: outside the cycle, nothing counted
            continue
        points = sum(counted.values())
        if points > EPSILON:
            day = item.activity.completed_on
            by_day[day] = by_day.get(day, 0.0) + points
    days = tuple(sorted(by_day))
    totals = []
    running = 0.0
    for day in days:
        running += by_day[day]
        totals.append(round(running, 2))
    start = cycle.credit_from
    deadline = max(cycle.expires_on, start)
    # In the grace period or after it, credit still counted up to its last day: the chart
    # goes on to today (or to that last day) so the late points are on it.
    end = max(deadline, min(today, cycle.credit_until), days[-1] if days else deadline)
    return PointsOverCycle(start, deadline, end, required, days, tuple(totals), today)


def points_of(report: CredentialReport, today: date | None = None) -> PointsOverCycle:
    """The series for one credential's report (its cycle, counted activities and total).

    Without `today`, the report's own: it counted `days_left` from today to the expiry.
    """
    if today is None:
        today = report.cycle.expires_on - timedelta(days=report.days_left)
    return points_over_cycle(report.tally.activities, report.cycle, report.rules.ce.total_points.value, today)
