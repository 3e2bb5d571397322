"""The starter question bank in data/questions: every row is a fair, sourced, well-formed item.

The bank is data the app will ship (the study companion draws mock exams and drills from it),
so it is held to the rules of the import format and of item writing: the CSV header the
importer reads, a category from the exam's own outline, 2 to 5 options with one key, an
explanation and a public source on every row, and a spread over the outline by weight.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

BANK = Path(__file__).resolve().parents[2] / "data" / "questions"
HEADER = ["exam", "category", "question", "a", "b", "c", "d", "e", "answer", "explanation", "source"]
LETTERS = "abcde"
MINIMUM = {"cma-aama": 200, "ccma-nha": 100}
BANNED_OPTIONS = re.compile(r"\b(all|none) of the above\b", re.IGNORECASE)
PUBLIC_SOURCE = re.compile(r"https?://\S+|\b(CLSI|AHA|Kinn|AMA|K(ü|u)bler-Ross)\b|[Ss]tandard text")


def bank_files() -> list[Path]:
    return sorted(BANK.glob("*.csv"))


def rows() -> list[tuple[str, int, dict[str, str]]]:
    found = []
    for path in bank_files():
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            assert reader.fieldnames == HEADER, f"{path.name}: header {reader.fieldnames}"
            found += [(path.name, number, row) for number, row in enumerate(reader, start=2)]
    return found


pytestmark = pytest.mark.skipif(not bank_files(), reason="no question bank in data/questions yet")


def test_every_row_is_a_complete_single_best_answer_item(catalog):
    problems = []
    for name, line, row in rows():
        where = f"{name}:{line}"
        rules = catalog.credentials.get(row["exam"])
        outline = rules.outline.weights if rules and rules.outline else {}
        if row["category"] not in outline:
            problems.append(f"{where}: category {row['category']!r} is not in {row['exam']}'s outline {list(outline)}")
        options = [row[letter].strip() for letter in LETTERS]
        given = [option for option in options if option]
        if not 2 <= len(given) <= 5 or options[: len(given)] != given:
            problems.append(f"{where}: options must be 2 to 5, filled from a without gaps")
        key = row["answer"]
        if key not in LETTERS or not options[LETTERS.index(key)]:
            problems.append(f"{where}: answer {row['answer']!r} does not name a filled option")
        if len(set(given)) != len(given):
            problems.append(f"{where}: an option is repeated")
        if any(BANNED_OPTIONS.search(option) for option in given):
            problems.append(f"{where}: 'all/none of the above' is not a fair option")
        for field in ("question", "explanation", "source"):
            if not row[field].strip():
                problems.append(f"{where}: {field} is empty")
        if row["source"].strip() and not PUBLIC_SOURCE.search(row["source"]):
            problems.append(f"{where}: the source names no public page or standard text: {row['source']!r}")
    assert not problems, "\n".join(problems[:40])


def test_no_question_is_asked_twice():
    stems = Counter(" ".join(row["question"].lower().split()) for _, _, row in rows())
    assert [stem for stem, count in stems.items() if count > 1] == []


@pytest.mark.parametrize("exam", sorted(MINIMUM))
def test_each_exam_has_its_starter_bank_spread_over_the_outline_by_weight(catalog, exam):
    counts = Counter(row["category"] for _, _, row in rows() if row["exam"] == exam)
    total = sum(counts.values())
    if total == 0:
        pytest.skip(f"no {exam} questions yet")
    assert total >= MINIMUM[exam]
    outline = catalog.credentials[exam].outline.weights
    for category, weight in outline.items():
        share = 100 * counts[category] / total
        assert abs(share - weight) <= max(3.0, weight * 0.15), (category, round(share, 1), weight)


def test_the_key_is_not_always_in_the_same_place():
    keys = Counter(row["answer"] for _, _, row in rows())
    total = sum(keys.values())
    assert all(keys[letter] / total <= 0.4 for letter in "abcd"), keys


VERDICTS = {"confirmed", "corrected", "unverifiable"}


def review_records() -> dict[tuple[str, int], dict[str, str]]:
    """(bank file, line) -> the fact check's record; a row checked twice keeps its later check."""
    found: dict[tuple[str, int], dict[str, str]] = {}
    for path in sorted((BANK / "review").glob("*.verification.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle):
                if "not reached" in record["note"] and (record["file"], int(record["line"])) in found:
                    continue
                found[(record["file"], int(record["line"]))] = record
    return found


def test_every_row_has_a_fact_check_record_naming_what_was_read():
    records = review_records()
    for name, line, row in rows():
        record = records.get((name, line))
        assert record is not None, f"{name}:{line} has no fact-check record"
        assert record["verdict"] in VERDICTS, f"{name}:{line}: {record['verdict']!r}"
        assert row["question"].startswith(record["question_start"].rstrip()[:40]), f"{name}:{line} moved"
        if record["verdict"] in ("confirmed", "corrected"):
            assert record["source_read"].strip() and record["evidence"].strip(), f"{name}:{line}: no evidence"


def test_each_correction_is_in_the_bank():
    for path in sorted((BANK / "review").glob("*.corrections.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            corrections = list(csv.DictReader(handle))
        bank = {row["question"]: row for _, _, row in rows()}
        for corrected in corrections:
            assert bank[corrected["question"]] == corrected, f"{path.name}: {corrected['question'][:50]}"
