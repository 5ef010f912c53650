"""The names shell completion offers, per kind and language, from a catalog and the
vocabularies: what the full path of completion matches (cli/app.py) and what
`scripts/completions.py` writes into `_complete_table` for the short path (cli/complete.py).

Each kind is a list of (value, help) in the order offered. Only values a shell can insert as
they are, and only values the tool accepts (each is checked by the parser that reads it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..catalog import Catalog
from ..errors import UsageError
from ..labels import DOMAIN_LABELS, SECTOR_LABELS, TYPE_LABELS, fold, fold_words, label
from ..language import LANGUAGES
from ..messages import say_in
from ..output.render import Format
from ..results import OUTPUT_SHAPES
from ..search.countries import country_codes, country_name, index, table
from ..search.filters import LABEL_WORDS_NL, accepted_labels, domain_ids, sector_ids, type_ids
from .complete import SHELL_SPECIAL, SORT_KEYS, Item

LANGS = ("en", "nl")


def shell_safe(text: str) -> bool:
    """Whether a shell inserts `text` as it is (complete.SHELL_SPECIAL)."""
    return bool(text) and not SHELL_SPECIAL.intersection(text)


def _unique(items: Iterable[Item]) -> list[Item]:
    """Items with a value that folds alike to one before them left out ('voka', 'Voka')."""
    seen: dict[str, Item] = {}
    for value, help_ in items:
        if shell_safe(value):
            seen.setdefault(fold(value), (value, help_))
    return list(seen.values())


def partners(catalog: Catalog) -> list[Item]:
    """Every name, alias and id of every partner (no number), helped by its name."""
    return _unique((n.text, p.name) for p in catalog.all_partners for n in p.names() if not n.text.isdigit())


def _words(texts: Iterable[str]) -> list[str]:
    """The labels, each of their words, and the Dutch words the filters translate."""
    out: list[str] = []
    for text in texts:
        out += [text.lower(), *fold_words(text).split()]
    return [*out, *LABEL_WORDS_NL]


def _labelled(
    names: Iterable[str],
    ids_of: Callable[[list[str]], set[str]],
    labels: dict[Any, dict[str, str]],
    lang: str,
) -> list[Item]:
    items: list[Item] = []
    for name in names:
        try:
            ids = ids_of([name])
        except UsageError:
            continue
        if ids:
            items.append((name, ", ".join(sorted(label(labels[i], lang) for i in ids))))
    return _unique(items)


def types(lang: str) -> list[Item]:
    return _labelled([*map(str, TYPE_LABELS), *_words(accepted_labels("type"))], type_ids, TYPE_LABELS, lang)


def domains(lang: str) -> list[Item]:
    return _labelled(
        [*map(str, DOMAIN_LABELS), *_words(accepted_labels("domain"))], domain_ids, DOMAIN_LABELS, lang
    )


def sectors(lang: str) -> list[Item]:
    texts = [text for s, labels in SECTOR_LABELS.items() for text in (s.value, labels["en"], labels["nl"])]
    return _labelled([*map(str, SECTOR_LABELS), *_words(texts)], sector_ids, SECTOR_LABELS, lang)


def chambers(catalog: Catalog) -> dict[str, list[str]]:
    """Country code -> the bilateral chambers for it (their names), in the catalog's order."""
    out: dict[str, list[str]] = {}
    for p in catalog.all_partners:
        if p.country:
            out.setdefault(p.country, []).append(p.name)
    return out


def countries(catalog: Catalog, lang: str) -> tuple[list[Item], list[str]]:
    """Country names in `lang`, the chamber countries first, then every other country, then
    the names in the other language; and the values of the chamber countries."""
    other = "en" if lang == "nl" else "nl"
    by_chamber = chambers(catalog)
    codes = [
        *by_chamber,
        *sorted(set(index().names) - set(by_chamber), key=lambda c: fold(country_name(c, lang))),
    ]

    def helped(code: str, in_lang: str) -> Item:
        name = country_name(code, lang)
        names = by_chamber.get(code)
        shown = (
            say_in(lang, "{country} (bilateral chamber: {names})", country=name, names=", ".join(names))
            if names
            else name
        )
        return _one_word(country_name(code, in_lang)), shown

    named = [*((c, helped(c, lang)) for c in codes), *((c, helped(c, other)) for c in codes)]
    named += [(c, (form, helped(c, lang)[1])) for form, c in _abbreviations()]
    made = _unique(item for _, item in named)
    code_of = {item: c for c, item in reversed(named)}
    items = [(v, h) for v, h in made if _accepted(v, code_of[v, h])]
    return items, [_one_word(country_name(c, lang)) for c in by_chamber]


def _one_word(name: str) -> str:
    """A country's name as one word a shell inserts as it is, with no comma (--country reads
    a comma as the end of a country): 'united-states', 'virgin-islands-u.s.' for 'Virgin
    Islands, U.S.', which 'virgin-islands,-u.s.' was (after a comma: 'virgin-islands', which
    fits several)."""
    return "-".join(name.replace(",", " ").lower().split())


def _abbreviations() -> list[tuple[str, str]]:
    """(form, code) of the country table's abbreviations ('USA', 'VS', 'UK', 'DPRK'), in
    capitals: a form of two letters counts only so in a question (docs/search.md). An
    abbreviation: letters alone (dots aside: 'u.s.a.'), three at most or no vowel among
    them. Its other forms ('amerika', 'misr') are words, which completion leaves to the names."""
    out = []
    for code, forms in table().names.items():
        for form in forms:
            letters = fold(form)
            if (
                letters.isascii()
                and letters.isalpha()
                and (len(letters) <= 3 or not set(letters) & set("aeiouy"))
            ):
                out.append((letters.upper(), code))
    return out


def _accepted(value: str, code: str) -> bool:
    """Whether --country reads `value` as the country `code`, alone and after a comma (where
    it reads each item alone: a value with no comma is read there as it is read alone)."""
    try:
        return "," not in value and country_codes([value]) == {code}
    except UsageError:
        return False


def periods(catalog: Catalog) -> list[Item]:
    return [(p, "") for p in catalog.period_ids()]


def fields(valid: Iterable[str]) -> list[Item]:
    return [(f, "") for f in valid]


def plain(values: Iterable[str]) -> list[Item]:
    return [(v, "") for v in values]


def static(kind: str, lang: str) -> list[Item] | None:
    """The values of a kind that needs no catalog, else None."""
    makers: dict[str, Callable[[], list[Item]]] = {
        "type": lambda: types(lang),
        "domain": lambda: domains(lang),
        "sector": lambda: sectors(lang),
        "sort": lambda: plain(SORT_KEYS),
        "shape": lambda: plain(OUTPUT_SHAPES),
        "format": lambda: plain(f.value for f in Format),
        "lang": lambda: plain(LANGUAGES),
    }
    maker = makers.get(kind)
    return maker() if maker else None
