"""The dataset schema as Pydantic models.

These models are the single definition of a valid dataset: `fitpartners validate` and
`fitpartners schema` use them, and so does every run with a data file of the user's
(--data / FITPARTNERS_DATA). The bundled dataset is checked against them by the test
suite and by `fitpartners validate`; at run time it is read without them, because
importing Pydantic alone would more than double the start-up time of every command.
"""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
)

from .vocabulary import (
    EDITORIAL_FIELDS,
    EDITORIAL_SOURCE,
    FACT_FIELDS,
    PARTNER_FIELDS,
    fold,
)


class PartnerType(StrEnum):
    """Same ids as vocabulary.TYPE_LABELS (a test keeps them equal)."""

    SECTOR_FEDERATION = "sector-federation"
    CLUSTER = "cluster"
    BILATERAL_CHAMBER = "bilateral-chamber"
    BUSINESS_NETWORK = "business-network"
    ENTREPRENEURS_ORGANISATION = "entrepreneurs-organisation"
    EMPLOYERS_ORGANISATION = "employers-organisation"


class Domain(StrEnum):
    """Same ids as vocabulary.DOMAIN_LABELS (a test keeps them equal)."""

    LIFE_SCIENCES_HEALTH = "life-sciences-health"
    FOOD = "food"
    ENGINEERING_TECHNOLOGY = "engineering-technology"
    SMART_LOGISTICS = "smart-logistics"
    SUSTAINABLE_MATERIALS_CHEMISTRY = "sustainable-materials-chemistry"


