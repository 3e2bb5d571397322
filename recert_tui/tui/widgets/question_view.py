"""A question or flashcard as text: the stem, the lettered choices, and after answering, the
answer, the explanation and the source. Question text is outside text: always literal."""

from __future__ import annotations

from rich.text import Text

from ...domain.bank import LETTERS, Flashcard, Question
from ..text import literal


def question_text(
    question: Question, *, chosen: int | None = None, reveal: bool = False, flagged: bool = False
) -> Text:
    """The stem and choices; `chosen` is marked ▸; with `reveal`, ✓ marks the answer and ✗ a wrong choice."""
    text = literal(question.stem, "bold")
    if flagged:
        text.append("  [flagged]", style="italic")
    text.append("\n")
    for index, choice in enumerate(question.choices):
        pointer = "▸" if index == chosen else " "
        mark = " "
        if reveal and index == question.answer:
            mark = "✓"
        elif reveal and index == chosen:
            mark = "✗"
        line = Text(f"\n{pointer}{mark} {LETTERS[index]}) ")
        line.append_text(literal(choice, "bold" if index == chosen else ""))
        text.append_text(line)
    return text


def explanation_text(question: Question, chosen: int | None) -> Text:
    """Right or wrong in words, the right answer, why, and where it comes from."""
    if chosen == question.answer:
        verdict = Text("✓ Right. ", style="bold")
    elif chosen is None:
        verdict = Text("No answer given. ", style="bold")
    else:
        verdict = Text(f"✗ Not {LETTERS[chosen]}. ", style="bold")
    return verdict + answer_text(question)


def answer_text(question: Question) -> Text:
    """The right answer, why, and where it comes from."""
    text = Text(f"The answer is {question.answer_letter}) ")
    text.append_text(literal(question.choices[question.answer]))
    text.append("\n\n")
    text.append_text(literal(question.explanation))
    text.append("\n\nSource: ", style="italic")
    text.append_text(literal(question.source, "italic"))
    return text


def card_front(item: Question | Flashcard) -> Text:
    if isinstance(item, Question):
        return question_text(item)
    return literal(item.front, "bold")


def card_back(item: Question | Flashcard) -> Text:
    if isinstance(item, Question):
        return question_text(item, reveal=True) + Text("\n\n") + answer_text(item)
    return literal(item.front, "bold") + Text("\n\n") + literal(item.back)
