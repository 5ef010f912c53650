"""Countries as people write them: ISO 3166-1 from pycountry, in English and Dutch, and a
small editorial table of short forms and Dutch usage (data/country_names.json: USA, VS,
Amerika -> US; UK, Engeland -> GB), with the names that fit several countries (Congo,
Korea, Guinea), which are never chosen in silence.

What search and a country's name need of pycountry, every name folded, is made from it
once, by scripts/country_index.py, into data/country_index.json (a test checks the file
against the installed pycountry): a search reads that small file instead of importing
pycountry, reading its database and Dutch catalogue and folding each name, which was the
largest part of its start-up (docs/performance.md). Reading --country, completing it and
validate use pycountry itself, through one door (`_pycountry`); the files are read when
first asked for, so only a run that needs a country pays for them.
"""

from __future__ import annotations

import gettext
from collections.abc import Sequence
from functools import cache
from types import ModuleType
from typing import Any

from ..dataset.loader import read_bundled
from ..dataset.models import CountryIndex, CountryNames
from ..errors import BadValue, UsageError
from ..labels import fold, fold_words
from ..language import N_
from ..messages import Msg
from .similar import closest

COUNTRY_OPTION = "country"  # the parameter's name; the CLI says --country (cli/options.py)
SUGGESTIONS = 3


@cache
def _pycountry() -> ModuleType:
    # Door: importing pycountry reads its database; a search reads the small country index.
    import pycountry

    return pycountry


@cache
def _dutch() -> gettext.NullTranslations:
    # fallback: without the Dutch catalogue, names stay English rather than failing.
    return gettext.translation("iso3166-1", _pycountry().LOCALES_DIR, languages=["nl"], fallback=True)


def _english_names(country: Any, *, official: bool = True) -> list[str]:
    """Common name (when pycountry has one), ISO name, official name."""
    attrs = ("common_name", "name", "official_name") if official else ("common_name", "name")
    names = [getattr(country, attr, None) for attr in attrs]
    return list(dict.fromkeys(n for n in names if n))


def _all_names(country: Any, *, official: bool = True) -> list[str]:
    english = _english_names(country, official=official)
    dutch = [_dutch().gettext(n) for n in english]
    return list(dict.fromkeys([*english, *dutch]))


@cache
def _by_name() -> dict[str, str]:
    """Folded English and Dutch name (common, ISO, official) -> alpha-2 code."""
    pycountry = _pycountry()
    table: dict[str, str] = {}
    for country in pycountry.countries:
        for name in _all_names(country):
            table.setdefault(fold(name), country.alpha_2)
    return table


@cache
def _by_code() -> dict[str, str]:
    """Folded alpha-2 and alpha-3 code -> alpha-2 code."""
    pycountry = _pycountry()
    table: dict[str, str] = {}
    for country in pycountry.countries:
        table[fold(country.alpha_2)] = country.alpha_2
        table[fold(country.alpha_3)] = country.alpha_2
    return table


@cache
def table() -> Any:
    """The editorial table of short forms and ambiguous names, read through its model."""
    return read_bundled("country_names.json", CountryNames, "country table")


def country_code(value: str) -> str:
    """The ISO alpha-2 code of a country given by code (alpha-2 or alpha-3), by its
    English or Dutch name (common, ISO or official), or by a short form of the table
    (USA, VS, UK), in any case, with or without accents. A name that fits several
    countries is a usage error listing them; anything else one suggesting close names."""
    key = fold(value)
    several = _ambiguous().get(key)  # before the names: 'Congo' is also one country's ISO name
    code = None if several else _by_code().get(key) or _by_name().get(key) or _by_short_form().get(key)
    if code is not None:
        return code
    if several:
        names = {lang: ", ".join(f"{country_name(c, lang)} ({c})" for c in several) for lang in ("en", "nl")}
        raise UsageError(
            Msg(
                "invalid value for {option}: {value!r} fits several countries: {names}",
                option=COUNTRY_OPTION,
                value=value,
                names=names,
            )
        )
    near = closest(value, _by_name().items(), SUGGESTIONS)
    # Said in the language of whoever reads the message ('Chili' in Dutch).
    names = {lang: ", ".join(country_name(c, lang) for c in near) for lang in ("en", "nl")}
    shown = Msg(N_("{countries}"), countries=names) if near else None
    raise BadValue(COUNTRY_OPTION, value, [country_name(c) for c in near], closest=True, shown=shown)


@cache
def _by_short_form() -> dict[str, str]:
    return {fold(form): code for code, forms in table().names.items() for form in forms}


@cache
def _ambiguous() -> dict[str, list[str]]:
    return {fold(name): codes for name, codes in table().ambiguous.items()}


