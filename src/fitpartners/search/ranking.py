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

Matching is case- and accent-blind, on words: a query word matches a whole word, a word with
the same Dutch or English Snowball stem, or a part of a compound; the start of a word only
for a fragment that is no word ('furnit'); a typo only for a word no list knows (words.py).
A Dutch compound that matches nothing is split into known words (kaasexport = kaas +
export). A place abroad is read as its country, a place in Belgium is set aside unless a
partner serves it (places.py). Evidence counts by its strength (STRENGTH). docs/search.md
has the ranking in full.

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
from .places import HOME, LONGEST, at_home, place
from .similar import within_edits
from .vocabulary import GENERIC, lexicon, split_compound
from .words import LANGS, is_word, languages, stems

# Words that carry no meaning in a question, Dutch and English. Only function words.
_STOP_NL = (
    "de het een en of van voor in op met aan bij door naar uit te tot om over die dat der den des er "
    "is zijn ik je me mij mijn ons onze wie wat welke hoe waar kan kunnen wil willen "
    "zoek zoekt zoeken help helpen helpt bedrijf bedrijven firma "
    # question words: they ask, they name nothing (issue 30)
    "partner partners regels regel begin beginnen starten vraag vragen informatie info iemand "
    "moet moeten laten krijgen nodig graag hulp tips doen welk wij we jullie u uw "
    # words that only join a sentence together (a new user's questions, 2026-12-07)
    "vanuit ook sinds kort nog niet maar als dan hier daar heel veel zo wel alleen nu even ze "
    "zij hun hem haar mee via tussen zonder tegen dit deze "
    # whom a company sells to: every partner's members sell (a second review, 2026-12-07)
    "klant klanten"
)
_STOP_EN = (
    "the a an and or of for in on to with by at from about is are be i me my we our your "
    "who what which how where can could want "
    "looking look seek seeking find help helps need needs company companies firm "
    "partner partners rules rule start starting begin question questions information info someone "
    "anyone must should get do does tips "
    "also since just very some any into via this that these those it its they them their has "
    "have had was were will would not but as than then there here so too only now "
    # where a company is ('Genk-based') and whom it sells to (a second review, 2026-12-07)
    "based customer customers"
)
STOP_WORDS: frozenset[str] = frozenset(f"{_STOP_NL} {_STOP_EN}".split())

# Words of our own names (the programme's, and many partners'): they never lift one partner
# by its name, unless another word of the question names that partner too ('flanders bio',
# 'fevia vlaanderen'); type words ('cluster', 'kamer') still select partners of that type.
OWN_WORDS: frozenset[str] = frozenset(
    [
        "vlaanderen",
        "vlaamse",
        "vlaams",
        "flanders",
        "flemish",
        "belgian",
        "belgische",
        "belgisch",
        "belgie",
        "belgium",
        "industry",
        "industrie",
        "cluster",
        "clusters",
        "fit",  # the agency itself: a question about FIT is answered with FIT's pointer
    ]
)

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
    # essenscia: "chemistry" ('chem' is a word, so it is no prefix).
    "chem": ("chemistry", "chemie"),
    # essenscia: "farmaceutica" ('farma' and 'pharma' are words, so no prefix).
    "farma": ("farmaceutica",),
    "pharma": ("farmaceutica",),
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
    "indiaas": ("indian",),
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
    "service": 5,  # a service the question asks for, on the partner's own page
    "type": 3,  # type label (and spearhead cluster), both languages
    "domains": 3,  # domain labels and short labels
    "description_en": 2,
    "description_nl": 2,
    "generic": 1.5,
    "events": 1,  # text, new name, the partner it merged into or passed work to
    "notes": 1,
}
_NAME_FIELDS = frozenset({"name", "full_name", "aliases", "former_names", "later_names"})
# How much a word counts by where it matched (issue 30): what a partner covers, the
# vocabulary's sectors, its names, a chamber's country and a service it offers are strong;
# its labels and descriptions medium; a generic word weak; events and notes background,
# never enough alone to list a partner.
STRENGTH: dict[str, float] = {
    "type": 0.6,
    "domains": 0.6,
    "description_en": 0.6,
    "description_nl": 0.6,
    "services": 0.6,
    "generic": 0.4,
    "events": 0.25,
    "notes": 0.25,
}
BACKGROUND = frozenset({"events", "notes"})
_HOW: dict[str, str] = {
    "name": "name",
    "full_name": "name",
    "aliases": "name",
    "former_names": "name",
    "later_names": "name",
    "country": "country",
    "coverage": "coverage",
    "services": "coverage",
    "service": "service",
    "vocabulary": "vocabulary",
    "generic": "generic",
}
_TEXT_FIELDS = ("name", "full_name", "aliases", "former_names", "later_names", "type", "domains",
                "description_en", "description_nl", "events", "notes", "coverage", "services")  # fmt: skip
