"""Record types are made at every start: their field types are real types, not strings."""

import importlib
import typing

import pytest

MODULES = [
    "recert_tui.catalog",
    *(
        f"recert_tui.domain.{name}"
        for name in ("counting", "cycle", "dates", "engine", "exams", "models", "needs", "routes", "rules", "study")
    ),
]


def _record_types(module):
    return [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, tuple)
        and hasattr(value, "_fields")
        and value.__module__ == module.__name__
    ]


@pytest.mark.parametrize("name", MODULES)
def test_record_field_types_are_not_strings(name):
    # typing.NamedTuple compiles each string annotation (see recert_tui.domain's docstring).
    module = importlib.import_module(name)
    records = _record_types(module)
    assert records, f"{name} defines no record types: update MODULES"
    for record in records:
        strings = {
            field: hint for field, hint in record.__annotations__.items() if isinstance(hint, (str, typing.ForwardRef))
        }
        assert not strings, f"{record.__name__}: {strings}"
