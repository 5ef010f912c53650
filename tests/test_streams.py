"""stdout as the system gives it, and Ctrl-C: every byte reaches a reader that is slow, or
whose pipe a parent left non-blocking (node's inherited stdio), or that is full before we
start; a reader that stops gets no error; an interrupt ends the run also inside libjq and
pydantic-core, which hold the interpreter.

No test waits a while in place of an event: a child is read after it has filled its pipe
(the pipe's write end takes no more, as select says) or after it said where it is (a
line on stderr); a bound of seconds only keeps a broken run from hanging the suite.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import subprocess
import sys
from collections.abc import Iterator

import pytest

from conftest import SCRIPT, TERMINAL, clean_environ

BOUND = 60  # seconds after which a child that should have ended is a failure, never a pass

# A pipe of one page where the system lets us size it (Linux): each output below is larger.
SMALL_PIPE = 4096

# Outputs through each writer: JSON Lines, the JSON array in chunks, jq's results, csv (the
# text writer), the Rich view of a terminal, and Click's help (sys.stdout made patient).
WRITERS = {
    "jsonl": (["list", "--period", "all", "--format", "jsonl"], {}),
    "json": (["list", "--period", "all", "--json"], {}),
    "jq": (["list", "--period", "all", "--jq", ".[] | .name, .sources"], {}),
    "csv": (["list", "--period", "all", "--format", "csv"], {}),
    "terminal": (["about"], {**TERMINAL, "COLUMNS": "120"}),
}


def expected(args: list[str], env: dict[str, str]) -> bytes:
    """What a run writes into an ordinary (blocking) pipe."""
    r = subprocess.run([str(SCRIPT), *args], capture_output=True, env=clean_environ(**env), timeout=BOUND)
    assert r.returncode == 0 and r.stderr == b"", r.stderr
    return r.stdout


@contextlib.contextmanager
def nonblocking_pipe() -> Iterator[tuple[int, int]]:
    """(read end, write end), the write end non-blocking, one page where it can be sized."""
    r, w = os.pipe()
    try:
        os.set_blocking(w, False)
        if hasattr(fcntl, "F_SETPIPE_SZ"):
            fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, SMALL_PIPE)
        yield r, w
    finally:
        for fd in (r, w):
            with contextlib.suppress(OSError):
                os.close(fd)


def capacity(w: int) -> int:
    return fcntl.fcntl(w, fcntl.F_GETPIPE_SZ) if hasattr(fcntl, "F_GETPIPE_SZ") else 65536


def full(w: int) -> bool:
    """The pipe takes no more: its write end is not writable."""
    return not select.select([], [w], [], 0)[1]


def wait_until_full_or_ended(w: int, child: subprocess.Popen[bytes]) -> None:
    """Until the child has filled the pipe (so that it met a full non-blocking pipe and
    must wait for us) or has ended (as it did when it lost the rest in silence)."""
    for _ in range(BOUND * 100):
        if child.poll() is not None or full(w):
            return
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=0.01)  # a re-check of the two conditions, not a stand-in for one
    raise AssertionError("the child neither filled its pipe nor ended")


def read_slowly(r: int) -> bytes:
    """Everything until the end, a little at a time, so that the pipe fills again and
    again while the child writes."""
    got = []
    while chunk := os.read(r, 1000):
        got.append(chunk)
    return b"".join(got)


SLOW = pytest.mark.slow  # seconds of processes: .ci/run runs them after the default run


@pytest.mark.parametrize(
    "writer", [w if w in ("jsonl", "terminal") else pytest.param(w, marks=SLOW) for w in WRITERS]
)
def test_a_slow_reader_of_a_non_blocking_pipe_gets_every_byte(writer):
    args, env = WRITERS[writer]
    want = expected(args, env)
    with nonblocking_pipe() as (r, w):
        assert len(want) > capacity(w)  # the child must meet a full pipe
        child = subprocess.Popen(
            [str(SCRIPT), *args], stdout=w, stderr=subprocess.PIPE, env=clean_environ(**env)
        )
        wait_until_full_or_ended(w, child)
        os.close(w)  # ours: the reader sees the end when the child's closes
        got = read_slowly(r)
        err = child.stderr.read() if child.stderr else b""
        assert child.wait(timeout=BOUND) == 0, err
    assert err == b""
    assert len(got) == len(want) and got == want


# A child that says on stderr when it waits for its full stdout, then waits as it would.
PATIENCE_PROBE = r"""
import os, select, sys
real_poll = select.poll
class Said:
    def __init__(self):
        self.poller = real_poll()
    def register(self, *args):
        self.poller.register(*args)
    def poll(self, *args):
        os.write(2, b"waiting\n")
        return self.poller.poll(*args)
select.poll = Said
sys.argv = ["fitpartners", *sys.argv[1:]]
from fitpartners.cli.entry import main
main()
"""


def fill(w: int) -> bytes:
    """Fill the pipe to the brim; what was written."""
    sent = bytearray()
    with contextlib.suppress(BlockingIOError):
        while True:
            sent += b"f" * os.write(w, b"f" * 512)
    return bytes(sent)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["show", "voka", "--json"],
        pytest.param(["--version"], marks=SLOW),
        pytest.param(["list", "--format", "tsv"], marks=SLOW),
    ],
    ids=" ".join,
)
def test_a_pipe_full_before_we_start_is_waited_for(args):
    want = expected(args, {})
    with nonblocking_pipe() as (r, w):
        before = fill(w)
        child = subprocess.Popen(
            [sys.executable, "-c", PATIENCE_PROBE, *args],
            stdout=w,
            stderr=subprocess.PIPE,
            env=clean_environ(),
        )
        os.close(w)
        assert child.stderr is not None
        said = child.stderr.readline()  # "waiting", or the end: it did not wait
        got = read_slowly(r)
        err = said + child.stderr.read()
        code = child.wait(timeout=BOUND)
    assert said == b"waiting\n", err
    assert code == 0, err
    assert got == before + want


def test_a_reader_that_stops_while_we_wait_ends_the_run_quietly():
    # `| head -c 100` on a non-blocking pipe: the wait wakes when the reader goes, and the
    # run ends as it does for a blocking pipe (exit 0, nothing said).
    with nonblocking_pipe() as (r, w):
        child = subprocess.Popen(
            [str(SCRIPT), "list", "--period", "all", "--format", "jsonl"],
            stdout=w,
            stderr=subprocess.PIPE,
            env=clean_environ(),
        )
        wait_until_full_or_ended(w, child)
        assert child.poll() is None  # it waits for us
        os.close(w)
        assert os.read(r, 100)
        os.close(r)
        err = child.stderr.read() if child.stderr else b""
        assert child.wait(timeout=BOUND) == 0
    assert err == b""