_ALL_WEIGHTS = sum(WEIGHTS.values())
_WORD_MAX = 6.0  # above any weight: a word's weight never outranks one more word matched
TYPO_SHARE = 0.5  # a word read through a typo counts half a word
# A place at home says where the company is, not what it needs: it counts half a word, so that
# a chamber for the country asked for, or a sector's partner, comes before one found by the
# place alone ('kmo uit Hasselt wil naar Vietnam': BVA, then VKW Limburg).
REGION_SHARE = 0.5
SERVICE_BONUS = 1.0  # one more word for a partner that offers a service asked for (_offered)
COMPOUND_PART_SHARE = 0.6  # the weight of a compound's parts other than the one that counts
PHRASE_BONUS = 1.5  # for each more query word found in the same field of a partner
# Fields that are one text each (coverage is many items: two words in two items are no phrase).
_PHRASE_FIELDS = frozenset(_TEXT_FIELDS) - {"coverage", "services"}
CROSS_SECTOR_FIELD = "cross_sector"
SUCCESSOR_FIELD = "successor"  # a present body listed for the partners that became part of it
SERVICES_SECTOR = "internationalisation"
MIN_TYPO_LENGTH = 5
_PART = "\0part"  # matching(): the word is a part of this compound of the index
MIN_STEM = 4  # a shorter stem ('bak' of 'bakkerij') says too little to match on

# Services an exporter asks for by name -> (the words a question uses for it, the starts of
# the words in a partner's export services that offer it). Editorial: 'consulaire dienst'
# (consular service) is where a chamber legalises documents for an embassy.
SERVICES: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "origin": (
        frozenset(
            [
                "oorsprong",
                "oorsprongscertificaat",
                "oorsprongscertificaten",
                "origin",
                "certificaat",
                "certificaten",
                "certificate",
                "certificates",
            ]
        ),
        ("oorsprong", "oorspong", "origin"),
    ),
    "carnet": (frozenset(["ata", "carnet", "carnets"]), ("carnet",)),
    "legalisation": (
        frozenset(
            [
                "legalisatie",
                "legalisering",
                "legaliseren",
                "legaliseer",
                "legalisation",
                "legalization",
                "legalise",
                "legalize",
                "legalised",
                "legalized",
                "apostille",
                "ambassade",
                "ambassades",
                "embassy",
                "embassies",
                "consulaat",
                "consulate",
                "consulaire",
                "consular",
                "handtekening",
                "signature",
            ]
        ),
        ("consulair", "legalis"),
    ),
    "documents": (
        frozenset(
            ["exportdocumenten", "exportdocument", "documenten", "documents", "document", "documentation"]
        ),
        ("exportdocument",),
    ),
    "mission": (
        frozenset(["handelsmissie", "handelsmissies", "missie", "missies", "mission", "missions"]),
        ("missie", "mission"),
    ),
}
SERVICE_WORDS: dict[str, str] = {w: sid for sid, (words, _) in SERVICES.items() for w in words}


class Evidence(NamedTuple):
    """How one query word matched one partner."""

    word: str  # the query word, folded
    how: str  # name, text, coverage, vocabulary, generic, country, service, region, successor or typo
    field: str  # where: a field of WEIGHTS, or the sector id for vocabulary
    matched: str  # what it matched: the indexed word, the sector, the country code, or 'x ~ y'
    page: str | None = None  # a service: the id of the source that offers it


