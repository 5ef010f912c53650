"""The command line: thin commands over the catalog, the writers and the views.

Data flows one way: cli -> catalog -> writers/views. Rich is imported only when a
terminal view is printed, Pydantic only when a user's data file is checked.
"""

import contextlib
import functools
import inspect
import os
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from types import ModuleType
from typing import Annotated, Any, NamedTuple, Optional

import typer

# Typer vendors Click since 0.29; its exceptions are the ones raised.
from typer._click.exceptions import ClickException
from typer.core import TyperGroup

from . import __version__, writers
from .catalog import Catalog
from .errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, BadValue, FitError, PipeClosed
from .loader import ENV_DATA, ENV_MAX_BYTES
from .vocabulary import DOMAIN_LABELS, PARTNER_FIELDS, TYPE_LABELS, fold

PROG = "fitpartners"
ENV_LANG = "FITPARTNERS_LANG"
ENV_DEBUG = "FITPARTNERS_DEBUG"

EXIT_CODES = (
    "Exit codes: 0 success (an empty result too); 1 no such partner, ambiguous name, "
    "unusable or invalid data file; 2 usage error (unknown command, option or value); "
    "130 interrupted."
)


def say(message: str) -> None:
    """A one-line message for people, on stderr."""
    sys.stderr.write(f"{PROG}: {writers.sanitize(message)}\n")


class FitGroup(TyperGroup):
    """Every failure ends as one line on stderr and a documented exit code."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = run_guarded(
            lambda: super(FitGroup, self).main(
                args=args,
                prog_name=prog_name or PROG,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        )
        if standalone_mode:
            sys.exit(code)
        return code


def run_guarded(invoke: Callable[[], Any]) -> int:
    prepare_stdout(None)
    try:
        result = invoke()
        return result if isinstance(result, int) else EXIT_OK
    except ClickException as exc:
        ctx = getattr(exc, "ctx", None)
        where = ctx.command_path if ctx is not None else PROG
        sys.stderr.write(f"{where}: {writers.sanitize(exc.format_message())} (see --help)\n")
        return exc.exit_code
    except FitError as exc:
        say(str(exc))
        return exc.exit_code
    except PipeClosed:
        # The reader has gone: stop quietly, and keep the final flush from failing.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except (typer.Abort, KeyboardInterrupt):
        say("interrupted")
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: still one line, unless asked for the traceback
        if os.environ.get(ENV_DEBUG):
            raise
        say(f"internal error: {type(exc).__name__}: {exc} (set {ENV_DEBUG}=1 for a traceback)")
        return EXIT_INTERNAL


app = typer.Typer(
    cls=FitGroup,
    name=PROG,
    help=(
        "Query the 21 structural partners (2022-2026) of Flanders Investment & Trade (FIT): "
        "federations, clusters, chambers of commerce and business organisations tied to "
        "'Vlaanderen Versnelt!'."
    ),
    epilog=(
        f"Examples: fitpartners list --domain food | fitpartners show Voka | "
        f"fitpartners list --type chamber --json. Environment: {ENV_DATA}, {ENV_LANG}, "
        f"{ENV_MAX_BYTES}. {EXIT_CODES}"
    ),
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        writers.write(f"{PROG} {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    if ctx.invoked_subcommand is None:
        # No command: the help, as a usage error, on stderr (Typer prints help to stdout).
        with contextlib.redirect_stdout(sys.stderr):
            text = ctx.get_help()
        if text:
            sys.stderr.write(text + "\n")
        raise typer.Exit(2)


# -- shared options ----------------------------------------------------------------------


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


class Sort(StrEnum):
    number = "number"
    name = "name"
    type = "type"


def _complete_format(incomplete: str) -> list[str]:
    return [f.value for f in Format if f.value.startswith(incomplete)]


def _complete_period(ctx: typer.Context, incomplete: str) -> list[str]:
    return _vocab_completer(Catalog.period_vocab)(ctx, incomplete)


def _complete_lang(incomplete: str) -> list[str]:
    return [lang.value for lang in Lang if lang.value.startswith(incomplete)]


DataOpt = Annotated[
    Optional[str],
    typer.Option(
        "--data",
        metavar="PATH",
        help=f"Read this dataset instead of the bundled one (also {ENV_DATA}).",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    Optional[Format],
    typer.Option(
        "--format",
        "-f",
        help="Output format (default: table).",
        show_default=False,
        autocompletion=_complete_format,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
LangOpt = Annotated[
    Lang,
    typer.Option(
        "--lang",
        envvar=ENV_LANG,
        help="Language of descriptions and labels (JSON carries both).",
        autocompletion=_complete_lang,
    ),
]
PeriodOpt = Annotated[
    Optional[str],
    typer.Option(
        "--period",
        autocompletion=_complete_period,
        metavar="ROUND",
        help="Partnership round: 2022-2026 (default), 2017-2021 or all.",
        show_default=False,
    ),
]


class Columns(NamedTuple):
    """The fields a command's records have, and those its table shows by default."""

    valid: tuple[str, ...]
    default: tuple[str, ...]


