"""What a run loads and touches: paths that print no terminal table never import Rich (nor
jq without --jq), shell completion neither, and every dataset, the bundled one too, is read
through the models; the Ctrl-C handler is in place before any heavy import; and no command
writes a file or opens the network (but --install-completion, tests/test_install.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from conftest import DATA_FILE, clean_environ

# -- imports -----------------------------------------------------------------------------------

PROBE = r"""
import json, sys
from fitpartners.cli.app import run
run(sys.argv[1:])
watched = ("rich", "fitpartners", "typer", "jq", "pycountry")
loaded = sorted(m for m in sys.modules if m.split(".")[0] in watched)
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
    assert "fitpartners.cli.app" in loaded  # the probe ran
    assert not [m for m in loaded if m.startswith("rich")], loaded
    assert "fitpartners.output.views" not in loaded
    assert "jq" not in loaded  # only --jq loads it


@pytest.mark.parametrize(
    "args", [["show", "Voka", "--json"], ["show", "medvia"], ["list", "--json"]], ids=" ".join
)
def test_naming_a_partner_does_not_load_the_search(args):
    """show resolves a name in the catalog: only a search loads the search module."""
    assert "fitpartners.search.ranking" not in modules(*args)
    assert "fitpartners.search.ranking" in modules("search", "voka", "--json")


def test_completion_never_imports_rich():
    env = {"_FITPARTNERS_COMPLETE": "complete_bash", "COMP_WORDS": "fitpartners show vo", "COMP_CWORD": "2"}
    loaded = modules(env=env)
    assert loaded and not [m for m in loaded if m.startswith("rich")], loaded


@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["list", "--json"], ["--show-completion", "bash"], []], ids=" ".join
)
def test_only_install_completion_imports_the_installer(args, tmp_path):
    complete = {
        "_FITPARTNERS_COMPLETE": "complete_bash",
        "COMP_WORDS": "fitpartners show vo",
        "COMP_CWORD": "2",
    }
    loaded = modules(*args, env=complete if not args else None)
    assert "fitpartners.cli.app" in loaded and "fitpartners.cli.install" not in loaded
    assert "fitpartners.cli.install" in modules("--install-completion", "bash", env={"HOME": str(tmp_path)})


def test_a_terminal_table_does_import_rich():
    # The probe itself works: the same check sees Rich where a table is drawn.
    loaded = modules("list", env={"TTY_COMPATIBLE": "1"})
    assert "rich.table" in loaded and "fitpartners.output.views" in loaded
    assert "jq" in modules("list", "--jq", ".[0].name")


@pytest.mark.parametrize(
    "args",
    [
        ["search", "kaas", "japan", "--json"],
        ["search", "kaas", "japan", "TTY"],
        ["show", "CHAMBER"],  # the plain card names the country
        ["show", "CHAMBER", "TTY"],
    ],
    ids=lambda a: " ".join(a),
)
def test_search_and_country_names_read_the_country_index_not_pycountry(args):
    """What a search and a country's name need of pycountry is in data/country_index.json;
    only reading --country, its completion and validate import pycountry."""
    chamber = next(
        p["id"] for p in json.loads(DATA_FILE.read_text(encoding="utf-8"))["partners"] if p["country"]
    )
    terminal = {"TTY_COMPATIBLE": "1"} if "TTY" in args else None
    loaded = modules(*[chamber if a == "CHAMBER" else a for a in args if a != "TTY"], env=terminal)
    assert "fitpartners.search.countries" in loaded  # a country was read or named
    assert "pycountry" not in loaded, args
    assert "pycountry" in modules("list", "--country", "japan", "--json")


@pytest.mark.parametrize("data", ["bundled", "user"])
def test_every_dataset_is_read_through_the_models(tmp_path, data):
    args = ["list", "--json"]
    if data == "user":
        path = tmp_path / "mine.json"
        path.write_bytes(DATA_FILE.read_bytes())
        args += ["--data", str(path)]
    loaded = modules(*args)
    assert "fitpartners.dataset.models" in loaded and "fitpartners.dataset.loader" in loaded


