"""Reading what a command printed, whatever the width it was wrapped to."""

from __future__ import annotations


def flat(text: str) -> str:
    """`text` with every run of whitespace (line breaks included) made one space."""
    return " ".join(text.split())
