"""Recertification cycles: when one starts, expires, and when the CE route closes."""

from datetime import date
from typing import NamedTuple

from .dates import add_months, end_of_month, show_date
from .models import HeldCredential
from .rules import CredentialRules

STATUSES = ("current", "due-soon", "grace", "lapsed")
STATUS_WORDS = {"current": "current", "due-soon": "due soon", "grace": "in grace", "lapsed": "lapsed"}
DEFAULT_DUE_SOON_DAYS = 180


class Cycle(NamedTuple):
    """One recertification period and the span in which CE credit counts for it."""

    starts_on: date
    expires_on: date
    ce_route_closes_on: date
    credit_from: date  # earliest date an activity may carry to count for this cycle

    @property
    def label(self) -> str:
        return f"{show_date(self.starts_on)} to {show_date(self.expires_on)}"

    def holds(self, day: date) -> bool:
        return self.credit_from <= day <= self.ce_route_closes_on


def cycle_from(anchor: date, rules: CredentialRules) -> Cycle:
    """The cycle that starts on `anchor` (a certification or recertification date)."""
    months = rules.cycle_months.value
    month_anchored = rules.cycle_anchor.value == "end-of-month"
    if month_anchored:
        # 60 months from the end of the month certified: the last day of the same month 5 years on.
        expires_on = end_of_month(add_months(anchor.replace(day=1), months))
    else:
        expires_on = add_months(anchor, months)
    closes_on = rules.ce.grace.value.after(expires_on, month_end=month_anchored)
    credit_from = anchor
    if rules.ce.window.value == "calendar-year-before":
        credit_from = date(expires_on.year - 1, 1, 1)
    return Cycle(anchor, expires_on, closes_on, credit_from)


def cycles_for(credential: HeldCredential, rules: CredentialRules) -> list[Cycle]:
    """Every cycle of a credential, oldest first; the last one is current."""
    return [cycle_from(anchor, rules) for anchor in credential.cycle_anchors]


def cycle_status(cycle: Cycle, today: date, due_soon_days: int = DEFAULT_DUE_SOON_DAYS) -> str:
    if today > cycle.ce_route_closes_on:
        return "lapsed"
    if today > cycle.expires_on:
        return "grace"
    if (cycle.expires_on - today).days <= due_soon_days:
        return "due-soon"
    return "current"
