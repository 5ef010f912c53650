"""Find the right partner: ranked search over what the data says, and name resolution.

search() answers a question in a few words ("food japan", "kamer van koophandel"):
every partner that matches at least one query word, best first, each with the words
and fields it matched in. resolve() turns one name a user typed into one partner.

Matching is case- and accent-blind, on word boundaries: a query word matches the start
of a word of the partner's text ("chem" finds "chemistry"), except that a word of two
or three letters is an acronym and matches whole words only ("ai" finds "AI", never
"sustainable"). A small synonym table bridges the user's words and the data's.

Light on purpose: no Rich, no Pydantic at import time (partners are duck-typed models),
pycountry only through countries.py, inside functions.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from .errors import NotFound
from .filters import LABEL_WORDS_NL
from .labels import DOMAIN_LABELS, DOMAIN_SHORT, SPEARHEAD_LABEL, TYPE_LABELS, fold, fold_words

if TYPE_CHECKING:
    from .models import Name, Partner

# Words that carry no meaning in a question, Dutch and English. Only function words:
# "us" and "it" stay (the United States, information technology).
_STOP_NL = (
    "de het een en of van voor in op met aan bij door naar uit te tot om over die dat der den des er "
    "is zijn ik je me mij mijn ons onze wie wat welke hoe waar kan kunnen"
)
_STOP_EN = (
    "the a an and or of for in on to with by at from about is are be i me my we our your "
    "who what which how where can could"
)
STOP_WORDS: frozenset[str] = frozenset(f"{_STOP_NL} {_STOP_EN}".split())

# Query words -> the words our data uses for the same thing, so a question asked in the
# user's words finds the partner described in ours. Each entry closes a gap seen in the
# data; words the data has in both languages ("textile"/"textiel", "energy"/"energie",
# "chamber"/"kamer") need none. Dutch words for the English words of the type and
# domain labels (voeding -> food, logistiek -> logistics, ...) come from
# filters.LABEL_WORDS_NL and are added to these.
SYNONYMS: dict[str, tuple[str, ...]] = {
    # essenscia says "chemistry"/"chemie", the domain label "chemistry".
    "chemical": ("chemistry", "chemie"),
    "chemisch": ("chemie", "chemistry"),
    "chemische": ("chemie", "chemistry"),
    # flanders.bio: "bio" in its name, "lifesciences" in its description.
    "biotech": ("bio", "lifesciences"),
    "biotechnology": ("bio", "lifesciences"),
    "biotechnologie": ("bio", "lifesciences"),
    # FLEGA: "games".
    "gaming": ("games",),
    # The domain label and flanders.healthTech say "health".
    "healthcare": ("health",),
    # The Beacon: "artificial intelligence" / "artificiële intelligentie", "Internet of Things".
    "ai": ("artificial", "artificiele"),
    "kunstmatige": ("artificial", "artificiele"),
    "iot": ("internet",),
    # SIM: "sustainable materials" / "duurzame materialen".
    "sustainability": ("sustainable",),
    "duurzaam": ("duurzame",),
    "duurzaamheid": ("duurzame", "sustainable"),
    # DSP Valley: "digital" / "digitale".
    "digitaal": ("digitale", "digital"),
    # The Dutch type label: "Kamer van Koophandel".
    "handelskamer": ("kamer", "koophandel"),
    # The chambers' countries as adjectives, to the country (the chambers' names say
    # "Chinese", "Vietnamese", "Indian"; their country field names the country).
    "chinese": ("china",),
    "chinees": ("chinese", "china"),
    "vietnamese": ("vietnam",),
    "vietnamees": ("vietnamese", "vietnam"),
    "indian": ("india",),
    "indiaas": ("indian", "india"),
}

# Fields searched, with their weights: names over labels over descriptions over the
# rest. A word's score is its best field's weight plus a fraction for the others.
WEIGHTS: dict[str, int] = {
    "name": 5,  # id, name, number
    "full_name": 5,
    "aliases": 4,
    "former_names": 4,
    "later_names": 4,  # a rename after the sources listed the partner
    "type": 3,  # type label (and spearhead cluster), both languages
    "domains": 3,  # domain labels and short labels
    "country": 3,  # a chamber's country, English and Dutch names
    "description_en": 2,
    "description_nl": 2,
    "events": 1,  # text, new name, the partner it merged into or passed work to
    "notes": 1,
}
_ALL_WEIGHTS = sum(WEIGHTS.values())
_WORD_MAX = max(WEIGHTS.values()) + 1  # a word's score is always below this
GENERAL_FIELD = "cross_sector"
NO_NUMBER = 10**9  # partners without a number (earlier rounds) sort last


class Hit(NamedTuple):
    partner: Partner
    score: float  # higher is better: the number of words matched, plus a fraction for where
    words: list[str]  # the query words that matched (folded)
    fields: list[str]  # the fields they matched in (WEIGHTS' names; "cross_sector" if general)
    general: bool  # a cross-sector partner listed because the query named a domain or country


class Resolution(NamedTuple):
    partner: Partner
    note: str | None  # why the name led here, for stderr; None for the partner's own name


# -- words ---------------------------------------------------------------------------


def query_words(words: Sequence[str]) -> list[str]:
    """The words of a question: split on word boundaries, case and accents folded, stop
    words dropped, repeats removed. [] when nothing is left."""
    folded = fold_words(" ".join(words)).split()
    return list(dict.fromkeys(w for w in folded if w not in STOP_WORDS))


def _forms(word: str) -> list[str]:
    """The word and its likely singular: English and Dutch -s, Dutch -en."""
    forms = [word]
    if len(word) >= 5 and word.endswith("s") and not word.endswith("ss"):
        forms.append(word[:-1])
    if len(word) >= 6 and word.endswith("en"):
        forms.append(word[:-2])
    return forms


def _expansions(word: str) -> list[str]:
    """What a query word looks for: its forms and their synonyms."""
    out: list[str] = []
    for form in _forms(word):
        out += [form, *SYNONYMS.get(form, ())]
        if form in LABEL_WORDS_NL:
            out.append(LABEL_WORDS_NL[form])
    return list(dict.fromkeys(out))


def _matches(query: str, token: str) -> bool:
    """A query word matches the start of a word; an acronym (<= 3 letters) the whole word."""
    return token == query if len(query) <= 3 else token.startswith(query)


def _any_match(expansions: Iterable[str], tokens: Iterable[str]) -> bool:
    tokens = tuple(tokens)
    return any(_matches(q, t) for q in expansions for t in tokens)


@functools.lru_cache(maxsize=4096)
def _words_of(text: str) -> tuple[str, ...]:
    """fold_words, remembered: labels and country names recur in every partner."""
    return tuple(fold_words(text).split())


def _tokens(texts: Iterable[str], *, joined: bool = False) -> tuple[str, ...]:
    """Words of the texts; with `joined`, each text folded whole too ('flandershealthtech')."""
    out: list[str] = []
    for text in texts:
        out += _words_of(text)
        if joined:
            out.append(fold(text))
    return tuple(dict.fromkeys(t for t in out if t))


# -- index ---------------------------------------------------------------------------


def _name_field(p: Partner, name: Name) -> str:
    if name.note is not None:
        return "later_names"
    if name.text in (p.id, p.name, str(p.number)):
        return "name"
    if p.full_name is not None and name.text in (p.full_name.nl, p.full_name.en):
        return "full_name"
    if name.text in p.aliases:
        return "aliases"
    if name.text in p.former_names:
        return "former_names"
    return "name"


def _fields(p: Partner, by_id: dict[str, Partner]) -> dict[str, tuple[str, ...]]:
    """The words of each searched field of a partner."""
    texts: dict[str, list[str]] = {f: [] for f in WEIGHTS}
    for name in p.names():
        texts[_name_field(p, name)].append(name.text)
    if p.type is not None:
        texts["type"] += TYPE_LABELS[p.type].values()
    if p.spearhead_cluster:
        texts["type"] += SPEARHEAD_LABEL.values()
    for d in p.domains:
        texts["domains"] += [*DOMAIN_LABELS[d].values(), DOMAIN_SHORT[d]]
    if p.country is not None:
        from .countries import country_names

        texts["country"] += country_names(p.country)
    if p.description is not None:
        texts["description_en"].append(p.description.en)
        texts["description_nl"].append(p.description.nl)
    for e in p.events:
        texts["events"] += [e.text, e.new_name or ""]
        other = by_id.get(e.partner or "")
        if other is not None:
            texts["events"] += [other.name, *(n.text for n in other.later_names())]
    texts["notes"] += [n.text for n in p.notes]
    names = ("name", "full_name", "aliases", "former_names", "later_names")
    return {f: _tokens(t, joined=f in names) for f, t in texts.items()}


class _Index:
    """Each word -> where it occurs (partner index, field); the words sorted, so the
    words a query word starts are one bisect away."""

    def __init__(self, partners: Sequence[Partner]) -> None:
        self.partners = tuple(partners)  # kept: the cache key is their ids
        by_id = {p.id: p for p in partners}
        self.postings: dict[str, list[tuple[int, str]]] = {}
        for i, p in enumerate(partners):
            for field, tokens in _fields(p, by_id).items():
                for token in tokens:
                    self.postings.setdefault(token, []).append((i, field))
        self.words = sorted(self.postings)

    def matching(self, expansions: Iterable[str]) -> set[str]:
        """The indexed words that any of the expansions matches: _matches' rule, by lookup."""
        found: set[str] = set()
        for q in expansions:
            if len(q) <= 3:
                if q in self.postings:
                    found.add(q)
                continue
            at = bisect.bisect_left(self.words, q)
            while at < len(self.words) and self.words[at].startswith(q):
                found.add(self.words[at])
                at += 1
        return found

    def fields_of(self, expansions: Iterable[str]) -> dict[int, set[str]]:
        """Partner index -> the fields in which the expansions match."""
        where: dict[int, set[str]] = {}
        for token in self.matching(expansions):
            for i, field in self.postings[token]:
                where.setdefault(i, set()).add(field)
        return where


