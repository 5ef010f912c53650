"""fitpartners: the structural partners of Flanders Investment & Trade (FIT), as a
command-line tool and a Python API.

    >>> import fitpartners
    >>> catalog = fitpartners.load()                 # the bundled dataset, validated
    >>> [p.name for p in catalog.partners][:2]       # the current round, as `list` shows
    ['Agoria', 'BCECC']
    >>> catalog.lookup("medvia").name                # as `show` resolves a name
    'flanders.healthTech'
    >>> catalog.search("food japan")[0].partner.id   # as `search` ranks
    'fevia-vlaanderen'

The names below are imported on first use (PEP 562), so `import fitpartners` loads
none of Typer, Rich and Pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

__all__ = [
    "Catalog",
    "DataError",
    "NotFound",
    "Partner",
    "SearchHit",
    "Selection",
    "__version__",
    "load",
]

if TYPE_CHECKING:
    from .api import load
    from .catalog import Catalog, SearchHit, Selection
    from .dataset.models import Partner
    from .errors import DataError, NotFound

_WHERE = {
    "load": "api",
    "Catalog": "catalog",
    "SearchHit": "catalog",
    "Selection": "catalog",
    "DataError": "errors",
    "NotFound": "errors",
    "Partner": "dataset.models",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'fitpartners' has no attribute {name!r}")
    # Door (PEP 562): `import fitpartners` stays light; a name brings its module when used.
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # found once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
