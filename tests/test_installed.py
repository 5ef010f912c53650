"""The wheel as a user installs it: built, installed into a clean venv, run from elsewhere."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import DONE_WHEN, ROOT, clean_environ, one_line, wheel_files

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


def run(bin_dir: Path, *args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bin_dir / "fitpartners"), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean_environ(**env),
        timeout=60,
    )


def package_dir(bin_dir: Path, cwd: Path) -> Path:
    found = subprocess.run(
        [
            str(bin_dir / "python"),
            "-c",
            "import fitpartners, pathlib; print(pathlib.Path(fitpartners.__file__).parent)",
        ],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean_environ(),
        check=True,
    )
    return Path(found.stdout.strip())


def test_the_wheel_carries_the_data(installed: Path, tmp_path: Path):
    r = run(installed, "show", "Voka", "--json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["name"] == "Voka"
    # The installed copy is the bundled one, inside the package, and it is valid.
    inside = package_dir(installed, tmp_path) / "data" / "partners.json"
    r = run(installed, "validate", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == f"{inside}: valid\n", r.stdout + r.stderr
    assert inside.read_bytes() == (ROOT / "data" / "partners.json").read_bytes()


def test_the_wheel_carries_what_the_help_check_reads_from_pyproject(installed: Path, tmp_path: Path):
    # test_output's check of helps and messages for files the wheel lacks reads pyproject.toml.
    site = package_dir(installed, tmp_path).parent
    found = {
        p.relative_to(site).as_posix()
        for p in (site / "fitpartners").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert found == set(wheel_files())


@pytest.mark.parametrize("args", DONE_WHEN, ids=" ".join)
def test_a_dutch_locale_reads_dutch_from_the_installed_wheel(installed: Path, tmp_path: Path, args):
    """Issue 29's 'done when': the wheel carries the compiled catalogue, and the locale alone
    makes it speak Dutch; C and an English locale give English; --lang en overrides."""
    from test_dutch import english_left

    dutch = run(installed, *args, cwd=tmp_path, LANG="nl_BE.UTF-8")
    assert dutch.returncode in (0, 1, 2)
    assert english_left(dutch.stdout + dutch.stderr) == [], dutch.stdout + dutch.stderr
    english = run(installed, *args, cwd=tmp_path, LC_ALL="C")
    assert english.stdout + english.stderr != dutch.stdout + dutch.stderr
    for env in ({"LANG": "en_US.UTF-8"}, {"LANG": "nl_BE.UTF-8", "FITPARTNERS_LANG": "en"}):
        other = run(installed, *args, cwd=tmp_path, **env)
        assert (other.stdout, other.stderr) == (english.stdout, english.stderr)
    assert (package_dir(installed, tmp_path) / "locale" / "nl" / "LC_MESSAGES" / "fitpartners.mo").is_file()


def test_installed_script_lists_and_fails_with_documented_codes(installed: Path, tmp_path: Path):
    r = run(installed, "list", "--domain", "food", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.startswith("9\tFevia Vlaanderen\t")
    r = run(installed, "list", "--jq", ".[0].name", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == "Agoria\n"
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
        env=clean_environ(),
    )
    assert r.returncode == 0 and r.stdout.startswith("fitpartners ")


def test_drift_in_the_installed_data_is_a_data_error(installed: Path, tmp_path: Path):
    # A copy of the installed package whose bundled file no longer fits the models (a
    # renamed field): every command says which file, record and field, in one line.
    copied = tmp_path / "site"
    shutil.copytree(package_dir(installed, tmp_path), copied / "fitpartners")
    data_file = copied / "fitpartners" / "data" / "partners.json"
    data = json.loads(data_file.read_text(encoding="utf-8"))
    first = data["partners"][0]
    assert first["id"] == "agoria"
    first["title"] = first.pop("name")
    data_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    env = {k: v for k, v in clean_environ(PYTHONPATH=str(copied)).items() if k != "FITPARTNERS_DATA"}
    for args in (["list", "--json"], ["show", "voka"], ["domains"]):
        r = subprocess.run(
            [str(installed / "python"), "-m", "fitpartners", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=60,
        )
        assert r.returncode == 1, (args, r.stderr)
        assert r.stdout == "" and one_line(r.stderr), (args, r.stderr)
        for fragment in (str(data_file), "partners[0] (agoria)", "name"):
            assert fragment in r.stderr, (args, fragment, r.stderr)
        assert "Traceback" not in r.stderr and "internal" not in r.stderr


API_PROBE = """
import datetime, json, fitpartners
c = fitpartners.load(today=datetime.date(2026, 11, 28))
try:
    c.lookup("flanders")
