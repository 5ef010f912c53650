"""The wheel as a user installs it: built, installed into a clean venv, run from elsewhere."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import ROOT, clean_environ

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheels = list((work / "dist").glob("fitpartners-*.whl"))
    assert len(wheels) == 1
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheels[0])],
        check=True,
        capture_output=True,
    )
    return env_dir / "bin"


def run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = clean_environ()
    return subprocess.run(
        [str(bin_dir / "fitpartners"), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=60
    )


def test_the_wheel_carries_the_data(installed: Path, tmp_path: Path):
    r = run(installed, "show", "Voka", "--json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["name"] == "Voka"
    # The installed copy is the bundled one, and it is valid.
    r = run(installed, "validate", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == "bundled dataset: valid\n"
    data = subprocess.run(
        [str(installed / "python"), "-c", "import fitpartners.loader as l; print(len(l.bundled_bytes()))"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    assert int(data.stdout) == (ROOT / "data" / "partners.json").stat().st_size


def test_installed_script_lists_and_fails_with_documented_codes(installed: Path, tmp_path: Path):
    r = run(installed, "list", "--domain", "food", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("9\tFevia Vlaanderen\t")
    r = run(installed, "show", "nobody", cwd=tmp_path)
    assert r.returncode == 1 and r.stdout == "" and "Traceback" not in r.stderr
    r = run(installed, "list", "--domain", "space", cwd=tmp_path)
    assert r.returncode == 2 and "valid:" in r.stderr


def test_python_dash_m_works(installed: Path, tmp_path: Path):
    r = subprocess.run(
        [str(installed / "python"), "-m", "fitpartners", "--version"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert r.returncode == 0 and r.stdout.startswith("fitpartners ")