@cache
def search_phrases() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Every way a question may name a country, as folded words -> ISO codes: English and
    Dutch names (common, ISO, official, and the part before a comma of 'Korea, Republic
    of'), the table's short forms; an ambiguous name -> all the countries it fits."""
    phrases: dict[tuple[str, ...], tuple[str, ...]] = {
        tuple(words.split()): (code,) for words, code in index().phrases.items()
    }
    for code, forms in table().names.items():
        for form in forms:
            phrases[tuple(fold_words(form).split())] = (code,)
    for name, codes in table().ambiguous.items():
        phrases[tuple(fold_words(name).split())] = tuple(codes)
    return phrases


@cache
def index() -> CountryIndex:
    """data/country_index.json, read through its model (models.CountryIndex)."""
    return read_bundled("country_index.json", CountryIndex, "country index")


def index_from_pycountry() -> dict[str, Any]:
    """The country index as pycountry makes it now (what scripts/country_index.py writes
    and a test compares with the bundled file)."""
    pycountry = _pycountry()
    phrases: dict[str, str] = {}
    for name, code in all_country_names().items():
        phrases.setdefault(fold_words(name), code)
        if "," in name:
            phrases.setdefault(fold_words(name.split(",")[0]), code)
    names = {}
    for country in pycountry.countries:
        english = _english_names(country)[0]
        names[country.alpha_2] = [english, _dutch().gettext(english)]
    return {
        "about": "Made from pycountry by scripts/country_index.py; do not edit. Run it again when "
        "pycountry changes (a test compares this file with the installed pycountry).",
        "pycountry": pycountry.__version__,
        "phrases": phrases,
        "names": names,
    }


def country_codes(values: Sequence[str]) -> set[str]:
    """The alpha-2 codes of --country values: each value a country, or a comma-separated
    list of countries; a name that itself holds a comma ('Korea, Republic of') is read
    whole first."""
    codes: set[str] = set()
    for value in values:
        try:
            codes.add(country_code(value))
            continue
        except BadValue:
            items = [item for item in value.split(",") if item.strip()]
            if len(items) < 2:
                raise
        codes.update(country_code(item.strip()) for item in items)
    return codes


def country_name(code: str, lang: str = "en") -> str:
    """The country's name: the English common name when pycountry has one ('Vietnam'),
    else its ISO name; for 'nl' the Dutch translation of that name (from the country
    index). An unknown code is returned as it is."""
    names = index().names.get(code.upper())
    if names is None:
        return code
    english, dutch = names
    return str(dutch if lang == "nl" else english)


# Editorial: the countries whose name takes an article inside a sentence ('no bilateral
# chamber for the United States', 'voor de Verenigde Staten'), by language and article.
_ARTICLE_IN_BOTH = frozenset(
    ["US", "AE", "PH", "BS", "MV", "SC", "SB", "MH", "KM", "KY", "CF", "DO", "FO", "TC", "CK"]
)
_ARTICLES: dict[str, dict[str, frozenset[str]]] = {
    "en": {"the": _ARTICLE_IN_BOTH | {"GB", "NL", "GM"}},
    "nl": {"de": _ARTICLE_IN_BOTH, "het": frozenset(["GB"])},
}


def country_in_sentence(code: str, lang: str = "en") -> str:
    """The country's name as a sentence says it, with its article where it takes one: 'the
    Netherlands', 'de Verenigde Staten', 'het Verenigd Koninkrijk'; else country_name's."""
    name = country_name(code, lang)
    article = next((a for a, codes in _ARTICLES.get(lang, {}).items() if code.upper() in codes), None)
    return f"{article} {name}" if article else name


def no_chamber_note(code: str, cross_sector: Sequence[str]) -> str:
    """What a person is told of a country the round has no bilateral chamber for, with the
    partners for every sector (`cross_sector`: their names), who may help instead. `list` and
    `search` say it alike."""
    country = {lang: country_in_sentence(code, lang) for lang in ("en", "nl")}
    if not cross_sector:
        return Msg("no bilateral chamber for {country}", country=country)
    return Msg(
        "no bilateral chamber for {country}; the partners for every sector may help: {names}",
        country=country,
        names=", ".join(cross_sector),
    )


def is_country(code: str) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-2 code."""
    pycountry = _pycountry()
    return pycountry.countries.get(alpha_2=code) is not None


@cache
def all_country_names() -> dict[str, str]:
    """Every English and Dutch name of every country -> alpha-2 code (names as written), from
    pycountry, for completion and the country index. Made once a run and shared: callers
    must not change it."""
    pycountry = _pycountry()
    translate = _dutch().gettext
    names: dict[str, str] = {}
    for country in pycountry.countries:
        english = _english_names(country)
        code = country.alpha_2
        for name in (*english, *map(translate, english)):
            names.setdefault(name, code)
    return names


def table_problems() -> list[str]:
    """The country table's rules: known ISO codes, each form once, no form that is already
    a country's ISO name (it would say nothing new, or contradict pycountry)."""
    pycountry = _pycountry()
    found: list[str] = []
    t = table()
    seen: dict[str, str] = {}
    for code, forms in t.names.items():
        if pycountry.countries.get(alpha_2=code) is None:
            found.append(f"names.{code}: not an ISO 3166-1 alpha-2 code")
        for form in forms:
            # Forms that differ only in accents or case say the same; in punctuation they
            # do not ("zuidkorea" is one word, "zuid-korea" two).
            key = fold_words(form)
            if key in seen:
                found.append(f"names.{code}: {form!r} is also a form of {seen[key]}")
            seen.setdefault(key, code)
            if _by_name().get(fold(form)) not in (None, code):
                found.append(f"names.{code}: {form!r} is the ISO name of {_by_name()[fold(form)]}")
    for name, codes in t.ambiguous.items():
        for code in codes:
            if pycountry.countries.get(alpha_2=code) is None:
                found.append(f"ambiguous.{name}: {code!r} is not an ISO 3166-1 alpha-2 code")
        if fold_words(name) in seen:
            found.append(f"ambiguous.{name}: also a form of {seen[fold_words(name)]}")
    return found
