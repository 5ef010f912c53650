"""Valid datasets of any size, made from the bundled one (for pipe tests and benchmarks)."""

from __future__ import annotations

import copy
from typing import Any


def grow(raw: dict[str, Any], total: int) -> dict[str, Any]:
    """The bundled dataset with clones of its current partners added up to `total`
    partners. Clones get new ids, numbers and names and no aliases, so that every name
    stays unique and the result passes validation."""
    data = copy.deepcopy(raw)
    current = [p for p in raw["partners"] if p["number"] is not None]
    partners = data["partners"]
    number = max(p["number"] for p in current)
    k = 0
    while len(partners) < total:
        template = current[k % len(current)]
        k += 1
        number += 1
        clone = copy.deepcopy(template)
        clone.update(
            id=f"{template['id']}-{k}",
            number=number,
            name=f"{template['name']} {k}",
            full_name=None,
            aliases=[],
            former_names=[],
            events=[],
        )
        # No source for the fields emptied above: the validator refuses that.
        emptied = ("full_name", "aliases", "former_names")
        clone["sources"] = {f: ids for f, ids in clone["sources"].items() if f not in emptied}
        partners.append(clone)
    return data
