"""Rich views for a terminal: tables, the partner card, overviews, about, history.

Every value from the data goes in as rich.text.Text, which is never parsed for markup,
and is sanitized first, so a name like '[bold]x' or one with ESC shows as typed. Source
addresses are never wrapped: each stands whole on its own line, as a hyperlink (OSC 8)
where the terminal supports one. Imported only when a terminal view is printed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..catalog import Catalog
from ..dataset.models import Partner
from ..labels import DOMAIN_LABELS, DOMAIN_SHORT, EDITORIAL_SOURCE, Domain, label
from ..labels import heading as label_heading
from ..messages import say_in
from ..results import About, HistoryStep, OverviewRow
from .cells import CellTable
from .stream import sanitize, terminal_width, write
from .text import EDITORIAL_NOTE, TRANSLATED_NOTE, card_rows, footnotes, kind_said, row_marks


def console() -> Console:
    # The width given, not Rich's own look: Rich takes a dumb terminal as 80 columns
    # whatever COLUMNS says. NO_COLOR and FORCE_COLOR reach Rich's colours only.
    # Both given: Rich reads its own size, 80 by 25 for a dumb terminal, unless it has both.
    lines = os.environ.get("LINES", "").strip()
    height = int(lines) if lines.isdigit() and int(lines) > 0 else 25
    return Console(highlight=False, emoji=False, markup=False, width=terminal_width(), height=height)


def ascii_only() -> bool:
    """A dumb terminal (TERM=dumb, as Emacs' shell and some CI logs set it) may not draw
    box characters: its rules are ASCII."""
    return os.environ.get("TERM", "").strip().lower() in ("dumb", "unknown")


# A rule under the header only, as box.SIMPLE_HEAD, in ASCII.
ASCII_HEAD = box.Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)


# Padding at the end of a line, before any closing style codes.
_TRAILING = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$", re.M)


def show(renderable: Any) -> None:
    """Print a view with no trailing spaces on any line (Rich pads every cell)."""
    made = console()
    with made.capture() as captured:
        made.print(renderable, crop=False)  # an address stands whole, even past the edge
    text = captured.get()
    while (stripped := _TRAILING.sub(r"\1", text)) != text:
        text = stripped
    write(text)  # stream.write: every byte, not Rich's file.write


def text(value: str, style: str = "") -> Text:
    return Text(sanitize(value), style=style)


def link(url: str) -> Text:
    """An address, whole: a hyperlink where the terminal supports one, readable anyway."""
    shown = sanitize(url)
    return Text(shown, style=Style(dim=True, link=shown), no_wrap=True, overflow="ignore")


# -- tables that fit the terminal -------------------------------------------------------------
#
# Rich shrinks a table that is too wide by cutting its widest columns, inside words
# ("entreprene/urs'"). Our tables choose their own column widths instead: each column is
# given a width no narrower than its longest word, so that Rich wraps cells at spaces
# only, and the whole table is no wider than the terminal. A table of records first
# tries to give each row one line, then two, by shorter labels and fewer columns.

# What identifies a row: kept on one line where the terminal has room.
WHOLE = ("id", "number", "name")
# The space a table with padding (0, 1) and show_edge=False takes besides its cells:
# between two columns a pad, the divider and a pad; a pad at either end.
GAP, EDGE = 3, 2
# At most this many lines per row is tried before any number (the longest word's width).
MOST_LINES = 8


def line_count(value: str, width: int) -> int:
    """The lines a cell takes at `width`, wrapped at spaces as Rich wraps it (a word goes
    to the next line when it does not fit what is left of this one), each line of its own
    (an address, cells.py) begun anew. Rich's own measure, len(Text(value).wrap(console,
    width)), gives the same counts (a test compares them on every cell) at 6 to 7 times the
    cost a call, of which fitting a table makes a thousand."""
    lines = 0
    for line in value.split("\n"):
        lines, used = lines + 1, 0
        for word in re.findall(r"\S+\s*", line):
            length = cell_len(word.rstrip())
            if used and used + length > width:
                lines, used = lines + 1, 0
            used += cell_len(word)
    return lines


def _words(value: str) -> list[str]:
    return value.split() or [""]


def _widest_line(value: str) -> int:
    return max(cell_len(line) for line in value.split("\n"))


# A line of a cell that is an address alone (cells.py puts a page's on its own line): kept
# whole, as a hyperlink where the terminal supports one.
ADDRESS = re.compile(r"^https?://\S+$", re.M)


def _cell(value: str) -> Text:
    """A table's cell, its addresses as hyperlinks."""
    made = Text(value)
    for m in ADDRESS.finditer(value):
        made.stylize(Style(dim=True, link=m.group()), m.start(), m.end())
    return made


