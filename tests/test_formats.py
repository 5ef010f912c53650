"""Formats that agree: every format read back with pandas, as a researcher reads it, and
compared with the JSON field by field, through the mapping docs/output.md documents:

- csv, tsv: the JSON field names as headings; a string as it is, a number in digits,
  true/false, null an empty cell, a list or an object its JSON; `status` its `text`.
- jsonl: the JSON records, one a line.
- xlsx: the headings of the language (in Dutch the catalogue's, context "heading"; `_` as a space); a number
  a number, a boolean a boolean, null an empty cell, every other value the text that
  `--format csv --labels` gives it, never blank where the JSON has a value.
"""

from __future__ import annotations

import csv
import io
import json
import os
from typing import Any

# numpy's OpenBLAS starts a thread on import: a signal sent to the process (os.kill, as
# test_install.py's Ctrl-C test sends it) could then land there, past the main thread's
# mask. One thread, as the tool itself runs: set before pandas imports numpy.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

from conftest import (
    ROOT,  # noqa: E402
    run,  # noqa: E402
)

# The Dutch headings as the catalogue documents them, read with Babel, not with our code.
with (ROOT / "src/fitpartners/locale/nl/LC_MESSAGES/fitpartners.po").open("rb") as _po:
    HEADINGS_NL = {m.id: m.string for m in read_po(_po) if m.context == "heading"}

COMMANDS = [
    ["list", "--period", "all"],
    ["search", "kaas", "naar", "Japan"],
    ["domains"],
    ["types", "--period", "all"],
    ["matrix"],
    ["history"],
]


def records(command: list[str]) -> list[dict[str, Any]]:
    r = run(*command, "--json")
    assert r.code == 0, r.err
    return r.json()


def heading(field: str, lang: str) -> str:
    """The documented heading of a field in xlsx (and markdown)."""
    return (HEADINGS_NL.get(field, field) if lang == "nl" else field).replace("_", " ")


def from_text(cell: str, value: Any, field: str) -> Any:
    """A csv or tsv cell read back into the JSON value, by the documented mapping."""
    if field == "status" and isinstance(value, dict):
        return value["text"] if cell == value["text"] else ("status text differs", cell)
    if value is None:
        return None if cell == "" else cell
    if isinstance(value, bool):
        return {"true": True, "false": False}.get(cell, cell)
    if isinstance(value, int):
        return int(cell)
    if isinstance(value, float):
        return float(cell)
    if isinstance(value, list | dict):
        return json.loads(cell)
    return cell


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_csv_and_tsv_read_back_with_pandas_are_the_json(command, fmt):
    expected = records(command)
    out = run(*command, "--format", fmt).out
    options: dict[str, Any] = {"dtype": str, "keep_default_na": False}
    if fmt == "tsv":
        options |= {"sep": "\t", "quoting": csv.QUOTE_NONE}
    table = pd.read_csv(io.StringIO(out), **options)
    assert list(table.columns) == list(expected[0])  # every field, by its JSON name
    assert len(table) == len(expected)
    for row, record in zip(table.to_dict(orient="records"), expected, strict=True):
        for field, value in record.items():
            back = from_text(row[field], value, field)
            if field == "status":
                back = value if back == value["text"] else back
            assert back == value, (fmt, record.get("id"), field)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_jsonl_read_back_with_pandas_is_the_json(command):
    expected = records(command)
    table = pd.read_json(io.StringIO(run(*command, "--format", "jsonl").out), lines=True, dtype=False)
    assert list(table.columns) == list(expected[0])
    back = [
        {k: (None if _missing(v) else v) for k, v in row.items()} for row in table.to_dict(orient="records")
    ]
    assert back == expected


def _missing(value: Any) -> bool:
    return not isinstance(value, list | dict) and pd.isna(value)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_xlsx_read_back_with_pandas_agrees_with_the_json_and_the_labels(command, lang):
    expected = records(command)
    r = run(*command, "--format", "xlsx", "--lang", lang)
    assert r.code == 0, r.err
    sheet = pd.read_excel(io.BytesIO(r.raw), dtype=object)
    fields = list(expected[0])
    assert list(sheet.columns) == [heading(f, lang) for f in fields]
    labelled = list(
        csv.DictReader(io.StringIO(run(*command, "--format", "csv", "--labels", "--lang", lang).out))
    )
    # csv with --lang: the Dutch headings; English headings are the field names.
    said_as = {f: f if lang == "en" else heading(f, lang) for f in fields}
    for row, record, text in zip(sheet.to_dict(orient="records"), expected, labelled, strict=True):
        for field, value in record.items():
            cell = row[heading(field, lang)]
            if value is None:
                assert _missing(cell), (record.get("id"), field)
            elif isinstance(value, bool | int):
                assert cell is value or (type(cell) is type(value) and cell == value), (field, cell)
            elif value in ([], ""):
                assert _missing(cell) or cell == text[said_as[field]], (field, cell)
            else:  # a value is never blank here where the JSON has it
                said = text[said_as[field]]
                assert not _missing(cell) and cell == said, (record.get("id"), field, cell)


def test_xlsx_says_the_state_of_an_active_partner_as_csv_does():
    r = run("list", "--format", "xlsx", "--fields", "id,status")
    sheet = pd.read_excel(io.BytesIO(r.raw), dtype=object)
    states = dict(zip(sheet["id"], sheet["status"], strict=True))
    assert states["voka"] == "active" and states["medtech-flanders"].startswith("now part of Biovia")
    dutch = pd.read_excel(io.BytesIO(run("list", "--format", "xlsx", "--lang", "nl").raw), dtype=object)
    assert dict(zip(dutch["id"], dutch["status"], strict=True))["voka"] == "actief"
