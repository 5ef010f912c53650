"""The failure report: the one mapping from any failure, ours, Typer's or the system's,
to one line on stderr and an exit code (README lists the codes)."""

from __future__ import annotations

import os
import sys

from ..errors import (
    ENV_DEBUG,
    EXIT_FAILURE,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    OUT_OF_MEMORY,
    PROG,
    BadValue,
    FitError,
    JqHalt,
    PipeClosed,
    StreamError,
)
from ..messages import Msg
from ..output.render import say
from ..output.stream import sanitize
from . import patches


class Outcome:
    """What a failure comes to: the exit code, one line for stderr (None: a quiet exit),
    and whether that line is said as it is (`raw`: no "fitpartners: ", no line feed added).
    A plain class: a NamedTuple's class costs every run's start."""

    __slots__ = ("code", "message", "raw")

    def __init__(self, code: int, message: str | None, raw: bool = False) -> None:
        self.code = code
        self.message = message
        self.raw = raw


def outcome(exc: BaseException, where: str = PROG, lang: str = "en") -> Outcome:
    """The one mapping from an exception to what the user sees. `where` is the command
    path for usage errors ('fitpartners list'); `lang`, the run's language."""
    if isinstance(exc, FitError):
        return Outcome(exc.exit_code, exc.text())
    if isinstance(exc, JqHalt):
        return Outcome(exc.code, exc.text or None, raw=True)
    if isinstance(exc, PipeClosed | BrokenPipeError):
        return Outcome(EXIT_OK, None)
    if isinstance(exc, MemoryError):  # the system's limit, not our bug
        return Outcome(EXIT_FAILURE, Msg(OUT_OF_MEMORY))
    if isinstance(exc, OSError) and exc.errno is not None and not isinstance(exc, FileNotFoundError):
        # Outside our own reads (which name their file): a stream the system refused.
        return Outcome(EXIT_FAILURE, StreamError.of("stdout", exc).text())
    if isinstance(exc, KeyboardInterrupt):
        return Outcome(EXIT_INTERRUPTED, Msg("interrupted"))
    # A value outside a choice (--format xml): our own message, as BadValue words it.
    choices = patches.bad_choice(exc)
    if choices is not None:
        bad = BadValue(*choices)
        bad.lang = lang
        return Outcome(EXIT_USAGE, bad.text())
    # Typer's own errors (every one derives from typer.TyperException): a usage error
    # carries its exit code and a message; Abort is Ctrl-C at a prompt. Its message may
    # echo what was typed: cut as any value (the help to see stays whole).
    # Its usage errors are worded as our messages, by kind (patches.usage_problem).
    exit_code = getattr(exc, "exit_code", None)
    format_message = getattr(exc, "format_message", None)
    if isinstance(exit_code, int) and callable(format_message):
        problem = patches.usage_problem(exc) or format_message()
        return Outcome(exit_code, Msg("{problem} (see '{where} --help')", problem=problem, where=where))
    if os.environ.get(ENV_DEBUG):
        raise exc
    return Outcome(
        EXIT_INTERNAL,
        Msg(
            "internal error: {kind}: {problem} (set {env}=1 for a traceback)",
            kind=type(exc).__name__,
            problem=str(exc),
            env=ENV_DEBUG,
        ),
    )


def report(exc: BaseException, where: str = PROG, lang: str = "en") -> int:
    """Say what failed, once, on stderr, in `lang` (an error of ours says itself in the
    language of its command); the exit code."""
    result = outcome(exc, where, lang)
    if result.raw and result.message:
        try:
            # jq's own words, as jq writes them; at a terminal nothing in them moves the cursor.
            text = sanitize(result.message, raw=True) if sys.stderr.isatty() else result.message
            sys.stderr.write(text)
            sys.stderr.flush()
        except (OSError, ValueError, AttributeError):
            pass
    elif result.message:
        say(result.message, lang)
    return result.code