def _narrowest(values: Sequence[str], low: int, high: int, lines: int) -> int:
    """The narrowest width in [low, high] at which no value takes more than `lines`."""
    while low < high:
        mid = (low + high) // 2
        if max((line_count(v, mid) for v in values), default=1) <= lines:
            high = mid
        else:
            low = mid + 1
    return high


def fit_widths(
    columns: Sequence[Sequence[str]],
    headers: Sequence[str],
    room: int,
    *,
    lines: int | None,
    whole: Sequence[bool] = (),
) -> list[int] | None:
    """Widths for the columns (each a list of cell texts, `headers` their headings) that
    add up to at most `room`, none narrower than a word of its column, and with at most
    `lines` lines to a cell (None: any number); a column marked `whole` keeps each cell
    on one line; None if no widths do. Space left over goes to the columns
    furthest from their natural widths."""
    natural = [max(_widest_line(v) for v in [h, *col]) for h, col in zip(headers, columns, strict=True)]
    longest = [
        max(cell_len(w) for v in [h, *col] for w in _words(v))
        for h, col in zip(headers, columns, strict=True)
    ]
    need = []
    for i, col in enumerate(columns):
        if lines == 1 or (i < len(whole) and whole[i]):
            need.append(natural[i])
        elif lines is None:
            need.append(longest[i])
        else:
            need.append(_narrowest(col, longest[i], natural[i], lines))
    if sum(need) > room:
        return None
    widths = list(need)
    for _ in range(room - sum(need)):
        i = max(range(len(widths)), key=lambda i: natural[i] - widths[i])
        if widths[i] >= natural[i]:
            break
        widths[i] += 1
    return widths


def fit_table(
    columns: Sequence[Sequence[str]],
    headers: Sequence[str],
    width: int,
    *,
    gap: int = GAP,
    edge: int = EDGE,
    whole: Sequence[bool] = (),
) -> list[int] | None:
    """Column widths for a table `width` cells wide: the `whole` columns unbroken if they
    can be, and then the fewest lines to the tallest row; None when some word is wider
    than any layout allows."""
    room = width - gap * (len(columns) - 1) - edge
    for keep in (True, False) if any(whole) else (False,):
        for lines in (*range(1, MOST_LINES + 1), None):
            widths = fit_widths(columns, headers, room, lines=lines, whole=whole if keep else ())
            if widths is not None:
                return widths
    return None


def _table(**settings: Any) -> Table:
    chosen = ASCII_HEAD if ascii_only() else box.SIMPLE_HEAD
    return Table(box=chosen, header_style="bold", show_edge=False, **settings)


def _add_columns(
    table: Table, headers: Sequence[str], widths: Sequence[int] | None, justify: Sequence[str] = ()
) -> None:
    for i, h in enumerate(headers):
        table.add_column(
            h,
            justify=justify[i] if i < len(justify) else "left",  # type: ignore[arg-type]
            overflow="fold",  # only a word wider than the terminal itself is ever cut
            width=widths[i] if widths is not None else None,
        )


# Ways to make a table of records narrower, in the order they are tried: shorter cells
# (the short status, type, cross-sector label), then, for the default columns, fewer
# columns (an empty country column, then domains, then type). The name and the status stay.
_NARROWER: tuple[tuple[str, str], ...] = (
    ("brief", "status"),
    ("brief", "type"),
    ("brief", "domains"),
    ("drop if empty", "country"),
    ("drop", "domains"),
    ("drop", "type"),
)


