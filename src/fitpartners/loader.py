"""Read a dataset: the bundled one, or a file the user names.

The bundled file ships inside the package and was validated against the Pydantic
models before release (test suite, `fitpartners validate`), so it is only parsed here.
A user's file is always validated in full; that is the only path that builds our
Pydantic models.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .errors import DataError
from .vocabulary import PARTNER_FIELDS

ENV_DATA = "FITPARTNERS_DATA"
ENV_MAX_BYTES = "FITPARTNERS_MAX_BYTES"
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
CHUNK = 4 * 1024 * 1024
BUNDLED_NAME = "bundled dataset"


def max_bytes() -> int:
    raw = os.environ.get(ENV_MAX_BYTES, "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        value = int(raw)
    except ValueError:
        raise DataError(f"{ENV_MAX_BYTES} must be a whole number of bytes, not {raw!r}") from None
    if value < 1:
        raise DataError(f"{ENV_MAX_BYTES} must be at least 1, not {value}")
    return value


def bundled_bytes() -> bytes:
    """The dataset inside the installed package. Where the package is a folder on disk
    (pip, pipx, uv) that is a file beside this module, read directly: importing
    importlib.resources would cost every run a few milliseconds. Other loaders (a zip)
    go through importlib.resources; a source checkout falls back to the top-level copy."""
    here = Path(__file__).resolve().parent
    try:
        return (here / "data" / "partners.json").read_bytes()
    except OSError:
        pass
    try:
        from importlib.resources import files

        return files("fitpartners").joinpath("data", "partners.json").read_bytes()
    except (OSError, ModuleNotFoundError):
        pass
    try:
        return (here.parents[1] / "data" / "partners.json").read_bytes()
    except OSError as exc:
        raise DataError(f"the bundled dataset is missing from this installation ({exc.strerror})") from None


def read_file(path: str) -> bytes:
    """Read a user's data file, refusing an oversized one before reading it."""
    limit = max_bytes()
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise DataError(
                    f"{path}: file is {size:,} bytes, over the limit of {limit:,} "
                    f"(set {ENV_MAX_BYTES} to raise it)"
                )
            # Read in chunks: stat cannot tell the size of pipes and devices, and a single
            # read(limit + 1) would allocate the whole limit up front.
            chunks: list[bytes] = []
            total = 0
            while total <= limit:
                chunk = handle.read(min(CHUNK, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            data = b"".join(chunks)
    except IsADirectoryError:
        raise DataError(f"{path}: is a directory, not a data file") from None
    except ValueError:  # open() refuses a path with a NUL byte before the system sees it
        raise DataError(f"{path!r}: not a usable file name") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise DataError(f"{path}: more than {limit:,} bytes (set {ENV_MAX_BYTES} to raise it)")
    return data


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse(data: bytes, origin: str) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{origin}: not UTF-8 text (bad byte at offset {exc.start})") from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"{origin}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise DataError(f"{origin}: not usable JSON: nested too deeply") from None
    except ValueError as exc:
        raise DataError(f"{origin}: not usable JSON: {exc}") from None


def check(data: bytes, origin: str) -> list[str]:
    """Every problem with a dataset's bytes (empty when valid)."""
    from . import models

    try:
        obj = parse(data, origin)
    except DataError as exc:
        return [str(exc).removeprefix(f"{origin}: ")]
    _, problems = models.validate(obj)
    return problems


def load(path: str | None) -> tuple[dict[str, Any], str]:
    """The dataset as plain JSON-shaped data, and where it came from."""
    if path is None:
        path = os.environ.get(ENV_DATA) or None
    if path is None:
        raw = parse(bundled_bytes(), BUNDLED_NAME)
        if not isinstance(raw, dict):
            raise DataError(f"{BUNDLED_NAME}: not a fitpartners dataset")
        return raw, BUNDLED_NAME
    from . import models

    obj = parse(read_file(path), path)
    dataset, problems = models.validate(obj)
    if problems or dataset is None:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DataError(
            f"{path}: invalid dataset: {problems[0]}{more}; run 'fitpartners validate {path}' for all"
        )
    # Strict models coerce nothing, so the validated document is already what the models
    # would dump; skipping the dump halves the cost on a large file. Partner keys are put
    # in schema order, the order every output promises.
    del dataset
    for i, partner in enumerate(obj["partners"]):
        obj["partners"][i] = {field: partner[field] for field in PARTNER_FIELDS}
    return obj, path
