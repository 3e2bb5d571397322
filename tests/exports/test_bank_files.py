"""Question CSV and Anki plain-text files: every row checked, every problem named by its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from recert_tui.domain.bank import Flashcard, Question
from recert_tui.exports.bank_files import HEADER, read_bank, write_bank_csv

BANK = Path(__file__).resolve().parents[2] / "data" / "questions"
TOP = ",".join(HEADER) + "\n"
GOOD = "cma-aama,clinical,Which is a vital sign?,Pulse,Height,,,,a,Pulse is a vital sign.,MedlinePlus\n"


def one_problem(text: str) -> str:
    items, problems = read_bank(text, "bank.csv")
    assert len(problems) == 1, problems
    return str(problems[0])


def test_a_good_row_reads_as_a_question():
    items, problems = read_bank(TOP + GOOD, "bank.csv")
    assert problems == []
    assert items == [
        Question(
            "cma-aama",
            "clinical",
            "Which is a vital sign?",
            ("Pulse", "Height"),
            0,
            "Pulse is a vital sign.",
            "MedlinePlus",
        )
    ]


def test_a_byte_order_mark_and_crlf_are_accepted():
    items, problems = read_bank("\ufeff" + (TOP + GOOD).replace("\n", "\r\n"), "bank.csv")
    assert problems == [] and len(items) == 1


@pytest.mark.parametrize(
    "row, words",
    [
        ("nope,clinical,Q?,x,y,,,,a,E,S", "exam: 'nope' is not an exam code (use one of cma-aama, ccma-nha"),
        (
            "cma-aama,astrology,Q?,x,y,,,,a,E,S",
            "'astrology' is not a category of cma-aama (use one of general, administrative, clinical)",
        ),
        ("cma-aama,,Q?,x,y,,,,a,E,S", "category is empty (use one of general, administrative, clinical)"),
        ("cma-aama,clinical,,x,y,,,,a,E,S", "question is empty"),
        ("cma-aama,clinical,Q?,x,,,,,a,E,S", "choices a and b must both be filled"),
        ("cma-aama,clinical,Q?,x,y,,z,,a,E,S", "choice c is empty but a later one is filled"),
        ("cma-aama,clinical,Q?,x,y,X,,,a,E,S", "choice c repeats choice a"),
        ("cma-aama,clinical,Q?,x,y,,,,c,E,S", "answer: 'c' names an empty choice"),
        ("cma-aama,clinical,Q?,x,y,,,,1,E,S", "answer: '1' is not a letter from a to e"),
        ("cma-aama,clinical,Q?,x,y,,,,,E,S", "answer is empty"),
        ("cma-aama,clinical,Q?,x,y,,,,a,,S", "explanation is empty"),
        ("cma-aama,clinical,Q?,x,y,,,,a,E,", "source is empty"),
        ("cma-aama,clinical,Q?,x,y,,,,a,E", "the row has 10 fields; the header has 11"),
        ("cma-aama,clinical," + "Q" * 4001 + ",x,y,,,,a,E,S", "question is 4,001 characters long; at most 4,000"),
    ],
)
def test_every_bad_row_is_named_by_its_line(row, words):
    problem = one_problem(TOP + GOOD + row + "\n")
    assert problem.startswith("bank.csv, line 3: ") and words in problem, problem


def test_line_numbers_count_lines_inside_quoted_cells():
    text = TOP + 'cma-aama,clinical,"Two\nlines?",x,y,,,,a,E,S\n' + "cma-aama,clinical,Q?,x,,,,,a,E,S\n"
    assert one_problem(text).startswith("bank.csv, line 4: ")


def test_several_problems_in_a_row_are_one_sentence():
    problem = one_problem(TOP + "cma-aama,clinical,Q?,x,y,,,,z,,S\n")
    assert (
        problem
        == "bank.csv, line 2: answer: 'z' is not a letter from a to e; explanation is empty (every item needs an explanation)"
    )


@pytest.mark.parametrize(
    "text, words",
    [
        ("exam,category,question,a,b,c,d,answer,explanation,source\n", "the header must be exactly exam,category"),
        ("Exam,Category,Question,A,B,C,D,E,Answer,Explanation,Source\n", "the header must be exactly"),
        ("hello world\n", "neither the question CSV"),
        ("", "the file is empty"),
    ],
)
def test_a_file_that_is_not_a_bank_is_refused_in_one_sentence(text, words):
    assert words in one_problem(text)


def test_an_upper_case_answer_and_a_label_as_category_are_read_as_the_app_writes_them():
    items, _ = read_bank(TOP + "cma-aama,Clinical Competency,Q?,x,y,,,,B,E,S\n", "bank.csv")
    assert (items[0].category, items[0].answer) == ("clinical", 1)


def test_the_shipped_starter_bank_reads_without_a_problem():
    for path in sorted(BANK.glob("*.csv")):
        items, problems = read_bank(path.read_text(encoding="utf-8"), path.name)
        assert problems == [] and len(items) >= 80, path.name


def test_write_then_read_is_the_same_questions():
    hostile = Question(
        "ccma-nha",
        "law-and-ethics",
        "=cmd|' /C calc'!A0 \x1b[31m\"quoted\", comma\nline",
        ("-1", "+2", "@sum", "'=x", "[b]markup[/b] C:\\path \\x1b"),
        4,
        "Why\ttab",
        "<b>src</b>",
    )
    questions = [hostile, *read_bank((BANK / "ccma-nha.csv").read_text(encoding="utf-8"), "x")[0]]
    text = write_bank_csv(questions)
    assert text.splitlines()[0] == ",".join(HEADER)
    assert "\x1b" not in text and "\n=cmd" not in text
    back, problems = read_bank(text, "export.csv")
    assert problems == [] and back == questions


def test_anki_plain_text_with_html_and_tags():
    text = (
        "#separator:tab\n#html:true\n#tags column:3\n"
        "What is <b>brady</b>cardia?<br>Think &quot;slow&quot;\tA rate &lt; 60<div>per minute</div>\tcma-aama clinical extra\n"
        "Front\tBack\tccma-nha::Medical_Law_and_Ethics\n"
    )
    items, problems = read_bank(text, "deck.txt")
    assert problems == []
    assert items == [
        Flashcard("cma-aama", "clinical", 'What is bradycardia?\nThink "slow"', "A rate < 60per minute"),
        Flashcard("ccma-nha", "law-and-ethics", "Front", "Back"),
    ]


def test_anki_without_html_keeps_text_literal_and_skips_guid_and_deck_columns():
    text = (
        "#separator:tab\n#html:false\n#guid column:1\n#deck column:2\n#tags column:5\n"
        "abc123\tDefault\t<b>Front</b> &amp;\t[red]Back[/red]\tcma-aama general\n"
    )
    items, problems = read_bank(text, "deck.txt")
    assert problems == [] and items == [Flashcard("cma-aama", "general", "<b>Front</b> &amp;", "[red]Back[/red]")]


@pytest.mark.parametrize(
    "line, words",
    [
        ("Front\tBack\tclinical", "no tag names an exam"),
        ("Front\tBack\tcma-aama ccma-nha clinical", "the tags name more than one exam (ccma-nha, cma-aama)"),
        (
            "Front\tBack\tcma-aama",
            "no tag names a category of cma-aama (tag it with one of general, administrative, clinical)",
        ),
        ("Front\tBack\tcma-aama clinical general", "the tags name more than one category"),
        ("\tBack\tcma-aama clinical", "front is empty"),
        ("Front only", "a note needs a front and a back"),
    ],
)
def test_every_bad_note_is_named_by_its_line(line, words):
    items, problems = read_bank("#separator:tab\n#tags column:3\nA\tB\tcma-aama clinical\n" + line + "\n", "deck.txt")
    assert len(items) == 1 and len(problems) == 1
    assert str(problems[0]).startswith("deck.txt, line 4: ") and words in str(problems[0]), problems


def test_a_separator_other_than_tab_is_refused():
    assert "only tab-separated notes are read" in one_problem("#separator:Comma\nA,B,cma-aama clinical\n")
