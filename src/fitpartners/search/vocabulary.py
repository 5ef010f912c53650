"""Everyday words, mapped to sectors: the editorial vocabulary of `search`.

data/vocabulary.json holds the words people use for their products and activities in
both languages, each list tied to one sector ("kaas", "cheese" -> food-drink), and the
generic words about doing business abroad ("export", "handelsmissie"). The sectors
themselves, ids and labels, are `labels.Sector` and `labels.SECTOR_LABELS`, one list as the
types and domains are, which the dataset's coverage items name too. All of it is our
judgement, not a source's statement: it is marked editorial in the file, the docs and
`about`. The file is read through the models below, once, and only by a run that needs it
(search, validate).

Dutch compounds are not listed one by one: `split_compound` splits a word into known
words (kaasexport = kaas + export; voedingsindustrie = voeding + s + industrie).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Annotated, NamedTuple

from pydantic import Field

from ..dataset.loader import read_bundled
from ..dataset.models import Record
from ..labels import SECTOR_LABELS, Sector, fold_words
from ..messages import Msg
from .countries import is_country, table_problems

GENERIC = "generic"  # the pseudo-sector of the generic words

# A word or fixed term as people type it: lower case, letters, digits, spaces, hyphens.
Term = Annotated[str, Field(pattern=r"^[^\sA-Z][^A-Z]*[^\sA-Z]$", max_length=60)]


class SectorWords(Record):
    sector: Sector
    nl: list[Term]
    en: list[Term]


class GenericWords(Record):
    nl: list[Term]
    en: list[Term]


class Vocabulary(Record):
    about: str
    words: list[SectorWords]
    generic: GenericWords

    def problems(self) -> list[str]:
        """Rules across entries: each term once (a word that meant two sectors would be a
        guess), words in both languages. (A sector id is checked by the schema.)"""
        found: list[str] = []
        owner: dict[str, str] = {}
        lists = [(f"words[{i}]", w.nl, w.en) for i, w in enumerate(self.words)]
        lists.append(("generic", self.generic.nl, self.generic.en))
        for where, nl, en in lists:
            if not nl or not en:
                found.append(f"{where}: needs words in Dutch and in English")
            # A term may stand in both languages of one list ("export"), not in two lists.
            for term in dict.fromkeys([*nl, *en]):
                first = owner.setdefault(fold_words(term), where)
                if first != where:
                    found.append(f"{where}: {term!r} is also in {first}")
        return found


class Lexicon(NamedTuple):
    """The vocabulary as lookups: a phrase (folded words) -> its sector id or GENERIC."""

    phrases: dict[tuple[str, ...], str]
    longest: int  # words in the longest phrase
    words: frozenset[str]  # every single folded word of every term


@cache
def vocabulary() -> Vocabulary:
    """The bundled vocabulary, validated; a DataError names the problem."""
    return read_bundled("vocabulary.json", Vocabulary, "vocabulary")


@cache
def lexicon() -> Lexicon:
    vocab = vocabulary()
    phrases: dict[tuple[str, ...], str] = {}
    entries: list[tuple[str, Iterable[str]]] = [(w.sector.value, [*w.nl, *w.en]) for w in vocab.words]
    entries.append((GENERIC, [*vocab.generic.nl, *vocab.generic.en]))
    for sector, terms in entries:
        for term in terms:
            words = tuple(fold_words(term).split())
            if words:
                phrases.setdefault(words, sector)
    # The sectors' own labels name them too ("voeding en dranken", "logistics").
    for sector, labels in SECTOR_LABELS.items():
        for text in (labels["nl"], labels["en"]):
            phrases.setdefault(tuple(fold_words(text).split()), sector.value)
    every = frozenset(w for phrase in phrases for w in phrase)
    return Lexicon(phrases, max(len(p) for p in phrases), every)


# Linking sounds between the parts of a Dutch compound: voeding-s-industrie, zonn-e-...
_LINKS = ("", "s", "e", "en")
_MIN_PART = 3


def split_compound(word: str, known: frozenset[str] | set[str], parts: int = 3) -> list[str] | None:
    """The known words a Dutch compound is made of, left to right, or None.

    The rule: the word is the concatenation of 2 or 3 known words of at least 3 letters,
    with an optional linking 's', 'e' or 'en' after each part but the last (kaasexport =
    kaas + export; voedingsindustrie = voeding + industrie). The split with the fewest
    parts wins, then the one whose first part is longest."""
    if parts < 2 or len(word) < 2 * _MIN_PART:
        return None
    best: list[str] | None = None
    for cut in range(len(word) - _MIN_PART, _MIN_PART - 1, -1):
        head, rest = word[:cut], word[cut:]
        if head not in known:
            continue
        for link in _LINKS:
            if not rest.startswith(link):
                continue
            tail = rest[len(link) :]
            if len(tail) >= _MIN_PART and tail in known:
                return [head, tail]
            if best is None and parts > 2:
                more = split_compound(tail, known, parts - 1)
                if more is not None:
                    best = [head, *more]
    return best


def search_data_problems(dataset: object | None = None) -> list[str]:
    """What `fitpartners validate` checks beyond the dataset's own rules: the bundled
    vocabulary and country table against their rules, and, for a valid dataset, that each
    country is an ISO 3166-1 code. (A normal run reads the vocabulary only when it
    searches, so these checks are validate's.)"""
    found = [f"vocabulary: {p}" for p in vocabulary().problems()]
    found += [f"country table: {p}" for p in table_problems()]
    for i, p in enumerate(getattr(dataset, "partners", [])):
        if p.country is not None and not is_country(p.country):
            where = f"partners[{i}] ({p.id}).country"
            found.append(
                Msg("{where}: {value!r} is no ISO 3166-1 alpha-2 code", where=where, value=p.country)
            )
    return found


__all__ = [
    "GENERIC",
    "Lexicon",
    "SectorWords",
    "Vocabulary",
    "lexicon",
    "split_compound",
    "vocabulary",
]
