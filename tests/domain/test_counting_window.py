"""The counting window on its boundary days, and the order activities come back in.

`count_cycle` splits date-ordered activities into runs by bisection and names each run's
reason once; these tests hold it to the per-day rule (`_window_reasons`) on every boundary
day, the days either side of it, the days between cycles, and the date-then-id order.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recert_tui.domain.counting import NOT_COUNTED, _window_reasons
from recert_tui.domain.engine import compute
from recert_tui.domain.models import Activity, HeldCredential, Profile

TODAY = date(2026, 11, 23)
ONE_DAY = timedelta(days=1)

# CMA cycles with a gap (2013 to 2014, 2024 to 2025) and an overlap (B's grace runs into C).
CMA_HISTORY = HeldCredential(
    "cma-aama", date(2008, 1, 10), recertified_on=(date(2014, 6, 1), date(2019, 8, 15), date(2025, 2, 1))
)
# NCMA: yearly cycles, a 48-month grace and credit from 1 January of the year before expiry,
# so earlier cycles overlap each other and the current window reaches back before its start.
NCMA_HISTORY = HeldCredential(
    "ncma-ncct", date(2021, 3, 1), recertified_on=(date(2022, 3, 1), date(2023, 3, 1), date(2024, 3, 1))
)


def credential_report(catalog, held, items):
    profile = Profile(credentials=(held,), activities=tuple(items))
    return compute(profile, catalog.credentials, TODAY).credential(held.code)


def boundary_days(report) -> list[date]:
    """Every day a window test turns on, with the day before and after it."""
    edges = {report.cycle.credit_from, report.cycle.ce_route_closes_on}
    for old in report.earlier_cycles:
        edges |= {old.starts_on, old.expires_on, old.ce_route_closes_on}
    return sorted({day + shift * ONE_DAY for day in edges for shift in (-1, 0, 1)})


def one_point_on(code: str, days: list[date]) -> list[Activity]:
    return [Activity(code, f"on {day}", day, {"clinical": 1.0}, True, id=number) for number, day in enumerate(days, 1)]


def assert_reasons_follow_the_daily_rule(report):
    """Outside the window: the per-day reason, word for word; inside: judged by the caps."""
    rule = _window_reasons(report.cycle, list(report.earlier_cycles), report.rules)
    for counted in report.activities:
        expected = rule(counted.activity.completed_on)
        if expected:
            assert (counted.outcome, counted.reason, counted.counted) == (NOT_COUNTED, expected, {})
            assert counted.approved == counted.activity.approved
        else:
            assert report.cycle.holds(counted.activity.completed_on)
            assert counted.counted_points == 1


@pytest.mark.parametrize("history", [CMA_HISTORY, NCMA_HISTORY], ids=["long CMA history", "overlapping NCMA cycles"])
def test_every_boundary_day_gets_the_daily_rule(catalog, history):
    probe = credential_report(catalog, history, [])
    days = boundary_days(probe)
    report = credential_report(catalog, history, one_point_on(history.code, days))
    assert len(report.activities) == len(days)
    assert_reasons_follow_the_daily_rule(report)


def test_the_window_edges_in_plain_words(catalog):
    probe = credential_report(catalog, CMA_HISTORY, [])
    cycle = probe.cycle
    assert (cycle.credit_from, cycle.ce_route_closes_on) == (date(2025, 2, 1), date(2030, 5, 31))
    days = [
        date(2025, 1, 31),
        date(2025, 2, 1),
        date(2030, 5, 31),
        date(2030, 6, 1),
        date(2014, 5, 31),
        date(2014, 6, 1),
        date(2013, 4, 30),
        date(2013, 5, 1),
        date(2019, 9, 30),
        date(2019, 10, 1),
        date(2008, 1, 9),
        date(2008, 1, 10),
    ]
    report = credential_report(catalog, CMA_HISTORY, one_point_on("cma-aama", days))
    reason = {counted.activity.completed_on: counted.reason for counted in report.activities}
    assert reason[date(2025, 1, 31)] == "before this cycle began on 1 Feb 2025"  # in the gap after cycle C
    assert reason[date(2025, 2, 1)] == reason[date(2030, 5, 31)] == "counts in full"
    assert reason[date(2030, 6, 1)] == "after the CE route closed on 31 May 2030"
    assert reason[date(2014, 5, 31)] == "before this cycle began on 1 Feb 2025"  # between cycles A and B
    assert reason[date(2014, 6, 1)] == "belongs to the earlier cycle 1 Jun 2014 to 30 Jun 2019"
    assert reason[date(2013, 4, 30)] == "belongs to the earlier cycle 10 Jan 2008 to 31 Jan 2013"  # A's last grace day
    assert reason[date(2013, 5, 1)] == "before this cycle began on 1 Feb 2025"
    assert reason[date(2019, 9, 30)] == "belongs to the earlier cycle 15 Aug 2019 to 31 Aug 2024"  # newest cycle wins
    assert reason[date(2019, 10, 1)] == "belongs to the earlier cycle 15 Aug 2019 to 31 Aug 2024"
    assert reason[date(2008, 1, 9)] == "before this cycle began on 1 Feb 2025"
    assert reason[date(2008, 1, 10)] == "belongs to the earlier cycle 10 Jan 2008 to 31 Jan 2013"


def test_activities_come_back_by_date_then_id_with_unsaved_ones_as_id_zero(catalog):
    day = date(2025, 3, 1)
    items = [
        Activity("cma-aama", "third", day, {"general": 1.0}, id=7),
        Activity("cma-aama", "unsaved", day, {"general": 1.0}),
        Activity("cma-aama", "earlier day", day - ONE_DAY, {"general": 1.0}, id=9),
        Activity("cma-aama", "second", day, {"general": 1.0}, id=3),
        Activity("cma-aama", "old", date(2010, 1, 1), {"general": 1.0}, id=1),
        Activity("cma-aama", "also unsaved", day, {"general": 1.0}),
    ]
    report = credential_report(catalog, CMA_HISTORY, items)
    titles = [counted.activity.title for counted in report.activities]
    assert titles == ["old", "earlier day", "unsaved", "also unsaved", "second", "third"]


@st.composite
def cma_histories(draw):
    """Activities spread over a CMA history, many of them on or next to a boundary day."""
    anchors = sorted(draw(st.lists(st.dates(date(1990, 1, 1), date(2026, 6, 1)), min_size=1, max_size=5, unique=True)))
    held = HeldCredential("cma-aama", anchors[0], recertified_on=tuple(anchors[1:]))
    edges = [anchor + timedelta(days=shift) for anchor in anchors for shift in (-1, 0, 1, 1905, 1906, 1997, 1998)]
    day = st.one_of(st.sampled_from(edges), st.dates(date(1989, 1, 1), date(2032, 1, 1)))
    items = []
    for number in range(draw(st.integers(min_value=0, max_value=25))):
        saved = draw(st.booleans()) or number % 5
        items.append(
            Activity(
                "cma-aama",
                f"a{number}",
                draw(day),
                {"general": 1.0},
                draw(st.booleans()),
                id=draw(st.integers(min_value=0, max_value=9)) if saved else None,
            )
        )
    return held, items


@settings(max_examples=200, deadline=None)
@given(cma_histories())
def test_any_history_gets_the_daily_rule_in_date_then_id_order(catalog, history):
    held, items = history
    report = credential_report(catalog, held, items)
    ordered = sorted(items, key=lambda item: (item.completed_on, item.id or 0))
    assert [id(counted.activity) for counted in report.activities] == [
        id(item) for item in ordered
    ]  # ties keep input order
    rule = _window_reasons(report.cycle, list(report.earlier_cycles), report.rules)
    for counted in report.activities:
        expected = rule(counted.activity.completed_on)
        if expected:
            assert (counted.outcome, counted.reason, counted.counted) == (NOT_COUNTED, expected, {})
        else:
            assert counted.reason and report.cycle.holds(counted.activity.completed_on)