def _layouts(
    full: list[list[str]], brief: list[list[str]], fields: Sequence[str], droppable: bool
) -> list[list[tuple[int, list[str]]]]:
    """Each layout: the columns it shows, as (field index, cells), widest layout first."""
    columns = {i: [row[i] for row in full] for i in range(len(fields))}
    layouts = [list(columns.items())]
    for step, field in _NARROWER:
        if field not in fields:
            continue
        i = list(fields).index(field)
        if i not in columns:
            continue
        if step == "brief":
            shorter = [row[i] for row in brief]
            if shorter == columns[i]:
                continue
            columns[i] = shorter
        elif not droppable or (step == "drop if empty" and any(columns[i])):
            continue
        else:
            del columns[i]
        layouts.append(list(columns.items()))
    return layouts


def records_table(cell_table: CellTable, lang: str, *, droppable: bool) -> Group:
    """Records as a table, one column per field, that fits the terminal: each row on one
    line if some layout allows it, else on two; else a card per record. `droppable`: the
    columns are the default ones, which may be left out (not those the user chose with
    --fields): a column empty in every row is, and one left out or shortened to fit is named
    under the table. Domains go by their short names, those that need it explained under it."""
    fields, header = list(cell_table.fields), cell_table.header
    full = [[_safe(c, f) for c, f in zip(row, fields, strict=True)] for row in cell_table.full]
    brief = [[_safe(c, f) for c, f in zip(row, fields, strict=True)] for row in cell_table.brief]
    headers = list(header) if header is not None else [""] * len(fields)
    if droppable:  # an empty column says nothing: left out (a pipe line keeps every field)
        kept = [i for i, f in enumerate(fields) if f in WHOLE or any(row[i] for row in full)]
        fields, headers = [fields[i] for i in kept], [headers[i] for i in kept]
        full, brief = [[row[i] for i in kept] for row in full], [[row[i] for i in kept] for row in brief]
    width = console().width
    layouts = _layouts(full, brief, fields, droppable)
    chosen, widths = _fitting(layouts, headers, fields, width)
    if widths is None:  # no table fits: a card per record
        return Group(*_record_cards(full, fields, headers), *_legend(lang, fields, full))
    table = _table(show_header=header is not None)
    _add_columns(
        table,
        [headers[i] for i, _ in chosen],
        widths,
        ["right" if fields[i] in ("number", "count") else "left" for i, _ in chosen],
    )
    for r in range(len(full)):
        table.add_row(*(_cell(cells[r]) for _, cells in chosen))
    shown = dict(chosen)
    parts: list[Any] = [table]
    narrowed = _narrowed(headers, layouts[0], shown, lang)
    if narrowed:
        parts.append(Text(narrowed, style="dim"))
    domains = [i for i in shown if fields[i] == "domains"]
    parts += _legend(lang, ["domains"], [[c] for c in shown[domains[0]]]) if domains else []
    return Group(*parts)


def _safe(cell: str, field: str) -> str:
    """A cell sanitized; a match's line by line: cells.py made its data safe, and its line
    feeds, before a page's address and after it, are its own."""
    return "\n".join(map(sanitize, cell.split("\n"))) if field == "match" else sanitize(cell)


def _fitting(
    layouts: list[list[tuple[int, list[str]]]], headers: Sequence[str], fields: Sequence[str], width: int
) -> tuple[list[tuple[int, list[str]]], list[int] | None]:
    """The widest layout whose rows take one line each (names whole), else two, besides the
    lines of their addresses (each on its own); with its column widths. (the narrowest,
    None) when none does."""
    attempts = [(lines, keep) for lines in (1, 2) for keep in ((True,) if lines == 1 else (True, False))]
    for lines, keep in attempts:
        for layout in layouts:
            room = width - GAP * (len(layout) - 1) - EDGE
            addresses = max((len(ADDRESS.findall(c)) for _, cells in layout for c in cells), default=0)
            widths = fit_widths(
                [cells for _, cells in layout],
                [headers[i] for i, _ in layout],
                room,
                lines=lines + addresses,
                whole=[keep and fields[i] in WHOLE for i, _ in layout],
            )
            if widths is not None:
                return layout, widths
    return layouts[-1], None


def _narrowed(
    headers: Sequence[str], widest: list[tuple[int, list[str]]], shown: dict[int, list[str]], lang: str
) -> str:
    """What a table left out or shortened to fit the terminal, said under it; '' if nothing."""
    left_out = [headers[i] for i, _ in widest if i not in shown]
    shorter = [headers[i] for i, cells in widest if i in shown and shown[i] != cells]
    said = []
    if left_out:
        said.append(say_in(lang, "left out to fit: {columns}", columns=", ".join(left_out)))
    if shorter:
        said.append(say_in(lang, "shortened to fit: {columns}", columns=", ".join(shorter)))
    if not said:
        return ""
    return "; ".join(said) + say_in(lang, " (a wider terminal, --fields or --format shows them)")


