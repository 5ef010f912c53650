"""The output contract every command shares, what scripts and people can rely on whatever the
command: the formats (table, json, jsonl, csv, tsv, markdown) and --json; terminal against pipe;
--fields, --labels and --lang in cells; --no-headers; --jq; JSON keys that are plain
identifiers; the fast JSON path of a partner list (byte for byte what serialising the records
gives); empty results; usage errors, one line and exit code 2; help texts, --version and shell
completion; no trailing spaces. What each command prints is in its test_cmd_*.py file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import warnings
from typing import Any

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter

from conftest import (
    COMMAND_NAMES,
    DATA_FILE,
    ROOT,
    SCRIPT,
    TERMINAL,
    clean_environ,
    one_line,
    partner,
    run,
    wheel_files,
)
from fitpartners import __version__
from fitpartners.catalog import Catalog
from fitpartners.cli.app import app
from fitpartners.dataset.loader import parse
from fitpartners.dataset.models import PARTNER_FIELDS
from fitpartners.labels import PartnerType
from fitpartners.output import cells, machine, stream
from fitpartners.results import PartnerRecord, json_records
from synthetic import grow

RAW = json.loads(DATA_FILE.read_text(encoding="utf-8"))


# -- formats -----------------------------------------------------------------------------------

RECORD_COMMANDS = [
    ["list"],
    ["show", "voka"],
    ["search", "cluster"],
    ["domains"],
    ["types"],
    ["matrix"],
    ["history"],
]


@pytest.mark.parametrize("command", RECORD_COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "tsv", "markdown"])
def test_every_record_command_speaks_every_format(command, fmt):
    r = run(*command, "--format", fmt)
    assert r.code == 0, r.err
    assert r.out
    if fmt == "json":
        json.loads(r.out)
    if fmt == "jsonl":
        for line in r.out.splitlines():
            json.loads(line)


@pytest.mark.parametrize("command", [*RECORD_COMMANDS, ["about"]], ids=lambda c: c[0])
def test_json_is_short_for_format_json(command):
    short = run(*command, "--json")
    assert short.code == 0
    json.loads(short.out)
    if command[0] != "about":
        assert short.out == run(*command, "--format", "json").out


def test_json_and_another_format_conflict():
    r = run("list", "--json", "--format", "csv")
    assert r.code == 2 and "--json" in r.err


def test_json_is_utf8_not_ascii_escaped():
    r = run("show", "bcecc", "--json")
    assert "Commerciële" in r.out


def test_json_always_carries_both_languages():
    r = run("show", "flega", "--json", "--lang", "nl")
    assert set(r.json()["description"]) == {"nl", "en"}
    assert r.json()["type"] == "sector-federation"


def test_list_json_is_indented_in_a_terminal_and_one_line_in_a_pipe():
    terminal = run("list", "--json", env={"TTY_COMPATIBLE": "1", "TERM": "dumb"}).out
    assert terminal.startswith('[\n  {\n    "id": "agoria",')
    for args in ([], ["--fields", "id,name"]):
        pipe = run("list", "--json", *args).out
        assert pipe.count("\n") == 1 and pipe.startswith('[{"id":"agoria",'), args


def test_jsonl_is_one_object_per_line():
    lines = run("list", "--format", "jsonl").out.splitlines()
    assert len(lines) == 21
    assert json.loads(lines[0])["id"] == "agoria"


def test_jsonl_keeps_only_the_fields_asked_for():
    r = run("list", "--format", "jsonl", "--fields", "id,name")
    lines = [json.loads(line) for line in r.out.splitlines()]
    assert r.code == 0 and len(lines) == 21
    assert lines[0] == {"id": "agoria", "name": "Agoria"}
    assert all(list(line) == ["id", "name"] for line in lines)


def test_tsv_and_markdown():
    r = run("list", "--domain", "logistics", "--format", "tsv", "--fields", "number,name")
    assert r.out == "number\tname\n20\tVIL\n"
    r = run("list", "--domain", "logistics", "--format", "markdown", "--fields", "number,name")
    assert r.out == "| number | name |\n|---|---|\n| 20 | VIL |\n"


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_a_header_and_flattens_lists_and_descriptions(raw):
    fields = "name,aliases,domains,description,spearhead_cluster"
    r = run("list", "--type", "cluster", "--format", "csv", "--fields", fields)
    rows = csv_rows(r.out)
    assert rows[0] == fields.split(",")
    blauw = next(row for row in rows if row[0] == "De Blauwe Cluster")
    record = next(p for p in raw["partners"] if p["id"] == "de-blauwe-cluster")
    # Ids and raw values: what a script compares against; a list or an object as its JSON.
    assert json.loads(blauw[1]) == record["aliases"]
    assert json.loads(blauw[2]) == record["domains"]
    assert json.loads(blauw[3]) == record["description"]
    assert blauw[4] == "true"
    assert next(row for row in rows if row[0] == "DSP Valley")[4] == "false"


def test_csv_is_the_same_bytes_in_every_locale():
    # The locale chooses the language of people's text, never a machine format's (issue 29);
    # --lang and FITPARTNERS_LANG ask for csv in a language (tests/test_language.py).
    en = run("list", "--format", "csv", "--period", "all")
    assert en.code == 0
    for locale in (
        {"LANG": "nl_BE.UTF-8"},
        {"LC_ALL": "nl_NL.UTF-8"},
        {"LANGUAGE": "nl", "LANG": "en_US.UTF-8"},
    ):
        assert run("list", "--format", "csv", "--period", "all", env=locale).raw == en.raw
        assert run("list", "--format", "tsv", env=locale).raw == run("list", "--format", "tsv").raw


# -- terminal and pipe, tables and headers -----------------------------------------------------


def test_list_in_a_pipe_is_one_plain_line_per_partner():
    r = run("list")
    assert r.code == 0
    lines = r.out.splitlines()
    assert len(lines) == 21
    assert lines[20].split("\t")[:3] == ["21", "Voka", "business network"]
    assert "\x1b" not in r.out


def test_a_pipe_without_format_gets_bare_tab_separated_rows():
    r = run("list")
    lines = r.out.splitlines()
    assert len(lines) == 21  # no header
    assert all(line.count("\t") == 5 for line in lines)
    assert lines[0].split("\t")[:3] == ["1", "Agoria", "sector federation"]


def test_list_in_a_terminal_is_a_rich_table():
    r = run("list", env=TERMINAL)
    assert r.code == 0
    assert "number" in r.out.splitlines()[0] and "domains" in r.out.splitlines()[0]
    assert "essenscia Vlaanderen" in r.out and "\x1b" not in r.out


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


def test_an_empty_plain_table_without_headers_prints_nothing():
    r = run("list", "--domain", "food", "--country", "japan", "--format", "table", "--no-headers")
    assert (r.code, r.out) == (0, "")


# -- --fields ----------------------------------------------------------------------------------


def test_fields_choose_and_order_json_keys_and_table_columns():
    r = run("list", "--fields", "name,number", "--json")
    assert r.json()[0] == {"name": "Agoria", "number": 1}
    r = run("list", "--fields", "name,number")
    assert r.out.splitlines()[0] == "Agoria\t1"
    r = run("list", "--fields", "name,country", env=TERMINAL)
    header = r.out.splitlines()[0].split()
    assert header == ["name", "country"]
    # in any case, as other option values; the field keeps its own name
    assert run("list", "--fields", " Name,NUMBER", "--json").json()[0] == {"name": "Agoria", "number": 1}


def test_without_fields_json_carries_every_field_and_the_status():
    assert list(run("list", "--json").json()[0]) == [*PARTNER_FIELDS, "status"]
    assert list(run("show", "voka", "--json").json()) == [*PARTNER_FIELDS, "status"]
    assert list(run("search", "voka", "--json").json()[0]) == [*PARTNER_FIELDS, "status", "rank", "match"]


@pytest.mark.parametrize(
    ("command", "valid"),
    [(["list"], "website"), (["show", "voka"], "aliases"), (["domains"], "count"), (["matrix"], "food")],
)
def test_an_unknown_field_is_a_usage_error_listing_the_valid_ones(command, valid):
    r = run(*command, "--fields", "id,colour")
    assert r.code == 2
    assert "colour" in r.err and valid in r.err
    assert r.out == ""


@pytest.mark.parametrize("value", ["", ",", " , "])
@pytest.mark.parametrize("command", [["list"], ["show", "voka"], ["history"]], ids=lambda c: c[0])
def test_no_fields_at_all_is_a_usage_error(command, value):
    for fmt in ("json", "table", "csv"):
        r = run(*command, "--fields", value, "--format", fmt)
        assert r.code == 2 and r.out == "", (fmt, r.out)
        assert one_line(r.err) and "--fields" in r.err


def test_help_lists_the_fields():
    assert "full_name" in run("list", "--help").out


# -- --labels and the cells of rows ------------------------------------------------------------


def test_labels_switch_csv_and_tsv_to_the_labels_of_the_language():
    fields = ["--fields", "name,type,description,spearhead_cluster"]
    ids = csv_rows(
        run("list", "--type", "chamber", "--format", "csv", *fields, env={"LANG": "nl_BE.UTF-8"}).out
    )
    assert ids[1][:2] == ["BCECC", "bilateral-chamber"] and ids[1][3] == "false"
    assert json.loads(ids[1][2])["en"] == "the Belgian-Chinese Economic & Commercial Council"
    nl = csv_rows(
        run("list", "--type", "chamber", "--format", "csv", *fields, "--lang", "nl", "--labels").out
    )
    assert nl[1] == [
        "BCECC",
        "bilaterale kamer van koophandel",
        "de Belgian-Chinese Economic & Commercial Council",
        "nee",
    ]
    en = csv_rows(run("list", "--type", "chamber", "--format", "csv", *fields, "--labels").out)
    assert en[1] == [
        "BCECC",
        "bilateral chamber of commerce",
        "the Belgian-Chinese Economic & Commercial Council",
        "no",
    ]
    tsv = run(
        "list", "--type", "chamber", "--format", "tsv", "--fields", "type", "--labels",
        env={"FITPARTNERS_LANG": "nl"},
    )  # fmt: skip
    assert tsv.out.splitlines()[1] == "bilaterale kamer van koophandel"


def test_labels_switch_csv_and_tsv_types_and_flags_to_the_language():
    def column(fmt: str, *args: str, **env: str) -> list[str]:
        out = run("list", "--format", fmt, "--fields", "type,cross_sector", *args, env=env).out
        rows = list(csv.reader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        return [f"{t}/{c}" for t, c in rows[1:3]]

    assert column("csv") == ["sector-federation/false", "bilateral-chamber/true"]
    assert column("csv", "--labels") == ["sector federation/no", "bilateral chamber of commerce/yes"]
    assert column("tsv", "--labels", "--lang", "nl") == [
        "sectorfederatie/nee",
        "bilaterale kamer van koophandel/ja",
    ]
    assert column("tsv", "--labels", FITPARTNERS_LANG="nl") == column("tsv", "--labels", "--lang", "nl")


def test_domain_labels_follow_the_language():
    def domains(lang: str) -> str:
        r = run("list", "--lang", lang, "--labels", "--format", "csv", "--fields", "id,domains")
        return next(line for line in r.out.splitlines() if line.startswith("flanders-bio,"))

    assert domains("nl") == "flanders-bio,lifesciences & health"
    assert domains("en") == "flanders-bio,life sciences & health"


def rows(*args: str) -> dict[str, dict[str, str]]:
    """The rows by id, each by field name (a heading row in Dutch too)."""
    r = run("list", "--period", "all", "--format", "csv", *args)
    assert r.code == 0, r.err
    lines = list(csv.reader(io.StringIO(r.out)))
    fields = args[args.index("--fields") + 1].split(",") if "--fields" in args else lines[0]
    return {row[fields.index("id")]: dict(zip(fields, row, strict=True)) for row in lines[1:]}


FIELDS = "id,domains,rounds,events,notes,status,full_name,cross_sector,regions"


def test_cells_carry_ids_and_raw_values_without_labels():
    table = rows("--fields", FIELDS)
    agoria, bcecc = table["agoria"], table["bcecc"]
    # A list or an object is its JSON, as sqlite-utils writes nested values: it splits back
    # exactly, whatever its items hold ("; " in two of BCECC's notes).
    assert json.loads(agoria["domains"]) == ["engineering-technology"]
    assert json.loads(table["de-blauwe-cluster"]["domains"]) == [
        "sustainable-materials-chemistry",
        "engineering-technology",
    ]
    assert [m["round"] for m in json.loads(agoria["rounds"])] == ["2017-2021", "2022-2026"]
    assert agoria["cross_sector"] == "false" and bcecc["cross_sector"] == "true"
    assert bcecc["domains"] == "[]"  # no domains: a cross-sector partner
    assert agoria["status"] == "active"
    healthtech = partner(RAW, "flanders-healthtech")
    assert [e["text"] for e in json.loads(table["flanders-healthtech"]["events"])] == [
        e["text"] for e in healthtech["events"]
    ]
    assert table["flanders-healthtech"]["status"].startswith(
        "now part of Biovia: flanders.healthTech -> MEDVIA"
    )
    notes = [n["text"] for n in partner(RAW, "bcecc")["notes"]]
    assert len(notes) == 2 and [n["text"] for n in json.loads(bcecc["notes"])] == notes
    for pid in ("flanders-healthtech", "sim", "unizo-internationaal", "vil"):  # a note holds "; "
        said = [n["text"] for n in partner(RAW, pid)["notes"]]
        assert (
            any("; " in n["en"] for n in said)
            and [n["text"] for n in json.loads(table[pid]["notes"])] == said
        )
    assert json.loads(bcecc["full_name"]) == partner(RAW, "bcecc")["full_name"]
    assert table["agoria"]["full_name"] == ""  # null: an empty cell
    assert [r["name"]["en"] for r in json.loads(table["vkw-limburg"]["regions"])] == ["Limburg"]


def test_cells_with_labels_speak_the_language():
    table = rows("--fields", FIELDS, "--labels")
    agoria, bcecc = table["agoria"], table["bcecc"]
    assert agoria["domains"] == "solution-driven engineering & technology"
    assert table["de-blauwe-cluster"]["domains"] == (
        "sustainable resources, materials & chemistry; solution-driven engineering & technology"
    )  # lists joined by "; " with --labels too, as the README says
    assert agoria["rounds"] == "2017-2021; 2022-2026"
    assert agoria["cross_sector"] == "no" and bcecc["cross_sector"] == "yes"
    assert bcecc["domains"] == "all sectors (cross-sector)"
    assert agoria["status"] == "active"  # every state, as csv without labels says it
    assert table["flanders-healthtech"]["status"].startswith("now part of Biovia")
    assert bcecc["notes"] == "; ".join(n["text"]["en"] for n in partner(RAW, "bcecc")["notes"])
    assert table["sim"]["full_name"] == partner(RAW, "sim")["full_name"]["en"]
    dutch = rows("--fields", FIELDS, "--labels", "--lang", "nl")
    assert dutch["bcecc"]["domains"] == "alle sectoren (sectoroverschrijdend)"
    assert dutch["sim"]["full_name"] == partner(RAW, "sim")["full_name"]["nl"]
    assert dutch["bcecc"]["notes"] == "; ".join(n["text"]["nl"] for n in partner(RAW, "bcecc")["notes"])
    assert dutch["flanders-healthtech"]["events"].endswith(
        f"datum niet vermeld {partner(RAW, 'flanders-healthtech')['events'][1]['text']['nl']}"
    )
    assert dutch["bcecc"]["full_name"] == partner(RAW, "bcecc")["full_name"]["en"]  # no Dutch one


def test_a_terminal_table_shows_short_domain_names_and_a_pipe_the_full_ones():
    terminal = run("list", "--fields", "id,domains", env={"TTY_COMPATIBLE": "1", "TERM": "dumb"}).out
    pipe = run("list", "--fields", "id,domains").out
    assert "de-blauwe-cluster      materials, tech\n" in terminal
    assert (
        "de-blauwe-cluster\tsustainable resources, materials & chemistry, "
        "solution-driven engineering & technology\n" in pipe
    )


def test_sources_in_a_cell_are_listed_by_field():
    table = rows("--fields", "id,sources")
    voka = partner(RAW, "voka")["sources"]
    cited = json.loads(table["voka"]["sources"])
    assert {field: [s["id"] for s in each] for field, each in cited.items()} == voka
    labelled = rows("--fields", "id,sources", "--labels")
    expected = "; ".join(f"{field}: {', '.join(ids)}" for field, ids in voka.items())
    assert labelled["voka"]["sources"] == expected


def test_a_fact_with_two_sources_lists_both_in_its_cell():
    r = run("list", "--format", "csv", "--fields", "id,sources", "--labels")
    vckk = next(line for line in r.out.splitlines() if line.startswith("vckk,"))
    assert "website: flanders-china-home, flanders-china-vandeputte" in vckk


def test_a_nested_object_in_a_cell_is_its_json_and_key_value_pairs_with_labels():
    r = run("history", "--format", "csv", "--fields", "from_round,counts")
    steps = list(csv.DictReader(io.StringIO(r.out)))
    assert json.loads(steps[0]["counts"]) == {
        "before": 17,
        "after": 21,
        "continued": 13,
        "joined": 8,
        "left": 4,
    }
    r = run("history", "--format", "csv", "--fields", "from_round,counts", "--labels")
    steps = list(csv.DictReader(io.StringIO(r.out)))
    assert steps[0]["counts"] == "before: 17; after: 21; continued: 13; joined: 8; left: 4"


def test_a_bilingual_value_with_neither_side_known_is_empty(dataset, write_data):
    partner(dataset, "sim")["full_name"] = {"nl": None, "en": None}
    path = write_data(dataset)
    for labels, said in (([], '{"nl":null,"en":null}'), (["--labels"], "")):
        r = run("list", "--format", "csv", "--fields", "id,full_name", "--data", path, *labels)
        table = {row["id"]: row for row in csv.DictReader(io.StringIO(r.out))}
        assert table["sim"]["full_name"] == said


def test_keys_of_a_nested_object_stay_json_names_without_labels_in_any_language():
    """Without --labels a cell is language-free, the keys of a nested object too; with
    --labels they are the headings of the language."""
    nl = run("history", "--format", "csv", "--fields", "counts", env={"LANG": "nl_BE.UTF-8"}).out
    assert nl == run("history", "--format", "csv", "--fields", "counts").out
    assert json.loads(next(csv.reader(nl.splitlines()[1:]))[0])["before"] == 17
    labelled = run("history", "--format", "csv", "--fields", "counts", "--lang", "nl", "--labels").out
    assert labelled.splitlines()[1] == "ervoor: 17; erna: 21; gebleven: 13; nieuw: 8; vertrokken: 4"


def test_lists_in_cells_for_people_are_joined_by_a_comma():
    """The rows a pipe gets for people (and the tables) join a list's items by ", ", not
    by the "; " of csv and tsv."""
    out = run("list", "--fields", "id,rounds").out
    assert out.splitlines()[0] == "agoria\t2017-2021, 2022-2026"


def test_the_match_cell_lists_every_word_found_in_the_partners_text():
    """A search result matched by several words in its own text: the words, then the
    fields they were found in, each once."""
    r = run("search", "medtech devices", "--format", "csv", "--labels", "--fields", "id,match")
    table = {row["id"]: row["match"] for row in csv.DictReader(io.StringIO(r.out))}
    # In words a person uses, never a field's name (issue 29).
    assert table["medtech-flanders"] == "medtech in the name, devices in what they do"
    r = run(
        "search", "medtech devices", "--format", "csv", "--labels", "--fields", "id,match", "--lang", "nl"
    )
    table = {row["id"]: row["gevonden"] for row in csv.DictReader(io.StringIO(r.out))}  # the heading
    assert table["medtech-flanders"] == "medtech in de naam, devices in wat ze doen"


def test_brief_cells_for_a_narrow_table_say_what_became_of_a_partner_shortly():
    """The brief cells a narrow terminal table falls back on: 'now NAME' for a renamed
    partner, 'part of NAME' for a merged one, 'left after ROUND' for one that left, 'all
    sectors' for a cross-sector one."""
    catalog = catalog_of(RAW, today=dt.date(2024, 6, 1))  # before the merger into Biovia is known
    ids = ("flanders-healthtech", "medtech-flanders", "voka", "euka")
    records = catalog.printed([catalog.lookup(pid) for pid in ids])
    for lang, expected in {
        "en": [
            ["now MEDVIA", "health, tech"],
            ["part of MEDVIA", "health, tech"],
            ["", "all sectors"],
            ["left after 2017-2021", ""],
        ],
        "nl": [
            ["nu MEDVIA", "health, tech"],
            ["deel van MEDVIA", "health, tech"],
            ["", "alle sectoren"],
            ["vertrokken na 2017-2021", ""],
        ],
    }.items():
        brief = cells.rows(records, ["status", "domains"], labels=True, lang=lang, short=True, brief=True)
        assert brief == expected, lang


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