Id = Annotated[StrictStr, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[StrictStr, Field(min_length=1, max_length=10_000)]
Day = Annotated[StrictStr, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
# A date known to the day or only to the month ("2022-12").
PartialDay = Annotated[StrictStr, Field(pattern=r"^\d{4}-\d{2}(-\d{2})?$")]
Url = Annotated[StrictStr, Field(pattern=r"^https://[^\s/]+(/\S*)?$", max_length=2_000)]
SourceIds = Annotated[list[Id], Field(min_length=1)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(Record):
    nl: Text
    en: Text


class MaybeBilingual(Record):
    nl: Text | None
    en: Text | None


class Source(Record):
    id: Id
    publisher: Text
    title: Text | None
    url: Url | None
    date: Day | None
    language: Annotated[StrictStr, Field(pattern=r"^[a-z]{2}$")]


class Agency(Record):
    name: Text
    abbreviation: Text
    description: Bilingual


class Programme(Record):
    name: Bilingual
    agency: Agency
    strategy: Bilingual
    strategy_coordinated_since: StrictInt | None
    domain_mapping: StrictStr = Field(pattern="^editorial$")
    sources: SourceIds


class Round(Record):
    id: Annotated[StrictStr, Field(pattern=r"^\d{4}-\d{4}$")]
    start_year: StrictInt
    end_year: StrictInt
    signed_on: Day | None
    signed_at: MaybeBilingual
    starts_on: Day | None
    yearly_budget_eur: StrictInt | None
    partner_count: StrictInt | None
    present_at_signing: list[Text]
    sources: SourceIds


class Country(Record):
    code: Annotated[StrictStr, Field(pattern=r"^[A-Z]{2}$")]
    name: Text
    sources: SourceIds


class Membership(Record):
    round: StrictStr
    listed_as: Text
    sources: SourceIds


class Event(Record):
    date: PartialDay
    kind: Annotated[StrictStr, Field(pattern="^(renamed|transferred|joined|left)$")]
    text: Text
    new_name: Text | None
    partner: Id | None
    sources: SourceIds


class Note(Record):
    text: Text
    sources: SourceIds


class Partner(Record):
    id: Id
    number: Annotated[StrictInt, Field(ge=1)] | None
    name: Text
    full_name: Text | None
    aliases: list[Text]
    type: PartnerType | None
    spearhead_cluster: StrictBool | None
    domains: list[Domain]
    cross_sector: StrictBool | None
    country: Annotated[StrictStr, Field(pattern=r"^[A-Z]{2}$")] | None
    description: Bilingual | None
    website: Url | None
    rounds: Annotated[list[Membership], Field(min_length=1)]
    events: list[Event]
    notes: list[Note]
    sources: dict[StrictStr, SourceIds]


class Dataset(Record):
    schema_version: Annotated[StrictInt, Field(ge=1, le=1)]
    programme: Programme
    rounds: Annotated[list[Round], Field(min_length=1)]
    countries: list[Country]
    sources: Annotated[list[Source], Field(min_length=1)]
    partners: Annotated[list[Partner], Field(min_length=1)]


def _loc(parts: tuple[int | str, ...] | list[int | str]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def validate(obj: Any) -> tuple[Dataset | None, list[str]]:
    """Validate a parsed JSON document; return the dataset and every problem found."""
    try:
        dataset = Dataset.model_validate(obj)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = list(err["loc"])
            problems.append(f"{_loc(loc)}: {err['msg']}")
        return None, problems
    return dataset, cross_check(dataset)


def cross_check(ds: Dataset) -> list[str]:
    """The rules that span records: uniqueness, references, provenance."""
    problems: list[str] = []
    source_ids = [s.id for s in ds.sources]
    known_sources = set(source_ids)
    round_ids = {r.id for r in ds.rounds}
    country_codes = {c.code for c in ds.countries}
    partner_ids = {p.id for p in ds.partners}
    latest = max(ds.rounds, key=lambda r: r.start_year).id

    def dupes(values: list[Any]) -> set[Any]:
        return {v for v, n in Counter(values).items() if n > 1}

    for dup in sorted(dupes(source_ids)):
        problems.append(f"sources: duplicate id {dup!r}")
    for dup in sorted(dupes([r.id for r in ds.rounds])):
        problems.append(f"rounds: duplicate id {dup!r}")
    for dup in sorted(dupes([c.code for c in ds.countries])):
        problems.append(f"countries: duplicate code {dup!r}")

    def check_sources(where: str, ids: list[str]) -> None:
        for sid in ids:
            if sid not in known_sources:
                problems.append(f"{where}: unknown source {sid!r}")

    check_sources("programme.sources", ds.programme.sources)
    for i, r in enumerate(ds.rounds):
        check_sources(f"rounds[{i}].sources", r.sources)
        if r.end_year < r.start_year:
            problems.append(f"rounds[{i}]: end_year before start_year")
    for i, c in enumerate(ds.countries):
        check_sources(f"countries[{i}].sources", c.sources)

    seen_ids: dict[str, int] = {}
    seen_numbers: dict[int, int] = {}
    seen_keys: dict[str, str] = {}
    for i, p in enumerate(ds.partners):
        at = f"partners[{i}]"
        if p.id in seen_ids:
            problems.append(f"{at}.id: duplicate id {p.id!r} (also partners[{seen_ids[p.id]}])")
        seen_ids.setdefault(p.id, i)
        if p.number is not None:
            if p.number in seen_numbers:
                problems.append(
                    f"{at}.number: duplicate number {p.number} (also partners[{seen_numbers[p.number]}])"
                )
            seen_numbers.setdefault(p.number, i)
        # Every name a user may type must lead to one partner only.
        names = [p.id, p.name, *([p.full_name] if p.full_name else []), *p.aliases]
        for name in dict.fromkeys(fold(n) for n in names):
            if not name:
                continue
            owner = seen_keys.get(name)
            if owner is not None and owner != p.id:
                problems.append(f"{at}.aliases: {name!r} also names partner {owner!r}")
            seen_keys.setdefault(name, p.id)
        rounds_here = [m.round for m in p.rounds]
        for j, m in enumerate(p.rounds):
            if m.round not in round_ids:
                problems.append(f"{at}.rounds[{j}].round: unknown round {m.round!r}")
            check_sources(f"{at}.rounds[{j}].sources", m.sources)
        for dup in sorted(dupes(rounds_here)):
            problems.append(f"{at}.rounds: round {dup!r} listed twice")
        if latest in rounds_here:
            if p.number is None:
                problems.append(f"{at}.number: required for a partner of the current round")
            if p.type is None:
                problems.append(f"{at}.type: required for a partner of the current round")
            if p.cross_sector is None:
                problems.append(f"{at}.cross_sector: required for a partner of the current round")
        if p.cross_sector and p.domains:
            problems.append(f"{at}.domains: a cross-sector partner lists no domains")
        if p.cross_sector is False and not p.domains:
            problems.append(f"{at}.domains: needs at least one domain (or cross_sector: true)")
        if p.spearhead_cluster and p.type is not None and p.type.value != "cluster":
            problems.append(f"{at}.spearhead_cluster: only a cluster can be a spearhead cluster")
        if p.country is not None and p.country not in country_codes:
            problems.append(f"{at}.country: {p.country!r} is not in the countries table")
        for j, e in enumerate(p.events):
            check_sources(f"{at}.events[{j}].sources", e.sources)
            if e.partner is not None and e.partner not in partner_ids:
                problems.append(f"{at}.events[{j}].partner: unknown partner {e.partner!r}")
        for j, n in enumerate(p.notes):
            check_sources(f"{at}.notes[{j}].sources", n.sources)
        # Provenance: every fact names its source; editorial fields say so.
        for field, ids in p.sources.items():
            if field not in PARTNER_FIELDS:
                problems.append(f"{at}.sources: {field!r} is not a partner field")
            check_sources(f"{at}.sources.{field}", ids)
        for field in FACT_FIELDS:
            value = getattr(p, field)
            if value is None or value == []:
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
