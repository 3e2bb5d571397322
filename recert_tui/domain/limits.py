"""The span of dates recert-tui accepts anywhere (kept tiny: the CLI reads it on every run)."""

from datetime import date

EARLIEST_DATE = date(1950, 1, 1)
LATEST_DATE = date(2199, 12, 31)  # far enough for any cycle; keeps date arithmetic in range

# What a rule file may ask for: a cycle or a wait beyond these is a typing mistake, and
# LATEST_DATE plus the longest cycle and the longest wait stays inside date arithmetic.
MAX_CYCLE_MONTHS = 1200
MAX_DURATION_YEARS = 100

# The forms' bounds (domain/validate.py takes them from here), which the store's fast path
# also reads records against (store/schema.py): a record inside them is one the forms
# accept; a record outside them is judged by the forms' validators themselves. One place
# for both, so the two can never disagree.
FAST_MAX_POINTS = 120.0
FAST_MAX_CREDITS = 8.0
FAST_MAX_SCORE = 1000.0
FAST_MAX_PERCENT = 100.0
FAST_MAX_MINUTES = 1440
FAST_MAX_TITLE = 500
FAST_MAX_SHORT_TEXT = 60  # a credential's number
FAST_MAX_FIELD_TEXT = 300  # provider, certificate
FAST_MAX_NOTES = 20_000
FAST_ROUTES: tuple[str, ...] = ("ce", "exam", "late-exam", "start-over", "reinstatement")  # recertification routes