# Built on first use, per list of partners (by the partners' identity, so a new list of
# the same partners reuses it). A few entries: a run searches one list, tests a handful.
_INDEXES: dict[tuple[int, ...], _Index] = {}
_MAX_INDEXES = 8


def _index(partners: Sequence[Partner]) -> _Index:
    key = tuple(id(p) for p in partners)
    index = _INDEXES.get(key)
    if index is None:
        if len(_INDEXES) >= _MAX_INDEXES:
            _INDEXES.clear()
        index = _INDEXES[key] = _Index(partners)
    return index


_DOMAIN_WORDS: tuple[str, ...] = _tokens(
    [*(label for labels in DOMAIN_LABELS.values() for label in labels.values()), *DOMAIN_SHORT.values()]
)
_country_phrases: set[tuple[str, ...]] | None = None


def _phrases() -> set[tuple[str, ...]]:
    """Every country name in English and Dutch as query words ('verenigde staten'), and
    the part before a comma ('korea' of 'Korea, Republic of')."""
    global _country_phrases
    if _country_phrases is None:
        from .countries import all_country_names

        phrases: set[tuple[str, ...]] = set()
        for name in all_country_names():
            for text in (name, name.split(",")[0]):
                words = tuple(query_words([text]))
                if words:
                    phrases.add(words)
        _country_phrases = phrases
    return _country_phrases


