"""Errors the user can cause, each with its documented exit code.

Exit codes: 0 success (an empty result too), 1 no such partner / ambiguous name /
unusable data file / invalid dataset, 2 usage error (unknown command, option or value),
130 interrupted. 70 is a bug in fitpartners (reported as one line too).
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE in sysexits.h
EXIT_INTERRUPTED = 130


class FitError(Exception):
    """An error with a one-line message for stderr and an exit code."""

    exit_code = EXIT_FAILURE


class DataError(FitError):
    """The dataset cannot be read or is not a valid fitpartners dataset."""


class NotFound(FitError):
    """No partner matches, or more than one does."""


class BadValue(FitError):
    """An option value outside its vocabulary; a usage error."""

    exit_code = EXIT_USAGE

    def __init__(self, option: str, value: str, valid: list[str]) -> None:
        self.option = option
        self.value = value
        self.valid = valid
        super().__init__(f"invalid value for {option}: {value!r} (valid: {', '.join(valid)})")


class PipeClosed(Exception):
    """Whoever read our output stopped reading (`fitpartners list | head -1`)."""
