"""--jq: a jq program over the JSON a command prints, through the jq package (libjq in a
wheel), as `fitpartners CMD --json | jq -r -c PROGRAM` prints it: the same stdout, stderr
and exit code (docs/output.md lists what differs, and why).

The binding hands results over as Python values (numbers as doubles) and keeps neither
halt, nor an error's kind, nor `input`. So the program runs inside a frame of jq of our own
(`_frame`): every result leaves libjq as the text its `tojson` writes (jq's own digits, as
`jq -c` prints them), and every error as a marked string whose rest is the error's value in
that same text, so that a string error and any other are told apart as jq tells them.
"""

from __future__ import annotations

import json
import re
from typing import Any

import jq

from ..errors import EXIT_JQ, EXIT_JQ_COMPILE, JqHalt, UsageError, ctrl_c_to_system
from ..messages import Msg
from .stream import safe_json, sanitize, write_utf8

FLUSH_AT = 8192  # characters of results gathered before they are written, as a pipe's buffer

# The input as jq sees it through a pipe: one line on stdin (the --json of a pipe).
WHERE = "<stdin>:1"
_HALT_KEY = "fitpartners halt 5e1b"
_ERROR_MARK = "fitpartners error 5e1b:"
# jq's halt and halt_error, which the binding does not pass on (it ends the program in
# silence, exit 0), raise an error we recognise, so that the run stops as jq stops; input and
# inputs, input_filename and input_line_number as jq answers them with one input on stdin.
# The one difference: the user's own `try halt_error catch .` catches it here.
_PRELUDE = (
    "def _fitpartners_halt_error($code): halt_error($code); "  # libjq's own, for its type error
    'def halt_error($code): if ($code | type) != "number" then _fitpartners_halt_error($code) '
    f'else {{"{_HALT_KEY}": [., $code]}} | error end; '
    "def halt_error: halt_error(5); "
    f'def halt: {{"{_HALT_KEY}": [null, null]}} | error; '
    'def input: error("break"); def inputs: empty; '
    'def input_filename: "<stdin>"; def input_line_number: 1; '
)  # on the user's first line, so that $__loc__ says line 1 as jq does


def _frame(expression: str) -> str:
    """The user's program with our prelude, its results as JSON text, its errors marked.
    The user's text ends on a line of its own: a comment there ends with that line."""
    return f'{_PRELUDE}try (({expression}\n\n) | tojson) catch error("{_ERROR_MARK}" + tojson)'


def write_jq(value: Any, expression: str, *, terminal: bool = False) -> None:
    """Filter a JSON value with a jq expression as `jq -r -c` does: each result on its own
    line as it comes, strings raw; a compile error exits 3 and a run-time error 5 after the
    results before it, each with jq's words; halt and halt_error as in jq (JqHalt). At a
    `terminal`, what could move the cursor is shown as escapes; in a pipe every byte is as
    jq writes it. Uses the jq package (libjq in a wheel), no jq binary."""
    # libjq holds the interpreter while it runs (`last(range(3e8))` for minutes): Ctrl-C
    # ends the process by the system's default action meanwhile (interrupts.held).
    with ctrl_c_to_system():
        program = _compile(expression)
        lines: list[str] = []  # results not yet written, about FLUSH_AT characters at most
        size = 0
        try:
            for result in program.input_value(value):
                line = _line(result, terminal)
                lines.append(line)
                size += len(line)
                if size >= FLUSH_AT:
                    _write(lines)
                    lines, size = [], 0
        except ValueError as exc:
            _write(lines)
            raise _stopped(str(exc)) from None
        _write(lines)


def _compile(expression: str) -> Any:
    """The framed program; a program that does not compile ends the run as jq ends it."""
    try:
        try:
            jq.compile(expression)  # alone, so that an error names the user's line and column
        except ValueError as exc:
            if "Top-level program not given" not in str(exc):
                raise
            expression = "."  # no program, only blanks, comments or definitions: jq 1.6 reads `.`
        return jq.compile(_frame(expression))
    except UnicodeEncodeError:  # bytes that are no UTF-8 in the command line
        raise UsageError(Msg("invalid value for --jq: it is not UTF-8 text")) from None
    except ValueError as exc:  # jq's own lines: the error, where, and "jq: 1 compile error"
        raise JqHalt(EXIT_JQ_COMPILE, str(exc).rstrip("\n") + "\n") from None


