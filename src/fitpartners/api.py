"""The Python API's entry point: a dataset as a Catalog, as the CLI loads it.

The API reads no environment variable (FITPARTNERS_DATA, FITPARTNERS_TODAY and the others
are the command line's): what it reads is what the call names.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

from .catalog import Catalog
from .dataset.loader import bundled_path, parse, read_bytes


def load(path: str | os.PathLike[str] | None = None, *, today: dt.date | str | None = None) -> Catalog:
    """The dataset at `path` (default: the one bundled with the package), validated
    against the schema and the cross-record rules, as a Catalog as of `today` (default:
    the system's date; it decides the current round and each partner's status).

    `today` may be a date, a datetime (its day is taken) or an ISO string 'YYYY-MM-DD'.

    Raises DataError when the file cannot be read or is not a valid dataset (the message
    names the file and the first problem; `fitpartners validate PATH` lists them all), and
    ValueError for a `today` string that is no day, TypeError for a `path` or `today` of
    another type."""
    if isinstance(today, dt.datetime):
        today = today.date()
    elif isinstance(today, str):
        today = dt.date.fromisoformat(today)
    elif today is not None and not isinstance(today, dt.date):
        raise TypeError(f"today must be a date, a datetime or a str 'YYYY-MM-DD', not {type(today).__name__}")
    if path is not None and not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a str, a path or None, not {type(path).__name__}")
    # No size cap: a caller who names a file means it.
    data, origin = read_bytes(os.fspath(path) if path is not None else str(bundled_path()), limit=sys.maxsize)
    return Catalog(parse(data, origin), today)
