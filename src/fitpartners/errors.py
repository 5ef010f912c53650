"""Errors the user can cause, with their exit codes (cli/report.py maps any failure,
ours or Typer's, to one line and a code).

Exit codes: 0 success (an empty result too; a reader that stopped early, `| head -1`),
1 no such partner / ambiguous name / unusable data file / invalid dataset / a stream we
cannot use (stdout closed or full, stdin closed or unreadable) / a resource limit (out of
memory, no space left on device), 2 usage error (unknown command, option or value), 130
interrupted. 70 is a bug in fitpartners (one line too).
"""

from __future__ import annotations

import errno

from .messages import Msg, Whole

PROG = "fitpartners"
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_JQ = 5  # a --jq program's run-time error, as the jq program exits
EXIT_INTERNAL = 70  # EX_SOFTWARE in sysexits.h
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
ENV_DEBUG = "FITPARTNERS_DEBUG"

EXIT_CODES_HELP = (
    "Exit codes: 0 success (an empty result too); 1 no such partner, ambiguous name, "
    "unusable or invalid data file, a closed or full stdout, a closed stdin, out of memory; "
    "2 usage error "
    "(unknown command, option or value); 5 a --jq program stopped with an error (as jq; "
    "halt_error exits with its own code); "
    "130 interrupted; 70 a bug in fitpartners."
)


class FitError(Exception):
    """An error with a one-line message for stderr and an exit code. `lang`: the language
    of the command that raised it (set where the command's options are known); a message
    made as a messages.Msg is said in it."""

    exit_code = EXIT_FAILURE
    lang = "en"

    def text(self) -> str:
        """The message as a person is told it, in the error's language, each value it
        echoes cut (messages.said; str(error) is always English and whole)."""
        message = self.args[0] if self.args else None
        if isinstance(message, Msg):
            return Whole(message.said(self.lang))
        return message if isinstance(message, str) else str(self)


class DataError(FitError):
    """The dataset cannot be read or is not a valid fitpartners dataset."""


class NotFound(FitError, LookupError):
    """No partner matches a name, or more than one does. `candidates`: the names of the
    partners it could mean (the ambiguous ones, or the closest suggestions), maybe []."""

    def __init__(self, message: str, candidates: list[str] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


class UsageError(FitError, ValueError):
    """A value the user gave that we cannot use (an option's, an environment variable's)."""

    exit_code = EXIT_USAGE


class BadValue(UsageError):
    """An option value outside its vocabulary; the message lists the valid values (or, for
    an open vocabulary such as countries, the closest ones)."""

    def __init__(self, option: str, value: str, valid: list[str], *, closest: bool = False) -> None:
        self.option = option
        self.value = value
        self.valid = valid
        if closest:
            hint = Msg("did you mean: {values}?", values=", ".join(valid)) if valid else Msg("nothing close")
        else:
            hint = Msg("valid: {values}", values=", ".join(valid))
        super().__init__(
            Msg("invalid value for {option}: {value!r} ({hint})", option=option, value=value, hint=hint)
        )


class StreamError(FitError):
    """A standard stream we cannot use: closed before we started, a full disk, a read
    error. The user's environment, not our bug: one line naming the stream, exit 1."""

    def __init__(self, stream: str, reason: str) -> None:
        key = (
            "cannot read from {stream}: {reason}"
            if stream == "stdin"
            else "cannot write to {stream}: {reason}"
        )
        super().__init__(Msg(key, stream=stream, reason=reason))

    @classmethod
    def of(cls, stream: str, exc: OSError) -> StreamError:
        """The error for what the system said: a resource limit named as such ("no space
        left on device: stdout"), else its reason."""
        made = cls(stream, exc.strerror or str(exc))
        limit = RESOURCE_LIMITS.get(exc.errno or 0)
        if limit is not None:
            made.args = (Msg(limit, stream=stream),)
        return made


# A system's limit met on a write, not a fault of ours nor of the stream: said as such.
OUT_OF_MEMORY = "out of memory"
RESOURCE_LIMITS = {
    errno.ENOSPC: "no space left on device: {stream}",
    errno.EFBIG: "file size limit reached: {stream}",
    errno.ENOMEM: OUT_OF_MEMORY,
}
if hasattr(errno, "EDQUOT"):  # none on Windows
    RESOURCE_LIMITS[errno.EDQUOT] = "disk quota exceeded: {stream}"


class JqError(FitError):
    """A --jq program failed at run time: the results before it are out; exit 5, as jq."""

    exit_code = EXIT_JQ


class JqHalt(Exception):
    """A --jq program called halt or halt_error: `text` goes to stderr as jq writes it
    (a string as it is, anything else as JSON and a line feed), and the run exits `code`."""

    def __init__(self, code: int, text: str) -> None:
        super().__init__(text)
        self.code = code
        self.text = text


class PipeClosed(Exception):
    """Whoever read our output stopped reading (`fitpartners list | head -1`)."""
