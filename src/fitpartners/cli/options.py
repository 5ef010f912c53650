"""The options every command shares, declared once, and the decorator that gives them to a
command (as sqlite-utils' `output_options`).

A command body declares only its own parameters, plus, by name, any shared option it
needs to read (`period`, `lang`, ...) and `catalog` if it works on the dataset. It returns
a result (output.Listing, Card or Document). `command` adds the shared options to the
signature Typer reads, checks the output options before any work, loads the catalog
(--data, else FITPARTNERS_DATA, else the bundled file), calls the body, and renders what
it returns with the notes it carries.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import os
from collections.abc import Callable, Sequence
from typing import Annotated, Any, Optional

import typer

from ..catalog import Catalog
from ..dataset.loader import ENV_DATA, read_dataset
from ..errors import BadValue, FitError, UsageError
from ..labels import heading
from ..language import ENV_LANG, LANGUAGES, Choice, choose, translate
from ..messages import Msg
from ..output.render import NO_COLUMNS, Columns, Format, Notice, Policy, Result, render

# The command-line names of the Python API's parameters, for its messages.
OPTION_OF = {
    "type": "--type",
    "domain": "--domain",
    "sector": "--sector",
    "country": "--country",
    "period": "--period",
    "query": "WORDS",
}

ENV_TODAY = "FITPARTNERS_TODAY"


def today() -> dt.date:
    """Today, or the day FITPARTNERS_TODAY names (for tests and 'as of' questions)."""
    given = os.environ.get(ENV_TODAY, "")
    if not given.strip():
        return dt.date.today()
    try:
        return dt.date.fromisoformat(given.strip())
    except ValueError:
        raise UsageError(
            Msg("{env} must be a date as YYYY-MM-DD, not {raw!r}", env=ENV_TODAY, raw=given)
        ) from None


def load_catalog(data: str | None) -> Catalog:
    """The catalog of a run: --data, else FITPARTNERS_DATA, else the bundled dataset, as of
    FITPARTNERS_TODAY or today."""
    return Catalog(read_dataset(data_path(data, "--data")), today())


def data_path(value: str | None, option: str) -> str | None:
    """A dataset's path as given; an empty one is refused, not read as "not given" (an
    empty FITPARTNERS_DATA is unset, as shells treat empty variables)."""
    if value == "":
        raise UsageError(
            Msg(
                "invalid value for {option}: {value!r} ({hint})",
                option=option,
                value=value,
                hint=Msg("a file path, or - for stdin"),
            )
        )
    return value


# -- completion of shared options --------------------------------------------------------


def catalog_for_completion(ctx: typer.Context) -> Catalog | None:
    try:
        return load_catalog(ctx.params.get("data"))
    except Exception:  # completion must never print an error into the shell
        return None


def _complete_period(ctx: typer.Context, incomplete: str) -> list[str]:
    catalog = catalog_for_completion(ctx)
    return [v for v in (catalog.period_ids() if catalog else []) if v.startswith(incomplete)]


def _complete_fields(columns: Columns) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        done, _, last = incomplete.rpartition(",")
        prefix = f"{done}," if done else ""
        return [prefix + f for f in columns.valid if f.startswith(last)]

    return complete


# -- the shared options -----------------------------------------------------------------------

DATA = typer.Option(
    "--data",
    metavar="PATH",
    help=f"Read this dataset instead of the bundled one (also {ENV_DATA}).",
    show_default=False,
)
PERIOD = typer.Option(
    "--period",
    metavar="ROUND",
    autocompletion=_complete_period,
    help="Partnership round, such as 2022-2026 or 2017-2021, or 'all'. "
    "Default: the latest round that has started.",
    show_default=False,
)
FORMAT = typer.Option(
    "--format",
    "-f",
    case_sensitive=False,
    help="Output format, written wherever stdout goes. Default: a table in a terminal, plain text in a pipe.",
    show_default=False,
)
JSON = typer.Option("--json", help="Short for --format json.")
JSON_ONLY = typer.Option("--json", help="Print JSON.")
JQ = typer.Option(
    "--jq",
    metavar="EXPR",
    help="Filter the JSON with a jq expression and print the results, strings raw (no jq program needed).",
    show_default=False,
)
LANG = typer.Option(
    "--lang",
    metavar="en|nl",
    show_default=False,
    help=f"Language of what a person reads: en or nl. Default: {ENV_LANG}, else the locale as gettext "
    "reads it (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English. JSON carries both; csv and tsv "
    f"write labels and headings in the language only when --lang or {ENV_LANG} names it.",
)
LABELS = typer.Option(
    "--labels",
    help="In csv and tsv, write labels instead of ids "
    f"(in the language of --lang or {ENV_LANG}, else English).",
)
NO_HEADERS = typer.Option("--no-headers", help="Leave out the header row of a table, csv or tsv.")
QUIET = typer.Option("--quiet", "-q", help="No notes on stderr, only errors.")


def _fields(columns: Columns, card: bool) -> Any:
    def said(lang: str) -> str:
        def names(fields: tuple[str, ...]) -> str:
            return ", ".join(heading(f, lang).replace(" ", "_") if lang != "en" else f for f in fields)

        if card:
            return Msg(
                "Fields to print, comma-separated, in this order. Valid: {fields}. Default: the card; "
                "JSON, csv and tsv show all.",
                fields=names(columns.valid),
            ).in_lang(lang)
        return Msg(
            "Fields to print, comma-separated, in this order. Valid: {fields}. Default: a table "
            "shows {default}; JSON, csv and tsv show all.",
            fields=names(columns.valid),
            default=names(columns.default),
        ).in_lang(lang)

    return typer.Option(
        "--fields",
        metavar="A,B,...",
        show_default=False,
        autocompletion=_complete_fields(columns),
        help=registered_help(said),
    )


# Name -> (annotation, default) of the shared options that are the same in every command,
# made once; --fields (its help names the command's fields) and --json (short for
# --format json only where a command has --format) are made for each command.
_SAME_EVERYWHERE: dict[str, tuple[Any, Any]] = {
    "period": (Annotated[Optional[str], PERIOD], None),
    "data": (Annotated[Optional[str], DATA], None),
    "fmt": (Annotated[Optional[Format], FORMAT], None),
    "jq": (Annotated[Optional[str], JQ], None),
    "lang": (Annotated[Optional[str], LANG], None),
    "labels": (Annotated[bool, LABELS], False),
    "no_headers": (Annotated[bool, NO_HEADERS], False),
    "quiet": (Annotated[bool, QUIET], False),
}
SHARED_NAMES = frozenset([*_SAME_EVERYWHERE, "fields", "as_json"])


def _shared(name: str, columns: Columns, card: bool, with_format: bool) -> tuple[Any, Any]:
    """(annotation, default) of the shared option `name` in a command."""
    if name == "fields":
        return Annotated[Optional[str], _fields(columns, card)], None
    if name == "as_json":
        return Annotated[bool, JSON if with_format else JSON_ONLY], False
    return _SAME_EVERYWHERE[name]


# The option sets commands take.
RECORDS = ("data", "fmt", "as_json", "jq", "fields", "lang", "labels", "no_headers", "quiet")
DOCUMENT = ("data", "as_json", "jq", "lang", "quiet")
POLICY_OPTIONS = ("fmt", "as_json", "jq", "fields", "lang", "labels", "no_headers", "quiet")
COLUMNS_OF: dict[str, Columns] = {}  # command name -> its columns, for completing --fields


def command(
    app: typer.Typer,
    name: str,
    *,
    columns: Columns = NO_COLUMNS,
    options: Sequence[str] = RECORDS,
    card: bool = False,
    **settings: Any,
) -> Callable[[Callable[..., Result]], Callable[..., Result]]:
    """Register `body` as the command `name` with the shared `options` added."""

    def register(body: Callable[..., Result]) -> Callable[..., Result]:
        COLUMNS_OF[name] = columns
        own = inspect.signature(body).parameters
        unknown = [n for n in options if n not in SHARED_NAMES]
        if unknown:
            raise TypeError(f"unknown shared options: {unknown}")
        wanted = [n for n in own if n in SHARED_NAMES]  # shared options the body reads
        params = [p for n, p in own.items() if n != "catalog" and n not in SHARED_NAMES]
        for n in dict.fromkeys([*options, *wanted]):
            annotation, default = _shared(n, columns, card, "fmt" in options)
            params.append(
                inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)
            )

        def _run(values: dict[str, Any], choice: Choice) -> int:
            chosen = {n: values[n] for n in POLICY_OPTIONS if n in values and n != "lang"}
            policy = Policy.from_options(columns, lang=choice.lang, asked=choice.asked, **chosen)
            arguments = {n: v for n, v in values.items() if n in own}
            catalog = None
            if "catalog" in own:
                catalog = arguments["catalog"] = load_catalog(values.get("data"))
            result = body(**arguments)
            if catalog is not None:
                ended = catalog.ended_notice()
                if ended:
                    result.notes.insert(0, Notice(ended, people_only=True))
            return render(policy, result)

        @functools.wraps(body)
        def run(**values: Any) -> int:
            choice = run_language(values.get("lang"))
            if "lang" in own:
                values["lang"] = choice.lang
            try:
                return _run(values, choice)
            except UsageError as exc:
                said = exc.named(OPTION_OF)  # the API's 'type' is this command's --type
                said.lang = choice.lang  # our message, in the run's language
                raise said from None
            except FitError as exc:
                exc.lang = choice.lang
                raise

        del run.__wrapped__  # Typer reads the signature below, not the body's
        run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in params}
        app.command(name, **settings)(run)
        return body

    return register


def examples(*lines: str) -> str:
    """An epilog whose example lines Click prints one per line ('\\b' stops rewrapping)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


