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
import io
import os
import select
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest

from conftest import DATA_FILE, SCRIPT, TERMINAL, clean_environ
from fitpartners import errors as interrupts  # the Ctrl-C handler lives with the exit codes
from fitpartners.dataset.models import Dataset
from fitpartners.output.jq import FLUSH_AT

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
    "terminal": (["about", "--full"], {**TERMINAL, "COLUMNS": "120"}),
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


# -- Ctrl-C ------------------------------------------------------------------------------------


def test_ctrl_c_inside_jq_ends_the_run():
    # libjq holds the interpreter: no Python handler runs until it returns, and this
    # program would run for hours. Its first line (longer than what is gathered before a
    # write) says that the child is inside jq; SIGINT then ends it by the system's default.
    program = f"([range({FLUSH_AT})] | tostring), last(range(1e12))"
    child = subprocess.Popen(
        [str(SCRIPT), "list", "--jq", program],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_environ(),
    )
    try:
        assert child.stdout is not None and child.stderr is not None
        first = child.stdout.readline()
        assert first.startswith(b"[0,1,2,"), child.stderr.read()
        child.send_signal(signal.SIGINT)
        code = child.wait(timeout=30)
    finally:
        child.kill()
        child.wait()
    assert code == -signal.SIGINT  # as a shell shows it: 130
    assert child.stderr.read() == b""


@pytest.mark.parametrize(
    ("locale", "line"),
    [({}, b"fitpartners: interrupted\n"), ({"LANG": "nl_BE.UTF-8"}, b"fitpartners: onderbroken\n")],
    ids=["english", "dutch"],
)
def test_ctrl_c_elsewhere_is_one_line_and_exit_130(locale, line):
    # Blocked writing to a full pipe, in our own code: the handler says so, in the run's
    # language, and exits 130.
    r, w = os.pipe()
    try:
        if hasattr(fcntl, "F_SETPIPE_SZ"):
            fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, SMALL_PIPE)
        child = subprocess.Popen(
            [str(SCRIPT), "list", "--period", "all", "--format", "jsonl"],
            stdout=w,
            stderr=subprocess.PIPE,
            env=clean_environ(**locale),
        )
        try:
            wait_until_full_or_ended(w, child)
            assert child.poll() is None  # it waits for the reader
            child.send_signal(signal.SIGINT)
            code = child.wait(timeout=30)
        finally:
            child.kill()
            child.wait()
    finally:
        os.close(r)
        os.close(w)
    assert code == 130
    assert child.stderr is not None and child.stderr.read() == line


@pytest.fixture
def cli_handler():
    """The command line's Ctrl-C handler in place, as entry.main puts it; then the test's."""
    before = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    interrupts.install_ctrl_c()
    yield
    signal.signal(signal.SIGINT, before)


def seen_inside(monkeypatch, owner: object, name: str) -> list[object]:
    """The SIGINT handler in place each time `owner.name` (a library call) runs."""
    seen: list[object] = []
    real = getattr(owner, name)

    def spy(*args, **kwargs):
        seen.append(signal.getsignal(signal.SIGINT))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, spy)
    return seen


def test_pydantic_core_runs_with_ctrl_c_left_to_the_system(cli_handler, monkeypatch):
    # pydantic-core validates a 50 MB dataset for seconds without returning to Python.
    from fitpartners.dataset import loader

    seen = seen_inside(monkeypatch, Dataset, "model_validate_json")
    loader.problems(DATA_FILE.read_bytes())
    assert seen == [signal.SIG_DFL]
    assert signal.getsignal(signal.SIGINT) is interrupts._interrupted  # put back after


def test_jq_runs_with_ctrl_c_left_to_the_system(cli_handler, monkeypatch):
    import jq

    from fitpartners.output.jq import write_jq

    seen: list[object] = []
    real_compile = jq.compile

    class Program:  # the compiled program, noting the handler as each result is made
        def __init__(self, text: str) -> None:
            self.program = real_compile(text)

        def input_value(self, value: object) -> Iterator[object]:
            for result in self.program.input_value(value):
                seen.append(signal.getsignal(signal.SIGINT))
                yield result

    monkeypatch.setattr(jq, "compile", Program)
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    write_jq([1, 2], ".[]")
    assert out.getvalue() == "1\n2\n"
    assert seen == [signal.SIG_DFL, signal.SIG_DFL]
    assert signal.getsignal(signal.SIGINT) is interrupts._interrupted


def test_the_python_api_keeps_its_own_ctrl_c(monkeypatch):
    # A notebook's KeyboardInterrupt stays: only the command line's handler is swapped.
    seen = seen_inside(monkeypatch, Dataset, "model_validate_json")
    before = signal.getsignal(signal.SIGINT)
    from fitpartners.dataset import loader

    loader.problems(DATA_FILE.read_bytes())
    assert seen == [before]


def test_an_ignored_ctrl_c_stays_ignored():
    # A background job of a script (`fitpartners list &` in sh) is started with SIGINT
    # ignored, so that Ctrl-C meant for the script's foreground does not end it.
    before = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        interrupts.install_ctrl_c()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        with interrupts.ctrl_c_to_system():
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)
