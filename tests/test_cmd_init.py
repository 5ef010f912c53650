"""`fitpartners init PATH`: a start for your own data, written whole or not at all; and every
example in every command's help, run as written."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA_FILE, clean_environ, run
from fitpartners.cli.app import APP_SETTINGS, app


def test_init_writes_the_bundled_dataset_that_validate_and_data_take(tmp_path):
    path = tmp_path / "my-partners.json"
    r = run("init", str(path))
    assert r.code == 0 and r.out == ""
    assert path.read_bytes() == Path(DATA_FILE).read_bytes()
    said = f"wrote {path}: the bundled dataset; check your changes with: fitpartners validate {path}"
    assert r.err == f"fitpartners: {said}\n"
    assert run("validate", str(path)).code == 0
    assert len(run("list", "--data", str(path), "--json").json()) == 21
    assert sorted(os.listdir(tmp_path)) == ["my-partners.json"]  # no temporary file left


def test_init_keeps_a_file_that_exists_unless_forced(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text("my own work")
    r = run("init", str(path))
    assert r.code == 1 and path.read_text() == "my own work"
    assert (
        r.err
        == f"fitpartners: {path} exists: nothing written; to replace it: fitpartners init {path} --force\n"
    )
    dutch = run("init", str(path), "--lang", "nl")
    assert dutch.code == 1 and "bestaat al: niets geschreven" in dutch.err
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "nowhere.json")  # a dangling link is a name taken too
    assert run("init", str(link)).code == 1 and not (tmp_path / "nowhere.json").exists()
    forced = run("init", str(path), "--force")
    assert forced.code == 0 and path.read_bytes() == Path(DATA_FILE).read_bytes()
    assert sorted(os.listdir(tmp_path)) == ["link.json", "mine.json"]


def test_init_that_cannot_write_says_so_and_leaves_nothing(tmp_path):
    r = run("init", str(tmp_path / "no-such-folder" / "x.json"))
    assert r.code == 1 and r.err.startswith("fitpartners: cannot write ") and "Traceback" not in r.err
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("root writes to any folder")
        r = run("init", str(folder / "x.json"))
        assert r.code == 1 and "Permission denied" in r.err
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o700)
    assert run("init", "").code == 2  # an empty name is no file


def test_init_quotes_a_name_for_the_commands_it_suggests(tmp_path):
    path = tmp_path / "my data $x.json"
    r = run("init", str(path))
    assert r.code == 0 and f"fitpartners validate '{path}'" in r.err
    again = run("init", str(path))
    assert f"fitpartners init '{path}' --force" in again.err


def _examples() -> list[tuple[str, list[str]]]:
    """(command, its help's example lines), the app's own first."""
    found = [("fitpartners", APP_SETTINGS["epilog"])]
    found += [(c.name or "", c.epilog or "") for c in app.registered_commands]
    return [(name, re.findall(r"^  (fitpartners .+|cat .+)$", epilog, re.M)) for name, epilog in found]


def test_every_command_has_examples_in_its_help():
    examples = dict(_examples())
    assert all(examples.values()), [name for name, lines in examples.items() if not lines]
    assert len(examples) == len(app.registered_commands) + 1


@pytest.mark.parametrize("name,lines", _examples(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_example_in_the_help_runs_as_written(name, lines, tmp_path, monkeypatch):
    """Each command's examples, in their order, in an empty folder: each exits 0 (an example
    that needs a file the ones before it did not make fails). A plain command runs in-process
    (as the console script does); one with a pipe or a redirection through bash."""
    script = shutil.which("fitpartners", path=os.path.dirname(sys.executable))
    assert script is not None
    env = {**clean_environ(), "PATH": f"{os.path.dirname(script)}:{os.environ.get('PATH', '')}"}
    monkeypatch.chdir(tmp_path)
    for line in lines:
        words = shlex.split(line)
        if words[0] == "fitpartners" and not set("|<>;&") & set(line):  # else through bash
            r = run(*words[1:])
            assert r.code == 0 and "Traceback" not in r.err, (line, r.err)
            continue
        done = subprocess.run(["bash", "-c", line], env=env, capture_output=True, text=True)
        assert done.returncode == 0, (line, done.stderr)
        assert "Traceback" not in done.stderr