# -- help in the run's language --------------------------------------------------------------
#
# Help texts are written in English where they are declared; the catalogue says them in the
# run's language when the command tree is built (`help_in`): each paragraph a msgid, and in
# a block Click keeps as it is ('\b': the examples) each line. A help text made from values
# (the fields of a command) is registered with the function that says it in a language.
# scripts/catalogues.py finds every msgid by walking the English tree (`help_texts`).

_REGISTERED: dict[str, Callable[[str], str]] = {}


def registered_help(said: Callable[[str], str]) -> str:
    """A help text said in each language by `said`; its English text."""
    english = said("en")
    _REGISTERED[english] = said
    return english


def help_in(lang: str, text: str) -> str:
    """A help text (help, short help, epilog) in `lang`."""
    if lang == "en" or not text:
        return text
    said = _REGISTERED.get(text)
    if said is not None:
        return said(lang)
    return "\n\n".join(_paragraph_in(lang, p) for p in text.split("\n\n"))


def _paragraph_in(lang: str, paragraph: str) -> str:
    if paragraph.startswith("\b\n"):
        return "\n".join(_line_in(lang, line) for line in paragraph.split("\n"))
    return translate(lang, paragraph)


def _line_in(lang: str, line: str) -> str:
    text = line.strip()
    return line[: len(line) - len(line.lstrip())] + translate(lang, text) if text else line


