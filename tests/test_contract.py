"""The output contract: what scripts and people can rely on, whatever the command."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from typing import Any

import pytest
import typer

from conftest import SCRIPT, TERMINAL, clean_environ, one_line, run
from fitpartners.cli import app

PLAIN_KEY = re.compile(r"^[a-z_][a-z0-9_]*$")


# -- tables and rows -------------------------------------------------------------------------


def test_format_table_in_a_pipe_is_a_plain_table_with_a_header():
    r = run("list", "--format", "table")
    assert r.code == 0
    lines = r.out.splitlines()
    assert lines[0].split() == ["number", "name", "type", "domains", "country", "status"]
    assert set(lines[1]) == {"-", " "}
    assert len(lines) == 2 + 21
    assert lines[2].split()[:2] == ["1", "Agoria"]
    assert "\x1b" not in r.out and "\t" not in r.out
    # Columns line up: each heading starts where its column does.
    start = lines[0].index("name")
    assert all(line[start:].startswith(name) for line, name in ((lines[2], "Agoria"), (lines[22], "Voka")))
    bare = run("list", "--format", "table", "--no-headers").out.splitlines()
    assert bare[0].split()[:2] == ["1", "Agoria"] and len(bare) == 21


def test_a_pipe_without_format_gets_bare_tab_separated_rows():
    r = run("list")
    lines = r.out.splitlines()
    assert len(lines) == 21  # no header
    assert all(line.count("\t") == 5 for line in lines)
    assert lines[0].split("\t")[:3] == ["1", "Agoria", "sector federation"]


def test_show_in_a_pipe_is_the_card_as_plain_lines():
    r = run("show", "voka")
    assert r.code == 0 and r.err == ""
    lines = r.out.splitlines()
    assert lines[0] == "name: Voka [1]"
    assert "also known as: Vlaams netwerk van ondernemingen; Flemish Network of Enterprises [2]" in lines
    assert "website: https://voka.be [1]" in lines
    at = lines.index("sources:")
    assert lines[at + 1].startswith("[1] Voka, 2021-11-26, ") and lines[at + 1].endswith(
        "https://voka.be/nieuws/fit-breekt-samen-met-voka-een-lans-voor-meer-internationalisering-groei-en-welvaart"
    )
    assert lines[-1] == "[E] editorial: our judgement from the description, not FIT's"
    assert "\x1b" not in r.out and "\t" not in r.out
    assert run("show", "voka", "--format", "table").out == r.out


def test_show_fields_limits_the_card_and_tsv_gives_the_row():
    assert run("show", "voka", "--fields", "name,website").out == "Voka\thttps://voka.be\n"
    tsv = run("show", "voka", "--format", "tsv").out.splitlines()
    assert len(tsv) == 2 and tsv[1].startswith("voka\t21\tVoka\t")


def test_csv_is_the_same_bytes_in_every_language():
    en = run("list", "--format", "csv", "--period", "all")
    assert en.code == 0
    assert run("list", "--format", "csv", "--period", "all", env={"FITPARTNERS_LANG": "nl"}).raw == en.raw
    assert run("list", "--format", "csv", "--period", "all", "--lang", "nl").raw == en.raw
    assert run("list", "--format", "tsv", "--lang", "nl").raw == run("list", "--format", "tsv").raw


def test_labels_switch_csv_and_tsv_to_the_labels_of_the_language():
    def column(fmt: str, *args: str, **env: str) -> list[str]:
        out = run("list", "--format", fmt, "--fields", "type,cross_sector", *args, env=env).out
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        return [f"{t}/{c}" for t, c in rows[1:3]]

    assert column("csv") == ["sector-federation/false", "bilateral-chamber/true"]
    assert column("csv", "--labels") == ["sector federation/no", "bilateral chamber of commerce/yes"]
    assert column("tsv", "--labels", "--lang", "nl") == [
        "sectorfederatie/no",
        "bilaterale Kamer van Koophandel/yes",
    ]
    assert column("tsv", "--labels", FITPARTNERS_LANG="nl") == column("tsv", "--labels", "--lang", "nl")


@pytest.mark.parametrize("fmt", ["csv", "tsv", "table"])
def test_no_headers_for_csv_tsv_and_table(fmt):
    with_header = run("list", "--format", fmt, "--fields", "number,name").out.splitlines()
    without = run("list", "--format", fmt, "--fields", "number,name", "--no-headers").out.splitlines()
    assert with_header[0].replace(",", " ").replace("\t", " ").split() == ["number", "name"]
    assert len(without) == 21
    assert without[0].replace(",", " ").replace("\t", " ").split() == ["1", "Agoria"]
    assert with_header[-1] == without[-1] or fmt == "table"


def test_no_headers_in_a_terminal_table():
    r = run("list", "--no-headers", "--fields", "number,name", env=TERMINAL)
    assert r.out.split()[:2] == ["1", "Agoria"]


# -- jq ----------------------------------------------------------------------------------------


def test_jq_needs_no_jq_program():
    dirs = [d for d in os.environ.get("PATH", "").split(os.pathsep) if d and not shutil.which("jq", path=d)]
    path = os.pathsep.join(dirs)
    assert shutil.which("jq", path=path) is None
    r = subprocess.run(
        [str(SCRIPT), "list", "--jq", ".[0].name"],
        capture_output=True,
        text=True,
        env=clean_environ(PATH=path),
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert r.stdout == "Agoria\n" and r.stderr == ""


def test_jq_results_one_per_line_strings_raw():
    assert run("list", "--jq", ".[0].name").out == "Agoria\n"
    assert run("list", "--jq", ".[:2][] | .number").out == "1\n2\n"
    assert run("list", "--jq", ".[0].description").out == (
        '{"nl":"federatie voor de technologische industrie","en":"federation for the technology industry"}\n'
    )
    assert run("show", "voka", "--jq", ".number").out == "21\n"
    assert run("about", "--jq", ".latest_round").out == "2022-2026\n"


def test_jq_strings_keep_tabs_and_line_feeds_as_jq_r_does():
    r = run("list", "--jq", ".[:2][] | [.id, .name] | @tsv")
    assert r.out == "agoria\tAgoria\nbcecc\tBCECC\n"
    assert run("list", "--jq", '.[0].id + "\\n" + .[1].id').out == "agoria\nbcecc\n"


def test_jq_strings_still_escape_what_moves_the_cursor(dataset, write_data):
    dataset["partners"][0]["name"] = "Ago\x1b[2Jria\rX\u202eY\tZ"
    r = run("list", "--data", write_data(dataset), "--jq", ".[0].name")
    assert r.out == "Ago\\x1b[2Jria\\x0dX\\u202eY\tZ\n"


@pytest.mark.parametrize("expression", [".[0", "foo(", ".[] | ]"])
def test_a_bad_jq_expression_is_a_usage_error_with_jqs_message(expression):
    r = run("list", "--jq", expression)
    assert r.code == 2 and r.out == ""
    assert one_line(r.err) and "--jq" in r.err and "syntax error" in r.err


def test_jq_goes_with_json_only():
    r = run("list", "--jq", ".[0]", "--format", "csv")
    assert r.code == 2 and one_line(r.err) and "--jq" in r.err


# -- JSON keys ---------------------------------------------------------------------------------


def keys(value: Any, where: str = "") -> list[tuple[str, str]]:
    """Every (path, key) of a JSON value, recursively."""
    found = []
    if isinstance(value, dict):
        for k, v in value.items():
            found.append((where, k))
            found += keys(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found += keys(v, f"{where}[{i}]")
    return found


JSON_COMMANDS = [
    ["list", "--period", "all"],
    ["show", "flanders-healthtech"],
    ["show", "medtech-flanders"],
    ["search", "food", "japan"],
    ["domains"],
    ["types", "--period", "all"],
    ["matrix"],
    ["history"],
    ["about"],
    ["validate"],
]


@pytest.mark.parametrize("command", JSON_COMMANDS, ids=lambda c: c[0])
def test_every_json_key_is_a_plain_identifier(command):
    r = run(*command, "--json")
    assert r.code == 0, r.err
    found = keys(r.json())
    assert found
    bad = [(where, k) for where, k in found if not PLAIN_KEY.match(k)]
    assert bad == []


def test_every_json_key_of_an_invalid_dataset_report_is_a_plain_identifier(dataset, write_data):
    dataset["partners"][0]["colour"] = "blue"
    r = run("validate", write_data(dataset), "--json")
    assert r.code == 1
    assert [k for _, k in keys(r.json()) if not PLAIN_KEY.match(k)] == []


@pytest.mark.parametrize("shape", ["partner", "search", "overview", "matrix", "history", "about", "validate"])
def test_every_property_of_every_output_schema_is_a_plain_identifier(shape):
    # `schema` itself prints JSON Schema, whose own keys ($defs, $schema) are the standard's.
    schema = run("schema", "--output", shape).json()
    names = [k for where, k in keys(schema) if where.endswith(".properties")]
    assert names and [n for n in names if not PLAIN_KEY.match(n)] == []


# -- validate ----------------------------------------------------------------------------------


def test_validate_reads_stdin(raw):
    good = json.dumps(raw).encode()
    r = run("validate", "-", input=good)
    assert r.code == 0 and r.out == "<stdin>: valid\n"
    r = run("validate", "-", input=b'{"partners": []}')
    assert r.code == 1 and r.out.startswith("<stdin>: ") and "<stdin>: 5 problems" in r.err
    r = run("validate", "-", "--json", input=good)
    assert r.json() == {"dataset": "<stdin>", "valid": True, "problems": [], "more": 0}


def test_validate_reports_schema_and_cross_record_problems_together(dataset, write_data):
    dataset["partners"][3]["type"] = "bank"  # schema: partner 3 is left out of the cross checks
    dataset["partners"][5]["number"] = 2  # cross-record: partner 1 (bcecc) has number 2
    dataset["partners"][20]["aliases"] = ["Agoria"]  # cross-record: agoria's name
    dataset["rounds"][0]["ends_on"] = "2016-12-31"  # cross-record: a round's dates
    path = write_data(dataset)
    r = run("validate", path)
    assert r.code == 1
    problems = [line.removeprefix(f"{path}: ") for line in r.out.splitlines()]
    assert problems[0].startswith("partners[3] (bicci).type: Input should be")
    assert problems[1:] == [
        "rounds[0] (2017-2021).ends_on: 2016-12-31 is before starts_on 2017-01-01",
        "partners[5] (dsp-valley).number: 2 is also the number of partners[1] (bcecc)",
        "partners[5] (dsp-valley): the name '2' also names partners[1] (bcecc)",
        "partners[20] (voka): the name 'Agoria' also names partners[0] (agoria)",
    ]
    assert r.err == f"fitpartners: {path}: 5 problems\n"
    assert run("validate", path, "--json").json()["problems"] == problems
    # A command names the first problem and how many more.
    listed = run("list", "--data", path)
    assert listed.code == 1 and one_line(listed.err)
    assert "partners[3] (bicci).type" in listed.err and "(and 4 more)" in listed.err


def test_a_reference_to_an_invalid_record_is_not_reported_twice(dataset, write_data):
    medtech = next(p for p in dataset["partners"] if p["id"] == "medtech-flanders")
    healthtech = next(p for p in dataset["partners"] if p["id"] == "flanders-healthtech")
    assert medtech["events"][0]["partner"] == "flanders-healthtech"
    healthtech["colour"] = "blue"
    path = write_data(dataset)
    r = run("validate", path)
    assert [line.removeprefix(f"{path}: ") for line in r.out.splitlines()] == [
        "partners[9] (flanders-healthtech).colour: Extra inputs are not permitted"
    ]


# -- help --------------------------------------------------------------------------------------


def command_names() -> list[str]:
    return list(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def examples(name: str | None) -> list[str]:
    group = typer.main.get_command(app)
    command = group if name is None else group.commands[name]  # type: ignore[attr-defined]
    epilog = command.epilog or ""
    block = epilog.split("Examples:\n", 1)[1].split("\n\n", 1)[0]
    return [line.strip() for line in block.splitlines()]


SHARED_OPTIONS = {
    "list": {
        "--data",
        "--period",
        "--format",
        "--json",
        "--jq",
        "--fields",
        "--lang",
        "--labels",
        "--no-headers",
        "--quiet",
    },
    "show": {
        "--data",
        "--format",
        "--json",
        "--jq",
        "--fields",
        "--lang",
        "--labels",
        "--no-headers",
        "--quiet",
    },
    "about": {"--data", "--json", "--jq", "--lang", "--quiet"},
    "validate": {"--json", "--jq"},
    "schema": {"--json", "--jq"},
}


@pytest.mark.parametrize("name", list(SHARED_OPTIONS))
def test_the_decorator_gives_each_command_its_shared_options_and_nothing_else(name):
    # The bodies declare none of these (only `period`, read by name): Typer sees the
    # signature the decorator made.
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    options = {o for p in command.params for o in p.opts}
    shared = set().union(*SHARED_OPTIONS.values())
    assert options & shared == SHARED_OPTIONS[name]


def test_json_help_is_true_for_each_command():
    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        helps = {o: p.help for p in command.params for o in p.opts}
        if "--format" in helps:
            assert helps["--json"] == "Short for --format json.", name
        elif "--json" in helps:
            assert "--format" not in helps["--json"], name


def test_every_command_is_in_the_help_checks():
    assert command_names() == [
        "list", "show", "search", "domains", "types", "matrix", "history", "about", "validate", "schema",
    ]  # fmt: skip


@pytest.mark.parametrize("columns", ["60", "80"])
@pytest.mark.parametrize("command", [None, *command_names()])
def test_help_fits_the_terminal_and_keeps_examples_whole(command, columns):
    args = [command, "--help"] if command else ["--help"]
    r = subprocess.run(
        [str(SCRIPT), *args], capture_output=True, text=True, env=clean_environ(COLUMNS=columns), timeout=60
    )
    assert r.returncode == 0, r.stderr
    assert "…" not in r.stdout and "<bool>" not in r.stdout
    lines = [line.strip() for line in r.stdout.splitlines()]
    wanted = examples(command)
    assert wanted and all(example.startswith(("fitpartners ", "cat ")) for example in wanted), wanted
    for example in wanted:
        assert example in lines, (example, r.stdout)
    assert max(
        len(line) for line in r.stdout.splitlines() if not line.strip().startswith(tuple(wanted))
    ) <= int(columns)


# -- Ctrl-C ------------------------------------------------------------------------------------


HANDLER_PROBE = r"""
import json, signal, sys
seen = {}


