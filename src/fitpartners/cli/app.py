"""The command line: each command's own parameters and its domain work, nothing more.

A command body asks the catalog and returns a result; `options.command` declares the
shared options, loads the catalog and renders the result (output.render). Data flows one
way: cli -> options -> catalog (and search) -> output.
"""

import contextlib
import functools
import os
import sys
from typing import Annotated, Any, Optional

import typer

from .. import __version__
from ..catalog import Catalog
from ..dataset.loader import ENV_DATA, ENV_MAX_BYTES, duplicate_keys, named_by_variable, problems, read_bytes
from ..dataset.loader import _quoted as quoted_path
from ..dataset.models import PARTNER_FIELDS, kind_counts
from ..dataset.models import json_schema as dataset_schema
from ..errors import (
    EXIT_CODES_HELP,
    EXIT_USAGE,
    PROG,
    BadValue,
    FitError,
    StreamError,
    UsageError,
    interrupted_in,
)
from ..labels import DOMAIN_LABELS, TYPE_LABELS, fold
from ..language import ENV_LANG, N_, choose, translate
from ..messages import Msg, Plural, Whole, in_lang, say_in
from ..output.render import (
    Card,
    Columns,
    Document,
    Listing,
    Notice,
    field_named,
    prepare_stdout,
    say,
    valid_names,
)
from ..output.stream import patient_stdout, sanitize, write
from ..output.text import about_lines, card_text, pairs_text, source_line
from ..results import OUTPUT_SHAPES, HistoryStep, MatrixRow, Validation
from ..search.countries import country_codes, no_chamber_note
from . import complete, patches
from .complete import SORT_KEYS, Item
from .files import write_new
from .options import (
    COLUMNS_OF,
    DOCUMENT,
    ENV_TODAY,
    catalog_for_completion,
    command,
    data_path,
    examples,
    say_help_in,
)
from .report import report

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
        + f"\n\nEnvironment: {ENV_DATA}, {ENV_LANG}, {ENV_MAX_BYTES}, {ENV_TODAY}. {EXIT_CODES_HELP}"
    ),
    no_args_is_help=False,
    invoke_without_command=True,
    # --install-completion and --show-completion are ours (_root): the installer writes a
    # user's files whole or not at all, and both take the shell's name.
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain Click help: it wraps every description to the terminal instead of cutting it.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app = typer.Typer(**APP_SETTINGS)


def _version(value: bool) -> None:
    if value:
        write(f"{PROG} {__version__}\n")
        raise typer.Exit()


# -- completion scripts: --install-completion and --show-completion ---------------------------

INSTALL_SHELLS = ("bash", "zsh", "fish")
# Typer's parser has no option whose value may be left out: `run` gives these an empty value
# when none follows ("fitpartners --install-completion"), which names the shell this runs in.
OPTIONAL_VALUE = ("--install-completion", "--show-completion")


def with_optional_values(argv: list[str]) -> list[str]:
    """`argv` with OPTIONAL_VALUE options among the root's options (before the command)
    given an empty value where no value follows them."""
    out = list(argv)
    for at, arg in enumerate(out):
        if not arg.startswith("-") or arg == "--":
            break  # the command: what follows is its own
        if arg in OPTIONAL_VALUE and (at + 1 == len(out) or out[at + 1].startswith("-")):
            out[at] = f"{arg}="
    return out


def _root_lang() -> str:
    """The language of what the root's options say: FITPARTNERS_LANG, else the locale's
    (the root has no --lang)."""
    return choose(None).lang


def given_lang(argv: list[str]) -> str | None:
    """The value of the last --lang in `argv` (before a '--'), as Click will read it; None
    when there is none. What a run says before Click has parsed it (help, usage errors) is
    in the language it names."""
    given = None
    for at, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and at + 1 < len(argv):
            given = argv[at + 1]
        elif arg.startswith("--lang="):
            given = arg.removeprefix("--lang=")
    return given