PARTNER_COLUMNS = Columns(PARTNER_FIELDS, ("number", "name", "type", "domains", "country"))
CARD_COLUMNS = Columns(PARTNER_FIELDS, PARTNER_FIELDS)
OVERVIEW_COLUMNS = Columns(("id", "label", "count", "partners"), ("id", "label", "count", "partners"))
MATRIX_FIELDS = ("id", "number", "name", *DOMAIN_LABELS, "cross_sector")
MATRIX_COLUMNS = Columns(MATRIX_FIELDS, MATRIX_FIELDS)
HISTORY_FIELDS = ("from", "to", "continued", "joined", "left", "counts")
HISTORY_COLUMNS = Columns(HISTORY_FIELDS, HISTORY_FIELDS)


def fields_option(columns: Columns) -> Any:
    def complete(incomplete: str) -> list[str]:
        done, _, last = incomplete.rpartition(",")
        prefix = f"{done}," if done else ""
        return [prefix + f for f in columns.valid if f.startswith(last)]

    return typer.Option(
        "--fields",
        metavar="A,B,...",
        show_default=False,
        autocompletion=complete,
        help=f"Fields to print, in this order. Valid: {', '.join(columns.valid)}. "
        f"Table default: {','.join(columns.default)}; JSON default: all.",
    )


def parse_fields(raw: str | None, valid: Sequence[str]) -> list[str] | None:
    if raw is None:
        return None
    chosen = [f.strip() for f in raw.split(",") if f.strip()]
    for f in chosen:
        if f not in valid:
            raise BadValue("--fields", f, list(valid))
    if not chosen:
        raise BadValue("--fields", raw, list(valid))
    return chosen


def output_format(fmt: Format | None, as_json: bool) -> Format:
    if as_json and fmt not in (None, Format.json):
        raise typer.BadParameter("use either --json or --format, not both", param_hint="--json")
    return Format.json if as_json else (fmt or Format.table)


def is_terminal() -> bool:
    # Rich's own switch: TTY_COMPATIBLE=1 asks for terminal output in a pipe, =0 for plain.
    forced = os.environ.get("TTY_COMPATIBLE", "")
    if forced in ("0", "1"):
        return forced == "1"
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def json_indent() -> int | None:
    """Indented JSON for people at a terminal, one compact line for a pipe (as gh does):
    compact JSON is also several times faster to write for a large dataset."""
    return 2 if is_terminal() else None


