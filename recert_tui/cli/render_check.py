"""`--check` for cron: the --within option read, and what is due as lines or JSON.

Shared by `recert status --check` and `recert roster --check`. What is due, and how urgent,
is decided in the domain (`domain.urgency`); this module only reads the option and prints.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..domain.urgency import DEFAULT_WITHIN_DAYS, Check, CheckItem
from ..textsafe import visible
from .errors import CliError
from .render_json import iso

MOST_WITHIN_DAYS = 3650  # ten years: more than any cycle, so "everything" is always reachable
_WHOLE_NUMBER = re.compile(r"[0-9]+")  # not int()'s "1_000", "+5" or other scripts' digits


def within_days(text: str | None) -> int:
    """--within DAYS as a whole number of days, 0 to 3650 (default 90); else a usage error."""
    if text is None:
        return DEFAULT_WITHIN_DAYS
    if not _WHOLE_NUMBER.fullmatch(text.strip()) or int(text) > MOST_WITHIN_DAYS:
        raise CliError(
            "--within", f"{text.strip()!r} is not a number of days; use a whole number from 0 to {MOST_WITHIN_DAYS}"
        )
    return int(text)


def item_line(item: CheckItem, prefix: str = "") -> str:
    """`CMA (AAMA): 12 points still needed by 31 Mar 2027 (128 days)`: one line, never wrapped.

    One line per item, so that mail and `grep` read it whole; `prefix` (a roster's person)
    goes first. Rule-file and user text pass through `visible`, so no escape code reaches
    the terminal or the mail.
    """
    return visible(f"{prefix}{item.subject}: {item.sentence}")


def check_text(check: Check) -> str:
    """Every item, most urgent first, one per line; '' when nothing is due (cron mails nothing)."""
    return "\n".join(item_line(item) for item in check.items)


def item_json(item: CheckItem) -> dict[str, Any]:
    return {"level": item.level, "subject": item.subject, "sentence": item.sentence, "on": iso(item.on)}


def check_json(check: Check, today: date, within: int) -> dict[str, Any]:
    """`{"code": 1, "today": ..., "within_days": 90, "items": [...]}`, printed even when nothing is due."""
    return {
        "code": check.code,
        "today": today.isoformat(),
        "within_days": within,
        "items": [item_json(item) for item in check.items],
    }