def test_jq_strings_escape_what_moves_the_cursor_at_a_terminal_only(dataset, write_data):
    dataset["partners"][0]["name"] = "Ago\x1b[2Jria\rX\u202eY\tZ\x00\x85"
    data = write_data(dataset)
    r = run("list", "--data", data, "--jq", ".[0].name, [.[0].name]", env=TERMINAL)
    assert (
        r.out
        == 'Ago\\x1b[2Jria\\x0dX\\u202eY\tZ\\x00\\x85\n["Ago\\u001b[2Jria\\rX\\u202eY\\tZ\\u0000\\u0085"]\n'
    )
    # In a pipe, byte for byte as `jq -r -c`: the string raw, the JSON as jq escapes it.
    r = run("list", "--data", data, "--jq", ".[0].name, [.[0].name]")
    assert (
        r.raw
        == 'Ago\x1b[2Jria\rX\u202eY\tZ\x00\x85\n["Ago\\u001b[2Jria\\rX\u202eY\\tZ\\u0000\x85"]\n'.encode()
    )


@pytest.mark.parametrize("expression", [".[0", "foo(", ".[] | ]"])
def test_a_bad_jq_expression_exits_3_with_jqs_own_lines(expression):
    r = run("list", "--jq", expression)
    assert r.code == 3 and r.out == ""
    first, *middle, last = r.err.splitlines()
    assert first.startswith("jq: error: syntax error") and ", line 1, column " in first
    assert last == "jq: 1 compile error" and expression in middle[0]


