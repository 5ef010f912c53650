"""The command line: commands and their parameters, nothing more.

Data flows one way: cli -> catalog (and search) -> output -> writers/views. The output
policy is in `output`, the mapping from failures to messages and exit codes in `errors`.
"""

import gc
import sys
from typing import Annotated, Any, Literal, Optional

import typer

from . import __version__
from .catalog import Catalog
from .errors import EXIT_CODES_HELP, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, PROG, outcome
from .loader import ENV_DATA, ENV_MAX_BYTES, read_dataset
from .models import PARTNER_FIELDS
from .output import Columns, Format, Lang, Output, prepare_stdout, say
from .results import HistoryStep, MatrixRow
from .vocabulary import DOMAIN_LABELS, TYPE_LABELS, fold

ENV_LANG = "FITPARTNERS_LANG"


def examples(*lines: str) -> str:
    """An epilog whose example lines Click prints one per line ('\\b' stops rewrapping)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


# The app's settings, kept apart so that `command_for` can make the same app with one command.
APP_SETTINGS: dict[str, Any] = dict(
    name=PROG,
    help=(
        "Query the structural partners of Flanders Investment & Trade (FIT): the 21 "
        "federations, clusters, chambers of commerce and business organisations of "
        "2022-2026, tied to 'Vlaanderen Versnelt!'."
    ),
    epilog=(
        examples(
            "fitpartners list --domain food",
            "fitpartners show Voka",
            "fitpartners search chemie",
            "fitpartners list --type chamber --json",
        )
        + f"\n\nEnvironment: {ENV_DATA}, {ENV_LANG}, {ENV_MAX_BYTES}, FITPARTNERS_TODAY. {EXIT_CODES_HELP}"
    ),
    no_args_is_help=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    # Plain Click help: it wraps every description to the terminal instead of cutting it.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app = typer.Typer(**APP_SETTINGS)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"{PROG} {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    if ctx.invoked_subcommand is None:
        # No command: the help, as a usage error, on stderr.
        sys.stderr.write(ctx.get_help() + "\n")
        raise typer.Exit(EXIT_USAGE)


# -- completion ----------------------------------------------------------------------------


def _catalog_for(ctx: typer.Context) -> Catalog | None:
    try:
        return Catalog(read_dataset(ctx.params.get("data")))
    except Exception:  # completion must never print an error into the shell
        return None


def _complete_partner(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    catalog = _catalog_for(ctx)
    if catalog is None:
        return []
    key = fold(incomplete)
    out: list[tuple[str, str]] = []
    for p in catalog.partners:
        for name in p.names():
            if fold(name.text).startswith(key) and not name.text.isdigit():
                out.append((name.text, p.name))
    return out


def _complete_labels(kind: Literal["type", "domain"]) -> Any:
    def complete(incomplete: str) -> list[str]:
        from .filters import accepted_labels

        done, _, last = incomplete.rpartition(",")
        prefix = f"{done}," if done else ""
        return [prefix + v for v in accepted_labels(kind) if fold(v).startswith(fold(last))]

    return complete


def _complete_period(ctx: typer.Context, incomplete: str) -> list[str]:
    catalog = _catalog_for(ctx)
    return [v for v in (catalog.period_ids() if catalog else []) if v.startswith(incomplete)]


# -- shared options -------------------------------------------------------------------------
# Typer has no option groups to share between commands (each command lists its own
# parameters; see https://typer.tiangolo.com/tutorial/options/ ), so every command
# declares the same Annotated aliases below and hands them to `Output`.

FormatOpt = Annotated[
    Optional[Format],
    typer.Option(
        "--format",
        "-f",
        help="Output format, written wherever stdout goes. Default: a table in a terminal, "
        "tab-separated rows in a pipe.",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
JqOpt = Annotated[
    Optional[str],
    typer.Option(
        "--jq",
        metavar="EXPR",
        help="Filter the JSON with a jq expression and print the results, strings raw "
        "(no jq program needed).",
        show_default=False,
    ),
]
LangOpt = Annotated[
    Lang,
    typer.Option(
        "--lang", envvar=ENV_LANG, help="Language of labels, descriptions and headings (JSON carries both)."
    ),
]
LabelsOpt = Annotated[
    bool, typer.Option("--labels", help="In csv and tsv, write the labels of --lang instead of ids.")
]
NoHeadersOpt = Annotated[
    bool, typer.Option("--no-headers", help="Leave out the header row of a table, csv or tsv.")
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No notes on stderr, only errors.")]
DataOpt = Annotated[
    Optional[str],
    typer.Option(
        "--data",
        metavar="PATH",
        help=f"Read this dataset instead of the bundled one (also {ENV_DATA}).",
        show_default=False,
    ),
]
PeriodOpt = Annotated[
    Optional[str],
    typer.Option(
        "--period",
        metavar="ROUND",
        autocompletion=_complete_period,
        help="Partnership round, such as 2022-2026 or 2017-2021, or 'all'. "
        "Default: the latest round that has started.",
        show_default=False,
    ),
]


def fields_option(columns: Columns) -> Any:
    """The --fields option of a command whose records have these columns."""

    def complete(incomplete: str) -> list[str]:
        done, _, last = incomplete.rpartition(",")
        prefix = f"{done}," if done else ""
        return [prefix + f for f in columns.valid if f.startswith(last)]

    return typer.Option(
        "--fields",
        metavar="A,B,...",
        show_default=False,
        autocompletion=complete,
        help=f"Fields to print, comma-separated, in this order. Valid: {', '.join(columns.valid)}. "
        f"Table default: {', '.join(columns.default)}. JSON, csv, tsv default: all.",
    )


PARTNER_COLUMNS = Columns(
    (*PARTNER_FIELDS, "status"), ("number", "name", "type", "domains", "country", "status")
)
SEARCH_COLUMNS = Columns((*PARTNER_COLUMNS.valid, "match"), ("number", "name", "type", "domains", "match"))
OVERVIEW_COLUMNS = Columns(("id", "label", "count", "partners"), ("id", "label", "count", "partners"))
HISTORY_FIELDS = tuple(HistoryStep.model_fields)
HISTORY_COLUMNS = Columns(HISTORY_FIELDS, HISTORY_FIELDS)
MATRIX_FIELDS = tuple(MatrixRow.model_fields)
MATRIX_COLUMNS = Columns(MATRIX_FIELDS, MATRIX_FIELDS)

PartnerFields = Annotated[Optional[str], fields_option(PARTNER_COLUMNS)]
SearchFields = Annotated[Optional[str], fields_option(SEARCH_COLUMNS)]
OverviewFields = Annotated[Optional[str], fields_option(OVERVIEW_COLUMNS)]
HistoryFields = Annotated[Optional[str], fields_option(HISTORY_COLUMNS)]
MatrixFields = Annotated[Optional[str], fields_option(MATRIX_COLUMNS)]


def views() -> Any:
    """The Rich views, imported only when a terminal picture is drawn."""
    from . import views as module

    return module


def load(data: str | None, out: Output) -> Catalog:
    catalog = Catalog(read_dataset(data))
    notice = catalog.ended_notice()
    if notice:
        out.note(notice)
    return catalog


# -- commands -------------------------------------------------------------------------------


@app.command(
    "list",
    short_help="List partners by type, domain, country.",
    epilog=examples(
        "fitpartners list --domain food",
        "fitpartners list --type chamber --country china",
        "fitpartners list -d food,logistics --all-sectors --json",
        "fitpartners list --period all --format csv",
    )
    + "\n\nFilters take ids and every label the tool prints, in English or Dutch, any case; "
    "a comma or a repeated filter means either, different filters mean both. The domain mapping "
    "is editorial.",
)
def list_partners(
    type_: Annotated[
        list[str],
        typer.Option(
            "--type",
            "-t",
            metavar="TYPE",
            help=f"Partner type: {', '.join(TYPE_LABELS)} (or a label).",
            autocompletion=_complete_labels("type"),
        ),
    ] = [],  # noqa: B006
    domain: Annotated[
        list[str],
        typer.Option(
            "--domain",
            "-d",
            metavar="DOMAIN",
            help=f"Strategic domain: {', '.join(DOMAIN_LABELS)} (or a label).",
            autocompletion=_complete_labels("domain"),
        ),
    ] = [],  # noqa: B006
    country: Annotated[
        list[str],
        typer.Option(
            "--country",
            "-c",
            metavar="COUNTRY",
            help="Country of a bilateral chamber: ISO code, English or Dutch name.",
        ),
    ] = [],  # noqa: B006
    all_sectors: Annotated[
        bool, typer.Option("--all-sectors", help="With --domain: also list the cross-sector partners.")
    ] = False,
    sort: Annotated[
        str, typer.Option("--sort", metavar="KEY", help="Order of the rows: number, name or type.")
    ] = "number",
    period: PeriodOpt = None,
    data: DataOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    jq: JqOpt = None,
    fields: PartnerFields = None,
    lang: LangOpt = Lang.en,
    labels: LabelsOpt = False,
    no_headers: NoHeadersOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """List partners, filtered by type, domain and country."""
    out = Output(PARTNER_COLUMNS, fmt=fmt, as_json=as_json, fields=fields, lang=lang, labels=labels,
                 no_headers=no_headers, jq=jq, quiet=quiet)  # fmt: skip
    if sort not in ("number", "name", "type"):
        from .errors import BadValue

        raise BadValue("--sort", sort, ["number", "name", "type"])
    catalog = load(data, out)
    selection = catalog.select(
        types=type_, domains=domain, countries=country, period=period, all_sectors=all_sectors
    )
    records = catalog.records(catalog.sort(selection.partners, sort))
    out.emit(records)
    if selection.cross_sector_left_out and not quiet:
        names = ", ".join(p.name for p in selection.cross_sector_left_out)
        say(
            f"note: {len(selection.cross_sector_left_out)} cross-sector partners serve every domain "
            f"and are not listed ({names}); add --all-sectors to include them"
        )
    if country and not records and not quiet:
        from .countries import country_name

        general = ", ".join(p.name for p in catalog.general_partners(period))
        asked = "; ".join(country_name(c, lang.value) for c in _codes(country))
        say(f"no bilateral chamber for {asked}; the cross-sector partners may help: {general}")


def _codes(countries: list[str]) -> list[str]:
    from .countries import country_code

    return list(dict.fromkeys(country_code(c) for c in countries))


@app.command(
    "show",
    short_help="One partner: facts, status, sources.",
    epilog=examples(
        "fitpartners show Voka",
        "fitpartners show 'flanders bio'",
        "fitpartners show 21 --json",
        "fitpartners show MEDVIA",
    )
    + "\n\nNAME is an id, number, name, alias, full name or former or later name, ignoring case, "
    "accents and punctuation; else a word of one partner's name. Several candidates are listed, exit 1.",
)
def show_partner(
    name: Annotated[
        str,
        typer.Argument(
            help="Partner id, number, name or alias.", autocompletion=_complete_partner, show_default=False
        ),
    ],
    data: DataOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    jq: JqOpt = None,
    fields: PartnerFields = None,
    lang: LangOpt = Lang.en,
    labels: LabelsOpt = False,
    no_headers: NoHeadersOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Show one partner with every field, its present status and its sources."""
    out = Output(PARTNER_COLUMNS, fmt=fmt, as_json=as_json, fields=fields, lang=lang, labels=labels,
                 no_headers=no_headers, jq=jq, quiet=quiet)  # fmt: skip
    catalog = load(data, out)
    found = catalog.resolve(name)
    if found.note and out.terminal and not quiet:
        say(found.note)
    out.emit(
        [catalog.record(found.partner)],
        single=True,
        view=lambda: views().partner_card(catalog, found.partner, out.lang),
    )


