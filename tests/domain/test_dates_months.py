"""Month arithmetic without dateutil in the engine, held to dateutil's relativedelta."""

from datetime import date

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from recert_tui.domain.dates import Duration, add_months, end_of_month

days = st.dates(date(1900, 1, 1), date(2200, 12, 31))
month_shifts = st.integers(min_value=-240, max_value=240)


def test_a_day_the_month_lacks_becomes_its_last_day():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2024, 12, 15), 1) == date(2025, 1, 15)
    assert add_months(date(2025, 1, 15), -1) == date(2024, 12, 15)
    assert add_months(date(2022, 3, 10), 60) == date(2027, 3, 10)


@settings(max_examples=500, deadline=None)
@given(days, month_shifts)
def test_add_months_matches_relativedelta(day, months):
    assert add_months(day, months) == day + relativedelta(months=months)


@settings(max_examples=500, deadline=None)
@given(days)
def test_end_of_month_matches_relativedelta(day):
    assert end_of_month(day) == day + relativedelta(day=31)


@settings(max_examples=500, deadline=None)
@given(days, st.integers(min_value=0, max_value=120), st.integers(min_value=0, max_value=400), st.booleans())
def test_durations_match_relativedelta(day, months, extra_days, month_end):
    span = Duration(months=months, days=extra_days)
    after = day + relativedelta(months=months, days=extra_days)
    before = day - relativedelta(months=months, days=extra_days)
    if month_end and months and day == end_of_month(day):
        after = (day + relativedelta(months=months, day=31)) + relativedelta(days=extra_days)
        before = (day - relativedelta(months=months)) + relativedelta(day=31) - relativedelta(days=extra_days)
    assert span.after(day, month_end=month_end) == after
    assert span.before(day, month_end=month_end) == before


def test_days_in_month_matches_the_calendar_module():
    import calendar

    from recert_tui.domain.dates import days_in_month

    for year in (1900, 1999, 2000, 2023, 2024, 2100, 2400):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1], (year, month)