class Hit(NamedTuple):
    partner: Partner
    score: float  # higher is better: words matched (a typo half), plus a fraction for where
    words: list[str]  # the query words that matched (folded)
    fields: list[str]  # the fields they matched in (WEIGHTS' names; "cross_sector" if carried)
    cross_sector: bool  # listed because the query named a sector or country: serves every sector
    why: list[Evidence]  # each query word's best match
    merged_into: str | None  # set when the partner merged into the hit just before it
    rank: int = 0  # 1 for the first; partners that truly tie share one


class Ranking(NamedTuple):
    """What a search found, and what people should be told besides."""

    hits: list[Hit]
    notes: list[str]  # countries without a chamber, ambiguous country names, places set aside
    nearest: list[str]  # when nothing matched: the known words closest to the query's
    lost: list[str]  # the words that found nothing (no sector, partner, service, country)
    away: list[str] = []  # ids of the partners of one region left out for a place elsewhere


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
        # Each export service item: (partner, its words, its text, its first source).
        self.services: list[tuple[int, tuple[str, ...], str, str | None]] = []
        self._known: frozenset[str] | None = None  # the words a compound is split into
        for i, p in enumerate(partners):
            for c in p.coverage:
                for token in _words_of(c.text):
                    self.covered.setdefault((i, token), set()).add(c.sector)
                if c.sector == SERVICES_SECTOR:
                    self.services.append((i, _words_of(c.text), c.text, c.sources[0] if c.sources else None))
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

    def same_stem(self, q: str) -> list[str]:
        """The indexed words with the Dutch or English Snowball stem of `q`. Only the words
        that begin as `q` does are stemmed (a stem keeps a word's first letters): stemming
        the whole index would cost every search (docs/performance.md)."""
        start = q[:MIN_STEM]
        at = bisect.bisect_left(self.words, start)
        near: list[str] = []
        while at < len(self.words) and self.words[at].startswith(start):
            if self.words[at].isalpha():
                near.append(self.words[at])
            at += 1
        out: list[str] = []
        for lang in LANGS if near else ():
            stem = stems([q], lang)[0]
            if len(stem) >= MIN_STEM:
                out += [w for w, s in zip(near, stems(near, lang), strict=True) if s == stem]
        return out

    def compounds_of(self, q: str) -> list[str]:
        """The indexed words that are compounds of known words, `q` one of their parts
        ('food' -> 'foodtech', 'export' -> 'exportdocumenten')."""
        near = [w for w in self.words if q in w and len(w) >= len(q) + 3 and w.isalpha()]
        if not near:
            return []
        if self._known is None:
            self._known = frozenset(w for w in (*self.words, *lexicon().words) if len(w) >= 3)
        return [w for w in near if q in (split_compound(w, self._known) or ())]

    def matching(self, expansions: Sequence[str], *, prefix: bool = False) -> dict[str, str]:
        """The indexed words that any of the expansions matches -> the expansion: the word
        itself, a word with the same Dutch or English stem, and with `prefix`, a word the
        first expansion begins (a fragment that is no word: 'furnit', 'chemi')."""
        found: dict[str, str] = {}
        for q in expansions:
            if q in self.postings:
                found.setdefault(q, q)
            if len(q) <= 3 or not q.isalpha():
                continue
            for word in self.same_stem(q):
                found.setdefault(word, q)
            for word in self.compounds_of(q):
                found.setdefault(word, _PART)
        if prefix and expansions and len(expansions[0]) >= 4:
            q = expansions[0]
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
    home: list[str]  # places in Belgium named (folded): no topic, a region at most
    names: frozenset[str]  # capitalised words: a name is never read through a typo
    services: frozenset[str]  # the services (SERVICES ids) a strong word of the question names
    every: list[str]  # every word of the question, folded, stop words too (they tell its language)

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
    home: list[str] = []
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
            n, codes = _place_at([f for _, f in tokens[i : i + LONGEST]], lex.words)
            if at_home(codes):
                home.append(" ".join(f for _, f in tokens[i : i + n]))
            elif codes:
                found[" ".join(f for _, f in tokens[i : i + n])] = codes
            else:
                rest.append(tokens[i][1])
            i += max(n, 1)
    kept = list(dict.fromkeys(w for w in rest if w not in STOP_WORDS))
    sectors, phrase = _phrase_sectors(rest)
    asked = frozenset(SERVICE_WORDS[w] for w in kept if w in SERVICE_WORDS and w not in _WEAK_SERVICE_WORDS)
    every = [f for _, f in tokens]
    return _Query(kept, sectors, found, phrase, list(dict.fromkeys(home)), _names(tokens), asked, every)