def test_a_bad_jq_expression_is_said_in_jqs_words_whatever_the_language():
    assert run("list", "--jq", ".[0", "--lang", "nl").err == run("list", "--jq", ".[0").err


def test_a_jq_expression_of_bytes_that_are_no_utf8_is_a_usage_error():
    r = run("list", "--jq", ".[0] | \udcff")  # how Python hands on the byte 0xff of a command line
    assert (r.code, r.out, r.err) == (2, "", "fitpartners: invalid value for --jq: it is not UTF-8 text\n")


def test_a_jq_error_at_run_time_comes_after_the_results_before_it_with_exit_5():
    # jq's manual: the program stops at the error; what it printed before stays printed.
    r = run("list", "--json", "--jq", '.[0].name, .[1].name, error("boom"), .[2].name')
    assert (r.code, r.out, r.err) == (5, "Agoria\nBCECC\n", "jq: error (at <stdin>:1): boom\n")
    r = run("list", "--jq", 'error({"a": [100000000000000000001]})')
    assert (r.code, r.err) == (5, 'jq: error (at <stdin>:1) (not a string): {"a":[100000000000000000001]}\n')
    # A string error that reads as JSON is still a string, as jq tells them apart.
    assert run("list", "--jq", 'error("1")').err == "jq: error (at <stdin>:1): 1\n"
    assert run("list", "--jq", "error(1)").err == "jq: error (at <stdin>:1) (not a string): 1\n"


