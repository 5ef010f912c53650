"""One set of output options for every command that prints records."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import TERMINAL, clean_environ, one_line, run
from fitpartners.models import PARTNER_FIELDS

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


def test_fields_choose_and_order_json_keys_and_table_columns():
    r = run("list", "--fields", "name,number", "--json")
    assert r.json()[0] == {"name": "Agoria", "number": 1}
    r = run("list", "--fields", "name,number")
    assert r.out.splitlines()[0] == "Agoria\t1"
    r = run("list", "--fields", "name,country", env=TERMINAL)
    header = r.out.splitlines()[0].split()
    assert header == ["name", "country"]


def test_without_fields_json_carries_every_field_and_the_status():
    assert list(run("list", "--json").json()[0]) == [*PARTNER_FIELDS, "status"]
    assert list(run("show", "voka", "--json").json()) == [*PARTNER_FIELDS, "status"]
    assert list(run("search", "voka", "--json").json()[0]) == [*PARTNER_FIELDS, "status", "match"]


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


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_a_header_and_flattens_lists_and_descriptions(raw):
    fields = "name,aliases,domains,description,spearhead_cluster"
    r = run("list", "--type", "cluster", "--format", "csv", "--fields", fields)
    rows = csv_rows(r.out)
    assert rows[0] == fields.split(",")
    blauw = next(row for row in rows if row[0] == "De Blauwe Cluster")
    record = next(p for p in raw["partners"] if p["id"] == "de-blauwe-cluster")
    # Ids and raw values: what a script compares against.
    assert blauw[1] == "; ".join(record["aliases"])
    assert blauw[2] == "; ".join(record["domains"])
    assert blauw[3] == record["description"]["en"]
    assert blauw[4] == "true"
    assert next(row for row in rows if row[0] == "DSP Valley")[4] == "false"


def test_labels_switch_csv_and_tsv_to_the_labels_of_the_language():
    fields = ["--fields", "name,type,description,spearhead_cluster"]
    ids = csv_rows(run("list", "--type", "chamber", "--format", "csv", *fields, "--lang", "nl").out)
    assert ids[1] == [
        "BCECC",
        "bilateral-chamber",
        "the Belgian-Chinese Economic & Commercial Council",
        "false",
    ]
    nl = csv_rows(
        run("list", "--type", "chamber", "--format", "csv", *fields, "--lang", "nl", "--labels").out
    )
    assert nl[1] == [
        "BCECC",
        "bilaterale Kamer van Koophandel",
        "de Belgian-Chinese Economic & Commercial Council",
        "no",
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
    assert tsv.out.splitlines()[1] == "bilaterale Kamer van Koophandel"


def test_json_always_carries_both_languages():
    r = run("show", "flega", "--json", "--lang", "nl")
    assert set(r.json()["description"]) == {"nl", "en"}
    assert r.json()["type"] == "sector-federation"


def test_tsv_and_markdown():
    r = run("list", "--domain", "logistics", "--format", "tsv", "--fields", "number,name")
    assert r.out == "number\tname\n20\tVIL\n"
    r = run("list", "--domain", "logistics", "--format", "markdown", "--fields", "number,name")
    assert r.out == "| number | name |\n|---|---|\n| 20 | VIL |\n"


def test_jsonl_is_one_object_per_line():
    lines = run("list", "--format", "jsonl").out.splitlines()
    assert len(lines) == 21
    assert json.loads(lines[0])["id"] == "agoria"


def test_sort():
    from fitpartners.labels import TYPE_LABELS, fold

    by_number = run("list", "--sort", "number", "--json").json()
    assert [p["number"] for p in by_number] == list(range(1, 22))
    by_name = [p["name"] for p in run("list", "--sort", "name", "--json").json()]
    assert by_name == sorted(by_name, key=fold) and by_name != [p["name"] for p in by_number]
    by_type = run("list", "--sort", "type", "--json").json()
    order = list(TYPE_LABELS)
    assert [order.index(p["type"]) for p in by_type] == sorted(order.index(p["type"]) for p in by_type)
    assert len(by_type) == 21


def test_partners_without_a_number_come_after_the_numbered_ones_by_name():
    # The four partners of 2017-2021 only have no number in any source.
    everyone = [(p["number"], p["name"]) for p in run("list", "--period", "all", "--json").json()]
    assert everyone[:21] == [(n, name) for n, name in everyone[:21] if n is not None]
    assert [n for n, _ in everyone[:21]] == list(range(1, 22))
    assert everyone[21:] == [
        (None, "B-Hive"),
        (None, "Euka"),
        (None, "Flanders Cleantech Association"),
        (None, "Startups.be"),
    ]
    rows = run("list", "--period", "all", "--fields", "number,name").out.splitlines()
    assert rows[20:] == [
        "21\tVoka",
        "\tB-Hive",
        "\tEuka",
        "\tFlanders Cleantech Association",
        "\tStartups.be",
    ]
    # By type: the partners whose type no source gives come last, by name.
    by_type = [p["name"] for p in run("list", "--period", "all", "--sort", "type", "--json").json()]
    assert by_type[21:] == ["B-Hive", "Euka", "Flanders Cleantech Association", "Startups.be"]


def complete(words: str, cword: int) -> list[str]:
    import subprocess
    import sys

    env = clean_environ(_FITPARTNERS_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword))
    result = subprocess.run([sys.executable, "-m", "fitpartners"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("fitpartners show vo", 2, ["voka"]),
        (
            "fitpartners show flanders",
            2,
            [
                "flanders-healthtech",
                "flanders.healthTech",
                "flanders-bio",
                "flanders.bio",
                "flanders-cleantech-association",
            ],
        ),
        ("fitpartners show MED", 2, ["MEDVIA"]),  # a later name
        ("fitpartners list --type ch", 3, []),
        ("fitpartners list --type c", 3, ["cluster"]),
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


def test_sorts_do_not_rely_on_the_files_order(dataset, write_data):
    import random

    random.Random(7).shuffle(dataset["partners"])
    path = write_data(dataset)
    by_number = run("list", "--sort", "number", "--json", "--data", path).json()
    assert [p["number"] for p in by_number] == list(range(1, 22))
    # Within a type, by number: the clusters as the press release lists them.
    clusters = [p["number"] for p in run("list", "--sort", "type", "--json", "--data", path).json()
                if p["type"] == "cluster"]  # fmt: skip
    assert clusters == sorted(clusters) and len(clusters) == 8
