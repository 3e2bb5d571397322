"""What is still needed for a cycle, the pace to get there, and the sentence that says it."""

import math
from datetime import date
from typing import NamedTuple

from .counting import EPSILON, Tally, plural_points, points_text
from .dates import show_date
from .models import AREAS
from .rules import CredentialRules

DAYS_PER_MONTH = 365.25 / 12
DAYS_PER_WEEK = 7
NEAR_END_DAYS = 14  # from here on the pace is the whole amount: "10 points in 3 days"
PER_DAY_BELOW_DAYS = 31  # under a month: per day
PER_WEEK_BELOW_DAYS = 183  # under six months: per week; beyond: per month


class Pace(NamedTuple):
    """How fast the missing points must come: `amount` per `unit` ("day", "week", "month"),
    or, near the end, the whole amount over `days_left` (unit "total")."""

    amount: float
    unit: str
    days_left: int  # days after today up to and including the deadline day


class Needs(NamedTuple):
    points: float  # total shortfall
    approved: float  # approved-minimum shortfall
    by_area: dict[str, float]  # area-minimum shortfalls
    minimum_additional: float  # fewest extra points that close every shortfall at once
    deadline: date | None  # None once the CE route has closed
    per_month: float | None  # pace to meet the deadline; None when nothing is needed or too late
    sentence: str
    pace: Pace | None = None  # the same pace in the unit that fits the time left

    @property
    def met(self) -> bool:
        return self.minimum_additional <= EPSILON


def needs_for(tally: Tally, rules: CredentialRules, deadline: date | None, today: date) -> Needs:
    """Shortfalls against every rule and the fewest extra points that satisfy them all.

    New approved points in a short area reduce the total, approved and area shortfalls at
    once, so the fewest extra points is max(total, approved, sum of the area shortfalls).
    """
    ce = rules.ce
    total_short = max(0.0, ce.total_points.value - tally.counted)
    approved_short = max(0.0, ce.approved_minimum.value - tally.approved) if ce.approved_minimum else 0.0
    area_short = {area: max(0.0, ce.minimum_for(area) - tally.by_area.get(area, 0.0)) for area in AREAS}
    minimum = max(total_short, approved_short, sum(area_short.values()))
    per_month = None
    pace = None
    if minimum > EPSILON and deadline is not None and deadline >= today:
        months_left = max((deadline - today).days + 1, 1) / DAYS_PER_MONTH
        per_month = math.ceil(minimum / max(months_left, 1.0) * 10) / 10
        pace = pace_for(minimum, (deadline - today).days)
    sentence = _sentence(rules, minimum, approved_short, area_short, deadline, tally)
    return Needs(
        points=round(total_short, 2),
        approved=round(approved_short, 2),
        by_area={area: round(value, 2) for area, value in area_short.items()},
        minimum_additional=round(minimum, 2),
        deadline=deadline,
        per_month=per_month,
        sentence=sentence,
        pace=pace,
    )


def pace_for(points: float, days_left: int) -> Pace:
    """The pace for `points` in `days_left` days (0: the deadline is today).

    Per day under a month, per week under six months, per month beyond; in the last two
    weeks a rate says less than the plain amount, so it is "N points in D days".
    """
    if days_left <= NEAR_END_DAYS:
        return Pace(round(points, 2), "total", days_left)
    per: float  # days in one unit; a month's is not whole
    if days_left < PER_DAY_BELOW_DAYS:
        per, unit = 1, "day"
    elif days_left < PER_WEEK_BELOW_DAYS:
        per, unit = DAYS_PER_WEEK, "week"
    else:
        per, unit = DAYS_PER_MONTH, "month"
    # Rounded up to a tenth: a pace rounded down would fall short of the deadline.
    return Pace(math.ceil(points / (days_left / per) * 10) / 10, unit, days_left)


def _sentence(
    rules: CredentialRules,
    minimum: float,
    approved_short: float,
    area_short: dict[str, float],
    deadline: date | None,
    tally: Tally,
) -> str:
    required = rules.ce.total_points.value
    if minimum <= EPSILON:
        done = f"All {plural_points(required)} are in ({points_text(tally.counted)} counted)"
        if deadline is None:
            return f"{done}, but the CE route has closed."
        return f"{done}: ready to recertify by CE by {show_date(deadline)}."
    when = f" by {show_date(deadline)}" if deadline else ""
    sentence = f"{points_text(minimum)} more point{'s' if abs(minimum - 1) > EPSILON else ''}{when}"
    short_areas = [f"{points_text(value)} {area}" for area, value in area_short.items() if value > EPSILON]
    if short_areas:
        first, *rest = short_areas
        sentence += f", at least {_join([first.replace(' ', ' of them ', 1), *rest])}"
    if approved_short > EPSILON:
        sentence += f"; at least {points_text(approved_short)} must be {rules.approved_label}"
    if deadline is None:
        sentence += " (the CE route has closed)"
    return sentence + "."


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def pace_text(needs: Needs) -> str:
    """`about 4.5 points a month`, `10 points in 3 days`, or '' when no pace applies."""
    pace = needs.pace
    if pace is None:
        return ""
    if pace.unit == "total":
        if pace.days_left == 0:
            return f"{plural_points(pace.amount)} today, the last day"
        return f"{plural_points(pace.amount)} in {pace.days_left} day{'s' if pace.days_left != 1 else ''}"
    return f"about {plural_points(pace.amount)} a {pace.unit}"
