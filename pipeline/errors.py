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


def describe_validation_error(exc: Exception, what: str) -> str:
    """Turn a pydantic ValidationError into one readable line per bad field."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return f"{what}: {exc}"
    lines = []
    for err in errors():
        loc = ".".join(str(p) for p in err.get("loc", ())) or "(top level)"
        msg = err.get("msg", "invalid")
        msg = msg.removeprefix("Value error, ")
        lines.append(f"{loc}: {msg}")
    return f"{what} is invalid:\n  " + "\n  ".join(lines)