@app.command(
    "search",
    short_help="Find the partners for a question.",
    epilog=examples(
        "fitpartners search chemie",
        "fitpartners search kamer van koophandel",
        "fitpartners search food japan --json",
    )
    + "\n\nRanking: a query word matches the start of a word in a partner's names, aliases, "
    "former and later names, type and domain labels, country names (English and Dutch), "
    "descriptions (both languages), events and notes, ignoring case, accents and stop words; "
    "words of 2 or 3 letters match whole words only; a small synonym table adds translations "
    "and inflections. Partners that match more query words come first; among those, a match "
    "in a name or full name weighs 5, in an alias or a former or later name 4, in a label 3, in a "
    "description 2, in an event or note 1; ties go by number. When the query names a domain "
    "or a country, the partners that serve every sector and country come last, marked. The "
    "JSON 'match' object gives each result's score, words and fields.",
)
def search_partners(
    words: Annotated[list[str], typer.Argument(help="Words to find.", show_default=False)],
    period: PeriodOpt = None,
    data: DataOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    jq: JqOpt = None,
    fields: SearchFields = None,
    lang: LangOpt = Lang.en,
    labels: LabelsOpt = False,
    no_headers: NoHeadersOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Find the partners that can help with a question, best first."""
    out = Output(SEARCH_COLUMNS, fmt=fmt, as_json=as_json, fields=fields, lang=lang, labels=labels,
                 no_headers=no_headers, jq=jq, quiet=quiet)  # fmt: skip
    from . import search

    if not search.query_words(words):
        raise typer.BadParameter("give at least one word that is not a stop word", param_hint="WORDS")
    catalog = load(data, out)
    hits = search.search(catalog.in_period(catalog.period(period)), words)
    records = [catalog.search_record(h) for h in hits]
    out.emit(records, empty=f"no partner matches {' '.join(words)!r}")


@app.command(
    "domains",
    short_help="The strategic domains and partners.",
    epilog=examples("fitpartners domains", "fitpartners domains --json --jq '.[].id'"),
)
def domains_overview(
    period: PeriodOpt = None,
    data: DataOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    jq: JqOpt = None,
    fields: OverviewFields = None,
    lang: LangOpt = Lang.en,
    labels: LabelsOpt = False,
    no_headers: NoHeadersOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """The five strategic domains with their partners (an editorial mapping)."""
    out = Output(OVERVIEW_COLUMNS, fmt=fmt, as_json=as_json, fields=fields, lang=lang, labels=labels,
                 no_headers=no_headers, jq=jq, quiet=quiet)  # fmt: skip
    catalog = load(data, out)
    rows = catalog.domain_overview(period)
    out.emit(rows, view=lambda: views().overview(catalog, rows, out.lang, "domain (editorial mapping)"))


@app.command(
    "types",
    short_help="The partner types and partners.",
    epilog=examples("fitpartners types", "fitpartners types --period all --json"),
)
def types_overview(
    period: PeriodOpt = None,
    data: DataOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    jq: JqOpt = None,
    fields: OverviewFields = None,
    lang: LangOpt = Lang.en,
    labels: LabelsOpt = False,
    no_headers: NoHeadersOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """The partner types with their partners and counts."""
    out = Output(OVERVIEW_COLUMNS, fmt=fmt, as_json=as_json, fields=fields, lang=lang, labels=labels,
                 no_headers=no_headers, jq=jq, quiet=quiet)  # fmt: skip
    catalog = load(data, out)
    rows = catalog.type_overview(period)
    out.emit(rows, view=lambda: views().overview(catalog, rows, out.lang, "type"))


@app.command(
    "matrix",
    short_help="Partners by domain, at a glance.",
    epilog=examples("fitpartners matrix", "fitpartners matrix --format csv"),
)
def domain_matrix(
    period: PeriodOpt = None,
    data: DataOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    jq: JqOpt = None,
    fields: MatrixFields = None,
    lang: LangOpt = Lang.en,
    labels: LabelsOpt = False,
    no_headers: NoHeadersOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Which partner serves which strategic domain, at a glance (editorial)."""
    out = Output(MATRIX_COLUMNS, fmt=fmt, as_json=as_json, fields=fields, lang=lang, labels=labels,
                 no_headers=no_headers, jq=jq, quiet=quiet)  # fmt: skip
    catalog = load(data, out)
    rows = catalog.matrix(period)
    out.emit(rows, view=lambda: views().matrix(rows, out.lang))


@app.command(
    "history",
    short_help="Who joined, continued, left.",
    epilog=examples("fitpartners history", "fitpartners history --json"),
)
def round_history(
    data: DataOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    jq: JqOpt = None,
    fields: HistoryFields = None,
    lang: LangOpt = Lang.en,
    labels: LabelsOpt = False,
    no_headers: NoHeadersOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Who continued, joined and left between each two adjacent rounds."""
    out = Output(HISTORY_COLUMNS, fmt=fmt, as_json=as_json, fields=fields, lang=lang, labels=labels,
                 no_headers=no_headers, jq=jq, quiet=quiet)  # fmt: skip
    catalog = load(data, out)
    rows = catalog.history()
    out.emit(rows, view=lambda: views().history(catalog, rows), empty="only one round in the dataset")


@app.command(
    "about",
    short_help="The programme, rounds and sources.",
    epilog=examples("fitpartners about", "fitpartners about --json --jq '.rounds[-1].ends_on'"),
)
def about_programme(
    data: DataOpt = None,
    as_json: JsonOpt = False,
    jq: JqOpt = None,
    lang: LangOpt = Lang.en,
    quiet: QuietOpt = False,
) -> None:
    """The programme: agency, strategy, rounds with their dates, partner types, sources."""
    out = Output(Columns((), ()), as_json=as_json, jq=jq, lang=lang, quiet=quiet)
    catalog = load(data, out)
    info = catalog.about()
    if out.is_json:
        out.json_value(info)
        return
    from .writers import about_lines

    pairs = about_lines(info, lang.value)
    if not out.terminal:
        from .writers import pairs_text, source_line, write

        write(pairs_text([*pairs, *(("source", source_line(s)) for s in info.sources)]))
        return
    from . import views

    views.show(views.about(info, pairs))


@app.command(
    "validate",
    short_help="Check a dataset; list every problem.",
    epilog=examples(
        "fitpartners validate",
        "fitpartners validate my-partners.json --json",
        "cat my-partners.json | fitpartners validate -",
    )
    + "\n\nExit 0 when valid, 1 when not.",
)
def validate_dataset(
    path: Annotated[
        Optional[str],
        typer.Argument(
            help=f"Dataset to check, '-' for stdin. Default: {ENV_DATA} if set, else the bundled one.",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Report at most this many problems.")] = 50,
    as_json: JsonOpt = False,
    jq: JqOpt = None,
) -> None:
    """Check a dataset against the schema and the cross-record rules; report every problem."""
    import os

    from .loader import problems, read_bytes
    from .results import Validation

    out = Output(Columns((), ()), as_json=as_json, jq=jq)
    data, origin = read_bytes(path or os.environ.get(ENV_DATA) or None)
    _, found = problems(data)
    result = Validation(
        dataset=origin, valid=not found, problems=found[:limit], more=max(0, len(found) - limit)
    )
    if out.is_json:
        out.json_value(result)
    else:
        from .writers import sanitize, write

        lines = [f"{origin}: {p}" for p in result.problems]
        if result.more:
            lines.append(f"{origin}: and {result.more} more")
        write("".join(f"{sanitize(line)}\n" for line in lines) if found else f"{sanitize(origin)}: valid\n")
    if found:
        say(f"{origin}: {len(found)} problem{'s' if len(found) > 1 else ''}")
        raise typer.Exit(1)


@app.command(
    "schema",
    short_help="JSON Schema of the data or output.",
    epilog=examples("fitpartners schema > partners.schema.json", "fitpartners schema --output partner"),
)
def json_schema(
    shape: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="SHAPE",
            help="Whose schema: dataset (the data file), or a command's JSON records: partner, search, "
            "overview, matrix, history, about, validate.",
        ),
    ] = "dataset",
    as_json: Annotated[
        bool, typer.Option("--json", help="Accepted for uniformity: the schema is JSON.")
    ] = False,
    jq: JqOpt = None,
) -> None:
    """Print a JSON Schema generated from the models: of the dataset, or of a command's output."""
    from .errors import BadValue
    from .models import json_schema as dataset_schema
    from .results import OUTPUT_SHAPES

    if shape not in OUTPUT_SHAPES:
        raise BadValue("--output", shape, list(OUTPUT_SHAPES))
    schema = (
        dataset_schema()
        if shape == "dataset"
        else OUTPUT_SHAPES[shape].model_json_schema(mode="serialization")
    )
    out = Output(Columns((), ()), jq=jq)
    out.terminal = True  # read by editors and people: indented even into a file
    out.json_value(schema)


def command_for(argv: list[str]) -> Any:
    """The Click command that runs `argv`: the app with only the command that argv[0]
    names, else the whole app (for --help, --version, a mistyped command, completion).

    Typer turns the parameters of every registered command into Click objects when it
    builds an app; a run uses one command. The first build in a process took 3.66 ms for
    the whole app, 0.81 ms for the app with `show` alone, 0.96 ms with `list` alone
    (time.perf_counter after Typer had run a command, median of 25 alternating processes,
    compiled package). Typer has no lazily loaded commands of its own; the one-command app
    has the same settings, callback and command, so its help, usage errors and results are
    the whole app's (tests/test_contract.py compares them)."""
    chosen = [c for c in app.registered_commands if argv and c.name == argv[0]]
    if not chosen:
        return typer.main.get_command(app)
    one = typer.Typer(**APP_SETTINGS)
    one.registered_callback = app.registered_callback
    one.registered_commands = chosen
    return typer.main.get_command(one)


def run(argv: list[str] | None = None) -> int:
    """Run the app; every failure becomes one line on stderr and an exit code."""
    prepare_stdout(False)  # text for people degrades in a non-UTF-8 locale; machine formats switch to UTF-8
    command = command_for(argv or [])
    # A run is short and its objects (the models of the dataset, the records printed) live
    # until it ends and form few reference cycles, so refcounting frees what is dropped. The
    # cyclic collector would only re-scan them, again and again as they grow: at 100,000
    # partners `list --json` took 12.0 s with it on after loading (as it was: off only while
    # the models were built) and 7.8 s with it off throughout, at the same peak memory
    # (1.25 GB; /usr/bin/time, dev install, before the JSON fast path; benchmarks/scale.py
    # measures the whole today).
    collecting = gc.isenabled()
    gc.disable()
    try:
        # Not standalone: Click returns an exit code or raises, and we report.
        returned = command.main(args=argv, prog_name=PROG, standalone_mode=False)
    except SystemExit as done:  # shell completion exits by itself
        return done.code if isinstance(done.code, int) else EXIT_OK
    except typer.Abort:  # Click's name for Ctrl-C while it runs a command
        return _report(KeyboardInterrupt())
    except BaseException as exc:  # the one place that reports failures  # noqa: BLE001
        ctx = getattr(exc, "ctx", None)
        return _report(exc, ctx.command_path if ctx is not None else PROG)
    finally:
        if collecting:
            gc.enable()
    if returned == EXIT_INTERRUPTED:  # Typer turns Ctrl-C inside a command into a silent Exit(130)
        return _report(KeyboardInterrupt())
    return returned if isinstance(returned, int) else EXIT_OK


def _report(exc: BaseException, where: str = PROG) -> int:
    result = outcome(exc, where)
    if result.message:
        say(result.message)
    return result.code
