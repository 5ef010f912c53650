"""What a command loads: paths that print no table never import Rich, and every dataset,
the bundled one too, is read through the models (one schema at run time)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import DATA_FILE, clean_environ

PROBE = r"""
import json, sys
from fitpartners.cli import run
run(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("rich", "fitpartners", "typer", "jq"))
sys.stderr.write("\n" + json.dumps(loaded))
"""


def modules(*args: str, env: dict[str, str] | None = None) -> list[str]:
    r = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=clean_environ(**(env or {})),
        timeout=60,
    )
    return json.loads(r.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "args",
    [
        ["show", "Voka", "--json"],
        ["list", "--json"],
        *(["list", "--format", fmt] for fmt in ("jsonl", "csv", "tsv", "markdown", "table")),
        *([command, "--json"] for command in ("domains", "types", "matrix", "about", "history")),
        ["search", "games", "--json"],
        ["validate"],
        ["schema"],
        ["--version"],
        ["list"],
        ["show", "voka"],
        ["about"],
        ["show", "nobody"],
        ["list", "--domain", "nowhere"],
    ],
    ids=lambda a: " ".join(a),
)
def test_paths_without_a_terminal_table_never_import_rich(args):
    loaded = modules(*args)
    assert "fitpartners.cli" in loaded  # the probe ran
    assert not [m for m in loaded if m.startswith("rich")], loaded
    assert "fitpartners.views" not in loaded
    assert "jq" not in loaded  # only --jq loads it


def test_completion_never_imports_rich():
    env = {"_FITPARTNERS_COMPLETE": "complete_bash", "COMP_WORDS": "fitpartners show vo", "COMP_CWORD": "2"}
    loaded = modules(env=env)
    assert loaded and not [m for m in loaded if m.startswith("rich")], loaded


def test_a_terminal_table_does_import_rich():
    # The probe itself works: the same check sees Rich where a table is drawn.
    loaded = modules("list", env={"TTY_COMPATIBLE": "1"})
    assert "rich.table" in loaded and "fitpartners.views" in loaded
    assert "jq" in modules("list", "--jq", ".[0].name")


@pytest.mark.parametrize("data", ["bundled", "user"])
def test_every_dataset_is_read_through_the_models(tmp_path, data):
    args = ["list", "--json"]
    if data == "user":
        path = tmp_path / "mine.json"
        path.write_bytes(DATA_FILE.read_bytes())
        args += ["--data", str(path)]
    loaded = modules(*args)
    assert "fitpartners.models" in loaded and "fitpartners.loader" in loaded
