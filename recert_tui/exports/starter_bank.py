"""The starter question bank shipped in data/questions: unofficial, written for this project."""

from __future__ import annotations

import os

from ..catalog import shipped_data_dir
from ..domain.bank import Flashcard, Question
from .bank_files import read_bank


def starter_files() -> list[str]:
    folder = os.path.join(shipped_data_dir(), "questions")
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [os.path.join(folder, name) for name in names if name.endswith(".csv")]


def starter_items(exam: str | None = None) -> list[Question | Flashcard]:
    """The starter bank's questions (for one exam, or all). Its rows are checked by the tests,
    so a bad row here is a bug: it is left out rather than stopping the user."""
    items: list[Question | Flashcard] = []
    for path in starter_files():
        with open(path, encoding="utf-8", newline="") as file:
            found, _problems = read_bank(file.read(), os.path.basename(path))
        items.extend(item for item in found if exam is None or item.exam == exam)
    return items
