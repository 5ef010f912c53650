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


def test_ci_installs_zsh_and_fish_before_the_tests():
    # Their completion tests skip where the shell is missing: in CI they run.
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install = ci.index("apt-get install -y -qq zsh fish")
    assert install < ci.index("python -m pytest")


def test_readme_documents_every_command_and_exit_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    from scripts_docs import commands

    for command in commands():
        assert f"`{command}" in readme, command
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 130 |"):
        assert code in readme


def test_readme_is_short_for_users_and_names_no_internals():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 220
    for internal in ("gc.freeze", "garbage collector", "PYDANTIC_DISABLE_PLUGINS", "perf_counter", "mutmut"):
        assert internal not in readme, internal


def test_every_document_the_readme_links_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#]+\.md)\)", readme)
    assert {"docs/cli.md", "docs/search.md", "docs/data.md", "docs/api.md", "docs/performance.md",
            "CONTRIBUTING.md", "CHANGELOG.md"} <= set(links)  # fmt: skip
    for link in links:
        assert (ROOT / link).is_file(), link


def test_the_python_example_in_the_readme_runs_as_shown():
    import doctest

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Use from Python.*?```python\n(.+?)```", readme, re.S)
    assert block is not None
    test = doctest.DocTestParser().get_doctest(block.group(1), {}, "README", "README.md", 0)
    assert len(test.examples) >= 5
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0
