from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recert_tui.domain.dates import Duration, end_of_month, parse_date, show_date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2025-03-05", date(2025, 3, 5)),
        ("3/5/2025", date(2025, 3, 5)),  # US: month first
        ("12/31/2024", date(2024, 12, 31)),
        (" 2024-02-29 ", date(2024, 2, 29)),
        ("2/29/2024", date(2024, 2, 29)),
    ],
)
def test_parse_date_accepts_iso_and_us(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2023-02-29", "2/29/2023", "13/1/2025", "2025-13-01", "05.03.2025", "yesterday", ""])
def test_parse_date_rejects_with_the_accepted_forms(text):
    with pytest.raises(ValueError, match="2025-03-05 or 3/5/2025"):
        parse_date(text)


def test_show_date_is_unambiguous():
    assert show_date(date(2027, 3, 31)) == "31 Mar 2027"


def test_duration_parse_and_text():
    assert Duration.parse("3 months") == Duration(months=3)
    assert Duration.parse("30 days") == Duration(days=30)
    assert Duration.parse("1 year") == Duration(months=12)
    assert Duration.parse("none").is_zero
    assert str(Duration(months=24)) == "2 years"
    with pytest.raises(ValueError, match="not a duration"):
        Duration.parse("3 monthz")


def test_month_end_stays_month_end_when_asked():
    three = Duration(months=3)
    assert three.after(date(2015, 2, 28), month_end=True) == date(2015, 5, 31)
    assert three.after(date(2015, 2, 28)) == date(2015, 5, 28)
    assert Duration(months=2).before(date(2027, 3, 31), month_end=True) == date(2027, 1, 31)
    assert Duration(months=2).before(date(2024, 4, 30), month_end=True) == date(2024, 2, 29)
    assert end_of_month(date(2024, 2, 1)) == date(2024, 2, 29)


@settings(max_examples=500, deadline=None)
@given(st.dates().map(date.isoformat) | st.text(alphabet="0123456789-/ ٣x", min_size=8, max_size=12))
def test_the_iso_shortcut_reads_dates_as_the_patterns_do(text):
    # A leading space keeps parse_date off its YYYY-MM-DD shortcut, onto the patterns.
    def outcome(value):
        try:
            return parse_date(value)
        except ValueError as error:
            return str(error)

    assert outcome(text) == outcome(" " + text)
