"""The dataset schema: the one definition of a record, used at run time for every dataset.

Every dataset, the bundled one and a user's (--data / FITPARTNERS_DATA), is read by
`loader.read_dataset` into these models; the catalog, output wing works on them.
`fitpartners schema` prints the JSON Schema generated from them and `fitpartners validate`
checks a file through the same path. The rules that span records (unique names, known
references, provenance) are in `rules.py`.
"""

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal, NamedTuple
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from ..labels import Domain, PartnerType, Sector
from ..language import N_
from ..messages import Msg


class EventKind(StrEnum):
    RENAMED = "renamed"  # the partner took `new_name`
    MERGED = "merged"  # the partner became part of `partner`
    TRANSFERRED = "transferred"  # some of its work went to `partner`; it carries on


# Who published a source, besides a partner (its id: the partner's own page). FIT's press
# release counts as FIT's wherever it is published; `editorial` is the pseudo-source.
SOURCE_KINDS: tuple[str, ...] = ("fit", "government", "press", "other", "editorial")


ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=10_000)]
# [0-9], not \d: pydantic-core's \d takes any Unicode digit ("٢٠٢٢"), a JSON Schema
# validator's only 0-9.
Day = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
# A date known to the day or only to the month ("2022-12").
PartialDay = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$")]
# A host is a name: no brackets (an IPv6 literal such as https://[x would pass a looser
# pattern, then break urlsplit). A page is cited by the address it is stored under, which
# for a few old pages is http.
Url = Annotated[str, Field(pattern=r"^https?://[^\s/\[\]]+(/\S*)?$", max_length=2_000)]
# References to sources: the rules (rules.py) find each among the sources, whose ids are
# `Id`s, so the pattern is not checked again on every reference (a large file has many:
# docs/performance.md); the JSON Schema still shows it.
SourceRef = Annotated[
    str,
    Field(max_length=80),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN, "maxLength": 80}),
]
SourceIds = Annotated[list[SourceRef], Field(min_length=1)]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
# Every reader keeps an integer below 2^53 exact (JavaScript's and jq's numbers are doubles).
Count = Annotated[int, Field(ge=0, le=2**53 - 1)]
RoundId = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{4}$")]


class Record(BaseModel):
    # Strict: a JSON file must already hold the right types; nothing is coerced. Said once
    # here for every field of every model (tests/test_validator.py checks it), rather than
    # with StrictStr and the like on each field.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


class Bilingual(Record):
    nl: Text
    en: Text


class MaybeBilingual(Record):
    nl: Text | None
    en: Text | None


class Source(Record):
    id: Id
    publisher: Text
    title: Text | None  # the page's own title; null where our stored copy shows none
    url: Url | None  # None only for the editorial pseudo-source
    date: Day | None  # as the page gives it
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")]
    # Schema 4: who published it, one of SOURCE_KINDS or the id of the partner whose own
    # page it is (rules.py checks which); absent in older files.
    kind: Id | None = None

    @property
    def is_home_page(self) -> bool:
        return self.url is not None and urlsplit(self.url).path in ("", "/")


Lang = Literal["nl", "en"]


class Told(Record):
    """A text of ours about what pages say: in one language (schema 2 and 3), or in Dutch
    and English (schema 4), `translated` naming the languages in which it is our
    translation rather than the language of its page."""

    text: Text | Bilingual
    translated: list[Lang] = []

    def said(self, lang: str) -> str:
        """The text in `lang` (a text in one language: as it is)."""
        text = self.text
        return text if isinstance(text, str) else getattr(text, lang if lang == "nl" else "en")

    def texts(self) -> list[str]:
        """Every language's text (for search)."""
        text = self.text
        return [text] if isinstance(text, str) else [text.nl, text.en]

    def translated_in(self, lang: str) -> bool:
        return lang in self.translated


class Note(Told):
    sources: SourceIds


class AgencyEvent(Told):
    """Something that happened to the agency itself (a new CEO)."""

    date: PartialDay
    sources: SourceIds