# Words that name a service only beside another word of it ('certificaat van oorsprong',
# 'handtekening laten legaliseren') or in a term of export services ('export documents').
_WEAK_SERVICE_WORDS = frozenset(
    [
        "certificaat",
        "certificaten",
        "certificate",
        "certificates",
        "document",
        "documents",
        "documenten",
        "documentation",
        "handtekening",
        "signature",
    ]
)


def _place_at(words: list[str], known: frozenset[str]) -> tuple[int, tuple[str, ...]]:
    """How many of `words` name a place, and its countries ((0, ()) for none). A place is
    looked up only from a word that is no stop word or word of the vocabulary."""
    if not words or words[0] in STOP_WORDS or words[0] in known or len(words[0]) < 2:
        return 0, ()
    for n in range(len(words), 0, -1):
        codes = place(tuple(words[:n]))
        if codes:
            return n, codes
    return 0, ()


def _names(tokens: list[tuple[str, str]]) -> frozenset[str]:
    """The words typed with a capital (not all capitals: 'USA'), which are names where no
    list knows them ('Joy Donné'); a capital at the start of a question says nothing
    unless the next word has one too."""
    caps = [t[0][:1].isupper() and not t[0].isupper() for t in tokens]
    if caps and caps[0] and not (len(caps) > 1 and caps[1]):
        caps[0] = False
    return frozenset(f for (_, f), cap in zip(tokens, caps, strict=True) if cap)


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
    if len(word) >= 5 and not is_word(word):
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
    index: _Index,
    word: str,
    sector: str | None,
    countries: set[str] | frozenset[str] = frozenset(),
    *,
    prefix: bool = False,
    named: frozenset[int] | None = None,
    services: frozenset[str] = frozenset(),
) -> dict[int, _Found]:
    """Each partner a word matches exactly (index or vocabulary), with its best match.

    - A generic word ("export") finds the partners for every sector, and names only: the
      words of what partners do for exporters ("exportdocumenten") say the same of many.
    - A word of the vocabulary found in a coverage item of another sector ("software" in
      "medical software") weighs as a description does, below the sector's own partners.
    - Export services (the internationalisation sector) of a bilateral chamber count only
      when the question names the chamber's country.
    - A word of our own names (OWN_WORDS) matches a name only of the partners in `named`
      (those another word of the question names).
    - A service asked for (SERVICES) finds the partners whose own page offers it."""
    found: dict[int, _Found] = {}
    fields: dict[int, dict[str, float]] = {}  # every field a word matched in, with its weight

    def offer(i: int, match: Evidence, weight: float) -> None:
        fields.setdefault(i, {})[match.field] = weight
        # The strongest place first (STRENGTH), then the heaviest.
        if i not in found or (_strength(match), weight) > (_strength(found[i].match), found[i].weight):
            found[i] = _Found(match, weight)

    sector = sector or _vocabulary_sector(word)
    own = word in OWN_WORDS
    for token, how in index.matching(_expansions(word), prefix=prefix).items():
        for i, field in index.postings[token]:
            # A word of our own names: a name the others name, or a type ('cluster').
            if own and (field != "type" if field not in _NAME_FIELDS else named is None or i not in named):
                continue
            if (
                sector == GENERIC
                and field not in _NAME_FIELDS
                and not (field == "services" and i in index.cross_sector_set)
            ):
                continue
            weight = WEIGHTS[field] * (COMPOUND_PART_SHARE if how == _PART else 1.0)
            if (
                field == "coverage"
                and sector is not None
                and sector not in index.covered.get((i, token), {sector})
            ):
                weight = WEIGHTS["description_en"]
            offer(i, Evidence(word, _HOW.get(field, "text"), field, token), weight)
    for i, text, page in _services_offered(index, word, sector, services, countries):
        offer(i, Evidence(word, "service", "service", text, page), WEIGHTS["service"])
    for i, match, weight in _sector_offers(index, word, sector, countries):
        offer(i, match, weight)
    # A word's weight is its best field's, plus a fraction for the other fields it is in.
    return {
        i: f._replace(
            weight=f.weight + (sum(fields[i].values()) - f.weight) / _ALL_WEIGHTS, fields=tuple(fields[i])
        )
        for i, f in found.items()
    }


