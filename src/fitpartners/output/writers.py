"""Machine and plain-text output: the standard library and pydantic's serialiser only.

Formats: json, jsonl, csv, tsv, markdown, the plain table (a table for a pipe or file, no
colour) and the bare rows a pipe gets by default. Nothing here imports Rich.

Cells: machine formats (csv, tsv) carry ids and raw values whatever the language: type
and domain ids, `true`/`false`, English text for the few bilingual values (Dutch where
no English is known); `--labels` switches them to the labels and text of the chosen
language. Lists inside a cell are joined by
LIST_SEPARATOR in every command.
"""

from __future__ import annotations

import functools
import io
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple

from pydantic import BaseModel, TypeAdapter
from pydantic_core import to_json as to_json_bytes

from ..dataset.models import Partner
from ..errors import PipeClosed, StreamError
from ..labels import (
    CROSS_SECTOR_LABEL,
    CROSS_SECTOR_SHORT,
    DOMAIN_LABELS,
    DOMAIN_SHORT,
    EDITORIAL_SOURCE,
    MESSAGES_NL,
    SERVES_EVERY_SECTOR,
    SPEARHEAD_LABEL,
    TYPE_LABELS,
    TYPE_SHORT,
    Domain,
    Msg,
    PartnerType,
    bilingual_num,
    heading,
    in_lang,
    label,
    say_in,
    sector_label,
)
from ..results import CitedSource, PartnerRecords, Status, chain_said, status_said

LIST_SEPARATOR = "; "
BATCH = 2_000  # records serialised at a time: output is written in chunks, never one giant string

# Characters that can move the cursor, recolour, rewrite or reorder what a terminal
# shows: C0 and C1 controls, DEL, line separators and bidirectional overrides.
_BEYOND_C0 = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
# The same characters but the C0 controls, as UTF-8: inside JSON strings the serialiser
# already escapes the C0 controls (outside them a line feed is indentation), and leaves the
# others raw. Matched in the bytes the serialiser makes, which need no decoding first.
_JSON_UNSAFE = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@functools.cache
def _unsafe_but_lines() -> re.Pattern[str]:
    """_UNSAFE but tab and line feed, compiled when --jq first needs it, not on every run's
    start: a class beyond Latin-1 is slow to compile (docs/performance.md). Not _UNSAFE with
    a replacement that puts them back: that would call Python for every line of a long
    output."""
    return re.compile(f"[\x00-\x08\x0b-\x1f{_BEYOND_C0}]")


def sanitize(text: str, *, raw: bool = False) -> str:
    """Show unsafe characters as escapes (ESC becomes the four characters \\x1b). With
    `raw`, for text a user asked for as it is (a jq string), tabs and line feeds stay as
    they are: they are data there (`@tsv`, multi-line values), as `jq -r` and `gh --jq`
    print them."""
    return (_unsafe_but_lines() if raw else _UNSAFE).sub(_visible, text)


