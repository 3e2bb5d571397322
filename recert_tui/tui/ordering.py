"""Credentials and exams in catalog order (CMA (AAMA) first), as every screen lists them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from ..session import Session

T = TypeVar("T")


def in_catalog_order(session: Session, items: Iterable[T], code: Callable[[T], str]) -> list[T]:
    """`items` sorted by their credential code's place in the rules catalog; unknown codes last."""
    order = {each: index for index, each in enumerate(session.rules)}
    return sorted(items, key=lambda item: order.get(code(item), len(order)))
