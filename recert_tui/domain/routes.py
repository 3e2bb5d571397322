"""The route planner: every way a credential can still be kept or won back, as of today.

Each route its rules offer (continuing education, the exam on time, and what is left after a
lapse) comes with its steps in date order and is open or closed; a route whose last possible
step is in the past is closed, with the reason. One sentence, `next_step`, names what to do
first. The steps of one route never contradict each other: an application deadline later
than the pass-by date it serves is moved back to that date.
"""

from datetime import date, timedelta
from typing import NamedTuple

from .counting import EPSILON, plural_points
from .cycle import Cycle
from .dates import end_of_month, show_date
from .exams import ExamReport
from .needs import Needs
from .rules import CredentialRules, Fee


class Step(NamedTuple):
    label: str  # "apply by", "pass by", "CE by", "grace ends", "annual fee due", "exam from", ...
    on: date
    passed: bool  # a deadline that has gone by (a step that only says from when is never passed)


Deadline = Step  # the name used before routes had steps


class Route(NamedTuple):
    key: str  # "ce", "exam", "late-exam", "start-over" or "reinstatement"
    name: str
    open: bool  # it can still be taken: its last possible step is not in the past
    steps: tuple[Step, ...]  # in date order
    fees: tuple[Fee, ...]
    note: str  # why it is closed, or what to know while it is open
    unconfirmed: bool  # some value behind this route is unconfirmed
    starts_on: date | None = None  # the first day it can be taken, when that is after today

    @property
    def deadlines(self) -> tuple[Step, ...]:
        return self.steps

    @property
    def fee_text(self) -> str:
        """`$125 (AAMA member), $250 (non-member)`; unconfirmed amounts say so."""
        parts = []
        for fee in self.fees:
            mark = " (unconfirmed)" if fee.amount.unconfirmed else ""
            parts.append(f"{fee.label}: {fee.amount_text}{mark}")
        return "; ".join(parts)


ROUTE_NAMES = {
    "ce": "Continuing education",
    "exam": "Exam, on time",
    "late-exam": "Exam after the deadline",
    "start-over": "Start over by exam",
    "reinstatement": "Reinstatement",
}


# How a recertification by each route is told afterwards: "recertified ... by exam".
RECERTIFIED_BY = {
    "ce": "continuing education",
    "exam": "exam",
    "late-exam": "exam after the deadline",
    "start-over": "certifying again by exam",
    "reinstatement": "reinstatement",
}


def recertified_by_words(route: str) -> str:
    """`by exam`: how a recertification by `route` reads (a route this version does not know, as stored)."""
    return f"by {RECERTIFIED_BY.get(route, route)}"


def routes_for(
    rules: CredentialRules,
    cycle: Cycle,
    status: str,
    today: date,
    exam: ExamReport | None,
    earned_on: date | None = None,
) -> tuple[Route, ...]:
    """Every route the rules offer for `cycle`, computed for `today`.

    `earned_on` gives the anniversary month in which a yearly fee falls due.
    """
    routes = [_ce_route(rules, cycle, status, today, earned_on)]
    exam_route = None
    if rules.exam_route.available.value:
        exam_route = _exam_route(rules, cycle, today, exam)
        routes.append(exam_route)
    if rules.after_lapse is not None:
        routes.append(_lapse_route(rules, cycle, status, today, exam, exam_route))
    return tuple(routes)


def route_state(route: Route) -> str:
    """`open`, `closed`, or `not yet` for a route that opens later (its first step says when)."""
    if not route.open:
        return "closed"
    return "not yet" if route.starts_on is not None else "open"


def _step(label: str, on: date, today: date) -> Step:
    """A deadline: passed once `today` is after it."""
    return Step(label, on, today > on)


def _from(label: str, on: date) -> Step:
    """A step that says from when something holds: it has no deadline to miss."""
    return Step(label, on, False)


