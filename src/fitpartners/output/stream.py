"""What reaches stdout: every byte written or a failure said, and text made inert.

A terminal runs what the data may hold (escape sequences, bidirectional overrides):
`sanitize` shows such characters as escapes in text for people, `safe_json_bytes` escapes
them inside JSON strings, still the same JSON value.

Every byte goes out through one path, `write_bytes` (and `write`, which encodes text for
it): a loop of os.write on stdout's descriptor until the last byte is taken. A descriptor
that takes part of what it is given (a pipe, a signal) is given the rest; one left
non-blocking by whoever started us (node's inherited stdio) is waited for when full, as a
blocking one would make us wait. Python's own buffered layer loses the rest of a partial
write on a non-blocking pipe in silence (CPython 3.11), so nothing of ours is left to it,
and what others write to sys.stdout (Click's help, completion) goes through the same loop
when the descriptor is non-blocking (`patient_stdout`). `guard` turns a reader that went
away into PipeClosed and a refusing stdout into a StreamError.
"""

from __future__ import annotations

import functools
import io
import os
import re
import select
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pydantic_core import to_json as to_json_bytes

from ..errors import PipeClosed, StreamError

# Characters that can move the cursor, recolour, rewrite or reorder what a terminal
# shows: C0 and C1 controls, DEL, line separators and bidirectional overrides.
_BEYOND_C0 = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
# The same characters but the C0 controls, as UTF-8: inside JSON strings the serialiser
# already escapes the C0 controls (outside them a line feed is indentation), and leaves the
# others raw. Matched in the bytes the serialiser makes, which need no decoding first.
_JSON_UNSAFE = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]")


def visible(match: re.Match[str]) -> str:
    """A matched character as an escape: '\\x1b', '\\u202e'."""
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@functools.cache
def _unsafe_but_lines() -> re.Pattern[str]:
    """_UNSAFE but tab and line feed, compiled when --jq first needs it, not on every run's
    start: a class beyond Latin-1 is slow to compile (docs/performance.md). Not _UNSAFE with
    a replacement that puts them back: that would call Python for every line of a long
    output."""
    return re.compile(f"[\x00-\x08\x0b-\x1f{_BEYOND_C0}]")


def sanitize(text: str, *, raw: bool = False) -> str:
    """Show unsafe characters as escapes (ESC becomes the four characters \\x1b). With
    `raw`, for text a user asked for as it is (a jq string), tabs and line feeds stay as
    they are: they are data there (`@tsv`, multi-line values), as `jq -r` and `gh --jq`
    print them."""
    return (_unsafe_but_lines() if raw else _UNSAFE).sub(visible, text)


