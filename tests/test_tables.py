"""Tables in a terminal fit the width they are given (COLUMNS): no line is wider, no word
is cut in two; `list` and `search` give each partner one line at 80 columns (shorter
labels, fewer columns) and at most two at 60; the domain legend explains only the short
names the table shows."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from conftest import TERMINAL, run
from fitpartners.labels import CROSS_SECTOR_SHORT, DOMAIN_LABELS, DOMAIN_SHORT, TYPE_SHORT, heading
from fitpartners.messages import say_in
from fitpartners.output import cells as cells_module
from fitpartners.results import status_said
from fitpartners.search.filters import type_ids

WIDTHS = [40, 60, 80, 100, 120]
TABLES = [
    ["list"],
    ["list", "--lang", "nl"],
    ["list", "--domain", "food"],
    ["list", "--type", "chamber"],
    ["search", "food"],
    ["search", "kaas", "--lang", "nl"],
    ["search", "kamer", "van", "koophandel"],
    ["domains"],
    ["types", "--period", "all"],
    ["types", "--lang", "nl"],
    ["matrix"],
    ["matrix", "--lang", "nl"],
    ["history"],
    ["history", "--lang", "nl"],
    ["about"],
    ["about", "--lang", "nl"],
]
URL = re.compile(r"^\s*https?://\S+$")
RULE = "-"  # TERM=dumb: ASCII rules


def terminal(args: list[str], width: int) -> str:
    r = run(*args, env={**TERMINAL, "COLUMNS": str(width)})
    assert r.code == 0, r.err
    return r.out


def lang_of(args: list[str]) -> str:
    return args[args.index("--lang") + 1] if "--lang" in args else "en"


def tokens(line: str) -> list[str]:
    """The words of a line, without the punctuation that joins cells' items."""
    return [t.strip(",;():#") for t in line.split() if set(t) != {RULE}]


def vocabulary(args: list[str]) -> set[str]:
    """Every word the table may show: those of the same view where nothing wraps, and the
    short labels and statuses a narrow table uses instead."""
    lang = lang_of(args)
    words = {t for line in terminal(args, 1000).splitlines() for t in tokens(line)}
    for labels in (*TYPE_SHORT.values(), CROSS_SECTOR_SHORT):
        words |= set(tokens(labels[lang]))
    for said in NARROWED:  # what a table says it left out or shortened to fit
        words |= set(tokens(say_in(lang, said, columns="")))
    if args[0] in ("list", "search"):
        for record in run(*args, "--json").json():
            words |= set(tokens(status_said(record["status"], lang, brief=True)))
    return words


NARROWED = (
    "left out to fit: {columns}",
    "shortened to fit: {columns}",
    " (a wider terminal, --fields or --format shows them)",
    "cross-sector: serves every domain",  # the narrow matrix's line of the cross-sector partners
)
NOTE_STARTS = ("domains (", "domeinen (", "left out", "shortened", "weggelaten", "ingekort")