def _ce_route(rules: CredentialRules, cycle: Cycle, status: str, today: date, earned_on: date | None) -> Route:
    steps = [_step("CE by", cycle.expires_on, today)]
    has_grace = cycle.ce_route_closes_on > cycle.expires_on
    if has_grace:
        steps.append(_step("grace ends", cycle.ce_route_closes_on, today))
    yearly = [fee for fee in rules.fees if fee.when == "yearly"]
    if yearly and earned_on is not None and status != "lapsed":
        steps.append(_step("annual fee due", next_anniversary_month_end(earned_on, today), today))
    open_now = today <= cycle.ce_route_closes_on
    if not open_now:
        grace = " (the end of the grace)" if has_grace else ""
        note = f"Closed on {show_date(cycle.ce_route_closes_on)}{grace}."
    elif today > cycle.expires_on:
        note = f"Expired: still open in grace until {show_date(cycle.ce_route_closes_on)}; the credential may not be used meanwhile."
    else:
        note = ""
    fees = tuple(fee for fee in rules.fees if fee.when in ("ce-route", "yearly"))
    unconfirmed = (
        rules.ce.total_points.unconfirmed or rules.ce.grace.unconfirmed or any(f.amount.unconfirmed for f in fees)
    )
    return Route("ce", ROUTE_NAMES["ce"], open_now, _in_date_order(steps), fees, note, unconfirmed)


def next_anniversary_month_end(earned_on: date, today: date) -> date:
    """The last day of the next anniversary month of `earned_on` that is today or later."""
    this_year = end_of_month(date(today.year, earned_on.month, 1))
    return this_year if this_year >= today else end_of_month(date(today.year + 1, earned_on.month, 1))


def exam_deadlines(rules: CredentialRules, cycle: Cycle) -> tuple[date | None, date]:
    """(apply by, pass by) for recertifying on time by exam; apply by is never after pass by."""
    route = rules.exam_route
    pass_by = cycle.expires_on
    if route.pass_before_expiry:
        pass_by = route.pass_before_expiry.value.before(cycle.expires_on, month_end=True)
    apply_by = None
    if route.apply_before_expiry:
        apply_by = min(route.apply_before_expiry.value.before(cycle.expires_on), pass_by)
    return apply_by, pass_by


def _exam_route(rules: CredentialRules, cycle: Cycle, today: date, exam: ExamReport | None) -> Route:
    apply_by, pass_by = exam_deadlines(rules, cycle)
    steps = [_step("pass by", pass_by, today)]
    if apply_by is not None:
        steps.insert(0, _step("apply by", apply_by, today))
    fees = tuple(fee for fee in rules.fees if fee.when == "exam-route")
    if exam is not None and exam.blocked:
        open_now, note = False, "No exam attempt is allowed now: " + exam.flag
    elif today > pass_by:
        open_now, note = False, f"To recertify on time, the exam had to be passed by {show_date(pass_by)}."
    elif apply_by is not None and today > apply_by:
        open_now, note = True, f"Open only if your application is in: the exam must be passed by {show_date(pass_by)}."
    else:
        open_now, note = True, rules.exam_route.available.note
    unconfirmed = rules.exam_route.available.unconfirmed or any(f.amount.unconfirmed for f in fees)
    return Route("exam", ROUTE_NAMES["exam"], open_now, _in_date_order(steps), fees, note, unconfirmed)


def _lapse_route(
    rules: CredentialRules, cycle: Cycle, status: str, today: date, exam: ExamReport | None, exam_route: Route | None
) -> Route:
    lapse = rules.after_lapse
    assert lapse is not None
    kind = lapse.route.value
    if lapse.opens.value == "exam-deadline" and exam_route is not None:
        _, pass_by = exam_deadlines(rules, cycle)
        opens_on = pass_by + timedelta(days=1)
    else:
        opens_on = cycle.ce_route_closes_on + timedelta(days=1)
    label = "reinstatement from" if kind == "reinstatement" else "exam from"
    steps = [_from(label, opens_on)]
    if kind == "late-exam" and opens_on <= cycle.expires_on:
        steps.append(_from("credential expires", cycle.expires_on))
    lapsed_fees = tuple(fee for fee in rules.fees if fee.when == "lapsed")
    if lapsed_fees:
        steps.append(_from("reactivation fee from", cycle.ce_route_closes_on + timedelta(days=1)))
    fees = lapsed_fees
    if kind in ("late-exam", "start-over"):
        fees = tuple(fee for fee in rules.fees if fee.when == "exam-route") + lapsed_fees
    note = lapse.route.note
    open_now = True
    if kind != "reinstatement" and exam is not None and exam.blocked:
        open_now, note = False, "No exam attempt is allowed now: " + exam.flag
    unconfirmed = lapse.route.unconfirmed or lapse.opens.unconfirmed or any(f.amount.unconfirmed for f in fees)
    starts_on = opens_on if opens_on > today else None
    return Route(kind, ROUTE_NAMES[kind], open_now, _in_date_order(steps), fees, note, unconfirmed, starts_on)


