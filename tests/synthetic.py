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


def merger_chain(raw: dict[str, Any], length: int) -> dict[str, Any]:
    """The bundled dataset with `length` partners added (clones, as `grow` makes them), each
    merged into the next: a legal chain of `length - 1` mergers whose every record is a
    partner of the latest round, so `list` shows them all, each with its status."""
    data = grow(raw, len(raw["partners"]) + length)
    clones = data["partners"][len(raw["partners"]) :]
    for before, after in zip(clones, clones[1:], strict=False):
        before["events"].append(merged_into(after["id"], _page(raw)))
    return data


def merged_into(partner: str, source: str) -> dict[str, Any]:
    """A merger event (JSON-shaped) into `partner`, on 2023-01-01, sourced by `source`."""
    return {
        "text": {"nl": "Gefuseerd.", "en": "Merged."},
        "translated": ["nl", "en"],
        "date": "2023-01-01",
        "by": None,
        "kind": "merged",
        "new_name": None,
        "partner": partner,
        "sources": [source],
    }


def aliased(raw: dict[str, Any], total: int, per_partner: int = 10) -> dict[str, Any]:
    """`grow`, with `per_partner` aliases on each clone (unique ones, sourced as the partner's
    name is): about `total * per_partner` aliases in all."""
    data = grow(raw, total)
    for p in data["partners"][len(raw["partners"]) :]:
        p["aliases"] = [f"{p['name']} alias {k}" for k in range(per_partner)]
        p["sources"]["aliases"] = list(p["sources"]["name"])
    return data


def _page(raw: dict[str, Any]) -> str:
    """A source a merger may cite: the first that is no home page."""
    for s in raw["sources"]:
        url = s["url"] or ""
        if s["id"] != "editorial" and url.split("://", 1)[-1].count("/") and not url.endswith("/"):
            return str(s["id"])
    raise ValueError("no citable page in the dataset")
