"""Rich views for a terminal: tables, the partner card, overviews.

Every value from the data goes in as rich.text.Text, which is never parsed for markup,
and is sanitized first, so a name like '[bold]x' or one with ESC shows as typed.
Imported only when a terminal view is printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from .catalog import Catalog, Partner
from .vocabulary import (
    CROSS_SECTOR_LABEL,
    DOMAIN_LABELS,
    DOMAIN_SHORT,
    EDITORIAL_SOURCE,
    SPEARHEAD_LABEL,
    TYPE_LABELS,
    label,
)
from .writers import about_pairs, cell, guard, sanitize, source_line

MIN_WIDTH = 10


def console() -> Console:
    made = Console(highlight=False, emoji=False, markup=False)
    if made.width < MIN_WIDTH:
        # COLUMNS=0 (or a terminal that reports no size) would print nothing at all.
        made = Console(highlight=False, emoji=False, markup=False, width=80)
    return made


def show(renderable: Any) -> None:
    with guard():
        console().print(renderable)


def text(value: str, style: str = "") -> Text:
    return Text(sanitize(value), style=style)


def records_table(records: list[dict[str, Any]], fields: Sequence[str], lang: str) -> Group:
    """Records as a table. Domains go by their short names, explained under the table, so
    that a row fits on one line of an ordinary terminal."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False)
    for f in fields:
        table.add_column(
            f.replace("_", " "),
            justify="right" if f in ("number", "count") else "left",
            overflow="fold",
            no_wrap=f in ("id", "name", "number"),  # what identifies a row stays whole
        )
    for r in records:
        table.add_row(*(text(cell(r, f, lang, sep=", ", short=True)) for f in fields))
    if "domains" not in fields or not records:
        return Group(table)
    return Group(table, domain_legend(lang))


def domain_legend(lang: str) -> Text:
    return Text(
        "domains (editorial mapping): "
        + "; ".join(f"{DOMAIN_SHORT[d]} = {label(DOMAIN_LABELS[d], lang)}" for d in DOMAIN_LABELS),
        style="dim",
    )


def partner_card(catalog: Catalog, p: Partner, lang: str) -> Group:
    """Every field of a partner, each fact followed by its footnoted sources."""
    refs: dict[str, str] = {}  # source id -> footnote number, in order of first citation

    def ref(source_id: str) -> str:
        if source_id == EDITORIAL_SOURCE:
            return "E"
        return refs.setdefault(source_id, str(len(refs) + 1))

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")

    def row(name: str, value: str, sources: list[str] | None = None) -> None:
        line = text(value)
        if sources:
            line.append(" " + "".join(f"[{ref(s)}]" for s in sources), style="dim")
        grid.add_row(text(name), line)

    cited = p["sources"]
    row("name", p["name"], cited.get("name"))
    if p["full_name"]:
        row("full name", p["full_name"], cited.get("full_name"))
    if p["aliases"]:
        row("also known as", ", ".join(p["aliases"]), cited.get("aliases"))
    if p["type"]:
        kind = label(TYPE_LABELS[p["type"]], lang)
        if p["spearhead_cluster"]:
            kind += f" ({label(SPEARHEAD_LABEL, lang)})"
        row("type", kind, cited.get("type"))
    else:
        row("type", "not in the sources")
    if p["domains"]:
        row("domains", ", ".join(label(DOMAIN_LABELS[d], lang) for d in p["domains"]), cited.get("domains"))
    elif p["cross_sector"]:
        row("domains", label(CROSS_SECTOR_LABEL, lang) + " (cross-sector)", cited.get("cross_sector"))
    if p["country"]:
        row(
            "country",
            f"{catalog.countries.get(p['country'], p['country'])} ({p['country']})",
            cited.get("country"),
        )
    if p["description"]:
        row("description", label(p["description"], lang), cited.get("description"))
    row("website", p["website"] or "not verified", cited.get("website") if p["website"] else None)
    for m in p["rounds"]:
        row(f"partner {m['round']}", f"listed as: {m['listed_as']}", m["sources"])
    for e in p["events"]:
        target = catalog.by_id.get(e["partner"] or "")
        row(e["date"], e["text"] + (f" (see {target['name']})" if target else ""), e["sources"])
    for n in p["notes"]:
        row("note", n["text"], n["sources"])

    footnotes = Table.grid(padding=(0, 1))
    footnotes.add_column(style="dim", no_wrap=True)
    footnotes.add_column(style="dim", overflow="fold")
    for source_id, number in refs.items():
        footnotes.add_row(text(f"[{number}]"), text(source_line(catalog.sources.get(source_id, source_id))))
    if any(EDITORIAL_SOURCE in ids for ids in cited.values()):
        footnotes.add_row(text("[E]"), text("editorial: our judgement from the description, not FIT's"))
    heading = f"#{p['number']} {p['name']}" if p["number"] is not None else p["name"]
    return Group(text(heading, "bold"), grid, Text(""), footnotes)


def overview(catalog: Catalog, rows: list[dict[str, Any]], lang: str, heading: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False)
    table.add_column(heading)
    table.add_column("count", justify="right")
    table.add_column("partners", overflow="fold")
    for r in rows:
        names = ", ".join(catalog.by_id[pid]["name"] for pid in r["partners"])
        table.add_row(text(label(r["label"], lang)), text(str(r["count"])), text(names))
    return table


def matrix(rows: list[dict[str, Any]], lang: str) -> Group:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", show_edge=False)
    table.add_column("#", justify="right")
    table.add_column("partner")
    for did in DOMAIN_LABELS:
        table.add_column(DOMAIN_SHORT[did], justify="center")
    in_cross = False
    for r in rows:
        if r["cross_sector"] and not in_cross:
            table.add_section()
            in_cross = True
        marks = ["•" if r[did] else "" for did in DOMAIN_LABELS]
        if r["cross_sector"]:
            marks = ["·" for _ in DOMAIN_LABELS]
        table.add_row(text(str(r["number"] or "")), text(r["name"]), *(text(m) for m in marks))
    legend = Text("• serves the domain   · cross-sector: serves every domain\n", style="dim")
    legend.append_text(domain_legend(lang))
    return Group(table, legend)


def about(info: dict[str, Any], lang: str) -> Group:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for name, value in about_pairs(info, lang):
        grid.add_row(text(name), text(value))
    sources = Table.grid(padding=(0, 1))
    sources.add_column(style="dim", no_wrap=True)
    sources.add_column(style="dim", overflow="fold")
    for i, s in enumerate(info["sources"], 1):
        sources.add_row(text(f"[{i}]"), text(source_line(s)))
    return Group(grid, Text(""), text("sources", "bold"), sources)


def history(catalog: Catalog, steps: list[dict[str, Any]]) -> Group:
    parts: list[Any] = []
    for step in steps:
        table = Table(
            title=text(f"{step['from']} → {step['to']}"),
            box=box.SIMPLE_HEAD,
            show_edge=False,
            header_style="bold",
        )
        table.add_column("change")
        table.add_column("count", justify="right")
        table.add_column("partners", overflow="fold")
        for group in ("continued", "joined", "left"):
            names = ", ".join(catalog.by_id[pid]["name"] for pid in step[group])
            table.add_row(text(group), text(str(step["counts"][group])), text(names))
        parts.append(table)
    return Group(*parts)