def test_jq_integers_stay_exact_as_libjqs_tojson_writes_them():
    r = run("list", "--jq", "100000000000000000001, [100000000000000000001], 9007199254740993")
    assert r.out == "100000000000000000001\n[100000000000000000001]\n9007199254740993\n"


def test_jq_reads_no_program_as_the_identity_as_jq_16_does():
    assert run("list", "--jq", "").out == run("list", "--jq", ".").out == run("list", "--json").out


def test_jq_inputs_as_for_one_input_on_stdin():
    r = run("list", "--jq", "input_filename, input_line_number, [inputs], input")
    assert (r.code, r.out, r.err) == (5, "<stdin>\n1\n[]\n", "jq: error (at <stdin>:1): break\n")


@pytest.mark.parametrize(
    ("expression", "code", "out", "err"),
    [
        ('"stop\n" | halt_error(3)', 3, "", "stop\n"),  # a string as it is
        ('"stop" | halt_error', 5, "", "stop"),  # no line feed added; 5 by default
        ('{"a": 1} | halt_error(1)', 1, "", '{"a":1}\n'),  # anything else as JSON and a line feed
        ("null | halt_error(1)", 1, "", ""),  # null: nothing said
        ('"x" | halt_error(-1)', 0, "", "x"),  # below 0: exit 0, as jq 1.8
        (".[0].id, halt, .[1].id", 0, "agoria\n", ""),  # halt: stop, exit 0, say nothing
    ],
)
def test_halt_and_halt_error_behave_as_in_jq(expression, code, out, err):
    r = run("list", "--jq", expression)
    assert (r.code, r.out, r.err) == (code, out, err)


def test_halt_error_with_a_code_that_is_no_number_is_an_error_as_in_jq():
    """halt_error's exit code must be a number (else libjq's own type error, exit 5), and
    a fraction is dropped (1.5 exits 1, printing the message)."""
    r = run("list", "--jq", '"stop" | halt_error("one")')
    assert (r.code, r.out, r.err) == (
        5,
        "",
        'jq: error (at <stdin>:1): string ("stop") halt_error/1: number required\n',
    )
    r = run("list", "--jq", '"stop" | halt_error(1.5)')
    assert (r.code, r.out, r.err) == (1, "", "stop")


def test_jq_results_that_are_not_strings_keep_accents_as_jq_does():
    """A JSON result is UTF-8 as jq writes it, not ASCII with \\u escapes."""
    r = run("list", "--jq", '.[] | select(.id == "bcecc") | .former_names')
    assert r.out == '["Belgisch-Chinese Economische en Commerciële Raad","BCECR"]\n'


def test_jq_goes_with_json_only():
    r = run("list", "--jq", ".[0]", "--format", "csv")
    assert r.code == 2 and one_line(r.err) and "--jq" in r.err


# -- JSON keys ---------------------------------------------------------------------------------

PLAIN_KEY = re.compile(r"^[a-z_][a-z0-9_]*$")


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


# -- the fast JSON path of a partner list ------------------------------------------------------