def _sector_offers(
    index: _Index, word: str, sector: str | None, countries: set[str] | frozenset[str]
) -> list[tuple[int, Evidence, float]]:
    """What a word of the vocabulary finds through its sector: a generic word the partners
    for every sector; a sector's word the partners that cover it, by their share of it."""
    out: list[tuple[int, Evidence, float]] = []
    if sector == GENERIC:
        return [
            (i, Evidence(word, "generic", "generic", word), WEIGHTS["generic"]) for i in index.cross_sector
        ]
    if sector is None:
        return out
    match = Evidence(word, "vocabulary", "vocabulary", sector)
    if sector == SERVICES_SECTOR:  # export services: what the partners for every sector offer
        out += [(i, match, WEIGHTS["vocabulary"]) for i in index.cross_sector]
    for i, share in index.sectors.get(sector, {}).items():
        country = index.partners[i].country
        # Export services are the generalists' and a named country's chamber's: another
        # partner's word on going abroad is no service it offers ('certificaat van oorsprong').
        if sector == SERVICES_SECTOR and (
            country not in countries if country is not None else i not in index.cross_sector_set
        ):
            continue
        out.append((i, match, WEIGHTS["vocabulary"] * (1 + share) / 2))
    return out


def _services_offered(
    index: _Index, word: str, sector: str | None, asked: frozenset[str], countries: set[str] | frozenset[str]
) -> list[tuple[int, str, str | None]]:
    """The export services that offer what `word` asks for: (partner, the item's text, its
    source), the first item of each partner; a chamber's only for its country."""
    service = SERVICE_WORDS.get(word)
    if service is None or (
        word in _WEAK_SERVICE_WORDS and service not in asked and sector != SERVICES_SECTOR
    ):
        return []
    starts = SERVICES[service][1]
    out: dict[int, tuple[int, str, str | None]] = {}
    for i, tokens, text, page in index.services:
        country = index.partners[i].country
        if i in out or (country is not None and country not in countries):
            continue
        if any(t.startswith(start) for t in tokens for start in starts):
            out[i] = (i, text, page)
    return list(out.values())


def _names_a_sector(word: str, sector: str | None, found: dict[int, _Found]) -> bool:
    """Whether a word names a sector of the vocabulary or a strategic domain."""
    sector = sector or _vocabulary_sector(word)
    named = sector is not None and sector != GENERIC
    # Through a compound or a typo ('chocoladefabriek', 'chocolde'): a vocabulary match found.
    return named or any(
        "domains" in f.fields or "vocabulary" in f.fields or f.match.how == "service" for f in found.values()
    )


def _known_words(index: _Index) -> list[str]:
    words = set(index.words) | lexicon().words
    words |= {p[0] for p in countries.search_phrases() if len(p) == 1}
    return sorted(w for w in words if len(w) >= 3 and w.isalpha())


def _matches(
    index: _Index, word: str, query: _Query, named: frozenset[int] | None = None
) -> tuple[dict[int, _Found], float, dict[str, str]]:
    """The partners a query word matches, how much the word counts (1, or TYPO_SHARE),
    and the countries it names when read through a typo: code -> the nearest of its forms
    (one per country: 'japans' is one edit from japan and from japanse). A word of Dutch
    or English, or a name (capitalised), is never read as the start of another word nor
    through a typo: typos are for words no list knows."""
    countries = query.codes()
    share = 1.0 / query.phrase.get(word, 1)
    a_word = word in query.names or word in lexicon().words or is_word(word)
    found = _direct(
        index,
        word,
        query.sectors.get(word),
        countries,
        prefix=not a_word,
        named=named,
        services=query.services,
    )
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
    if len(word) < MIN_TYPO_LENGTH or a_word:
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
    # Words of our own names last: they match the names of the partners the others name.
    order = sorted(query.words, key=lambda w: w in OWN_WORDS)
    # Partners the question names, by a country word of a name too ('vlaams-chinese').
    named = {
        i
        for typed in [*query.countries, *query.home]
        for word in typed.split()
        for i, field in index.postings.get(word, [])
        if field in _NAME_FIELDS
    }
    for word in order:
        own = word in OWN_WORDS
        found, share, typo_codes = _matches(index, word, query, frozenset(named) if own else None)
        if not own:
            named.update(i for i, f in found.items() if f.match.field in _NAME_FIELDS)
        for code, near in typo_codes.items():  # a country read through a typo
            codes_named[f"{word} ~ {near}"] = (code,)
        if _names_a_sector(word, query.sectors.get(word), found):
            sector_words.append(word)
        elif not found and not typo_codes and len(word) >= 3 and _vocabulary_sector(word) is None:
            lost.append(word)
        for i, f in found.items():
            match = f.match
            if match.field in BACKGROUND and not (is_word(word) or word in lexicon().words):
                # A word no list knows, in a partner's history, is a name there: Febeltex, Flam3D.
                match = match._replace(how="history")
            tally.add(i, share * _strength(match), f.weight, match, f.fields)
    return sector_words, codes_named, lost


