"""Recertification routes open today (CE, exam), their deadlines and fees."""

from datetime import date
from typing import NamedTuple

from .cycle import Cycle
from .dates import show_date
from .exams import ExamReport
from .rules import CredentialRules, Fee


class Deadline(NamedTuple):
    label: str
    on: date
    passed: bool


class Route(NamedTuple):
    key: str  # "ce" or "exam"
    name: str
    open: bool
    deadlines: tuple[Deadline, ...]
    fees: tuple[Fee, ...]
    note: str
    unconfirmed: bool  # some value behind this route is unconfirmed

    @property
    def fee_text(self) -> str:
        """`$125 (AAMA member), $250 (non-member)`; unconfirmed amounts say so."""
        parts = []
        for fee in self.fees:
            mark = " (unconfirmed)" if fee.amount.unconfirmed else ""
            parts.append(f"{fee.label}: {fee.amount_text}{mark}")
        return "; ".join(parts)


def routes_for(
    rules: CredentialRules, cycle: Cycle, status: str, today: date, exam: ExamReport | None
) -> tuple[Route, ...]:
    """The CE route and, where the body allows it, the exam route."""
    routes = [_ce_route(rules, cycle, today)]
    if rules.exam_route.available.value:
        routes.append(_exam_route(rules, cycle, status, today, exam))
    return tuple(routes)


def _ce_route(rules: CredentialRules, cycle: Cycle, today: date) -> Route:
    deadlines = [Deadline("recertify by", cycle.expires_on, today > cycle.expires_on)]
    if cycle.ce_route_closes_on > cycle.expires_on:
        deadlines.append(Deadline("CE route closes", cycle.ce_route_closes_on, today > cycle.ce_route_closes_on))
    open_now = today <= cycle.ce_route_closes_on
    if not open_now:
        note = f"Closed on {show_date(cycle.ce_route_closes_on)}."
    elif today > cycle.expires_on:
        note = f"Expired: still open in grace until {show_date(cycle.ce_route_closes_on)}; the credential may not be used meanwhile."
    else:
        note = ""
    fees = tuple(fee for fee in rules.fees if fee.when in ("ce-route", "yearly"))
    unconfirmed = rules.ce.total_points.unconfirmed or rules.ce.grace.unconfirmed or any(f.amount.unconfirmed for f in fees)
    return Route("ce", "Continuing education", open_now, tuple(deadlines), fees, note, unconfirmed)


def _exam_route(rules: CredentialRules, cycle: Cycle, status: str, today: date, exam: ExamReport | None) -> Route:
    route = rules.exam_route
    deadlines = []
    if route.apply_before_expiry:
        on = route.apply_before_expiry.value.before(cycle.expires_on)
        deadlines.append(Deadline("apply by", on, today > on))
    if route.pass_before_expiry:
        on = route.pass_before_expiry.value.before(cycle.expires_on, month_end=True)
        deadlines.append(Deadline("pass by", on, today > on))
    fees = [fee for fee in rules.fees if fee.when == "exam-route"]
    if status == "lapsed":
        fees += [fee for fee in rules.fees if fee.when == "lapsed"]
    open_now = True
    if exam is not None and exam.blocked:
        open_now = False
        note = "No exam attempt is allowed now: " + exam.flag
    elif deadlines and all(deadline.passed for deadline in deadlines):
        note = "Too late to recertify on time by exam; passing later restores the credential."
    elif route.available.note:
        note = route.available.note
    else:
        note = ""
    if status == "lapsed" and any(fee.when == "lapsed" for fee in fees):
        note = (note + " " if note else "") + "Lapsed: the reactivation fee applies as well."
    unconfirmed = route.available.unconfirmed or any(f.amount.unconfirmed for f in fees)
    return Route("exam", "Exam", open_now, tuple(deadlines), tuple(fees), note, unconfirmed)
