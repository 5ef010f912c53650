"""Every format inert: what a dataset holds (escape sequences, control characters, markup,
formula starts, text past a format's limits) is written so that no reader runs it, renders
it or loses it in silence. At a terminal every format shows it as text; in a pipe csv stays
the data as it is (RFC 4180); markdown renders as the text it holds; a workbook holds what
Excel can hold and marks what it cannot. docs/output.md has the table."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import zipfile
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from conftest import DATA_FILE, TERMINAL, cli, partner, run

# An OSC 8 link whose text hides its target, clear-screen and cursor home, BEL, a
# right-to-left override, a vertical tab: each does something to a terminal when sent raw.
HOSTILE = "Voka \x1b]8;;https://evil.example\x07click\x1b]8;;\x07 \x1b[2J\x1b[H \x07 \u202egnp.exe \x0b"
# The same as a terminal may show it: each of those characters as an escape.
SHOWN = (
    "Voka \\x1b]8;;https://evil.example\\x07click\\x1b]8;;\\x07 \\x1b[2J\\x1b[H \\x07 \\u202egnp.exe \\x0b"
)
# What no terminal may receive raw: the characters stream.sanitize escapes, but the line
# feed and tab that lay out tsv, markdown and text (CR comes only before LF, in csv's line
# ends, which is checked apart).
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> str:
    """The bundled dataset with HOSTILE in Voka's name, an alias, its description and a
    note, and a description of two lines (CR LF) with a quote in it."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    voka = partner(data, "voka")
    voka["name"] = HOSTILE
    voka["aliases"] = [f"alias {HOSTILE}"]
    voka["description"]["en"] = 'one "line"\r\ntwo, lines'
    voka["notes"][0]["text"] = {"nl": HOSTILE, "en": HOSTILE}
    path = tmp_path_factory.mktemp("hostile") / "hostile.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def unsafe_in(out: str) -> set[str]:
    """The unsafe characters in output for a terminal, csv's CR LF line ends left out."""
    return set(UNSAFE.findall(out.replace("\r\n", "\n")))


# -- at a terminal, every format -----------------------------------------------------------------


def test_csv_at_a_terminal_shows_escape_sequences_as_text(hostile_data):
    fields = ("--fields", "id,name,description", "--labels")  # the description as text, not JSON
    r = run("list", "--data", hostile_data, "--format", "csv", *fields, env=TERMINAL)
    assert r.code == 0, r.err
    assert unsafe_in(r.out) == set()
    assert "\r" not in r.out.replace("\r\n", "")  # the CR of the description is shown too
    voka = next(line for line in r.out.split("\r\n") if line.startswith("voka,"))
    assert voka == f'voka,{SHOWN},"one ""line""\\x0d\\x0atwo, lines"'


def test_csv_in_a_pipe_or_a_file_is_the_data_as_it_is(hostile_data):
    fields = ("--fields", "id,name,description", "--labels")  # the description as text, not JSON
    r = run("list", "--data", hostile_data, "--format", "csv", *fields)
    assert r.code == 0, r.err
    rows = list(csv.reader(io.StringIO(r.out, newline="")))
    voka = next(row for row in rows if row[0] == "voka")
    assert voka == ["voka", HOSTILE, 'one "line"\r\ntwo, lines']  # RFC 4180: byte-exact
    assert f'voka,{HOSTILE},"one ""line""\r\ntwo, lines"\r\n' in r.out


TEXT_FORMATS = [[], ["--format", "table"], ["--json"], ["--format", "jsonl"]]
TEXT_FORMATS += [["--format", "csv"], ["--format", "tsv"], ["--format", "markdown"]]
TEXT_FORMATS += [["--jq", ".. | strings"]]


@pytest.mark.parametrize("fmt", TEXT_FORMATS, ids=lambda f: " ".join(f) or "default")
@pytest.mark.parametrize(
    "command",
    [["list"], ["show", "voka"], ["search", "voka"], ["domains"], ["types"], ["matrix"], ["history"]],
    ids=lambda c: c[0],
)
def test_every_format_at_a_terminal_is_inert(hostile_data, command, fmt):
    r = run(*command, "--data", hostile_data, *fmt, env=TERMINAL)
    assert r.code == 0, r.err
    assert unsafe_in(r.out) == set(), (command, fmt)
    assert unsafe_in(r.err) == set()
    if command[0] in ("list", "show", "search", "matrix"):  # Voka's name is shown, as text
        assert "gnp.exe" in r.out, (command, fmt)


