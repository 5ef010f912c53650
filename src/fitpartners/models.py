"""The dataset schema: the one definition of a record, used at run time for every dataset.

Every dataset, the bundled one and a user's (--data / FITPARTNERS_DATA), is read by
`loader.read_dataset` into these models; the catalog, views and writers work on them.
`fitpartners schema` prints the JSON Schema generated from them and `fitpartners validate`
checks a file through the same path. The rules that span records (unique names, known
references, provenance) are in `cross_check`.
"""

import datetime as dt
from collections import Counter
from enum import StrEnum
from typing import Annotated, Any, NamedTuple
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from .labels import EDITORIAL_SOURCE, Domain, PartnerType, fold


class EventKind(StrEnum):
    RENAMED = "renamed"  # the partner took `new_name`
    MERGED = "merged"  # the partner became part of `partner`
    TRANSFERRED = "transferred"  # some of its work went to `partner`; it carries on


ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[str, Field(min_length=1, max_length=10_000)]
# [0-9], not \d: pydantic-core's \d takes any Unicode digit ("٢٠٢٢"), a JSON Schema
# validator's only 0-9. The ASCII class is also cheaper to compile: the first validation
# of the bundled file took 4.57 ms with \d, 3.78 ms with [0-9] (time.perf_counter after
# Typer had run a command, median of 25 alternating processes, compiled package).
Day = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
# A date known to the day or only to the month ("2022-12").
PartialDay = Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$")]
Url = Annotated[str, Field(pattern=r"^https://[^\s/]+(/\S*)?$", max_length=2_000)]
# References to sources: cross_check finds each among the sources, whose ids are `Id`s, so
# the pattern is not checked again on every reference (9% of the validation time at
# 100,000 partners: 1.29 s to 1.17 s, best of 3 in-process); the JSON Schema still shows it.
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

    @property
    def is_home_page(self) -> bool:
        return self.url is not None and urlsplit(self.url).path in ("", "/")


class Note(Record):
    text: Text
    sources: SourceIds


class AgencyEvent(Record):
    """Something that happened to the agency itself (a new CEO)."""

    date: PartialDay
    text: Text
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
    present_at_signing: list[Text]
    yearly_budget_eur: Count | None
    partner_count: Count | None
    notes: list[Note]
    sources: SourceIds


class Membership(Record):
    round: RoundId
    listed_as: Text
    sources: SourceIds


class Event(Record):
    """A change after the sources listed the partner. `date` is when it happened, where a
    page says so; `by` is the day by which a page says it had happened, where that is all
    it says (one of the two is given)."""

    date: PartialDay | None
    by: PartialDay | None = None  # schema 3; absent in schema 2 files
    kind: EventKind
    text: Text
    new_name: Text | None
    partner: Id | None
    sources: SourceIds

    @property
    def when(self) -> str:
        """The day (or month) it happened, else the day by which it had: for ordering."""
        return self.date or self.by or ""

    @property
    def when_text(self) -> str:
        """'2022-05-17', or 'by 2022-12-13' where the page says no more."""
        return self.date or f"by {self.by}"


