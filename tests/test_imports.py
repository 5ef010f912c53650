"""What a command loads: paths that print no table never import Rich, and the bundled
dataset is read without building the Pydantic models (start-up time, not correctness)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import clean_environ

PROBE = r"""
import json, sys
from fitpartners.cli import app
try:
    app(sys.argv[1:], prog_name="fitpartners")
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("rich", "fitpartners"))
sys.stderr.write("\n" + json.dumps(loaded))
"""


def modules(*args: str, env: dict[str, str] | None = None) -> list[str]:
    base = clean_environ()
    r = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        timeout=60,
    )
    return json.loads(r.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "args",
    [
        ["show", "Voka", "--json"],
        ["list", "--json"],
        *(["list", "--format", fmt] for fmt in ("jsonl", "csv", "tsv", "markdown")),
        *([command, "--json"] for command in ("domains", "matrix", "about", "history")),
        ["search", "games", "--json"],
        ["--version"],
        ["list"],
        ["show", "nobody"],
        ["list", "--domain", "nowhere"],
    ],
    ids=lambda a: " ".join(a),
)
def test_paths_without_a_table_never_import_rich(args):
    loaded = modules(*args)
    assert not [m for m in loaded if m.startswith("rich")], loaded
    assert "fitpartners.models" not in loaded and "fitpartners.views" not in loaded


def test_completion_never_imports_rich():
    env = {"_FITPARTNERS_COMPLETE": "complete_bash", "COMP_WORDS": "fitpartners show vo", "COMP_CWORD": "2"}
    loaded = modules(env=env)
    assert loaded and not [m for m in loaded if m.startswith("rich")], loaded


def test_a_terminal_table_does_import_rich():
    # The probe itself works: the same check sees Rich where a table is drawn.
    loaded = modules("list", env={"TTY_COMPATIBLE": "1"})
    assert "rich.table" in loaded and "fitpartners.views" in loaded


def test_a_users_data_file_is_validated_by_the_models(tmp_path):
    from conftest import DATA_FILE

    path = tmp_path / "mine.json"
    path.write_bytes(DATA_FILE.read_bytes())
    assert "fitpartners.models" in modules("list", "--json", "--data", str(path))
