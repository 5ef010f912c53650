"""Shared helpers: run the CLI in-process, and make datasets to feed it."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from fitpartners.cli import run as run_cli

ROOT = Path(__file__).resolve().parents[1]
DATA_FILE = ROOT / "data" / "partners.json"
SOURCES = Path(__file__).resolve().parent / "sources"

# Environment that keeps results independent of the developer's shell.
CLEAN_ENV = {
    "FITPARTNERS_DATA": None,
    "FITPARTNERS_LANG": None,
    "FITPARTNERS_MAX_BYTES": None,
    "TTY_COMPATIBLE": None,
    "NO_COLOR": None,
    "FORCE_COLOR": None,
    "COLUMNS": "120",
    "LINES": "50",
}


def clean_environ(**extra: str) -> dict[str, str]:
    """This process's environment for a child, without the settings that change our
    output (the developer's or CI's shell may have any of them), plus `extra`."""
    mine = ("FITPARTNERS_", "TTY_COMPATIBLE", "FORCE_COLOR", "NO_COLOR", "COLUMNS", "LINES", "_FITPARTNERS")
    env = {k: v for k, v in os.environ.items() if not k.startswith(mine)}
    return {**env, **extra}


class Run:
    def __init__(self, result: Any) -> None:
        self.code: int = result.exit_code
        self.out: str = result.stdout
        self.err: str = result.stderr
        self.exception = result.exception

    def json(self) -> Any:
        return json.loads(self.out)


class Result:
    def __init__(self, code: int, out: bytes, err: bytes) -> None:
        self.exit_code = code
        self.stdout = out.decode("utf-8", "replace")
        self.stderr = err.decode("utf-8", "replace")
        self.exception = None


def run(*args: str, env: dict[str, str | None] | None = None, input: str | bytes | None = None) -> Run:
    """The CLI in-process, through the same `run` as the console script, with stdout
    and stderr captured apart (CliRunner's isolation: not a terminal)."""
    runner = CliRunner()
    with runner.isolation(input=input, env={**CLEAN_ENV, **(env or {})}) as (out, err, _):
        code = run_cli(list(args))
        return Run(Result(code, out.getvalue(), err.getvalue()))


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