# `list --json` in a pipe writes records spliced from each partner's own JSON, its cited
# sources and its status (machine._partner_chunks), BATCH records at a time, to stdout's
# byte stream. These tests hold it to the plain way: PartnerRecord objects through
# pydantic's serialiser, then the terminal-safety escapes.

HOSTILE_TEXT = "Voka \x9b31m \u202egnp \u2028 \x7f \u061c é – “quoted”"


def plain_way(catalog: Catalog) -> str:
    records = list(catalog.printed(catalog.sort(catalog.select(), "number")))
    return stream.safe_json(TypeAdapter(list[PartnerRecord]).dump_json(records).decode()) + "\n"


def catalog_of(raw: dict, today: dt.date | None = None) -> Catalog:
    return Catalog(parse(json.dumps(raw, ensure_ascii=False).encode(), "test"), today)


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> tuple[str, Catalog]:
    """More partners than one batch holds, with hostile text in a partner and a source,
    and a renamed partner (a status other than active)."""
    raw = grow(RAW, 2 * machine.BATCH + 7)
    partner(raw, "voka")["name"] = HOSTILE_TEXT
    next(s for s in raw["sources"] if s["id"] != "editorial")["title"] = HOSTILE_TEXT
    path = tmp_path_factory.mktemp("large") / "large.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return str(path), catalog_of(raw)


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
def test_list_json_in_a_pipe_is_byte_equal_to_serialised_records(large):
    path, catalog = large
    r = run("list", "--json", "--data", path)
    assert r.code == 0, r.err
    assert r.err == ""  # no serialiser warning either
    assert r.out == plain_way(catalog)
    records = json.loads(r.out)
    assert len(records) == len(catalog.select()) > 2 * machine.BATCH
    assert [p["status"]["state"] for p in records].count("merged") >= 1


def test_the_bundled_list_is_byte_equal_too():
    catalog = catalog_of(RAW)
    r = run("list", "--json")
    assert (r.out, r.err) == (plain_way(catalog), "")


def test_a_text_only_stdout_gets_the_same_json(large, monkeypatch):
    _, catalog = large
    out = io.StringIO()  # no byte stream beneath it
    monkeypatch.setattr(sys, "stdout", out)
    machine.write_json_records(catalog.printed(catalog.sort(catalog.select(), "number")), None, None)
    assert out.getvalue() == plain_way(catalog)


def test_unsafe_characters_stay_escaped_in_the_bytes(large):
    path, _ = large
    raw = run("list", "--json", "--data", path).raw
    for bad in ("\x9b", "\u202e", "\u2028", "\x7f", "\u061c"):
        assert bad.encode() not in raw, repr(bad)
    assert "é – “quoted”".encode() in raw  # other text is left as it is
    voka = next(p for p in json.loads(raw) if p["id"] == "voka")
    assert voka["name"] == HOSTILE_TEXT  # escaped, so read back unchanged


def test_json_escapes_every_unsafe_character_but_the_c0_controls_and_no_other():
    """The UTF-8 pattern for JSON and the text pattern for people name the same characters
    (but C0, which the serialiser escapes itself): checked on every code point at once."""
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    unsafe = {c for c in chars if stream._UNSAFE.match(c) and c >= " "}
    assert len(unsafe) == 1 + 32 + 1 + 2 + 2 + 5 + 4  # DEL, C1, ALM, LRM/RLM, LS/PS, LRE-RLO, LRI-PDI
    expected = "".join(f"\\u{ord(c):04x}" if c in unsafe else c for c in chars)
    assert stream.safe_json_bytes("".join(chars).encode()) == expected.encode()
    for char in unsafe:  # each alone, where only its own first byte can let it through
        assert stream.safe_json_bytes(f'"a{char}b"'.encode()) == f'"a\\u{ord(char):04x}b"'.encode()


def test_safe_bytes_are_passed_through_unchanged():
    chunk = '{"name":"Fédération belge – “ß”, ø, €"}'.encode()  # non-ASCII, none unsafe
    assert stream.safe_json_bytes(chunk) is chunk  # passed through, not re-encoded


@pytest.mark.parametrize(
    ("safe", "unsafe"), [("–", "\u202e"), ("©", "\x85"), ("“", "\u2028"), ("€", "\u2069")]
)
def test_an_unsafe_character_after_safe_ones_of_the_same_first_byte_is_escaped(safe, unsafe):
    data = f'"{safe}{safe}x{unsafe}{safe}"'.encode()
    assert stream.safe_json_bytes(data) == f'"{safe}{safe}x\\u{ord(unsafe):04x}{safe}"'.encode()


# -- JSON-shaped records -----------------------------------------------------------------------

# results.json_records makes what --jq reads, what Catalog.records() gives and what --fields
# keeps; write_json_records writes the JSON array of any other listing through pydantic's
# serialiser, a batch at a time.


def test_records_of_any_model_are_plain_json_values_in_the_order_of_fields():
    """The records of a model, the first time one of its kind is written: JSON values only
    (an enum its string, a day its ISO text: what a notebook shows, and json.dumps takes),
    keys in --fields order, a field the record lacks null; and no serialiser warning."""

    class Row(BaseModel):
        kind: PartnerType
        day: dt.date
        name: str

    records = [Row(kind=PartnerType.CLUSTER, day=dt.date(2022, 5, 17), name="MEDVIA")]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        every = json_records(records, None)
        chosen = json_records(records, ["name", "kind", "website"])
    assert caught == []
    assert repr(every) == repr([{"kind": "cluster", "day": "2022-05-17", "name": "MEDVIA"}])
    assert repr(chosen) == repr([{"name": "MEDVIA", "kind": "cluster", "website": None}])


def test_catalog_records_hold_plain_strings_not_enums():
    """Catalog.records(), for a DataFrame or a notebook: a type, a domain, a state are
    plain strings, printed as JSON would have them."""
    records = catalog_of(RAW).records()
    assert repr(records) == repr(json.loads(json.dumps(records)))


