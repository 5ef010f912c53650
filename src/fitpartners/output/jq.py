"""--jq: a jq program over the JSON a command prints, through the jq package (libjq in a
wheel), as the jq program runs it.
"""

from __future__ import annotations

import json
from typing import Any

import jq

from ..errors import JqError, JqHalt, UsageError, ctrl_c_to_system
from ..messages import Msg
from .stream import safe_json, sanitize, write

FLUSH_AT = 8192  # characters of results gathered before they are written, as a pipe's buffer

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
    # libjq holds the interpreter while it runs (`last(range(3e8))` for minutes): Ctrl-C
    # ends the process by the system's default action meanwhile (interrupts.held).
    with ctrl_c_to_system():
        try:
            jq.compile(expression)  # alone, so that an error names the user's line and column
            program = jq.compile(_HALT_DEFS + expression)
        except UnicodeEncodeError:  # bytes that are no UTF-8 in the command line
            raise UsageError(Msg("invalid value for --jq: it is not UTF-8 text")) from None
        except ValueError as exc:  # jq's message, first line: the error and where (the lines after show it)
            first = str(exc).splitlines()[0].removeprefix("jq: error: ").removesuffix(":")
            raise UsageError(Msg("invalid value for --jq: {problem}", problem=first)) from None
        lines: list[str] = []  # results not yet written, about FLUSH_AT characters at most
        size = 0
        try:
            for result in program.input_value(value):
                line = (sanitize(result, raw=True) if isinstance(result, str) else _jq_json(result)) + "\n"
                lines.append(line)
                size += len(line)
                if size >= FLUSH_AT:
                    write("".join(lines))
                    lines, size = [], 0
        except ValueError as exc:
            write("".join(lines))
            halted = _halt(str(exc))
            if halted is not None:
                raise JqHalt(*halted) from None
            raise JqError(Msg("jq: error: {problem}", problem=str(exc))) from None
        write("".join(lines))


def _jq_json(value: Any) -> str:
    """A jq result as jq prints it with -c: the json module writes numbers as jq does (1e-05,
    where pydantic-core writes 0.00001)."""
    return safe_json(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def _halt(message: str) -> tuple[int, str] | None:
    """(exit code, text for stderr) when the message is our halt marker, else None."""
    if not message.startswith(f'{{"{_HALT_KEY}"'):
        return None
    value, code = json.loads(message)[_HALT_KEY]
    if code is None:  # halt: stop, exit 0, nothing said
        return 0, ""
    text = value if isinstance(value, str) else _jq_json(value) + "\n"
    return int(code), text  # a number, as halt_error checks; jq drops a fraction (1.5 exits 1)