def _chosen_shell(value: str, option: str, valid: tuple[str, ...]) -> tuple[str, bool]:
    """The shell named after `option`, else the one this runs in (as Typer detects it);
    and whether it was detected."""
    name = value.strip().lower()
    if name:
        if name not in valid:
            raise BadValue(option, value, list(valid))
        return name, False
    detected = patches.detect_shell()
    if detected in valid:
        return str(detected), True
    if detected is None:
        raise UsageError(
            Msg(
                "cannot tell which shell this runs in; name one after {option} (valid: {values})",
                option=option,
                values=", ".join(valid),
            )
        )
    raise UsageError(
        Msg(
            "no completion for {shell}, the shell this runs in; name one after {option} (valid: {values})",
            shell=detected,
            option=option,
            values=", ".join(valid),
        )
    )


def _install_completion(value: str | None) -> None:
    if value is None:
        return
    lang = _root_lang()
    try:
        shell, detected = _chosen_shell(value, "--install-completion", INSTALL_SHELLS)
        # Door: the installer (fcntl, secrets, the writes), only for --install-completion.
        from .install import install

        if detected:
            say(Msg("no shell named: installing for {shell}, the shell this runs in", shell=shell), lang)
        done, notes = install(shell)
    except FitError as exc:
        exc.lang = lang
        raise
    for note in notes:
        say(note, lang)
    sys.stdout.write(f"{sanitize(done.in_lang(lang))}\n")
    raise typer.Exit()


def _show_completion(value: str | None) -> None:
    if value is None:
        return
    try:
        shell, _ = _chosen_shell(value, "--show-completion", patches.COMPLETION_SHELLS)
    except FitError as exc:
        exc.lang = _root_lang()
        raise
    sys.stdout.write(patches.completion_script(PROG, shell) + "\n")
    raise typer.Exit()


def _shells(valid: tuple[str, ...]) -> patches.Complete:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        return [s for s in valid if s.startswith(incomplete.lower())]

    return complete


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    install_completion: Annotated[
        Optional[str],
        typer.Option(
            "--install-completion",
            metavar="[SHELL]",
            callback=_install_completion,
            expose_value=False,
            show_default=False,
            help="Install completion for the shell this runs in, or for the one named: bash, zsh or fish.",
        ),
    ] = None,
    show_completion: Annotated[
        Optional[str],
        typer.Option(
            "--show-completion",
            metavar="[SHELL]",
            callback=_show_completion,
            expose_value=False,
            show_default=False,
            help="Print the completion script of the shell this runs in, or of the one named, "
            "to copy it or customize the installation.",
        ),
    ] = None,
) -> None:
    if ctx.invoked_subcommand is None:
        # No command: the help, as a usage error, on stderr (if anyone is listening).
        if sys.stderr is not None:
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.write(ctx.get_help() + "\n")
        raise typer.Exit(EXIT_USAGE)


# -- completion of command arguments ---------------------------------------------------------

# Each completable parameter -> the kind of values it offers (cli/complete_values.py); the
# short path of completion reads the same map from the table generated from this tree.
COMPLETES = {
    "name": "partner",
    "type_": "type",
    "domain": "domain",
    "country": "country",
    "sector": "sector",
    "sort": "sort",
    "shape": "shape",
    "period": "period",
    "fmt": "format",
    "lang": "lang",
    "fields": "fields",
    "data": "files",  # --data
    "path": "files",  # init's and validate's PATH
}


def completion_values(kind: str, catalog: Catalog | None, lang: str) -> tuple[list[Item], list[str]]:
    """The values of `kind` in `lang` (and those shown first when there are many), from
    `catalog` where they come from a dataset."""
    # Door: the builders (the filters' vocabularies, the country index), for a TAB only.
    from . import complete_values

    if kind == "files":
        return [], []  # the shell's own (complete.FILES)
    made = complete_values.static(kind, lang)
    if made is not None:
        return made, []
    if kind.startswith("fields:"):
        return complete_values.fields(COLUMNS_OF[kind.removeprefix("fields:")].valid), []
    if catalog is None:
        return [], []
    if kind == "partner":
        return complete_values.partners(catalog), []
    if kind == "period":
        return complete_values.periods(catalog), []
    return complete_values.countries(catalog, lang)


