"""What a command's result looks like on stdout: the output policy, the results commands
return, and the renderers.

A command returns a result: a `Listing` (records, one per row), a `Card` (one record,
every field) or a `Document` (one JSON value with its own text). `render` picks the
renderer for the run once, from the options and whether stdout is a terminal (as gh
picks a table printer), and hands it the result:

- JSON (through --jq when given), JSON Lines, csv, tsv, markdown: written wherever
  stdout goes, without Rich;
- plain text for a pipe: bare tab-separated rows for a listing (a padded table with
  --format table), `heading: value` lines for a card or a document;
- the Rich view for a person at a terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel

from ..errors import EXIT_JQ_COMPILE, PROG, BadValue, JqHalt, UsageError
from ..labels import heading
from ..language import LANGUAGES, SOURCE_LANGUAGE
from ..messages import Msg, Whole, cut, said, say_in, visible_bytes
from ..results import json_records
from .cells import LIST_SEPARATOR, CellTable, rows, workbook_rows
from .machine import csv_text, markdown_text, tsv_text, write_json_records, write_jsonl
from .stream import sanitize, terminal_width, to_json, wrapped, write, write_bytes
from .text import padded_table

if TYPE_CHECKING:
    # Protocols for the type checker only: making a Protocol class costs every run's start.
    from ..catalog import Catalog
    from ..dataset.models import Partner
    from ..results import About, HistoryStep, OverviewRow
    from .xlsx import Cut

    class Views(Protocol):
        """What the terminal views (output/views.py) offer; the module itself is one."""

        def show(self, renderable: Any) -> None: ...
        def records_table(self, cell_table: CellTable, lang: str, *, droppable: bool) -> Any: ...
        def partner_card(self, catalog: Catalog, p: Partner, lang: str) -> Any: ...
        def overview(self, catalog: Catalog, rows: list[OverviewRow], lang: str, heading: str) -> Any: ...
        def matrix(self, rows: list[Any], lang: str) -> Any: ...
        def about(
            self, info: About, pairs: list[tuple[str, str]], lang: str = "en", full: bool = True
        ) -> Any: ...
        def history(self, catalog: Catalog, steps: list[HistoryStep], lang: str = "en") -> Any: ...

    class Renderer(Protocol):
        def listing(self, result: Listing) -> None: ...
        def card(self, result: Card) -> None: ...
        def document(self, result: Document) -> None: ...


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"
    xlsx = "xlsx"


class Columns:
    """The fields a command's records have, and those its table shows by default. A plain
    class, as the results below are: a NamedTuple's class costs every run's start."""

    __slots__ = ("valid", "default")

    def __init__(self, valid: tuple[str, ...], default: tuple[str, ...]) -> None:
        self.valid = valid
        self.default = default


NO_COLUMNS = Columns((), ())


# The most characters a message says that is no messages.Msg (Click's, jq's): a Msg is
# bounded by its values, each cut at ECHO_LIMIT.
LINE_LIMIT = 1000


def say(message: str, lang: str = "en") -> None:
    """A one-line message for people, on stderr (a messages.Msg in `lang`): control
    characters shown as escapes, echoed values cut (messages.said), at most LINE_LIMIT
    characters of any other text."""
    if sys.stderr is None:  # closed before we started: nobody is listening
        return
    text = said(message, lang)
    if not isinstance(message, Msg | Whole):
        text = cut(text, LINE_LIMIT)
    line = f"{PROG}: {sanitize(visible_bytes(text))}"
    if stderr_is_terminal():  # wrapped at words to the terminal; one line in a pipe, for grep
        line = wrapped(line, terminal_width(sys.stderr))
    line += "\n"
    try:
        sys.stderr.write(line)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # nobody is listening on stderr either


def stderr_is_terminal() -> bool:
    """Whether a person reads stderr at a terminal (TTY_COMPATIBLE as for stdout)."""
    forced = os.environ.get("TTY_COMPATIBLE", "")
    if forced in ("0", "1"):
        return forced == "1"
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def is_terminal() -> bool:
    # Rich's own switch: TTY_COMPATIBLE=1 asks for terminal output in a pipe, =0 for plain.
    forced = os.environ.get("TTY_COMPATIBLE", "")
    if forced in ("0", "1"):
        return forced == "1"
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def prepare_stdout(machine: bool) -> None:
    """Machine formats are UTF-8 whatever the locale; text for people degrades instead."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    encoding = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "")
    if reconfigure is None or encoding == "utf8":
        return
    reconfigure(**({"encoding": "utf-8"} if machine else {"errors": "replace"}))