def _strength(match: Evidence) -> float:
    """How much a word counts for where it matched (STRENGTH; 1 for the strong places; a
    name found in a partner's history as a label)."""
    return STRENGTH["type"] if match.how == "history" else STRENGTH.get(match.field, 1.0)


def _tally_home(index: _Index, query: _Query, tally: _Tally) -> list[str]:
    """A place in Belgium selects the partners that serve it (their regions) and those it
    names; otherwise it is said and set aside. The notes for people."""
    notes: list[str] = []
    for place_name in query.home:
        found = False
        in_names = {i for i, f in index.postings.get(fold(place_name), []) if f in _NAME_FIELDS}
        codes = place(tuple(place_name.split()))
        for i, p in enumerate(index.partners):
            region = _serving_region(p, place_name, codes)
            if region is not None or i in in_names:
                said = Evidence(place_name, "region", "regions", region or place_name)
                tally.add(i, REGION_SHARE, WEIGHTS["name"], said)
                found = True
        if not found:
            notes.append(
                Msg(
                    "{place!r} is in Belgium; no partner serves only that area, "
                    "so it does not change the answer",
                    place=place_name,
                )
            )
    return notes


# ISO 3166-2:BE's regions that hold provinces: a place known only by one of them (a town the
# sources give no province) may be in any partner's province.
_REGIONS_OF_PROVINCES = frozenset(["BE-VLG", "BE-WAL"])


def _away(index: _Index, query: _Query) -> tuple[dict[int, str], list[str]]:
    """The partners that serve one region only (their `regions`) none of the places at home
    the question names is in ('Kortrijk': VKW Limburg serves Limburg), as partner index ->
    the place; and the notes for people. None while a place named is of no known province."""
    named = [(name, codes) for name in query.home if len(codes := place(tuple(name.split()))) == 1]
    known = [(name, codes[0]) for name, codes in named if codes[0] not in _REGIONS_OF_PROVINCES]
    if not known or len(known) < len(named):
        return {}, []
    away: dict[int, str] = {}
    notes: list[str] = []
    for i, p in enumerate(index.partners):
        if not p.regions or any(_serving_region(p, name, (code,)) for name, code in known):
            continue
        away[i] = known[0][0]
        notes.append(
            Msg(
                "{partner} serves {region} only: left out for {place!r}",
                partner=p.name,
                region=", ".join(r.name.nl for r in p.regions),
                place=known[0][0],
            )
        )
    return away, notes


def _serving_region(partner: Partner, place_name: str, codes: tuple[str, ...]) -> str | None:
    """The name of the region of the partner's that the place is or lies in (Hasselt and
    Limburg: the same province, BE-VLI), or None. A place whose name is in two provinces
    (two codes) is the same as no region."""
    for region in partner.regions:
        names = {fold_words(region.name.nl), fold_words(region.name.en)}
        if place_name in names:
            return region.name.nl
        if any(place(tuple(n.split())) == codes for n in names):
            return region.name.nl
    return None


