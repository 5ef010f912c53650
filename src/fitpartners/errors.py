"""Errors the user can cause, with their exit codes (cli/report.py maps any failure,
ours or Typer's, to one line and a code).

Exit codes: 0 success (an empty result too; a reader that stopped early, `| head -1`),
1 no such partner / ambiguous name / unusable data file / invalid dataset / a stream we
cannot use (stdout closed or full, stdin closed or unreadable) / a file we cannot write
(--install-completion) / a resource limit (out of memory, no space left on device), 2 usage
error (unknown command, option or value), 3 a --jq program that does not compile and 5
one that stopped with an error (as jq), 130 interrupted. 70 is a bug in fitpartners (one
line too).
"""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from .language import N_
from .messages import Msg, Whole

PROG = "fitpartners"
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_JQ_COMPILE = 3  # a --jq program that does not compile, as the jq program exits
EXIT_JQ = 5  # a --jq program's run-time error, as the jq program exits
EXIT_INTERNAL = 70  # EX_SOFTWARE in sysexits.h
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
ENV_DEBUG = "FITPARTNERS_DEBUG"

EXIT_CODES_HELP = (
    "Exit codes: 0 success (an empty result too); 1 no such partner, ambiguous name, "
    "unusable or invalid data file, a closed or full stdout, a closed stdin, a file it "
    "cannot write, out of memory; 2 usage error "
    "(unknown command, option or value); 3 a --jq program that does not compile (as jq); "
    "5 a --jq program stopped with an error (as jq; "
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
    """A value the user gave that we cannot use (a parameter's, an option's, an environment
    variable's)."""

    exit_code = EXIT_USAGE

    def named(self, names: Mapping[str, str]) -> UsageError:
        """The same error with the parameter it names said as `names` says it: the Python
        API's 'type' is the command line's '--type'. Itself when it names none of them."""
        message = self.args[0] if self.args else None
        if not isinstance(message, Msg) or message.values.get("option") not in names:
            return self
        renamed = type(self).__new__(type(self))  # not copy.copy: it calls __init__ with args
        renamed.__dict__.update(self.__dict__)
        option = names[message.values["option"]]
        renamed.args = (Msg(message.key, **{**message.values, "option": option}),)
        if isinstance(renamed, BadValue):
            renamed.option = option
        return renamed


class BadValue(UsageError):
    """An option value outside its vocabulary; the message lists the valid values (or, for
    an open vocabulary such as countries, the closest ones)."""

    def __init__(
        self,
        option: str,
        value: str,
        valid: list[str] | Msg,
        *,
        closest: bool = False,
        shown: Msg | Whole | None = None,
    ) -> None:
        """`valid`: the valid values, or a Msg that says what is valid ('a whole number from 1');
        `shown`: the values as the message says them, in the reader's language (countries), or
        Whole where the list is ours and must be read whole (the fields)."""
        self.option = option
        self.value = value
        self.valid = valid
        listed = shown or (valid if isinstance(valid, Msg) else ", ".join(valid))
        if closest:
            hint = Msg("did you mean: {values}?", values=listed) if valid else Msg("nothing close")
        else:
            hint = Msg("valid: {values}", values=listed)
        super().__init__(
            Msg("invalid value for {option}: {value!r} ({hint})", option=option, value=value, hint=hint)
        )


class StreamError(FitError):
    """A standard stream we cannot use: closed before we started, a full disk, a read
    error. The user's environment, not our bug: one line naming the stream, exit 1."""

    def __init__(self, stream: str, reason: str) -> None:
        key = (
            N_("cannot read from {stream}: {reason}")
            if stream == "stdin"
            else N_("cannot write to {stream}: {reason}")
        )
        super().__init__(Msg(key, stream=stream, reason=reason))

    @classmethod
    def of(cls, stream: str, exc: OSError) -> StreamError:
        """The error for what the system said: a resource limit named as such ("no space
        left on device: stdout"), else its reason."""
        made = cls(stream, os_reason(exc))
        limit = RESOURCE_LIMITS.get(exc.errno or 0)
        if limit is not None:
            made.args = (Msg(limit, stream=stream),)
        return made


# The system's reasons a user meets most (a file that is not there, not allowed, not a file),
# as glibc's strerror words them: said in the run's language when the system's words are
# these; any other reason, or other words, as the system gives them.
OS_REASONS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.EISDIR: N_("Is a directory"),
    errno.EIO: N_("Input/output error"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.EROFS: N_("Read-only file system"),
    errno.EBADF: N_("Bad file descriptor"),
    errno.EPIPE: N_("Broken pipe"),
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, as a message said in the run's language where it is one of
    OS_REASONS, else the system's words."""
    said = exc.strerror or str(exc)
    key = OS_REASONS.get(exc.errno or 0)
    return Msg(key) if key == said else said


# A system's limit met on a write, not a fault of ours nor of the stream: said as such.
OUT_OF_MEMORY = N_("out of memory")
RESOURCE_LIMITS = {
    errno.ENOSPC: N_("no space left on device: {stream}"),
    errno.EFBIG: N_("file size limit reached: {stream}"),
    errno.ENOMEM: OUT_OF_MEMORY,
}
if hasattr(errno, "EDQUOT"):  # none on Windows
    RESOURCE_LIMITS[errno.EDQUOT] = N_("disk quota exceeded: {stream}")


class FileError(FitError):
    """A file we write for the user (a completion script, a shell's start-up file) that the
    system refused to read or write: one line naming the file (as shown_name shows it) and
    the system's reason, exit 1."""

    def __init__(self, action: str, path: str, reason: str) -> None:
        key = N_("cannot read {path}: {reason}") if action == "read" else N_("cannot write {path}: {reason}")
        super().__init__(Msg(key, path=path, reason=reason))


class JqHalt(Exception):
    """A --jq program ended as the jq program ends it: halt or halt_error, a compile error
    (EXIT_JQ_COMPILE), a run-time error (EXIT_JQ). `text` goes to stderr as jq writes it,
    and the run exits `code`."""

    def __init__(self, code: int, text: str) -> None:
        super().__init__(text)
        self.code = code
        self.text = text


class PipeClosed(Exception):
    """Whoever read our output stopped reading (`fitpartners list | head -1`)."""


# -- Ctrl-C ------------------------------------------------------------------------------------
#
# Ctrl-C on the command line: one line and exit 130, or, while a library holds the
# interpreter, the system's own way.
#
# A Python signal handler runs only between the interpreter's steps. libjq (--jq) and
# pydantic-core (a dataset's validation) run long stretches of compiled code that never
# return to it, so a handler would wait for them to end: `--jq 'last(range(3e8))'` ran on for
# minutes after Ctrl-C. For such a stretch, `held()` gives SIGINT back to the system, which
# ends the process at once, as it ends any program (a shell reports 130); no line is said
# then. Elsewhere the handler says "fitpartners: interrupted" and exits 130.
#
# Only the command line's own handler is ever swapped: the Python API (a notebook, a
# program with a handler of its own) keeps whatever it has. Imports nothing but the
# standard library: entry.py installs the handler before any heavy import.


# The line, in the run's language once it is known (cli/app.py: interrupted_in).
_INTERRUPTED_LINE = [b"fitpartners: interrupted\n"]


def interrupted_in(lang: str) -> None:
    """Say the Ctrl-C line in `lang` from now on."""
    _INTERRUPTED_LINE[0] = f"{PROG}: {Msg('interrupted').in_lang(lang)}\n".encode()


def _interrupted(signum: int, frame: object) -> None:
    # Leaves at once without flushing stdout, so nothing half-written follows the line.
    try:
        os.write(2, _INTERRUPTED_LINE[0])
    finally:
        os._exit(EXIT_INTERRUPTED)


def install_ctrl_c() -> None:
    """The command line's handler, unless whoever started us ignores SIGINT (a background
    job of a script, `nohup`): an ignored Ctrl-C stays ignored, as POSIX asks."""
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, _interrupted)


@contextmanager
def ctrl_c_to_system() -> Iterator[None]:
    """A stretch inside a library that holds the interpreter: Ctrl-C ends the process by
    the system's default action, with no line. Nothing changes unless the command line's
    handler is in place (not for the Python API, nor in a thread but the main one)."""
    if signal.getsignal(signal.SIGINT) is not _interrupted:
        yield
        return
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    except ValueError:  # not the main thread: signals are the main thread's
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, _interrupted)