def _record_cards(rows: list[list[str]], fields: Sequence[str], headers: Sequence[str]) -> list[Any]:
    """A card per record, for a terminal too narrow for their table: the number and name
    on the first line, then each other field with a value, its heading before it; an
    address on a line of its own below its text, whole (the grid would cut it at the edge)."""
    title = [i for i, f in enumerate(fields) if f in ("number", "name")] or [0]
    parts: list[Any] = []
    for row in rows:
        if parts:
            parts.append(Text(""))
        named = [f"#{row[i]}" if fields[i] == "number" else row[i] for i in title if row[i]]
        parts.append(Text(" ".join(named), style="bold"))
        shown = [(headers[i], cell) for i, cell in enumerate(row) if i not in title and cell]
        head = max((cell_len(h) for h, _ in shown), default=0)
        grid = _card_grid(head)
        for heading, cell in shown:
            for line in _text_and_addresses(cell):
                if not ADDRESS.match(line):
                    grid.add_row("", Text(heading), Text(line))
                else:  # the grid so far, then the address, then a grid for the rest
                    parts += [grid, _address_line(line, head + 3)]
                    grid = _card_grid(head)
                heading = ""
        if grid.row_count:
            parts.append(grid)
    return parts


def _card_grid(head: int) -> Table:
    """A card's grid: a margin, the headings (`head` wide, the same in every grid of a card),
    the values."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1)
    grid.add_column(style="dim", no_wrap=True, width=head)
    grid.add_column(overflow="fold")
    return grid


def _text_and_addresses(cell: str) -> list[str]:
    """A cell's text between its addresses, and each address alone, in order."""
    parts: list[str] = []
    text: list[str] = []
    for line in cell.split("\n"):
        if ADDRESS.match(line):
            parts += ["\n".join(text)] if text else []
            parts.append(line)
            text = []
        else:
            text.append(line)
    return parts + (["\n".join(text)] if text else [])


def _address_line(url: str, indent: int) -> Text:
    """An address under the value it belongs to, at its indent where it fits the terminal,
    else at the start of the line (past the edge only where no line holds it)."""
    fits = indent + cell_len(url) <= console().width
    return Text(" " * indent if fits else "", no_wrap=True, overflow="ignore").append_text(link(url))


def _legend(lang: str, fields: Sequence[str], rows: list[list[str]]) -> list[Text]:
    """The domain legend for the short names in the `domains` column of `rows`, if any
    needs explaining."""
    if "domains" not in fields:
        return []
    i = list(fields).index("domains")
    legend = domain_legend(lang, [row[i] for row in rows])
    return [legend] if legend is not None else []


def domain_legend(lang: str, cells: Sequence[str] | None = None) -> Text | None:
    """What the short domain names stand for: those that occur in `cells` (None: all);
    None if none does."""
    present = {item.strip() for c in cells for item in c.split(",")} if cells is not None else None
    # Only what a short name does not say itself: 'food' needs no 'food = food'.
    shown = [
        d
        for d in DOMAIN_LABELS
        if (present is None or DOMAIN_SHORT[d] in present)
        and DOMAIN_SHORT[d] != label(DOMAIN_LABELS[d], lang)
    ]
    if not shown:
        return None

    def entry(d: Domain) -> str:
        return f"{DOMAIN_SHORT[d]} = {label(DOMAIN_LABELS[d], lang)}"

    return Text(say_in(lang, "domains (editorial mapping): ") + "; ".join(map(entry, shown)), style="dim")


