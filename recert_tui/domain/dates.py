"""Date parsing, month arithmetic and the one display format every face uses."""

import re
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

from .limits import MAX_DURATION_YEARS

ACCEPTED_DATE_FORMS = "2025-03-05 or 3/5/2025"
# Fixed English names: calendar.month_abbr follows the process locale and is slow (strftime).
MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_ISO = r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$"
_US = r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$"


_compiled = cache(re.compile)  # on first use: `--today 2026-11-23` never needs it (see parse_date)


def parse_date(text: str) -> date:
    """Parse ISO `2025-03-05` or US `3/5/2025` (month first). Raises ValueError with the accepted forms."""
    if len(text) == 10 and text.isascii() and text[4] == text[7] == "-" and (text[:4] + text[5:7] + text[8:]).isdigit():
        # Exactly YYYY-MM-DD, which the patterns below read the same way: skip compiling them.
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass  # not a real date: the slow path says so in the usual words
    match = _compiled(_ISO).match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = _compiled(_US).match(text)
        if not match:
            raise ValueError(f"{text.strip()!r} is not a date; use {ACCEPTED_DATE_FORMS}")
        month, day, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a real calendar date; use {ACCEPTED_DATE_FORMS}") from None


def show_date(day: date) -> str:
    """`31 Mar 2027`: unambiguous for US and European readers alike."""
    return f"{day.day} {MONTH_ABBR[day.month]} {day.year}"


def days_in_month(year: int, month: int) -> int:
    """28 to 31. Worked out here: importing calendar for this cost more than all its uses."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def end_of_month(day: date) -> date:
    return day.replace(day=days_in_month(day.year, day.month))


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months (negative: back); a day the month lacks becomes its last day.

    31 Jan + 1 month = 28 Feb (29 in a leap year): dateutil's relativedelta arithmetic, done
    here without building a relativedelta, since every recompute works out every cycle.
    """
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month_index + 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def is_month_end(day: date) -> bool:
    return day == end_of_month(day)


class Duration(NamedTuple):
    """A span written in a rule file: `3 months`, `30 days`, `1 year`, `none`."""

    months: int = 0
    days: int = 0

    @classmethod
    def parse(cls, text: str) -> "Duration":
        cleaned = text.strip().lower()
        if cleaned in ("none", "0", ""):
            return cls()
        match = re.fullmatch(r"(\d+)\s*(day|days|month|months|year|years)", cleaned)
        if not match:
            raise ValueError(f"{text!r} is not a duration like '3 months', '30 days' or '1 year'")
        digits, unit = match.group(1), match.group(2)
        amount = int(digits) if len(digits) <= 7 else 10**7  # past any bound; int() of 5,000 digits would fail
        days = amount if unit.startswith("day") else 0
        months = amount if unit.startswith("month") else 12 * amount if unit.startswith("year") else 0
        # Longer than a lifetime is a typing mistake, and would take dates past year 9999.
        if months > 12 * MAX_DURATION_YEARS or days > MAX_DURATION_YEARS * 36525 // 100:
            raise ValueError(f"{text!r} is longer than {MAX_DURATION_YEARS} years")
        return cls(months=months, days=days)

    @property
    def is_zero(self) -> bool:
        return self.months == 0 and self.days == 0

    def after(self, day: date, *, month_end: bool = False) -> date:
        """The date this long after `day`.

        With `month_end`, a month-end date stays a month end (28 Feb + 3 months = 31 May),
        which is how the AAMA counts its calendar-month grace.
        """
        moved = add_months(day, self.months) + timedelta(days=self.days)
        if month_end and self.months and is_month_end(day):
            moved = end_of_month(add_months(day, self.months)) + timedelta(days=self.days)
        return moved

    def before(self, day: date, *, month_end: bool = False) -> date:
        """The date this long before `day` (month ends stay month ends with `month_end`)."""
        moved = add_months(day, -self.months) - timedelta(days=self.days)
        if month_end and self.months and is_month_end(day):
            moved = end_of_month(add_months(day, -self.months)) - timedelta(days=self.days)
        return moved

    def __str__(self) -> str:
        parts = []
        if self.months:
            if self.months % 12 == 0:
                years = self.months // 12
                parts.append(f"{years} year{'s' if years != 1 else ''}")
            else:
                parts.append(f"{self.months} month{'s' if self.months != 1 else ''}")
        if self.days:
            parts.append(f"{self.days} day{'s' if self.days != 1 else ''}")
        return " ".join(parts) or "none"
