"""One small exception tree. Every message says what is wrong and how to fix it.

The CLI and the studio show `str(error)` to the person, so messages never contain secrets,
tracebacks or internal paths the person cannot act on.
"""

from __future__ import annotations


class AdStudioError(Exception):
    """Base class: anything the person can fix or retry."""

    exit_code = 1


class InputError(AdStudioError):
    """The brief, an upload, a flag or an edited spec is invalid."""

    exit_code = 2


class TemplateError(AdStudioError):
    """A template file is missing or malformed (the message names the file and field)."""

    exit_code = 2


class ProviderError(AdStudioError):
    """A provider failed. `retryable` says whether trying again may help."""

    def __init__(self, message: str, *, retryable: bool = False, provider: str = "") -> None:
        super().__init__(message)
        self.retryable = retryable
        self.provider = provider


class ConfigError(AdStudioError):
    """A setting or key is missing or wrong (names the environment variable to set)."""

    exit_code = 3


class BudgetError(AdStudioError):
    """A run would cost more than the project's budget; nothing was spent."""

    exit_code = 4


class RenderError(AdStudioError):
    """ffmpeg or the frame renderer failed."""


class NotFoundError(AdStudioError):
    """A project, beat or artifact does not exist."""

    exit_code = 2


MAX_LISTED_ERRORS = 12  # a spec sent with thousands of bad fields gets the first dozen named


def shown(value: object, limit: int = 40) -> str:
    """A value quoted for a message, cut short: what was sent can be a megabyte long."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_validation_error(exc: Exception, what: str) -> str:
    """Turn a pydantic ValidationError into one readable line per bad field."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return f"{what}: {exc}"
    lines = []
    found = errors()
    for err in found[:MAX_LISTED_ERRORS]:
        # Keys come from the sender (an unknown field's name can be any length): shorten them.
        loc = ".".join(str(p) if len(str(p)) <= 40 else str(p)[:39] + "…" for p in err.get("loc", ())) or "(top level)"
        lines.append(f"{loc}: {_message(err)}")
    if len(found) > MAX_LISTED_ERRORS:
        lines.append(f"... and {len(found) - MAX_LISTED_ERRORS} more")
    return f"{what} is invalid:\n  " + "\n  ".join(lines)


def _message(err: dict) -> str:
    kind, ctx, value = err.get("type"), err.get("ctx") or {}, err.get("input")
    if kind == "string_too_long" and isinstance(value, str):
        return f"{len(value):,} characters is too long; the limit is {ctx.get('max_length', 0):,}"
    if kind == "too_long" and "max_length" in ctx:
        return f"{ctx.get('actual_length', '?')} items is too many; the limit is {ctx['max_length']}"
    return err.get("msg", "invalid").removeprefix("Value error, ")