except LookupError as e:
    ambiguous = e.candidates
print(json.dumps({
    "partners": len(c.partners),
    "lookup": c.lookup("medvia").id,
    "search": [h.partner.id for h in c.search("food japan")][:1],
    "select": [p.id for p in c.select(type="chamber", country="china")],
    "records": c.records(c.select(type="chamber"))[0]["name"],
    "ambiguous": len(ambiguous) > 1,
}))
"""


def test_the_api_from_the_installed_wheel(installed: Path, tmp_path: Path):
    r = subprocess.run(
        [str(installed / "python"), "-c", API_PROBE],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_environ(),
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {
        "partners": 21,
        "lookup": "flanders-healthtech",
        "search": ["fevia-vlaanderen"],
        "select": ["bcecc", "vckk"],
        "records": "BCECC",
        "ambiguous": True,
    }


def test_completion_from_the_installed_wheel(installed: Path, tmp_path: Path):
    # Typer carries its own Click: nothing of ours may need another one.
    env = {"_FITPARTNERS_COMPLETE": "complete_bash", "COMP_WORDS": "fitpartners show VOK", "COMP_CWORD": "2"}
    r = run(installed, cwd=tmp_path, **env)
    assert r.returncode == 0 and r.stdout.split() == ["voka"], r.stderr


def test_install_completion_from_the_installed_wheel(installed: Path, tmp_path: Path):
    # A start-up file of the user's, with a byte that is no UTF-8, under a HOME with a quote.
    home = tmp_path / "o'brien home"
    home.mkdir()
    original = b"alias caf\xe9='ls -l'\n"
    (home / ".bashrc").write_bytes(original)
    for shell in ("bash", "bash", "zsh", "fish"):
        r = run(installed, "--install-completion", shell, cwd=tmp_path, HOME=str(home), XDG_CONFIG_HOME="")
        assert (r.returncode, r.stderr) == (0, ""), shell
        assert r.stdout.startswith(f"{shell} completion installed in {home}/"), r.stdout
    script = home / ".bash_completions" / "fitpartners.sh"
    assert (home / ".bashrc").read_bytes() == original + f"source {shlex.quote(str(script))}\n".encode()
    assert (home / ".zfunc" / "_fitpartners").is_file() and (home / ".zshrc").is_file()
    assert (home / ".config" / "fish" / "completions" / "fitpartners.fish").is_file()


@pytest.mark.parametrize("width", [40, 80, 120, None], ids=lambda w: str(w or "pipe"))
def test_the_designs_examples_read_right_from_the_installed_wheel(installed: Path, tmp_path: Path, width):
    """list --domain food, show Voka and a search, as tests/golden/layouts pins them."""
    from test_layouts import EXAMPLES, golden_name

    terminal = {"TTY_COMPATIBLE": "1", "TERM": "dumb", "COLUMNS": str(width)} if width else {"COLUMNS": "40"}
    for name in ("list-food", "show-voka", "search-kaas-japan"):
        r = run(installed, *EXAMPLES[name], cwd=tmp_path, **terminal)
        assert r.returncode == 0, r.stderr
        assert r.stdout + r.stderr == golden_name(name, width).read_text(encoding="utf-8"), (name, width)


def test_init_from_the_installed_wheel_gives_a_start_for_your_own_data(installed: Path, tmp_path: Path):
    r = run(installed, "init", "my-partners.json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert run(installed, "validate", "my-partners.json", cwd=tmp_path).stdout == "my-partners.json: valid\n"
    assert (
        run(installed, "list", "--data", "my-partners.json", "--jq", "length", cwd=tmp_path).stdout == "21\n"
    )