class Agency(Record):
    name: Text
    abbreviation: Text
    description: Bilingual
    website: Url | None = None  # schema 3: where a person can ask FIT itself
    website_sources: list[SourceRef] = []  # the page that shows it


class Programme(Record):
    name: Bilingual
    agency: Agency
    strategy: Bilingual
    strategy_coordinated_since: Count | None
    domain_mapping: Annotated[str, Field(pattern="^editorial$")]
    events: list[AgencyEvent]
    sources: SourceIds


class Round(Record):
    id: RoundId
    starts_on: dt.date
    ends_on: dt.date
    signed_on: dt.date | None
    signed_at: MaybeBilingual
    # Who was there, as its page names them; told in both languages (with the language
    # that is our translation marked) where the page's words are not those of every reader.
    present_at_signing: list[Text | Told]
    yearly_budget_eur: Count | None
    partner_count: Count | None
    notes: list[Note]
    sources: SourceIds

    def present_in(self, lang: str) -> list[tuple[str, bool]]:
        """Who was present at the signing, in `lang`: (text, whether it is our translation)."""
        return [
            (p, False) if isinstance(p, str) else (p.said(lang), p.translated_in(lang))
            for p in self.present_at_signing
        ]


class Membership(Record):
    round: RoundId
    listed_as: Text
    sources: SourceIds


class Event(Told):
    """A change after the sources listed the partner. `date` is when it happened, where a
    page says so; `by` is the day by which a page says it had happened, where that is all
    it says; neither, where the page gives no day at all (its text says so): such an event
    counts from the latest day the dataset states anything on (catalog.Catalog.known_by)."""

    date: PartialDay | None
    by: PartialDay | None = None  # schema 3; absent in schema 2 files
    kind: EventKind
    new_name: Text | None
    partner: Id | None
    sources: SourceIds

    @property
    def when(self) -> str:
        """The day (or month) it happened, else the day by which it had; '' for neither."""
        return self.date or self.by or ""

    @property
    def when_text(self) -> str:
        """'2022-05-17', 'by 2022-12-13' or 'date not stated' (a messages.Msg)."""
        return self.date or (Msg("by {day}", day=self.by) if self.by else Msg("date not stated"))


class CoverageItem(Record):
    """What a partner covers, in the words of a page about it (in the page's language),
    tied to one of our sectors (labels.Sector: the tie is editorial)."""

    sector: Sector
    text: Annotated[str, Field(min_length=1, max_length=300)]
    sources: SourceIds


class Region(Record):
    """A region a partner serves, as a page states it."""

    name: Bilingual
    sources: SourceIds


class Name(NamedTuple):
    """A name a partner answers to, and why, when it is not one of its own."""

    text: str
    note: str | None = None


class Partner(Record):
    id: Id
    number: Annotated[int, Field(ge=1, le=2**53 - 1)] | None
    name: Text
    full_name: MaybeBilingual | None
    aliases: list[Text]
    former_names: list[Text]
    type: PartnerType | None
    spearhead_cluster: bool | None
    domains: list[Domain]
    cross_sector: bool | None
    country: CountryCode | None
    description: Bilingual | None
    website: Url | None  # the present one
    former_websites: list[Url] = []  # schema 4: the sites it had before, latest first
    # Its memberships; none for a record that only continues partners (a merger's result).
    rounds: list[Membership]
    events: list[Event]
    notes: list[Note]
    coverage: list[CoverageItem] = []  # schema 3; absent in schema 2 files
    regions: list[Region] = []  # schema 4: where a page says it serves one region
    sources: dict[str, SourceIds]

    def own_names(self) -> list[str]:
        """Every name that is the partner's own: id, name, number, full names in both
        languages, aliases, former names (in that order, without repeats)."""
        names = [self.id, self.name]
        if self.number is not None:
            names.append(str(self.number))
        if self.full_name is not None:
            names += [n for n in (self.full_name.nl, self.full_name.en) if n]
        return list(dict.fromkeys([*names, *self.aliases, *self.former_names]))

    def name_and_regions(self) -> str:
        """The name, and where the partner serves one region only, that region: 'VKW Limburg
        (Limburg)', as a list of the partners for every sector shows it."""
        if not self.regions:
            return self.name
        return f"{self.name} ({', '.join(r.name.nl for r in self.regions)})"

    def later_names(self) -> list[Name]:
        """Names the partner took after the sources listed it (a rename), with why."""
        return [
            Name(
                e.new_name,
                Msg(
                    N_("{name} was renamed {new_name} on {day}")
                    if e.date
                    else N_("{name} was renamed {new_name} by {day}"),
                    name=self.name,
                    new_name=e.new_name,
                    day=e.when,
                ),
            )
            for e in self.events
            if e.kind is EventKind.RENAMED and e.new_name
        ]

    def names(self) -> list[Name]:
        """The one definition of what a partner answers to: resolve, search, completion
        and validate all use it."""
        return [Name(n) for n in self.own_names()] + self.later_names()