def field_names(valid: Sequence[str]) -> dict[str, str]:
    """What names each of `valid` fields: the field, and its heading in every language
    ('volledige naam', 'volledige_naam'), any case, whatever the run's language; a heading
    two fields share names neither."""
    by_key: dict[str, str] = {}
    shared: set[str] = set()
    for f in valid:
        for name in {heading(f, lang) for lang in LANGUAGES}:
            key = name.lower().replace(" ", "_")
            if by_key.get(key, f) != f:
                shared.add(key)
            by_key[key] = f
    for key in shared:
        del by_key[key]
    return {**by_key, **{f.lower(): f for f in valid}}


def field_named(name: str, valid: Sequence[str]) -> str | None:
    """The field of `valid` that `name` names (field_names), else None. A field's own name
    is found without a catalogue: only a heading reads them (every language's)."""
    key = name.strip().lower().replace(" ", "_")
    by_name = {f.lower(): f for f in valid}
    return by_name[key] if key in by_name else field_names(valid).get(key)


def valid_names(valid: Sequence[str], lang: str) -> list[str]:
    """The fields as a person of `lang` names them: field names, or headings."""
    if lang == SOURCE_LANGUAGE:
        return list(valid)
    return [heading(f, lang).replace(" ", "_") for f in valid]


def parse_fields(raw: str | None, valid: Sequence[str], lang: str = SOURCE_LANGUAGE) -> list[str] | None:
    """The --fields value as a list of valid field names; None when not given. A field is
    named by its name or its heading, any case ('Name', 'naam')."""
    if raw is None:
        return None
    chosen = []
    for f in (f.strip() for f in raw.split(",")):
        field = field_named(f, valid) if f else None
        if f and field is None:
            raise _bad_field(f, valid, lang)
        if field:
            chosen.append(field)
    if not chosen:
        raise _bad_field(raw, valid, lang)
    return chosen


def _bad_field(value: str, valid: Sequence[str], lang: str) -> BadValue:
    """The error for a field that is none: every field named, whole (the schema's, which a
    person needs in full to choose; a cut list broke a name in two)."""
    names = valid_names(valid, lang)
    return BadValue("--fields", value, names, shown=Whole(", ".join(names)))


# -- the terminal views -----------------------------------------------------------------------


def terminal_views() -> Views:
    # Door: the views import Rich, which only a terminal picture needs.
    from . import views

    return views


View = Callable[["Views", str], Any]  # draws a command's picture, given the views and the language


# -- results --------------------------------------------------------------------------------


# The results and the policy are plain classes: dataclasses would write and compile their
# methods on every run's start (docs/performance.md).


class Notice:
    """A line for stderr that comes with a result (a messages.Msg is said in the run's
    language). `people_only`: only with text for people, at a terminal or in a pipe (a
    round that ended), not with a machine format; else for any reader. --quiet hides both."""

    __slots__ = ("text", "people_only")

    def __init__(self, text: str, people_only: bool = False) -> None:
        self.text = text
        self.people_only = people_only


class Listing:
    """Records, one per row. `view` draws the command's own picture for a terminal, given
    the language; `empty` is what text output says on stderr when there are none ("": a
    note says it)."""

    __slots__ = ("records", "columns", "view", "empty", "notes")

    def __init__(
        self,
        records: Sequence[BaseModel],
        columns: Columns,
        view: View | None = None,
        empty: str = Msg("no partner matches"),
        notes: list[Notice] | None = None,
    ) -> None:
        self.records = records
        self.columns = columns
        self.view = view
        self.empty = empty
        self.notes = notes if notes is not None else []


