"""Close matches, for hints and typos: one helper over rapidfuzz for partner names, country
names and the words of an empty search ("did you mean"), and one for the known words
within a few edits of a query word (a typo)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from types import ModuleType

from ..labels import fold

CUTOFF = 60.0  # rapidfuzz's 0-100 similarity below which nothing is suggested


@cache
def _rapidfuzz() -> ModuleType:
    # Door: rapidfuzz loads its compiled scorers; only a miss or a typo needs them.
    import rapidfuzz

    return rapidfuzz


def closest(query: str, candidates: Iterable[tuple[str, str]], limit: int = 3) -> list[str]:
    """The answers of the candidates (text, answer) whose text is closest to `query`, best
    first, each answer once; [] when none is close. Case, accents and punctuation are
    ignored; a slip in the first word of a longer text counts ('flandrs' for
    'flanders.bio'). Ties keep the candidates' order."""
    key = fold(query)
    if not key:
        return []
    ratio = _rapidfuzz().fuzz.ratio
    best: dict[str, float] = {}
    for text, answer in candidates:
        folded = fold(text)
        if not folded:
            continue
        score = max(ratio(key, folded), ratio(key, folded[: len(key) + 1]) - 5)
        if score >= CUTOFF and score > best.get(answer, -1.0):
            best[answer] = score
    order = {answer: i for i, answer in enumerate(best)}
    return sorted(best, key=lambda a: (-best[a], order[a]))[:limit]


def within_edits(word: str, known: Sequence[str], most: int) -> list[str]:
    """Known words within `most` edits of `word` (optimal string alignment: a swap of two
    neighbouring letters is one edit), the closest first."""
    rapidfuzz = _rapidfuzz()
    close = rapidfuzz.process.extract(
        word, known, scorer=rapidfuzz.distance.OSA.distance, score_cutoff=most, limit=None
    )
    close.sort(key=lambda c: (c[1], c[0]))
    best = close[0][1] if close else None
    return [c[0] for c in close if c[1] == best]
