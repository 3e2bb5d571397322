"""The one error input validation raises, and sentences several refusals share; small so
error handling imports nothing else."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


class InvalidInput(ValueError):
    """One or more fields were not accepted; `errors` maps each field to a sentence."""

    def __init__(self, errors: Mapping[str, str]):
        self.errors = dict(errors)
        super().__init__(self.first_line)

    @property
    def first_line(self) -> str:
        field, message = next(iter(self.errors.items()))
        return f"{field}: {message}"


def unknown_credential(code: str, known: Iterable[str]) -> str:
    """The sentence for a credential code no rule file has, naming those there are."""
    return f"{code!r} is not a known credential; known: {', '.join(known)}"
