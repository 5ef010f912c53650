"""The output policy: which format, terminal or pipe, colour, headers, language.

Without --format a terminal gets a table and a pipe gets bare tab-separated rows (as gh
does); with --format X, X is written wherever stdout goes (a table in a pipe is a plain
table with its header). JSON goes through --jq when given. Rich is imported only when a
terminal view is drawn.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any, NamedTuple

from pydantic import BaseModel

from . import writers
from .errors import PROG, UsageError
from .vocabulary import heading


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


class Lang(StrEnum):
    en = "en"
    nl = "nl"


MACHINE_FORMATS = (Format.json, Format.jsonl, Format.csv, Format.tsv, Format.markdown)


class Columns(NamedTuple):
    """The fields a command's records have, and those its table shows by default."""

    valid: tuple[str, ...]
    default: tuple[str, ...]


def say(message: str) -> None:
    """A one-line message for people, on stderr."""
    try:
        sys.stderr.write(f"{PROG}: {writers.sanitize(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # nobody is listening on stderr either


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


def parse_fields(raw: str | None, valid: Sequence[str]) -> list[str] | None:
    if raw is None:
        return None
    from .errors import BadValue

    chosen = [f.strip() for f in raw.split(",") if f.strip()]
    for f in chosen:
        if f not in valid:
            raise BadValue("--fields", f, list(valid))
    if not chosen:
        raise BadValue("--fields", raw, list(valid))
    return chosen


class Output:
    """A command's output options, checked before any work is done, and the one path by
    which every command prints its records."""

    def __init__(
        self,
        columns: Columns,
        *,
        fmt: Format | None = None,
        as_json: bool = False,
        fields: str | None = None,
        lang: Lang = Lang.en,
        labels: bool = False,
        no_headers: bool = False,
        jq: str | None = None,
        quiet: bool = False,
    ) -> None:
        if as_json and fmt not in (None, Format.json):
            raise UsageError("use either --json or --format, not both")
        if jq is not None and fmt not in (None, Format.json):
            raise UsageError("--jq filters JSON: it goes with --json or --format json only")
        self.explicit = fmt is not None or as_json or jq is not None
        self.format = Format.json if (as_json or jq is not None) else (fmt or Format.table)
        self.columns = columns
        self.fields = parse_fields(fields, columns.valid)
        self.lang = lang.value
        self.labels = labels
        self.headers = not no_headers
        self.jq = jq
        self.quiet = quiet
        self.terminal = is_terminal()

    @property
    def is_json(self) -> bool:
        return self.format is Format.json

    @property
    def for_people(self) -> bool:
        """A terminal view: no format asked for, and stdout is a terminal."""
        return self.format is Format.table and not self.explicit and self.terminal

    def note(self, message: str) -> None:
        """A note for people at a terminal (a round that ended); --quiet hides it."""
        if not self.quiet and self.for_people:
            say(message)

    def indent(self) -> int | None:
        """Indented JSON for people at a terminal, one compact line for a pipe (as gh)."""
        return 2 if self.terminal else None

    def json_value(self, value: Any) -> None:
        """Any JSON-shaped value (a command's one result), through --jq when given."""
        prepare_stdout(True)
        if isinstance(value, BaseModel):
            value = value.model_dump(mode="json")
        if self.jq is not None:
            writers.write_jq(value, self.jq)
        else:
            writers.write(writers.to_json(value, indent=self.indent()) + "\n")

    def emit(
        self,
        records: Sequence[BaseModel],
        *,
        single: bool = False,
        view: Callable[[], Any] | None = None,
        empty: str = "no partner matches",
    ) -> None:
        """Print records in the chosen format. `view` draws the command's own picture for
        a terminal (where no --fields asked for plain columns); `empty` is what a
        terminal shows for an empty result."""
        fmt, fields = self.format, self.fields
        prepare_stdout(fmt in MACHINE_FORMATS)
        shown = fields or list(self.columns.default)
        header = [heading(f, self.lang) for f in shown] if self.headers else None
        if fmt is Format.json:
            if self.jq is not None or single:
                body = writers.plain(records, fields)
                self.json_value(body[0] if single and body else body)
            else:
                writers.write_json_records(records, fields, self.indent())
        elif fmt is Format.jsonl:
            writers.write_jsonl(records, fields)
        elif fmt in (Format.csv, Format.tsv):
            every = fields or list(self.columns.valid)
            table = writers.rows(records, every, labels=self.labels, lang=self.lang)
            head = every if self.headers else None
            write = writers.csv_text if fmt is Format.csv else writers.tsv_text
            writers.write(write(table, head))
        elif fmt is Format.markdown:
            writers.write(
                writers.markdown_text(self._cells(records, shown), [heading(f, self.lang) for f in shown])
            )
        elif not records and self.terminal:
            say(empty)
        elif self.for_people:
            from . import views

            drawn = view() if view is not None and fields is None else None
            views.show(
                drawn
                if drawn is not None
                else views.records_table(self._cells(records, shown, True), shown, header, self.lang)
            )
        elif self.explicit:  # --format table in a pipe: a plain table, header included
            writers.write(writers.plain_table(self._cells(records, shown), header))
        else:  # a pipe: bare rows, one line per record
            writers.write(writers.tsv_text(self._cells(records, shown), None))

    def _cells(
        self, records: Sequence[BaseModel], fields: Sequence[str], short: bool = False
    ) -> list[list[str]]:
        return writers.rows(records, fields, labels=True, lang=self.lang, short=short)