def _json_escape(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(match.group().decode())


# The first bytes of what _JSON_UNSAFE finds. The pattern is tried only where one of them
# stands: `find` skips to a byte far faster than a pattern scans, and most of these bytes
# begin safe characters (an en dash, curly quotes, a euro sign), so most JSON is passed as
# it is after a few looks.
_JSON_UNSAFE_LEADS = (b"\x7f", b"\xc2", b"\xd8", b"\xe2")


def safe_json_bytes(data: bytes) -> bytes:
    """UTF-8 JSON with every terminal-unsafe character escaped: still the same JSON value,
    as they can only occur inside strings. Returned as it was when there is none."""
    for lead in _JSON_UNSAFE_LEADS:
        at = data.find(lead)
        while at != -1:
            if _JSON_UNSAFE.match(data, at):
                return _JSON_UNSAFE.sub(_json_escape, data)
            at = data.find(lead, at + 1)
    return data


def safe_json(text: str) -> str:
    """safe_json_bytes() for JSON text."""
    return safe_json_bytes(text.encode()).decode()


def to_json(value: Any, *, indent: int | None) -> str:
    """Indented, or compact on one line (indent None) as jq and gh print it."""
    # pydantic-core's serialiser writes what json.dumps(ensure_ascii=False) writes for the
    # values we print (it writes 0.00001 for 1e-05: jq results go through _jq_json), with no
    # import of the json module on a run's start (docs/performance.md); a test compares them.
    return safe_json_bytes(to_json_bytes(value, indent=indent)).decode()


# -- the width of a terminal ----------------------------------------------------------------

MIN_WIDTH = 10  # narrower (COLUMNS=0, a terminal that reports no size) is taken as 80
DEFAULT_WIDTH = 80


def terminal_width(stream: Any = None) -> int:
    """The columns of the terminal `stream` (stdout by default) shows: COLUMNS where set, as
    Rich and Python's shutil read it, else the terminal's own size, else 80. Rich itself
    reads COLUMNS only where TERM is not dumb (or LINES is set too): this reads it always."""
    given = os.environ.get("COLUMNS", "").strip()
    width = int(given) if given.isdigit() else 0
    if not width:
        try:
            width = os.get_terminal_size((stream or sys.stdout).fileno()).columns
        except (AttributeError, ValueError, OSError):
            width = 0
    return width if width >= MIN_WIDTH else DEFAULT_WIDTH


def wrapped(line: str, width: int, indent: str = "  ") -> str:
    """A line of text wrapped at spaces to `width` columns, the lines after the first
    indented: a word (an address) longer than a line stands whole on its own."""
    words = line.split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = indent + word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "\n".join(lines)


@contextmanager
def guard() -> Iterator[None]:
    """Turn a reader that went away into PipeClosed, handled once at the top, and a
    stdout the system refuses (a full disk) into a StreamError naming the reason."""
    try:
        yield
        _flush_text_layer(sys.stdout)
    except BrokenPipeError:
        raise PipeClosed() from None
    except OSError as exc:
        raise StreamError.of("stdout", exc) from None


def write(text: str) -> None:
    """Text to stdout, in its encoding (UTF-8 for machine formats: render.prepare_stdout)."""
    out = sys.stdout
    if _descriptor(out) is None:  # a test's stream: its own write takes all
        with guard():
            out.write(text)
        return
    write_bytes(text.encode(out.encoding or "utf-8", out.errors or "strict"))


def write_utf8(data: bytes) -> None:
    """UTF-8 text as bytes (pydantic-core's JSON), to stdout as it is: not decoded and
    encoded again. A text-only stream (a test's StringIO) is given it decoded."""
    out = sys.stdout
    if _descriptor(out) is None and getattr(out, "buffer", None) is None:
        write(data.decode())
    else:
        write_bytes(data)


def write_bytes(data: bytes) -> None:
    """Bytes to stdout, every one, after what its text layer holds."""
    out = sys.stdout
    with guard():
        fd = _descriptor(out)
        if fd is None:  # a test's stream, with no descriptor: its own write takes all
            raw = getattr(out, "buffer", None)
            if raw is None:  # a text-only stdout (a test's StringIO): nothing binary goes there
                raise StreamError("stdout", "it takes text only, not a binary workbook")
            out.flush()
            raw.write(data)
            raw.flush()
            return
        _flush_text_layer(out)
        write_all(fd, data)


class _Patient(io.RawIOBase):
    """A descriptor written whole (`write_all`), under sys.stdout's text and buffer layers."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return os.isatty(self.fd)

    def write(self, data: Any) -> int:
        view = memoryview(data)
        write_all(self.fd, view)
        return view.nbytes


def patient_stdout() -> None:
    """When stdout's descriptor is non-blocking (left so by whoever started us), a
    sys.stdout that writes through `write_all`, for what others write there (Click's help
    and usage, completion): Python's own layer would stop at a full pipe. The descriptor's
    flag is left as it is: the open file is shared with whoever set it."""
    out = sys.stdout
    fd = _descriptor(out)
    try:
        if fd is None or os.get_blocking(fd):
            return
    except OSError:  # no open descriptor: the first write says so
        return
    out.flush()
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(_Patient(fd)),
        encoding=out.encoding,
        errors=out.errors,
        line_buffering=bool(out.line_buffering),
    )


def _descriptor(out: Any) -> int | None:
    """stdout's file descriptor, or None for a stream that has none (a test's)."""
    try:
        fd = out.fileno()
    except (AttributeError, ValueError, OSError):  # io.UnsupportedOperation is both
        return None
    # Where text needs more than its bytes (Windows writes "\r\n" for "\n"), the text layer.
    return fd if isinstance(fd, int) and os.linesep == "\n" else None


def write_all(fd: int, data: bytes | memoryview) -> None:
    """Every byte of `data` to `fd`: the rest of a partial write written next, a full
    non-blocking descriptor waited for until it takes more."""
    view = memoryview(data).cast("B")
    while view:
        try:
            done = os.write(fd, view)
        except BlockingIOError:
            _wait_writable(fd)
            continue
        view = view[done:]


def _wait_writable(fd: int) -> None:
    """Wait until `fd` can take more; a reader that went away wakes it too, and the next
    write says so (EPIPE)."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fd, select.POLLOUT)
        poller.poll()
    else:  # pragma: no cover - no poll (Windows), where select takes sockets only
        select.select([], [fd], [])


def _flush_text_layer(out: Any) -> None:
    """What stdout's text layer holds (Click's help, written there), out first. A full
    non-blocking descriptor is waited for: Python's buffer keeps what it could not write."""
    if out is None:
        return
    while True:
        try:
            out.flush()
            return
        except BlockingIOError:
            fd = _descriptor(out)
            if fd is None:
                raise
            _wait_writable(fd)