# -- the Ctrl-C handler ------------------------------------------------------------------------

HANDLER_PROBE = r"""
import json, signal, sys
seen = {}


class Spy:
    # Notes the Ctrl-C handler in place when each heavy module is first imported.
    def find_spec(self, name, path=None, target=None):
        if name in ("typer", "rich", "pydantic", "fitpartners.cli.app") and name not in seen:
            seen[name] = getattr(signal.getsignal(signal.SIGINT), "__qualname__", "default")
        return None


sys.meta_path.insert(0, Spy())
sys.argv = ["fitpartners", *sys.argv[1:]]
from fitpartners.cli import entry
try:
    entry.main()
except SystemExit:
    pass
sys.stderr.write("\n" + json.dumps(seen))
"""


@pytest.mark.parametrize("args", [["--version"], ["list", "--json"]], ids=" ".join)
def test_the_ctrl_c_handler_is_in_place_before_any_heavy_import(args):
    # The handler is in place before Typer, Rich, Pydantic or our CLI is imported, shown
    # by the import order itself (no timing): an interrupt from then on is one line, exit 130.
    r = subprocess.run(
        [sys.executable, "-c", HANDLER_PROBE, *args],
        capture_output=True,
        text=True,
        env=clean_environ(),
        timeout=60,
    )
    seen = json.loads(r.stderr.strip().splitlines()[-1])
    assert "fitpartners.cli.app" in seen and "typer" in seen
    assert set(seen.values()) == {"_interrupted"}, seen


# -- no files written, no network opened -------------------------------------------------------

AUDIT = r"""
import sys
events = []
def hook(event, args):
    if event == "open" and args[1] is not None and any(c in str(args[1]) for c in "wax+"):
        events.append(("write", str(args[0]), args[1]))
    if event == "open" and isinstance(args[2], int) and args[2] & 0o3:  # O_WRONLY / O_RDWR
        if str(args[0]) != "/dev/null":
            events.append(("write", str(args[0]), args[2]))
    if event.startswith("socket."):
        events.append(("network", event))
sys.addaudithook(hook)
from fitpartners.cli.app import run
codes = [run(argv) for argv in ARGVS]
sys.stderr.write(repr(codes) + "\n" + repr(events))
"""


def test_the_tool_never_writes_files_or_opens_the_network(tmp_path):
    argvs = [
        ["list"],
        ["show", "voka"],
        ["search", "food"],
        ["domains"],
        ["types"],
        ["matrix"],
        ["history"],
        ["about"],
        ["validate"],
        ["schema"],
        ["list", "--format", "csv"],
        ["list", "--jq", ".[0].name"],
        ["show", "nobody"],
        ["list", "--domain", "x"],
        ["--help"],
        ["--show-completion", "bash"],
        ["list", "--data", str(tmp_path / "missing.json")],
    ]
    script = AUDIT.replace("ARGVS", repr(argvs))
    r = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_environ(TTY_COMPATIBLE="1"),
        timeout=120,
    )
    codes, events = r.stderr.strip().splitlines()[-2:]
    assert codes == repr([0] * 12 + [1, 2, 0, 0, 1]), r.stderr
    assert events == "[]", events
    assert list(tmp_path.iterdir()) == []


# -- a run builds only the command it names ------------------------------------------------------


def _through(command: Any, args: list[str]) -> tuple[str, str, str]:
    """stdout, stderr and the outcome of `args` run through a Click group, as `run` runs it."""
    from typer.testing import CliRunner

    with CliRunner().isolation(env={"FITPARTNERS_TODAY": "2026-11-28", "COLUMNS": "80"}) as (out, err, _):
        try:
            outcome = repr(command.main(args=args, prog_name="fitpartners", standalone_mode=False))
        except Exception as exc:  # noqa: BLE001 - the outcome is compared, whatever it is
            where = getattr(getattr(exc, "ctx", None), "command_path", None)
            outcome = f"{type(exc).__name__}: {exc} at {where}"
        sys.stdout.flush()
        return out.getvalue().decode(), err.getvalue().decode(), outcome


