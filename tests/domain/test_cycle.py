"""Cycle rules: expiry anchoring, the CE-route grace, the credit window, status boundaries."""

from datetime import date

import pytest

from recert_tui.domain.cycle import cycle_from, cycle_status, cycles_for
from recert_tui.domain.models import HeldCredential


def test_worked_example_cma_expiry_and_ce_route(cma):
    cycle = cycle_from(date(2022, 3, 15), cma)
    assert cycle.expires_on == date(2027, 3, 31)
    assert cycle.ce_route_closes_on == date(2027, 6, 30)
    assert cycle.starts_on == date(2022, 3, 15)


def test_worked_example_leap_year(cma):
    assert cycle_from(date(2019, 2, 10), cma).expires_on == date(2024, 2, 29)


@pytest.mark.parametrize("day", [1, 14, 28])
def test_certified_any_day_in_feb_2010_recertifies_by_28_feb_2015(cma, day):
    cycle = cycle_from(date(2010, 2, day), cma)
    assert cycle.expires_on == date(2015, 2, 28)
    assert cycle.ce_route_closes_on == date(2015, 5, 31)  # end of the third calendar month


@pytest.mark.parametrize(
    "earned, expires, closes",
    [
        (date(2021, 1, 31), date(2026, 1, 31), date(2026, 4, 30)),
        (date(2021, 12, 1), date(2026, 12, 31), date(2027, 3, 31)),
        (date(2020, 11, 30), date(2025, 11, 30), date(2026, 2, 28)),
        (date(2023, 11, 2), date(2028, 11, 30), date(2029, 2, 28)),
        (date(2019, 2, 10), date(2024, 2, 29), date(2024, 5, 31)),
    ],
)
def test_cma_month_ends(cma, earned, expires, closes):
    cycle = cycle_from(earned, cma)
    assert (cycle.expires_on, cycle.ce_route_closes_on) == (expires, closes)


def test_cmac_runs_two_years_from_the_test_date_with_30_days_grace(catalog):
    cmac = catalog.get("cmac-amca")
    cycle = cycle_from(date(2024, 5, 10), cmac)
    assert cycle.expires_on == date(2026, 5, 10)
    assert cycle.ce_route_closes_on == date(2026, 6, 9)
    assert cycle_from(date(2024, 2, 29), cmac).expires_on == date(2026, 2, 28)


def test_rma_has_no_grace(catalog):
    cycle = cycle_from(date(2023, 6, 1), catalog.get("rma-amt"))
    assert cycle.expires_on == date(2026, 6, 1)
    assert cycle.ce_route_closes_on == cycle.expires_on
    assert cycle_status(cycle, date(2026, 6, 2)) == "lapsed"


def test_ncma_credit_counts_from_the_calendar_year_before_the_recertification_year(catalog):
    cycle = cycle_from(date(2025, 9, 1), catalog.get("ncma-ncct"))
    assert cycle.expires_on == date(2026, 9, 1)
    assert cycle.credit_from == date(2025, 1, 1)


def test_ccma_two_year_cycle(catalog):
    assert cycle_from(date(2025, 1, 15), catalog.get("ccma-nha")).expires_on == date(2027, 1, 15)


def test_status_boundaries(cma):
    cycle = cycle_from(date(2022, 3, 15), cma)  # expires 31 Mar 2027, CE route to 30 Jun 2027
    assert cycle_status(cycle, date(2026, 10, 1)) == "current"  # 181 days left
    assert cycle_status(cycle, date(2026, 10, 2)) == "due-soon"  # 180 days left
    assert cycle_status(cycle, date(2027, 3, 31)) == "due-soon"  # the expiry day itself still counts
    assert cycle_status(cycle, date(2027, 4, 1)) == "grace"
    assert cycle_status(cycle, date(2027, 6, 30)) == "grace"
    assert cycle_status(cycle, date(2027, 7, 1)) == "lapsed"


def test_due_soon_window_is_configurable(cma):
    cycle = cycle_from(date(2022, 3, 15), cma)
    assert cycle_status(cycle, date(2026, 12, 1), due_soon_days=90) == "current"
    assert cycle_status(cycle, date(2027, 1, 1), due_soon_days=90) == "due-soon"


def test_recertification_starts_a_new_cycle_and_keeps_the_old_one(cma):
    held = HeldCredential("cma-aama", date(2022, 3, 15), recertified_on=(date(2027, 2, 10),))
    old, new = cycles_for(held, cma)
    assert old.expires_on == date(2027, 3, 31)
    assert new.starts_on == date(2027, 2, 10)
    assert new.expires_on == date(2032, 2, 29)
