"""Which CE points count toward a cycle, and why each activity counts or does not.

Order of work: the window (earlier cycles, before the credential, after the CE route closed),
then CPR-card limits, then the cap on non-approved points. When non-approved points exceed
the cap, the points that close area shortfalls are counted first, so the engine never says
an area is short when the same records, counted another way, would satisfy it.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from datetime import date
from itertools import pairwise
from operator import attrgetter
from typing import NamedTuple, cast

from .cycle import Cycle
from .dates import Duration, show_date
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


class CountedActivity(NamedTuple):
    """One activity and what it contributes to the cycle.

    A named tuple rather than a dataclass: a report holds one for every activity a heavy
    user ever recorded, and a tuple is several times cheaper to build. Read it by name.
    """

    activity: Activity
    counted: dict[str, float]
    approved: bool  # as counted: CPR and college follow the rules, not the checkbox
    outcome: str  # counted | partly counted | not counted
    reason: str

    @property
    def counted_points(self) -> float:
        return round(sum(self.counted.values()), 2)


# Builds a CountedActivity from a 5-tuple without the named tuple's Python-level __new__,
# for the places that make one per activity.
_new_tuple = tuple.__new__


class Tally(NamedTuple):
    """Points that count toward the current cycle."""

    counted: float
    approved: float
    non_approved: float
    by_area: dict[str, float]
    non_approved_offered: float  # non-approved points in the window, before the cap
    cpr_cards_counted: int = 0
    activities: tuple[CountedActivity, ...] = ()


class _Candidate:
    """A non-approved activity in the window, waiting for its share of the cap."""

    __slots__ = ("activity", "approved", "counted", "note", "offered", "points", "slot", "taken")

    def __init__(self, activity: Activity, points: dict[str, float], approved: bool, slot: int, note: str = ""):
        self.activity = activity
        self.points = points  # area -> points on offer, only areas with more than EPSILON
        self.offered = sum(points.values())
        self.approved = approved
        self.note = note
        self.slot = slot  # its place in the date-ordered results
        self.taken: dict[str, float] = {}  # area -> points taken under the cap so far
        self.counted: dict[str, float] = {}  # filled in, rounded, once the cap is shared out


def count_cycle(
    activities: list[Activity],
    rules: CredentialRules,
    cycle: Cycle,
    other_cycles: Sequence[Cycle] = (),
) -> Tally:
    """Count one credential's activities toward `cycle`; the other cycles only name the reason.

    An activity the rules do not accept (see `refusal_for`) is listed, with the reason, and
    counts toward nothing. Where the rules cap non-approved credit instead (the CMA's 30),
    the cap is shared out as below; a cap of 0 means non-approved credit is not accepted.
    """
    ordered = _date_order(activities)
    ce = rules.ce
    cap = ce.non_approved_maximum.value if ce.non_approved_maximum else float("inf")
    reasons = _Reasons(rules, cap)
    judge = reasons.judge
    refusal = refusal_for(rules, ordered)
    # One result per activity, in date order; a non-approved one's stays None until the cap is shared out.
    results: list[CountedActivity | None] = []
    pool: list[_Candidate] = []  # non-approved activities in the window, oldest first
    # The counted points of every activity in the window, oldest first: area totals are summed
    # in this order. A non-approved activity's dict is filled in after the cap is shared out.
    counted_in_order: list[dict[str, float]] = []
    approved_by_area = dict.fromkeys(AREAS, 0.0)
    approved_total = 0.0
    cpr_cards = 0
    for start, end, outside in _window_runs(ordered, cycle, other_cycles, rules):
        if outside:
            # Most of a long history lands here: one shared sentence, nothing to weigh.
            results += [
                _new_tuple(CountedActivity, (activity, {}, activity.approved, NOT_COUNTED, outside))
                for activity in ordered[start:end]
            ]
            continue
        for activity in ordered[start:end]:
            kind = activity.kind
            note = ""
            refused = refusal(activity) if refusal else ""
            if refused:
                results.append(CountedActivity(activity, {}, activity.approved, NOT_COUNTED, refused))
                continue
            if kind == "cpr" and ce.cpr is not None:
                cpr = ce.cpr
                cpr_cards += 1
                if cpr_cards > cpr.max_cards.value:
                    reason = f"only {cpr.max_cards.value} CPR cards count in a cycle; this is card {cpr_cards}"
                    results.append(CountedActivity(activity, {}, cpr.approved.value, NOT_COUNTED, reason))
                    continue
                points = {cpr.area.value: cpr.points_per_card.value}
                approved = cpr.approved.value
                note = f"CPR card {cpr_cards}"
            else:
                approved = activity.approved
                if kind == "college" and ce.college is not None:
                    approved = ce.college.approved.value
                points = {area: value for area, value in activity.points.items() if value > EPSILON}
            if not approved and cap <= EPSILON:
                results.append(CountedActivity(activity, {}, False, NOT_COUNTED, reasons.not_accepted))
                continue
            if approved:
                # Approved points all count, so judge it now. Adding to 0.0 makes whole-number
                # points floats, as the cap arithmetic does for non-approved ones.
                counted = {area: round(0.0 + value, 2) for area, value in points.items() if value > EPSILON}
                total = sum(counted.values())
                approved_total += total
                for area, value in points.items():
                    approved_by_area[area] = approved_by_area.get(area, 0.0) + value
                results.append(judge(activity, approved, note, sum(points.values()), counted, total))
                counted_in_order.append(counted)
            else:
                candidate = _Candidate(activity, points, approved, len(results), note)
                pool.append(candidate)
                results.append(None)
                counted_in_order.append(candidate.counted)

    offered = sum(candidate.offered for candidate in pool)
    shortfall = {area: max(0.0, ce.minimum_for(area) - approved_by_area[area]) for area in AREAS}
    _take_non_approved(pool, cap, shortfall)
    non_approved_total = 0.0
    for candidate in pool:
        counted = candidate.counted
        counted.update((area, round(value, 2)) for area, value in candidate.taken.items() if value > EPSILON)
        total = sum(counted.values())
        non_approved_total += total
        results[candidate.slot] = judge(
            candidate.activity, candidate.approved, candidate.note, candidate.offered, counted, total
        )

    by_area = dict.fromkeys(AREAS, 0.0)
    for counted in counted_in_order:
        for area, value in counted.items():
            by_area[area] += value
    return Tally(
        counted=round(approved_total + non_approved_total, 2),
        approved=round(approved_total, 2),
        non_approved=round(non_approved_total, 2),
        by_area={area: round(value, 2) for area, value in by_area.items()},
        non_approved_offered=round(offered, 2),
        cpr_cards_counted=min(cpr_cards, rules.ce.cpr.max_cards.value) if rules.ce.cpr else 0,
        # Every None slot (a non-approved activity's) was filled when the cap was shared out above.
        activities=tuple(cast(list[CountedActivity], results)),
    )


def _take_non_approved(pool: list[_Candidate], cap: float, shortfall: dict[str, float]) -> None:
    """Take non-approved points up to the cap, oldest first, into each candidate's `taken`.

    First the points that close an area shortfall, then whatever room is left.
    """
    # An area not short at the start never gets shortfall points.
    short_areas = [area for area in AREAS if shortfall[area] > EPSILON]
    cap_left = _take(pool, short_areas, cap, shortfall) if short_areas else cap
    _take(pool, AREAS, cap_left)


def _take(
    pool: list[_Candidate], areas: Sequence[str], cap_left: float, shortfall: dict[str, float] | None = None
) -> float:
    """One pass over the pool, oldest first: take what is left of each candidate's points in
    `areas`, up to the room under the cap and, given `shortfall`, up to what each area is
    short. Returns the room left under the cap.

    An amount is only taken when it is more than EPSILON, so once the room is that small no
    later candidate can change: the pass stops there rather than walking the whole pool. An
    area a candidate has no points in has nothing to take (`taken` only holds its areas).
    """
    for candidate in pool:
        if cap_left <= EPSILON:
            break
        points, taken = candidate.points, candidate.taken
        for area in areas:
            if area in points:
                amount = min(points[area] - taken.get(area, 0.0), cap_left)
                if shortfall is not None:
                    amount = min(amount, shortfall[area])
                if amount > EPSILON:
                    taken[area] = taken.get(area, 0.0) + amount
                    cap_left -= amount
                    if shortfall is not None:
                        shortfall[area] -= amount
    return cap_left


class _Reasons:
    """Names each candidate's outcome in plain words; the fixed sentences are built once per count."""

    def __init__(self, rules: CredentialRules, cap: float):
        label = rules.approved_label
        self.in_full = "counts in full"
        self.in_full_not_approved = f"counts in full (not {label})"
        self.limit = f"the {points_text(cap)}-point limit on credit that is not {label} is reached"
        self.not_accepted = f"not {label}: {rules.name} counts only {label} credit"

    def judge(
        self, activity: Activity, approved: bool, note: str, offered: float, counted: dict[str, float], total: float
    ) -> CountedActivity:
        """`offered`: the points on offer; `counted`: those that count, and `total` their sum."""
        kind_note = f"{note}: " if note else ""
        if total >= offered - EPSILON:
            outcome = COUNTED
            reason = kind_note + (self.in_full if approved else self.in_full_not_approved)
            if note and activity.kind == "cpr":
                entered = activity.total_points
                if abs(entered - offered) > EPSILON:
                    reason += f" (a card counts {plural_points(offered)} by the rules)"
        elif total > EPSILON:
            outcome = PARTLY
            reason = f"{kind_note}{points_text(total)} of {plural_points(offered)} count: {self.limit}"
        else:
            outcome = NOT_COUNTED
            reason = kind_note + self.limit
        return _new_tuple(CountedActivity, (activity, counted, approved, outcome, reason))


def refusal_for(rules: CredentialRules, ordered: Sequence[Activity]) -> Callable[[Activity], str] | None:
    """A function naming why the rules refuse an activity outright ('' if they do not), or
    None when these rules refuse nothing. `ordered`: all the credential's activities, by date.

    Refused: a renewal card where the body refuses them (by kind, or a title that names
    one); an activity outside the credential's categories, or in a category after its end
    date; a recurring training repeated within the span in which it counts once.
    """
    ce = rules.ce
    checks: list[Callable[[Activity], str]] = []
    if ce.cpr_refused is not None:
        checks.append(
            _renewal_card_check(ce.cpr_refused.value, ce.refused_title_words.value if ce.refused_title_words else ())
        )
    if ce.categories is not None:
        checks.append(_category_check(rules))
    if ce.recurring_once_in is not None:
        repeats = _recurring_repeats(ordered, ce.recurring_once_in.value)
        if repeats:
            checks.append(lambda activity: repeats.get(id(activity), ""))
    if not checks:
        return None

    def refusal(activity: Activity) -> str:
        for check in checks:
            reason = check(activity)
            if reason:
                return reason
        return ""

    return refusal


def _renewal_card_check(sentence: str, words: Sequence[str]) -> Callable[[Activity], str]:
    pattern = (
        re.compile(r"\b(" + "|".join(re.escape(word) for word in words) + r")\b", re.IGNORECASE) if words else None
    )

    def check(activity: Activity) -> str:
        if activity.kind == "cpr":
            return sentence
        if pattern is not None:
            found = pattern.search(activity.title)
            if found:
                return f"the title names {found.group(0)}: {sentence}"
        return ""

    return check


def _category_check(rules: CredentialRules) -> Callable[[Activity], str]:
    ce = rules.ce
    labels = ce.categories.value if ce.categories else {}
    ends = ce.category_ends.value if ce.category_ends else {}
    missing = f"no {rules.name} category chosen: edit it and choose one ({', '.join(labels)})"

    def check(activity: Activity) -> str:
        category = activity.category
        if not category:
            return missing
        if category not in labels:
            return f"{category!r} is not a {rules.name} category; choose one of {', '.join(labels)}"
        end = ends.get(category)
        if end is not None and activity.completed_on > end:
            return f"{labels[category]} counts only for work up to {show_date(end)}"
        return ""

    return check


def _recurring_repeats(ordered: Sequence[Activity], span: Duration) -> dict[int, str]:
    """Recurring trainings that come round again within `span` of the time one counted,
    keyed by the record's id(), with the reason. The same training is the same title
    (letter case and spacing aside)."""
    last_counted: dict[str, date] = {}
    repeats: dict[int, str] = {}
    for activity in ordered:
        if not activity.recurring:
            continue
        key = " ".join(activity.title.lower().split())
        counted_on = last_counted.get(key)
        if counted_on is not None and activity.completed_on < span.after(counted_on):
            repeats[id(activity)] = (
                f"a recurring training counts once in {span}; this one counted on {show_date(counted_on)}"
            )
        else:
            last_counted[key] = activity.completed_on
    return repeats


_COMPLETED_ON = attrgetter("completed_on")
_ID = attrgetter("id")


def _date_order(activities: Sequence[Activity]) -> list[Activity]:
    """Activities by date, then by id (an unsaved one, id None, as 0); full ties keep their order.

    Two stable sorts on one plain key each rather than one on (date, id) tuples, which would
    cost a tuple and a Python call per activity; ids usually arrive in order already.
    """
    try:
        by_id = sorted(activities, key=_ID)
    except TypeError:  # an unsaved activity's id None cannot be compared with a number
        by_id = sorted(activities, key=lambda item: item.id or 0)
    return sorted(by_id, key=_COMPLETED_ON)


def _window_runs(
    ordered: list[Activity], cycle: Cycle, others: Sequence[Cycle], rules: CredentialRules
) -> list[tuple[int, int, str]]:
    """Split date-ordered activities into runs [start, end) sharing one window reason ('' inside).

    Every test in `_window_reasons` compares the day with some cycle's first or last day, so
    the reason can only change where the dates cross one of those days. Bisection finds those
    places; the reason is then named once per run instead of once per activity.
    """
    reason = _window_reasons(cycle, others, rules)
    spans = [(cycle.credit_from, cycle.credit_until), *((other.credit_from, other.credit_until) for other in others)]
    cuts = {0, len(ordered)}
    for first, last in spans:
        cuts.add(bisect_left(ordered, first, key=_COMPLETED_ON))  # the first activity on or after `first`
        cuts.add(bisect_right(ordered, last, key=_COMPLETED_ON))  # the first activity after `last`
    bounds = sorted(cuts)
    return [(start, end, reason(ordered[start].completed_on)) for start, end in pairwise(bounds)]


def _window_reasons(cycle: Cycle, others: Sequence[Cycle], rules: CredentialRules) -> Callable[[date], str]:
    """A function naming why a date falls outside the cycle's window ('' if inside).

    Cycles' windows do not overlap (see `cycles_for`), so a day outside this one is either
    another cycle's or no cycle's. The sentences are built once per cycle: a heavy user has
    thousands of old records. This is the rule itself; `_window_runs` only decides how few
    days it needs to be asked about.
    """
    if cycle.credit_until == cycle.ce_route_closes_on:
        too_late = f"after the CE route closed on {show_date(cycle.ce_route_closes_on)}"
    else:
        too_late = f"after this cycle closed on {show_date(cycle.credit_until)}"
    other_spans = []
    for other in others:
        when = "earlier" if other.starts_on < cycle.starts_on else "later"
        other_spans.append((other.credit_from, other.credit_until, f"belongs to the {when} cycle {other.label}"))
    if any(other.starts_on < cycle.starts_on for other in others) or rules.ce.window.value == "cycle":
        too_early = f"before this cycle began on {show_date(cycle.credit_from)}"
    else:
        too_early = f"earlier than {show_date(cycle.credit_from)}, the first date credit counts for this cycle"

    def reason(day: date) -> str:
        if cycle.credit_from <= day <= cycle.credit_until:
            return ""
        for first, last, text in other_spans:
            if first <= day <= last:
                return text
        return too_late if day > cycle.credit_until else too_early

    return reason