def _completer(kind: str) -> patches.Complete:
    def values_for(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        if kind == "files":
            return [(complete.FILES, "")]
        chosen = ctx.params.get("lang")
        lang = choose(chosen if isinstance(chosen, str) else None).lang
        catalog = catalog_for_completion(ctx) if kind in ("partner", "period", "country") else None
        values, first = completion_values(kind, catalog, lang)
        return complete.offer(kind, incomplete, values, first, lang=lang)

    return values_for


# -- columns -----------------------------------------------------------------------------------

PARTNER_COLUMNS = Columns(
    (*PARTNER_FIELDS, "status"), ("number", "name", "type", "domains", "country", "status")
)
SEARCH_COLUMNS = Columns(
    (*PARTNER_COLUMNS.valid, "rank", "match"),
    ("rank", "number", "name", "type", "domains", "status", "match"),
)
OVERVIEW_COLUMNS = Columns(("id", "label", "count", "partners"), ("id", "label", "count", "partners"))
HISTORY_FIELDS = tuple(HistoryStep.model_fields)
HISTORY_COLUMNS = Columns(HISTORY_FIELDS, HISTORY_FIELDS)
MATRIX_FIELDS = tuple(MatrixRow.model_fields)
MATRIX_COLUMNS = Columns(MATRIX_FIELDS, MATRIX_FIELDS)


# -- commands -------------------------------------------------------------------------------


@command(
    app,
    "list",
    columns=PARTNER_COLUMNS,
    short_help="List partners by type, domain, country.",
    epilog=examples(
        "fitpartners list --domain food",
        "fitpartners list --type chamber --country china",
        "fitpartners list -d food,logistics --all-sectors --json",
        "fitpartners list --sector electronics",
        "fitpartners list --period all --format csv",
    )
    + "\n\nFilters take ids and every label the tool prints, in English or Dutch, any case; "
    "a comma or a repeated filter means either, different filters mean both. The domain mapping "
    "is editorial.",
)
def list_partners(
    catalog: Catalog,
    type_: Annotated[
        list[str],
        typer.Option(
            "--type",
            "-t",
            metavar="TYPE",
            help=f"Partner type: {', '.join(TYPE_LABELS)} (or a label).",
        ),
    ] = [],  # noqa: B006
    domain: Annotated[
        list[str],
        typer.Option(
            "--domain",
            "-d",
            metavar="DOMAIN",
            help=f"Strategic domain: {', '.join(DOMAIN_LABELS)} (or a label).",
        ),
    ] = [],  # noqa: B006
    country: Annotated[
        list[str],
        typer.Option(
            "--country",
            "-c",
            metavar="COUNTRY",
            help="Country of a bilateral chamber: ISO 3166 code, English or Dutch name.",
        ),
    ] = [],  # noqa: B006
    sector: Annotated[
        list[str],
        typer.Option(
            "--sector",
            "-s",
            metavar="SECTOR",
            help="Sector a partner covers (editorial): an id such as food-drink, "
            "or its English or Dutch label.",
        ),
    ] = [],  # noqa: B006
    all_sectors: Annotated[
        bool,
        typer.Option("--all-sectors", help="With --domain or --sector: also list the cross-sector partners."),
    ] = False,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            metavar="KEY",
            show_default=False,
            help=f"Order of the rows: {', '.join(SORT_KEYS)}. Default: number.",
        ),
    ] = "number",
    period: str | None = None,
    lang: str = "en",
) -> Listing:
    """List partners, filtered by type, domain and country."""
    # A field's name or heading, in any language ('naam'); not fold():
    # '-name' is no key (nor a descending order).
    key = field_named(sort, SORT_KEYS)
    if key is None:
        raise BadValue("--sort", sort, valid_names(SORT_KEYS, lang))
    chosen = catalog.select(
        type=type_, domain=domain, country=country, sector=sector, period=period, all_sectors=all_sectors
    )
    notes = []
    if chosen.cross_sector_left_out:
        names = ", ".join(p.name for p in chosen.cross_sector_left_out)
        notes.append(
            Notice(
                Plural(
                    "note: {count} cross-sector partner serves every sector and is not listed ({names}); "
                    "add --all-sectors to include it",
                    "note: {count} cross-sector partners serve every sector and are not listed ({names}); "
                    "add --all-sectors to include them",
                    len(chosen.cross_sector_left_out),
                    count=len(chosen.cross_sector_left_out),
                    names=names,
                )
            )
        )
    # Each country asked for that the round has no chamber for at all, whatever the list
    # shows for the others: a chamber that another filter left out (--type cluster) exists.
    codes: list[str] = []
    no_chamber: list[str] = []
    if country:
        codes = sorted(country_codes(country))
        no_chamber = [c for c in codes if not catalog.select(country=c, period=period)]
        helpers = catalog.cross_sector_partners(period) if no_chamber else []
        cross_sector = [p.name_and_regions() for p in helpers]
        notes += [Notice(no_chamber_note(c, cross_sector)) for c in no_chamber]
    # Where no country asked for has a chamber, that is said alone: "no partner matches"
    # would add nothing.
    alone = bool(no_chamber) and no_chamber == codes
    records = catalog.printed(catalog.sort(chosen, key))
    # With no chamber, its note says why nothing is listed: no "no partner matches" as well.
    return Listing(records, PARTNER_COLUMNS, empty="" if alone else Msg("no partner matches"), notes=notes)


