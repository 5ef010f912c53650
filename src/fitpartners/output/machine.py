"""Machine formats: json, jsonl, csv, tsv, markdown, through the standard library and
pydantic's serialiser only (nothing here imports Rich). Cells come from cells.py: ids and
raw values unless --labels asks for the run's language."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence

from pydantic import BaseModel
from pydantic_core import to_json as to_json_bytes

from ..dataset.models import Partner
from ..errors import ctrl_c_to_system
from ..results import CitedSource, PartnerRecords, Status, adapter, json_records
from .stream import safe_json_bytes, sanitize, to_json, write, write_utf8

BATCH = 2_000  # records serialised at a time: output is written in chunks, never one giant string

# -- JSON ---------------------------------------------------------------------------------


def write_json_records(
    records: Sequence[BaseModel], fields: Sequence[str] | None, indent: int | None
) -> None:
    """A JSON array of records. Without --fields it goes through pydantic-core's
    serialiser in batches, so a large list is neither one string nor slow; the UTF-8 it
    makes goes to stdout's byte stream as it is, not decoded and encoded again."""
    if fields is not None or indent is not None or not records:
        value = json_records(records, fields)
        # One call of pydantic-core over every record: Ctrl-C by the system's default.
        with ctrl_c_to_system():
            text = to_json(value, indent=indent)
        write(text + "\n")
        return
    if isinstance(records, PartnerRecords):
        chunks = _partner_chunks(records)
    else:
        records_adapter = adapter(type(records[0]))
        chunks = (
            records_adapter.dump_json(list(records[start : start + BATCH]))[1:-1]
            for start in range(0, len(records), BATCH)
        )
    # Each chunk goes out as it is made (stream.write_utf8, every byte): the output is never
    # one string of the whole list.
    before = b"["
    for chunk in chunks:
        write_utf8(before + safe_json_bytes(chunk))
        before = b","
    write_utf8(b"[]\n" if before == b"[" else b"]\n")


def _partner_chunks(records: PartnerRecords) -> Iterator[bytes]:
    """The records' JSON, BATCH at a time, spliced from each partner's own JSON, its
    cited sources' and its status': the same bytes as serialising PartnerRecord objects
    (a test compares them), in less time for a large list, as no record object is made.
    A record's fields are the partner's, `sources` last, then `status`."""
    partner_json = Partner.__pydantic_serializer__.to_json
    status_json = Status.__pydantic_serializer__.to_json
    source_json = {sid: CitedSource.__pydantic_serializer__.to_json(c) for sid, c in records.cited.items()}
    keys: dict[str, bytes] = {}  # a field name as a JSON key, with its colon
    without_sources = {"sources"}
    partners = records.partners
    for start in range(0, len(partners), BATCH):
        parts = []
        for p in partners[start : start + BATCH]:
            sources = []
            for field, ids in p.sources.items():
                if field not in keys:
                    keys[field] = to_json_bytes(field) + b":["
                sources.append(keys[field] + b",".join([source_json[s] for s in ids]) + b"]")
            own = partner_json(p, exclude=without_sources)
            parts.append(
                own[:-1]
                + b',"sources":{'
                + b",".join(sources)
                + b'},"status":'
                + status_json(records.status(p))
                + b"}"
            )
        yield b",".join(parts)


def write_jsonl(records: Sequence[BaseModel], fields: Sequence[str] | None) -> None:
    write("".join(to_json(r, indent=None) + "\n" for r in json_records(records, fields)))


# -- csv, tsv, markdown ---------------------------------------------------------------------


def csv_text(table: list[list[str]], header: Sequence[str] | None, *, inert: bool = False) -> str:
    """RFC 4180 csv: in a pipe or a file every value as it is, quoted where it must be. With
    `inert` (stdout is a terminal, which would run an escape sequence in a value) each cell
    shows control characters and bidirectional overrides as escapes, as tsv does."""
    if inert:
        table = [[sanitize(c) for c in row] for row in table]
        header = None if header is None else [sanitize(h) for h in header]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if header is not None:
        writer.writerow(header)
    writer.writerows(table)
    return buffer.getvalue()


def tsv_text(table: list[list[str]], header: Sequence[str] | None) -> str:
    """Tab-separated; a tab, newline or other control character in a value is escaped."""
    lines = ["\t".join(header)] if header is not None else []
    lines += ["\t".join(sanitize(c) for c in row) for row in table]
    return "".join(line + "\n" for line in lines)


# What markdown would make of text in a table cell: CommonMark's inline syntax (escapes,
# code, emphasis, links and images, autolinks and HTML, an entity: & only before a name or
# number and ;, as in "R&D" it is text), GFM's strikethrough and cell separator, GitHub's
# math. Each gets a backslash, which any ASCII punctuation may take, and renders as itself.
# What acts only at a line's start (#, >, -, 1.) cannot: every line of the table starts
# with "|". A string, compiled by re's cache on first use, not on every run's start.
_MD_SPECIAL = r"[\\`*_\[\]<>|~$]|&(?=#?[0-9A-Za-z]+;)"
_MD_BREAK = r"\r\n|\r|\n"  # a line break in a value: <br>, as a GFM cell holds one


def _md(text: str) -> str:
    """A cell's text as markdown that renders as that text: markup escaped, control
    characters shown as escapes, line breaks as <br>, so that the row stays one line."""
    return "<br>".join(re.sub(_MD_SPECIAL, r"\\\g<0>", sanitize(line)) for line in re.split(_MD_BREAK, text))


def markdown_text(table: list[list[str]], header: Sequence[str]) -> str:
    header = [_md(h) for h in header]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in table]
    return "\n".join(lines) + "\n"
