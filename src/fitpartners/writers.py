"""Machine and plain-text output, written with the standard library only.

Formats: json, jsonl, csv, tsv, markdown, and the plain rows that stand in for a
table when stdout is not a terminal. Nothing here imports Rich.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from .errors import PipeClosed
from .vocabulary import CROSS_SECTOR_LABEL, DOMAIN_LABELS, DOMAIN_SHORT, TYPE_LABELS, label

MACHINE_FORMATS = ("json", "jsonl", "csv", "tsv", "markdown")

# Characters that can move the cursor, recolour, rewrite or reorder what a terminal
# shows: C0 and C1 controls, DEL, line separators and bidirectional overrides. Inside
# JSON strings json.dumps already escapes the C0 controls, but leaves the rest raw.
_BEYOND_C0 = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
_JSON_UNSAFE = re.compile(f"[{_BEYOND_C0}]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def sanitize(text: str) -> str:
    """Show unsafe characters as escapes (ESC becomes the four characters \\x1b)."""
    return _UNSAFE.sub(_visible, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def to_json(value: Any, *, indent: int | None = 2) -> str:
    """UTF-8 JSON with every unsafe character escaped; still the same JSON value, as
    they can only occur inside strings."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(_json_escape, text)


@contextmanager
def guard() -> Iterator[None]:
    """Turn a reader that went away into PipeClosed, handled once at the top."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise PipeClosed() from None


def write(text: str) -> None:
    with guard():
        sys.stdout.write(text)


# -- flattening records into cells ----------------------------------------------------


def _lang_pick(value: dict[str, Any], lang: str) -> str | None:
    if value and set(value) <= {"en", "nl"}:
        return value.get(lang) or value.get("en") or value.get("nl")
    return None


def cell(record: dict[str, Any], name: str, lang: str, sep: str = "; ", short: bool = False) -> str:
    """One field of a record as text, in the chosen language. Lists are joined with sep;
    type and domain ids become their labels (short domain names for a narrow table)."""
    value = record.get(name)
    if name == "type" and isinstance(value, str) and value in TYPE_LABELS:
        return label(TYPE_LABELS[value], lang)
    if name == "domains" and isinstance(value, list):
        names = [
            (DOMAIN_SHORT[d] if short else label(DOMAIN_LABELS[d], lang)) if d in DOMAIN_LABELS else str(d)
            for d in value
        ]
        if not names and record.get("cross_sector"):
            names = [label(CROSS_SECTOR_LABEL, lang)]
        return sep.join(names)
    if name == "rounds" and isinstance(value, list):
        return sep.join(str(m.get("round")) for m in value if isinstance(m, dict))
    if name == "events" and isinstance(value, list):
        return sep.join(f"{e.get('date')} {e.get('text')}" for e in value if isinstance(e, dict))
    if name == "notes" and isinstance(value, list):
        return sep.join(str(n.get("text")) for n in value if isinstance(n, dict))
    return _scalar(value, lang, sep)


def _scalar(value: Any, lang: str, sep: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (str, int, float)):
        return str(value)
    if isinstance(value, dict):
        picked = _lang_pick(value, lang)
        if picked is not None:
            return picked
        return sep.join(f"{k}: {_scalar(v, lang, ', ')}" for k, v in value.items())
    if isinstance(value, list):
        return sep.join(_scalar(v, lang, ", ") for v in value)
    return str(value)


# -- writers ----------------------------------------------------------------------------


def project(records: Iterable[dict[str, Any]], fields: Sequence[str] | None) -> list[dict[str, Any]]:
    if fields is None:
        return list(records)
    return [{f: r.get(f) for f in fields} for r in records]


def json_text(records: list[dict[str, Any]], fields: Sequence[str] | None) -> str:
    return to_json(project(records, fields)) + "\n"


def jsonl_text(records: list[dict[str, Any]], fields: Sequence[str] | None) -> str:
    return "".join(to_json(r, indent=None) + "\n" for r in project(records, fields))


def csv_text(records: list[dict[str, Any]], fields: Sequence[str], lang: str) -> str:
    import csv  # only for CSV output

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(fields)
    for r in records:
        writer.writerow([cell(r, f, lang) for f in fields])
    return buffer.getvalue()


def tsv_text(records: list[dict[str, Any]], fields: Sequence[str], lang: str) -> str:
    """Tab-separated with a header row; a tab or newline inside a value is escaped."""
    lines = ["\t".join(fields)]
    lines += ["\t".join(sanitize(cell(r, f, lang)) for f in fields) for r in records]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return sanitize(text).replace("\\", "\\\\").replace("|", "\\|")


def markdown_text(records: list[dict[str, Any]], fields: Sequence[str], lang: str) -> str:
    lines = ["| " + " | ".join(fields) + " |", "|" + "|".join("---" for _ in fields) + "|"]
    for r in records:
        lines.append("| " + " | ".join(_md(cell(r, f, lang)) for f in fields) + " |")
    return "\n".join(lines) + "\n"


def plain_rows(records: list[dict[str, Any]], fields: Sequence[str], lang: str) -> str:
    """A table for a pipe: one tab-separated line per record, no header, no colour."""
    return "".join("\t".join(sanitize(cell(r, f, lang, sep=", ")) for f in fields) + "\n" for r in records)


def plain_pairs(pairs: list[tuple[str, str]]) -> str:
    """A card for a pipe: one 'field<TAB>value' line per field."""
    return "".join(f"{k}\t{sanitize(v)}\n" for k, v in pairs)


def source_line(source: dict[str, Any] | str) -> str:
    """A source as one line: publisher, date, title, address (an unknown id as itself)."""
    if isinstance(source, str):
        return source
    parts = [source["publisher"], source["date"], source["title"], source["url"]]
    return ", ".join(part for part in parts if part)


def about_pairs(info: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """The programme as (name, value) lines, for the terminal view and for a pipe."""
    prog = info["programme"]
    agency = prog["agency"]
    pairs = [
        ("programme", label(prog["name"], lang)),
        ("agency", f"{agency['name']} ({agency['abbreviation']}), {label(agency['description'], lang)}"),
        ("strategy", f"{prog['strategy']['nl']} ({prog['strategy']['en']})"),
        ("domains", "; ".join(label(v, lang) for v in DOMAIN_LABELS.values())),
    ]
    for r in info["rounds"]:
        places = {k: v for k, v in r["signed_at"].items() if v}
        facts = [f"signed {r['signed_on'] or '?'} at {label(places, lang) if places else '?'}"]
        if r["starts_on"]:
            facts.append(f"starts {r['starts_on']}")
        if r["yearly_budget_eur"] is not None:
            facts.append(f"yearly budget EUR {r['yearly_budget_eur']:,}")
        if r["partner_count"] is not None:
            facts.append(f"{r['partner_count']} partners")
        pairs.append((f"round {r['id']}", "; ".join(facts)))
    per_type = ", ".join(f"{label(TYPE_LABELS[t], lang)} {n}" for t, n in info["partners_per_type"].items())
    pairs.append((f"types {info['current_round']}", per_type))
    pairs.append(("domain mapping", "editorial (ours, from each partner's description): FIT assigns none"))
    return pairs
