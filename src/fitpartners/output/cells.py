"""Field values as text cells: ids and raw values for machines (csv, tsv), labels in the
run's language for people (tables, --labels, xlsx).

For machines a list or an object in a cell is its JSON (as sqlite-utils writes nested
values), so that it splits back exactly whatever its items hold (`; ` included); the one
exception is `status`, said by its `text` ("active", "now part of Biovia (...)"). For
people the items are joined for reading: LIST_SEPARATOR in --labels and xlsx, `sep` in a
table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from ..labels import (
    CROSS_SECTOR_LABEL,
    CROSS_SECTOR_SHORT,
    DOMAIN_LABELS,
    DOMAIN_SHORT,
    SERVES_EVERY_SECTOR,
    TYPE_LABELS,
    TYPE_SHORT,
    Domain,
    PartnerType,
    fold_words,
    heading,
    label,
    sector_label,
)
from ..language import N_
from ..messages import say_in
from ..results import json_records, status_said
from .stream import sanitize, to_json

LIST_SEPARATOR = "; "


class CellTable:
    """A terminal table's cells: `full` with long labels, `brief` the same with short ones
    (for a narrow terminal), one column per field of `fields`, `header` its headings
    (None: no header row). A plain class: a NamedTuple's class costs every run's start."""

    __slots__ = ("full", "brief", "fields", "header")

    def __init__(
        self,
        full: list[list[str]],
        brief: list[list[str]],
        fields: Sequence[str],
        header: Sequence[str] | None,
    ) -> None:
        self.full = full
        self.brief = brief
        self.fields = fields
        self.header = header


# -- cells ---------------------------------------------------------------------------------


def cell(
    value: Any,
    field: str,
    *,
    labels: bool,
    lang: str,
    short: bool = False,
    brief: bool = False,
    sep: str = ", ",
    listed: str | None = None,
) -> str:
    """One JSON-shaped field value as text. With labels: type and domain labels in
    `lang` (short domain names for a table: `short`), yes/no, the status in words; with
    `brief` too, short type labels and a short status, for a narrow table. Without
    labels: ids, true/false, the status' own text, a list or an object as its JSON.
    `listed`: the record's name, where the chain of a status begins."""
    if value is None:
        return ""
    if not labels:
        return machine_cell(value, field)
    if isinstance(value, bool):
        return say_in(lang, N_("yes") if value else N_("no")) if labels else ("true" if value else "false")
    if field == "type" and isinstance(value, str) and value in TYPE_LABELS:
        return label((TYPE_SHORT if brief else TYPE_LABELS)[PartnerType(value)], lang)
    if field == "domains" and isinstance(value, list):
        domains = [Domain(d) for d in value]
        return sep.join(DOMAIN_SHORT[d] if short else label(DOMAIN_LABELS[d], lang) for d in domains)
    if field == "status" and isinstance(value, dict):
        # A table (short) shows a change only, in a column left out when no row has one;
        # --labels and xlsx say every state, as csv does.
        said = status_said(value, lang, brief=brief, listed=listed)
        return said or ("" if short else say_in(lang, value["state"]))
    if field == "match" and isinstance(value, dict):
        return _match_text(value, lang=lang, short=short)
    if field == "sources" and isinstance(value, dict):
        return LIST_SEPARATOR.join(f"{f}: {', '.join(s['id'] for s in cited)}" for f, cited in value.items())
    if isinstance(value, dict):
        if set(value) == {"nl", "en"}:  # a bilingual value, one side possibly unknown
            other = "en" if lang == "nl" else "nl"
            return str(value[lang] or value[other] or "")
        return LIST_SEPARATOR.join(
            f"{heading(k, lang)}: {cell(v, k, labels=True, lang=lang)}" for k, v in value.items()
        )
    if isinstance(value, list):
        return sep.join(_item(v, lang) for v in value)
    return str(value)