def partner_card(catalog: Catalog, p: Partner, lang: str) -> Group:
    """Every field of a partner, each fact followed by its footnoted sources (the rows
    of text.card_rows, which the plain card prints too)."""
    names = {q.id: q.name for q in catalog.all_partners}
    status = catalog.status(p)
    now = catalog.by_id.get(status.partner or "")
    rows = card_rows(p, status, lang, names, catalog.continued_by(p), now)
    marks = footnotes(rows)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for r in rows:
        line = text(r.value)
        if r.sources or r.translated:
            line.append(" " + row_marks(r, marks), style="dim")
        grid.add_row(text(r.heading), line)
    listed = [
        (mark, catalog.sources[sid], kind_said(catalog.sources[sid].kind, p.id, lang, names))
        for sid, mark in marks.items()
        if mark != "E"
    ]
    made = console()
    parts: list[Any] = source_list(listed, made)
    if EDITORIAL_SOURCE in marks:
        parts.append(_marked("E", say_in(lang, EDITORIAL_NOTE), made))
    if any(r.translated for r in rows):
        parts.append(_marked("T", say_in(lang, TRANSLATED_NOTE), made))
    heading = f"#{p.number} {p.name}" if p.number is not None else p.name
    return Group(text(heading, "bold"), grid, Text(""), *parts)


def overview(catalog: Catalog, rows: list[OverviewRow], lang: str, heading: str) -> Table | Group:
    """One row per domain or type: its label, how many partners, their names; where no
    table fits, a block each. `heading`: the first column's heading, in English (said in
    `lang`)."""
    headers = [say_in(lang, heading), label_heading("count", lang), label_heading("partners", lang)]
    cells = [
        [
            sanitize(getattr(r.label, lang)),
            str(r.count),
            sanitize(", ".join(catalog.by_id[pid].name for pid in r.partners)),
        ]
        for r in rows
    ]
    widths = fit_table(_columns(cells, 3), headers, console().width)
    if widths is None:
        return Group(*_blocks([(f"{label} ({count})", names) for label, count, names in cells]))
    table = _table()
    _add_columns(table, headers, widths, ["left", "right"])
    for row in cells:
        table.add_row(*(Text(c) for c in row))
    return table


def _blocks(entries: Sequence[tuple[str, str]]) -> list[Any]:
    """A title in bold and its text below it, indented, wrapped at words: a table's row
    where the terminal is too narrow for the table."""
    parts: list[Any] = []
    for title, body in entries:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=1)
        grid.add_column(overflow="fold")  # only a word wider than the terminal is cut
        grid.add_row("", Text(body))
        parts += [Text(title, style="bold"), grid]
    return parts


def _columns(cells: list[list[str]], count: int) -> list[list[str]]:
    return [[row[i] for row in cells] for i in range(count)]


def matrix(rows: list[Any], lang: str) -> Group:
    """Which partner serves which domain: a mark per domain column, the cross-sector
    partners set apart. Where the padding between columns leaves too little room, the
    columns stand one space apart."""
    headers = ["#", say_in(lang, "partner"), *(DOMAIN_SHORT[d] for d in DOMAIN_LABELS)]
    keys = [d.value.replace("-", "_") for d in DOMAIN_LABELS]
    cells = [
        [
            str(r.number or ""),
            sanitize(r.name),
            *("·" if r.cross_sector else ("•" if getattr(r, k) else "") for k in keys),
        ]
        for r in rows
    ]
    width = console().width
    whole = [False, True]
    padding, widths = 1, fit_table(_columns(cells, len(headers)), headers, width, whole=whole)
    if widths is None:
        padding = 0
        widths = fit_table(_columns(cells, len(headers)), headers, width, gap=1, edge=0, whole=whole)
    if widths is None or any(w < cell_len(h) for w, h in zip(widths, headers, strict=True)):
        return _narrow_matrix(rows, keys, lang)  # no table without cut words: a line a partner
    table = _table(padding=(0, padding))
    _add_columns(table, headers, widths, ["right", "left", *(["center"] * len(keys))])
    in_cross = False
    for r, row in zip(rows, cells, strict=True):
        if r.cross_sector and not in_cross:
            table.add_section()
            in_cross = True
        table.add_row(*(Text(c) for c in row))
    legend = Text(
        say_in(lang, "• serves the domain   · cross-sector: serves every domain") + "\n", style="dim"
    )
    legend.append_text(domain_legend(lang) or Text(""))
    return Group(table, legend)


