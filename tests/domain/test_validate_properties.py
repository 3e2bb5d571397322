"""Any text in any field: either a clear InvalidInput, or a record that satisfies every rule."""

from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from recert_tui.domain.models import AREAS
from recert_tui.domain.validate import (
    EARLIEST_DATE,
    MAX_POINTS_PER_ACTIVITY,
    TEXT_LIMITS,
    InvalidInput,
    activity_from_fields,
    exam_attempt_from_fields,
    practice_test_from_fields,
    study_session_from_fields,
)

TODAY = date(2026, 11, 23)
HELD = {"cma-aama", "ncma-ncct"}

# Plausible values mixed with arbitrary text, so both paths are well exercised.
dates = st.one_of(
    st.sampled_from(["2025-03-05", "3/5/2025", "2/29/2024", "2026-11-24", "1949-12-31", ""]), st.text(max_size=12)
)
numbers = st.one_of(
    st.sampled_from(["2", "1.5", "0", "-1", "120", "121", "1e3", "nan", "inf", "0.001", "4", ""]), st.text(max_size=6)
)
areas = st.one_of(st.sampled_from([*AREAS, "billing", "", "Clinical"]), st.text(max_size=8))
texts = st.one_of(
    st.sampled_from(["Course", "[red]x[/red]", "\x1b]0;pwned\x07", "", " ", "é 漢字 🙂"]), st.text(max_size=30)
)


@settings(max_examples=500, deadline=None)
@given(
    credential=st.sampled_from(["cma-aama", "ncma-ncct", "ccma-nha", "nope", ""]),
    title=texts,
    day=dates,
    points=numbers,
    area=areas,
    split=st.one_of(
        st.just(""),
        st.sampled_from(["clinical=2,general=1", "clinical=2,clinical=1", "x=1", "clinical"]),
        st.text(max_size=15),
    ),
    kind=st.sampled_from(["ceu", "cpr", "college", "other", "", "weird"]),
    credits=numbers,
    approved=st.sampled_from(["", "yes", "no", "maybe", None]),
    notes=st.one_of(texts, st.just("n" * 20_001)),
)
@example(
    credential="ncma-ncct",
    title="Course",
    day="2025-03-05",
    points="2",
    area="administrative",
    split="",
    kind="college",
    credits="2",
    approved="",
    notes="",
)  # a credential with no college rule: points as typed
@example(
    credential="cma-aama",
    title="Course",
    day="2025-03-05",
    points="",
    area="",
    split="",
    kind="college",
    credits="2",
    approved="",
    notes="",
)  # the CMA rule: 15 points a credit
def test_activity_fields_never_yield_an_invalid_record(
    catalog, credential, title, day, points, area, split, kind, credits, approved, notes
):
    fields = {
        "credential": credential,
        "title": title,
        "date": day,
        "points": points,
        "area": area,
        "split": split,
        "kind": kind,
        "college_credits": credits,
        "approved": approved,
        "notes": notes,
    }
    try:
        activity = activity_from_fields(fields, rules_by_code=catalog.credentials, held_codes=HELD, today=TODAY)
    except InvalidInput as error:
        assert error.errors and all(message for message in error.errors.values())
        return
    assert activity.credential in HELD
    assert activity.title.strip() and len(activity.title) <= TEXT_LIMITS["title"]
    assert EARLIEST_DATE <= activity.completed_on <= TODAY
    assert activity.points and set(activity.points) <= set(AREAS)
    assert all(0 < value <= MAX_POINTS_PER_ACTIVITY for value in activity.points.values())
    assert activity.total_points <= MAX_POINTS_PER_ACTIVITY
    assert len(activity.notes) <= TEXT_LIMITS["notes"]
    if activity.kind == "cpr":
        assert activity.credential != "ncma-ncct" and activity.points == {"clinical": 4.0}
    college = catalog.get(activity.credential).ce.college
    if activity.kind == "college" and college is not None:  # the credential's rule sets points and approval
        assert activity.total_points == activity.college_credits * college.points_per_credit.value
        assert activity.approved == college.approved.value


@settings(max_examples=300, deadline=None)
@given(
    exam=st.sampled_from(["cma-aama", "cmac-amca", "rma-amt", "x"]),
    day=dates,
    result=st.one_of(st.sampled_from(["pass", "fail", "scheduled"]), st.text(max_size=5)),
    score=numbers,
)
def test_exam_fields_never_yield_an_invalid_attempt(catalog, exam, day, result, score):
    try:
        attempt = exam_attempt_from_fields(exam, day, result, score, rules_by_code=catalog.credentials, today=TODAY)
    except InvalidInput as error:
        assert error.errors
        return
    assert catalog.get(attempt.exam).exam is not None
    assert attempt.result in ("pass", "fail", "scheduled")
    assert (attempt.on >= TODAY) if attempt.result == "scheduled" else (attempt.on <= TODAY)
    assert attempt.score is None or 0 <= attempt.score <= 1000


@settings(max_examples=300, deadline=None)
@given(
    exam=st.sampled_from(["cma-aama", "cmac-amca", "x"]),
    day=dates,
    amount=numbers,
    category=st.one_of(st.sampled_from(["overall", "Clinical", "law and ethics", ""]), st.text(max_size=8)),
)
def test_study_fields_never_yield_an_invalid_record(catalog, exam, day, amount, category):
    for build in (
        lambda: study_session_from_fields(
            exam, day, amount, category, "", rules_by_code=catalog.credentials, today=TODAY
        ),
        lambda: practice_test_from_fields(exam, day, amount, category, rules_by_code=catalog.credentials, today=TODAY),
    ):
        try:
            record = build()
        except InvalidInput as error:
            assert error.errors
            continue
        outline = catalog.get(record.exam).exam.outline.value
        assert record.category == "overall" or record.category in outline
        assert EARLIEST_DATE <= record.on <= TODAY