def exam_route_met(rules: CredentialRules, cycle: Cycle, exam: ExamReport | None, ce_done_by: date | None) -> str:
    """Why the exam route's deadlines in this cycle are met or no longer needed; "" while they stand.

    Met once the exam was passed after the cycle began and by its pass-by date
    (`exam_deadlines`); not needed once every CE point is in (`ce_done_by`: the CE
    deadline, given only then).
    """
    _, pass_by = exam_deadlines(rules, cycle)
    passed_on = exam.last_passed_on if exam is not None else None
    if passed_on is not None and cycle.starts_on < passed_on <= pass_by:
        return f"Done: the exam was passed on {show_date(passed_on)}."
    if ce_done_by is not None:
        return f"Not needed: every CE point is in, so you can recertify by CE by {show_date(ce_done_by)}."
    return ""


def _in_date_order(steps: list[Step]) -> tuple[Step, ...]:
    """By date; steps on one day keep the order they were listed in (apply before pass)."""
    return tuple(sorted(steps, key=lambda step: step.on))


# --- the one next step ------------------------------------------------------------------------


def next_step(rules: CredentialRules, routes: tuple[Route, ...], needs: Needs, cycle: Cycle, today: date) -> str:
    """The most urgent thing to do, in one sentence; alternatives joined by ", or", soonest first.

    Only routes that can be taken today are offered: a lapse route waiting for its day is
    not yet a step. A yearly fee that falls due before every alternative comes first.
    """
    choices: list[tuple[date | None, str]] = []
    fee_step: Step | None = None
    on_time_open = any(route.key in ("ce", "exam") and route.open for route in routes)
    for route in routes:
        if not route.open or route.starts_on is not None:
            continue
        if route.key == "ce":
            choices.append(_ce_choice(needs, cycle, today))
            fee_step = next((s for s in route.steps if s.label == "annual fee due"), None)
            if needs.minimum_additional <= EPSILON:
                break  # every point is in: sending the CE recertification is the one step
        elif route.key == "exam":
            apply_by = next((s for s in route.steps if s.label == "apply by" and not s.passed), None)
            pass_by = next(s for s in route.steps if s.label == "pass by")
            if apply_by is not None:
                choices.append((apply_by.on, f"apply for the exam by {show_date(apply_by.on)}"))
            else:
                choices.append((pass_by.on, f"pass the exam by {show_date(pass_by.on)}"))
        elif not on_time_open:
            choices.append((None, _lapse_choice(rules, route, cycle, today)))
    if not choices:
        reasons = " ".join(route.note for route in routes if route.note)
        return f"No route is open. {reasons} Contact the {rules.body}.".replace("  ", " ")
    choices.sort(key=lambda choice: (choice[0] is None, choice[0] or today))
    sentence = ", or ".join(text for _, text in choices)
    sentence = sentence[0].upper() + sentence[1:] + "."
    first_date = choices[0][0]
    if fee_step is not None and (first_date is None or fee_step.on < first_date):
        fee = next((f for f in rules.fees if f.when == "yearly"), None)
        amount = f" ({fee.amount_text})" if fee is not None and fee.amount.value is not None else ""
        sentence = f"Pay the annual fee{amount} by {show_date(fee_step.on)}. {sentence}"
    return sentence


def _ce_choice(needs: Needs, cycle: Cycle, today: date) -> tuple[date, str]:
    in_grace = today > cycle.expires_on
    by = cycle.ce_route_closes_on if in_grace else cycle.expires_on
    if needs.minimum_additional <= EPSILON:
        return by, f"send your CE recertification by {show_date(by)}: every point is in"
    text = f"earn {plural_points(needs.minimum_additional).replace('point', 'more point', 1)} by {show_date(by)}"
    if in_grace:
        text += " (grace; the credential may not be used meanwhile)"
    elif cycle.ce_route_closes_on > cycle.expires_on:
        text += f" (grace to {show_date(cycle.ce_route_closes_on)})"
    return by, text


def _lapse_choice(rules: CredentialRules, route: Route, cycle: Cycle, today: date) -> str:
    if route.key == "reinstatement":
        return f"ask the {rules.body} about reinstatement"
    text = "pass the exam to restore the credential" if route.key == "late-exam" else "retake the exam to certify again"
    if any(fee.when == "lapsed" for fee in route.fees) and today > cycle.ce_route_closes_on:
        text += " and pay the reactivation fee"
    return text