class Card:
    """One record with every field: a card for people, the record for machines. `text`:
    the plain card, given the language; `view`: the Rich card, given the language."""

    __slots__ = ("record", "columns", "text", "view", "notes")

    def __init__(
        self,
        record: BaseModel,
        columns: Columns,
        text: Callable[[str], str],
        view: View,
        notes: list[Notice] | None = None,
    ) -> None:
        self.record = record
        self.columns = columns
        self.text = text
        self.view = view
        self.notes = notes if notes is not None else []


class Document:
    """One JSON value (about, validate, schema), with its text for people. Without `text`
    the JSON is the text; `indent`: indented JSON even into a file (read by editors)."""

    __slots__ = ("value", "text", "view", "indent", "exit_code", "notes")

    def __init__(
        self,
        value: Any,
        text: Callable[[str], str] | None = None,
        view: View | None = None,
        indent: bool = False,
        exit_code: int = 0,
        notes: list[Notice] | None = None,
    ) -> None:
        self.value = value
        self.text = text
        self.view = view
        self.indent = indent
        self.exit_code = exit_code
        self.notes = notes if notes is not None else []


Result = Listing | Card | Document


# -- the policy -----------------------------------------------------------------------------


class Policy:
    """The output options of one run, checked before any work is done."""

    __slots__ = (
        "format",
        "explicit",
        "fields",
        "lang",
        "asked",
        "labels",
        "headers",
        "jq",
        "quiet",
        "terminal",
    )

    def __init__(
        self,
        format: Format = Format.table,
        explicit: bool = False,  # a format was asked for (--format, --json or --jq)
        fields: list[str] | None = None,
        lang: str = "en",
        labels: bool = False,
        headers: bool = True,
        jq: str | None = None,
        quiet: bool = False,
        terminal: bool = False,
        asked: bool = False,  # the language was named (--lang, FITPARTNERS_LANG), not the locale's
    ) -> None:
        self.format = format
        self.explicit = explicit
        self.fields = fields
        self.lang = lang
        self.asked = asked
        self.labels = labels
        self.headers = headers
        self.jq = jq
        self.quiet = quiet
        self.terminal = terminal

    @classmethod
    def from_options(
        cls,
        columns: Columns,
        *,
        fmt: Format | None = None,
        as_json: bool = False,
        fields: str | None = None,
        lang: str = "en",
        asked: bool = False,
        labels: bool = False,
        no_headers: bool = False,
        jq: str | None = None,
        quiet: bool = False,
    ) -> Policy:
        if as_json and fmt not in (None, Format.json):
            raise UsageError(Msg("use either --json or --format, not both"))
        if jq is not None and fmt not in (None, Format.json):
            raise UsageError(Msg("--jq filters JSON: it goes with --json or --format json only"))
        if fmt is Format.xlsx and is_terminal():
            raise UsageError(
                Msg("--format xlsx writes a binary workbook: redirect it to a file (> partners.xlsx)")
            )
        return cls(
            format=Format.json if (as_json or jq is not None) else (fmt or Format.table),
            explicit=fmt is not None or as_json or jq is not None,
            fields=parse_fields(fields, columns.valid, lang),
            lang=lang,
            asked=asked,
            labels=labels,
            headers=not no_headers,
            jq=jq,
            quiet=quiet,
            terminal=is_terminal(),
        )

    @property
    def for_people(self) -> bool:
        """A terminal view: no format asked for, and stdout is a terminal."""
        return self.format is Format.table and not self.explicit and self.terminal

    @property
    def text(self) -> bool:
        """Text for people: a terminal view, or plain text in a pipe (which a person often
        reads through `less` or `cat`), not a machine format."""
        return self.format is Format.table


# -- renderers ------------------------------------------------------------------------------


def cut_note(
    cuts: Sequence[Cut], records: Sequence[BaseModel], fields: Sequence[str], limit: int, lang: str
) -> str:
    """The note on the cells a workbook cut: the first three by field and record (its id,
    else its row), and how many more."""
    named = [
        say_in(
            lang,
            "{field} of {record} ({count} characters)",
            field=fields[cut.column],
            record=getattr(records[cut.row], "id", None) or say_in(lang, "row {row}", row=cut.row + 1),
            count=cut.length,
        )
        for cut in cuts[:3]
    ]
    if len(cuts) > 3:
        named.append(say_in(lang, "and {count} more", count=len(cuts) - 3))
    return say_in(
        lang,
        "note: cut to the {limit} characters a cell holds, and marked so in the cell: {cells}; "
        "--format json has the whole text",
        limit=limit,
        cells=", ".join(named),
    )


