"""Close matches, for hints only ("did you mean"): one helper over rapidfuzz, for partner
names, country names and the words of an empty search. Imported only on a miss."""

from __future__ import annotations

from collections.abc import Iterable

from ..labels import fold

CUTOFF = 60.0  # rapidfuzz's 0-100 similarity below which nothing is suggested


def closest(query: str, candidates: Iterable[tuple[str, str]], limit: int = 3) -> list[str]:
    """The answers of the candidates (text, answer) whose text is closest to `query`, best
    first, each answer once; [] when none is close. Case, accents and punctuation are
    ignored; a slip in the first word of a longer text counts ('flandrs' for
    'flanders.bio'). Ties keep the candidates' order."""
    from rapidfuzz import fuzz

    key = fold(query)
    if not key:
        return []
    best: dict[str, float] = {}
    for text, answer in candidates:
        folded = fold(text)
        if not folded:
            continue
        score = max(fuzz.ratio(key, folded), fuzz.ratio(key, folded[: len(key) + 1]) - 5)
        if score >= CUTOFF and score > best.get(answer, -1.0):
            best[answer] = score
    order = {answer: i for i, answer in enumerate(best)}
    return sorted(best, key=lambda a: (-best[a], order[a]))[:limit]