def body(out: str) -> list[str]:
    """The lines of a records table between its header rule and what follows the rows
    (the domain legend, or nothing)."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() and set(line.strip()) == {RULE}) + 1
    end = next(
        (i for i, line in enumerate(lines) if i >= start and line.startswith(NOTE_STARTS)),
        len(lines),
    )
    return lines[start:end]


def row_starts(lines: list[str]) -> list[int]:
    """Where each row begins: its number, right-aligned in the first column."""
    return [i for i, line in enumerate(lines) if re.match(r"^\s*\d+\s", line)]


def partner_count(args: list[str]) -> int:
    return len(run(*args, "--json").json())


# -- the width ---------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", TABLES, ids=" ".join)
def test_no_line_is_wider_than_the_terminal(args, width):
    out = terminal(args, width)
    # A source's address stands whole on a line of its own, even past the edge (a link).
    wide = [line for line in out.splitlines() if cell_len(line) > width and not URL.match(line)]
    assert wide == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", TABLES, ids=" ".join)
def test_no_word_is_cut_in_two(args, width):
    out = terminal(args, width)
    known = vocabulary(args)
    cut = [t for line in out.splitlines() for t in tokens(line) if t and t not in known]
    assert cut == []
    # Each word of each partner's name stands whole on some line.
    lines = [set(tokens(line)) for line in out.splitlines()]
    if args[0] in ("list", "search"):
        names = [p["name"] for p in run(*args, "--json").json()]
    elif args[0] in ("domains", "types", "matrix", "history"):
        names = [p["name"] for p in run("list", "--period", "all", "--json").json() if p["name"] in out]
        assert names
    else:
        names = []
    for name in names:
        for word in name.split():
            assert any(word in line for line in lines), (name, word)


# -- one line per partner ------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["list"], ["list", "--lang", "nl"]], ids=" ".join)
def test_at_80_columns_each_partner_has_one_line(args):
    rows = body(terminal(args, 80))
    assert len(rows) == partner_count(args)
    assert row_starts(rows) == list(range(len(rows)))


@pytest.mark.parametrize("args", [["search", "food"], ["search", "food", "--lang", "nl"]], ids=" ".join)
def test_at_80_columns_a_search_gives_each_partner_two_lines_at_most(args):
    """What flanders.bio is now ('part of Biovia') and why each matched take more room than one
    line of 80 leaves: two lines a row, the name whole on the first."""
    rows = body(terminal(args, 80))
    starts = row_starts(rows)
    assert len(starts) == partner_count(args)
    assert all(b - a <= 2 for a, b in zip(starts, [*starts[1:], len(rows)], strict=True))
    assert any("part of" in line or "deel van" in line for line in rows)


def test_at_80_columns_list_shows_the_name_the_status_and_the_short_labels():
    out = terminal(["list"], 80)
    assert len(body(out)) == 21
    for text in (
        "UNIZO Internationaal",
        "entrepreneurs",
        "employers",
        "chamber",
        "part of Biovia",
    ):
        assert text in out, text
    assert "organisation" not in out and "renamed" not in out
    header = out.splitlines()[0].split()
    assert header[:2] == ["number", "name"] and header[-1] == "status"
    assert "country" in header  # three chambers have one


@pytest.mark.parametrize(
    "args", [["list"], ["search", "food"], ["search", "kaas", "--lang", "nl"]], ids=" ".join
)
def test_at_60_columns_each_partner_has_at_most_two_lines(args):
    rows = body(terminal(args, 60))
    starts = row_starts(rows)
    assert len(starts) == partner_count(args) and starts[0] == 0
    heights = [b - a for a, b in zip(starts, [*starts[1:], len(rows)], strict=True)]
    assert max(heights) <= 2, heights


def test_columns_go_least_useful_first():
    wide = terminal(["list"], 120).splitlines()[0].split()
    assert wide == ["number", "name", "type", "domains", "country", "status"]
    assert terminal(["list"], 80).splitlines()[0].split() == ["number", "name", "type", "country", "status"]
    assert terminal(["list"], 60).splitlines()[0].split() == ["number", "name", "country", "status"]
    # An empty column goes first: no chamber, no country; the domains stay.
    clusters = terminal(["list", "--type", "cluster"], 80).splitlines()[0].split()
    assert clusters == ["number", "name", "type", "domains", "status"]
    # However wide: a column empty in every row says nothing at a terminal (a pipe line keeps it).
    assert "country" not in terminal(["list", "--type", "cluster"], 120).splitlines()[0].split()
    assert all(line.count("\t") == 5 for line in run("list", "--type", "cluster").out.splitlines())
    # The columns the user chose stay, however narrow.
    chosen = terminal(["list", "--fields", "name,type,domains,country"], 60).splitlines()[0].split()
    assert chosen == ["name", "type", "domains", "country"]


def test_a_wide_terminal_keeps_the_full_status():
    out = terminal(["list"], 300)
    assert "now part of Biovia: flanders.healthTech -> MEDVIA (renamed 2022-05-17) -> Biovia" in out
    assert "bilateral chamber of commerce" in out and "all sectors (cross-sector)" in out


def test_short_type_labels_name_their_type():
    for tid, labels in TYPE_SHORT.items():
        for text in labels.values():
            assert type_ids([text]) == {tid.value}, text


# -- the legend --------------------------------------------------------------------------------


def legend_labels(out: str) -> set[str] | None:
    """The short names the legend explains; None if there is no legend."""
    lines = out.splitlines()
    at = next((i for i, line in enumerate(lines) if line.startswith(("domains (", "domeinen ("))), None)
    if at is None:
        return None
    entries = " ".join(lines[at:]).split(": ", 1)[1].split("; ")
    return {entry.split(" = ")[0] for entry in entries}


def legend_entries(out: str) -> list[str]:
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(("domains (", "domeinen (")))
    return " ".join(lines[at:]).split(": ", 1)[1].split("; ")


def domain_cells(out: str, lang: str) -> list[str] | None:
    """The text of the domains column, row by row (None: the table has none), cut out of
    each line by where its heading and the next start."""
    header = out.splitlines()[0]
    name = heading("domains", lang)
    if f" {name} " not in f"{header} ":
        return None
    start = header.index(f" {name}") + 1
    following = re.search(r"\S", header[start + len(name) :])
    end = start + len(name) + following.start() if following else None
    return [line[start:end] for line in body(out)]


@pytest.mark.parametrize("width", [w for w in WIDTHS if w > 40])  # at 40 a card per partner
@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--domain", "food"],
        ["list", "--type", "chamber"],
        ["list", "--type", "cluster"],
        ["search", "food"],
        ["search", "kaas", "--lang", "nl"],
    ],
    ids=" ".join,
)
def test_the_legend_explains_only_the_short_names_shown(args, width):
    out = terminal(args, width)
    cells = domain_cells(out, lang_of(args))
    shown = {item.strip() for c in cells or [] for item in c.split(",")} & set(DOMAIN_SHORT.values())
    shown -= self_explaining(lang_of(args))
    labels = legend_labels(out)
    if shown:
        assert labels == shown
    else:
        assert labels is None


def self_explaining(lang: str) -> set[str]:
    """The short names that are their whole label: nothing for a legend to explain."""
    return {DOMAIN_SHORT[d] for d, labels in DOMAIN_LABELS.items() if labels[lang] == DOMAIN_SHORT[d]}


def test_the_legend_names_each_short_name_once_and_the_matrix_all():
    assert self_explaining("en") == {"food"}
    # 'food' is the whole label: no 'food = food', and no legend with nothing to explain
    assert legend_labels(terminal(["list", "--domain", "food"], 120)) is None
    assert "health = life sciences & health" in legend_entries(terminal(["matrix"], 200))
    assert legend_labels(terminal(["list", "--type", "chamber"], 120)) is None  # only "all sectors"
    assert legend_labels(terminal(["matrix"], 80)) == set(DOMAIN_SHORT.values()) - {"food"}
    assert legend_labels(terminal(["matrix"], 40)) == set(DOMAIN_SHORT.values()) - {"food"}


def test_our_line_count_is_richs_own_wrapping():
    """views.line_count, which the widths are fitted with, counts the lines Rich's own
    Text.wrap makes, for every cell of the default tables, at every width no narrower than
    its longest word. (Rich's measure itself is 6 to 7 times slower a call, and the fitting
    makes a thousand calls a table: ours stays, pinned to Rich's here.)"""
    from rich.console import Console
    from rich.text import Text

    from fitpartners.output.views import line_count

    console = Console(width=300)
    cells = set()
    for args in (["list", "--period", "all"], ["search", "food"], ["search", "kaas", "--lang", "nl"]):
        for line in run(*args, env={"COLUMNS": "300"}).out.splitlines():
            cells |= set(line.split("\t"))
    assert len(cells) > 50
    for question in SERVICE_QUESTIONS:  # a terminal's match cell: an address on a line of its own
        for record in run("search", *question, "--json").json():
            cells.add(cells_module.cell(record["match"], "match", labels=True, lang="en", short=True))
    assert any("\nhttps://" in c for c in cells)
    for cell in cells:
        longest = max((cell_len(w) for w in cell.split()), default=1)
        for width in range(max(longest, 1), max(cell_len(cell), longest) + 2):
            assert line_count(cell, width) == len(Text(cell).wrap(console, width)), (cell, width)


# -- a page's address in the match column -------------------------------------------------------

SERVICE_QUESTIONS = [["certificaat", "van", "oorsprong"], ["exportdocumenten"], ["ata", "carnet"]]


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("width", [40, 60, 80, 100, 120, 160])
@pytest.mark.parametrize("question", SERVICE_QUESTIONS, ids=" ".join)
def test_a_services_page_stands_whole_on_a_line_of_its_own(question, width, lang):
    # In a table or a card, at any width: never cut inside, never a bracket or a comma on it,
    # so that a double click or the terminal's link takes the whole address.
    pages = run("search", *question, "--jq", ".[].match.why[].page | select(.)").out.split()
    assert pages
    shown = terminal(["search", *question, "--lang", lang], width).splitlines()
    assert {p for p in pages if not any(p in line.split() for line in shown)} == set()
    # a card's address alone on its line; a table's at the end of its line, in its own cell
    assert all(line.rstrip().endswith(p) for line in shown for p in pages if p in line)
    assert all(len(line) <= width for line in shown if not URL.match(line))


def test_an_address_takes_a_line_of_its_own_and_the_rest_of_a_row_keeps_its_two():
    # Not a card at 120 columns for the address's line: the table's two lines a row are besides it.
    shown = terminal(["search", "certificaat", "van", "oorsprong"], 120).splitlines()
    assert shown[0].split() == ["rank", "number", "name", "match"]


@pytest.mark.parametrize(("width", "indent"), [(80, 0), (81, 10), (100, 10)])
def test_an_address_in_a_card_stands_under_its_text_or_at_the_start_of_the_line(width, indent):
    # 71 characters: under the text (10 columns in) from 81 columns, at the start of the line at 80.
    lines = terminal(["search", "certificaat", "van", "oorsprong"], width).splitlines()
    assert lines[0] == "#21 Voka"  # a card
    address = next(line for line in lines if "https://" in line)
    assert address.index("https://") == indent and len(address) == indent + 71


def test_an_address_in_the_match_cell_of_a_terminal_and_elsewhere():
    from fitpartners.output.cells import cell

    why = [
        {"word": "a", "how": "service", "field": "service", "matched": "X\nY", "page": "https://x.be/1"},
        {"word": "b", "how": "service", "field": "service", "matched": "Z", "page": "https://z.be/\x1b[2J"},
        {"word": "kaas", "how": "vocabulary", "field": "vocabulary", "matched": "food-drink", "page": None},
    ]
    match = {"words": ["a", "b", "kaas"], "cross_sector": False, "why": why}
    table = cell(match, "match", labels=True, lang="en", short=True)
    # The data's line feed and ESC made safe, so that each line feed left is ours.
    assert table.split("\n") == [
        "a: service: X\\x0aY",
        "https://x.be/1",
        "b: service: Z",
        "https://z.be/\\x1b[2J",
        "kaas: food and drink",
    ]
    plain = cell(match, "match", labels=True, lang="en")
    assert plain == (
        "a: service: X\nY (https://x.be/1), b: service: Z (https://z.be/\x1b[2J), kaas: food and drink"
    )
