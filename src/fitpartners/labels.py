"""The fixed ids of the dataset and their labels: partner types, strategic domains,
record fields; and how text is folded for matching.

The enums are the one list of type and domain ids (the models use them); every label is
keyed by them. Imported on every run, so it stays free of third-party imports.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from .language import translate_in


class PartnerType(StrEnum):
    """Partner types, in the source's own categories (press release, 26/11/2021)."""

    SECTOR_FEDERATION = "sector-federation"
    CLUSTER = "cluster"
    BILATERAL_CHAMBER = "bilateral-chamber"
    BUSINESS_NETWORK = "business-network"
    ENTREPRENEURS_ORGANISATION = "entrepreneurs-organisation"
    EMPLOYERS_ORGANISATION = "employers-organisation"


class Domain(StrEnum):
    """The five strategic domains of "Vlaanderen Versnelt!"."""

    LIFE_SCIENCES_HEALTH = "life-sciences-health"
    FOOD = "food"
    ENGINEERING_TECHNOLOGY = "engineering-technology"
    SMART_LOGISTICS = "smart-logistics"
    SUSTAINABLE_MATERIALS_CHEMISTRY = "sustainable-materials-chemistry"


class Sector(StrEnum):
    """The sectors of our vocabulary (editorial: our classification, not FIT's): a partner's
    coverage items are each tied to one, and search leads everyday words to them."""

    FOOD_DRINK = "food-drink"
    TECHNOLOGY_INDUSTRY = "technology-industry"
    DIGITAL = "digital"
    ELECTRONICS = "electronics"
    CHEMISTRY_PLASTICS = "chemistry-plastics"
    LIFE_SCIENCES = "life-sciences"
    HEALTH_TECHNOLOGY = "health-technology"
    TEXTILE_WOOD = "textile-wood"
    ENERGY = "energy"
    BLUE_ECONOMY = "blue-economy"
    LOGISTICS = "logistics"
    MATERIALS = "materials"
    GAMES = "games"
    INTERNATIONALISATION = "internationalisation"


TYPE_LABELS: dict[PartnerType, dict[str, str]] = {
    PartnerType.SECTOR_FEDERATION: {"en": "sector federation", "nl": "sectorfederatie"},
    PartnerType.CLUSTER: {"en": "cluster", "nl": "cluster"},
    PartnerType.BILATERAL_CHAMBER: {
        "en": "bilateral chamber of commerce",
        "nl": "bilaterale kamer van koophandel",
    },
    PartnerType.BUSINESS_NETWORK: {"en": "business network", "nl": "bedrijfsnetwerk"},
    PartnerType.ENTREPRENEURS_ORGANISATION: {
        "en": "entrepreneurs' organisation",
        "nl": "ondernemersorganisatie",
    },
    PartnerType.EMPLOYERS_ORGANISATION: {"en": "employers' organisation", "nl": "werkgeversorganisatie"},
}

# Short type labels for a table in a narrow terminal: the word of the label that tells
# the types apart. Filters accept them too (they are words of the labels).
TYPE_SHORT: dict[PartnerType, dict[str, str]] = {
    PartnerType.SECTOR_FEDERATION: {"en": "federation", "nl": "federatie"},
    PartnerType.CLUSTER: {"en": "cluster", "nl": "cluster"},
    PartnerType.BILATERAL_CHAMBER: {"en": "chamber", "nl": "kamer"},
    PartnerType.BUSINESS_NETWORK: {"en": "network", "nl": "netwerk"},
    PartnerType.ENTREPRENEURS_ORGANISATION: {"en": "entrepreneurs", "nl": "ondernemers"},
    PartnerType.EMPLOYERS_ORGANISATION: {"en": "employers", "nl": "werkgevers"},
}

# The five strategic domains of "Vlaanderen Versnelt!". English names as FIT's English
# release writes them, Dutch as the Dutch release writes them (it keeps English terms).
DOMAIN_LABELS: dict[Domain, dict[str, str]] = {
    Domain.LIFE_SCIENCES_HEALTH: {"en": "life sciences & health", "nl": "lifesciences & health"},
    Domain.FOOD: {"en": "food", "nl": "food"},
    Domain.ENGINEERING_TECHNOLOGY: {
        "en": "solution-driven engineering & technology",
        "nl": "solution-driven engineering & technology",
    },
    Domain.SMART_LOGISTICS: {"en": "smart logistics", "nl": "smart logistics"},
    Domain.SUSTAINABLE_MATERIALS_CHEMISTRY: {
        "en": "sustainable resources, materials & chemistry",
        "nl": "sustainable resources, materials & chemistry",
    },
}

# Short column headings for the matrix, where the full names do not fit.
DOMAIN_SHORT: dict[Domain, str] = {
    Domain.LIFE_SCIENCES_HEALTH: "health",
    Domain.FOOD: "food",
    Domain.ENGINEERING_TECHNOLOGY: "tech",
    Domain.SMART_LOGISTICS: "logistics",
    Domain.SUSTAINABLE_MATERIALS_CHEMISTRY: "materials",
}

