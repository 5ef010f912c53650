"""Shell completion: what a TAB offers, the same in bash, zsh and fish, and fast.

Both paths use `offer` on the same names: the full one (Click's completion, through the
callbacks cli/app.py attaches, on the names cli/complete_values.py makes from the catalog
it loads) and the short one, `answer`, which entry.py calls before Typer, Pydantic or the
dataset is imported. The short path reads the command tree and the names of the bundled
data from `_complete_table`, which `python scripts/completions.py` generates from the same
tree and the same builders (a test fails when it is stale, and another compares both paths
on every prefix of every value). Whatever it does not know (option names, --data,
FITPARTNERS_DATA, anything unusual) it leaves to the full path (None).

Matching ignores case and accents, and a value is offered only when it starts with what
was typed (folded): bash puts the one value offered in place of the word, zsh is told to
keep every value offered (`compadd -U`, through _describe), fish keeps a value that
matches but for case. Only values a shell can insert as they are (no space, no quote).

A TAB never takes away what was typed. Each shell puts the common start of the values in
place of the word (zsh, with -U, whatever it is), or prefers the values that start with the
word as typed (fish): so when several are offered, each of a kind the tool reads folded
(AS_TYPED) is spelled from what was typed on ('me': 'medvia', 'medtech-flanders', not
'MEDVIA'); one alone is offered as it is ('VO': 'voka').

A note is an item with no value (NOTE): the count of the countries left out when there are
many, which zsh shows as a message and never inserts; the values after it are those left
out, which bash and fish offer all the same (they have no message; bash's own question
"Display all 375 possibilities?" and fish's pager say the count).
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Sequence

from ..labels import fold
from ..language import choose
from ..messages import say_in

Item = tuple[str, str]  # (value, help; "" for none)
SORT_KEYS = ("number", "name", "type")  # list's --sort
LISTS = frozenset({"type", "domain", "sector", "country", "fields"})  # comma-separated values
# Most values offered at once for a kind that has a `first` list (the chamber countries):
# past it, those first and the count of the rest (every letter typed narrows it below).
MOST = 60
# The kinds whose values the tool reads folded (case, accents and punctuation aside), so that
# a value may be offered spelled from what was typed on (as_typed).
AS_TYPED = frozenset({"partner", "type", "domain", "sector", "country"})
NOTE = ""  # the value of a note: no value a shell could insert
# The one item offered for a file (--data, a PATH): the shell's own completion of file names.
# Anything else that offers nothing offers nothing: no file names after `show NAME`.
FILES = "\0files"
# How the program says FILES to bash and fish: their scripts complete file names when it
# exits with this, and nothing when it exits 0 with nothing (cli/patches.BASH_FILES).
FILES_CODE = 1
# Completion offers only values a shell can insert as they are: Typer's bash and zsh scripts
# put each offered line into the command line unquoted, so a name with a space or an '&'
# would split into words or start a background job.
SHELL_SPECIAL = frozenset(" \t\n&|;<>()$`\\\"'*?[]#~!{}")
PROG_VAR = "_FITPARTNERS_COMPLETE"
DATA_VAR = "FITPARTNERS_DATA"


def offer(
    kind: str, incomplete: str, values: Sequence[Item], first: Sequence[str] = (), *, lang: str = "en"
) -> list[Item]:
    """The values of `kind` that start with what was typed (case and accents aside); for a
    comma-separated kind, with the items before the last kept as typed. `first`: values to
    show when there are more than MOST, then a note with the count of the others, then them."""
    done, comma, last = incomplete.rpartition(",") if kind.split(":")[0] in LISTS else ("", "", incomplete)
    key = fold(last)
    found = [(v, h) for v, h in values if fold(v).startswith(key)]
    if len(found) > 1 and kind in AS_TYPED:
        found = [(as_typed(v, last), h) for v, h in found]
    if first and len(found) > MOST:
        shown = {as_typed(v, last) for v in first} if kind in AS_TYPED else set(first)
        rest = [(v, h) for v, h in found if v not in shown]
        note = (NOTE, say_in(lang, "{count} more: type a letter", count=len(rest)))
        found = [*(item for item in found if item[0] in shown), note, *rest]
    return [(done + comma + v if v else v, h) for v, h in found]


def as_typed(value: str, typed: str) -> str:
    """`value` spelled from `typed` on where it starts with it but for case, accents or
    punctuation ('medvia' for 'MEDVIA' after 'me' or 'Medvia' after 'Me': the rest in lower
    case after a lower-case letter, in upper case after upper case alone), else as it is. After
    a letter the value's own punctuation follows ('flanders-bio'); after a dash, that dash."""
    if value.startswith(typed):
        return value
    key = fold(typed)
    ends = [end for end in range(len(value) + 1) if fold(value[:end]) == key]
    if not ends:
        return value
    tail = value[ends[0] if typed[-1:].isalnum() else ends[-1] :]
    if typed.isupper():
        tail = tail.upper()
    elif typed != typed.upper():  # a lower-case letter typed
        tail = tail.lower()
    spelled = typed + tail
    return spelled if not SHELL_SPECIAL.intersection(spelled) else value


