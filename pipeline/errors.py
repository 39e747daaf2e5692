"""One small exception tree. Every message says what is wrong and how to fix it.

The CLI and the studio show `str(error)` to the person, so messages never contain secrets,
tracebacks or internal paths the person cannot act on.
"""

from __future__ import annotations

import errno


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
    """ffmpeg or the frame renderer failed. `retryable`: trying again may help (a stalled
    ffmpeg was stopped), as opposed to a render that fails the same way every time."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class Canceled(AdStudioError):
    """Someone stopped the run. Finished work is kept; running it again resumes it."""

    exit_code = 130
    retryable = True


class DiskFull(AdStudioError):
    """A write failed because the disk (or the user's quota) is full. Nothing finished is lost:
    files are renamed into place only when complete and database writes roll back."""

    retryable = True

    def __init__(self, data_dir: object) -> None:
        super().__init__(f"The disk is full: free space in {data_dir} and press Generate to resume "
                         "(from the command line: run again with --project ID). Finished work is kept.")


class NotFoundError(AdStudioError):
    """A project, beat or artifact does not exist."""

    exit_code = 2


_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_SQLITE_FULL = 13  # sqlite3.SQLITE_FULL: "database or disk is full"
_FULL_WORDS = ("no space left on device", "database or disk is full", "disk quota exceeded")


def is_disk_full(exc: BaseException | None) -> bool:
    """Did `exc` (or what caused it) fail for want of disk space? Covers OSError's ENOSPC and
    EDQUOT, SQLite's SQLITE_FULL and an ffmpeg that said so on its stderr."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, DiskFull):
            return True
        if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
            return True
        if getattr(exc, "sqlite_errorcode", None) == _SQLITE_FULL:
            return True
        if isinstance(exc, (RenderError, OSError)) or type(exc).__module__ == "sqlite3":
            if any(w in str(exc).lower() for w in _FULL_WORDS):
                return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


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