@command(
    app,
    "show",
    columns=PARTNER_COLUMNS,
    card=True,
    short_help="One partner: facts, status, sources.",
    epilog=examples(
        "fitpartners show Voka",
        "fitpartners show 'flanders bio'",
        "fitpartners show 21 --json",
        "fitpartners show MEDVIA",
    )
    + "\n\nNAME is an id, number, name, alias, full name or former or later name, ignoring case, "
    "accents and punctuation ('&' and 'and' alike); else a word of one partner's name. Several "
    "candidates are listed, exit 1.",
)
def show_partner(
    catalog: Catalog,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="Partner id, number, name or alias.",
            show_default=False,
        ),
    ],
) -> Card:
    """Show one partner with every field, its present status and its sources."""
    found = catalog.resolve(name)
    p, status = found.partner, catalog.status(found.partner)
    names = {q.id: q.name for q in catalog.all_partners}
    now = catalog.by_id.get(status.partner or "")
    return Card(
        catalog.record(p),
        PARTNER_COLUMNS,
        text=lambda lang: card_text(p, status, lang, names, catalog.sources, catalog.continued_by(p), now),
        view=lambda views, lang: views.partner_card(catalog, p, lang),
        notes=[Notice(found.note, people_only=True)] if found.note else [],
    )


@command(
    app,
    "search",
    columns=SEARCH_COLUMNS,
    short_help="Find the partners for a question.",
    epilog=examples(
        "fitpartners search chemie",
        "fitpartners search kamer van koophandel",
        "fitpartners search food japan --json",
    )
    + "\n\nRanking: a query word matches a whole word of a partner's names, labels, what it "
    "covers, descriptions, events and notes, or a word with the same Dutch or English stem, or a "
    "part of a compound; a fragment that is no word matches the start of a word; a word no list "
    "knows may be read through a typo. A place abroad is read as its country; a place in "
    "Belgium selects only the partners that serve it. Coverage, sectors, names, countries and "
    "services are strong evidence, labels and descriptions medium, events and notes never "
    "enough alone; question words and the words of our own names weigh nothing. Partners that "
    "truly tie share a rank. When nothing is found, stderr names the words that found nothing "
    "and where to turn (with --json too). The match column says why each partner was found; "
    "--json gives every word's evidence (--jq '.[].match.why').",
)
def search_partners(
    catalog: Catalog,
    words: Annotated[
        list[str], typer.Argument(metavar="WORDS...", help="Words to find.", show_default=False)
    ],
    period: str | None = None,
) -> Listing:
    """Find the partners that can help with a question, best first."""
    answer = catalog.answer(words, period=period)
    notes = [Notice(n) for n in answer.notes]
    if not answer.hits:  # said in every format, JSON on stderr too ([] on stdout); --quiet hides it
        # Last: the notes before it (a place not searched for) say why.
        said = _nothing_found(catalog, " ".join(words), answer.nearest, answer.lost, answer.away)
        notes.append(Notice(said))
    return Listing([catalog.search_record(h) for h in answer.hits], SEARCH_COLUMNS, empty="", notes=notes)