def help_texts(text: str) -> list[str]:
    """The msgids of a help text, as help_in looks them up (none for a registered one)."""
    if not text or text in _REGISTERED:
        return []
    found: list[str] = []
    for p in text.split("\n\n"):
        if p.startswith("\b\n"):
            found += [line.strip() for line in p.split("\n")[1:] if line.strip()]
        else:
            found.append(p)
    return found


# The words of usage lines: a command's own and its parameters' metavars (NAME, [OPTIONS]).
METAVARS = ("options_metavar", "subcommand_metavar")


def say_help_in(command: Any, lang: str) -> None:
    """A Click command's help, short help, epilog, usage words and its parameters' help and
    metavars, in `lang`."""
    if lang == "en":
        return
    for attr in ("help", "short_help", "epilog"):
        text = getattr(command, attr, None)
        if text:
            setattr(command, attr, help_in(lang, inspect.cleandoc(text)))
    for attr in METAVARS:
        if getattr(command, attr, None):
            setattr(command, attr, translate(lang, getattr(command, attr)))
    for param in command.params:
        if getattr(param, "help", None):
            param.help = help_in(lang, param.help)
        if getattr(param, "metavar", None):
            param.metavar = translate(lang, param.metavar)


def run_language(given: str | None) -> Choice:
    """The language of a command's run (language.choose); a bad --lang or FITPARTNERS_LANG
    is refused, naming the one given, in the language the next source names."""
    choice = choose(given)
    if choice.bad is not None:
        error = BadValue(*choice.bad, list(LANGUAGES))
        error.lang = choice.lang
        raise error
    return choice