class Spy:
    # Notes the Ctrl-C handler in place when each heavy module is first imported.
    def find_spec(self, name, path=None, target=None):
        if name in ("typer", "rich", "pydantic", "fitpartners.cli") and name not in seen:
            seen[name] = getattr(signal.getsignal(signal.SIGINT), "__qualname__", "default")
        return None


sys.meta_path.insert(0, Spy())
sys.argv = ["fitpartners", *sys.argv[1:]]
from fitpartners import entry
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
    assert "fitpartners.cli" in seen and "typer" in seen
    assert set(seen.values()) == {"_interrupted"}, seen


# -- empty results and terminal tables ---------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--type", "chamber", "--domain", "food"], "fitpartners: no partner matches\n"),
        (["search", "quantum"], "fitpartners: no partner matches 'quantum'\n"),
    ],
)
def test_an_empty_result(args, message):
    r = run(*args, env=TERMINAL)
    assert r.code == 0 and r.out == ""
    assert message in r.err
    r = run(*args, "--json")
    assert r.code == 0 and r.out == "[]\n" and "no partner matches" not in r.err


ANSI = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")
TABLE_COMMANDS = [
    ["list"],
    ["list", "--period", "all", "--fields", "name,aliases,status"],
    ["list", "--lang", "nl"],
    ["show", "bcecc"],
    ["show", "medtech-flanders"],
    ["search", "cluster"],
    ["domains"],
    ["types", "--period", "all"],
    ["matrix"],
    ["history"],
    ["about"],
]


@pytest.mark.parametrize("columns", ["100", "40"])
@pytest.mark.parametrize("colour", [True, False], ids=["colour", "dumb"])
@pytest.mark.parametrize("command", TABLE_COMMANDS, ids=" ".join)
def test_no_trailing_spaces_in_a_terminal(command, columns, colour):
    env = {"TTY_COMPATIBLE": "1", "COLUMNS": columns, "TERM": "xterm-256color" if colour else "dumb"}
    r = run(*command, env=env)
    assert r.code == 0, r.err
    assert ("\x1b[" in r.out) is colour
    text = ANSI.sub("", r.out)
    assert text.strip()
    assert [line for line in text.splitlines() if line.endswith((" ", "\t"))] == []


@pytest.mark.parametrize("command", [c for c in TABLE_COMMANDS if c[0] != "about"], ids=" ".join)
def test_no_trailing_spaces_in_a_plain_table(command):
    r = run(*command, "--format", "table")
    assert r.code == 0 and r.out
    assert [line for line in r.out.splitlines() if line.endswith(" ")] == []