@pytest.mark.parametrize("command", [["search", "medtech"], ["matrix"], ["history"], ["types"]], ids=" ".join)
def test_json_of_a_listing_in_a_pipe_comes_without_a_serialiser_warning(command):
    """One line of JSON in a pipe, as --format jsonl gives record by record, and no
    warning of pydantic's serialiser (a real run would print it on stderr)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = run(*command, "--json")
    assert caught == [] and r.code == 0 and r.err == ""
    lines = run(*command, "--format", "jsonl").out.splitlines()
    assert r.out == "[" + ",".join(lines) + "]\n"


# -- empty results -----------------------------------------------------------------------------


def test_an_empty_result_is_an_empty_array_and_success():
    r = run("list", "--type", "chamber", "--domain", "food", "--json")
    assert r.code == 0
    assert r.out == "[]\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--type", "chamber", "--domain", "food"], "fitpartners: no partner matches\n"),
        (["search", "quantum"], "fitpartners: nothing found for 'quantum'; "),
    ],
)
def test_an_empty_result(args, message):
    for env in (TERMINAL, None):  # at a terminal, and plain text in a pipe
        r = run(*args, env=env)
        assert r.code == 0 and r.out == ""
        assert r.err.startswith(message)
    r = run(*args, "--json")
    assert r.code == 0 and r.out == "[]\n"
    # A search that found nothing says where to turn on stderr in JSON too (issue 30); a
    # list is only filtered, and its empty answer is the answer.
    assert r.err.startswith(message) if args[0] == "search" else "no partner matches" not in r.err
    assert run(*args, "--quiet").err == ""
    assert run(*args, "--json", "--quiet").err == ""
    # --format table in a pipe: the header still written, the message on stderr
    r = run(*args, "--format", "table")
    first = ["rank", "number"] if args[0] == "search" else ["number", "name"]  # a search's rank first
    assert r.out.split()[:2] == first and len(r.out.splitlines()) == 2  # header, rule
    assert r.err.startswith(message)


# -- usage errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--domain", "space"),
        ("--type", "bank"),
        ("--country", "chna"),
        ("--period", "2010-2014"),
        ("--format", "xml"),
        ("--sort", "size"),
        ("--lang", "fr"),
    ],
)
def test_bad_option_values_are_usage_errors_listing_the_valid_ones(option, value):
    r = run("list", option, value)
    assert r.code == 2
    assert r.out == ""
    assert one_line(r.err)
    assert value in r.err
    valid = {
        "--domain": "food",
        "--type": "cluster",
        "--country": "China",
        "--period": "2017-2021",
        "--format": "csv",
        "--sort": "name",
        "--lang": "nl",
    }[option]
    assert valid in r.err


def test_unknown_option_and_command_are_usage_errors():
    r = run("list", "--domian", "food")
    assert r.code == 2 and "--domain" in r.err and one_line(r.err)
    r = run("lsit")
    assert r.code == 2 and "lsit" in r.err and "list" in r.err and one_line(r.err)


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["validate", "/nonexistent/partners.json"], 1, "cannot read"),
        (["about", "--lang", "fr"], 2, "invalid value for --lang: 'fr' (valid: en, nl)"),
        (["list", "--format", "XML"], 2, "invalid value for --format: 'XML' (valid: table, json, jsonl,"),
        (["list", "--country", "xx"], 2, "nothing close"),
        (["show", "99"], 1, "1 to 21"),
        (["show"], 2, "missing argument NAME"),
        (["search"], 2, "missing argument WORDS..."),
        (["schema", "--format", "csv"], 2, "--format"),
        (["types", "--period", "1990-1994"], 2, "2022-2026"),
        (["history", "--fields", "when"], 2, "continued"),
    ],
)
def test_bad_input_to_every_command(args, code, fragment):
    r = run(*args)
    assert r.code == code, r.err
    assert r.out == ""
    assert fragment in r.err and one_line(r.err)
    assert r.err.startswith("fitpartners: ")


def test_no_arguments_shows_help_as_a_usage_error():
    r = run()
    assert r.code == 2 and r.out == ""
    assert "Usage" in r.err


# -- help, version and completion --------------------------------------------------------------


def test_version():
    r = run("--version")
    assert r.code == 0 and r.out == f"fitpartners {__version__}\n"


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_every_command_has_help_with_an_example(command):
    r = run(command, "--help")
    assert r.code == 0
    assert "Example" in r.out


def test_root_help_documents_the_exit_codes():
    r = run("--help")
    assert r.code == 0
    assert "Exit codes" in r.out and "2 usage error" in r.out


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
    "validate": {"--json", "--jq", "--lang"},
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
        "list", "show", "search", "domains", "types", "matrix", "history", "about", "validate", "init",
        "schema",
    ]  # fmt: skip


# A file or folder named in a help or a message ("docs/search.md has it in full"): a path
# with an extension, or a folder's name and its slash.
NAMED_FILE = re.compile(r"(?<![\w./:-])(?:(?:[\w.-]+/)*[\w-]+\.[A-Za-z]{1,5}\b|[\w.-]+/(?=[\s),.;:]|$))")
SKIPPED = {".git", ".venv", "venv", "build", "dist", "mutants", "node_modules"}


def repository_files() -> list[str]:
    """Every file of the repository, relative to its root (git's list where there is one)."""
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if listed.returncode == 0 and listed.stdout:
        return listed.stdout.splitlines()
    found = (p.relative_to(ROOT) for p in ROOT.rglob("*") if p.is_file())
    return [p.as_posix() for p in found if not SKIPPED & set(p.parts) and "__pycache__" not in p.parts]


def names(path: str, files: list[str]) -> bool:
    """Whether `path` (a file, or a folder ending in /) names one of `files`."""
    if path.endswith("/"):
        return any(f.startswith(path) or f"/{path}" in f for f in files)
    return any(f == path or f.endswith(f"/{path}") for f in files)


def words_for_people() -> list[str]:
    """Every help and message in every language: the catalogues, and each command's help."""
    from babel.messages.pofile import read_po

    texts: list[str] = []
    for po in (ROOT / "src" / "fitpartners" / "locale").rglob("*.po"):
        for m in read_po(po.open("rb")):
            for said in (m.id, m.string):  # a plural's forms are a tuple
                texts += [said] if isinstance(said, str) else [t for t in said if t]
    for lang in ("C.UTF-8", "nl_BE.UTF-8"):
        for command in [None, *command_names()]:
            texts.append(run(*([command] if command else []), "--help", env={"LANG": lang}).out)
    return texts


def test_no_help_or_message_sends_a_user_to_a_file_the_wheel_does_not_carry():
    # A user who installed with pip or pipx has the wheel: no docs/, README.md or scripts/.
    repository, carried = repository_files(), wheel_files()
    assert names("fitpartners/output/jq.py", carried) and names("docs/search.md", repository)
    named = {p for text in words_for_people() for p in NAMED_FILE.findall(text)}
    assert [p for p in sorted(named) if names(p, repository) and not names(p, carried)] == []


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
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


def complete(words: str, cword: int) -> list[str]:
    import subprocess
    import sys

    env = clean_environ(_FITPARTNERS_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword))
    result = subprocess.run([sys.executable, "-m", "fitpartners"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("fitpartners show vo", 2, ["voka"]),
        (
            "fitpartners show flanders",
            2,
            # one value for names that differ only in case and punctuation; only values that
            # start as typed (no 'vckk' for Flanders-China Chamber of Commerce)
            ["flanders-healthtech", "flanders-bio", "flanders-cleantech-association"],
        ),
        # a later name; any case, each spelled as typed so that a TAB keeps 'MED'
        ("fitpartners show MED", 2, ["MEDVIA", "MEDTECH-FLANDERS"]),
        ("fitpartners list --type ch", 3, ["chamber"]),  # a word of a label
        ("fitpartners list --type c", 3, ["cluster", "chamber", "commerce"]),
        ("fitpartners list --domain f", 3, ["food"]),
        ("fitpartners list --format j", 3, ["json", "jsonl"]),
        ("fitpartners list --fields id,na", 3, ["id,name"]),
        ("fitpartners history --fields fr", 3, ["from_round"]),
        ("fitpartners list --lang n", 3, ["nl"]),
        ("fitpartners list --period 20", 3, ["2017-2021", "2022-2026"]),
        ("fitpartners sh", 1, ["show"]),
    ],
)
def test_shell_completion(words, cword, expected):
    assert complete(words, cword) == expected