# The sectors' labels (editorial, as the sectors are): what the card and search print, and
# what --sector accepts besides the ids.
SECTOR_LABELS: dict[Sector, dict[str, str]] = {
    Sector.FOOD_DRINK: {"en": "food and drink", "nl": "voeding en dranken"},
    Sector.TECHNOLOGY_INDUSTRY: {
        "en": "technology industry and manufacturing",
        "nl": "technologische industrie en maakindustrie",
    },
    Sector.DIGITAL: {"en": "ICT and digital technology", "nl": "ict en digitale technologie"},
    Sector.ELECTRONICS: {"en": "electronics and semiconductors", "nl": "elektronica en halfgeleiders"},
    Sector.CHEMISTRY_PLASTICS: {"en": "chemistry and plastics", "nl": "chemie en kunststoffen"},
    Sector.LIFE_SCIENCES: {"en": "life sciences and pharma", "nl": "life sciences en farma"},
    Sector.HEALTH_TECHNOLOGY: {"en": "health technology", "nl": "gezondheidstechnologie"},
    Sector.TEXTILE_WOOD: {"en": "textile, wood and furniture", "nl": "textiel, hout en meubelen"},
    Sector.ENERGY: {"en": "energy", "nl": "energie"},
    Sector.BLUE_ECONOMY: {"en": "blue economy", "nl": "blauwe economie"},
    Sector.LOGISTICS: {"en": "logistics", "nl": "logistiek"},
    Sector.MATERIALS: {"en": "materials", "nl": "materialen"},
    Sector.GAMES: {"en": "games", "nl": "games"},
    Sector.INTERNATIONALISATION: {"en": "doing business abroad", "nl": "internationaal ondernemen"},
}

SPEARHEAD_LABEL = {"en": "spearhead cluster", "nl": "speerpuntcluster"}
CROSS_SECTOR_LABEL = {"en": "all sectors (cross-sector)", "nl": "alle sectoren (sectoroverschrijdend)"}
CROSS_SECTOR_SHORT = {"en": "all sectors", "nl": "alle sectoren"}
# Why a cross-sector partner is in a search result, in the "match" column for people.
SERVES_EVERY_SECTOR = {"en": "serves every sector", "nl": "voor elke sector"}

UNKNOWN_TYPE_LABEL = {"en": "type not in the sources", "nl": "type niet in de bronnen"}

# Column headings for people (tables, markdown; csv and tsv when a language is asked for):
# each field's heading is the catalogue's word for it in the context "heading" (language.py;
# English: the field name, '_' as a space). HEADINGS lists the fields that have one: every
# field a command prints (a test checks); `python scripts/catalogues.py` puts them in the
# catalogue.
HEADINGS: tuple[str, ...] = (
    "id",
    "number",
    "name",
    "full_name",
    "aliases",
    "former_names",
    "type",
    "spearhead_cluster",
    "domains",
    "cross_sector",
    "country",
    "description",
    "website",
    "former_websites",
    "rounds",
    "events",
    "notes",
    "coverage",
    "services",
    "regions",
    "sources",
    "status",
    "match",
    "rank",
    "from_round",
    "to_round",
    "counts",
    "before",
    "after",
    "generic",
    "later_names",
    "label",
    "count",
    "partners",
    "continued",
    "joined",
    "left",
    "partner",
)


def heading(field: str, lang: str) -> str:
    """The heading of `field` in `lang` ('full name', 'volledige naam')."""
    return translate_in(lang, "heading", field).replace("_", " ")


# The pseudo-source that marks a field as our own judgement, not a source's statement.
EDITORIAL_SOURCE = "editorial"


def fold(text: str) -> str:
    """Reduce text to a lookup key: no case, accents, spaces or punctuation.

    'FLANDERS.HEALTHTECH', 'flanders healthtech' and 'Flanders-HealthTech' all fold
    to 'flandershealthtech'.
    """
    if text.isascii():  # most text, which NFKD leaves as it is: a shortcut, same result
        return _NOT_ASCII_ALNUM.sub("", text).lower()
    return _fold_unicode(text)


def _fold_unicode(text: str) -> str:
    return "".join(filter(str.isalnum, unicodedata.normalize("NFKD", text))).casefold()


_NOT_ASCII_ALNUM = re.compile(r"[^0-9A-Za-z]+")


def fold_words(text: str) -> str:
    """Like fold(), but keep word boundaries as single spaces (for phrase search)."""
    if text.isascii():  # as in fold()
        return " ".join(_NOT_ASCII_ALNUM.sub(" ", text).lower().split())
    return _fold_words_unicode(text)


def _fold_words_unicode(text: str) -> str:
    out: list[str] = []
    for c in unicodedata.normalize("NFKD", text):
        if c.isalnum():
            out.append(c)
        elif not unicodedata.combining(c):  # an accent is dropped, anything else splits words
            out.append(" ")
    return " ".join("".join(out).casefold().split())


def label(labels: dict[str, str], lang: str) -> str:
    return labels.get(lang) or labels["en"]


def sector_label(sector: str, lang: str) -> str:
    """A sector's label in `lang`; `sector`: a Sector or its id."""
    return label(SECTOR_LABELS[Sector(sector)], lang)
