"""Property tests for counting: the cap, monotonicity, and optimal use of capped points."""

from datetime import date
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from recert_tui.domain.counting import EPSILON
from recert_tui.domain.engine import compute
from recert_tui.domain.models import AREAS, Activity, HeldCredential, Profile

TODAY = date(2026, 11, 23)
HELD = HeldCredential("cma-aama", date(2022, 3, 15))

points = st.integers(min_value=0, max_value=20).map(float)


@st.composite
def activities(draw, max_size=8):
    count = draw(st.integers(min_value=0, max_value=max_size))
    made = []
    for index in range(count):
        split = {area: draw(points) for area in draw(st.sets(st.sampled_from(AREAS), min_size=1))}
        if sum(split.values()) == 0:
            split = {AREAS[index % 3]: 1.0}
        day = date(2022, 4, 1).toordinal() + draw(st.integers(min_value=0, max_value=1500))
        kind = draw(st.sampled_from(["ceu", "ceu", "other", "cpr"]))
        approved = draw(st.booleans()) if kind != "cpr" else False
        made.append(Activity("cma-aama", f"a{index}", date.fromordinal(day), split, approved, kind, id=index + 1))
    return made


def tally_of(catalog, items):
    report = compute(Profile(credentials=(HELD,), activities=tuple(items)), catalog.credentials, TODAY)
    return report.credential("cma-aama")


@settings(max_examples=300, deadline=None)
@given(activities())
def test_non_approved_counted_never_exceeds_the_cap(catalog, items):
    report = tally_of(catalog, items)
    assert report.tally.non_approved <= 30 + EPSILON
    assert abs(report.tally.counted - report.tally.approved - report.tally.non_approved) < 1e-6
    assert abs(sum(report.tally.by_area.values()) - report.tally.counted) < 1e-6
    for counted in report.activities:
        assert counted.counted_points <= counted.activity.total_points + EPSILON or counted.activity.kind == "cpr"


@settings(max_examples=300, deadline=None)
@given(activities(), st.sampled_from(AREAS), st.integers(min_value=1, max_value=15))
def test_adding_an_approved_activity_never_lowers_any_counted_figure(catalog, items, area, amount):
    before = tally_of(catalog, items).tally
    extra = Activity("cma-aama", "new", date(2024, 1, 1), {area: float(amount)}, True, id=999)
    after = tally_of(catalog, [*items, extra]).tally
    assert after.counted >= before.counted - EPSILON
    assert after.approved >= before.approved - EPSILON
    for name in AREAS:
        assert after.by_area[name] >= before.by_area[name] - EPSILON


def _some_subset_satisfies_minimums(catalog, items) -> bool:
    """Independent oracle: try every subset of whole non-approved activities under the cap."""
    cma = catalog.get("cma-aama")
    approved = dict.fromkeys(AREAS, 0.0)
    pool = []
    cards = 0
    for item in sorted(items, key=lambda a: (a.completed_on, a.id)):
        if item.kind == "cpr":
            cards += 1
            if cards > 3:
                continue
            pool.append({"clinical": 4.0})
        elif item.approved:
            for name, value in item.points.items():
                approved[name] += value
        else:
            pool.append(item.points)
    for size in range(len(pool) + 1):
        for chosen in combinations(pool, size):
            if sum(sum(p.values()) for p in chosen) > 30:
                continue
            totals = dict(approved)
            for p in chosen:
                for name, value in p.items():
                    totals[name] += value
            if all(totals[name] >= cma.ce.minimum_for(name) for name in AREAS):
                return True
    return False


@settings(max_examples=300, deadline=None)
@given(activities(max_size=7))
def test_whenever_some_counting_satisfies_the_area_minimums_the_engine_does(catalog, items):
    if _some_subset_satisfies_minimums(catalog, items):
        report = tally_of(catalog, items)
        assert all(value <= EPSILON for value in report.needs.by_area.values()), report.needs


@settings(max_examples=200, deadline=None)
@given(activities())
def test_the_minimum_additional_points_are_enough(catalog, items):
    """Adding exactly the minimum as approved points, in the short areas, meets every rule."""
    needs = tally_of(catalog, items).needs
    extra_split = {area: value for area, value in needs.by_area.items() if value > 0}
    rest = needs.minimum_additional - sum(extra_split.values())
    if rest > 0:
        extra_split["general"] = extra_split.get("general", 0) + rest
    extra = [Activity("cma-aama", "top-up", date(2026, 11, 1), extra_split, True, id=5000)] if extra_split else []
    after = tally_of(catalog, [*items, *extra]).needs
    assert after.minimum_additional <= EPSILON