CountryForm = Annotated[str, Field(pattern=r"^[^\sA-Z][^A-Z]*[^\sA-Z]$", max_length=60)]


class CountryNames(Record):
    """data/country_names.json: short forms and Dutch usage of country names (editorial),
    and the names that fit several countries."""

    about: str
    names: dict[CountryCode, Annotated[list[CountryForm], Field(min_length=1)]]
    ambiguous: dict[CountryForm, Annotated[list[CountryCode], Field(min_length=2)]]


class CountryIndex(Record):
    """data/country_index.json: what search and country names need of pycountry, made
    from it by scripts/country_index.py (a test checks it against the installed pycountry),
    so that a run reads one small file instead of importing pycountry and its database and
    Dutch catalogue, and folding every name (docs/performance.md)."""

    about: str
    pycountry: str  # the version it was made from
    # Each English and Dutch name (common, ISO, official) and the part before a comma,
    # folded, its words joined by one space -> alpha-2 code; the first country wins.
    phrases: dict[str, CountryCode]
    # Alpha-2 code -> [English name, Dutch name]: the common name when pycountry has one.
    names: dict[CountryCode, Annotated[list[str], Field(min_length=2, max_length=2)]]


class Dataset(Record):
    # 3 added coverage and events known only by a day (`by`); 4 source kinds, notes and
    # events in Dutch and English, events with no day, regions, former websites and
    # records in no round; 2 and 3 files still load.
    schema_version: Annotated[int, Field(ge=2, le=4)]
    programme: Programme
    rounds: Annotated[list[Round], Field(min_length=1)]
    sources: Annotated[list[Source], Field(min_length=1)]
    partners: Annotated[list[Partner], Field(min_length=1)]


# Field order of a partner record: the order of the JSON file and of every output.
PARTNER_FIELDS: tuple[str, ...] = tuple(Partner.model_fields)
# Fields that state facts and so must name their source in a partner's "sources". The
# id is ours; rounds, events, notes and coverage items carry sources of their own.
FACT_FIELDS: tuple[str, ...] = tuple(
    f
    for f in PARTNER_FIELDS
    if f not in ("id", "rounds", "events", "notes", "coverage", "regions", "sources")
)


def kind_counts(sources: list[Source]) -> dict[str, int]:
    """How many sources each kind of publisher has, in SOURCE_KINDS' order: the pages of
    partners (own pages) counted as "partner"; "not given" where a source has no kind."""
    counts = dict.fromkeys(("partner", *SOURCE_KINDS), 0)
    for s in sources:
        key = s.kind if s.kind in SOURCE_KINDS else "partner" if s.kind else "not given"
        counts[key] = counts.get(key, 0) + 1
    return counts


# Fields that are our judgement, not a source's statement.
EDITORIAL_FIELDS: tuple[str, ...] = ("domains", "cross_sector")
# The one fact a site's home page may source: that the site exists.
HOME_PAGE_FIELDS: tuple[str, ...] = ("website", "former_websites")


def json_schema() -> dict[str, Any]:
    schema = Dataset.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "fitpartners dataset"
    return schema
