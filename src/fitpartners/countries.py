"""Countries from pycountry (ISO 3166-1), in English and Dutch; no table of our own.

pycountry is imported inside the functions, so only a run that needs a country pays for
it. Measured on the development machine (Python 3.11, pycountry 26.2.16, wheel install,
five runs each):
  python -X importtime -c "import pycountry"
      33-49 ms cumulative in a fresh interpreter, most of it importlib.metadata (which
      pycountry uses for its version); 18-25 ms once pydantic has loaded the same
      modules (time.perf_counter around "import pycountry" after "import fitpartners.models").
  time.perf_counter around the first country_code("japan") after the import
      4.9-5.7 ms more: the ISO database, the Dutch catalogue and the name table.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from .errors import BadValue
from .labels import fold

if TYPE_CHECKING:
    from gettext import NullTranslations

COUNTRY_OPTION = "--country"
SUGGESTIONS = 3


@cache
def _dutch() -> NullTranslations:
    import gettext

    import pycountry

    # fallback: without the Dutch catalogue, names stay English rather than failing.
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"], fallback=True)


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
    import pycountry

    table: dict[str, str] = {}
    for country in pycountry.countries:
        for name in _all_names(country):
            table.setdefault(fold(name), country.alpha_2)
    return table


@cache
def _by_code() -> dict[str, str]:
    """Folded alpha-2 and alpha-3 code -> alpha-2 code."""
    import pycountry

    table: dict[str, str] = {}
    for country in pycountry.countries:
        table[fold(country.alpha_2)] = country.alpha_2
        table[fold(country.alpha_3)] = country.alpha_2
    return table


def country_code(value: str) -> str:
    """The ISO alpha-2 code of a country given by code (alpha-2 or alpha-3) or by its
    English or Dutch name (common, ISO or official), in any case, with or without accents.
    Anything else is a usage error suggesting up to three close names."""
    key = fold(value)
    code = _by_code().get(key) or _by_name().get(key)
    if code is not None:
        return code
    raise BadValue(COUNTRY_OPTION, value, suggest(value), closest=True)


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


def suggest(value: str, limit: int = SUGGESTIONS) -> list[str]:
    """English names of the countries whose names are closest to `value` (a hint only)."""
    import difflib  # only on a miss

    key = fold(value)
    if not key:
        return []
    names = _by_name()
    close = difflib.get_close_matches(key, names, n=limit * 4, cutoff=0.6)
    codes = list(dict.fromkeys(names[k] for k in close))
    return [country_name(c, "en") for c in codes[:limit]]


def country_name(code: str, lang: str = "en") -> str:
    """The country's name: the English common name when pycountry has one ('Vietnam'),
    else its ISO name; for 'nl' the Dutch translation of that name. An unknown code is
    returned as it is."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    name: str = _english_names(country)[0]
    return _dutch().gettext(name) if lang == "nl" else name


def country_names(code: str) -> list[str]:
    """The country's common and ISO names in English and Dutch (what search looks in;
    official names would make 'republic' find every chamber)."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    return [] if country is None else _all_names(country, official=False)


def all_country_names() -> dict[str, str]:
    """Every English and Dutch name of every country -> alpha-2 code (names as written)."""
    import pycountry

    table: dict[str, str] = {}
    for country in pycountry.countries:
        for name in _all_names(country):
            table.setdefault(name, country.alpha_2)
    return table