def _general_words(words: list[str]) -> list[str]:
    """The query words that name a domain or a country."""
    named: set[str] = set()
    for w in words:
        expansions = _expansions(w)
        if _any_match(expansions, _DOMAIN_WORDS) or any((e,) in _phrases() for e in expansions):
            named.add(w)
    for i in range(len(words)):
        for j in range(i + 2, len(words) + 1):
            if tuple(words[i:j]) in _phrases():
                named.update(words[i:j])
    return [w for w in words if w in named]


# -- search --------------------------------------------------------------------------


def _number(p: Partner) -> int:
    """Sort key: by number, partners without one last (sorts are stable: list order next)."""
    return p.number if p.number is not None else NO_NUMBER


def search(partners: Sequence[Partner], words: Sequence[str]) -> list[Hit]:
    """Partners matching at least one query word, best first: more words matched first,
    then by where they matched (WEIGHTS), then by number. When the query names a domain
    or a country, the cross-sector partners without a country of their own that matched
    nothing else follow, flagged general. [] for a query of stop words only."""
    query = query_words(words)
    if not query:
        return []
    index = _index(partners)
    matched: dict[int, list[str]] = {}  # partner index -> query words it matched
    fields: dict[int, set[str]] = {}
    total: dict[int, float] = {}
    for word in query:
        for i, hit in index.fields_of(_expansions(word)).items():
            matched.setdefault(i, []).append(word)
            fields.setdefault(i, set()).update(hit)
            weights = [WEIGHTS[f] for f in hit]
            best = max(weights)
            total[i] = total.get(i, 0.0) + best + (sum(weights) - best) / _ALL_WEIGHTS
    scores = {i: len(words_of) + total[i] / (_WORD_MAX * len(query)) for i, words_of in matched.items()}
    # Ties by number, then by place in the list (never by the order words were found).
    ranked = sorted(scores, key=lambda i: (-scores[i], _number(index.partners[i]), i))
    specific = [
        Hit(index.partners[i], scores[i], matched[i], [f for f in WEIGHTS if f in fields[i]], False)
        for i in ranked
    ]

    general_words = _general_words(query)
    if not general_words:
        return specific
    found = {id(h.partner) for h in specific}
    general = [
        Hit(p, 0.0, general_words, [GENERAL_FIELD], True)
        for p in sorted((p for p in partners if p.cross_sector is True and p.country is None), key=_number)
        if id(p) not in found
    ]
    return [*specific, *general]


