"""`recert history`, `export worksheet --cycle N`, and a passed exam that recertifies."""

from __future__ import annotations

import json


def _cma_with_a_past_cycle(recert) -> None:
    recert.ok("credential", "add", "cma-aama", "--earned", "2017-03-15")
    recert.ok(
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "Old course",
        "--date",
        "2019-05-01",
        "--points",
        "6",
        "--area",
        "clinical",
    )
    recert.ok(
        "activity",
        "add",
        "--credential",
        "cma-aama",
        "--title",
        "New course",
        "--date",
        "2023-01-05",
        "--points",
        "4",
        "--area",
        "general",
    )
    recert.ok("credential", "recertified", "cma-aama", "--on", "2022-03-15", "--route", "exam")


def test_history_lists_every_cycle_with_its_route_totals_and_activities(recert):
    _cma_with_a_past_cycle(recert)
    text = " ".join(recert.ok("history").split())
    assert "Cycle 1: 15 Mar 2017 to 31 Mar 2022. Recertified on 15 Mar 2022 by exam; 6 of 60 points counted" in text
    assert "Points: 6 of 60; AAMA-approved 6 (at least 30); administrative 0 of 10, clinical 6 of 10" in text
    assert "1 May 2019 Old course 6" in text
    assert "Cycle 2 (current, due soon): 15 Mar 2022 to 31 Mar 2027." in text
    assert all(len(line) <= 80 for line in recert.ok("history").splitlines())

    cycles = json.loads(recert.ok("history", "--json"))["cycles"]
    assert [(c["cycle"], c["status"], c["closed_on"], c["route"]) for c in cycles] == [
        (1, "recertified", "2022-03-15", "exam"),
        (2, "due-soon", None, None),
    ]
    assert [a["title"] for a in cycles[0]["activities"]] == ["Old course"]
    assert cycles[0]["credit_until"] == "2022-03-14" and cycles[1]["credit_from"] == "2022-03-15"


def test_a_past_cycle_has_its_own_worksheet(recert):
    _cma_with_a_past_cycle(recert)
    sheet = recert.ok("export", "worksheet", "--cycle", "1")
    assert "**Cycle:** 1: 15 Mar 2017 to 31 Mar 2022" in sheet
    assert "**Status:** Recertified on 15 Mar 2022 by exam" in sheet
    assert "Old course" in sheet.split("Not counted")[0] and "New course" not in sheet.split("Not counted")[0]
    current = recert.ok("export", "worksheet")
    assert "**Cycle:** 2: 15 Mar 2022 to 31 Mar 2027" in current and "**Next step:**" in current


def test_a_cycle_that_does_not_exist_is_refused_with_the_choices(recert):
    _cma_with_a_past_cycle(recert)
    for wrong in ("3", "0", "two"):
        result = recert("export", "worksheet", "--cycle", wrong)
        assert result.returncode == 2 and result.stdout == ""
        assert (
            result.stderr.strip()
            == f"recert: --cycle: '{wrong}' is not a cycle number; yours: 1 to 2 (see `recert history`)"
        )


def test_a_pass_with_recertify_closes_the_cycle_and_starts_the_next(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    said = recert.ok("exam", "add", "--exam", "cma-aama", "--date", "2026-11-02", "--result", "passed", "--recertify")
    assert "Recertified by exam: a new cycle runs from 2 Nov 2026 to 30 Nov 2031." in said
    [credential] = json.loads(recert.db.read_text())["credentials"].values()
    assert credential["recertified_on"] == ["2026-11-02"] and credential["recertified_by"] == {"2026-11-02": "exam"}


def test_a_pass_without_recertify_says_how_to_record_it(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    said = " ".join(recert.ok("exam", "add", "--exam", "cma-aama", "--date", "2026-11-02", "--result", "pass").split())
    assert "recert credential recertified cma-aama --on 2026-11-02 --route exam" in said
    [credential] = json.loads(recert.db.read_text())["credentials"].values()
    assert credential["recertified_on"] == []


def test_recertify_is_refused_where_it_cannot_apply_and_nothing_is_written(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    before = recert.db.read_bytes()
    for args, words in (
        (("--result", "fail"), "only a passed exam recertifies"),
        (("--result", "pass", "--exam", "cmac-amca"), "you do not hold CMAC (AMCA)"),
        (("--result", "pass", "--date", "2022-03-15"), "is not after the current cycle's start"),
    ):
        base = {"--exam": "cma-aama", "--date": "2026-11-02"}
        extra = dict(zip(args[::2], args[1::2], strict=True))
        flat = [item for pair in {**base, **extra}.items() for item in pair]
        result = recert("exam", "add", *flat, "--recertify")
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("recert: --recertify: ") and words in result.stderr
        assert recert.db.read_bytes() == before


def test_a_fourth_failure_is_refused_and_a_reenrollment_restarts_the_count(recert):
    for day in ("2026-01-10", "2026-04-10", "2026-08-10"):
        recert.ok("exam", "add", "--exam", "cma-aama", "--date", day, "--result", "fail")
    before = recert.db.read_bytes()
    result = recert("exam", "add", "--exam", "cma-aama", "--date", "2026-11-01", "--result", "failed")
    assert result.returncode == 2 and recert.db.read_bytes() == before
    [line] = result.stderr.splitlines()
    assert line.startswith("recert: --result: 3 of 3 attempts are used") and "re-enrollment" in line
    recert.ok("exam", "reenrolled", "--exam", "cma-aama", "--on", "2026-10-01")
    assert "1 of 3 attempts used; 2 left." in recert.ok(
        "exam", "add", "--exam", "cma-aama", "--date", "2026-11-01", "--result", "fail"
    )
