"""Read a dataset into the models: the bundled one, a file the user names, or stdin.

One path for every dataset: bytes -> `Dataset.model_validate_json` (pydantic-core parses
and validates in one pass) -> the cross-record rules. A bundled file that drifted from
the models is a data error like any other, naming the file, the record and the field.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import DataError, StreamError, UsageError, ctrl_c_to_system, os_reason
from ..messages import Msg, Whole, bilingual_num
from .models import Dataset
from .rules import cross_check

M = TypeVar("M", bound=BaseModel)

ENV_DATA = "FITPARTNERS_DATA"
ENV_MAX_BYTES = "FITPARTNERS_MAX_BYTES"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
CHUNK = 4 * 1024 * 1024
STDIN = "-"
REMEMBER_BYTES = 2 * 1024 * 1024  # datasets up to this size are validated once per process
BOM = b"\xef\xbb\xbf"


@functools.cache
def _json() -> ModuleType:
    # Door: the json module, for an invalid file and `validate` only (pydantic-core reads a valid one).
    import json

    return json


def max_bytes() -> int:
    given = os.environ.get(ENV_MAX_BYTES, "")
    if not given.strip():
        return DEFAULT_MAX_BYTES
    try:
        value = int(given)  # spaces around it are allowed, as by int()
    except ValueError:
        raise UsageError(
            Msg("{env} must be a whole number of bytes, not {raw!r}", env=ENV_MAX_BYTES, raw=given)
        ) from None
    if value < 1:
        raise UsageError(Msg("{env} must be at least 1, not {value}", env=ENV_MAX_BYTES, value=value))
    return value


def bundled_path(name: str = "partners.json") -> Path:
    """A data file inside the installed package (the wheel carries data/); in a source
    checkout, the top-level copy that the wheel is built from."""
    package = Path(__file__).resolve().parents[1]
    inside = package / "data" / name
    return inside if inside.exists() else package.parents[1] / "data" / name


def read_bundled(name: str, model: type[M], what: str) -> M:
    """A data file of the package other than the dataset (the vocabulary, the country table
    and index), read through its model. Raises DataError, one line: the file and its first
    problem ('...: not a valid country index: phrases.japan: String should match ...')."""
    path = bundled_path(name)
    try:
        return model.model_validate_json(path.read_bytes())
    except (OSError, ValidationError) as exc:
        raise DataError(f"{path}: not a valid {what}: {_first_problem(exc)}") from None


def _first_problem(exc: OSError | ValidationError) -> str:
    if isinstance(exc, OSError):
        return str(exc.strerror or exc)
    e = exc.errors()[0]  # of the first problem, only its place and message
    # are said; the place is empty for the file as a whole (not JSON)
    return f"{_location(tuple(e['loc']), {})}: {_message(e)}" if e["loc"] else e["msg"]


def _message(error: Any) -> str:
    """Pydantic's message for a problem, and for a value outside a list of choices (an
    unknown type, domain or sector), that value: the message lists only the choices."""
    if error["type"] != "enum":
        return str(error["msg"])
    shown = repr(error["input"])
    return Msg(
        "{problem}, not {value}",
        problem=error["msg"],
        value=shown if len(shown) <= 60 else shown[:56] + "..." + shown[-1],
    )


def _read(handle: Any, origin: str, limit: int) -> bytes:
    # In chunks: stat cannot tell the size of pipes and devices, and one read(limit + 1)
    # would allocate the whole limit up front.
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = handle.read(min(CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:
        raise DataError(
            Msg(
                "{origin}: more than {limit} bytes (set {env} to raise it)",
                origin=origin,
                limit=bilingual_num(limit),
                env=ENV_MAX_BYTES,
            )
        )
    return b"".join(chunks)


def shown_name(path: str) -> str:
    """A file name as messages and JSON give it: bytes of the name that are no UTF-8 (which
    Python holds as surrogate escapes, and no UTF-8 output can carry) as \\xNN. A lone
    surrogate that stands for no byte raises UnicodeEncodeError (a ValueError), as open()
    does."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def read_bytes(path: str | None, limit: int | None = None) -> tuple[bytes, str]:
    """The bytes of a dataset and its name for messages (shown_name): `path`, or stdin for '-', or
    the bundled file for None. A file over the size cap (`limit` bytes, default
    FITPARTNERS_MAX_BYTES or 50 MiB) is refused before it is read."""
    limit = max_bytes() if limit is None else limit
    if path == STDIN:
        if sys.stdin is None:  # started with stdin closed (`... validate - <&-`)
            raise StreamError("stdin", Msg("it is closed"))
        try:
            return _read(sys.stdin.buffer, "<stdin>", limit), "<stdin>"
        except OSError as exc:
            raise StreamError.of("stdin", exc) from None
    name = path if path is not None else str(bundled_path())
    try:
        shown = shown_name(name)
        with open(name, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise DataError(
                    Msg(
                        "{origin}: file is {size} bytes, over the limit of {limit} (set {env} to raise it)",
                        origin=shown,
                        size=bilingual_num(size),
                        limit=bilingual_num(limit),
                        env=ENV_MAX_BYTES,
                    )
                )
            return _read(handle, shown, limit), shown
    except IsADirectoryError:
        raise DataError(Msg("{origin}: is a directory, not a data file", origin=shown)) from None
    except ValueError:  # a NUL byte, or a lone surrogate: no name the system could be given
        raise DataError(Msg("{origin!r}: not a usable file name", origin=name)) from None
    except OSError as exc:
        raise DataError(Msg("{origin}: cannot read: {reason}", origin=shown, reason=os_reason(exc))) from None


def _record_ids(data: bytes) -> dict[tuple[str, int], str]:
    """(list name, index) -> id of the record there, to name records in messages; only
    computed when a file is invalid, and empty when it is not JSON at all."""
    try:
        doc = _json().loads(data)
    except (ValueError, RecursionError):
        return {}
    ids: dict[tuple[str, int], str] = {}
    if isinstance(doc, dict):
        for key in ("partners", "rounds", "sources"):
            items = doc.get(key)
            for i, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    ids[(key, i)] = item["id"]
    return ids


def _location(loc: tuple[int | str, ...], ids: dict[tuple[str, int], str]) -> str:
    """('partners', 2, 'aliases', 0) -> 'partners[2] (bva).aliases[0]'."""
    out = ""
    for k, part in enumerate(loc):
        if isinstance(part, int):
            out += f"[{part}]"
            record = ids.get((str(loc[k - 1]), part)) if k == 1 else None
            if record is not None:
                out += f" ({record})"
        else:
            out += f".{part}" if out else str(part)
    return out or Msg("(top level)")


def problems(data: bytes) -> tuple[Dataset | None, list[str]]:
    """The dataset, if valid, and every problem: the schema's and the cross-record ones."""
    data = data.removeprefix(BOM)  # an editor's UTF-8 signature is still UTF-8
    try:
        with ctrl_c_to_system():  # pydantic-core holds the interpreter: Ctrl-C by the system's default
            dataset = Dataset.model_validate_json(data)
    except ValidationError as exc:
        errors = exc.errors()
        if errors and errors[0]["type"] == "json_invalid":
            return None, [
                Msg("not valid JSON: {problem}", problem=errors[0]["msg"].removeprefix("Invalid JSON: "))
            ]
        ids = _record_ids(data)
        found: list[str] = [
            Msg("{place}: {problem}", place=_location(tuple(e["loc"]), ids), problem=_message(e))
            for e in errors
        ]
        return None, found + _cross_check_valid_partners(data, errors)
    return dataset, cross_check(dataset)


_AT_PARTNER = re.compile(r"partners\[(\d+)\] \(([a-z0-9-]+)\)")


def _cross_check_valid_partners(data: bytes, errors: list[Any]) -> list[str]:
    """The cross-record rules on the partners that are valid on their own, so that one
    run reports every problem of a file. Only when every schema error is inside partner
    records: the programme, rounds and sources are the frame the partners are checked
    against. Locations keep each partner's place in the file."""
    bad: set[int] = set()
    for e in errors:
        loc = tuple(e["loc"])
        if len(loc) < 2 or loc[0] != "partners" or not isinstance(loc[1], int):
            return []
        bad.add(loc[1])
    doc = _json().loads(data)
    kept = [i for i in range(len(doc["partners"])) if i not in bad]
    try:
        valid_partners = [doc["partners"][i] for i in kept]
        with ctrl_c_to_system():
            rest = Dataset.model_validate_json(_json().dumps({**doc, "partners": valid_partners}))
    except (ValidationError, ValueError):
        return []
    # The ids of the records left out; one that is no string (an object, a list) can be
    # named by no reference.
    left_out = {
        p["id"]
        for i, p in enumerate(doc["partners"])
        if i in bad and isinstance(p, dict) and isinstance(p.get("id"), str)
    }

    def at(match: re.Match[str]) -> str:
        k, pid = int(match.group(1)), match.group(2)
        return f"partners[{kept[k]}] ({pid})" if rest.partners[k].id == pid else match.group()

    # A reference to a record left out is no problem of the file: a problem that ends with
    # one of these (each looked up, not each compared: many problems, many records left out).
    named = {f"{_UNKNOWN_PARTNER}{pid!r}" for pid in left_out}
    return [_relocated(problem, at) for problem in cross_check(rest) if not _ends_in(problem, named)]


def _relocated(problem: str, at: Callable[[re.Match[str]], str]) -> str:
    """A problem with each partner's place as it is in the file: a Msg stays one (said in
    the language of the run), its places moved in its values."""
    if isinstance(problem, Msg) and problem.plural is None:
        values = {k: _AT_PARTNER.sub(at, v) if type(v) is str else v for k, v in problem.values.items()}
        return Msg(problem.key, **values)
    return _AT_PARTNER.sub(at, problem)


_UNKNOWN_PARTNER = "unknown partner "


def _ends_in(problem: str, endings: set[str]) -> bool:
    """Whether `problem` ends with one of `endings`, each of which begins 'unknown partner '."""
    at = problem.find(_UNKNOWN_PARTNER)
    while at >= 0:
        if problem[at:] in endings:
            return True
        at = problem.find(_UNKNOWN_PARTNER, at + 1)
    return False


def parse(data: bytes, origin: str, path: str | None = None) -> Dataset:
    """A valid dataset, or a DataError naming the first problem (and how many more) and
    the command that lists them all, ready to paste (`path`: the file as given, else
    `origin`)."""
    # A large file is validated afresh: keeping its bytes as a cache key would keep them alive.
    dataset, found = _checked(data) if len(data) <= REMEMBER_BYTES else problems(data)
    if dataset is None or found:
        more = Msg(" (and {count} more)", count=len(found) - 1) if len(found) > 1 else ""
        raise DataError(
            Msg(
                "{origin}: invalid dataset: {problem}{more}; to see all: fitpartners validate {path}",
                origin=origin,
                problem=found[0],
                more=more,
                path=Whole("-" if origin == "<stdin>" else _quoted(path or origin)),
            )
        )
    return dataset


def _quoted(path: str) -> str:
    """A path as a shell reads it back: in shlex's quotes, or, when it holds a character
    a terminal would not show as it is (a control, a byte that is no UTF-8), as $'...'
    with escapes (bash, zsh, ksh and POSIX sh since 2024), so that what is pasted names
    the same file."""
    if not path.isprintable():
        return "$'" + "".join(_quoted_char(c) for c in path) + "'"
    # Door: shlex, for a message only.
    import shlex

    return shlex.quote(path)


def _quoted_char(c: str) -> str:
    if c in "'\\":
        return "\\" + c
    if c.isprintable():
        return c
    return "".join(f"\\x{b:02x}" for b in c.encode("utf-8", "surrogateescape"))


@functools.lru_cache(maxsize=4)
def _checked(data: bytes) -> tuple[Dataset | None, tuple[str, ...]]:
    """problems(), remembered for the same bytes: the models are frozen, so a process that
    loads the same file again (a notebook calling fitpartners.load(), a test suite) shares
    one validated dataset instead of validating it again."""
    dataset, found = problems(data)
    return dataset, tuple(found)


def read_dataset(path: str | None = None) -> Dataset:
    """The dataset for a command: `path`, else FITPARTNERS_DATA (an error names it), else
    the bundled one."""
    chosen = path or os.environ.get(ENV_DATA) or None
    with named_by_variable(not path and chosen is not None):
        data, origin = read_bytes(chosen)
        return parse(data, origin, chosen)


@contextlib.contextmanager
def named_by_variable(chosen_by_it: bool) -> Iterator[None]:
    """An error about the file (or stdin, for '-') that FITPARTNERS_DATA chose names the
    variable: a user may have forgotten that it is set."""
    try:
        yield
    except (DataError, StreamError) as exc:
        if not chosen_by_it:
            raise
        exc.args = (Msg("{env}: {problem}", env=ENV_DATA, problem=exc.args[0]),)
        raise


class _Object(dict[str, Any]):
    """A JSON object as parsed, with the keys it held more than once."""

    repeated: list[str]


def _keep_repeats(pairs: list[tuple[str, Any]]) -> _Object:
    obj = _Object()
    obj.repeated = []
    for key, value in pairs:
        if key in obj and key not in obj.repeated:
            obj.repeated.append(key)
        obj[key] = value
    return obj


def duplicate_keys(data: bytes) -> list[str]:
    """A problem for each key that an object of the file holds twice (JSON readers keep
    the last in silence: `"name": "Evil", "name": "Voka"` reads as Voka), with the path of
    its object. Only `validate` asks: a normal run reads the file once, through pydantic."""
    try:
        doc = _json().loads(data.removeprefix(BOM), object_pairs_hook=_keep_repeats)
    except (ValueError, RecursionError):
        return []  # not JSON: the schema's check says so
    found: list[str] = []

    def walk(value: Any, path: str, top: str | None) -> None:
        if isinstance(value, _Object):
            for key in value.repeated:
                where = path or Msg("(top level)")
                found.append(Msg("{where}: duplicate key {key!r}", where=where, key=key))
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else key, key if not path else None)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                record = item.get("id") if top and isinstance(item, dict) else None
                walk(item, f"{path}[{i}]" + (f" ({record})" if isinstance(record, str) else ""), None)

    walk(doc, "", None)
    return found
