"""Which CE points count toward a cycle, and why each activity counts or does not.

Order of work: the window (earlier cycles, before the credential, after the CE route closed),
then CPR-card limits, then the cap on non-approved points. When non-approved points exceed
the cap, the points that close area shortfalls are counted first, so the engine never says
an area is short when the same records, counted another way, would satisfy it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from .cycle import Cycle
from .dates import show_date
from .models import AREAS, Activity
from .rules import CredentialRules

EPSILON = 1e-9

COUNTED, PARTLY, NOT_COUNTED = "counted", "partly counted", "not counted"


def points_text(points: float) -> str:
    """`12`, `2.5`: points as people write them."""
    rounded = round(points, 2)
    return f"{rounded:g}"


def plural_points(points: float) -> str:
    return f"{points_text(points)} point{'' if abs(points - 1) < EPSILON else 's'}"


@dataclass(frozen=True, slots=True)
class CountedActivity:
    """One activity and what it contributes to the cycle."""

    activity: Activity
    counted: dict[str, float]
    approved: bool  # as counted: CPR and college follow the rules, not the checkbox
    outcome: str  # counted | partly counted | not counted
    reason: str

    @property
    def counted_points(self) -> float:
        return round(sum(self.counted.values()), 2)


@dataclass(frozen=True)
class Tally:
    """Points that count toward the current cycle."""

    counted: float
    approved: float
    non_approved: float
    by_area: dict[str, float]
    non_approved_offered: float  # non-approved points in the window, before the cap
    cpr_cards_counted: int = 0
    activities: tuple[CountedActivity, ...] = field(default=())


@dataclass
class _Candidate:
    """A window-eligible activity being counted: the points still available per area."""

    activity: Activity
    points: dict[str, float]
    approved: bool
    note: str = ""
    taken: dict[str, float] = field(default_factory=dict)

    def take(self, area: str, amount: float) -> None:
        self.taken[area] = self.taken.get(area, 0.0) + amount

    def left(self, area: str) -> float:
        return self.points.get(area, 0.0) - self.taken.get(area, 0.0)


def count_cycle(
    activities: list[Activity],
    rules: CredentialRules,
    cycle: Cycle,
    earlier_cycles: list[Cycle],
) -> Tally:
    """Count one credential's activities toward `cycle`; earlier cycles only name the reason."""
    ordered = sorted(activities, key=lambda item: (item.completed_on, item.id or 0))
    # One slot per activity, in date order: a result now, or a candidate judged after the caps.
    slots: list[CountedActivity | _Candidate] = []
    candidates: list[_Candidate] = []
    cpr_cards = 0
    outside_window = _window_reasons(cycle, earlier_cycles, rules)
    for activity in ordered:
        outside = outside_window(activity.completed_on)
        if outside:
            slots.append(CountedActivity(activity, {}, activity.approved, NOT_COUNTED, outside))
            continue
        if activity.kind == "cpr" and rules.ce.cpr_refused is not None:
            slots.append(CountedActivity(activity, {}, False, NOT_COUNTED, rules.ce.cpr_refused.value))
            continue
        if activity.kind == "cpr" and rules.ce.cpr is not None:
            cpr = rules.ce.cpr
            cpr_cards += 1
            if cpr_cards > cpr.max_cards.value:
                reason = f"only {cpr.max_cards.value} CPR cards count in a cycle; this is card {cpr_cards}"
                slots.append(CountedActivity(activity, {}, cpr.approved.value, NOT_COUNTED, reason))
                continue
            points = {cpr.area.value: cpr.points_per_card.value}
            candidates.append(_Candidate(activity, points, cpr.approved.value, f"CPR card {cpr_cards}"))
            slots.append(candidates[-1])
            continue
        approved = activity.approved
        if activity.kind == "college" and rules.ce.college is not None:
            approved = rules.ce.college.approved.value
        points = {area: value for area, value in activity.points.items() if value > EPSILON}
        candidates.append(_Candidate(activity, points, approved))
        slots.append(candidates[-1])

    approved_by_area = dict.fromkeys(AREAS, 0.0)
    for candidate in candidates:
        if candidate.approved:
            for area, value in candidate.points.items():
                candidate.take(area, value)
                approved_by_area[area] = approved_by_area.get(area, 0.0) + value

    pool = [candidate for candidate in candidates if not candidate.approved]
    offered = sum(sum(candidate.points.values()) for candidate in pool)
    cap = rules.ce.non_approved_maximum.value if rules.ce.non_approved_maximum else float("inf")
    cap_left = cap
    # First pass: non-approved points that close an area shortfall, oldest first.
    shortfall = {area: max(0.0, rules.ce.minimum_for(area) - approved_by_area.get(area, 0.0)) for area in AREAS}
    for candidate in pool:
        for area in AREAS:
            amount = min(candidate.left(area), shortfall[area], cap_left)
            if amount > EPSILON:
                candidate.take(area, amount)
                shortfall[area] -= amount
                cap_left -= amount
    # Second pass: whatever room is left under the cap, oldest first.
    for candidate in pool:
        for area in AREAS:
            amount = min(candidate.left(area), cap_left)
            if amount > EPSILON:
                candidate.take(area, amount)
                cap_left -= amount

    by_area = dict.fromkeys(AREAS, 0.0)
    approved_total = non_approved_total = 0.0
    judged: dict[int, CountedActivity] = {}
    for candidate in candidates:
        counted = {area: round(value, 2) for area, value in candidate.taken.items() if value > EPSILON}
        total = sum(counted.values())
        for area, value in counted.items():
            by_area[area] += value
        if candidate.approved:
            approved_total += total
        else:
            non_approved_total += total
        judged[id(candidate)] = _judge(candidate, counted, rules, cap)

    final = [judged[id(slot)] if isinstance(slot, _Candidate) else slot for slot in slots]
    return Tally(
        counted=round(approved_total + non_approved_total, 2),
        approved=round(approved_total, 2),
        non_approved=round(non_approved_total, 2),
        by_area={area: round(value, 2) for area, value in by_area.items()},
        non_approved_offered=round(offered, 2),
        cpr_cards_counted=min(cpr_cards, rules.ce.cpr.max_cards.value) if rules.ce.cpr else 0,
        activities=tuple(final),
    )


