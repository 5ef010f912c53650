"""The shapes of what commands print: Pydantic models derived from the dataset schema.

A partner record in the output is the stored `Partner` with its sources resolved and its
present status added; overviews, the matrix, history and `about` have their own shapes.
Every key is a plain identifier ([a-z_][a-z0-9_]*), so jq reaches each as `.key`; ids
such as domain ids are values, never keys. `fitpartners schema --output X` prints each
shape's JSON Schema.
"""

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import Any, overload

from pydantic import BaseModel, ConfigDict, TypeAdapter, create_model

from .dataset.models import Bilingual, Dataset, Partner, Programme, Round, Source
from .labels import Domain


class OutputShape(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class CitedSource(OutputShape):
    """A source as cited next to a fact: enough to follow it without a second call."""

    id: str
    publisher: str
    title: str | None
    url: str | None
    date: str | None


class State(StrEnum):
    ACTIVE = "active"
    RENAMED = "renamed"
    MERGED = "merged"


class Status(OutputShape):
    """What became of a partner since the sources listed it, as of `today`."""

    state: State
    since: str | None  # the event's date, YYYY-MM or YYYY-MM-DD
    name: str  # the name it goes by now (for a merged partner: the body it joined)
    partner: str | None  # for a merger, the id of the partner it became part of
    text: str  # one line for people: "now: MEDVIA (renamed 2022-05-17)"


class PartnerRecord(Partner):
    """A partner as every command prints it."""

    sources: dict[str, list[CitedSource]]  # type: ignore[assignment]
    status: Status


class PartnerRecords(Sequence[PartnerRecord]):
    """Partner records, each made when it is read: the partner with its sources resolved
    through `cited` (source id -> CitedSource) and its `status`. A JSON list of many
    partners is written straight from these parts (machine.write_json_records), without
    first making a record object for each."""

    def __init__(
        self,
        partners: Sequence[Partner],
        cited: Mapping[str, CitedSource],
        status: Callable[[Partner], Status],
    ) -> None:
        self.partners = partners
        self.cited = cited
        self.status = status

    def __len__(self) -> int:
        return len(self.partners)

    @overload
    def __getitem__(self, index: int) -> PartnerRecord: ...
    @overload
    def __getitem__(self, index: slice) -> list[PartnerRecord]: ...
    def __getitem__(self, index: int | slice) -> PartnerRecord | list[PartnerRecord]:
        if isinstance(index, slice):
            return [self.record(p) for p in self.partners[index]]
        return self.record(self.partners[index])

    def record(self, p: Partner) -> PartnerRecord:
        """Built without re-validation: every value comes from validated models."""
        cited = self.cited
        sources = {f: [cited[s] for s in ids] for f, ids in p.sources.items()}
        # p.__dict__, not dict(p), which first probes the class for `keys`, slowly.
        return PartnerRecord.model_construct(**{**p.__dict__, "sources": sources, "status": self.status(p)})


class WordMatch(OutputShape):
    """How one query word matched: `how` is name, text, coverage, vocabulary, generic,
    country or typo; `field` where (a field, or 'vocabulary'/'generic'/'country');
    `matched` what (the word in the data, the sector id, the ISO code, or 'logstics ~
    logistics' for a typo)."""

    word: str
    how: str
    field: str
    matched: str


class Match(OutputShape):
    """Why a search result matched."""

    score: float
    words: list[str]
    fields: list[str]
    cross_sector: bool  # serves every sector: listed after the specific ones
    merged_into: str | None  # id of the partner this one merged into, listed just before it
    why: list[WordMatch]


class SearchRecord(PartnerRecord):
    match: Match


class OverviewRow(OutputShape):
    id: str | None
    label: Bilingual
    count: int
    partners: list[str]


def _matrix_row() -> type[OutputShape]:
    domains: dict[str, Any] = {d.value.replace("-", "_"): (bool, ...) for d in Domain}
    return create_model(
        "MatrixRow",
        __base__=OutputShape,
        id=(str, ...),
        number=(int | None, ...),
        name=(str, ...),
        **domains,
        cross_sector=(bool | None, ...),
    )


# One column per strategic domain, its id in snake_case (a key jq reaches as `.food`).
MatrixRow = _matrix_row()


def domain_key(domain: Domain) -> str:
    return domain.value.replace("-", "_")


class HistoryCounts(OutputShape):
    before: int
    after: int
    continued: int
    joined: int
    left: int


class HistoryStep(OutputShape):
    from_round: str
    to_round: str
    continued: list[str]
    joined: list[str]
    left: list[str]
    counts: HistoryCounts


class RoundState(StrEnum):
    NOT_STARTED = "not started"
    RUNNING = "running"
    ENDED = "ended"


class RoundInfo(Round):
    state: RoundState
    days_left: int | None  # while it runs, counting today


class TypeCount(OutputShape):
    type: str
    count: int


class About(OutputShape):
    programme: Programme
    today: dt.date
    latest_round: str
    rounds: list[RoundInfo]
    partners_per_type: list[TypeCount]
    sources: list[Source]  # every source of the dataset, so that any cited id resolves


class Validation(OutputShape):
    dataset: str
    valid: bool
    problems: list[str]
    more: int  # problems found beyond those listed


# `fitpartners schema --output NAME`: the JSON Schema of each command's records.
OUTPUT_SHAPES: dict[str, type[BaseModel]] = {
    "dataset": Dataset,
    "partner": PartnerRecord,
    "search": SearchRecord,
    "overview": OverviewRow,
    "matrix": MatrixRow,
    "history": HistoryStep,
    "about": About,
    "validate": Validation,
}


# -- records as JSON values ----------------------------------------------------------

_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def adapter(kind: type) -> TypeAdapter[Any]:
    if kind not in _ADAPTERS:
        _ADAPTERS[kind] = TypeAdapter(list[kind])  # type: ignore[valid-type]
    return _ADAPTERS[kind]


def json_records(records: Sequence[BaseModel], fields: Sequence[str] | None) -> list[dict[str, Any]]:
    """Records as JSON-shaped values, keys in `fields` order when given."""
    if not records:
        return []
    dumped: list[dict[str, Any]] = adapter(type(records[0])).dump_python(list(records), mode="json")
    if fields is None:
        return dumped
    return [{f: d.get(f) for f in fields} for d in dumped]
