"""Every place we reach past Typer's public API into its copy of Click, in one module.

Each function names what it relies on; tests/test_typer_patches.py checks each of those
against the installed Typer, so that a Typer release that changes one fails a test that
names it rather than a user's run. pyproject's Typer range is what that test covers.

- `group`: a Click group built from some of an app's registered commands
  (`Typer.registered_commands`, `.registered_callback`, `typer.main.get_command`), with
  Typer's shell completion classes registered (`typer._completion_classes.completion_init`,
  which Typer calls only when it adds its own --install-completion and --show-completion:
  the app declares its own, `add_completion=False`). Without them `_FITPARTNERS_COMPLETE`
  would reach Click's classes, which read other variables and print other lines.
- `LazyCommands`: that group's `commands` mapping, each command built when first asked for
  (Click reads `group.commands` as a mapping).
- `complete_with`: our completion for a parameter, unfiltered (Typer's parameters call
  Click's private `_custom_shell_complete`; Typer's own `autocompletion=` keeps only what
  starts with the text as typed, which would undo matching without case and accents).
- `show_by_metavar`: an argument shown in usage and help by its metavar (NAME, [PATH]),
  never by a Python type ('<list[str]>') (Typer's `_usage_display_name` and
  `display_type_rich`).
- `bad_choice`: the option, value and choices of a value outside a choice (Typer's
  `param.type_descriptor`, the wording of `coerce_cli_choice`'s message, Click's
  `ctx.get_parameter_source` for a value from an environment variable).
- `completion_script`: the completion script Typer writes for a shell
  (`typer._completion_shared.get_completion_script`), and `COMPLETION_SHELLS`, the shells it
  has one for (`Shells`).
- `detect_shell`: the shell this runs in, as Typer detects it
  (`typer._completion_shared._get_shell_name`: shellingham, from the parent processes).
- `speak`: help in the run's language. Typer's own words of help go through the `_` that
  `typer.core` imports from gettext ("Options", "default: {default}"): replaced by our
  catalogue's, for those words only. Its copy of Click writes "Usage: " and the help
  option's "Show this message and exit." as plain strings: said through a HelpFormatter of
  ours, `Context.formatter_class` (`HelpFormatter.write_usage`'s prefix, `write_dl`'s rows).
- `usage_problem`: Click's and Typer's usage errors, which they word as plain English
  strings, reworded as our messages by exception type (`NoSuchOption.option_name` and
  `.possibilities`, `MissingParameter.param`, `BadOptionUsage.option_name`,
  `BadParameter.param`); "No such command" and "Got unexpected extra argument(s)" are plain
  UsageErrors, told apart by the wording of `typer.core` and `Command.parse_args`.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import typer
from typer import core as typer_core
from typer._click import core as click_core
from typer._click import exceptions as click_exceptions
from typer._click import formatting as click_formatting
from typer._click.shell_completion import add_completion_class
from typer._completion_classes import BashComplete, FishComplete, ZshComplete, completion_init
from typer._completion_shared import Shells, _get_shell_name, get_completion_script
from typer.core import CompletionItem  # type: ignore[attr-defined]  # Typer carries its own Click

from ..language import N_
from ..messages import Msg
from . import complete

Complete = Callable[[typer.Context, str], Sequence[str | tuple[str, str]]]


def group(settings: Mapping[str, Any], app: typer.Typer, commands: list[Any]) -> Any:
    """The Click group of a Typer app made with `settings`, `app`'s callback and the
    registered `commands` (a subset of `app.registered_commands`, or none)."""
    completion_init()
    for shell in (_Bash, _Zsh, _Fish):
        add_completion_class(shell, shell.name)
    source = typer.Typer(**settings)
    source.registered_callback = app.registered_callback
    source.registered_commands = commands
    return typer.main.get_command(source)


def _items(self: Any) -> tuple[list[tuple[str, str]], str]:
    """What Click offers, and the prefix of each value (an option's value given as
    `--opt=value` read by complete.with_equals, as the short path reads it)."""
    args, incomplete, prefix = complete.with_equals(self.name, *self.get_completion_args())
    return [(item.value, item.help or "") for item in self.get_completions(args, incomplete)], prefix


def _complete(self: Any) -> str:
    """What a shell reads, written by cli/complete.py as its short path writes it."""
    items, prefix = _items(self)
    return complete.lines(self.name, items, prefix)


class _Bash(BashComplete):
    def complete(self) -> str:
        items, _ = _items(self)
        if complete.files(items):
            sys.exit(complete.FILES_CODE)  # the script's `-o default`: file names (BASH_FILES)
        return complete.lines(self.name, items)


class _Zsh(ZshComplete):
    complete = _complete


class _Fish(FishComplete):
    def complete(self) -> str:
        if os.environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
            # As Typer's: exit 1 lets fish complete file names; but only for FILES (Typer's
            # gave file names wherever nothing was offered).
            sys.exit(complete.FILES_CODE if complete.files(_items(self)[0]) else 0)
        return _complete(self)


class LazyCommands(Mapping[str, Any]):
    """Commands by name, in order: listing the names builds none, and each is built by
    `build(name)` when it is first asked for. Read-only: no command is added once a run
    starts."""

    def __init__(self, names: list[str], build: Callable[[str], Any]) -> None:
        self.names = names
        self.build = build
        self.built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self.names:
            raise KeyError(name)
        if name not in self.built:
            self.built[name] = self.build(name)
        return self.built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def complete_with(param: Any, complete: Complete) -> None:
    """Offer what `complete` finds (values, or (value, help) pairs) for `param`."""

    def shell_complete(ctx: typer.Context, param: Any, incomplete: str) -> list[Any]:
        found = complete(ctx, incomplete)
        return [CompletionItem(v[0], help=v[1]) if isinstance(v, tuple) else CompletionItem(v) for v in found]

    param._custom_shell_complete = shell_complete


def show_by_metavar(param: Any) -> None:
    """Show an argument by its metavar: 'NAME', '[PATH]' when optional."""
    metavar = param.metavar or param.name.upper()
    shown = metavar if param.required or metavar.startswith("[") else f"[{metavar}]"
    param.display_type_rich = lambda ctx: ""
    param._usage_display_name = lambda: shown


def bad_choice(exc: BaseException) -> tuple[str, str, list[str]] | None:
    """(option, value, choices) of a Typer usage error for a value outside a choice
    (--format xml), else None. The option is the environment variable when the value came
    from one (FITPARTNERS_LANG=xx: Click's `get_parameter_source`); the value is the one
    given, read back from Typer's message, where it stands as repr writes it
    (`coerce_cli_choice`: "'xx' is not one of 'en', 'nl'.")."""
    param = getattr(exc, "param", None)
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or not getattr(descriptor, "is_choice", False) or not descriptor.choices:
        return None
    ctx = getattr(exc, "ctx", None)
    opts = getattr(param, "opts", None) or [getattr(param, "name", "?")]
    option = max(opts, key=len)
    envvar = getattr(param, "envvar", None)
    if ctx is not None and isinstance(envvar, str):
        source = ctx.get_parameter_source(getattr(param, "name", ""))
        if getattr(source, "name", None) == "ENVIRONMENT":
            option = envvar
    given = re.search(_GIVEN, getattr(exc, "message", ""), re.S)
    value = ast.literal_eval(given.group(1)) if given else ""
    return option, value, [str(getattr(c, "value", c)) for c in descriptor.choices]


COMPLETION_SHELLS = tuple(shell.value for shell in Shells)


# Typer's bash script completes file names (`complete -o default`) wherever nothing is
# offered: after `show NAME` too. Ours turns that off unless the program exits with
# complete.FILES_CODE (for --data, a PATH): after its call, which ends the function's line.
BASH_CALL = "_COMPLETE=complete_bash $1 ) )\n"
BASH_FILES = "    (( $? == 0 )) && compopt +o default 2>/dev/null\n"


def completion_script(prog: str, shell: str) -> str:
    """The completion script of `prog` for `shell` (one of COMPLETION_SHELLS), as Typer's
    --show-completion prints it, without a final line feed; bash's with BASH_FILES."""
    script = get_completion_script(
        prog_name=prog, complete_var=f"_{prog.replace('-', '_').upper()}_COMPLETE", shell=shell
    )
    if shell == "bash":
        script = script.replace(BASH_CALL, BASH_CALL + BASH_FILES, 1)
    return script


def detect_shell() -> str | None:
    """The name of the shell this runs in, lower case, or None when it cannot be told."""
    return _get_shell_name()


# The value in Typer's message: a str as repr writes it, in either quote (compiled on
# first use, by re's cache).
_GIVEN = r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*") is not one of """


# -- help and usage errors in the run's language ---------------------------------------------

# Typer's words of help, as typer.core asks gettext for them: msgids of our catalogue.
TYPER_WORDS = frozenset(
    [
        N_("Options"),
        N_("Arguments"),
        N_("Commands"),
        N_("default: {default}"),
        N_("required"),
        N_("env var: {var}"),
        N_("(dynamic)"),
    ]
)
USAGE_PREFIX = N_("Usage: ")
HELP_OPTION_HELP = N_("Show this message and exit.")


def _same(text: str) -> str:
    return text


class _Formatter(click_formatting.HelpFormatter):
    """Click's help formatter, with its own words said by `say` (set by `speak`)."""

    say: Callable[[str], str] = staticmethod(_same)

    def __init__(
        self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None
    ) -> None:
        # Click keeps help at least 50 columns wide, past a narrower terminal's edge: ours
        # fits down to 20 (COLUMNS first, as Click reads the size).
        if width is None and click_formatting.FORCED_WIDTH is None:  # (a test runner forces one)
            columns = shutil.get_terminal_size().columns
            width = max(min(columns, max_width or 80) - 2, 20)
        super().__init__(indent_increment, width, max_width)

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        # A narrow terminal: a long option on a line of its own, its help under it, so that
        # the help keeps a third of the width (Click's 30 columns leave none at 40).
        said = [(first, self.say(second) if second == HELP_OPTION_HELP else second) for first, second in rows]
        super().write_dl(said, col_max if self.width >= 58 else max(self.width // 3, 8), col_spacing)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, self.say(USAGE_PREFIX) if prefix is None else prefix)


def speak(say: Callable[[str], str]) -> None:
    """Say Typer's and Click's own words of help through `say` (a msgid -> its text in the
    run's language) from now on, in this process."""
    setattr(typer_core, "_", lambda text: say(text) if text in TYPER_WORDS else text)  # noqa: B010
    _Formatter.say = staticmethod(say)
    click_core.Context.formatter_class = _Formatter


# "No such command 'lsit'. Did you mean 'list'?" (typer.core), "Got unexpected extra
# argument(s) (a b)" (Click's Command.parse_args): the values as the messages write them.
_REPR = r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_NO_SUCH_COMMAND = rf"^No such command {_REPR}\.(?: Did you mean (.*)\?)?$"
_EXTRA_ARGUMENTS = r"^Got unexpected extra argument(?:\(s\)|s)? \((.*)\)$"


def _quoted_values(text: str) -> list[str]:
    return [ast.literal_eval(m.group()) for m in re.finditer(_REPR, text)]


def _name(param: Any) -> str:
    if getattr(param, "param_type_name", "") == "argument":
        return str(param.metavar or param.name.upper())
    opts = getattr(param, "opts", None) or [getattr(param, "name", "?")]
    return str(max(opts, key=len))


def usage_problem(exc: BaseException) -> Msg | None:
    """A Click or Typer usage error as our message (English, said again in any language),
    else None (not a usage error, or one worded otherwise: said as Click words it)."""
    if isinstance(exc, click_exceptions.NoSuchOption):
        hint = sorted(exc.possibilities or [])
        return Msg(
            "no such option: {option}{hint}",
            option=exc.option_name,
            hint=Msg("; did you mean: {values}?", values=", ".join(hint)) if hint else "",
        )
    if isinstance(exc, click_exceptions.MissingParameter) and exc.param is not None:
        if exc.param.param_type_name == "argument":
            return Msg("missing argument {name}", name=_name(exc.param))
        return Msg("missing option {name}", name=_name(exc.param))
    if isinstance(exc, click_exceptions.BadOptionUsage):
        if "does not take a value" in exc.message:
            return Msg("option {option} takes no value", option=exc.option_name)
        if "requires" in exc.message:
            return Msg("option {option} needs a value", option=exc.option_name)
        return None
    if isinstance(exc, click_exceptions.BadParameter) and exc.param is not None:
        return Msg("invalid value for {option}: {problem}", option=_name(exc.param), problem=exc.message)
    if type(exc) is click_exceptions.UsageError:
        return _name_in_words(exc) or _plain_usage_problem(exc.message)
    return None


def _name_in_words(exc: click_exceptions.UsageError) -> Msg | None:
    """`show VKW Limburg`: a name of several words typed without quotes, said with the
    command to paste ('fitpartners show 'VKW Limburg''); None for any other problem."""
    found = re.match(_EXTRA_ARGUMENTS, exc.message, re.S)
    ctx = exc.ctx
    if not found or ctx is None or ctx.command.name != "show":
        return None
    first = ctx.params.get("name")
    if not isinstance(first, str):
        return None
    command = ctx.command_path + " " + shlex.quote(first + " " + found.group(1))
    return Msg(
        "unexpected extra arguments: {values}; a name of several words goes in quotes: {command}",
        values=found.group(1),
        command=command,
    )


def _plain_usage_problem(message: str) -> Msg | None:
    found = re.match(_NO_SUCH_COMMAND, message, re.S)
    if found:
        meant = _quoted_values(found.group(2) or "")
        return Msg(
            "no such command: {name}{hint}",
            name=ast.literal_eval(found.group(1)),
            hint=Msg("; did you mean: {values}?", values=", ".join(meant)) if meant else "",
        )
    found = re.match(_EXTRA_ARGUMENTS, message, re.S)
    if found:
        return Msg("unexpected extra arguments: {values}", values=found.group(1))
    return None
