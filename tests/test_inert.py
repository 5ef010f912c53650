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

import pytest

from conftest import DATA_FILE, TERMINAL, partner, run

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
    voka["notes"][0]["text"] = HOSTILE
    path = tmp_path_factory.mktemp("hostile") / "hostile.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def unsafe_in(out: str) -> set[str]:
    """The unsafe characters in output for a terminal, csv's CR LF line ends left out."""
    return set(UNSAFE.findall(out.replace("\r\n", "\n")))


# -- at a terminal, every format -----------------------------------------------------------------


def test_csv_at_a_terminal_shows_escape_sequences_as_text(hostile_data):
    fields = ("--fields", "id,name,description")
    r = run("list", "--data", hostile_data, "--format", "csv", *fields, env=TERMINAL)
    assert r.code == 0, r.err
    assert unsafe_in(r.out) == set()
    assert "\r" not in r.out.replace("\r\n", "")  # the CR of the description is shown too
    voka = next(line for line in r.out.split("\r\n") if line.startswith("voka,"))
    assert voka == f'voka,{SHOWN},"one ""line""\\x0d\\x0atwo, lines"'


def test_csv_in_a_pipe_or_a_file_is_the_data_as_it_is(hostile_data):
    r = run("list", "--data", hostile_data, "--format", "csv", "--fields", "id,name,description")
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
    "&amp; &copy; &#65; &#x42;",
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