# -- markdown renders as the text it holds -------------------------------------------------------

MARKUP = [
    "*em* _em_ **strong** __strong__",
    "`code` and ``more``",
    "[click](https://evil.example) and ![img](https://evil.example/x.png)",
    "<b>bold</b> <script>alert(1)</script> <!-- hidden -->",
    "<https://evil.example> and <me@evil.example>",
    "&amp; &copy; &#65; &#x42; and R&D & co &copy",
    "~~struck~~ ~one~",
    "a | b || c",
    "back\\slash \\* \\| and a last one\\",
    "# heading",
    "> quote",
    "- item",
    "1. item",
    "+ item",
    "--- and === and ***",
    "$x^2$ and $$y$$",
    "[^1] and [ ] and [x]",
    "line one\nline two\r\nline three\rfour",
    "tab\there",
    "Voka \x1b[2J\u202e",
]


def rendered_cells(markdown: str) -> list[list[str]]:
    """The text each cell of a markdown table renders as, read from markdown-it's tokens
    (CommonMark with GFM's tables and strikethrough): a <br> a line break; any other
    markup (emphasis, a link, code, HTML) fails the test."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)
    assert [t.type for t in tokens if t.type.startswith(("table", "paragraph", "heading"))][:1] == [
        "table_open"
    ]
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline":
            text = ""
            for child in token.children or []:
                if child.type == "html_inline" and child.content == "<br>":
                    text += "\n"
                else:
                    assert child.type == "text", (child.type, child.content)
                    text += child.content
            rows[-1].append(text)
    return rows


def test_markdown_renders_as_the_text_it_holds(dataset, write_data):
    ids = [p["id"] for p in dataset["partners"]][: len(MARKUP)]
    for pid, value in zip(ids, MARKUP, strict=True):
        partner(dataset, pid)["description"]["en"] = value
    r = run("list", "--data", write_data(dataset), "--format", "markdown", "--fields", "id,description")
    assert r.code == 0, r.err
    assert len(r.out.splitlines()) == 2 + 21  # a line a row: no value breaks one
    rows = rendered_cells(r.out)
    assert rows[0] == ["id", "description"]
    shown = {row[0]: row[1] for row in rows[1:]}
    assert all(len(row) == 2 for row in rows)
    for pid, value in zip(ids, MARKUP, strict=True):
        # as typed, but a line break is one line feed, and what a terminal would run an escape
        expected = value.replace("\r\n", "\n").replace("\r", "\n")
        expected = expected.replace("\t", "\\x09").replace("\x1b", "\\x1b").replace("\u202e", "\\u202e")
        assert shown[pid] == expected, (pid, value)
    assert "\\$x^2\\$" in r.out  # GitHub's math (not in markdown-it's CommonMark) stays text


def test_markdown_keeps_a_value_of_many_lines_in_one_row(hostile_data):
    r = run("show", "voka", "--data", hostile_data, "--format", "markdown", "--fields", "id,description")
    assert r.out.splitlines()[-1] == '| voka | one "line"<br>two, lines |'


# -- a workbook holds what a cell can hold -------------------------------------------------------


def excel_reads(stored: str) -> str:
    """A cell's text as Excel reads it from the file: each _xHHHH_ is the character
    HHHH, left to right (ECMA-376 Part 1, 22.9.2.19 ST_Xstring). openpyxl does not decode
    them, so the tests do; an X in capitals too, as a reader might."""
    return re.sub("_[xX]([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), stored)


def as_escapes(value: str) -> str:
    """A value with what no cell can hold as it is (C0 controls but tab and line feed;
    U+FFFE, U+FFFF) shown as escapes."""
    forbidden = {*map(chr, range(0x20)), "\ufffe", "\uffff"} - {"\t", "\n"}
    return "".join(
        (f"\\x{ord(c):02x}" if c < " " else f"\\u{ord(c):04x}") if c in forbidden else c for c in value
    )


def workbook_of(r: Any) -> Any:
    import openpyxl

    assert r.code == 0, r.err
    return openpyxl.load_workbook(io.BytesIO(r.raw)).active


def by_id(sheet: Any) -> dict[str, Any]:
    """The cells of each row after the header, by the row's first cell (the id)."""
    return {row[0].value: row[1:] for row in sheet.iter_rows(min_row=2)}


