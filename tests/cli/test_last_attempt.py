"""Last-attempt mode from the shell: with one attempt left, scheduling warns; the mark is the user's."""

from __future__ import annotations


def two_failures(recert) -> None:
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    recert.ok("exam", "add", "--exam", "cma-aama", "--date", "2026-01-10", "--result", "fail")
    recert.ok("exam", "add", "--exam", "cma-aama", "--date", "2026-05-10", "--result", "fail")


def test_scheduling_the_last_attempt_before_two_good_mocks_warns_and_saves(recert):
    two_failures(recert)
    printed = recert.ok("exam", "add", "--exam", "cma-aama", "--date", "2026-12-20", "--result", "scheduled")
    assert "Warning: This is your last attempt" in printed and "80% or above" in printed
    assert "12-20" in recert.ok("exam", "list", "--json")  # saved all the same


def test_the_mark_is_the_users_and_is_checked(recert):
    two_failures(recert)
    assert "at 85% or above" in recert.ok("study", "mark", "85")
    printed = recert.ok("exam", "add", "--exam", "cma-aama", "--date", "2026-12-20", "--result", "scheduled")
    assert "85% or above" in printed
    refused = recert("study", "mark", "0")
    assert refused.returncode == 2 and "a percent above 0 and up to 100" in refused.stderr


def test_no_warning_with_attempts_to_spare(recert):
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15")
    printed = recert.ok("exam", "add", "--exam", "cma-aama", "--date", "2026-12-20", "--result", "scheduled")
    assert "Warning" not in printed
