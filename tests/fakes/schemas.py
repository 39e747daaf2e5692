"""The published input schemas of the Replicate models the project uses, one JSON per model in
schemas/ (owner__name.json), and the check the fake server runs on every create with them.

Each file says where its fields came from (`source`, read on `read_on` with the search tool)
and what could not be read (`notes`). The check is strict the way the service is: an input
field the model does not have, a value of the wrong type, outside its range or not one of its
options, or a missing required field is refused with a 422.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


@functools.lru_cache(maxsize=1)
def model_schemas() -> dict[str, dict]:
    """model name -> its schema document."""
    docs = (json.loads(p.read_text()) for p in sorted(SCHEMA_DIR.glob("*.json")))
    return {d["model"]: d for d in docs}


def versions() -> dict[str, str]:
    """version id -> model name (what POST /v1/predictions with a `version` resolves)."""
    return {d["version"]: m for m, d in model_schemas().items()}


_TYPES = {"string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,), "array": (list,)}


def _type_ok(kind: str, value: Any) -> bool:
    if isinstance(value, bool) and kind != "boolean":
        return False  # JSON true is not a number
    return isinstance(value, _TYPES[kind])


def input_errors(model: str, inp: Any) -> list[tuple[str, str, str]]:
    """(field, error type, description) for everything wrong with `inp`; empty when accepted."""
    if not isinstance(inp, dict):
        return [("input", "type", "Invalid type. Expected: object")]
    schema = model_schemas()[model]["input"]
    props = schema["properties"]
    errors = []
    for name in schema.get("required", []):
        if name not in inp:
            errors.append(("input", "required", f"{name} is required"))
    for name, value in inp.items():
        spec = props.get(name)
        field = f"input.{name}"
        if spec is None:
            errors.append(("input", "additional_property_not_allowed", f"Additional property {name} is not allowed"))
        elif not _type_ok(spec["type"], value):
            errors.append((field, "invalid_type", f"Invalid type. Expected: {spec['type']}, given: "
                                                  f"{type(value).__name__}"))
        elif "enum" in spec and value not in spec["enum"]:
            errors.append((field, "enum", f"{name} must be one of the following: "
                                          + ", ".join(json.dumps(v) for v in spec["enum"])))
        elif "minimum" in spec and value < spec["minimum"]:
            errors.append((field, "number_gte", f"Must be greater than or equal to {spec['minimum']}"))
        elif "maximum" in spec and value > spec["maximum"]:
            errors.append((field, "number_lte", f"Must be less than or equal to {spec['maximum']}"))
    return errors