COMMANDS = [
    "list",
    "show",
    "search",
    "domains",
    "types",
    "matrix",
    "history",
    "about",
    "validate",
    "init",
    "schema",
]


@pytest.mark.parametrize("name", COMMANDS)
def test_a_run_builds_only_its_command_and_behaves_as_the_whole_app(name):
    from fitpartners.cli.app import command_tree

    one, whole = command_tree(name), command_tree(None)
    assert list(one.commands) == [name] and list(whole.commands) == COMMANDS
    cases = (
        [name, "--help"],
        [name, "-h"],
        [name],
        [name, "--no-such-option"],
        [name, "--version"],
        [name, "--data", "/nonexistent", "x"],
        [name, "--json"],
    )
    for args in cases:
        assert _through(one, args) == _through(whole, args), args


def test_without_a_command_name_first_the_whole_app_runs(monkeypatch):
    from fitpartners.cli import app as cli

    built: list[str | None] = []
    cli.command_tree.cache_clear()  # each command built afresh, whatever ran before
    real = cli.command_tree

    def spy(name: str | None = None, lang: str = "en") -> Any:
        built.append(name)
        return real(name, lang)

    monkeypatch.setattr(cli, "command_tree", spy)
    asked = []
    for argv in (["--help"], ["--version", "show"], ["shwo"], ["Show"], ["show", "voka"]):
        built.clear()
        cli.run(argv)
        asked.append(built[0])
        # The whole app builds a command when it is asked for: help all of them, --version none.
        assert built[1:] == (COMMANDS if argv == ["--help"] else []), argv
    assert asked == ["--help", "--version", "shwo", "Show", "show"]
    # The name is looked up as given: anything but a command's name gets the whole app.
    for name in asked:
        assert list(real(name).commands) == ([name] if name in COMMANDS else COMMANDS), name


def test_completing_a_commands_words_builds_that_command_only(monkeypatch):
    """`fitpartners show vo<TAB>` builds `show`; completing a command's name builds them
    all, for their help."""
    from typer.testing import CliRunner

    from fitpartners.cli import app as cli

    built: list[str | None] = []
    real = cli.command_tree
    monkeypatch.setattr(
        cli, "command_tree", lambda name=None, lang="en": built.append(name) or real(name, lang)
    )
    for words, cword, expected in (("fitpartners show vo", "2", ["show"]), ("fitpartners s", "1", COMMANDS)):
        real.cache_clear()  # each command built afresh, whatever ran before
        built.clear()
        env = {"_FITPARTNERS_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": cword}
        with CliRunner().isolation(env=env) as (out, _, _):
            assert cli.run([]) == 0
            offered = out.getvalue().decode().split()
        assert built == [None, *expected]
        assert ("voka" if cword == "2" else "show") in offered


def test_pydantic_plugins_stay_off_unless_the_user_asks(tmp_path):
    """An installed pydantic plugin is not loaded (entry.py); a user who sets
    PYDANTIC_DISABLE_PLUGINS, here to nothing, gets pydantic's own behaviour."""
    (tmp_path / "fakeplugin.py").write_text(
        "import sys\nsys.stderr.write('PLUGIN LOADED\\n')\nclass Plugin:\n    pass\nplugin = Plugin()\n",
        encoding="utf-8",
    )
    dist = tmp_path / "fakeplugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: fakeplugin\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist / "entry_points.txt").write_text("[pydantic]\nfake = fakeplugin:plugin\n", encoding="utf-8")
    probe = (
        "import sys; from fitpartners.cli import entry; "
        "sys.argv = ['fitpartners', 'show', 'voka', '--json']; entry.main()"
    )
    env = clean_environ(PYTHONPATH=str(tmp_path))
    r = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and "PLUGIN LOADED" not in r.stderr, r.stderr
    r = subprocess.run(
        [sys.executable, "-c", probe], env={**env, "PYDANTIC_DISABLE_PLUGINS": ""}, capture_output=True,
        text=True, timeout=60,
    )  # fmt: skip
    assert "PLUGIN LOADED" in r.stderr
