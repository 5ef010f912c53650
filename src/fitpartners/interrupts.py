"""Ctrl-C on the command line: one line and exit 130, or, while a library holds the
interpreter, the system's own way.

A Python signal handler runs only between the interpreter's steps. libjq (--jq) and
pydantic-core (a dataset's validation) run long stretches of compiled code that never
return to it, so a handler would wait for them to end: `--jq 'last(range(3e8))'` ran on for
minutes after Ctrl-C. For such a stretch, `held()` gives SIGINT back to the system, which
ends the process at once, as it ends any program (a shell reports 130); no line is said
then. Elsewhere the handler says "fitpartners: interrupted" and exits 130.

Only the command line's own handler is ever swapped: the Python API (a notebook, a
program with a handler of its own) keeps whatever it has. Imports nothing but the
standard library: entry.py installs the handler before any heavy import.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it (errors.EXIT_INTERRUPTED)


def _interrupted(signum: int, frame: object) -> None:
    # Leaves at once without flushing stdout, so nothing half-written follows the line.
    try:
        os.write(2, b"fitpartners: interrupted\n")
    finally:
        os._exit(EXIT_INTERRUPTED)


def install() -> None:
    """The command line's handler, unless whoever started us ignores SIGINT (a background
    job of a script, `nohup`): an ignored Ctrl-C stays ignored, as POSIX asks."""
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, _interrupted)


@contextmanager
def held() -> Iterator[None]:
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
