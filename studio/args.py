"""The HTTP API's arguments, checked before anything runs.

Scripts send JSON of any shape: a number where text belongs, a megabyte of text, one value
where a list belongs. Gradio passes it through as it came (API endpoints do no preprocessing),
so each check here returns the value in the type the studio works with, or raises an InputError
that names the argument and says what it must be. No call ends in "Something went wrong
(ValueError)", and nothing is saved, started or queued with a bad argument. The limits are the
pipeline's (pipeline.models), so every door refuses the same things.
"""

from __future__ import annotations

import math
from typing import Any, Iterable

from pipeline.errors import InputError, shown
from pipeline.models import MAX_ID_CHARS, check_text


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value:g}"
    if isinstance(value, str):
        return f"the text {shown(value)}"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def text(value: Any, field: str, limit: int, default: str = "") -> str:
    """Text of at most `limit` characters (`default` when the argument is left out)."""
    if value is None:
        return default
    if not isinstance(value, str):
        raise InputError(f"{field}: expected text, got {_kind(value)}")
    return check_text(value, field, limit)


def optional_text(value: Any, field: str, limit: int) -> str | None:
    """Like `text`, but None (leave unchanged) stays None."""
    return None if value is None else text(value, field, limit)


def project_id(value: Any) -> str:
    pid = text(value, "project_id", MAX_ID_CHARS).strip()
    if not pid:
        raise InputError("project_id: give a project's id (list_projects shows them)")
    return pid


def number(value: Any, field: str, low: float, high: float) -> float:
    """A finite number from `low` to `high` (a number in text, "30", is taken too)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InputError(f"{field}: expected a number, got {_kind(value)}")
    try:
        x = float(value)
    except ValueError:
        raise InputError(f"{field}: expected a number, got {_kind(value)}") from None
    if not math.isfinite(x) or not low <= x <= high:
        raise InputError(f"{field}: {shown(value)} is out of range; use {low:g} to {high:g}")
    return x


def integer(value: Any, field: str, low: int, high: int) -> int:
    x = number(value, field, low, high)
    if x != int(x):
        raise InputError(f"{field}: expected a whole number, got {x:g}")
    return int(x)


def optional_integer(value: Any, field: str, low: int, high: int) -> int | None:
    if value is None or value == "":
        return None
    return integer(value, field, low, high)


def flag(value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(f"{field}: expected true or false, got {_kind(value)}")
    return value


def choices(value: Any, field: str, allowed: Iterable[str]) -> list[str]:
    """A list of some of `allowed` (each at most once)."""
    allowed = tuple(allowed)
    example = ", ".join(f'"{a}"' for a in allowed)
    if not isinstance(value, (list, tuple)):
        raise InputError(f"{field}: expected a list such as [{example}], got {_kind(value)}")
    if len(value) > len(allowed):
        raise InputError(f"{field}: {len(value)} items is too many; choose from {example}")
    for item in value:
        if item not in allowed:
            raise InputError(f"{field}: {shown(item)} is not one of {example}")
    return list(dict.fromkeys(value))


def integers(value: Any, field: str, low: int, high: int, max_items: int) -> list[int]:
    if not isinstance(value, (list, tuple)):
        raise InputError(f"{field}: expected a list of whole numbers, got {_kind(value)}")
    if len(value) > max_items:
        raise InputError(f"{field}: {len(value)} items is too many; the limit is {max_items}")
    return [integer(v, f"{field}[{i}]", low, high) for i, v in enumerate(value)]


def mapping(value: Any, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(f"{field}: expected a JSON object, got {_kind(value)}")
    return value
