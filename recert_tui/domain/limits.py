"""The span of dates recert-tui accepts anywhere (kept tiny: the CLI reads it on every run)."""

from datetime import date

EARLIEST_DATE = date(1950, 1, 1)
LATEST_DATE = date(2199, 12, 31)  # far enough for any cycle; keeps date arithmetic in range
