"""Values of --type and --domain: every label the tool shows is accepted.

A value may be a comma-separated list (a partner matching either item is chosen). Each
item may be an id ("sector-federation"), the English or Dutch label, the short label
of a domain ("tech"), a word or run of words of a label ("chamber", "smart logistics"),
in the singular or plural ("clusters", "sectorfederaties"), in any case, with or
without accents. Dutch words for the English words of the labels are in LABEL_WORDS_NL.

No third-party imports: the list command loads this module for every filtered run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from typing import Literal

from ..errors import BadValue
from ..labels import DOMAIN_LABELS, DOMAIN_SHORT, SECTOR_LABELS, TYPE_LABELS, fold, fold_words

# Dutch words for English words of the labels. The domain labels are English in both
# languages (the Dutch release keeps the English terms), and the Dutch type labels are
# compounds ("sectorfederatie") whose head a user may type alone ("federatie"). Each
# value is a word of an English label (a test checks it); search.py uses the same table
# as synonyms.
LABEL_WORDS_NL: dict[str, str] = {
    # domains
    "voeding": "food",
    "voedsel": "food",
    "gezondheid": "health",
    "gezondheidszorg": "health",
    "zorg": "health",
    "levenswetenschappen": "lifesciences",
    "technologie": "technology",
    "techniek": "engineering",
    "slimme": "smart",
    "logistiek": "logistics",
    "duurzaam": "sustainable",
    "duurzame": "sustainable",
    "grondstoffen": "resources",
    "materialen": "materials",
    "chemie": "chemistry",
    # types
    "federatie": "federation",
    "netwerk": "network",
    "organisatie": "organisation",
    "ondernemers": "entrepreneurs",
    "werkgevers": "employers",
}

# Words of a label that name nothing on their own ("chamber of commerce": "of").
_FILLER = frozenset({"of", "van", "and", "en"})

# The parameters' names, as the Python API takes them; the CLI says --type (cli/options.py).
TYPE_OPTION = "type"
DOMAIN_OPTION = "domain"


def _label_names(kind: Literal["type", "domain"]) -> dict[str, list[str]]:
    """Every name the tool shows for each id of a vocabulary: id, labels, short label."""
    if kind == "type":
        return {tid: [tid, labels["en"], labels["nl"]] for tid, labels in TYPE_LABELS.items()}
    return {
        did: [did, labels["en"], labels["nl"], DOMAIN_SHORT[did]] for did, labels in DOMAIN_LABELS.items()
    }


class _Vocabulary:
    """Keys (runs of label words, folded and joined) -> the ids they name."""

    def __init__(self, names: dict[str, list[str]]) -> None:
        self.keys: dict[str, set[str]] = {}
        self.words: set[str] = set()
        for vid, texts in names.items():
            for text in texts:
                words = fold_words(text).split()
                self.words.update(words)
                for i in range(len(words)):
                    for j in range(i + 1, len(words) + 1):
                        run = words[i:j]
                        if run[0] in _FILLER or run[-1] in _FILLER:
                            continue
                        self.keys.setdefault("".join(run), set()).add(vid)

    def _word(self, word: str) -> str:
        """A word of the value as a word of the labels: Dutch translated, plural or
        singular made to agree with the label ('clusters', 'employer')."""
        for form in (word, *_other_numbers(word)):
            for candidate in (form, LABEL_WORDS_NL.get(form)):
                if candidate in self.words:
                    return candidate
        return word

    def ids(self, item: str) -> set[str]:
        words = [self._word(w) for w in fold_words(item).split()]
        return self.keys.get("".join(words)) or self.keys.get(fold(item)) or set()


def _other_numbers(word: str) -> Iterable[str]:
    """Singular and plural forms of an English or Dutch word, the likely ones first."""
    for suffix in ("s", "es", "en"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            yield word[: -len(suffix)]
    yield word + "s"


@cache
def _vocabulary(kind: Literal["type", "domain"]) -> _Vocabulary:
    return _Vocabulary(_label_names(kind))


def _match(kind: Literal["type", "domain"], option: str, values: Sequence[str]) -> set[str]:
    vocab = _vocabulary(kind)
    chosen: set[str] = set()
    for value in values:
        items = [item for item in value.split(",") if item.strip()]
        if not items:
            raise BadValue(option, value, list(_label_names(kind)))
        for item in items:
            ids = vocab.ids(item)
            if not ids:
                raise BadValue(option, _given(value, item), list(_label_names(kind)))
            chosen |= ids
    return chosen


def type_ids(values: Sequence[str]) -> set[str]:
    """The partner type ids the --type values name (OR across values and items)."""
    return _match("type", TYPE_OPTION, values)


def domain_ids(values: Sequence[str]) -> set[str]:
    """The domain ids the --domain values name (OR across values and items)."""
    return _match("domain", DOMAIN_OPTION, values)


SECTOR_OPTION = "sector"


def sector_ids(values: Sequence[str]) -> set[str]:
    """The sector ids that --sector values name: an id or a label in English or Dutch, any
    case, a comma meaning either."""
    keys: dict[str, str] = {}
    words: dict[str, set[str]] = {}  # a word of a label -> the sectors whose labels have it
    for sector, labels in SECTOR_LABELS.items():
        for text in (sector.value, labels["en"], labels["nl"]):
            keys.setdefault(fold(text), sector.value)
            for word in fold_words(text).split():
                words.setdefault(word, set()).add(sector.value)
    for word, ids in words.items():  # 'food', 'voeding': a word of one sector's labels names it
        if len(ids) == 1 and word not in _FILLER and len(word) >= 3:
            keys.setdefault(word, next(iter(ids)))
    # A label has at most this many items when split at its commas.
    most = 1 + max(text.count(",") for labels in SECTOR_LABELS.values() for text in labels.values())
    chosen: set[str] = set()
    for value in values:
        parts = value.split(",")
        if not any(part.strip() for part in parts):
            parts = [value]
        start = 0
        while start < len(parts):
            # The longest run of items that is one label: "textile, wood and furniture" has
            # a comma of its own.
            ends = range(min(len(parts), start + most), start, -1)
            end = next((e for e in ends if fold(",".join(parts[start:e])) in keys), None)
            if end is None:
                if parts[start].strip() or len(parts) == 1:
                    raise BadValue(
                        SECTOR_OPTION, _given(value, parts[start]), [s.value for s in SECTOR_LABELS]
                    )
                end = start + 1  # an empty item (a comma at the end)
            else:
                chosen.add(keys[fold(",".join(parts[start:end]))])
            start = end
    return chosen


def _given(value: str, item: str) -> str:
    """What a message echoes of a bad item: the value as given when it is the one item
    (' spacex ' stays so), else the item without the spaces around it ('spacex' of 'food,
    spacex')."""
    return value if item.strip() == value.strip(" ,") else item.strip()


def accepted_labels(kind: Literal["type", "domain"]) -> list[str]:
    """Every id and label, both languages, lower case: the shell's completions."""
    names = _label_names(kind)
    return list(dict.fromkeys(text.lower() for texts in names.values() for text in texts))