def machine_cell(value: Any, field: str) -> str:
    """A value for csv and tsv: a string as it is, true/false, a number in digits, a list
    or an object as its compact JSON (items in any language, `; ` in them, come back
    exactly); a status by its text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if field == "status" and isinstance(value, dict):
        return str(value["text"])
    if isinstance(value, list | dict):
        return to_json(value, indent=None)
    return str(value)


# Where a word matched, in words a person uses (never a field's name), by the `field` of
# its evidence.
_WHERE = {
    "name": N_("in the name"),
    "full_name": N_("in the name"),
    "aliases": N_("in the name"),
    "former_names": N_("in the name"),
    "later_names": N_("in the name"),
    "coverage": N_("in what they do"),
    "services": N_("in what they do"),
    "type": N_("in their type"),
    "domains": N_("in their domains"),
    "description_en": N_("in the description"),
    "description_nl": N_("in the description"),
    "events": N_("in their history"),
    "notes": N_("in their history"),
}


# Evidence said once for all the words it found: a service item, a partner now part of the hit.
_GROUPED = frozenset(["service", "successor"])


def _match_text(match: dict[str, Any], *, lang: str, short: bool = False) -> str:
    """Why a search result matched, for people: each word with why, in words a person uses
    ('kaas: food and drink', 'fevia in the name', 'a service with its page'), and for a
    partner listed because it serves every sector, only that. For a terminal's table
    (`short`), a page's address stands on a line of its own, which the view keeps whole.
    Machine formats write the match object as JSON (machine_cell)."""
    if short:  # the data's text made safe here, so that a line feed in the cell is only ours
        match = {
            **match,
            "words": [sanitize(w) for w in match["words"]],
            "why": [
                {k: sanitize(v) if isinstance(v, str) else v for k, v in m.items()} for m in match["why"]
            ],
        }
    words = ", ".join(match["words"])
    if match["cross_sector"]:
        return f"{words} ({label(SERVES_EVERY_SECTOR, lang)})"
    where: dict[str, list[str]] = {}  # 'in the name' -> its words, in order
    special: list[str] = []
    services: dict[str, list[str]] = {}  # one service item -> the words that found it
    for m in match["why"]:
        if m["how"] in _GROUPED:
            services.setdefault(m["matched"], []).append(m["word"])
    for m in match["why"]:  # Match.why is required, as words and fields are
        if m["how"] in _GROUPED:
            m = {**m, "word": ", ".join(dict.fromkeys(services[m["matched"]]))}
        said = _said(m, lang, short)
        if said is None:
            where.setdefault(m["field"] if m["field"] not in _WHERE else _WHERE[m["field"]], []).append(
                m["word"]
            )
        else:
            special.append(said)
    parts = [f"{', '.join(dict.fromkeys(ws))} {say_in(lang, key)}" for key, ws in where.items()]
    said_once = list(dict.fromkeys([*parts, *special]))
    text = said_once[0] if said_once else ""
    for before, part in zip(said_once, said_once[1:], strict=False):
        text += ("\n" if short and "\n" in before else ", ") + part  # no comma after an address
    return text


def _said(m: dict[str, Any], lang: str, short: bool = False) -> str | None:
    """A word's evidence said on its own ('kaas: food and drink'), or None for a word
    found in the partner's own text (said with the others found in the same place).
    `short`: a service's page on a line of its own (a terminal's table), else in brackets."""
    how, word = m["how"], m["word"]
    if how == "typo":
        near = m["matched"].split(" ~ ")[-1]
        read = say_in(lang, N_("read as {word}"), word=near)
        return f"{word}, {read}"
    if how == "vocabulary":
        return f"{word}: {sector_label(m['matched'], lang)}"
    if how == "generic":
        # A word about exporting in general ('certificaat', 'export'): it finds the partners
        # for every sector as such, and must not read as a service of theirs.
        return f"{word} ({label(SERVES_EVERY_SECTOR, lang)})"
    if how == "country":
        # Door: the country index, only for a row a country found.
        from ..search.countries import country_in_sentence

        country = country_in_sentence(m["matched"], lang)
        chamber = say_in(lang, N_("a chamber for {country}"), country=country)
        return f"{word}: {chamber}"
    if how == "successor":
        # A body in no round listed for a partner that became part of it (Biovia).
        through = say_in(lang, N_("via {partner}"), partner=m["matched"])
        return f"{word}: {through}"
    if how == "region":
        # A place in the region ('hasselt') names the region it is in: Limburg.
        if fold_words(m["matched"]) == word:
            region = say_in(lang, N_("their region"))
        else:
            region = say_in(lang, N_("in their region, {region}"), region=m["matched"])
        return f"{word}: {region}"
    if how == "service":
        service = say_in(lang, N_("service: {text}"), text=m["matched"])
        if not m.get("page"):
            return f"{word}: {service}"
        return f"{word}: {service}\n{m['page']}" if short else f"{word}: {service} ({m['page']})"
    if m["field"] not in _WHERE:
        return f"{word}: {m['matched']}"
    return None


def _item(value: Any, lang: str) -> str:
    """A list item: a membership by its round, an event by date and text, a note by text."""
    if isinstance(value, dict):
        if "round" in value:
            return str(value["round"])
        if "kind" in value and "text" in value:  # an event
            when = value["date"] or (
                say_in(lang, "by {day}", day=value["by"])
                if value.get("by")
                else say_in(lang, "date not stated")
            )
            return f"{when} {_told(value['text'], lang)}"
        if "text" in value:
            return _told(value["text"], lang)
        if "name" in value:  # a region
            return _told(value["name"], lang)
    return str(value)


def _told(text: Any, lang: str) -> str:
    """A note's or event's text (JSON-shaped): in one language, or {"nl": ..., "en": ...}."""
    return str(text[lang if lang == "nl" else "en"]) if isinstance(text, dict) else str(text)


def rows(
    records: Sequence[BaseModel],
    fields: Sequence[str],
    *,
    labels: bool,
    lang: str,
    short: bool = False,
    brief: bool = False,
    sep: str = ", ",
) -> list[list[str]]:
    """Records as rows of text cells. `sep` joins the items of a list in a cell for people
    (tables; --labels and xlsx pass LIST_SEPARATOR); without labels a list is its JSON.
    `short` and `brief`: as for cell()."""
    table = []
    for r in json_records(records, None):
        listed = r.get("name")
        row = [
            cell(r.get(f), f, labels=labels, lang=lang, short=short, brief=brief, sep=sep, listed=listed)
            for f in fields
        ]
        if labels and "domains" in fields and r.get("cross_sector") and not r.get("domains"):
            row[list(fields).index("domains")] = label(
                CROSS_SECTOR_SHORT if brief else CROSS_SECTOR_LABEL, lang
            )
        table.append(row)
    return table


def workbook_rows(records: Sequence[BaseModel], fields: Sequence[str], lang: str) -> list[list[Any]]:
    """Records as rows for a workbook: labels in `lang` as for --labels, but a boolean a
    boolean and a number a number, as a spreadsheet holds them; None an empty cell."""
    table: list[list[Any]] = rows(records, fields, labels=True, lang=lang, sep=LIST_SEPARATOR)
    for r, record in enumerate(json_records(records, fields)):
        for c, f in enumerate(fields):
            value = record.get(f)
            if value is None or isinstance(value, bool | int | float):
                table[r][c] = value
    return table