def _json_escape(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(match.group().decode())


# The first bytes of what _JSON_UNSAFE finds. The pattern is tried only where one of them
# stands: `find` skips to a byte far faster than a pattern scans, and most of these bytes
# begin safe characters (an en dash, curly quotes, a euro sign), so most JSON is passed as
# it is after a few looks.
_JSON_UNSAFE_LEADS = (b"\x7f", b"\xc2", b"\xd8", b"\xe2")


def safe_json_bytes(data: bytes) -> bytes:
    """UTF-8 JSON with every terminal-unsafe character escaped: still the same JSON value,
    as they can only occur inside strings. Returned as it was when there is none."""
    for lead in _JSON_UNSAFE_LEADS:
        at = data.find(lead)
        while at != -1:
            if _JSON_UNSAFE.match(data, at):
                return _JSON_UNSAFE.sub(_json_escape, data)
            at = data.find(lead, at + 1)
    return data


def safe_json(text: str) -> str:
    """safe_json_bytes() for JSON text."""
    return safe_json_bytes(text.encode()).decode()


def to_json(value: Any, *, indent: int | None) -> str:
    """Indented, or compact on one line (indent None) as jq and gh print it."""
    # pydantic-core's serialiser writes what json.dumps(ensure_ascii=False) writes for the
    # values we print (it writes 0.00001 for 1e-05: jq results go through _jq_json), with no
    # import of the json module on a run's start (docs/performance.md); a test compares them.
    return safe_json_bytes(to_json_bytes(value, indent=indent)).decode()


@contextmanager
def guard() -> Iterator[None]:
    """Turn a reader that went away into PipeClosed, handled once at the top, and a
    stdout the system refuses (a full disk) into a StreamError naming the reason."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise PipeClosed() from None
    except OSError as exc:
        raise StreamError("stdout", exc.strerror or str(exc)) from None


def write(text: str) -> None:
    with guard():
        sys.stdout.write(text)


def write_bytes(data: bytes) -> None:
    """Bytes to stdout's byte stream (a workbook), after what the text layer holds."""
    with guard():
        sys.stdout.flush()
        raw = getattr(sys.stdout, "buffer", None)
        if raw is None:  # a text-only stdout (a test's StringIO): nothing binary goes there
            raise StreamError("stdout", "it takes text only, not a binary workbook")
        raw.write(data)
        raw.flush()


XLSX_MAX_WIDTH = 60  # characters: wider cells wrap in Excel rather than push the others away


def xlsx_bytes(table: list[list[str]], header: Sequence[str] | None) -> bytes:
    """A workbook with one sheet: every cell text (never a formula, even one that starts
    with '='), the header bold and frozen, columns as wide as their text up to
    XLSX_MAX_WIDTH. openpyxl is imported only here."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "fitpartners"
    every = ([list(header)] if header is not None else []) + table
    for r, row in enumerate(every, start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            cell.value = value
            cell.data_type = "s"  # text, whatever it looks like: no formula runs on opening
            if len(value) > XLSX_MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    if header is not None:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    for c in range(1, (len(every[0]) if every else 0) + 1):
        widest = max(len(row[c - 1]) for row in every)  # the loop runs only when every has a row
        sheet.column_dimensions[get_column_letter(c)].width = min(max(widest, 4) + 2, XLSX_MAX_WIDTH)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# -- JSON ---------------------------------------------------------------------------------

_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def _adapter(kind: type) -> TypeAdapter[Any]:
    if kind not in _ADAPTERS:
        _ADAPTERS[kind] = TypeAdapter(list[kind])  # type: ignore[valid-type]
    return _ADAPTERS[kind]


def json_records(records: Sequence[BaseModel], fields: Sequence[str] | None) -> list[dict[str, Any]]:
    """Records as JSON-shaped values, keys in `fields` order when given."""
    if not records:
        return []
    dumped: list[dict[str, Any]] = _adapter(type(records[0])).dump_python(list(records), mode="json")
    if fields is None:
        return dumped
    return [{f: d.get(f) for f in fields} for d in dumped]


def write_json_records(
    records: Sequence[BaseModel], fields: Sequence[str] | None, indent: int | None
) -> None:
    """A JSON array of records. Without --fields it goes through pydantic-core's
    serialiser in batches, so a large list is neither one string nor slow; the UTF-8 it
    makes goes to stdout's byte stream as it is, not decoded and encoded again."""
    if fields is not None or indent is not None or not records:
        write(to_json(json_records(records, fields), indent=indent) + "\n")
        return
    if isinstance(records, PartnerRecords):
        chunks = _partner_chunks(records)
    else:
        adapter = _adapter(type(records[0]))
        chunks = (
            adapter.dump_json(list(records[start : start + BATCH]))[1:-1]
            for start in range(0, len(records), BATCH)
        )
    with guard():
        out = sys.stdout
        raw = getattr(out, "buffer", None)  # absent on a text-only stream (a test's StringIO)
        out.write("[")
        out.flush()  # what is in the text layer goes first
        for n, chunk in enumerate(chunks):
            chunk = safe_json_bytes(chunk)
            if n:
                chunk = b"," + chunk
            if raw is not None:
                raw.write(chunk)
            else:
                out.write(chunk.decode())
        if raw is not None:
            raw.flush()
        out.write("]\n")


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


# jq's halt and halt_error, which the jq package's binding does not pass on (it ends the
# program in silence, exit 0): redefined to raise an error we recognise, so that the run
# stops as jq stops. The one difference: `try halt_error catch .` catches it here.
_HALT_KEY = "fitpartners halt 5e1b"
_HALT_DEFS = (
    'def halt_error($code): if ($code | type) != "number" then error("halt_error/1: number required") '
    f'else {{"{_HALT_KEY}": [., $code]}} | error end; '
    "def halt_error: halt_error(5); "
    f'def halt: {{"{_HALT_KEY}": [null, null]}} | error; '
)  # on the user's first line, so that $__loc__ says line 1 as jq does


def write_jq(value: Any, expression: str) -> None:
    """Filter a JSON value with a jq expression, as the jq program does (and `gh --jq`):
    each result on its own line as it comes, strings raw; a run-time error after the
    results before it (JqError, exit 5); halt and halt_error as in jq (JqHalt). Uses the
    jq package (libjq in a wheel), no jq binary."""
    import jq  # only with --jq

    from ..errors import JqError, JqHalt, UsageError

    try:
        jq.compile(expression)  # alone, so that an error names the user's line and column
        program = jq.compile(_HALT_DEFS + expression)
    except UnicodeEncodeError:  # bytes that are no UTF-8 in the command line
        raise UsageError(Msg("invalid value for --jq: it is not UTF-8 text")) from None
    except ValueError as exc:  # jq's message, first line: the error and where (the lines after show it)
        first = str(exc).splitlines()[0].removeprefix("jq: error: ").removesuffix(":")
        raise UsageError(Msg("invalid value for --jq: {problem}", problem=first)) from None
    with guard():
        try:
            for result in program.input_value(value):
                line = sanitize(result, raw=True) if isinstance(result, str) else _jq_json(result)
                sys.stdout.write(line + "\n")
        except ValueError as exc:
            sys.stdout.flush()
            halted = _halt(str(exc))
            if halted is not None:
                raise JqHalt(*halted) from None
            raise JqError(f"jq: error: {exc}") from None


def _jq_json(value: Any) -> str:
    """A jq result as jq prints it with -c: the json module writes numbers as jq does (1e-05,
    where pydantic-core writes 0.00001)."""
    import json

    return safe_json(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def _halt(message: str) -> tuple[int, str] | None:
    """(exit code, text for stderr) when the message is our halt marker, else None."""
    if not message.startswith(f'{{"{_HALT_KEY}"'):
        return None
    import json

    value, code = json.loads(message)[_HALT_KEY]
    if code is None:  # halt: stop, exit 0, nothing said
        return 0, ""
    text = value if isinstance(value, str) else _jq_json(value) + "\n"
    return int(code), text  # a number, as halt_error checks; jq drops a fraction (1.5 exits 1)


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
        return say_in(lang, "yes" if value else "no") if labels else ("true" if value else "false")
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
        return status_text(value, lang, brief=brief) if labels else value["text"]
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


def status_text(status: Mapping[str, Any], lang: str, *, brief: bool = False) -> str:
    """A partner's status (JSON-shaped) for people: nothing for an active partner; else
    what became of it, in `lang` ('now: MEDVIA (renamed 2022-05-17)'), or briefly for a
    narrow table ('now MEDVIA', 'part of Biovia', 'left'): results.status_said, which also
    made the English `text` JSON carries."""
    return status_said(status, lang, brief=brief)


def _match_text(match: dict[str, Any], *, labels: bool, lang: str) -> str:
    """Why a search result matched. Without labels (csv, tsv), the words and the fields by
    their JSON names; with labels (people), each word with how it matched, fields by
    their headings in `lang`, and for a partner listed because it serves every sector,
    only that."""
    words = ", ".join(match["words"])
    if not labels:
        general = f" ({SERVES_EVERY_SECTOR['en']})" if match["cross_sector"] else ""
        return f"{words} in {', '.join(match['fields'])}{general}"
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


def csv_text(table: list[list[str]], header: Sequence[str] | None) -> str:
    import csv  # only for CSV output

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


def _md(text: str) -> str:
    return sanitize(text).replace("\\", "\\\\").replace("|", "\\|")


def markdown_text(table: list[list[str]], header: Sequence[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in table]
    return "\n".join(lines) + "\n"


def padded_table(table: list[list[str]], header: Sequence[str] | None) -> str:
    """A table for a pipe or a file: columns padded to the widest cell, nothing cut,
    no colour, no trailing spaces."""
    body = [[sanitize(c) for c in row] for row in table]
    every = ([list(header)] if header is not None else []) + body
    if not every:
        return ""
    widths = [max(len(row[i]) for row in every) for i in range(len(every[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in every]
    if header is not None:
        lines.insert(1, "  ".join("-" * w for w in widths))
    return "".join(line + "\n" for line in lines)


def pairs_text(pairs: Sequence[tuple[str, str]]) -> str:
    """Text for a pipe or a file: one 'heading: value' line each, nothing wrapped."""
    return "".join(f"{k}: {sanitize(v)}\n" for k, v in pairs)


# -- the partner card ----------------------------------------------------------------------

EDITORIAL_NOTE = "editorial: our judgement from the description, not FIT's"
TRANSLATED_NOTE = "our translation: the page does not say it in this language"
# The card's words and their Dutch, from the one catalogue of messages (labels.py).
CARD_WORDS = (
    "now",
    "chain",
    "continues",
    "name",
    "full name",
    "also known as",
    "formerly",
    "type",
    "domains",
    "country",
    "description",
    "website",
    "former website",
    "region",
    "covers",
    "note",
    "sources",
    "partner",
    "listed as",
    "in no round: it continues partners of the programme",
    "not in the sources",
    "not verified",
    "see",
    EDITORIAL_NOTE,
    TRANSLATED_NOTE,
)
CARD_HEADINGS_NL = {word: MESSAGES_NL[word] for word in CARD_WORDS}
# Who published a source, as the card says it next to the source (a partner's own page:
# "own page"; another partner's: "page of NAME").
KIND_WORDS = {"fit": "FIT", "government": "government", "press": "press", "other": "other"}


def card_word(text: str, lang: str) -> str:
    return say_in(lang, text)


def kind_said(kind: str | None, own: str, lang: str, partner_names: Mapping[str, str]) -> str:
    """Who published a source, for a card of the partner `own` (an id): 'own page', 'FIT',
    'press', 'page of Voka'; '' when the dataset does not say (schema 2 and 3)."""
    if kind is None or kind == EDITORIAL_SOURCE:
        return ""
    if kind == own:
        return say_in(lang, "own page")
    if kind in KIND_WORDS:
        return say_in(lang, KIND_WORDS[kind])
    return say_in(lang, "page of {name}", name=partner_names.get(kind, kind))


class CardRow(NamedTuple):
    heading: str
    value: str
    sources: list[str]  # source ids, in the order cited
    translated: bool = False  # the value is our translation, not the language of its page


def card_rows(
    p: Partner,
    status: Status,
    lang: str,
    partner_names: Mapping[str, str],
    continues: Sequence[Status] = (),
    now: Partner | None = None,
) -> list[CardRow]:
    """Every field of a partner that has a value, with the sources of each, in the card's
    order: present status (and, through more than one change, the chain of them), the
    partners it continues (`continues`: their statuses, whose chains end at this record),
    names, type, domains, country, description, website (the present one, then the former),
    regions, coverage, rounds, events, notes. `now`: the record a merged partner is part of
    now, whose website comes first, before the partner's own. `partner_names`: partner id ->
    name, for events that name another."""
    from ..search.countries import country_name

    w = functools.partial(card_word, lang=lang)
    cited = p.sources
    rows: list[CardRow] = []

    def row(heading: str, value: str, sources: Sequence[str] | None = None, translated: bool = False) -> None:
        rows.append(CardRow(heading, value, list(sources or []), translated))

    if status.state.value != "active":
        # Under the heading "now": 'MEDVIA (renamed ...)', 'part of MEDVIA (merged ...)', 'left ...'.
        if len(status.chain) > 2:
            said = status_text(status.model_dump(), lang, brief=True)
        else:
            said = status_text(status.model_dump(), lang)
        row(w("now"), said.removeprefix(f"{w('now')}: ").removeprefix(f"{w('now')} "))
        if len(status.chain) > 2:
            chain = [step.model_dump() for step in status.chain]
            row(w("chain"), chain_said(chain, lang), [sid for step in status.chain for sid in step.sources])
        if now is not None:
            row(
                say_in(lang, "website of {name}", name=now.name),
                now.website or w("not verified"),
                now.sources.get("website") if now.website else None,
            )
    for before in continues:
        chain = [step.model_dump() for step in before.chain]
        row(w("continues"), chain_said(chain, lang), [sid for step in before.chain for sid in step.sources])
    row(w("name"), p.name, cited.get("name"))
    if p.full_name is not None:
        row(
            w("full name"),
            " / ".join(n for n in (p.full_name.nl, p.full_name.en) if n),
            cited.get("full_name"),
        )
    if p.aliases:
        row(w("also known as"), LIST_SEPARATOR.join(p.aliases), cited.get("aliases"))
    if p.former_names:
        row(w("formerly"), LIST_SEPARATOR.join(p.former_names), cited.get("former_names"))
    if p.type is not None:
        kind = label(TYPE_LABELS[p.type], lang)
        if p.spearhead_cluster:
            kind += f" ({label(SPEARHEAD_LABEL, lang)})"
        row(w("type"), kind, cited.get("type"))
    else:
        row(w("type"), w("not in the sources"))
    if p.domains:
        row(
            w("domains"),
            LIST_SEPARATOR.join(label(DOMAIN_LABELS[d], lang) for d in p.domains),
            cited.get("domains"),
        )
    elif p.cross_sector:
        row(w("domains"), label(CROSS_SECTOR_LABEL, lang), cited.get("cross_sector"))
    if p.country:
        row(w("country"), f"{country_name(p.country, lang)} ({p.country})", cited.get("country"))
    if p.description is not None:
        row(w("description"), getattr(p.description, lang), cited.get("description"))
    row(w("website"), p.website or w("not verified"), cited.get("website") if p.website else None)
    if p.former_websites:
        row(w("former website"), LIST_SEPARATOR.join(p.former_websites), cited.get("former_websites"))
    for r in p.regions:
        row(w("region"), getattr(r.name, lang if lang == "nl" else "en"), r.sources)
    for c in p.coverage:
        row(w("covers"), f"{c.text} ({sector_label(c.sector, lang)})", c.sources)
    for m in p.rounds:
        row(f"{w('partner')} {m.round}", f"{w('listed as')}: {m.listed_as}", m.sources)
    if not p.rounds:
        row(w("partner"), w("in no round: it continues partners of the programme"))
    for e in p.events:
        other = partner_names.get(e.partner or "")
        text = e.said(lang) + (f" ({w('see')} {other})" if other else "")
        row(in_lang(e.when_text, lang), text, e.sources, e.translated_in(lang))
    for n in p.notes:
        row(w("note"), n.said(lang), n.sources, n.translated_in(lang))
    return rows


def footnotes(rows: Sequence[CardRow]) -> dict[str, str]:
    """Source id -> footnote mark, in order of first citation; the editorial mark is E."""
    marks: dict[str, str] = {}
    for r in rows:
        for sid in r.sources:
            if sid not in marks:
                marks[sid] = (
                    "E" if sid == EDITORIAL_SOURCE else str(sum(m != "E" for m in marks.values()) + 1)
                )
    return marks


def row_marks(r: CardRow, marks: Mapping[str, str]) -> str:
    """What follows a card row's value: its sources' marks, and [T] for our translation."""
    cited = "".join(f"[{marks[s]}]" for s in r.sources)
    return cited + ("[T]" if r.translated else "")


def card_text(
    p: Partner,
    status: Status,
    lang: str,
    partner_names: Mapping[str, str],
    sources: Mapping[str, Any],
    continues: Sequence[Status] = (),
    now: Partner | None = None,
) -> str:
    """The card for a pipe or a file: 'heading: value [1]' lines, then the numbered sources
    with who published each and their full addresses; no colour, nothing wrapped."""
    rows = card_rows(p, status, lang, partner_names, continues, now)
    marks = footnotes(rows)
    lines = [f"{r.heading}: {r.value}" + (f" {m}" if (m := row_marks(r, marks)) else "") for r in rows]
    numbered = [(m, sid) for sid, m in marks.items() if m != "E"]
    if marks:  # a numbered source or the editorial one
        lines.append(f"{card_word('sources', lang)}:")
    for mark, sid in numbered:
        kind = kind_said(sources[sid].kind, p.id, lang, partner_names)
        lines.append(f"[{mark}] {source_line(sources[sid], kind)}")
    if EDITORIAL_SOURCE in marks:
        lines.append("[E] " + card_word(EDITORIAL_NOTE, lang))
    if any(r.translated for r in rows):
        lines.append("[T] " + card_word(TRANSLATED_NOTE, lang))
    return "".join(f"{sanitize(line)}\n" for line in lines)


def source_line(source: Any, kind: str = "") -> str:
    """A source (Source or CitedSource) as one line: publisher (and who that is, `kind`),
    date, title, address."""
    publisher = f"{source.publisher} ({kind})" if kind else source.publisher
    parts = [publisher, source.date, source.title, source.url]
    return ", ".join(str(part) for part in parts if part)


def _marked_translation(told: Any, lang: str) -> str:
    """A note or event (a models.Told) in `lang`, '(our translation)' after it where it is."""
    text: str = told.said(lang)
    return f"{text} ({say_in(lang, 'our translation')})" if told.translated_in(lang) else text


def about_lines(info: Any, lang: str) -> list[tuple[str, str]]:
    """The programme (an `About`) as (name, value) lines, for the terminal and a pipe."""
    say = functools.partial(say_in, lang)
    prog = info.programme
    agency = prog.agency
    pairs = [
        (say("programme"), getattr(prog.name, lang)),
        (say("agency"), f"{agency.name} ({agency.abbreviation}), {getattr(agency.description, lang)}"),
        (say("strategy"), f"{prog.strategy.nl} ({prog.strategy.en})"),
        (say("domains"), "; ".join(label(v, lang) for v in DOMAIN_LABELS.values())),
        (say("today"), info.today.isoformat()),
    ]
    for r in info.rounds:
        place = getattr(r.signed_at, lang) or r.signed_at.en or r.signed_at.nl
        facts = [
            say("{starts_on} to {ends_on}", starts_on=r.starts_on, ends_on=r.ends_on),
            say(r.state.value),
        ]
        if r.days_left is not None:
            facts.append(say("{days} days left", days=r.days_left))
        facts.append(say("signed {day} at {place}", day=r.signed_on or "?", place=place or "?"))
        if r.present_at_signing:
            facts.append(say("in the presence of {names}", names=", ".join(r.present_at_signing)))
        if r.yearly_budget_eur is not None:
            facts.append(say("yearly budget EUR {amount}", amount=bilingual_num(r.yearly_budget_eur)))
        if r.partner_count is not None:
            facts.append(say("{count} partners", count=r.partner_count))
        heading = say("round {round}", round=r.id)
        pairs.append((heading, "; ".join(facts)))
        pairs += [(heading, _marked_translation(n, lang)) for n in r.notes]
    if info.rounds and info.rounds[-1].state.value == "ended" and agency.website:
        website = agency.website
        pairs.append(
            (
                say("next round"),
                say(
                    "none in this dataset; see {agency}: {website}",
                    agency=agency.abbreviation,
                    website=website,
                ),
            )
        )
    for e in prog.events:
        pairs.append((say("agency {day}", day=e.date), _marked_translation(e, lang)))
    per_type = ", ".join(
        f"{label(TYPE_LABELS[PartnerType(t.type)], lang)} {t.count}" for t in info.partners_per_type
    )
    pairs.append((say("types"), per_type))
    pairs.append(
        (say("domain mapping"), say("editorial (ours, from each partner's description): FIT assigns none"))
    )
    return pairs