def test_a_workbook_shows_what_a_cell_cannot_hold_as_escapes(hostile_data, dataset, write_data):
    # One vertical tab was enough for openpyxl to refuse the whole workbook (exit 70, 0 bytes).
    r = run("list", "--data", hostile_data, "--format", "xlsx", "--fields", "id,name,description")
    assert r.err == ""
    voka = by_id(workbook_of(r))["voka"]
    assert (
        voka[0].value
        == as_escapes(HOSTILE)
        == HOSTILE.replace("\x1b", "\\x1b").replace("\x07", "\\x07").replace("\x0b", "\\x0b")
    )  # the right-to-left override is text a cell may hold
    assert voka[1].value == 'one "line"\\x0d\ntwo, lines'  # XML would read a CR as a line feed
    # Characters that are no XML characters made a workbook that did not open; Excel's own
    # escapes in the data made Excel show other text.
    values = ["a\ufffeb\uffffc", "_x0041_ and _x0041_x0042_ and _X004a_ and _x00_", "SKU_x0041\x0b_"]
    for pid, value in zip(("agoria", "bcecc", "voka"), values, strict=True):
        partner(dataset, pid)["description"]["en"] = value
    r = run("list", "--data", write_data(dataset), "--format", "xlsx", "--fields", "id,description")
    shown = {pid: excel_reads(cells[0].value) for pid, cells in by_id(workbook_of(r)).items()}
    assert shown["agoria"] == "a\\ufffeb\\uffffc"
    assert shown["bcecc"] == values[1]
    assert shown["voka"] == "SKU_x0041\\x0b_"


FORMULAS = [
    "=1+1",
    "+1",
    "-1",
    "@x",
    '=HYPERLINK("https://evil.example","Voka")',
    "\t=1+1",
    "=cmd|' /C calc'!A0",
]


