"""The catalog: index the dataset once, then resolve names, filter, search and summarise.

Works on plain JSON-shaped dicts, as loaded (a user's file after validation), so the
JSON writers can print records as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from .errors import BadValue, NotFound
from .vocabulary import DOMAIN_LABELS, TYPE_LABELS, fold, fold_words

Partner = dict[str, Any]
PERIOD_ALL = "all"


def _phrases(name: str) -> set[str]:
    """Every run of consecutive words of a name, folded: 'life sciences & health' gives
    'life', 'lifesciences', 'lifescienceshealth', 'sciences', 'health', ..."""
    words = fold_words(name).split()
    return {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}


def match_values(option: str, values: Iterable[str], vocab: dict[str, list[str]]) -> set[str]:
    """Map each user value to the vocabulary ids it names: by id, by name, or by a word
    or run of words of a name. An unknown value is a usage error listing the valid ids."""
    keys: dict[str, set[str]] = {}
    for vid, names in vocab.items():
        for key in {fold(vid), *(fold(n) for n in names)} | set().union(*(_phrases(n) for n in names)):
            keys.setdefault(key, set()).add(vid)
    chosen: set[str] = set()
    for value in values:
        hit = keys.get(fold(value))
        if not hit:
            raise BadValue(option, value, sorted(vocab))
        chosen |= hit
    return chosen


class Resolution(NamedTuple):
    partner: Partner
    note: str | None = None  # why a name led here, when it is not the partner's own


class Selection(NamedTuple):
    partners: list[Partner]
    cross_sector_left_out: list[Partner]


class Catalog:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.partners: list[Partner] = data["partners"]
        self.rounds: list[dict[str, Any]] = sorted(data["rounds"], key=lambda r: r["start_year"])
        self.current_round: str = self.rounds[-1]["id"]
        self.by_id: dict[str, Partner] = {p["id"]: p for p in self.partners}
        self.countries: dict[str, str] = {c["code"]: c["name"] for c in data["countries"]}
        self.sources: dict[str, dict[str, Any]] = {s["id"]: s for s in data["sources"]}
        self._names: dict[str, list[tuple[str, str | None]]] | None = None

    # -- names -----------------------------------------------------------------------
    @property
    def names(self) -> dict[str, list[tuple[str, str | None]]]:
        """Folded name -> [(partner id, note)], built on first use."""
        if self._names is None:
            index: dict[str, list[tuple[str, str | None]]] = {}

            def add(key: str, pid: str, note: str | None = None) -> None:
                entries = index.setdefault(fold(key), [])
                if all(pid != e[0] for e in entries):
                    entries.append((pid, note))

            for p in self.partners:
                add(p["id"], p["id"])
                add(p["name"], p["id"])
                if p["number"] is not None:
                    add(str(p["number"]), p["id"])
                if p["full_name"]:
                    add(p["full_name"], p["id"])
                for alias in p["aliases"]:
                    add(alias, p["id"])
            # Later names from dated events (a rename), after the partners' own names.
            for p in self.partners:
                for event in p["events"]:
                    if event["new_name"]:
                        note = f"{p['name']} was {event['kind']} {event['new_name']} on {event['date']}"
                        add(event["new_name"], p["id"], note)
            index.pop("", None)
            self._names = index
        return self._names

    def resolve(self, query: str) -> Resolution:
        """Exact lookup of a name, ignoring case, accents, spaces and punctuation. No
        guessing: a miss raises NotFound with suggestions, so does an ambiguous name."""
        hits = self.names.get(fold(query), [])
        if len(hits) == 1:
            pid, note = hits[0]
            return Resolution(self.by_id[pid], note)
        if len(hits) > 1:
            names = ", ".join(self.by_id[pid]["name"] for pid, _ in hits)
            raise NotFound(f"{query!r} names more than one partner: {names}; be more specific")
        suggestions = self.suggest(query)
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        raise NotFound(f"no partner named {query!r}{hint} (see 'fitpartners list --period all')")

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        """Ranked names close to the query, only ever used as a hint."""
        import difflib  # only on a miss: keeps start-up lean

        key = fold(query)
        if not key:
            return []
        scores: dict[str, float] = {}
        for name, entries in self.names.items():
            score = difflib.SequenceMatcher(None, key, name).ratio()
            # A typo in the first word of a longer name ('flandrs' for 'flanders.bio').
            prefix = difflib.SequenceMatcher(None, key, name[: len(key) + 1]).ratio()
            score = max(score, prefix - 0.05)
            if len(key) >= 3 and (key in name or name in key):
                score = max(score, 0.75)
            for pid, _ in entries:
                scores[pid] = max(scores.get(pid, 0.0), score)
        close = [pid for pid, score in scores.items() if score >= 0.6]
        close.sort(key=lambda pid: (-scores[pid], self.by_id[pid]["number"] or 10**9))
        return [self.by_id[pid]["name"] for pid in close[:limit]]

    # -- vocabularies ------------------------------------------------------------------
    def type_vocab(self) -> dict[str, list[str]]:
        return {k: list(v.values()) for k, v in TYPE_LABELS.items()}

    def domain_vocab(self) -> dict[str, list[str]]:
        return {k: list(v.values()) for k, v in DOMAIN_LABELS.items()}

    def country_vocab(self) -> dict[str, list[str]]:
        return {code: [name] for code, name in self.countries.items()}

    def period_vocab(self) -> dict[str, list[str]]:
        vocab = {r["id"]: [r["id"]] for r in self.rounds}
        vocab[PERIOD_ALL] = [PERIOD_ALL]
        return vocab

    def period(self, value: str | None) -> set[str]:
        """Round ids for a --period value (default: the current round)."""
        if value is None:
            return {self.current_round}
        chosen = match_values("--period", [value], self.period_vocab())
        if PERIOD_ALL in chosen:
            return {r["id"] for r in self.rounds}
        return chosen

    # -- selecting ---------------------------------------------------------------------
    def in_period(self, rounds: set[str]) -> list[Partner]:
        return [p for p in self.partners if any(m["round"] in rounds for m in p["rounds"])]

    def select(
        self,
        *,
        types: Sequence[str] = (),
        domains: Sequence[str] = (),
        countries: Sequence[str] = (),
        period: str | None = None,
        all_sectors: bool = False,
    ) -> Selection:
        """OR within one filter, AND across filters."""
        type_ids = match_values("--type", types, self.type_vocab()) if types else None
        domain_ids = match_values("--domain", domains, self.domain_vocab()) if domains else None
        codes = match_values("--country", countries, self.country_vocab()) if countries else None
        chosen: list[Partner] = []
        left_out: list[Partner] = []
        for p in self.in_period(self.period(period)):
            if type_ids is not None and p["type"] not in type_ids:
                continue
            if codes is not None and p["country"] not in codes:
                continue
            if domain_ids is not None and not domain_ids.intersection(p["domains"]):
                if p["cross_sector"]:
                    if all_sectors:
                        chosen.append(p)
                    else:
                        left_out.append(p)
                continue
            chosen.append(p)
        return Selection(chosen, left_out)

    @staticmethod
    def sort(partners: list[Partner], by: str) -> list[Partner]:
        """By number (the press release's order, partners without one last), by name, or
        by type in the vocabulary's order."""
        if by == "name":
            return sorted(partners, key=lambda p: fold(p["name"]))
        if by == "type":
            order = {t: i for i, t in enumerate(TYPE_LABELS)}
            return sorted(partners, key=lambda p: (order.get(p["type"], len(order)), p["number"] or 10**9))
        return sorted(partners, key=lambda p: (p["number"] is None, p["number"] or 0))

    def search(self, text: str, period: str | None = None) -> list[Partner]:
        """Phrase search over names, aliases, full names and both descriptions, ignoring
        case and accents. Name hits rank before description hits."""
        needle = fold_words(text)
        if not needle:
            return []
        ranked: list[tuple[int, int, Partner]] = []
        for p in self.in_period(self.period(period)):
            names = [p["name"], p["id"], *p["aliases"], *([p["full_name"]] if p["full_name"] else [])]
            folded = [fold_words(n) for n in names]
            if needle in folded:
                rank = 0
            elif any(f" {needle} " in f" {n} " for n in folded):
                rank = 1
            elif any(needle in n for n in folded):
                rank = 2
            elif p["description"] and any(
                needle in fold_words(p["description"][lang]) for lang in ("nl", "en")
            ):
                rank = 3
            else:
                continue
            ranked.append((rank, p["number"] or 10**9, p))
        ranked.sort(key=lambda t: (t[0], t[1]))
        return [p for _, _, p in ranked]

    # -- overviews ---------------------------------------------------------------------
    def domain_overview(self, period: str | None = None) -> list[dict[str, Any]]:
        partners = self.in_period(self.period(period))
        rows = []
        for did, labels in DOMAIN_LABELS.items():
            members = [p["id"] for p in partners if did in p["domains"]]
            rows.append({"id": did, "label": labels, "count": len(members), "partners": members})
        cross = [p["id"] for p in partners if p["cross_sector"]]
        rows.append(
            {
                "id": "cross-sector",
                "label": {"en": "all sectors (cross-sector)", "nl": "alle sectoren (sectoroverschrijdend)"},
                "count": len(cross),
                "partners": cross,
            }
        )
        return rows

    def type_overview(self, period: str | None = None) -> list[dict[str, Any]]:
        partners = self.in_period(self.period(period))
        rows = []
        for tid, labels in TYPE_LABELS.items():
            members = [p["id"] for p in partners if p["type"] == tid]
            rows.append({"id": tid, "label": labels, "count": len(members), "partners": members})
        unknown = [p["id"] for p in partners if p["type"] is None]
        if unknown:
            rows.append(
                {
                    "id": None,
                    "label": {"en": "type not in the sources", "nl": "type niet in de bronnen"},
                    "count": len(unknown),
                    "partners": unknown,
                }
            )
        return rows

    def matrix(self, period: str | None = None) -> list[dict[str, Any]]:
        rows = []
        for p in self.in_period(self.period(period)):
            row: dict[str, Any] = {"id": p["id"], "number": p["number"], "name": p["name"]}
            for did in DOMAIN_LABELS:
                row[did] = did in p["domains"]
            row["cross_sector"] = p["cross_sector"]
            rows.append(row)
        # Partners with domains first, the cross-sector ones set apart at the end.
        rows.sort(key=lambda r: (bool(r["cross_sector"]), r["number"] or 10**9))
        return rows

    def history(self) -> list[dict[str, Any]]:
        """Between consecutive rounds: who continued, who joined, who left."""
        steps = []
        for before, after in zip(self.rounds, self.rounds[1:], strict=False):
            was = [p["id"] for p in self.in_period({before["id"]})]
            now = [p["id"] for p in self.in_period({after["id"]})]
            continued = [pid for pid in now if pid in was]
            joined = [pid for pid in now if pid not in was]
            left = [pid for pid in was if pid not in now]
            steps.append(
                {
                    "from": before["id"],
                    "to": after["id"],
                    "continued": continued,
                    "joined": joined,
                    "left": left,
                    "counts": {
                        "before": len(was),
                        "after": len(now),
                        "continued": len(continued),
                        "joined": len(joined),
                        "left": len(left),
                    },
                }
            )
        return steps

    def about(self) -> dict[str, Any]:
        programme = self.data["programme"]
        current = self.rounds[-1]
        per_type: dict[str, int] = {}
        for p in self.in_period({current["id"]}):
            if p["type"]:
                per_type[p["type"]] = per_type.get(p["type"], 0) + 1
        used = dict.fromkeys([*programme["sources"], *(s for r in self.rounds for s in r["sources"])])
        return {
            "programme": programme,
            "rounds": self.rounds,
            "current_round": current["id"],
            "partners_per_type": per_type,
            "sources": [self.sources[s] for s in used if s in self.sources],
            # Every source of the dataset, so that the ids in a partner's "sources" resolve.
            "all_sources": list(self.sources.values()),
        }
