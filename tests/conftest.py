"""Shared helpers: run the CLI in-process or as a real process, and make datasets to feed it."""

from __future__ import annotations

import copy
import json
import os
import re
import select
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fitpartners.cli.app import app
from fitpartners.cli.app import run as run_cli

ROOT = Path(__file__).resolve().parents[1]
DATA_FILE = ROOT / "data" / "partners.json"
SOURCES = Path(__file__).resolve().parent / "sources"
# The console script of the virtual environment the tests run in.
SCRIPT = Path(sys.executable).parent / "fitpartners"

# The day every test runs on, unless it sets FITPARTNERS_TODAY itself: a day while the
# 2022-2026 round runs, so that results do not depend on the clock.
TODAY = "2026-11-28"
# Rich's switch for terminal output into a pipe; TERM=dumb keeps colour codes out.
TERMINAL = {"TTY_COMPATIBLE": "1", "TERM": "dumb"}

# Environment that keeps results independent of the developer's shell.
CLEAN_ENV: dict[str, str | None] = {
    "FITPARTNERS_DATA": None,
    "FITPARTNERS_LANG": None,
    "FITPARTNERS_MAX_BYTES": None,
    "FITPARTNERS_DEBUG": None,
    "FITPARTNERS_TODAY": TODAY,
    "TTY_COMPATIBLE": None,
    "NO_COLOR": None,
    "FORCE_COLOR": None,
    "COLUMNS": "120",
    "LINES": "50",
    # The locale chooses the language (language.py): English unless a test asks.
    "LANGUAGE": None,
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANG": "C.UTF-8",
}
# What a child process is given for the locale: English, UTF-8.
LOCALE_ENV = {"LANG": "C.UTF-8"}
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def clean_environ(**extra: str) -> dict[str, str]:
    """This process's environment for a child, without the settings that change our
    output (the developer's or CI's shell may have any of them), on the tests' day,
    plus `extra`."""
    mine = ("FITPARTNERS_", "TTY_COMPATIBLE", "FORCE_COLOR", "NO_COLOR", "COLUMNS", "LINES", "_FITPARTNERS")
    mine += ("PYDANTIC_DISABLE_PLUGINS",)  # what entry.py sets, unless the user did
    env = {k: v for k, v in os.environ.items() if not k.startswith(mine) and k not in LOCALE_VARIABLES}
    return {**env, **LOCALE_ENV, "FITPARTNERS_TODAY": TODAY, **extra}


# A message's continuation line: at a terminal (TTY_COMPATIBLE=1 too) a message on stderr
# is wrapped at words, the lines after its first indented by two spaces.
_CONTINUED = re.compile(r"(?m)^(fitpartners: .*)((?:\n  .*)+)")


def unwrapped(err: str) -> str:
    """stderr with each message on one line again, as in a pipe."""
    return _CONTINUED.sub(lambda m: m.group(1) + m.group(2).replace("\n  ", " "), err)


class Run:
    def __init__(self, code: int, out: bytes, err: bytes) -> None:
        self.code = code
        self.raw = out
        self.out = out.decode("utf-8", "replace")
        self.shown_err = err.decode("utf-8", "replace")  # as a terminal shows it: wrapped
        self.err = unwrapped(self.shown_err)  # each message on one line, what tests compare

    def json(self) -> Any:
        return json.loads(self.out)


def run(*args: str, env: dict[str, str | None] | None = None, input: str | bytes | None = None) -> Run:
    """The CLI in-process, through the same `run` as the console script, with stdout
    and stderr captured apart (CliRunner's isolation: not a terminal)."""
    runner = CliRunner()
    with runner.isolation(input=input, env={**CLEAN_ENV, **(env or {})}) as (out, err, _):
        code = run_cli(list(args))
        sys.stdout.flush()  # what the process would flush at exit
        sys.stderr.flush()
        return Run(code, out.getvalue(), err.getvalue())


def cli(*args: str, env: dict[str, str] | None = None, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """The CLI as a real process (`python -m fitpartners`), for what only a process shows."""
    options: dict[str, Any] = {"capture_output": True, "text": True, "timeout": 60, **kwargs}
    return subprocess.run(
        [sys.executable, "-m", "fitpartners", *args], env=clean_environ(**(env or {})), **options
    )


def wheel_files() -> list[str]:
    """What the wheel carries, as pyproject.toml tells hatchling (test_installed builds it)."""
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]
    config = wheel["build"]["targets"]["wheel"]
    carried = list(config.get("force-include", {}).values())
    for package in config["packages"]:
        base = ROOT / package
        files = [p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        carried += [f"{base.name}/{p.relative_to(base).as_posix()}" for p in files]
    return carried


def one_line(text: str) -> bool:
    return len(text.strip().splitlines()) == 1 and text.endswith("\n")


@pytest.fixture(scope="session")
def raw() -> dict[str, Any]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def dataset(raw: dict[str, Any]) -> dict[str, Any]:
    """A private copy of the bundled dataset to modify."""
    return copy.deepcopy(raw)


@pytest.fixture
def write_data(tmp_path: Path) -> Callable[[Any], str]:
    counter = iter(range(10**6))

    def write(content: Any) -> str:
        path = tmp_path / f"data{next(counter)}.json"
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        return str(path)

    return write


def partner(data: dict[str, Any], pid: str) -> dict[str, Any]:
    """The partner record with this id in a raw dataset."""
    return next(p for p in data["partners"] if p["id"] == pid)


def read_until(fd: int, screen: bytes, done: Callable[[bytes], bool], deadline: float) -> bytes:
    """`screen` with what the terminal `fd` shows next, read until `done(screen)` holds, the
    shell is gone, or `deadline` (time.monotonic()) passes: the bound for a failure."""
    while not done(screen) and time.monotonic() < deadline:
        if select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the shell is gone
                return screen
            if not chunk:
                return screen
            screen += chunk
    return screen


# Issue 29's "done when": what must read entirely in Dutch under a Dutch locale, in the
# work tree (test_dutch.py) and from the installed wheel (test_installed.py).
DONE_WHEN = [
    ["search", "kaas", "naar", "Japan"],
    ["show", "medvia"],
    ["about"],
    ["list", "--periode", "x"],
    ["show"],
    ["lsit"],
    ["--help"],
    ["list", "--help"],
]

# Every command the app has, so that a test of each covers a new one too.
COMMAND_NAMES = [c.name for c in app.registered_commands if c.name]