def _nothing_found(
    catalog: Catalog,
    asked: str,
    nearest: list[str],
    lost: list[str] | None = None,
    away: list[str] | None = None,
) -> Msg:
    """One line on what to try when a question found nothing: the words that found
    nothing, close words, the partners for every sector (but those `away`: of one region,
    not the place asked from) and FIT itself."""
    cross_sector = [p for p in catalog.cross_sector_partners() if p.id not in (away or [])]
    agency = catalog.dataset.programme.agency
    return Msg(
        N_("nothing found for {words}{nearest}{cross_sector}{agency}")
        if lost
        else N_("no partner matches {asked!r}{nearest}{cross_sector}{agency}"),
        words=", ".join(map(repr, lost or [])),
        asked=asked,
        nearest=Msg("; did you mean: {words}?", words=", ".join(nearest)) if nearest else "",
        cross_sector=(
            Msg(
                "; the partners for every sector: {names}",
                names=", ".join(p.name_and_regions() for p in cross_sector),
            )
            if cross_sector
            else ""
        ),
        agency=(
            Msg("; or ask {agency} itself: {website}", agency=agency.abbreviation, website=agency.website)
            if agency.website
            else ""
        ),
    )


@command(
    app,
    "domains",
    columns=OVERVIEW_COLUMNS,
    short_help="The strategic domains and partners.",
    epilog=examples("fitpartners domains", "fitpartners domains --json --jq '.[].id'"),
)
def domains_overview(catalog: Catalog, period: str | None = None) -> Listing:
    """The five strategic domains with their partners (an editorial mapping)."""
    rows = catalog.overview("domain", period)
    return Listing(
        rows,
        OVERVIEW_COLUMNS,
        view=lambda views, lang: views.overview(catalog, rows, lang, N_("domain (editorial mapping)")),
    )


@command(
    app,
    "types",
    columns=OVERVIEW_COLUMNS,
    short_help="The partner types and partners.",
    epilog=examples("fitpartners types", "fitpartners types --period all --json"),
)
def types_overview(catalog: Catalog, period: str | None = None) -> Listing:
    """The partner types with their partners and counts."""
    rows = catalog.overview("type", period)
    return Listing(
        rows, OVERVIEW_COLUMNS, view=lambda views, lang: views.overview(catalog, rows, lang, "type")
    )


@command(
    app,
    "matrix",
    columns=MATRIX_COLUMNS,
    short_help="Partners by domain, at a glance.",
    epilog=examples("fitpartners matrix", "fitpartners matrix --format csv"),
)
def domain_matrix(catalog: Catalog, period: str | None = None) -> Listing:
    """Which partner serves which strategic domain, at a glance (editorial)."""
    rows = catalog.matrix(period)
    return Listing(rows, MATRIX_COLUMNS, view=lambda views, lang: views.matrix(rows, lang))


@command(
    app,
    "history",
    columns=HISTORY_COLUMNS,
    short_help="Who joined, continued, left.",
    epilog=examples("fitpartners history", "fitpartners history --json"),
)
def round_history(catalog: Catalog) -> Listing:
    """Who continued, joined and left between each two adjacent rounds."""
    rows = catalog.history()
    return Listing(
        rows,
        HISTORY_COLUMNS,
        view=lambda views, lang: views.history(catalog, rows, lang),
        empty=Msg("only one round in the dataset"),
    )


