"""Field values as text cells: ids and raw values for machines (csv, tsv), labels in the
run's language for people (tables, --labels, xlsx). Lists inside a cell are joined by
LIST_SEPARATOR in every command.
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
    heading,
    label,
    sector_label,
)
from ..language import N_
from ..messages import say_in
from ..results import json_records, status_said

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
) -> str:
    """One JSON-shaped field value as text. With labels: type and domain labels in
    `lang` (short domain names for a table: `short`), yes/no, the status in words; with
    `brief` too, short type labels and a short status, for a narrow table. Without
    labels: ids, true/false, the status' own text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return say_in(lang, N_("yes") if value else N_("no")) if labels else ("true" if value else "false")
    if field == "type" and isinstance(value, str) and value in TYPE_LABELS:
        if not labels:
            return value
        return label((TYPE_SHORT if brief else TYPE_LABELS)[PartnerType(value)], lang)
    if field == "domains" and isinstance(value, list):
        if not labels:
            return LIST_SEPARATOR.join(value)
        domains = [Domain(d) for d in value]
        return sep.join(DOMAIN_SHORT[d] if short else label(DOMAIN_LABELS[d], lang) for d in domains)
    if field == "status" and isinstance(value, dict):
        # People see a change only; scripts get the state of every partner.
        return status_said(value, lang, brief=brief) if labels else value["text"]
    if field == "match" and isinstance(value, dict):
        return _match_text(value, labels=labels, lang=lang)
    if field == "sources" and isinstance(value, dict):
        return LIST_SEPARATOR.join(f"{f}: {', '.join(s['id'] for s in cited)}" for f, cited in value.items())
    if isinstance(value, dict):
        if set(value) == {"nl", "en"}:  # a bilingual value, one side possibly unknown
            first, other = (lang, "en" if lang == "nl" else "nl") if labels else ("en", "nl")
            return str(value[first] or value[other] or "")
        return LIST_SEPARATOR.join(
            f"{heading(k, lang) if labels else k}: {cell(v, k, labels=labels, lang=lang)}"
            for k, v in value.items()
        )
    if isinstance(value, list):
        sep = sep if labels else LIST_SEPARATOR
        return sep.join(_item(v, lang if labels else "en") for v in value)
    return str(value)


def _match_text(match: dict[str, Any], *, labels: bool, lang: str) -> str:
    """Why a search result matched. Without labels (csv, tsv), the words and the fields by
    their JSON names; with labels (people), each word with how it matched, fields by
    their headings in `lang`, and for a partner listed because it serves every sector,
    only that."""
    words = ", ".join(match["words"])
    if not labels:
        every = f" ({SERVES_EVERY_SECTOR['en']})" if match["cross_sector"] else ""
        return f"{words} in {', '.join(match['fields'])}{every}"
    if match["cross_sector"]:
        return f"{words} ({label(SERVES_EVERY_SECTOR, lang)})"
    plain: list[str] = []  # words found in the partner's own text, fields listed once
    special: list[str] = []  # words that matched through the vocabulary, a typo, a country
    for m in match["why"]:  # Match.why is required, as words and fields are
        how = m["how"]
        if how == "typo":
            special.append(m["matched"])
        elif how == "vocabulary":
            special.append(f"{m['word']}: {sector_label(m['matched'], lang)}")
        elif how in ("generic", "country"):
            special.append(f"{m['word']} ({heading(how, lang)})")
        else:
            plain.append(m["word"])
    parts = []
    if plain:
        text_fields = [f for f in match["fields"] if f not in ("vocabulary", "generic", "country")]
        named = dict.fromkeys(
            heading("coverage" if f == "services" else f.removesuffix("_en").removesuffix("_nl"), lang)
            for f in text_fields
        )
        parts.append(f"{', '.join(dict.fromkeys(plain))} in {', '.join(named)}")
    parts += special
    return ", ".join(dict.fromkeys(parts))


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
    (tables); csv and tsv pass LIST_SEPARATOR, with or without labels. `short` and
    `brief`: as for cell()."""
    table = []
    for r in json_records(records, None):
        row = [cell(r.get(f), f, labels=labels, lang=lang, short=short, brief=brief, sep=sep) for f in fields]
        if labels and "domains" in fields and r.get("cross_sector") and not r.get("domains"):
            row[list(fields).index("domains")] = label(
                CROSS_SECTOR_SHORT if brief else CROSS_SECTOR_LABEL, lang
            )
        table.append(row)
    return table
