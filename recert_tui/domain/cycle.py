"""Recertification cycles: when one starts, expires, and when the CE route closes."""

from datetime import date, timedelta
from typing import NamedTuple

from .dates import add_months, end_of_month, show_date
from .models import HeldCredential
from .rules import CredentialRules

STATUSES = ("current", "due-soon", "grace", "lapsed")
STATUS_WORDS = {
    "current": "current",
    "due-soon": "due soon",
    "grace": "in grace",
    "lapsed": "lapsed",
    "recertified": "recertified",
}  # the last: a past cycle, closed by a recertification
DEFAULT_DUE_SOON_DAYS = 180


class Cycle(NamedTuple):
    """One recertification period and the span in which CE credit counts for it."""

    starts_on: date
    expires_on: date
    ce_route_closes_on: date
    credit_from: date  # earliest date an activity may carry to count for this cycle
    credit_until: date  # last such date: the CE route's close, or the day before the next cycle

    @property
    def label(self) -> str:
        return f"{show_date(self.starts_on)} to {show_date(self.expires_on)}"

    def holds(self, day: date) -> bool:
        return self.credit_from <= day <= self.credit_until


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
    return Cycle(anchor, expires_on, closes_on, credit_from, closes_on)


def cycles_for(credential: HeldCredential, rules: CredentialRules) -> list[Cycle]:
    """Every cycle of a credential, oldest first; the last one is current.

    Each activity counts for exactly one cycle. A recertification closes the cycle before
    it (credit after that day is the new cycle's), and where two windows would overlap
    (NCCT's credit reaches back into the calendar year before) the earlier cycle keeps the
    days it already held: credit earned before a recertification was there to be used for it.
    """
    cycles = [cycle_from(anchor, rules) for anchor in credential.cycle_anchors]
    for index in range(len(cycles) - 1):
        current, following = cycles[index], cycles[index + 1]
        until = min(current.credit_until, following.starts_on - timedelta(days=1))
        cycles[index] = current._replace(credit_until=until)
        cycles[index + 1] = following._replace(credit_from=max(following.credit_from, until + timedelta(days=1)))
    return cycles


def cycle_status(cycle: Cycle, today: date, due_soon_days: int = DEFAULT_DUE_SOON_DAYS) -> str:
    if today > cycle.ce_route_closes_on:
        return "lapsed"
    if today > cycle.expires_on:
        return "grace"
    if (cycle.expires_on - today).days <= due_soon_days:
        return "due-soon"
    return "current"
