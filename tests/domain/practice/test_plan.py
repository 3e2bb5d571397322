"""The plan to exam day: per-day arithmetic, weakest areas first, and today's one line."""

from __future__ import annotations

from datetime import date

from recert_tui.domain.practice.plan import plan_to_exam, study_order, todays_work

TODAY = date(2026, 3, 1)
EXAM_DAY = date(2026, 3, 11)  # ten study days: 1 to 10 March


def test_the_bank_is_covered_by_the_day_before_the_exam_weakest_first():
    plan = plan_to_exam(
        TODAY, EXAM_DAY, {"clinical": 45, "general": 10}, {"clinical": 20, "general": 5}, ["general", "clinical"]
    )
    assert plan is not None
    assert (plan.days, plan.cards_per_day, plan.questions_per_day) == (10, 6, 3)  # 55/10 and 25/10, rounded up
    assert plan.order == ("general", "clinical")
    days = plan.days_plan
    assert days[0].on == TODAY and days[-1].on == date(2026, 3, 10)
    assert [d.cards for d in days] == [6, 6, 6, 6, 6, 6, 6, 6, 6, 1]
    assert [d.questions for d in days] == [3, 3, 3, 3, 3, 3, 3, 3, 1, 0]
    assert sum(d.cards for d in days) == 55 and sum(d.questions for d in days) == 25
    assert days[0].categories == ("general",)
    assert days[1].categories == ("general", "clinical")  # general's last 4 cards, then clinical
    assert days[2].categories == ("clinical",)
    assert plan.sentence == "6 new cards and 3 questions a day for 10 days cover the bank, starting with General."


def test_the_day_before_the_exam_gets_everything():
    plan = plan_to_exam(TODAY, date(2026, 3, 2), {"clinical": 7}, {}, ["clinical"])
    assert plan is not None
    assert (plan.days, plan.cards_per_day, plan.questions_per_day) == (1, 7, 0)
    assert plan.sentence == "7 new cards a day for 1 day cover the bank, starting with Clinical."


def test_no_plan_on_exam_day_or_after():
    assert plan_to_exam(TODAY, TODAY, {"clinical": 7}, {}, ["clinical"]) is None
    assert plan_to_exam(TODAY, date(2026, 2, 20), {"clinical": 7}, {}, ["clinical"]) is None


def test_more_than_the_daily_limit_is_said():
    plan = plan_to_exam(TODAY, EXAM_DAY, {"clinical": 250}, {}, ["clinical"])
    assert plan is not None and plan.cards_per_day == 25
    assert plan.sentence.endswith(
        "That is more than the daily limit of 20 new cards: raise it, or focus on the weakest areas."
    )


def test_nothing_new_left():
    plan = plan_to_exam(TODAY, EXAM_DAY, {"clinical": 0}, {}, ["clinical"])
    assert plan is not None and (plan.cards_per_day, plan.questions_per_day) == (0, 0)
    assert (
        plan.sentence == "Every card and question has been started: keep up with the reviews due for the next 10 days."
    )
    assert all(d.categories == () for d in plan.days_plan)


def test_categories_outside_the_weakest_list_come_last_by_name():
    assert study_order(["clinical"], {"pharmacology": 2, "anatomy": 1, "empty": 0}, {"clinical": 1}) == (
        "clinical",
        "anatomy",
        "pharmacology",
    )


def test_todays_work_in_one_line():
    assert todays_work(12, 0, "Clinical Competency") == "12 cards due, a drill in Clinical Competency."
    assert todays_work(1, 5, None) == "1 card due, 5 new cards."
    assert todays_work(0, 1, "Medical Law & Ethics") == "1 new card, a drill in Medical Law & Ethics."
    assert todays_work(0, 0, None) == "Nothing due today: a mock exam shows where you stand."


def test_the_plan_names_a_category_as_the_outline_does():
    found = plan_to_exam(
        date(2026, 3, 1),
        date(2026, 3, 11),
        {"clinical": 30},
        {},
        ["clinical"],
        labels={"clinical": "Clinical Competency"},
    )
    assert found is not None and found.sentence.endswith("starting with Clinical Competency.")
