"""Find the right partner: ranked search in everyday words.

search() answers a question in a few words, Dutch or English ("kaas naar Japan",
"medical devices USA"): every partner that matches at least one query word, best first,
each with how each word matched. (One name a user typed is resolved to one partner by
catalog.resolve_name.)

How a query word can match (the `how` of a Evidence):
- name: a word of a partner's names (name, full name, alias, former or later name);
- text: a word of its type or domain labels, description, events or notes;
- coverage: a word of what the partner covers, in the words of a page about it;
- vocabulary: an everyday word of the editorial vocabulary (data/vocabulary.json) for a
  sector the partner covers ("kaas" -> food and drink -> Fevia Vlaanderen);
- generic: a word about doing business abroad ("export", "handelsmissie"): the partners
  that serve every sector (entrepreneurs' and employers' organisations, business network);
- country: a country by name or a listed short form (data/country_names.json): the
  bilateral chambers of that country;
- typo: a word of 5 letters or more that matches nothing, read as the nearest known word
  (one edit, two from 8 letters; a swap of two letters is one edit).

Matching is case- and accent-blind, on word boundaries: a query word matches the start of
a word ("chem" finds "chemistry"); a word of two or three letters matches whole words only.
A Dutch compound that matches nothing is split into known words (kaasexport = kaas +
export). docs/search.md has the ranking in full.

The catalog imports this module only for a search (a door: the vocabulary's models are
built on import); the country table and rapidfuzz load only when a query needs them.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from ..dataset.models import Name, Partner
from ..errors import UsageError
from ..labels import DOMAIN_LABELS, DOMAIN_SHORT, SPEARHEAD_LABEL, TYPE_LABELS, fold, fold_words
from ..messages import Msg
from . import countries
from .countries import country_name, no_chamber_note, search_phrases
from .filters import LABEL_WORDS_NL
from .similar import closest, within_edits
from .vocabulary import GENERIC, lexicon, split_compound

# Words that carry no meaning in a question, Dutch and English. Only function words.
_STOP_NL = (
    "de het een en of van voor in op met aan bij door naar uit te tot om over die dat der den des er "
    "is zijn ik je me mij mijn ons onze wie wat welke hoe waar kan kunnen wil willen "
    "zoek zoekt zoeken help helpen helpt bedrijf bedrijven firma"
)
_STOP_EN = (
    "the a an and or of for in on to with by at from about is are be i me my we our your "
    "who what which how where can could want "
    "looking look seek seeking find help helps need needs company companies firm"
)
STOP_WORDS: frozenset[str] = frozenset(f"{_STOP_NL} {_STOP_EN}".split())

# Query words -> the words our data uses for the same thing in the partners' names,
# labels and descriptions (the vocabulary maps words to sectors; these lead to the words
# of the data itself). Dutch words for the English words of the type and domain labels
# come from filters.LABEL_WORDS_NL and are added to these.
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


# Where a word matched, and its weight: names over labels over descriptions over the rest.
WEIGHTS: dict[str, float] = {
    "name": 5,  # id, name, number
    "full_name": 5,
    "country": 5,  # a chamber's country, named in the query
    "aliases": 4,
    "former_names": 4,
    "later_names": 4,  # a rename after the sources listed the partner
    "coverage": 3,
    "services": 1.5,  # coverage in the internationalisation sector: what any exporter is offered
    "vocabulary": 3,  # times (1 + share of the partner's coverage in that sector) / 2
    "type": 3,  # type label (and spearhead cluster), both languages
    "domains": 3,  # domain labels and short labels
    "description_en": 2,
    "description_nl": 2,
    "generic": 1.5,
    "events": 1,  # text, new name, the partner it merged into or passed work to
    "notes": 1,
}
_NAME_FIELDS = frozenset({"name", "full_name", "aliases", "former_names", "later_names"})
_HOW: dict[str, str] = {
    "name": "name",
    "full_name": "name",
    "aliases": "name",
    "former_names": "name",
    "later_names": "name",
    "country": "country",
    "coverage": "coverage",
    "services": "coverage",
    "vocabulary": "vocabulary",
    "generic": "generic",
}
_TEXT_FIELDS = ("name", "full_name", "aliases", "former_names", "later_names", "type", "domains",
                "description_en", "description_nl", "events", "notes", "coverage", "services")  # fmt: skip
_ALL_WEIGHTS = sum(WEIGHTS.values())
_WORD_MAX = 6.0  # above any weight: a word's weight never outranks one more word matched
TYPO_SHARE = 0.5  # a word read through a typo counts half a word
COMPOUND_PART_SHARE = 0.6  # the weight of a compound's parts other than the one that counts
PHRASE_BONUS = 1.5  # for each more query word found in the same field of a partner
# Fields that are one text each (coverage is many items: two words in two items are no phrase).
_PHRASE_FIELDS = frozenset(_TEXT_FIELDS) - {"coverage", "services"}
CROSS_SECTOR_FIELD = "cross_sector"
SERVICES_SECTOR = "internationalisation"
MIN_TYPO_LENGTH = 5


class Evidence(NamedTuple):
    """How one query word matched one partner."""

    word: str  # the query word, folded
    how: str  # name, text, coverage, vocabulary, generic, country or typo
    field: str  # where: a field of WEIGHTS, or the sector id for vocabulary
    matched: str  # what it matched: the indexed word, the sector, the country code, or 'x ~ y'


class Hit(NamedTuple):
    partner: Partner
    score: float  # higher is better: words matched (a typo half), plus a fraction for where
    words: list[str]  # the query words that matched (folded)
    fields: list[str]  # the fields they matched in (WEIGHTS' names; "cross_sector" if carried)
    cross_sector: bool  # listed because the query named a sector or country: serves every sector
    why: list[Evidence]  # each query word's best match
    merged_into: str | None  # set when the partner merged into the hit just before it


class Ranking(NamedTuple):
    """What a search found, and what people should be told besides."""

    hits: list[Hit]
    notes: list[str]  # countries without a chamber, ambiguous country names
    nearest: list[str]  # when nothing matched: the known words closest to the query's


# -- words ---------------------------------------------------------------------------


def _forms(word: str) -> list[str]:
    """The word and its likely singular: English and Dutch -s, Dutch -en (with a doubled
    consonant undone: toestellen -> toestel)."""
    forms = [word]
    if len(word) >= 5 and word.endswith("s") and not word.endswith("ss"):
        forms.append(word[:-1])
    if len(word) >= 6 and word.endswith("en"):
        stem = word[:-2]
        forms.append(stem)
        if stem[-1] == stem[-2] and stem[-1] not in "aeiou":
            forms.append(stem[:-1])
    return forms


def _expansions(word: str) -> list[str]:
    """What a query word looks for in the index: its forms and their synonyms."""
    out: list[str] = []
    for form in _forms(word):
        out += [form, *SYNONYMS.get(form, ())]
        if form in LABEL_WORDS_NL:
            out.append(LABEL_WORDS_NL[form])
    return list(dict.fromkeys(out))


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
    texts: dict[str, list[str]] = {f: [] for f in _TEXT_FIELDS}
    for name in p.names():
        texts[_name_field(p, name)].append(name.text)
    if p.type is not None:
        texts["type"] += TYPE_LABELS[p.type].values()
    if p.spearhead_cluster:
        texts["type"] += SPEARHEAD_LABEL.values()
    for d in p.domains:
        texts["domains"] += [*DOMAIN_LABELS[d].values(), DOMAIN_SHORT[d]]
    if p.description is not None:
        texts["description_en"].append(p.description.en)
        texts["description_nl"].append(p.description.nl)
    for e in p.events:
        texts["events"] += [*e.texts(), e.new_name or ""]
        other = by_id.get(e.partner or "")
        if other is not None:
            texts["events"] += [other.name, *(n.text for n in other.later_names())]
    texts["notes"] += [text for n in p.notes for text in n.texts()]
    # Export services ("certificaten van oorsprong") are what any exporter is offered: they
    # weigh as generic words do, below what a partner covers in a sector.
    for c in p.coverage:
        texts["services" if c.sector == SERVICES_SECTOR else "coverage"].append(c.text)
    names = ("name", "full_name", "aliases", "former_names", "later_names")
    return {f: _tokens(t, joined=f in names) for f, t in texts.items()}


class _Index:
    """Each word -> where it occurs (partner index, field); the words sorted, so the
    words a query word starts are one bisect away; each partner's share of coverage per
    sector."""

    def __init__(self, partners: Sequence[Partner]) -> None:
        self.partners = tuple(partners)  # kept: the cache key is their ids
        by_id = {p.id: p for p in partners}
        self.postings: dict[str, list[tuple[int, str]]] = {}
        self.sectors: dict[str, dict[int, float]] = {}  # sector -> partner index -> share
        self.cross_sector: list[int] = []  # partners that serve every sector and country
        self.covered: dict[tuple[int, str], set[str]] = {}  # (partner, word) -> sectors of its items
        for i, p in enumerate(partners):
            for c in p.coverage:
                for token in _words_of(c.text):
                    self.covered.setdefault((i, token), set()).add(c.sector)
            for field, tokens in _fields(p, by_id).items():
                for token in tokens:
                    self.postings.setdefault(token, []).append((i, field))
            for c in p.coverage:
                self.sectors.setdefault(c.sector, {}).setdefault(i, 0.0)
                self.sectors[c.sector][i] += 1 / len(p.coverage)
            if p.cross_sector and p.country is None:
                self.cross_sector.append(i)
        self.words = sorted(self.postings)
        self.cross_sector_set = frozenset(self.cross_sector)

    def matching(self, expansions: Iterable[str]) -> dict[str, str]:
        """The indexed words that any of the expansions matches -> the expansion."""
        found: dict[str, str] = {}
        for q in expansions:
            if len(q) <= 3:
                if q in self.postings:
                    found.setdefault(q, q)
                continue
            at = bisect.bisect_left(self.words, q)
            while at < len(self.words) and self.words[at].startswith(q):
                found.setdefault(self.words[at], q)
                at += 1
        return found


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


# -- the query -----------------------------------------------------------------------


class _Query(NamedTuple):
    words: list[str]  # folded, stop words and country names taken out
    sectors: dict[str, str]  # word -> sector of a vocabulary phrase it is part of
    countries: dict[str, tuple[str, ...]]  # the country words as typed -> ISO codes (several: ambiguous)
    phrase: dict[str, int]  # word -> how many words its vocabulary phrase has (it counts 1/n)

    def codes(self) -> set[str]:
        return {c for codes in self.countries.values() if len(codes) == 1 for c in codes}


def _raw_tokens(words: Sequence[str]) -> list[tuple[str, str]]:
    """(as typed, folded) for each word of the question, stop words kept."""
    out: list[tuple[str, str]] = []
    for chunk in " ".join(words).split():
        folded = fold_words(chunk).split()
        # The case as typed is kept where the chunk is one word ("US", "UK").
        out += [(chunk if len(folded) == 1 else f, f) for f in folded]
    return out


def _parse(words: Sequence[str]) -> _Query:
    tokens = _raw_tokens(words)
    phrases = countries.search_phrases()
    longest = max((len(p) for p in phrases), default=1)
    lex = lexicon()
    found: dict[str, tuple[str, ...]] = {}
    rest: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            key = tuple(f for _, f in tokens[i : i + n])
            codes = phrases.get(key)
            # A two-letter form counts only in capitals ("US", "UK", "VS"), never "us"; a
            # country's name that begins a longer term of the vocabulary is that term's
            # ("french fries", "indie games").
            if (
                codes
                and (n > 1 or len(key[0]) > 2 or tokens[i][0].isupper())
                and not _begins_a_term(lex.phrases, [f for _, f in tokens[i : i + lex.longest]], n)
            ):
                found[" ".join(key)] = codes
                i += n
                break
        else:
            rest.append(tokens[i][1])
            i += 1
    kept = list(dict.fromkeys(w for w in rest if w not in STOP_WORDS))
    sectors, phrase = _phrase_sectors(rest)
    return _Query(kept, sectors, found, phrase)


def _begins_a_term(terms: dict[tuple[str, ...], str], words: list[str], n: int) -> bool:
    """Whether `words` begin with a vocabulary term longer than `n` words."""
    return any(tuple(words[:m]) in terms for m in range(n + 1, len(words) + 1))


def _phrase_sectors(words: list[str]) -> tuple[dict[str, str], dict[str, int]]:
    """Words that are part of a multi-word vocabulary term ('supply chain', 'letter of
    credit': stop words kept, as the term has them) -> its sector, and -> how many words
    of the term count (a term counts as one word, not as several)."""
    lex = lexicon()
    sectors: dict[str, str] = {}
    sizes: dict[str, int] = {}
    i = 0
    while i < len(words):
        for n in range(min(lex.longest, len(words) - i), 1, -1):
            sector = lex.phrases.get(tuple(words[i : i + n]))
            if sector is not None:
                meaningful = [w for w in words[i : i + n] if w not in STOP_WORDS]
                for w in meaningful:
                    sectors.setdefault(w, sector)
                    sizes.setdefault(w, len(meaningful))
                i += n
                break
        else:
            i += 1
    return sectors, sizes


def _vocabulary_sector(word: str) -> str | None:
    """The sector (or GENERIC) of a one-word vocabulary term: the word, its singular, or a
    term it begins (of 5 letters or more: 'exporteer' -> 'exporteren')."""
    lex = lexicon()
    for form in _forms(word):
        sector = lex.phrases.get((form,))
        if sector is not None:
            return sector
    if len(word) >= 5:
        for phrase, sector in lex.phrases.items():
            if len(phrase) == 1 and phrase[0].startswith(word):
                return sector
    return None


# -- matching ------------------------------------------------------------------------


class _Found(NamedTuple):
    match: Evidence
    weight: float
    fields: tuple[str, ...] = ()  # every field the word matched in


def _direct(
    index: _Index, word: str, sector: str | None, countries: set[str] | frozenset[str] = frozenset()
) -> dict[int, _Found]:
    """Each partner a word matches exactly (index or vocabulary), with its best match.

    - A generic word ("export") finds the partners for every sector, and names only: the
      words of what partners do for exporters ("exportdocumenten") say the same of many.
    - A word of the vocabulary found in a coverage item of another sector ("software" in
      "medical software") weighs as a description does, below the sector's own partners.
    - Export services (the internationalisation sector) of a bilateral chamber count only
      when the question names the chamber's country."""
    found: dict[int, _Found] = {}
    fields: dict[int, dict[str, float]] = {}  # every field a word matched in, with its weight

    def offer(i: int, match: Evidence, weight: float) -> None:
        fields.setdefault(i, {})[match.field] = weight
        if i not in found or weight > found[i].weight:
            found[i] = _Found(match, weight)

    sector = sector or _vocabulary_sector(word)
    for token, _ in index.matching(_expansions(word)).items():
        for i, field in index.postings[token]:
            if (
                sector == GENERIC
                and field not in _NAME_FIELDS
                and not (field == "services" and i in index.cross_sector_set)
            ):
                continue
            weight = WEIGHTS[field]
            if (
                field == "coverage"
                and sector is not None
                and sector not in index.covered.get((i, token), {sector})
            ):
                weight = WEIGHTS["description_en"]
            offer(i, Evidence(word, _HOW.get(field, "text"), field, token), weight)
    if sector == GENERIC:
        for i in index.cross_sector:
            offer(i, Evidence(word, "generic", "generic", word), WEIGHTS["generic"])
    elif sector is not None:
        if sector == SERVICES_SECTOR:  # export services: what the partners for every sector offer
            for i in index.cross_sector:
                offer(i, Evidence(word, "vocabulary", "vocabulary", sector), WEIGHTS["vocabulary"])
        for i, share in index.sectors.get(sector, {}).items():
            country = index.partners[i].country
            if sector == SERVICES_SECTOR and country is not None and country not in countries:
                continue
            offer(
                i,
                Evidence(word, "vocabulary", "vocabulary", sector),
                WEIGHTS["vocabulary"] * (1 + share) / 2,
            )
    # A word's weight is its best field's, plus a fraction for the other fields it is in.
    return {
        i: f._replace(
            weight=f.weight + (sum(fields[i].values()) - f.weight) / _ALL_WEIGHTS, fields=tuple(fields[i])
        )
        for i, f in found.items()
    }


def _names_a_sector(word: str, sector: str | None, found: dict[int, _Found]) -> bool:
    """Whether a word names a sector of the vocabulary or a strategic domain."""
    sector = sector or _vocabulary_sector(word)
    named = sector is not None and sector != GENERIC
    # Through a compound or a typo ('chocoladefabriek', 'chocolde'): a vocabulary match found.
    return named or any("domains" in f.fields or "vocabulary" in f.fields for f in found.values())


def _known_words(index: _Index) -> list[str]:
    words = set(index.words) | lexicon().words
    words |= {p[0] for p in countries.search_phrases() if len(p) == 1}
    return sorted(w for w in words if len(w) >= 3 and w.isalpha())


def _matches(index: _Index, word: str, query: _Query) -> tuple[dict[int, _Found], float, dict[str, str]]:
    """The partners a query word matches, how much the word counts (1, or TYPO_SHARE),
    and the countries it names when read through a typo: code -> the nearest of its forms
    (one per country: 'japans' is one edit from japan and from japanse)."""
    countries = query.codes()
    share = 1.0 / query.phrase.get(word, 1)
    found = _direct(index, word, query.sectors.get(word), countries)
    if found:
        return found, share, {}
    known = set(index.words) | lexicon().words
    parts = _split(word, known) or _known_head(word)
    if parts:
        merged: dict[int, _Found] = {}
        known_parts = [part for part in parts if _vocabulary_sector(part) is not None]
        for part in parts:
            # In a Dutch compound the last part is the head ('landbouwmachines' are machines):
            # of the parts the vocabulary knows, the last weighs fully; the others, and parts
            # found only in the partners' text ('industrie'), a little less.
            full = bool(known_parts) and part == known_parts[-1] or not known_parts and part == parts[0]
            for i, f in _direct(index, part, None, countries).items():
                weight = f.weight * (1.0 if full else COMPOUND_PART_SHARE)
                if i not in merged or weight > merged[i].weight:
                    merged[i] = _Found(f.match._replace(word=word), weight, f.fields)
        if merged:
            return merged, 1.0, {}
    if len(word) < MIN_TYPO_LENGTH:
        return {}, 0.0, {}
    typo: dict[int, _Found] = {}
    codes: dict[str, str] = {}
    phrases = search_phrases()
    for near in within_edits(word, _known_words(index), 2 if len(word) >= 8 else 1):
        country = phrases.get((near,))
        if country is not None and len(country) == 1:
            codes.setdefault(country[0], near)
            continue
        for i, f in _direct(index, near, None, countries).items():
            weight = f.weight * TYPO_SHARE
            if i not in typo or weight > typo[i].weight:
                typo[i] = _Found(Evidence(word, "typo", f.match.field, f"{word} ~ {near}"), weight, f.fields)
    return typo, TYPO_SHARE, codes


def _split(word: str, known: set[str]) -> list[str] | None:
    return split_compound(word, frozenset(k for k in known if len(k) >= 3))


def _known_head(word: str) -> list[str] | None:
    """A compound whose first part is a word of the vocabulary and whose rest is not known
    ('chocoladefabriek', 'softwarebedrijf'): the first part, the product, is what to find."""
    words = lexicon().words
    for cut in range(len(word) - 3, 3, -1):
        if word[:cut] in words:
            return [word[:cut]]
    return None


# -- search --------------------------------------------------------------------------


def _number(p: Partner) -> tuple[bool, int]:
    """Sort key: by number, partners without one last (sorts are stable: list order next)."""
    return (p.number is None, p.number or 0)


class _Tally:
    """What the query's words found, per partner (by index): words matched (a word read
    through a typo counts a share), the weight of where, the evidence, and how many query
    words were found in each field."""

    def __init__(self) -> None:
        self.count: dict[int, float] = {}
        self.weight: dict[int, float] = {}
        self.why: dict[int, list[Evidence]] = {}
        self.in_field: dict[int, dict[str, int]] = {}

    def add(
        self, i: int, share: float, weight: float, evidence: Evidence, fields: Iterable[str] = ()
    ) -> None:
        self.count[i] = self.count.get(i, 0.0) + share
        self.weight[i] = self.weight.get(i, 0.0) + weight
        self.why.setdefault(i, []).append(evidence)
        per_field = self.in_field.setdefault(i, {}) if fields else {}
        for field in fields:
            per_field[field] = per_field.get(field, 0) + 1

    def add_phrase_bonus(self) -> None:
        """Words found together in one text read as a phrase: 'digitale technologie' in DSP
        Valley's description beats the two words found apart."""
        for i, per_field in self.in_field.items():
            together = max((n for f, n in per_field.items() if f in _PHRASE_FIELDS), default=1)
            self.weight[i] += PHRASE_BONUS * (together - 1)


def _tally_words(
    index: _Index, query: _Query, tally: _Tally
) -> tuple[list[str], dict[str, tuple[str, ...]], list[str]]:
    """Tally each query word's matches; the words that named a sector or a domain, the
    countries named (typed form -> codes, a typo's as 'word ~ nearest'), and the words
    that led nowhere (no partner, sector, country or generic word)."""
    sector_words: list[str] = []
    codes_named: dict[str, tuple[str, ...]] = dict(query.countries)
    lost: list[str] = []
    for word in query.words:
        found, share, typo_codes = _matches(index, word, query)
        for code, near in typo_codes.items():  # a country read through a typo
            codes_named[f"{word} ~ {near}"] = (code,)
        if _names_a_sector(word, query.sectors.get(word), found):
            sector_words.append(word)
        elif not found and not typo_codes and len(word) >= 3 and _vocabulary_sector(word) is None:
            lost.append(word)
        for i, f in found.items():
            tally.add(i, share, f.weight, f.match, f.fields)
    return sector_words, codes_named, lost


def _tally_countries(index: _Index, codes_named: dict[str, tuple[str, ...]], tally: _Tally) -> list[str]:
    """Tally the chambers of each country named; the notes for people (an ambiguous
    name, a country without a chamber)."""
    notes: list[str] = []
    for typed, codes in codes_named.items():
        if len(codes) > 1:
            notes.append(_ambiguous_country(typed, codes))
            continue
        chambers = [i for i, p in enumerate(index.partners) if p.country == codes[0]]
        for i in chambers:
            how = "typo" if "~" in typed else "country"
            matched = typed if how == "typo" else codes[0]
            share = TYPO_SHARE if how == "typo" else 1.0
            tally.add(i, share, WEIGHTS["country"], Evidence(typed.split(" ~ ")[0], how, "country", matched))
        if not chambers:
            notes.append(no_chamber_note(codes[0], [index.partners[i].name for i in index.cross_sector]))
    return notes


def search(
    partners: Sequence[Partner], words: Sequence[str], merged_into: Mapping[str, str] | None = None
) -> Ranking:
    """Partners matching at least one query word, best first: more words matched first
    (a word read through a typo counts half), then by where they matched (WEIGHTS), then
    by number. A partner that merged into others (`merged_into`: record id -> the id of the
    record it merged into: Medtech Flanders -> MEDVIA -> Biovia) comes right after the
    nearest of them that matches too. When the query names a sector or a country, the partners
    that serve every sector follow, marked cross_sector, unless they matched already."""
    query = _parse(words)
    index = _index(partners)
    total_words = len(query.words) + len(query.countries)
    if not total_words:
        if not any(fold(w) for w in words):  # nothing but spaces and punctuation ('', "'", '{}')
            raise UsageError(Msg("invalid value for {option}: give at least one word", option="query"))
        raise UsageError(
            Msg("invalid value for {option}: give at least one word that is not a stop word", option="query")
        )
    tally = _Tally()
    sector_words, codes_named, lost = _tally_words(index, query, tally)
    tally.add_phrase_bonus()
    notes = _tally_countries(index, codes_named, tally)
    count, weight, why, in_field = tally.count, tally.weight, tally.why, tally.in_field
    scores = {i: count[i] + weight[i] / (_WORD_MAX * total_words) for i in count}
    ranked = sorted(scores, key=lambda i: (-scores[i], _number(index.partners[i]), i))
    hits = [
        _hit(index.partners[i], scores[i], why[i], [*in_field.get(i, {}), *(m.field for m in why[i])])
        for i in ranked
    ]
    hits = _successors_first(hits, merged_into or {})
    if (sector_words or codes_named) and index.cross_sector:
        carried = [*sector_words, *(t.split(" ~ ")[0] for t in codes_named)]
        seen = {id(h.partner) for h in hits}
        hits += [
            Hit(index.partners[i], 0.0, carried, [CROSS_SECTOR_FIELD], True, [], None)
            for i in sorted(index.cross_sector, key=lambda i: _number(index.partners[i]))
            if id(index.partners[i]) not in seen
        ]
    nearest = [] if hits else _suggestions(index, query.words)
    if hits and lost:  # (no hits: the answer's own message says what to try)
        notes += _country_slips(lost, {p.country for p in index.partners if p.country})
    return Ranking(hits, notes, nearest)


def _country_slips(lost: Sequence[str], chambers: set[str]) -> list[str]:
    """A note for each word that led nowhere and is one slip from the name of a country
    with a chamber (`chambers`: their codes), such as 'chna' or 'inda': too short to be read
    through a typo, where 'male' would become Mali. The chamber the question meant would
    otherwise be missing in silence; other words that led nowhere (filler in a sentence,
    'labs' one slip from Laos) are not worth a line."""
    names = sorted(
        phrase[0]
        for phrase, codes in search_phrases().items()
        if len(phrase) == 1 and len(phrase[0]) > 2 and set(codes) <= chambers
    )
    notes: list[str] = []
    for word in lost:
        near = within_edits(word, names, 1)
        if near:
            hint = Msg("; did you mean: {words}?", words=", ".join(near))
            notes.append(Msg("nothing found for {word!r}{hint}", word=word, hint=hint))
    return notes


def _hit(p: Partner, score: float, why: list[Evidence], fields: Iterable[str]) -> Hit:
    seen = set(fields)
    return Hit(
        p,
        score,
        list(dict.fromkeys(m.word for m in why)),
        [f for f in WEIGHTS if f in seen],
        False,
        why,
        None,
    )


def _successors_first(hits: list[Hit], merged_into: Mapping[str, str]) -> list[Hit]:
    """A partner that merged into another hit moves right after the nearest such, marked;
    those that moved after it follow it in turn (Medtech Flanders after MEDVIA after Biovia).
    Each record is followed once: linear in the hits and the records merged into."""
    found = {h.partner.id for h in hits}
    after = _nearest_found(found, merged_into)
    followers: dict[str, list[Hit]] = {}
    for h in hits:
        if h.partner.id in after:
            followers.setdefault(after[h.partner.id], []).append(h)
    out: list[Hit] = []
    placed: set[str] = set()
    for first in [h for h in hits if h.partner.id not in after] + hits:  # then any left on a loop
        todo: list[tuple[Hit, str | None]] = [(first, None)]
        while todo:  # a loop, not recursion: a chain of followers may be 1,500 long
            h, marked = todo.pop()
            if h.partner.id in placed:
                continue
            placed.add(h.partner.id)
            out.append(h._replace(merged_into=marked) if marked else h)
            todo += [(other, h.partner.id) for other in reversed(followers.get(h.partner.id, []))]
    return out


def _nearest_found(found: set[str], merged_into: Mapping[str, str]) -> dict[str, str]:
    """Hit id -> the nearest record it merged into, directly or through others, that is a
    hit too; the records in between are each walked once (their answer is kept)."""
    nearest: dict[str, str | None] = {}
    after: dict[str, str] = {}
    for start in found:
        path: dict[str, None] = {}  # in order, and asked `in` at once
        at = merged_into.get(start)
        while at is not None and at not in found and at not in nearest:
            if at in path:  # a loop, which validate refuses: nothing found on it
                at = None
                break
            path[at] = None
            at = merged_into.get(at)
        hit = nearest.get(at) if at is not None and at not in found else at
        for record in path:
            nearest[record] = hit
        if hit is not None and hit != start:
            after[start] = hit
    return after


def _ambiguous_country(typed: str, codes: tuple[str, ...]) -> str:
    names = {lang: ", ".join(f"{country_name(c, lang)} ({c})" for c in codes) for lang in ("en", "nl")}
    return Msg("{typed!r} fits several countries: {names}; name the one you mean", typed=typed, names=names)


def _suggestions(index: _Index, words: Sequence[str], limit: int = 3) -> list[str]:
    """Known words close to the query's, for a question that found nothing (a hint only)."""
    known = _known_words(index)
    out: list[str] = []
    for w in words:
        # Not the word itself: a known word that found no partner (a generic word such as
        # 'fair') is no suggestion for itself.
        out += closest(w, ((k, k) for k in known if k != fold(w)), limit)
    return list(dict.fromkeys(out))[:limit]