# -- no trailing spaces ------------------------------------------------------------------------

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


def test_lists_in_csv_and_tsv_cells_are_json_arrays_and_joined_by_a_semicolon_with_labels():
    items = ["sustainable-materials-chemistry", "engineering-technology"]
    labelled = ["sustainable resources, materials & chemistry", "solution-driven engineering & technology"]
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        out = run("list", "--format", fmt, "--fields", "id,domains").out
        rows = {row[0]: row[1] for row in csv.reader(io.StringIO(out), delimiter=delimiter)}
        assert json.loads(rows["de-blauwe-cluster"]) == items, fmt
        out = run("list", "--format", fmt, "--fields", "id,domains", "--labels").out
        rows = {row[0]: row[1] for row in csv.reader(io.StringIO(out), delimiter=delimiter)}
        assert rows["de-blauwe-cluster"].split("; ") == labelled, fmt


# -- xlsx --------------------------------------------------------------------------------------


def workbook(*args: str, env: dict[str, str | None] | None = None) -> Any:
    import openpyxl

    r = run("list", "--format", "xlsx", *args, env=env)  # in-process: the workbook in r.raw
    assert r.code == 0 and r.err == "", r.err
    return openpyxl.load_workbook(io.BytesIO(r.raw)).active


def test_xlsx_is_a_workbook_of_text_booleans_and_numbers_with_the_labels_of_the_language():
    sheet = workbook()
    assert sheet.max_row == 22  # a header and the 21 partners
    assert [c.value for c in sheet[1]][:3] == ["id", "number", "name"]
    names = [c.value for c in sheet["C"]][1:]
    assert "essenscia Vlaanderen" in names and "flanders.healthTech" in names
    kinds = {col[0].value: {c.data_type for c in col[1:] if c.value is not None} for col in sheet.iter_cols()}
    assert kinds.pop("number") == {"n"} and kinds.pop("spearhead cluster") == kinds.pop("cross sector") == {
        "b"
    }
    assert all(k == {"s"} for k in kinds.values()), kinds
    assert sheet["H2"].value is False and sheet["U2"].value == "active"  # never blank where csv says it
    assert sheet["G2"].value == "sector federation"  # the type's label, not its id
    dutch = workbook("--lang", "nl")
    assert [c.value for c in dutch[1]][:3] == ["id", "nummer", "naam"] and dutch[
        "G2"
    ].value == "sectorfederatie"
    assert 4 <= sheet.column_dimensions["C"].width <= 60


def test_xlsx_keeps_accents_and_never_runs_a_formula(dataset, write_data):
    partner(dataset, "voka")["name"] = '=HYPERLINK("http://evil.example","Voka é")'
    sheet = workbook("--data", write_data(dataset), "--fields", "id,name")
    row = next(r for r in sheet.iter_rows(values_only=False) if r[0].value == "voka")
    assert row[1].value == '=HYPERLINK("http://evil.example","Voka é")' and row[1].data_type == "s"


def test_xlsx_header_widths_and_frozen_row():
    sheet = workbook("--fields", "id,name,description")
    assert [c.font.bold for c in sheet[1]] == [True, True, True]
    assert sheet.freeze_panes == "A2"
    widths = {col: sheet.column_dimensions[col].width for col in "ABC"}
    longest_id = max(len(str(c.value)) for c in sheet["A"])
    assert widths["A"] == longest_id + 2  # as wide as the longest text, plus a margin
    assert widths["C"] <= 60
    no_header = workbook("--fields", "id", "--no-headers")
    assert no_header["A1"].value == "agoria" and no_header.freeze_panes is None


def test_xlsx_sheet_wraps_long_cells_and_sizes_columns():
    sheet = workbook("--fields", "number,name,notes")
    assert sheet.title == "fitpartners"
    for cell in (c for row in sheet.iter_rows(min_row=2) for c in row):
        text = str(cell.value or "")
        wraps = len(text) > 60
        assert bool(cell.alignment.wrap_text) is wraps, text
        assert (cell.alignment.vertical == "top") is wraps, text
    for letter in "ABC":
        longest = max(len(str(c.value or "")) for c in sheet[letter])
        assert sheet.column_dimensions[letter].width == min(max(longest, 4) + 2, 60), letter


def test_xlsx_needs_a_stdout_that_takes_bytes(monkeypatch):
    from fitpartners.errors import StreamError
    from fitpartners.output import stream

    monkeypatch.setattr(sys, "stdout", io.StringIO())
    with pytest.raises(StreamError) as refused:
        stream.write_bytes(b"x")
    assert str(refused.value) == "cannot write to stdout: it takes text only, not a binary workbook"


def test_xlsx_wraps_a_cell_only_when_it_is_wider_than_60_characters(dataset, write_data):
    """A cell of 60 characters fits its column (60 wide at most); one of 61 wraps."""
    partner(dataset, "agoria")["notes"][0]["text"] = {"nl": "x" * 60, "en": "x" * 60}
    partner(dataset, "bcecc")["notes"] = partner(dataset, "bcecc")["notes"][:1]
    partner(dataset, "bcecc")["notes"][0]["text"] = {"nl": "y" * 61, "en": "y" * 61}
    sheet = workbook("--data", write_data(dataset), "--fields", "id,notes")
    wraps = {row[0].value: bool(row[1].alignment.wrap_text) for row in sheet.iter_rows(min_row=2)}
    assert (wraps["agoria"], wraps["bcecc"]) == (False, True)


def test_xlsx_columns_are_at_least_4_characters_wide_plus_the_margin():
    """A column of short text (numbers of two digits, no header) is still 4 + 2 wide."""
    sheet = workbook("--fields", "number", "--no-headers")
    assert max(len(str(c.value or "")) for c in sheet["A"]) == 2
    assert sheet.column_dimensions["A"].width == 6


def test_an_empty_result_without_headers_is_an_empty_workbook():
    """No partner and no header: a workbook with an empty sheet, not an error."""
    import openpyxl

    r = run("list", "--type", "chamber", "--domain", "food", "--format", "xlsx", "--no-headers")
    assert r.code == 0 and "not listed" in r.err  # the note on the cross-sector chambers
    sheet = openpyxl.load_workbook(io.BytesIO(r.raw)).active
    assert sheet.title == "fitpartners"
    assert [row for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)] == []


