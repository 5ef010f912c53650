"""The documentation tells the truth: README's examples, the CLI reference, CI's command."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def test_readme_examples_cli_reference_and_pictures_are_fresh():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "docs.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"To run the tests.*?```sh\n(.+?)\n```", readme, re.S)
    assert len(blocks) == 1
    command = blocks[0].strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci.splitlines()


def test_readme_documents_every_command_and_exit_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    from scripts_docs import commands

    for command in commands():
        assert f"`{command}" in readme, command
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 130 |"):
        assert code in readme