def _line(result: str, terminal: bool) -> str:
    """One result (the JSON text jq's tojson wrote) as `jq -r -c` prints it."""
    if result.startswith('"'):
        text: str = json.loads(result)
        return (sanitize(text, raw=True) if terminal else text) + "\n"
    return (safe_json(result) if terminal else result) + "\n"


def _write(lines: list[str]) -> None:
    # surrogatepass: a string with a lone surrogate cannot come from libjq, but is written
    # rather than lost if one ever does.
    if lines:
        write_utf8("".join(lines).encode("utf-8", "surrogatepass"))


def _stopped(message: str) -> JqHalt:
    """How a run-time error ends the run: halt and halt_error with their code and text, any
    other error as jq says it, exit 5."""
    if not message.startswith(_ERROR_MARK):  # not through our frame: a string, as the binding gives it
        return JqHalt(EXIT_JQ, f"jq: error (at {WHERE}): {message}\n")
    text = message.removeprefix(_ERROR_MARK)
    value = json.loads(text)
    if isinstance(value, dict) and _HALT_KEY in value:
        halted, code = value[_HALT_KEY]
        if code is None:  # halt: stop, exit 0, nothing said
            return JqHalt(0, "")
        said = "" if halted is None else halted if isinstance(halted, str) else _compact(halted) + "\n"
        # A number, as halt_error checks: jq 1.8 drops a fraction (1.5 exits 1) and exits 0 below 0.
        return JqHalt(max(int(code), 0), said)
    if isinstance(value, str):
        return JqHalt(EXIT_JQ, f"jq: error (at {WHERE}): {value}\n")
    return JqHalt(EXIT_JQ, f"jq: error (at {WHERE}) (not a string): {text}\n")


def _compact(value: Any) -> str:
    """A value as jq writes it with -c (for halt_error's value, already read back)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# -- the keys a program reads (for a hint on stderr, never a change to what jq does) ----------

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_COMMENT = re.compile(r"#[^\n]*")
_DOT_KEY = re.compile(r"\.\s*([A-Za-z_]\w*)")
_QUOTED_KEY = re.compile(r'(?:\.\s*|(?<=[.\])\w])\[\s*)"([^"\\]*)"')
# A key the program makes itself: of an object ({naam: 1}, {"naam": 1}, {$naam}), or
# assigned to (.naam = 1, .naam |= ...).
_OBJECT_KEY = re.compile(r'[{,]\s*(?:"([^"\\]*)"|\$?([A-Za-z_]\w*))\s*(?=[:,}])')
_ASSIGNED = re.compile(r"\.\s*([A-Za-z_]\w*)\s*(?:\|=|\+=|-=|\*=|/=|%=|//=|=(?!=))")


def keys_read(expression: str) -> set[str]:
    """The object keys `expression` reads by name from its input (`.naam`, `.[].naam`,
    `."naam"`, `.["naam"]`), less every key it names otherwise: a key it makes (an object's,
    an assignment's) or any string it holds (`has("naam")`). Not `$x.naam` or `env.naam`,
    which read no input."""
    strings = [json.loads(m) for m in _STRING.findall(expression) if _is_json(m)]
    quoted = set(_QUOTED_KEY.findall(expression))
    made = {a or b for a, b in _OBJECT_KEY.findall(expression)} | set(_ASSIGNED.findall(expression))
    bare = _COMMENT.sub("", _STRING.sub('""', expression))
    read = set()
    for m in _DOT_KEY.finditer(bare):
        before = re.search(r"[$\w]*$", bare[: m.start()])
        word = before.group() if before else ""
        if not word or (not word.startswith("$") and bare[: m.start() - len(word)].endswith(".")):
            read.add(m.group(1))
    named = {s for s in strings if isinstance(s, str)} - quoted
    return (read | quoted) - made - named


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:  # a string with jq's interpolation, \\(...)
        return False
    return True


def keys_in(value: Any) -> set[str]:
    """Every object key anywhere in a JSON value."""
    keys: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            keys.update(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return keys