def prepare_stdout(fmt: Format | None) -> None:
    """Machine formats are UTF-8 whatever the locale; text for people degrades instead
    (None: the default for any output, set before a command runs)."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    encoding = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "")
    if reconfigure is None or encoding == "utf8":
        return
    if fmt in writers.MACHINE_FORMATS:
        reconfigure(encoding="utf-8")
    else:
        reconfigure(errors="replace")


def print_json(value: Any, *, always_indent: bool = False) -> None:
    """JSON on stdout, UTF-8 whatever the locale; indented for a terminal (or always)."""
    prepare_stdout(Format.json)
    writers.write(writers.to_json(value, indent=2 if always_indent else json_indent()) + "\n")


class Output:
    """A command's output options, checked before any work is done, and the one path by
    which every command prints its records."""

    def __init__(
        self, fmt: Format | None, as_json: bool, fields: str | None, lang: Lang, columns: Columns
    ) -> None:
        self.format = output_format(fmt, as_json)
        self.fields = parse_fields(fields, columns.valid)
        self.lang = lang.value
        self.columns = columns

    def emit(
        self,
        records: list[dict[str, Any]],
        *,
        single: bool = False,
        view: Callable[[ModuleType], Any] | None = None,
    ) -> None:
        """Print records; `view` draws the command's own terminal picture from the views
        module (imported only then), where no --fields asked for plain columns."""
        fmt, fields, lang = self.format, self.fields, self.lang
        prepare_stdout(fmt)
        shown = fields or list(self.columns.default)
        if fmt is Format.json:
            body = writers.project(records, fields)
            print_json(body[0] if single and body else body)
        elif fmt is Format.jsonl:
            writers.write(writers.jsonl_text(records, fields))
        elif fmt is Format.csv:
            writers.write(writers.csv_text(records, fields or self.columns.valid, lang))
        elif fmt is Format.tsv:
            writers.write(writers.tsv_text(records, fields or self.columns.valid, lang))
        elif fmt is Format.markdown:
            writers.write(writers.markdown_text(records, shown, lang))
        elif not is_terminal():
            if single and records and fields is None:
                pairs = [(f, writers.cell(records[0], f, lang)) for f in shown]
                writers.write(writers.plain_pairs(pairs))
            else:
                writers.write(writers.plain_rows(records, shown, lang))
        else:
            from . import views

            views.show(view(views) if view and fields is None else views.records_table(records, shown, lang))


def output_options(columns: Columns) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the shared output options (--format, --json, --fields, --lang), so
    that every command that prints records speaks the same formats. The command takes
    `out: Output` instead, built (and so checked) before the command runs."""
    shared = {
        "fmt": FormatOpt,
        "as_json": JsonOpt,
        "fields": Annotated[Optional[str], fields_option(columns)],
        "lang": LangOpt,
    }
    defaults = {"fmt": None, "as_json": False, "fields": None, "lang": Lang.en}

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        own = [p for p in inspect.signature(command).parameters.values() if p.name != "out"]
        added = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=defaults[name], annotation=kind)
            for name, kind in shared.items()
        ]

        @functools.wraps(command)
        def run(
            *args: Any, fmt: Format | None, as_json: bool, fields: str | None, lang: Lang, **kwargs: Any
        ) -> None:
            command(*args, out=Output(fmt, as_json, fields, lang, columns), **kwargs)

        # Typer reads the signature and the annotations: show it the options, not `out`.
        run.__signature__ = inspect.Signature([*own, *added])  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in [*own, *added]} | {"return": None}
        return run

    return decorate


def load(data: str | None) -> Catalog:
    from .loader import load as load_dataset

    dataset, _ = load_dataset(data)
    return Catalog(dataset)


