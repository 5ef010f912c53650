"""Rich views for a terminal: tables, the partner card, overviews, about, history.

Every value from the data goes in as rich.text.Text, which is never parsed for markup,
and is sanitized first, so a name like '[bold]x' or one with ESC shows as typed. Source
addresses are never wrapped: each stands whole on its own line, as a hyperlink (OSC 8)
where the terminal supports one. Imported only when a terminal view is printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.style import Style
from rich.table import Table
from rich.text import Text

from .catalog import Catalog
from .labels import (
    DOMAIN_LABELS,
    DOMAIN_SHORT,
    EDITORIAL_SOURCE,
    label,
)
from .models import Partner
from .results import About, HistoryStep, OverviewRow
from .writers import EDITORIAL_NOTE, card_rows, card_word, footnotes, guard, sanitize

MIN_WIDTH = 10


def console() -> Console:
    made = Console(highlight=False, emoji=False, markup=False)
    if made.width < MIN_WIDTH:
        # COLUMNS=0 (or a terminal that reports no size) would print nothing at all.
        made = Console(highlight=False, emoji=False, markup=False, width=80)
    return made


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
    with guard():
        made.file.write(text)


def text(value: str, style: str = "") -> Text:
    return Text(sanitize(value), style=style)


def link(url: str) -> Text:
    """An address, whole: a hyperlink where the terminal supports one, readable anyway."""
    shown = sanitize(url)
    return Text(shown, style=Style(dim=True, link=shown), no_wrap=True, overflow="ignore")


# What identifies a row: never broken across lines where the terminal has room.
WHOLE = ("id", "number", "name")
NARROWEST = 10


def records_table(
    cells: list[list[str]], fields: Sequence[str], header: Sequence[str] | None, lang: str
) -> Group:
    """Records as a table, one column per field, `header` its headings (None: no header
    row). Cells wrap rather than vanish; what identifies a row stays whole where the
    terminal has room; domains go by their short names, explained under the table, so
    that a row fits an ordinary terminal."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False, show_header=header is not None)
    whole = _room_for_whole(cells, fields, header)
    for i, f in enumerate(fields):
        table.add_column(
            header[i] if header is not None else "",
            justify="right" if f in ("number", "count") else "left",
            overflow="fold",
            no_wrap=whole and f in WHOLE,
        )
    for row in cells:
        table.add_row(*(text(c) for c in row))
    if "domains" not in fields or not cells:
        return Group(table)
    return Group(table, domain_legend(lang))


def _room_for_whole(cells: list[list[str]], fields: Sequence[str], header: Sequence[str] | None) -> bool:
    """Whether the columns in WHOLE fit unbroken and leave each other column room for
    a word of up to NARROWEST cells (longer words fold): else every column folds, and
    none is squeezed out."""
    need = 0
    for i, f in enumerate(fields):
        values = [sanitize(row[i]) for row in cells]
        parts = values if f in WHOLE else [word for v in values for word in v.split()]
        parts += header[i].split() if header is not None else []
        widest = max((cell_len(p) for p in parts), default=0)
        need += (widest if f in WHOLE else min(widest, NARROWEST)) + 3  # padding and divider
    return need - 1 <= console().width


def domain_legend(lang: str) -> Text:
    return Text(
        "domains (editorial mapping): "
        + "; ".join(f"{DOMAIN_SHORT[d]} = {label(DOMAIN_LABELS[d], lang)}" for d in DOMAIN_LABELS),
        style="dim",
    )


def partner_card(catalog: Catalog, p: Partner, lang: str) -> Group:
    """Every field of a partner, each fact followed by its footnoted sources (the rows
    of writers.card_rows, which the plain card prints too)."""
    rows = card_rows(p, catalog.status(p), lang, {q.id: q.name for q in catalog.all_partners})
    marks = footnotes(rows)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for r in rows:
        line = text(r.value)
        if r.sources:
            line.append(" " + "".join(f"[{marks[s]}]" for s in r.sources), style="dim")
        grid.add_row(text(r.heading), line)
    parts: list[Any] = []
    for source_id, mark in marks.items():
        if mark == "E":
            continue
        s = catalog.sources[source_id]
        parts.append(text(f"[{mark}] {', '.join(x for x in (s.publisher, s.date, s.title) if x)}", "dim"))
        if s.url:
            parts.append(Text("    ", no_wrap=True, overflow="ignore").append_text(link(s.url)))
    if EDITORIAL_SOURCE in marks:
        parts.append(text("[E] " + card_word(EDITORIAL_NOTE, lang), "dim"))
    heading = f"#{p.number} {p.name}" if p.number is not None else p.name
    return Group(text(heading, "bold"), grid, Text(""), *parts)


def overview(catalog: Catalog, rows: list[OverviewRow], lang: str, heading: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False)
    table.add_column(heading)
    table.add_column("count", justify="right")
    table.add_column("partners", overflow="fold")
    for r in rows:
        names = ", ".join(catalog.by_id[pid].name for pid in r.partners)
        table.add_row(text(getattr(r.label, lang)), text(str(r.count)), text(names))
    return table


def matrix(rows: list[Any], lang: str) -> Group:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False)
    table.add_column("#", justify="right")
    table.add_column("partner")
    for did in DOMAIN_LABELS:
        table.add_column(DOMAIN_SHORT[did], justify="center")
    in_cross = False
    for r in rows:
        if r.cross_sector and not in_cross:
            table.add_section()
            in_cross = True
        keys = [did.replace("-", "_") for did in DOMAIN_LABELS]
        marks = ["·" if r.cross_sector else ("•" if getattr(r, k) else "") for k in keys]
        table.add_row(text(str(r.number or "")), text(r.name), *(text(m) for m in marks))
    legend = Text("• serves the domain   · cross-sector: serves every domain\n", style="dim")
    legend.append_text(domain_legend(lang))
    return Group(table, legend)


def about(info: About, pairs: list[tuple[str, str]]) -> Group:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for name, value in pairs:
        grid.add_row(text(name), text(value))
    parts: list[Any] = [grid, Text(""), text("sources", "bold")]
    for i, s in enumerate(info.sources, 1):
        parts.append(text(f"[{i}] {', '.join(x for x in (s.publisher, s.date, s.title) if x)}", "dim"))
        if s.url:
            parts.append(Text("    ", no_wrap=True, overflow="ignore").append_text(link(s.url)))
    return Group(*parts)


def history(catalog: Catalog, steps: list[HistoryStep]) -> Group:
    parts: list[Any] = []
    for step in steps:
        table = Table(
            title=text(f"{step.from_round} → {step.to_round}"),
            box=box.SIMPLE_HEAD,
            show_edge=False,
            header_style="bold",
        )
        table.add_column("change")
        table.add_column("count", justify="right")
        table.add_column("partners", overflow="fold")
        for group in ("continued", "joined", "left"):
            ids: list[str] = getattr(step, group)
            names = ", ".join(_with_status(catalog, catalog.by_id[pid]) for pid in ids)
            table.add_row(text(group), text(str(getattr(step.counts, group))), text(names))
        parts.append(table)
    return Group(*parts)


def _with_status(catalog: Catalog, p: Partner) -> str:
    status = catalog.status(p)
    return p.name if status.state.value == "active" else f"{p.name} ({status.text})"