def _judge(candidate: _Candidate, counted: dict[str, float], rules: CredentialRules, cap: float) -> CountedActivity:
    """Name the outcome and the reason in plain words."""
    offered = sum(candidate.points.values())
    total = sum(counted.values())
    kind_note = f"{candidate.note}: " if candidate.note else ""
    label = rules.approved_label
    if total >= offered - EPSILON:
        if candidate.approved:
            reason = f"{kind_note}counts in full"
        else:
            reason = f"{kind_note}counts in full (not {label})"
        if candidate.activity.kind == "cpr" and candidate.note:
            entered = candidate.activity.total_points
            if abs(entered - offered) > EPSILON:
                reason += f" (a card counts {plural_points(offered)} by the rules)"
        return CountedActivity(candidate.activity, counted, candidate.approved, COUNTED, reason)
    limit = f"the {points_text(cap)}-point limit on credit that is not {label} is reached"
    if total > EPSILON:
        reason = f"{kind_note}{points_text(total)} of {plural_points(offered)} count: {limit}"
        return CountedActivity(candidate.activity, counted, candidate.approved, PARTLY, reason)
    return CountedActivity(candidate.activity, counted, candidate.approved, NOT_COUNTED, f"{kind_note}{limit}")


def _window_reasons(cycle: Cycle, earlier: list[Cycle], rules: CredentialRules) -> Callable[[date], str]:
    """A function naming why a date falls outside the cycle's window ('' if inside).

    The sentences are built once per cycle: a heavy user has thousands of old records.
    """
    after_close = f"after the CE route closed on {show_date(cycle.ce_route_closes_on)}"
    earlier_spans = [(old.starts_on, old.ce_route_closes_on, f"belongs to the earlier cycle {old.label}") for old in reversed(earlier)]
    if earlier or rules.ce.window.value == "cycle":
        too_early = f"before this cycle began on {show_date(cycle.credit_from)}"
    else:
        too_early = f"earlier than {show_date(cycle.credit_from)}, the first date credit counts for this cycle"

    def reason(day: date) -> str:
        if day > cycle.ce_route_closes_on:
            return after_close
        if day >= cycle.credit_from:
            return ""
        for starts_on, closes_on, text in earlier_spans:
            if starts_on <= day <= closes_on:
                return text
        return too_early

    return reason
