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
from .language import N_
from .messages import Msg, say_in


class OutputShape(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class CitedSource(OutputShape):
    """A source as cited next to a fact: enough to follow it without a second call."""

    id: str
    publisher: str
    title: str | None
    url: str | None
    date: str | None
    kind: str | None  # who published it: fit, government, press, other, editorial, or a partner's id


class State(StrEnum):
    ACTIVE = N_("active")  # said to people by the catalogue (--labels, xlsx)
    RENAMED = "renamed"
    MERGED = "merged"
    LEFT = "left"  # in a round, and not in the next round, which has started


class Step(OutputShape):
    """A link of what a partner became: a record (`id`), the name it went by from then on,
    and the change that led there, with its day and pages. The first link is the partner
    as the sources listed it (no change)."""

    id: str
    name: str
    change: str | None  # renamed or merged; None for the first link
    date: str | None  # the day it happened, where a page says so
    by: str | None  # else the day by which a page says it had happened; neither: not stated
    sources: list[str]


class Status(OutputShape):
    """What became of a partner since the sources listed it, as of `today`.

    Its size does not grow with a chain of changes: `changes` counts them, `next` and `now`
    give the first and the last; the whole `chain` is in the status of one partner only
    (`show NAME`, `Catalog.status`, `Catalog.record`) and null in a list of partners (`list`,
    `search`, `Catalog.records`, `Catalog.continued_by`), where it would make the output grow
    with the square of a chain's length (a chain of 1,500 mergers whose records are all
    listed: 202 MB)."""

    state: State
    since: str | None  # the last change's date (YYYY-MM or YYYY-MM-DD); for left, the next round's start
    name: str  # the name it goes by now (for a merged partner: the body it is part of now)
    partner: str | None  # for a merger, the id of the record it is part of now (the chain's end)
    round: str | None  # for a partner that left: the last round it was in
    changes: int  # renames and mergers from the partner as listed to now; 0 when nothing changed
    next: Step | None  # the first change: its new name, or the record it merged into; None: no change
    now: Step | None  # the last change, which made it what it is now (= next after one change)
    chain: list[Step] | None  # every link from the partner as listed ([]: no change); None in lists
    text: str  # one line for people: "now: MEDVIA (renamed 2022-05-17)"


# A chain longer than this, in links, is shortened where people read it (a card's `chain`
# row): its first CHAIN_SHOWN - 1 links, how many more, and the last.
CHAIN_SHOWN = 10


def status_said(
    status: Mapping[str, Any], lang: str, *, brief: bool = False, listed: str | None = None
) -> str:
    """A status (JSON-shaped) for people in `lang`: '' for an active partner; what became of
    it ('now: MEDVIA (renamed 2022-05-17)'; through two changes, the chain: 'now part of
    Biovia: flanders.healthTech -> MEDVIA (renamed 2022-05-17) -> Biovia (merged; date not
    stated by the page)'; through more, the first and the last change and how many lie
    between: 'now part of Z: A -> B (merged 2023-01-01) -> (1497 more) -> Z (merged
    2023-01-01)'); `brief` for a narrow table ('now MEDVIA', 'part of Biovia', 'left').
    `listed`: the partner's name as the sources listed it, the chain's first link (else taken
    from `chain`). catalog.status makes its English `text` with this."""
    state, name = status["state"], status["name"]
    if state == State.LEFT:
        key = N_("left after {round}") if brief else N_("left the programme after {round}")
        return say_in(lang, key, round=status["round"])
    if state not in (State.RENAMED, State.MERGED):
        return ""
    if brief:
        return say_in(lang, N_("now {name}") if state == State.RENAMED else N_("part of {name}"), name=name)
    changes, now = status["changes"], status["now"]
    if changes > 1:
        if listed is None:
            listed = status["chain"][0]["name"]
        links = [{"name": listed}, status["next"], now]
        key = N_("now {name}: {chain}") if state == State.RENAMED else N_("now part of {name}: {chain}")
        return say_in(lang, key, name=name, chain=chain_said(links, lang, changes + 1))
    key = N_("now: {name} ({how})") if state == State.RENAMED else N_("now part of {name} ({how})")
    return say_in(lang, key, name=name, how=_how(now, lang))


def chain_said(chain: Sequence[Mapping[str, Any]], lang: str, total: int | None = None) -> str:
    """A chain of steps (JSON-shaped) in `lang`: 'flanders.healthTech -> MEDVIA (renamed
    2022-05-17) -> Biovia (merged; date not stated by the page)'. `total`: the number of
    links in the whole chain, when `chain` gives some of them (the first ones and the last):
    the links left out are counted before the last, '-> (1497 more) ->'."""
    links = [
        chain[0]["name"],
        *(say_in(lang, "{name} ({how})", name=s["name"], how=_how(s, lang)) for s in chain[1:]),
    ]
    if total is not None and total > len(chain):
        links.insert(-1, say_in(lang, "({count} more)", count=total - len(chain)))
    return " -> ".join(links)


def _how(step: Mapping[str, Any], lang: str) -> str:
    """How a link came to be, in `lang`: 'renamed 2022-05-17', 'merged by 2022-12-13',
    'merged; date not stated by the page'."""
    renamed = step["change"] == State.RENAMED
    if step["date"] is None and step["by"] is None:
        key = (
            N_("renamed; date not stated by the page")
            if renamed
            else N_("merged; date not stated by the page")
        )
        return say_in(lang, key)
    when = step["date"] or Msg("by {day}", day=step["by"])
    return say_in(lang, N_("renamed {when}") if renamed else N_("merged {when}"), when=when)


def shortened(chain: Sequence[Step]) -> list[Step]:
    """A chain as a card shows it: whole up to CHAIN_SHOWN links, else its first
    CHAIN_SHOWN - 1 links and its last (chain_said counts those left out)."""
    return list(chain) if len(chain) <= CHAIN_SHOWN else [*chain[: CHAIN_SHOWN - 1], chain[-1]]


class PartnerRecord(Partner):
    """A partner as every command prints it: the stored partner, its `sources` resolved
    (field -> the sources cited for it), and its `status` (with the whole `chain` in the
    record of one partner, `show NAME`; `chain` None in a list)."""

    sources: dict[str, list[CitedSource]]  # type: ignore[assignment]
    status: Status


class PartnerRecords(Sequence[PartnerRecord]):
    """Partner records, each made when it is read: the partner with its sources resolved
    through `cited` (source id -> CitedSource) and its `status` (Catalog.listed_status for a
    list: a status whose size does not grow with a chain of mergers). A JSON list of many
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
    country, service, region, history, successor or typo; `field` where (a field, or
    'vocabulary'/'generic'/'country'/'successor'); `matched` what (the word in the data, the
    sector id, the ISO code, 'logstics ~ logistics' for a typo, the region's name, or for a
    successor the name of the partner now part of it that matched)."""

    word: str
    how: str
    field: str
    matched: str
    page: str | None = None  # a service: the address of the partner's page that offers it


class Match(OutputShape):
    """Why a search result matched."""

    rank: int  # 1 for the first; partners that truly tie share one
    score: float
    words: list[str]
    fields: list[str]
    cross_sector: bool  # serves every sector: listed after the specific ones
    merged_into: str | None  # id of the partner this one merged into, listed just before it
    why: list[WordMatch]


class SearchRecord(PartnerRecord):
    rank: int  # as match.rank: 1 for the first; partners that truly tie share one
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
    NOT_STARTED = N_("not started")  # said to people by the catalogue
    RUNNING = N_("running")
    ENDED = N_("ended")


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
    # How many sources each kind of publisher has: a partner's own pages counted together as
    # "partner"; "not given" for a source without a kind (schema 2 and 3). None when the file
    # is no dataset the schema accepts.
    sources_by_kind: dict[str, int] | None


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