def _narrow_matrix(rows: list[Any], keys: list[str], lang: str) -> Group:
    """The matrix for a narrow terminal: a line per partner, its number, name and the short
    names of its domains; the cross-sector partners on one line of their own."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    cross = []
    for r in rows:
        if r.cross_sector:
            cross.append(sanitize(r.name))
            continue
        domains = [DOMAIN_SHORT[d] for d, k in zip(DOMAIN_LABELS, keys, strict=True) if getattr(r, k)]
        line = text(r.name, "bold")
        line.append(": " + ", ".join(domains) if domains else "")
        grid.add_row(str(r.number or ""), line)
    parts: list[Any] = [grid]
    if cross:
        parts += _blocks([(say_in(lang, "cross-sector: serves every domain"), ", ".join(cross))])
    parts += _legend(lang, ["domains"], [[DOMAIN_SHORT[d]] for d in DOMAIN_LABELS])
    return Group(*parts)


def about(info: About, pairs: list[tuple[str, str]], lang: str = "en", full: bool = True) -> Group:
    names = [sanitize(name) for name, _ in pairs]
    values = [sanitize(value) for _, value in pairs]
    widths = fit_table([names, values], ["", ""], console().width, gap=2, edge=0, whole=[True, False])
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=widths is None, width=widths[0] if widths else None)
    grid.add_column(overflow="fold", width=widths[1] if widths else None)
    for name, value in zip(names, values, strict=True):
        grid.add_row(Text(name), Text(value))
    if not full:
        return Group(grid)
    listed = [(str(i), s, "") for i, s in enumerate(info.sources, 1)]
    return Group(grid, Text(""), text(say_in(lang, "sources"), "bold"), *source_list(listed, console()))


def _marked(mark: str, said: str, made: Console) -> Text:
    """A mark and its text, wrapped at words to the console's width with a hanging indent
    under the mark: Rich's own wrapping, without a table's cost for each of a card's sources."""
    head = f"[{mark}] "
    lines = text(said, "dim").wrap(made, max(made.width - len(head), MIN_TEXT))
    out = Text(head, style="dim")
    for i, line in enumerate(lines):
        if i:
            out.append("\n" + " " * len(head))
        line.rstrip()
        out.append_text(line)
    return out


MIN_TEXT = 10  # columns a hanging text keeps, however long its mark


def source_list(sources: Sequence[tuple[str, Any, str]], made: Console) -> list[Any]:
    """Numbered sources (mark, source, who published it): publisher, date and title wrapped
    with a hanging indent under the mark, the address whole on a line of its own below."""
    parts: list[Any] = []
    for mark, s, kind in sources:
        publisher = f"{s.publisher} ({kind})" if kind else s.publisher
        parts.append(_marked(mark, ", ".join(x for x in (publisher, s.date, s.title) if x), made))
        if s.url:  # outside the grid, which would cut it at the edge
            indent = " " * (len(mark) + 3)
            parts.append(Text(indent, no_wrap=True, overflow="ignore").append_text(link(s.url)))
    return parts


def history(catalog: Catalog, steps: list[HistoryStep], lang: str = "en") -> Group:
    parts: list[Any] = []
    headers = [say_in(lang, "change"), label_heading("count", lang), label_heading("partners", lang)]
    for step in steps:
        cells = []
        for group in ("continued", "joined", "left"):
            ids: list[str] = getattr(step, group)
            names = ", ".join(_with_status(catalog, catalog.by_id[pid], lang) for pid in ids)
            cells.append([label_heading(group, lang), str(getattr(step.counts, group)), sanitize(names)])
        title = f"{step.from_round} {'->' if ascii_only() else '→'} {step.to_round}"
        widths = fit_table(_columns(cells, 3), headers, console().width)
        if widths is None:  # too narrow for the table: a block each
            parts += [text(title, "bold"), *_blocks([(f"{g} ({n})", names) for g, n, names in cells])]
            continue
        table = _table(title=text(title))
        _add_columns(table, headers, widths, ["left", "right"])
        for row in cells:
            table.add_row(*(Text(c) for c in row))
        parts.append(table)
    return Group(*parts)


def _with_status(catalog: Catalog, p: Partner, lang: str) -> str:
    """A partner's name, with what became of it briefly ('flanders.bio (part of Biovia)'), as a
    list of candidates says it; not that it left: history's own groups say who left."""
    if catalog.listed_status(p).state.value == "left":
        return p.name
    return catalog.marked(p, lang)