class CoverageItem(Record):
    """What a partner covers, in the words of a page about it (in the page's language),
    tied to a sector of the vocabulary (data/vocabulary.json: the tie is editorial)."""

    sector: Id
    text: Annotated[str, Field(min_length=1, max_length=300)]
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
    website: Url | None
    rounds: Annotated[list[Membership], Field(min_length=1)]
    events: list[Event]
    notes: list[Note]
    coverage: list[CoverageItem] = []  # schema 3; absent in schema 2 files
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

    def later_names(self) -> list[Name]:
        """Names the partner took after the sources listed it (a rename), with why."""
        return [
            Name(e.new_name, f"{self.name} was renamed {e.new_name} {'on ' if e.date else ''}{e.when_text}")
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


class Dataset(Record):
    # 3 added coverage and events known only by a day (`by`); 2 files still load.
    schema_version: Annotated[int, Field(ge=2, le=3)]
    programme: Programme
    rounds: Annotated[list[Round], Field(min_length=1)]
    sources: Annotated[list[Source], Field(min_length=1)]
    partners: Annotated[list[Partner], Field(min_length=1)]


# Field order of a partner record: the order of the JSON file and of every output.
PARTNER_FIELDS: tuple[str, ...] = tuple(Partner.model_fields)
# Fields that state facts and so must name their source in a partner's "sources". The
# id is ours; rounds, events, notes and coverage items carry sources of their own.
FACT_FIELDS: tuple[str, ...] = tuple(
    f for f in PARTNER_FIELDS if f not in ("id", "rounds", "events", "notes", "coverage", "sources")
)
# Fields that are our judgement, not a source's statement.
EDITORIAL_FIELDS: tuple[str, ...] = ("domains", "cross_sector")
# The one fact a site's home page may source: that the site exists.
HOME_PAGE_FIELDS: tuple[str, ...] = ("website",)


def partner_at(ds: Dataset, index: int) -> str:
    """A partner's place in a file, by index and id: 'partners[2] (bva)'."""
    return f"partners[{index}] ({ds.partners[index].id})"


def cross_check(ds: Dataset) -> list[str]:
    """The rules that span records: uniqueness, references, provenance, dates."""
    problems: list[str] = []
    sources = {s.id: s for s in ds.sources}
    round_ids = {r.id for r in ds.rounds}
    partner_ids = {p.id for p in ds.partners}
    latest = max(ds.rounds, key=lambda r: r.starts_on).id

    def dupes(values: list[Any]) -> list[Any]:
        return sorted(v for v, n in Counter(values).items() if n > 1)

    for dup in dupes([s.id for s in ds.sources]):
        problems.append(f"sources: duplicate id {dup!r}")
    for dup in dupes([r.id for r in ds.rounds]):
        problems.append(f"rounds: duplicate id {dup!r}")

    # By the same lookup as check_sources (the last of duplicate ids wins).
    citable = {sid for sid, s in sources.items() if not s.is_home_page}

    def check_sources(where: str, ids: list[str], field: str | None = None) -> None:
        for sid in ids:
            source = sources.get(sid)
            if source is None:
                problems.append(f"{where}: unknown source {sid!r}")
            elif source.is_home_page and field not in HOME_PAGE_FIELDS:
                problems.append(f"{where}: {sid!r} is a home page, which may only source a website")

    check_sources("programme.sources", ds.programme.sources)
    for i, ev in enumerate(ds.programme.events):
        check_sources(f"programme.events[{i}].sources", ev.sources)
    for i, r in enumerate(ds.rounds):
        at = f"rounds[{i}] ({r.id})"
        check_sources(f"{at}.sources", r.sources)
        for j, n in enumerate(r.notes):
            check_sources(f"{at}.notes[{j}].sources", n.sources)
        if r.ends_on < r.starts_on:
            problems.append(f"{at}.ends_on: {r.ends_on} is before starts_on {r.starts_on}")

    # The partners are most of a large file: each check below first asks the cheap
    # question (a set operation, a comparison) and builds a message only for a problem.
    numbers: dict[int, int] = {}
    owners: dict[str, int] = {}  # folded name -> index of the partner it names
    fact_fields = frozenset(FACT_FIELDS)
    for i, p in enumerate(ds.partners):
        at = partner_at(ds, i)
        if p.number is not None:
            if p.number in numbers:
                problems.append(
                    f"{at}.number: {p.number} is also the number of {partner_at(ds, numbers[p.number])}"
                )
            numbers.setdefault(p.number, i)
        # Every name a user may type leads to one partner only; a bare number is a
        # partner's number, so it can be no alias.
        for j, alias in enumerate(p.aliases):
            if fold(alias).isdigit():
                problems.append(f"{at}.aliases[{j}]: {alias!r} is a bare number, which names partner numbers")
        for name in p.names():
            key = fold(name.text)
            if not key:
                continue
            owner = owners.setdefault(key, i)
            if owner != i:
                problems.append(f"{at}: the name {name.text!r} also names {partner_at(ds, owner)}")
        in_rounds = [m.round for m in p.rounds]
        for j, m in enumerate(p.rounds):
            if m.round not in round_ids:
                problems.append(f"{at}.rounds[{j}].round: unknown round {m.round!r}")
            if not citable.issuperset(m.sources):
                check_sources(f"{at}.rounds[{j}].sources", m.sources)
        if len(set(in_rounds)) != len(in_rounds):
            for dup in dupes(in_rounds):
                problems.append(f"{at}.rounds: round {dup!r} listed twice")
        if latest in in_rounds:
            for field in ("number", "type", "cross_sector"):
                if getattr(p, field) is None:
                    problems.append(f"{at}.{field}: required for a partner of the latest round")
        if p.cross_sector and p.domains:
            problems.append(f"{at}.domains: a cross-sector partner lists no domains")
        if p.cross_sector is False and not p.domains:
            problems.append(f"{at}.domains: needs at least one domain (or cross_sector: true)")
        if p.spearhead_cluster and p.type is not PartnerType.CLUSTER:
            problems.append(f"{at}.spearhead_cluster: only a cluster can be a spearhead cluster")
        if (p.country is not None) != (p.type is PartnerType.BILATERAL_CHAMBER):
            problems.append(f"{at}.country: a bilateral chamber has a country, and only a chamber")
        for j, e in enumerate(p.events):
            if not citable.issuperset(e.sources):
                check_sources(f"{at}.events[{j}].sources", e.sources)
            if e.partner is not None and e.partner not in partner_ids:
                problems.append(f"{at}.events[{j}].partner: unknown partner {e.partner!r}")
            if e.kind is EventKind.RENAMED and not e.new_name:
                problems.append(f"{at}.events[{j}].new_name: a rename needs the new name")
            if e.kind in (EventKind.MERGED, EventKind.TRANSFERRED) and e.partner is None:
                problems.append(f"{at}.events[{j}].partner: a {e.kind.value} event names the partner")
        for j, n in enumerate(p.notes):
            if not citable.issuperset(n.sources):
                check_sources(f"{at}.notes[{j}].sources", n.sources)
        # Provenance: every fact names its source; editorial fields say so.
        for field, ids in p.sources.items():
            if field not in fact_fields:
                problems.append(f"{at}.sources: {field!r} is not a fact field of a partner")
            if not citable.issuperset(ids):
                check_sources(f"{at}.sources.{field}", ids, field)
        values = p.__dict__  # the fields' values, read without a getattr per field
        for field in FACT_FIELDS:
            value = values[field]
            # No `value == []`: models define == in Python, slowly.
            if value is None or (value.__class__ is list and not value):
                if field in p.sources and field not in EDITORIAL_FIELDS:
                    problems.append(f"{at}.sources.{field}: cites a source for an empty field")
                continue
            cited = p.sources.get(field)
            if not cited:
                problems.append(f"{at}.sources: no source for {field!r}")
            elif field in EDITORIAL_FIELDS and EDITORIAL_SOURCE not in cited:
                problems.append(f"{at}.sources.{field}: must be marked {EDITORIAL_SOURCE!r}")
    return problems


def json_schema() -> dict[str, Any]:
    schema = Dataset.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "fitpartners dataset"
    return schema