def _tally_countries(
    index: _Index, codes_named: dict[str, tuple[str, ...]], tally: _Tally, away: Mapping[int, str]
) -> list[str]:
    """Tally the chambers of each country named; the notes for people (an ambiguous
    name, a country without a chamber)."""
    notes: list[str] = []
    for typed, codes in codes_named.items():
        if len(codes) > 1:
            notes.append(_ambiguous_country(typed, codes))
            continue
        if codes == (HOME,):  # 'a family business in Limburg, Belgium': where it is, no market
            continue
        chambers = [i for i, p in enumerate(index.partners) if p.country == codes[0]]
        for i in chambers:
            how = "typo" if "~" in typed else "country"
            matched = typed if how == "typo" else codes[0]
            share = TYPO_SHARE if how == "typo" else 1.0
            tally.add(i, share, WEIGHTS["country"], Evidence(typed.split(" ~ ")[0], how, "country", matched))
        if not chambers:
            helpers = [index.partners[i].name_and_regions() for i in index.cross_sector if i not in away]
            notes.append(no_chamber_note(codes[0], helpers))
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
    total_words = len(query.words) + len(query.countries) + len(query.home)
    if not total_words:
        if not any(fold(w) for w in words):  # nothing but spaces and punctuation ('', "'", '{}')
            raise UsageError(Msg("invalid value for {option}: give at least one word", option="query"))
        raise UsageError(
            Msg("invalid value for {option}: give at least one word that is not a stop word", option="query")
        )
    tally = _Tally()
    sector_words, codes_named, lost = _tally_words(index, query, tally)
    tally.add_phrase_bonus()
    away, left_out = _away(index, query)
    notes = _tally_countries(index, codes_named, tally, away)
    notes += _tally_home(index, query, tally)
    count, weight, why, in_field = tally.count, tally.weight, tally.why, tally.in_field
    # Events and notes are background: never enough alone to list a partner.
    scores = {
        i: count[i] + weight[i] / (_WORD_MAX * total_words) + _offered(why[i])
        for i in count
        if any(m.field not in BACKGROUND or m.how == "history" for m in why[i])
    }
    ranked = sorted(scores, key=lambda i: (-round(scores[i], 3), _number(index.partners[i]), i))
    hits = [
        _hit(index.partners[i], scores[i], why[i], [*in_field.get(i, {}), *(m.field for m in why[i])])
        for i in ranked
    ]
    into = merged_into or {}
    hits = _present_bodies(index, hits, into, [fold(w) for w in query.every])
    hits = _ranked(_successors_first(hits, into))
    abroad = {t: c for t, c in codes_named.items() if c != (HOME,)}
    if (sector_words or abroad) and index.cross_sector:
        carried = [*sector_words, *(t.split(" ~ ")[0] for t in abroad)]
        seen = {id(h.partner) for h in hits}
        hits += [
            Hit(index.partners[i], 0.0, carried, [CROSS_SECTOR_FIELD], True, [], None)
            for i in sorted(index.cross_sector, key=lambda i: _number(index.partners[i]))
            if id(index.partners[i]) not in seen
        ]
    gone = {index.partners[i].id for i in away}
    hits = [h for h in hits if h.partner.id not in gone]
    notes += left_out
    # The partners for every sector, listed as help, share the rank after the specific ones.
    last = 1 + sum(not h.cross_sector for h in hits)
    hits = [h._replace(rank=last) if h.cross_sector else h for h in hits]
    nearest = (
        []
        if hits
        else _suggestions(index, [w for w in query.words if w not in query.names], _languages(query.every))
    )
    if hits and lost:  # (no hits: the answer's own message says what to try)
        # A real word is no slip ('zakendoen' is not one edit from anything we want).
        slips = [w for w in lost if not is_word(w)]
        notes += _country_slips(slips, {p.country for p in index.partners if p.country}) if slips else []
    # Nothing listed: every word found nothing worth listing (a note or event alone is not).
    lost_words = [] if hits else [w for w in query.words if w not in query.home]
    return Ranking(hits, notes, nearest, lost_words, sorted(gone))


def _offered(why: Sequence[Evidence]) -> float:
    """SERVICE_BONUS where the partner's own page offers a service the question asks for:
    it ranks before those the same words find by a sector or a place ('certificaat van
    oorsprong in Limburg': Voka, whose pages offer it, before VKW Limburg)."""
    return SERVICE_BONUS if any(m.how == "service" for m in why) else 0.0


