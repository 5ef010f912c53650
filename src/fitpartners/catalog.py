"""The catalog: a validated dataset indexed once; resolve names, filter, summarise.

Works on the models (`Partner`, `Round`, `Source`, ...). Search and name resolution live
in `search`, filter values in `filters` and `countries`; this class ties them to one
dataset and one "today".
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import BadValue, UsageError
from .models import Bilingual, Dataset, Domain, EventKind, Partner, Round, Source
from .results import (
    About,
    CitedSource,
    HistoryCounts,
    HistoryStep,
    Match,
    MatrixRow,
    Out,
    OverviewRow,
    PartnerRecord,
    PartnerRecords,
    RoundInfo,
    RoundState,
    SearchRecord,
    State,
    Status,
    TypeCount,
    domain_key,
)
from .vocabulary import CROSS_SECTOR_LABEL, DOMAIN_LABELS, TYPE_LABELS, UNKNOWN_TYPE_LABEL, fold

if TYPE_CHECKING:
    from .search import Hit, Resolution

ENV_TODAY = "FITPARTNERS_TODAY"
PERIOD_ALL = "all"
NO_NUMBER = 10**9  # sorts partners without a number (earlier rounds only) last


def today() -> dt.date:
    """Today, or the day FITPARTNERS_TODAY names (for tests and 'as of' questions)."""
    raw = os.environ.get(ENV_TODAY, "").strip()
    if not raw:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise UsageError(f"{ENV_TODAY} must be a date as YYYY-MM-DD, not {raw!r}") from None


class Selection(NamedTuple):
    partners: list[Partner]
    cross_sector_left_out: list[Partner]  # with --domain: partners serving every domain


class Catalog:
    def __init__(self, dataset: Dataset, on: dt.date | None = None) -> None:
        self.dataset = dataset
        self.today = on or today()
        self.partners: list[Partner] = dataset.partners
        self.rounds: list[Round] = sorted(dataset.rounds, key=lambda r: r.starts_on)
        self.by_id: dict[str, Partner] = {p.id: p for p in self.partners}
        self.sources: dict[str, Source] = {s.id: s for s in dataset.sources}

    # -- rounds ----------------------------------------------------------------------
    @property
    def latest_round(self) -> Round:
        return self.rounds[-1]

    @property
    def current_round(self) -> Round:
        """The latest round that has started by today (the default of every command)."""
        started = [r for r in self.rounds if r.starts_on <= self.today]
        return started[-1] if started else self.rounds[0]

    def round_state(self, r: Round) -> RoundState:
        if self.today < r.starts_on:
            return RoundState.NOT_STARTED
        return RoundState.ENDED if self.today > r.ends_on else RoundState.RUNNING

    def ended_notice(self) -> str | None:
        """A line for people once the latest round in the data is over."""
        latest = self.latest_round
        if self.round_state(latest) is not RoundState.ENDED:
            return None
        return (
            f"note: the {latest.id} round ended on {latest.ends_on}; "
            "no later round is in this dataset (--quiet hides this note)"
        )

    def period_ids(self) -> list[str]:
        return [*(r.id for r in self.rounds), PERIOD_ALL]

    def period(self, value: str | None) -> set[str]:
        """Round ids for a --period value (default: the current round)."""
        if value is None:
            return {self.current_round.id}
        key = fold(value)
        if key == PERIOD_ALL:
            return {r.id for r in self.rounds}
        chosen = {r.id for r in self.rounds if fold(r.id) == key}
        if not chosen:
            raise BadValue("--period", value, self.period_ids())
        return chosen

    def in_period(self, round_ids: set[str]) -> list[Partner]:
        return [p for p in self.partners if not round_ids.isdisjoint([m.round for m in p.rounds])]

    # -- one partner -----------------------------------------------------------------
    def count(self) -> int:
        """The highest partner number: numbers run from 1 to this."""
        return max((p.number for p in self.partners if p.number is not None), default=0)

    def resolve(self, query: str) -> Resolution:
        from . import search  # only the commands that take a name load it

        return search.resolve(self.partners, query, self.count())

    def status(self, p: Partner) -> Status:
        """The partner's present state from its dated events up to today."""
        if not p.events:
            return Status(state=State.ACTIVE, since=None, name=p.name, partner=None, text="active")
        day = self.today.isoformat()
        for e in sorted(p.events, key=lambda e: e.date, reverse=True):
            if e.date > day[: len(e.date)]:
                continue  # not yet happened on the day asked about
            if e.kind is EventKind.RENAMED and e.new_name:
                return Status(
                    state=State.RENAMED,
                    since=e.date,
                    name=e.new_name,
                    partner=None,
                    text=f"now: {e.new_name} (renamed {e.date})",
                )
            if e.kind is EventKind.MERGED and e.partner in self.by_id:
                into = self.status(self.by_id[e.partner]).name
                return Status(
                    state=State.MERGED,
                    since=e.date,
                    name=into,
                    partner=e.partner,
                    text=f"now part of {into} (merged {e.date})",
                )
        return Status(state=State.ACTIVE, since=None, name=p.name, partner=None, text="active")

    @cached_property
    def cited(self) -> dict[str, CitedSource]:
        """Every source as cited next to a fact, by id."""
        return {
            sid: CitedSource(id=s.id, publisher=s.publisher, title=s.title, url=s.url, date=s.date)
            for sid, s in self.sources.items()
        }

    def records(self, partners: Sequence[Partner]) -> PartnerRecords:
        """The partners as printed: sources resolved next to the facts, status added."""
        return PartnerRecords(partners, self.cited, self.status)

    def record(self, p: Partner) -> PartnerRecord:
        """One partner as printed."""
        return self.records([p])[0]

    def search_record(self, hit: Hit) -> SearchRecord:
        """A search result as printed: the partner's record and why it matched."""
        match = Match(score=round(hit.score, 3), words=hit.words, fields=hit.fields, general=hit.general)
        return SearchRecord.model_construct(**dict(self.record(hit.partner)), match=match)

    # -- selecting -------------------------------------------------------------------
    def select(
        self,
        *,
        types: Sequence[str] = (),
        domains: Sequence[str] = (),
        countries: Sequence[str] = (),
        period: str | None = None,
        all_sectors: bool = False,
    ) -> Selection:
        """OR within one filter, AND across filters."""
        type_ids = domain_ids = codes = None  # only a filtered list loads filters or countries
        if types:
            from .filters import type_ids as type_ids_of

            type_ids = type_ids_of(types)
        if domains:
            from .filters import domain_ids as domain_ids_of

            domain_ids = domain_ids_of(domains)
        if countries:
            from .countries import country_code

            codes = {country_code(c) for c in countries}
        chosen: list[Partner] = []
        left_out: list[Partner] = []
        for p in self.in_period(self.period(period)):
            if type_ids is not None and (p.type is None or p.type.value not in type_ids):
                continue
            if codes is not None and p.country not in codes:
                continue
            if domain_ids is not None and not domain_ids.intersection(d.value for d in p.domains):
                if p.cross_sector:
                    (chosen if all_sectors else left_out).append(p)
                continue
            chosen.append(p)
        return Selection(chosen, left_out)

    def general_partners(self, period: str | None = None) -> list[Partner]:
        """The partners that serve every sector and every country (not the chambers,
        which serve one country each)."""
        return [p for p in self.in_period(self.period(period)) if p.cross_sector and p.country is None]

    @staticmethod
    def sort(partners: list[Partner], by: str) -> list[Partner]:
        """By number (the press release's order, partners without one last, then by
        name), by name, or by type in the vocabulary's order."""
        if by == "name":
            return sorted(partners, key=lambda p: fold(p.name))
        if by == "type":
            order = {t: i for i, t in enumerate(TYPE_LABELS)}
            return sorted(
                partners,
                key=lambda p: (
                    order.get(p.type.value if p.type else "", len(order)),
                    p.number or NO_NUMBER,
                    fold(p.name),
                ),
            )
        # Numbers are unique (validate checks it): only partners without one need a name.
        numbered = sorted((p for p in partners if p.number is not None), key=lambda p: p.number or 0)
        return numbered + sorted((p for p in partners if p.number is None), key=lambda p: fold(p.name))

    # -- overviews -------------------------------------------------------------------
    def domain_overview(self, period: str | None = None) -> list[OverviewRow]:
        partners = self.in_period(self.period(period))
        rows = [
            OverviewRow(
                id=did,
                label=Bilingual(**labels),
                count=len(members := [p.id for p in partners if did in p.domains]),
                partners=members,
            )
            for did, labels in DOMAIN_LABELS.items()
        ]
        cross = [p.id for p in partners if p.cross_sector]
        rows.append(
            OverviewRow(
                id="cross-sector", label=Bilingual(**CROSS_SECTOR_LABEL), count=len(cross), partners=cross
            )
        )
        return rows

    def type_overview(self, period: str | None = None) -> list[OverviewRow]:
        partners = self.in_period(self.period(period))
        rows = [
            OverviewRow(
                id=tid,
                label=Bilingual(**labels),
                count=len(members := [p.id for p in partners if p.type is not None and p.type.value == tid]),
                partners=members,
            )
            for tid, labels in TYPE_LABELS.items()
        ]
        unknown = [p.id for p in partners if p.type is None]
        if unknown:
            rows.append(
                OverviewRow(
                    id=None, label=Bilingual(**UNKNOWN_TYPE_LABEL), count=len(unknown), partners=unknown
                )
            )
        return rows

    def matrix(self, period: str | None = None) -> list[Out]:
        rows = []
        for p in self.in_period(self.period(period)):
            row: dict[str, Any] = {"id": p.id, "number": p.number, "name": p.name}
            row |= {domain_key(d): d in p.domains for d in Domain}
            row["cross_sector"] = p.cross_sector
            rows.append(MatrixRow(**row))
        # Partners with domains first, the cross-sector ones set apart at the end.
        rows.sort(key=lambda r: (bool(r.cross_sector), r.number or NO_NUMBER))  # type: ignore[attr-defined]
        return rows

    def history(self) -> list[HistoryStep]:
        """Between each two adjacent rounds: who continued, who joined, who left."""
        steps = []
        for before, after in zip(self.rounds, self.rounds[1:], strict=False):
            was = [p.id for p in self.in_period({before.id})]
            now = [p.id for p in self.in_period({after.id})]
            continued = [pid for pid in now if pid in was]
            joined = [pid for pid in now if pid not in was]
            left = [pid for pid in was if pid not in now]
            counts = HistoryCounts(
                before=len(was), after=len(now), continued=len(continued), joined=len(joined), left=len(left)
            )
            steps.append(
                HistoryStep(
                    from_round=before.id,
                    to_round=after.id,
                    continued=continued,
                    joined=joined,
                    left=left,
                    counts=counts,
                )
            )
        return steps

    def about(self) -> About:
        current = self.current_round
        per_type: dict[str, int] = {}
        for p in self.in_period({current.id}):
            if p.type is not None:
                per_type[p.type.value] = per_type.get(p.type.value, 0) + 1
        rounds = []
        for r in self.rounds:
            state = self.round_state(r)
            days_left = (r.ends_on - self.today).days + 1 if state is RoundState.RUNNING else None
            rounds.append(RoundInfo(**dict(r), state=state, days_left=days_left))
        return About(
            programme=self.dataset.programme,
            today=self.today,
            latest_round=self.latest_round.id,
            rounds=rounds,
            partners_per_type=[TypeCount(type=t, count=n) for t, n in per_type.items()],
            sources=list(self.sources.values()),
        )