# -- what each shell reads ---------------------------------------------------------------


def zsh_lines(items: Sequence[Item]) -> str:
    """What Typer's zsh script evaluates: the values, unsorted, each with its help, all kept
    whatever case was typed (-U: we matched them already); a note as a message (`_message
    -r`: shown, never inserted), and nothing of what follows it. FILES: zsh's file names
    (Typer's answer to nothing offered, which put file names after `show NAME`)."""
    if files(items):
        return "_files"
    values = list(itertools.takewhile(lambda item: item[0] != NOTE, items))
    notes = [h for v, h in items[len(values) : len(values) + 1]]
    if not values:
        return "".join(f"_message -r {_zsh_quote(h)}" for h in notes)
    words = " ".join(_zsh_quote(f"{_colon(v)}:{h}" if h else _colon(v)) for v, h in values)
    said = "".join(f"; _message -r {_zsh_quote(h)}" for h in notes)
    describe = "_describe -V -t values value _fitpartners_values -U"
    return f"local -a _fitpartners_values=({words}); {describe}{said}"


def _colon(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def _zsh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def bash_lines(items: Sequence[Item]) -> str:
    """Every value, one a line (bash has no message: a note is left out; FILES is nothing,
    for which the script's `-o default` completes file names)."""
    return "\n".join(v for v, _ in items if v not in (NOTE, FILES))


def fish_lines(items: Sequence[Item]) -> str:
    """Every value with its help after a tab (fish has no message: a note is left out; FILES
    is nothing)."""
    return "\n".join(f"{v}\t{' '.join(h.split())}" if h else v for v, h in items if v not in (NOTE, FILES))


# -- the short path -----------------------------------------------------------------------


def answer() -> int | None:
    """Answer the completion request of this process's environment by the short path and
    return the exit code, or None to leave it to the full path."""
    request = os.environ.get(PROG_VAR, "")
    if request not in ("complete_bash", "complete_zsh", "complete_fish") or os.environ.get(DATA_VAR):
        return None
    words = _words(request)
    if words is None:
        return None
    chosen = choose(None)  # FITPARTNERS_LANG, else the locale, as the full path chooses
    if chosen.bad:
        return None  # a bad FITPARTNERS_LANG: the full path says so
    shell = request.removeprefix("complete_")
    args, incomplete, prefix = with_equals(shell, *words)
    items = resolve(args, incomplete, env_lang=chosen.lang)
    if items is None:
        return None
    if shell == "fish" and os.environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
        return FILES_CODE if files(items) else 0
    if shell == "bash" and files(items):
        return FILES_CODE
    sys.stdout.write(lines(shell, items, prefix) + "\n")  # as Click echoes it
    return 0


def files(items: Sequence[Item]) -> bool:
    """Whether `items` ask for the shell's own file names (FILES)."""
    return [v for v, _ in items] == [FILES]


def with_equals(shell: str, args: list[str], incomplete: str) -> tuple[list[str], str, str]:
    """(args, incomplete, prefix): an option's value given as `--opt=value` read as `--opt
    value`, and what each value offered must start with for the shell to keep `--opt=`.

    zsh and fish put a value in place of the whole word, `--country=ch`: each value offered
    then starts with `--country=`. bash splits words at '=' (COMP_WORDBREAKS): it gives
    `--country`, `=`, `ch` and puts a value in place of `ch` alone, or after the `=` when
    nothing follows it (the word it gives is then '=', but readline keeps it)."""
    if shell != "bash":
        name, eq, value = incomplete.partition("=")
        if eq and name.startswith("--"):  # Click reads '-f=json' as '-f' '=json'
            return [*args, name], value, name + eq
        return args, incomplete, ""
    joined: list[str] = []
    at = 0
    while at < len(args):
        word = args[at]
        if word == "=" and joined and joined[-1].startswith("--") and "=" not in joined[-1]:
            if at + 1 < len(args):  # a value given: '--country=china'
                joined[-1] += "=" + args[at + 1]
            at += 2  # when '=' is the last word, what is being completed is the value
            continue
        joined.append(word)
        at += 1
    if incomplete == "=" and joined and joined[-1].startswith("--") and "=" not in joined[-1]:
        return joined, "", ""
    return joined, incomplete, ""


def lines(shell: str, items: Sequence[Item], prefix: str = "") -> str:
    """What `shell` reads for `items`, each value after `prefix` (with_equals)."""
    shown = [(prefix + v if v not in (NOTE, FILES) else v, h) for v, h in items]
    text = {"bash": bash_lines, "zsh": zsh_lines, "fish": fish_lines}[shell](shown)
    if shell == "zsh" and prefix and text == "_files":
        return "compset -P '*='; _files"  # file names after `--data=`
    return text


def _words(request: str) -> tuple[list[str], str] | None:
    """(the words after the program's name, the word being completed), as Typer's
    completion classes read them; None when they cannot be read simply."""
    try:
        if request == "complete_bash":
            cwords = _split(os.environ["COMP_WORDS"])
            cword = int(os.environ["COMP_CWORD"])
            return cwords[1:cword], (cwords[cword] if cword < len(cwords) else "")
        line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
        cwords = _split(line)
    except (KeyError, ValueError):
        return None
    args = cwords[1:]
    if args and not line.endswith(" "):
        return args[:-1], args[-1]
    return args, ""


def _split(line: str) -> list[str]:
    """Words as Click's split_arg_string makes them, for the simple lines the short path
    takes: no quote, no backslash (else ValueError: the full path)."""
    if any(c in line for c in "'\"\\"):
        raise ValueError(line)
    return line.split()


def resolve(args: list[str], incomplete: str, *, env_lang: str = "") -> list[Item] | None:
    """What Click's completion would offer after `args` for `incomplete`, from the table;
    None when the short path cannot tell."""
    from . import _complete_table as table  # noqa: PLC0415  # door: the generated table, for completion only

    lang = "nl" if env_lang.strip().lower() == "nl" else "en"
    if not args:
        if incomplete[:1] in ("-", "="):
            return None  # the root's options: the full path
        return [(name, help_) for name, help_ in table.COMMANDS[lang] if name.startswith(incomplete)]
    command = table.TREE.get(args[0])
    if command is None:
        return None
    options, arguments, completers = command
    given: list[str] = []  # the positional values so far
    rest = args[1:]
    at = 0
    while at < len(rest):
        word = rest[at]
        name, eq, value = word.partition("=")
        if word == "--" or word == "-" or (word.startswith("-") and name not in options):
            return None
        if not word.startswith("-"):
            given.append(word)
        elif eq and not options[name][1]:
            return None  # a flag given a value: Click's own message
        elif options[name][1] and not eq:
            if at + 1 == len(rest):
                break  # the value is what is being completed
            at += 1
            value = rest[at]
        if word.startswith("-") and options[name][0] == "data":
            return None
        if word.startswith("-") and options[name][0] == "lang":
            if value.lower() not in ("en", "nl"):
                return None
            lang = value.lower()
        at += 1
    if incomplete.startswith("-") and "=" in incomplete:
        name, _, incomplete = incomplete.partition("=")
        rest = [*rest, name]
        if name not in options:
            return None
    elif incomplete.startswith("-"):
        return None  # option names: the full path
    param = None
    if rest and rest[-1].startswith("-") and "=" not in rest[-1] and options.get(rest[-1], ("", False))[1]:
        param = options[rest[-1]][0]
    elif len(given) < len(arguments):
        param = arguments[len(given)]  # '*words' (any number): no kind, the full path
    elif not any(a.startswith("*") for a in arguments):
        return []  # every argument given: nothing (`show NAME <TAB>`), no file names
    kind = completers.get(param) if param else None
    if kind is None:
        return None
    if kind == "files":
        return [(FILES, "")]
    first = table.FIRST.get(kind, {}).get(lang, ())
    return offer(kind, incomplete, table.VALUES[kind][lang], first, lang=lang)