@command(
    app,
    "about",
    options=DOCUMENT,
    short_help="The programme, rounds and sources.",
    epilog=examples(
        "fitpartners about",
        "fitpartners about --full",
        "fitpartners about --json --jq '.rounds[-1].ends_on'",
    ),
)
def about_programme(
    catalog: Catalog,
    full: Annotated[
        bool,
        typer.Option("--full", help="Also the rounds' notes, the agency's changes and every source."),
    ] = False,
) -> Document:
    """The programme: agency, strategy, rounds with their dates, partner types; its sources
    with --full. JSON has everything."""
    info = catalog.about()
    sources = info.sources if full else []
    return Document(
        info,
        text=lambda lang: pairs_text(
            [*about_lines(info, lang, full), *((say_in(lang, "source"), source_line(s)) for s in sources)]
        ),
        view=lambda views, lang: views.about(info, about_lines(info, lang, full), lang, full),
    )


@command(
    app,
    "validate",
    options=("as_json", "jq", "lang"),
    short_help="Check a dataset; list every problem.",
    epilog=examples(
        "fitpartners validate",
        "fitpartners init my-partners.json",
        "fitpartners validate my-partners.json --json",
        "cat my-partners.json | fitpartners validate -",
    )
    + "\n\nExit 0 when valid, 1 when not.",
)
def validate_dataset(
    path: Annotated[
        Optional[str],
        typer.Argument(
            metavar="[PATH]",
            help=f"Dataset to check, '-' for stdin. Default: {ENV_DATA} if set, else the bundled one.",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        str,
        typer.Option(
            "--limit", metavar="N", help="List at most N problems, N from 1 (all are counted). Default: 50."
        ),
    ] = "50",
) -> Document:
    """Check a dataset against the schema and the cross-record rules; report every problem."""
    # Door: the vocabulary's models are built on import; only validate and search need them.
    from ..search.vocabulary import search_data_problems

    # Read here, not by Typer: its message for a value that is no number is pydantic's, in English.
    most = int(limit) if limit.strip().isdigit() and limit.strip().isascii() else 0
    if most < 1:
        raise BadValue("--limit", limit, Msg("a whole number from 1"))
    chosen = data_path(path, "PATH") or os.environ.get(ENV_DATA) or None
    with named_by_variable(not path and chosen is not None):
        data, origin = read_bytes(chosen)
    dataset, found = problems(data)
    found = duplicate_keys(data) + found + search_data_problems(dataset)
    result = Validation(
        dataset=origin,
        valid=not found,
        problems=found[:most],
        more=max(0, len(found) - most),
        sources_by_kind=kind_counts(dataset.sources) if dataset is not None else None,
    )

    def text(lang: str) -> str:
        if not found:
            return sanitize(say_in(lang, "{origin}: valid", origin=origin)) + "\n"
        lines = [f"{origin}: {in_lang(p, lang)}" for p in found[:most]]  # Msgs: the model keeps str
        if result.more:
            lines.append(say_in(lang, "{origin}: and {count} more", origin=origin, count=result.more))
        return "".join(f"{sanitize(line)}\n" for line in lines)

    counted = Plural(
        "{origin}: {count} problem", "{origin}: {count} problems", len(found), origin=origin, count=len(found)
    )
    return Document(result, text=text, exit_code=1 if found else 0, notes=[Notice(counted)] if found else [])


@command(
    app,
    "init",
    options=("lang", "quiet"),
    short_help="Write the bundled dataset to a file.",
    epilog=examples(
        "fitpartners init my-partners.json",
        "fitpartners validate my-partners.json",
        "fitpartners list --data my-partners.json",
        "fitpartners init my-partners.json --force",
    )
    + "\n\nA start for your own data: edit the file, check it with validate, use it with --data or "
    f"{ENV_DATA}. The file is written whole or not at all; one that exists is kept unless --force.",
)
def init_dataset(
    path: Annotated[str, typer.Argument(metavar="PATH", help="The file to write.", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Replace PATH if it exists.")] = False,
) -> Document:
    """Write the bundled dataset to PATH, as a start for your own data."""
    data, _ = read_bytes(None)
    write_new(data_path(path, "PATH") or path, data, force=force)
    done = Msg(
        "wrote {path}: the bundled dataset; check your changes with: {command}",
        path=path,
        command=Whole(f"fitpartners validate {quoted_path(path)}"),
    )
    return Document(None, text=lambda lang: "", notes=[Notice(done)])


@command(
    app,
    "schema",
    options=("as_json", "jq"),
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
) -> Document:
    """Print a JSON Schema generated from the models: of the dataset, or of a command's output."""
    key = fold(shape)
    if key not in OUTPUT_SHAPES:
        raise BadValue("--output", shape, list(OUTPUT_SHAPES))
    schema = (
        dataset_schema() if key == "dataset" else OUTPUT_SHAPES[key].model_json_schema(mode="serialization")
    )
    # Read by editors and people: indented even into a file.
    return Document(schema, indent=True)


@functools.cache
def command_tree(name: str | None = None, lang: str = "en") -> Any:
    """The Click group Typer builds from `app`, with arguments shown by their metavars
    (NAME, WORDS..., [PATH]) and never by a Python type ('<list[str]>'), and completions
    matched without case and accents. Built once per process and name.

    `name`: the group with that command only, the same settings and callback. A run uses
    one command, and Typer turns the parameters of every command it registers into Click
    objects when it builds a group: most of what a run spends in Typer (docs/performance.md).
    Any other name, or None: every command, each built when it is first asked for (help
    builds them all; completing `show vo<TAB>` only `show`; `--version` none), for help,
    --version, completion and a mistyped command. A test compares the two on help, usage
    errors and results.

    `lang`: the help of every command and parameter in that language (options.say_help_in)."""
    chosen = [c for c in app.registered_commands if c.name == name]
    if not chosen:
        whole = patches.group(APP_SETTINGS, app, [])
        say_help_in(whole, lang)
        whole.commands = patches.LazyCommands(
            [c.name for c in app.registered_commands if c.name], lambda n: command_tree(n, lang).commands[n]
        )
        # The root's options are used (and completed) before any command name: here only.
        shells = {"install_completion": INSTALL_SHELLS, "show_completion": patches.COMPLETION_SHELLS}
        for param in whole.params:
            if param.name in shells:
                patches.complete_with(param, _shells(shells[param.name]))
        return whole
    # Completion of the commands' own values is attached here, once.
    one = patches.group(APP_SETTINGS, app, chosen)
    say_help_in(one, lang)
    say_help_in(one.commands[name], lang)
    for param in one.commands[name].params:
        kind = COMPLETES.get(param.name)
        if kind is not None:
            patches.complete_with(param, _completer(f"fields:{name}" if kind == "fields" else kind))
        if param.param_type_name == "argument":
            patches.show_by_metavar(param)
    return one


def run(argv: list[str] | None = None) -> int:
    """Run the app; every failure becomes one line on stderr and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    # The language of help and usage errors, before Click parses (a command decides its own
    # again from its parsed --lang, and refuses a bad one).
    lang = choose(given_lang(args)).lang
    if sys.stdout is None:  # started with stdout closed (`fitpartners list >&-`)
        closed = StreamError("stdout", Msg("it is closed"))
        closed.lang = lang
        return report(closed, lang=lang)
    patient_stdout()  # a non-blocking stdout is waited for, whoever writes to it
    prepare_stdout(False)  # text for people degrades in a non-UTF-8 locale; machine formats switch to UTF-8
    patches.speak(functools.partial(translate, lang))
    interrupted_in(lang)
    try:
        # Not standalone: Click returns an exit code or raises, and we report.
        args = with_optional_values(args)
        tree = command_tree(args[0] if args else None, lang)
        returned = tree.main(args=args, prog_name=PROG, standalone_mode=False)
    except SystemExit as done:  # shell completion exits by itself
        return done.code if isinstance(done.code, int) else 0
    except typer.Abort:  # Click's name for Ctrl-C while it runs a command
        return report(KeyboardInterrupt(), lang=lang)
    except BaseException as exc:  # the one place that reports failures  # noqa: BLE001
        ctx = getattr(exc, "ctx", None)
        return report(exc, ctx.command_path if ctx is not None else PROG, lang)
    if returned == 130:  # Typer turns Ctrl-C inside a command into a silent Exit(130)
        return report(KeyboardInterrupt(), lang=lang)
    return returned if isinstance(returned, int) else 0