def key_hint(read: set[str], keys: Callable[[], set[str]]) -> Msg | None:
    """A note for a jq program that reads (`read`) a key no object of its input has (`keys`)
    but that names one it has, by a heading in any language or another case ('naam' for
    `name`): the keys are English field names. None otherwise: never for a key the input or
    the program has."""
    if not read:
        return None
    present = keys()
    named = field_names(sorted(present))
    meant = {k: named[key] for k in sorted(read - present) if (key := k.lower().replace(" ", "_")) in named}
    if not meant:
        return None
    return Msg(
        "note: no JSON key is named {keys}; the keys are English: {fields}",
        keys=", ".join(map(repr, meant)),
        fields=", ".join(f".{f}" for f in dict.fromkeys(meant.values())),
    )


class JsonRenderer:
    """JSON, through --jq when given: indented in a terminal, one line in a pipe (as gh)."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def _value(self, value: Any, *, indent: bool = False) -> None:
        prepare_stdout(True)
        if isinstance(value, BaseModel):
            value = value.model_dump(mode="json")
        if self.policy.jq is not None:
            # Door: jq (libjq) and the json module, for --jq only.
            from .jq import keys_in, keys_read, write_jq

            hint = None if self.policy.quiet else key_hint(keys_read(self.policy.jq), lambda: keys_in(value))
            try:
                write_jq(value, self.policy.jq, terminal=self.policy.terminal)
            except JqHalt as stop:
                if hint and stop.code != EXIT_JQ_COMPILE:  # before jq's error, the last line
                    say(hint, self.policy.lang)
                raise
            if hint:
                say(hint, self.policy.lang)
        else:
            write(to_json(value, indent=2 if indent or self.policy.terminal else None) + "\n")

    def listing(self, result: Listing) -> None:
        fields = self.policy.fields
        if self.policy.jq is not None:
            self._value(json_records(result.records, fields))
        else:
            write_json_records(result.records, fields, 2 if self.policy.terminal else None)

    def card(self, result: Card) -> None:
        self._value(json_records([result.record], self.policy.fields)[0])

    def document(self, result: Document) -> None:
        self._value(result.value, indent=result.indent)


class JsonLinesRenderer:
    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def listing(self, result: Listing) -> None:
        write_jsonl(result.records, self.policy.fields)

    def card(self, result: Card) -> None:
        write_jsonl([result.record], self.policy.fields)

    def document(self, result: Document) -> None:
        value = result.value.model_dump(mode="json") if isinstance(result.value, BaseModel) else result.value
        write(to_json(value, indent=None) + "\n")


class RowsRenderer:
    """csv, tsv, markdown and xlsx: one row per record (a card is its record's row)."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def listing(self, result: Listing) -> None:
        p = self.policy
        if p.format is Format.xlsx:
            every = p.fields or list(result.columns.valid)
            table = workbook_rows(result.records, every, p.lang)
            header = [heading(f, p.lang) for f in every] if p.headers else None
            # Door: openpyxl is large, and only --format xlsx needs it.
            from .xlsx import XLSX_MAX_CELL, xlsx_bytes

            workbook, cuts = xlsx_bytes(table, header, p.lang)
            write_bytes(workbook)
            if cuts and not p.quiet:
                say(cut_note(cuts, result.records, every, XLSX_MAX_CELL, p.lang), p.lang)
            return
        if p.format is Format.markdown:
            shown = p.fields or list(result.columns.default)
            table = rows(result.records, shown, labels=True, lang=p.lang)
            write(markdown_text(table, [heading(f, p.lang) for f in shown]))
            return
        every = p.fields or list(result.columns.valid)
        # Labels and headings of a language named by --lang or FITPARTNERS_LANG (not the locale's:
        # a script's csv stays the same on every machine); English headings are the field names.
        lang = p.lang if p.asked else SOURCE_LANGUAGE
        table = rows(result.records, every, labels=p.labels or p.asked, lang=lang, sep=LIST_SEPARATOR)
        header = (
            ([heading(f, lang) for f in every] if lang != SOURCE_LANGUAGE else every) if p.headers else None
        )
        if p.format is Format.csv:  # at a terminal shown inert; elsewhere the data as it is
            write(csv_text(table, header, inert=p.terminal))
        else:
            write(tsv_text(table, header))

    def card(self, result: Card) -> None:
        self.listing(Listing([result.record], result.columns))

    def document(self, result: Document) -> None:
        JsonLinesRenderer(self.policy).document(result)


class PlainRenderer:
    """A pipe or a file with no format asked for (or --format table): text without Rich."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def listing(self, result: Listing) -> None:
        p = self.policy
        if not result.records:
            # Said on stderr, where a person reading the pipe's end sees it; no rows on stdout,
            # but for a header asked for with --format table in a pipe.
            if result.empty and not p.quiet:
                say(result.empty, p.lang)
            if p.terminal or not p.explicit:
                return
        shown = p.fields or list(result.columns.default)
        table = rows(result.records, shown, labels=True, lang=p.lang)
        if p.explicit:  # --format table in a pipe: a padded table, header included
            header = [heading(f, p.lang) for f in shown] if p.headers else None
            write(padded_table(table, header))
        else:  # bare rows, one line per record, for cut and awk
            write(tsv_text(table, None))

    def card(self, result: Card) -> None:
        if self.policy.fields is not None:
            self.listing(Listing([result.record], result.columns))
        else:
            write(result.text(self.policy.lang))

    def document(self, result: Document) -> None:
        if result.text is None:
            JsonRenderer(self.policy).document(result)
        else:
            write(result.text(self.policy.lang))


class TerminalRenderer:
    """A person at a terminal: the command's Rich view."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy

    def listing(self, result: Listing) -> None:
        p = self.policy
        if not result.records:
            if result.empty and not p.quiet:
                say(result.empty, p.lang)
            return
        views = terminal_views()
        if result.view is not None and p.fields is None:
            views.show(result.view(views, p.lang))
            return
        shown = p.fields or list(result.columns.default)
        header = [heading(f, p.lang) for f in shown] if p.headers else None
        full = rows(result.records, shown, labels=True, lang=p.lang, short=True)
        brief = rows(result.records, shown, labels=True, lang=p.lang, short=True, brief=True)
        cells = CellTable(full, brief, shown, header)
        views.show(views.records_table(cells, p.lang, droppable=p.fields is None))

    def card(self, result: Card) -> None:
        if self.policy.fields is not None:
            self.listing(Listing([result.record], result.columns))
        else:
            views = terminal_views()
            views.show(result.view(views, self.policy.lang))

    def document(self, result: Document) -> None:
        if result.view is None:  # no picture of its own: its text lines (validate), else JSON (schema)
            if result.text is not None:
                write(result.text(self.policy.lang))
            else:
                JsonRenderer(self.policy).document(result)
            return
        views = terminal_views()
        views.show(result.view(views, self.policy.lang))


def renderer(policy: Policy) -> Renderer:
    """The one renderer for this run."""
    if policy.format is Format.json:
        return JsonRenderer(policy)
    if policy.format is Format.jsonl:
        return JsonLinesRenderer(policy)
    if policy.format in (Format.csv, Format.tsv, Format.markdown, Format.xlsx):
        return RowsRenderer(policy)
    return TerminalRenderer(policy) if policy.for_people else PlainRenderer(policy)


def render(policy: Policy, result: Result) -> int:
    """Print a result and its notes; the exit code it carries."""
    prepare_stdout(policy.format is not Format.table)
    notes = [] if policy.quiet else result.notes
    # A note for people comes before what it is about; one for any reader after the data.
    for note in notes:
        if note.people_only and policy.text:
            say(note.text, policy.lang)
    chosen = renderer(policy)
    if isinstance(result, Listing):
        chosen.listing(result)
    elif isinstance(result, Card):
        chosen.card(result)
    else:
        chosen.document(result)
    for note in notes:
        if not note.people_only:
            say(note.text, policy.lang)
    return result.exit_code if isinstance(result, Document) else 0