def test_xlsx_in_a_terminal_is_refused_with_a_hint():
    r = run("list", "--format", "xlsx", env=TERMINAL)
    assert r.code == 2 and r.out == ""
    assert (
        r.err
        == "fitpartners: --format xlsx writes a binary workbook: redirect it to a file (> partners.xlsx)\n"
    )


# -- completion in a real bash -------------------------------------------------------------------

BASH = shutil.which("bash")


def bash_completions(*words: str) -> list[str]:
    """What bash offers for the last word, through the script `--show-completion` prints."""
    env = clean_environ(PATH=f"{SCRIPT.parent}{os.pathsep}{os.environ.get('PATH', '')}")
    script = subprocess.run(
        [str(SCRIPT)], env={**env, "_FITPARTNERS_COMPLETE": "source_bash"}, capture_output=True, text=True
    ).stdout
    quoted = " ".join(shlex.quote(w) for w in ("fitpartners", *words))
    probe = "\n".join(
        [script, f"COMP_WORDS=({quoted}); COMP_CWORD={len(words)}", "_fitpartners_completion fitpartners",
         'printf "%s\\n" "${COMPREPLY[@]}"'],
    )  # fmt: skip
    r = subprocess.run([BASH, "--norc", "-c", probe], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return [line for line in r.stdout.splitlines() if line]


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
@pytest.mark.skipif(BASH is None, reason="no bash")
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("show", "VOK"), ["voka"]),  # any case
        (("show", "medv"), ["MEDVIA"]),  # a later name
        (("show", "belgo"), []),  # a name with spaces only: nothing that starts as typed
        (("show", "BICC"), ["bicci"]),
        (("list", "--country", "ja"), ["jamaica", "japan"]),
        (("list", "--country", "united-s"), ["united-states", "united-states-minor-outlying-islands"]),
        (("list", "--sort", "N"), ["number", "name"]),
        # and the Dutch label; several, each spelled as typed so that a TAB keeps it
        (("list", "--type", "sectorfe"), ["sectorfederation", "sectorfederatie"]),
        (("list", "--sector", "voe"), ["voeding"]),  # a word of a label with spaces
        (("schema", "--output", "pa"), ["partner"]),
        (("list", "--format", "JS"), ["json", "jsonl"]),
    ],
)
def test_bash_offers_values_without_case_or_accents(words, expected):
    assert bash_completions(*words) == expected


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
@pytest.mark.skipif(BASH is None, reason="no bash")
@pytest.mark.parametrize(
    "words", [("show", ""), ("list", "--type", ""), ("list", "--domain", ""), ("list", "--sector", "")]
)
def test_every_value_bash_offers_can_be_inserted_as_it_is(words):
    offered = bash_completions(*words)
    assert offered
    for value in offered:
        # The value typed into a command line unquoted, as bash inserts it: the shell's
        # own splitting (shlex, POSIX rules) must leave it one word, and the run must work.
        line = shlex.split(f"fitpartners {' '.join(words[:-1])} {value} --json")
        assert line[-2] == value, value
        r = run(*line[1:])
        assert r.code == 0, (value, r.err)


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_other_shells_where_installed(shell):
    if shutil.which(shell) is None:
        pytest.skip(f"no {shell} installed")
    r = subprocess.run(
        [str(SCRIPT)],
        env=clean_environ(_FITPARTNERS_COMPLETE=f"source_{shell}"),
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0 and "fitpartners" in r.stdout


def test_jq_location_is_the_users_line():
    assert run("list", "--jq", "$__loc__").out == '{"file":"<top-level>","line":1}\n'


def test_validate_limit_below_one_is_our_message():
    r = run("validate", "--limit", "0")
    assert (
        r.code == 2
        and r.err == "fitpartners: invalid value for --limit: '0' (valid: a whole number from 1)\n"
    )


@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers(-(2**53) + 1, 2**53 - 1)
        | st.text()
        | st.floats(0, 1e6).map(lambda x: round(x, 3)),  # as our scores are written
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=20,
    ),
    st.sampled_from([None, 2]),
)
@settings(derandomize=True, max_examples=300)  # the same examples on every run: never flaky
def test_json_is_what_the_standard_librarys_json_writes(value, indent):
    # stream.to_json uses pydantic-core's serialiser; for the values we print (floats of
    # three decimals) it must write what json.dumps would. jq's results use json itself.
    separators = None if indent is not None else (",", ":")
    expected = stream.safe_json(json.dumps(value, ensure_ascii=False, indent=indent, separators=separators))
    assert stream.to_json(value, indent=indent) == expected


def test_jq_numbers_are_written_as_jq_writes_them():
    assert run("list", "--jq", "[1/100000, 0.5]").out == "[1e-05,0.5]\n"


def test_help_shows_words_never_python_types():
    from fitpartners.cli.app import command_tree

    group = command_tree(None)
    for name in [None, *group.commands]:
        r = run(*([name] if name else []), "--help")
        assert r.code == 0, name
        for python_type in ("<str>", "<int>", "<list[str]>", "<int range>", "<bool>", "<float>", "{WORDS"):
            assert python_type not in r.out, (name, python_type)


def test_an_event_known_only_by_a_day_in_a_cell_in_both_languages():
    def cell(*args: str, env: dict[str, str | None] | None = None) -> str:
        out = run("list", "--format", "csv", "--fields", "id,events", *args, env=env).out
        return next(row[1] for row in csv.reader(io.StringIO(out)) if row[0] == "dsp-valley")

    assert cell("--labels").startswith("by 2022-12-13 MEDVIA (formerly flanders.healthTech)")
    assert cell("--labels", "--lang", "nl").startswith("uiterlijk 2022-12-13 MEDVIA")
    assert cell("--lang", "nl").startswith("uiterlijk 2022-12-13 MEDVIA")  # --lang asks for labels
    assert json.loads(cell(env={"LANG": "nl_BE.UTF-8"}))[0]["by"] == "2022-12-13"  # the locale does not


def test_an_invalid_dataset_on_stdin_points_to_validate_dash():
    r = run("list", "--data", "-", input="{")
    assert r.code == 1 and r.err.endswith("; to see all: fitpartners validate -\n")


@pytest.mark.parametrize("command", [["list"], ["search", "kaas"], ["show", "voka"]], ids=" ".join)
def test_an_unknown_field_lists_every_field_whole(command):
    """A new user's review: the valid fields were cut in the middle ('description…ite'), as
    an echoed value is; the list is ours, and a person needs all of it to choose."""
    r = run(*command, "--fields", "nme")
    assert r.code == 2 and "…" not in r.err
    listed = r.err.split("(valid: ")[1].rstrip(")\n").split(", ")
    assert {"description", "website", "former_websites", "status"} <= set(listed)
    nl = run(*command, "--fields", "nme", "--lang", "nl").err
    assert "…" not in nl and "website" in nl and "bronnen" in nl