# -- resolve -------------------------------------------------------------------------


def resolve(partners: Sequence[Partner], query: str, count: int) -> Resolution:
    """The one partner a name the user typed stands for.

    1. An exact name (id, number, name, full name, alias, former or later name; case,
       accents, spaces and punctuation ignored). A later name carries its note.
    2. A bare number that is no partner's: NotFound, saying the range 1..count.
    3. A unique word-prefix of a name ('beacon', 'de blauwe', 'healthtech'), with a note
       "'beacon' taken as The Beacon" for stderr.
    Several partners: NotFound listing them. None: NotFound with up to three suggestions.
    """
    key = fold(query)
    if not key:
        raise NotFound(f"no partner named {query!r}")
    exact = _unique(
        (p, name.note) for p in sorted(partners, key=_number) for name in p.names() if fold(name.text) == key
    )
    if len(exact) == 1:
        return Resolution(*exact[0])
    if len(exact) > 1:
        raise _ambiguous(query, [p for p, _ in exact])
    if key.isdecimal():
        number = key.lstrip("0") or "0"  # '010' is 10; never int() a 5,000-digit string
        for p in partners:
            if p.number is not None and str(p.number) == number:
                return Resolution(p, None)
        raise NotFound(f"no partner number {number} (numbers run from 1 to {count})")

    words = fold_words(query).split()
    prefixed = _unique(
        (p, name.note)
        for p in sorted(partners, key=_number)
        for name in p.names()
        if _starts_words(words, fold_words(name.text).split()) or fold(name.text).startswith(key)
    )
    if len(prefixed) == 1:
        p, why = prefixed[0]
        return Resolution(p, f"{query!r} taken as {p.name}" + (f" ({why})" if why else ""))
    if len(prefixed) > 1:
        raise _ambiguous(query, [p for p, _ in prefixed])

    suggestions = suggest(partners, query)
    hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
    raise NotFound(f"no partner named {query!r}{hint}", suggestions)


def _unique(found: Iterable[tuple[Partner, str | None]]) -> list[tuple[Partner, str | None]]:
    """One entry per partner, the first (so an own name's None note beats a later name's)."""
    seen: dict[str, tuple[Partner, str | None]] = {}
    for p, note in found:
        seen.setdefault(p.id, (p, note))
    return list(seen.values())


def _ambiguous(query: str, partners: list[Partner]) -> NotFound:
    names = [p.name for p in partners]
    return NotFound(f"{query!r} names more than one partner: {', '.join(names)}; be more specific", names)


def _starts_words(words: list[str], name_words: list[str]) -> bool:
    """The query's words begin consecutive words of the name ('de blauwe' of 'De Blauwe
    Cluster', 'beacon' of 'The Beacon')."""
    if not words:
        return False
    for i in range(len(name_words) - len(words) + 1):
        if all(name_words[i + j].startswith(w) for j, w in enumerate(words)):
            return True
    return False


def suggest(partners: Sequence[Partner], query: str, limit: int = 3) -> list[str]:
    """Names of the partners closest to the query, ranked: only ever a hint."""
    import difflib  # only on a miss

    key = fold(query)
    if not key:
        return []
    scores: dict[str, float] = {}
    names: dict[str, Partner] = {}
    for p in partners:
        names[p.id] = p
        for name in p.names():
            folded = fold(name.text)
            if not folded:
                continue
            score = difflib.SequenceMatcher(None, key, folded).ratio()
            # A typo in the first word of a longer name ('flandrs' for 'flanders.bio').
            prefix = difflib.SequenceMatcher(None, key, folded[: len(key) + 1]).ratio()
            score = max(score, prefix - 0.05)
            scores[p.id] = max(scores.get(p.id, 0.0), score)
    close = [pid for pid, score in scores.items() if score >= 0.6]
    close.sort(key=lambda pid: (-scores[pid], _number(names[pid])))
    return [names[pid].name for pid in close[:limit]]