def _complete_partner(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    try:
        catalog = load(ctx.params.get("data"))
    except FitError:
        return []
    key = fold(incomplete)
    out = []
    for p in catalog.partners:
        if fold(p["id"]).startswith(key) or fold(p["name"]).startswith(key):
            out.append((p["id"], p["name"]))
    return out


def _vocab_completer(vocab: Callable[[Catalog], dict[str, list[str]]]) -> Callable[..., list[str]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            catalog = load(ctx.params.get("data"))
        except FitError:
            return []
        # Lower case: values match case-insensitively, and shells filter by exact prefix.
        return [v.lower() for v in vocab(catalog) if v.lower().startswith(incomplete.lower())]

    return complete


def filter_option(name: str, short: str, help: str, vocab: Callable[[Catalog], dict[str, list[str]]]) -> Any:
    """A repeatable filter of `list`, completing the values of its vocabulary."""
    return typer.Option(
        name, short, metavar=name.lstrip("-").upper(), help=help, autocompletion=_vocab_completer(vocab)
    )


# -- commands -------------------------------------------------------------------------


@app.command(
    "list",
    epilog=(
        "Examples: fitpartners list --domain food | fitpartners list --type chamber --country china | "
        "fitpartners list --domain health --all-sectors --json | fitpartners list --period all. "
        "Filters match an id, a name or a word of a name, ignoring case; repeat a filter for OR, "
        "combine filters for AND. The domain mapping is editorial."
    ),
)
@output_options(PARTNER_COLUMNS)
def list_partners(
    type_: Annotated[
        list[str],
        filter_option("--type", "-t", f"Partner type: {', '.join(TYPE_LABELS)}.", Catalog.type_vocab),
    ] = [],  # noqa: B006
    domain: Annotated[
        list[str],
        filter_option(
            "--domain", "-d", f"Strategic domain: {', '.join(DOMAIN_LABELS)}.", Catalog.domain_vocab
        ),
    ] = [],  # noqa: B006
    country: Annotated[
        list[str],
        filter_option(
            "--country",
            "-c",
            "Partner country of a bilateral chamber: ISO code or name (cn, china).",
            Catalog.country_vocab,
        ),
    ] = [],  # noqa: B006
    all_sectors: Annotated[
        bool,
        typer.Option(
            "--all-sectors",
            help="With --domain: also list the cross-sector partners, which serve every domain.",
        ),
    ] = False,
    period: PeriodOpt = None,
    sort: Annotated[Sort, typer.Option("--sort", help="Order of the rows.")] = Sort.number,
    data: DataOpt = None,
    *,
    out: Output,
) -> None:
    """List partners, filtered by type, domain and country."""
    catalog = load(data)
    selection = catalog.select(
        types=type_, domains=domain, countries=country, period=period, all_sectors=all_sectors
    )
    out.emit(catalog.sort(selection.partners, sort.value))
    if selection.cross_sector_left_out:
        names = ", ".join(p["name"] for p in selection.cross_sector_left_out)
        say(
            f"note: {len(selection.cross_sector_left_out)} cross-sector partners serve every domain "
            f"and are not listed ({names}); add --all-sectors to include them"
        )


@app.command(
    "show",
    epilog=(
        "Examples: fitpartners show Voka | fitpartners show 'flanders bio' | fitpartners show 21 --json | "
        "fitpartners show MEDVIA. NAME is an id, name, alias, full name or number, ignoring case, "
        "accents, spaces and punctuation; no guessing: a miss lists suggestions and exits 1."
    ),
)
@output_options(CARD_COLUMNS)
def show_partner(
    name: Annotated[
        str,
        typer.Argument(
            help="Partner id, name, alias, full name or number.",
            autocompletion=_complete_partner,
            show_default=False,
        ),
    ],
    data: DataOpt = None,
    *,
    out: Output,
) -> None:
    """Show one partner with every field and its sources."""
    catalog = load(data)
    found = catalog.resolve(name)
    if found.note:
        say(f"{name}: {found.note}")
    out.emit(
        [found.partner], single=True, view=lambda views: views.partner_card(catalog, found.partner, out.lang)
    )


@app.command(
    "search",
    epilog=(
        "Examples: fitpartners search chemie | fitpartners search games | "
        "fitpartners search 'internet of things' --json. Searches names, aliases, full names and "
        "both descriptions, ignoring case and accents; name hits first."
    ),
)
@output_options(PARTNER_COLUMNS)
def search_partners(
    text: Annotated[str, typer.Argument(help="Word or phrase to find.", show_default=False)],
    period: PeriodOpt = None,
    data: DataOpt = None,
    *,
    out: Output,
) -> None:
    """Find partners by a word or phrase."""
    found = load(data).search(text, period)
    out.emit(found)
    if not found:
        say(f"no partner matches {text!r}; try a shorter word, or 'fitpartners list --period all'")


@app.command(
    "domains",
    epilog=(
        "Examples: fitpartners domains | fitpartners domains --json | fitpartners domains --lang nl. "
        "Which partner serves which domain is our editorial reading of each description: FIT "
        "assigns none."
    ),
)
@output_options(OVERVIEW_COLUMNS)
def domains_overview(
    period: PeriodOpt = None,
    data: DataOpt = None,
    *,
    out: Output,
) -> None:
    """The five strategic domains with their partners and counts."""
    catalog = load(data)
    rows = catalog.domain_overview(period)
    out.emit(rows, view=lambda views: views.overview(catalog, rows, out.lang, "domain (editorial mapping)"))


@app.command(
    "types", epilog="Examples: fitpartners types | fitpartners types --json | fitpartners types --period all."
)
@output_options(OVERVIEW_COLUMNS)
def types_overview(
    period: PeriodOpt = None,
    data: DataOpt = None,
    *,
    out: Output,
) -> None:
    """The partner types with their partners and counts."""
    catalog = load(data)
    rows = catalog.type_overview(period)
    out.emit(rows, view=lambda views: views.overview(catalog, rows, out.lang, "type"))


@app.command(
    "matrix",
    epilog=(
        "Examples: fitpartners matrix | fitpartners matrix --json | fitpartners matrix --format csv. "
        "Partners down, domains across; the cross-sector partners come last, set apart. The "
        "mapping is editorial."
    ),
)
@output_options(MATRIX_COLUMNS)
def domain_matrix(
    period: PeriodOpt = None,
    data: DataOpt = None,
    *,
    out: Output,
) -> None:
    """Which partner serves which strategic domain, at a glance."""
    catalog = load(data)
    rows = catalog.matrix(period)
    out.emit(rows, view=lambda views: views.matrix(rows, out.lang))


@app.command(
    "history",
    epilog=(
        "Examples: fitpartners history | fitpartners history --json. Between consecutive "
        "partnership rounds: who continued, who joined, who left."
    ),
)
@output_options(HISTORY_COLUMNS)
def round_history(
    data: DataOpt = None,
    *,
    out: Output,
) -> None:
    """Who continued, joined and left between partnership rounds."""
    catalog = load(data)
    rows = catalog.history()
    out.emit(rows, view=lambda views: views.history(catalog, rows))


@app.command(
    "about", epilog="Examples: fitpartners about | fitpartners about --json | fitpartners about --lang nl."
)
def about_programme(
    as_json: JsonOpt = False,
    lang: LangOpt = Lang.en,
    data: DataOpt = None,
) -> None:
    """The programme: strategy, agency, rounds, budget, partner types, sources."""
    catalog = load(data)
    info = catalog.about()
    if as_json:
        print_json(info)
        return
    if not is_terminal():
        pairs = writers.about_pairs(info, lang.value)
        pairs += [("source", writers.source_line(s)) for s in info["sources"]]
        writers.write(writers.plain_pairs(pairs))
        return
    from . import views

    views.show(views.about(info, lang.value))


@app.command(
    "validate",
    epilog=(
        "Examples: fitpartners validate | fitpartners validate my-partners.json --json. "
        "Exit 0 when valid, 1 when not."
    ),
)
def validate_dataset(
    path: Annotated[
        Optional[str],
        typer.Argument(
            help=f"Dataset to check (default: {ENV_DATA} if set, else the bundled one).", show_default=False
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Check a dataset against the schema and report every problem with its location."""
    from .loader import BUNDLED_NAME, bundled_bytes, check, read_file

    path = path or os.environ.get(ENV_DATA) or None
    origin = path or BUNDLED_NAME
    problems = check(read_file(path) if path else bundled_bytes(), origin)
    if as_json:
        print_json({"dataset": origin, "valid": not problems, "problems": problems})
    elif problems:
        writers.write("".join(f"{writers.sanitize(p)}\n" for p in problems))
    else:
        writers.write(f"{writers.sanitize(origin)}: valid\n")
    if problems:
        say(f"{origin}: {len(problems)} problem{'s' if len(problems) > 1 else ''}")
        raise typer.Exit(1)


@app.command(
    "schema",
    epilog=(
        "Example: fitpartners schema > partners.schema.json, then point your editor's JSON "
        "schema setting at it."
    ),
)
def json_schema(
    as_json: Annotated[
        bool, typer.Option("--json", help="Accepted for uniformity: the schema is JSON.")
    ] = False,
) -> None:
    """Print the JSON Schema of the dataset, generated from the models."""
    from .models import json_schema as make_schema

    print_json(make_schema(), always_indent=True)  # read by editors and people, even from a file


def main() -> None:
    """Console-script entry point."""
    app(prog_name=PROG)