def _ranked(hits: list[Hit]) -> list[Hit]:
    """Each hit's rank: 1 for the first, and the same for hits whose scores (as shown,
    three decimals) are equal: a true tie is said, not broken by the partner number."""
    out: list[Hit] = []
    for n, h in enumerate(hits, 1):
        tie = out and round(out[-1].score, 3) == round(h.score, 3)
        out.append(h._replace(rank=out[-1].rank if tie else n))
    return out


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


def _present_bodies(
    index: _Index, hits: list[Hit], merged_into: Mapping[str, str], words: Sequence[str]
) -> list[Hit]:
    """The hits, with the record in no round that matched partners are now part of (Biovia
    for flanders.healthTech) where it did not match itself: it is who a person contacts
    today, so it leads, with the evidence of the best of them (how 'successor', said
    'medische: via Medtech Flanders'); they follow it (_successors_first). Not for a partner the
    question names whole (`medvia`; `words`: the question's, folded): its status says what
    it is part of. Each record of a chain is walked once."""
    present = {p.id: p for p in index.partners if not p.rounds}
    found = {h.partner.id for h in hits}
    end: dict[str, str] = {}
    # A chain the question names whole ('medvia', 'flanders.bio', not 'medtech' of Medtech
    # Flanders) or finds in a history is asked about as such.
    phrases = {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    named = {
        _chain_end(h.partner.id, merged_into, end)
        for h in hits
        if any(m.how == "history" for m in h.why) or any(fold(n.text) in phrases for n in h.partner.names())
    }
    bodies: dict[str, Hit] = {}
    for h in hits:  # best first: the first of a body's partners is its best
        last = _chain_end(h.partner.id, merged_into, end)
        if last in found or last in named or last not in present or last in bodies or last == h.partner.id:
            continue
        why = [Evidence(m.word, SUCCESSOR_FIELD, SUCCESSOR_FIELD, h.partner.name) for m in h.why]
        bodies[last] = Hit(present[last], h.score, h.words, [SUCCESSOR_FIELD], False, why, None)
    if not bodies:
        return hits
    lead = {b.partner.id for b in bodies.values()}
    # Sorted by score, a body before a partner of its own score (stable otherwise).
    return sorted([*hits, *bodies.values()], key=lambda h: (-round(h.score, 3), h.partner.id not in lead))


def _chain_end(start: str, merged_into: Mapping[str, str], end: dict[str, str]) -> str:
    """The last record of `start`'s chain of mergers (itself if it merged into none); `end`
    keeps each answer, so that every record of a chain is walked once over many starts."""
    path: dict[str, None] = {}  # in order, and asked `in` at once
    at = start
    while at in merged_into and at not in end and at not in path:  # (a loop: validate refuses it)
        path[at] = None
        at = merged_into[at]
    last = end.get(at, at)
    for record in path:
        end[record] = last
    return last


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


def _suggestions(index: _Index, words: Sequence[str], langs: frozenset[str], limit: int = 3) -> list[str]:
    """Known words close to the query's, for a question that found nothing (a hint only):
    only for a word no list knows (a real word is no slip: 'schoenen' is not 'schepen'),
    only within the edits a typo may have, and only words of the question's languages
    (`langs`, when its words tell) or of no language (a partner's name)."""
    known = _known_words(index)
    out: list[str] = []
    for w in words:
        if len(w) < MIN_TYPO_LENGTH - 1 or is_word(w):
            continue
        near = within_edits(w, [k for k in known if k != w], 2 if len(w) >= 8 else 1)
        out += [k for k in near if not langs or not (ls := languages(k)) or langs & set(ls)]
    return list(dict.fromkeys(out))[:limit]


_STOP_LANGS = {
    "nl": frozenset(_STOP_NL.split()) - frozenset(_STOP_EN.split()),
    "en": frozenset(_STOP_EN.split()),
}


def _languages(words: Sequence[str]) -> frozenset[str]:
    """The languages the question's words tell: a stop word or listed word of one
    language only."""
    out: set[str] = set()
    for w in words:
        ls = {lang for lang in LANGS if w in _STOP_LANGS[lang]} or set(languages(w))
        if len(ls) == 1:
            out |= ls
    return frozenset(out)