def test_formula_starts_stay_text(dataset, write_data):
    ids = [p["id"] for p in dataset["partners"]][: len(FORMULAS)]
    for pid, value in zip(ids, FORMULAS, strict=True):
        partner(dataset, pid)["description"]["en"] = value
    r = run("list", "--data", write_data(dataset), "--format", "xlsx", "--fields", "id,description")
    cells = by_id(workbook_of(r))
    for pid, value in zip(ids, FORMULAS, strict=True):
        cell = cells[pid][0]
        assert (cell.value, cell.data_type) == (value, "s"), pid  # text, never a formula nor a number
        assert cell.quotePrefix, pid  # and text after an edit too, as if typed after an apostrophe
    assert not cells["voka"][0].quotePrefix  # a plain text needs no prefix
    with zipfile.ZipFile(io.BytesIO(r.raw)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet


def with_aliases(dataset: dict[str, Any], pid: str, names: list[str]) -> None:
    p = partner(dataset, pid)
    p["aliases"] = names
    p["sources"]["aliases"] = p["sources"]["name"]


def longest_start(text: str, units: int) -> str:
    """The longest start of text of at most `units` UTF-16 units: no half emoji."""
    kept = 0
    for n, char in enumerate(text):
        kept += 2 if char > "\uffff" else 1
        if kept > units:
            return text[:n]
    return text


def test_a_cell_longer_than_excel_holds_is_cut_where_it_says_so(dataset, write_data):
    # An alias holds 10,000 characters at most; four make a cell of 40,006, which openpyxl
    # cut at 32,767 in silence. Excel counts UTF-16 units: an emoji is two.
    with_aliases(dataset, "voka", [c * 10_000 for c in "abcd"])
    with_aliases(dataset, "agoria", ["😀" * 9_000 + c for c in "ab"])  # 18,002 characters, 36,004 units
    whole = {
        "bcecc": ["e" * 10_000, "f" * 10_000, "g" * 10_000, "h" * 2_761],  # 32,767: fits
        # 32,767 as Excel reads it, 41,335 as stored, with Excel's escape of each "_x0041_"
        "bva": ["_x0041_" * 1_428, "i" * 10_000, "j" * 10_000, "k" * 2_765],
    }
    for pid, names in whole.items():
        with_aliases(dataset, pid, names)
    path = write_data(dataset)
    r = run("list", "--data", path, "--format", "xlsx", "--fields", "id,aliases")
    assert r.err == (
        "fitpartners: note: cut to the 32767 characters a cell holds, and marked so in the cell: "
        "aliases of agoria (36004 characters), aliases of voka (40006 characters); "
        "--format json has the whole text\n"
    )
    cells = {pid: excel_reads(c[0].value or "") for pid, c in by_id(workbook_of(r)).items()}
    for pid, length in (("agoria", 36_004), ("voka", 40_006)):
        marker = f" … [cut: {length} characters, more than a cell holds]"
        text = "; ".join(partner(dataset, pid)["aliases"])
        assert cells[pid] == longest_start(text, 32_767 - len(marker)) + marker, pid
    assert cells["voka"] == "; ".join(c * 10_000 for c in "abc") + "; " + "d" * (2_761 - len(marker)) + marker
    for pid, names in whole.items():
        assert cells[pid] == "; ".join(names), pid
    nl = run("list", "--data", path, "--format", "xlsx", "--fields", "id,aliases", "--lang", "nl")
    assert nl.err.startswith("fitpartners: noot: ingekort tot de 32767 tekens")
    cut = by_id(workbook_of(nl))["voka"][0].value
    assert cut.endswith(" … [ingekort: 40006 tekens, meer dan een cel bevat]")
    quiet = run("list", "--data", path, "--format", "xlsx", "--fields", "id,aliases", "--quiet")

    # The note hidden; the cells say it still (cells compared: a workbook's bytes hold the time
    # it was written, which two runs may not share).
    def values(run_: Any) -> dict[str, list[Any]]:
        return {pid: [c.value for c in row] for pid, row in by_id(workbook_of(run_)).items()}

    assert quiet.err == "" and values(quiet) == values(r)


def test_the_note_names_three_cut_cells_and_counts_the_others(dataset, write_data):
    ids = [p["id"] for p in dataset["partners"]][:5]
    for pid in ids:
        with_aliases(dataset, pid, [f"{pid} {c}" * (9_000 // (len(pid) + 2)) for c in "abcd"])
    r = run("list", "--data", write_data(dataset), "--format", "xlsx", "--fields", "aliases,id")
    note = r.err.split(" in the cell: ")[1]
    assert note.count(" characters)") == 3 and ", and 2 more; --format json" in note, note
    assert [name.split(" of ")[1].split(" (")[0] for name in note.split(", ")[:3]] == ids[:3]


def test_a_cut_cell_of_a_record_without_an_id_is_named_by_its_row():
    from fitpartners.output.render import cut_note
    from fitpartners.output.xlsx import Cut

    class Step(BaseModel):
        text: str

    note = cut_note([Cut(1, 0, 40_000)], [Step(text=""), Step(text="")], ["text"], 32_767, "nl")
    assert "text van rij 2 (40000 tekens)" in note


def test_more_rows_than_a_sheet_holds_are_refused_before_any_byte(monkeypatch):
    from fitpartners.output import xlsx

    monkeypatch.setattr(xlsx, "XLSX_MAX_ROWS", 22)  # the header and 21 partners fit
    assert run("list", "--format", "xlsx").code == 0
    monkeypatch.setattr(xlsx, "XLSX_MAX_ROWS", 21)
    r = run("list", "--format", "xlsx")
    assert (r.code, r.raw) == (2, b"")
    assert r.err == (
        "fitpartners: --format xlsx: 22 rows are more than a sheet holds (21); "
        "use --format csv, or select fewer\n"
    )
    assert run("list", "--format", "xlsx", "--no-headers").code == 0


@settings(derandomize=True, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=40), min_size=1, max_size=4))
def test_any_text_makes_a_workbook_that_opens_and_reads_back(values):
    """Whatever text a cell is given, the workbook opens and Excel reads the text back
    with only what a cell cannot hold shown as escapes."""
    import openpyxl

    from fitpartners.output.xlsx import xlsx_bytes

    data, cuts = xlsx_bytes([values], None)
    assert cuts == []
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [excel_reads(c.value or "") for c in sheet[1]][: len(values)] == [as_escapes(v) for v in values]


def test_a_workbook_with_a_vertical_tab_is_written_whole_to_a_file(hostile_data, tmp_path):
    """The report's case, as a user meets it: a real process, stdout a file."""
    import openpyxl

    out = tmp_path / "partners.xlsx"
    with out.open("wb") as file:
        streams = {"capture_output": False, "stdout": file, "stderr": subprocess.PIPE}
        done = cli("list", "--data", hostile_data, "--format", "xlsx", **streams)
    assert (done.returncode, done.stderr) == (0, "")
    sheet = openpyxl.load_workbook(out).active
    assert any(row[2] == as_escapes(HOSTILE) for row in sheet.iter_rows(values_only=True))
