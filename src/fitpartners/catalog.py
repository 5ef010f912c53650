"""The catalog: a validated dataset indexed once; look up names, search, select, summarise.

Works on the models (`Partner`, `Round`, `Source`, ...). The name a user typed is resolved
here (resolve_name, at the end: what `show` needs, without loading the search); ranking
lives in `search`, filter values in `filters` and `countries`; this class ties them to one
dataset and one "today". The CLI's commands and the Python API (`fitpartners.load`) call
the same methods.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from itertools import pairwise
from typing import Any, Literal, NamedTuple

from .dataset.models import Bilingual, Dataset, Event, EventKind, Partner, Round, Source
from .errors import BadValue, NotFound
from .labels import (
    CROSS_SECTOR_LABEL,
    DOMAIN_LABELS,
    TYPE_LABELS,
    UNKNOWN_TYPE_LABEL,
    Domain,
    PartnerType,
    fold,
    fold_words,
)
from .messages import Msg
from .results import (
    About,
    CitedSource,
    HistoryCounts,
    HistoryStep,
    Match,
    MatrixRow,
    OutputShape,
    OverviewRow,
    PartnerRecord,
    PartnerRecords,
    RoundInfo,
    RoundState,
    SearchRecord,
    State,
    Status,
    Step,
    TypeCount,
    WordMatch,
    domain_key,
    json_records,
    status_said,
)
from .search import filters
from .search.countries import country_codes, search_phrases
from .search.similar import closest

PERIOD_ALL = "all"


def by_number(p: Partner) -> tuple[bool, int]:
    """Sort key: the press release's order, partners without a number (earlier rounds
    only) after those with one."""
    return (p.number is None, p.number or 0)


class Selection(list[Partner]):
    """The partners a filter chose (a list), and the cross-sector partners that a domain
    filter left out (they serve every domain; `all_sectors=True` keeps them)."""

    def __init__(self, partners: Sequence[Partner], cross_sector_left_out: Sequence[Partner] = ()) -> None:
        super().__init__(partners)
        self.cross_sector_left_out = list(cross_sector_left_out)


class SearchHit(NamedTuple):
    """A search result: the partner and why it matched (`match.words`, `match.fields`)."""

    partner: Partner
    match: Match


class Answer:
    """What a search found (`hits`), and what people are told besides: `notes` (countries
    without a chamber, ambiguous country names) and, when nothing matched, the known words
    `nearest` the query's, and `lost`, the words that found nothing; `away`, the ids of the
    partners of one region left out for a place elsewhere (VKW Limburg for 'kortrijk'). A
    plain class: a NamedTuple's class costs every run's start."""

    __slots__ = ("hits", "notes", "nearest", "lost", "away")

    def __init__(
        self,
        hits: list[SearchHit],
        notes: list[str],
        nearest: list[str],
        lost: list[str] | None = None,
        away: list[str] | None = None,
    ) -> None:
        self.hits = hits
        self.notes = notes
        self.nearest = nearest
        self.lost = lost or []
        self.away = away or []


class Catalog:
    """A validated dataset as of one day.

    `partners`: the partners of the latest round that has started by `today` (what
    `fitpartners list` shows); `all_partners`: every partner of every round, in file order.
    """

    def __init__(self, dataset: Dataset, today: dt.date | None = None) -> None:
        self.dataset = dataset
        self.today = today or dt.date.today()
        self.all_partners: list[Partner] = dataset.partners
        self.rounds: list[Round] = sorted(dataset.rounds, key=lambda r: r.starts_on)
        self.by_id: dict[str, Partner] = {p.id: p for p in self.all_partners}
        self.sources: dict[str, Source] = {s.id: s for s in dataset.sources}

    @cached_property
    def known_by(self) -> str:
        """The latest day the dataset states anything on (a dated event of a partner or of
        the agency, a source's date): an event whose page gives no day is known to have
        happened by then, and is not counted as of an earlier day."""
        days = [s.date for s in self.dataset.sources if s.date]
        days += [e.date for e in self.dataset.programme.events]
        days += [e.when for p in self.all_partners for e in p.events if e.when]
        return max(days, default="")

    @cached_property
    def partners(self) -> list[Partner]:
        return self.in_period({self.current_round.id})

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
        """A line for people once the latest round in the data is over: the round shown,
        that no later one is in the data, and where to look (the agency's website)."""
        latest = self.latest_round
        if self.round_state(latest) is not RoundState.ENDED:
            return None
        website = self.dataset.programme.agency.website
        return Msg(
            "note: showing the {round} round, which ended on {ends_on}; no later round is in this "
            "dataset{look} (--quiet hides this note)",
            round=latest.id,
            ends_on=latest.ends_on,
            look=Msg(
                "; for the next, see {agency}: {website}",
                agency=self.dataset.programme.agency.abbreviation,
                website=website,
            )
            if website
            else "",
        )

    def period_ids(self) -> list[str]:
        return [*(r.id for r in self.rounds), PERIOD_ALL]

    def period(self, value: str | None) -> set[str]:
        """Round ids for a period: a round id or 'all' (default, None: the current round).
        Raises TypeError for a value that is no str, BadValue for one that names no round."""
        if value is None:
            return {self.current_round.id}
        if not isinstance(value, str):
            raise TypeError(f"period must be a str or None, not {type(value).__name__}")
        key = fold(value)
        if key == PERIOD_ALL:
            return {r.id for r in self.rounds}
        chosen = {r.id for r in self.rounds if fold(r.id) == key}
        if not chosen:
            raise BadValue("period", value, self.period_ids())
        return chosen

    def in_period(self, round_ids: set[str]) -> list[Partner]:
        return [p for p in self.all_partners if not round_ids.isdisjoint([m.round for m in p.rounds])]

    # -- one partner -----------------------------------------------------------------
    def highest_number(self) -> int:
        """The highest partner number: numbers run from 1 to this."""
        return max((p.number for p in self.all_partners if p.number is not None), default=0)

    def resolve(self, name: str) -> Resolution:
        """The partner a name stands for, with a note on how it was read (for stderr)."""
        return resolve_name(self.all_partners, name, self.highest_number(), self.marked)

    def marked(self, p: Partner, lang: str) -> str:
        """A partner's name with what became of it, briefly, in `lang`, as a list of
        candidates gives it: 'Medtech Flanders (part of Biovia)', 'Euka (left after
        2017-2021)'; the name alone for an active partner."""
        said = status_said(self.listed_status(p).model_dump(), lang, brief=True)
        return f"{p.name} ({said})" if said else p.name

    def lookup(self, name: str | int) -> Partner:
        """The one partner of any round that `name` stands for, as `fitpartners show`
        resolves it: id, number, name, full name, alias, former or later name (case,
        accents and punctuation ignored; '&' also read as 'and'), else a unique word-prefix
        of one partner's name.

        Raises NotFound (a LookupError) when no partner or more than one matches; its
        `candidates` are the partners' names (the ambiguous ones, or close suggestions).
        A number may be given as an int (21); any other type raises TypeError."""
        if isinstance(name, bool) or not isinstance(name, str | int):
            raise TypeError(f"name must be a str or an int, not {type(name).__name__}")
        return self.resolve(str(name)).partner

    def status(self, p: Partner) -> Status:
        """The partner's present state, as of today: what its events and those of the
        records it merged into made of it (followed one merger after the other, each record
        once), else whether it left the programme (in a round, not in the next one, which
        has started), else active. With the whole `chain` of changes: the status of one
        partner (a list of partners gets listed_status's, which leaves it out)."""
        if not p.events:  # most partners: nothing happened to them, only the rounds speak
            return self._by_rounds(p, [])
        day = self.today.isoformat()
        chain = [Step(id=p.id, name=p.name, change=None, date=None, by=None, sources=[])]
        record, seen = p, {p.id}
        while True:  # bounded: each pass enters a record not seen before, or stops
            happened = _happened(record.events, day, self.known_by)
            if record is p:
                chain += [_step(p.id, e.new_name, e) for e in happened if _renames(e)]
            merger = _last_merger(happened, self.by_id)
            if merger is None or merger.partner in seen:
                break
            record = self.by_id[str(merger.partner)]
            seen.add(record.id)
            chain.append(_step(record.id, self._present_name(record), merger))
        if len(chain) > 1:
            return self._changed(p, chain[1], chain[-1], len(chain) - 1, chain)
        return self._by_rounds(p, [])

    def listed_status(self, p: Partner) -> Status:
        """status(p) without its `chain` (None), as a list of partners gives it: made from
        the partner's own events and the end of its mergers, found once for all records
        (_merger_ends), so that its cost does not grow with the length of a chain."""
        if not p.events:
            return self._by_rounds(p, None)
        happened = _happened(p.events, self.today.isoformat(), self.known_by)
        steps = [_step(p.id, e.new_name, e) for e in happened if _renames(e)]
        changes = len(steps)
        end = self._merger_ends.get(p.id)
        if end is not None:
            end_id, hops, into_end = end
            nearest, merger = self._into[p.id]
            steps.append(_step(nearest, self._present_name(self.by_id[nearest]), merger))
            if hops > 1:
                steps.append(_step(end_id, self._present_name(self.by_id[end_id]), into_end))
            changes += hops
        if not steps:
            return self._by_rounds(p, None)
        return self._changed(p, steps[0], steps[-1], changes, None)

    def _changed(self, p: Partner, first: Step, last: Step, changes: int, chain: list[Step] | None) -> Status:
        """The status of a partner renamed or merged: `first` and `last` its first and last
        change, `changes` how many there were."""
        merged = last.change == EventKind.MERGED
        shape: dict[str, Any] = {
            "state": State.MERGED if merged else State.RENAMED,
            "since": last.date or last.by,
            "name": last.name,
            "partner": last.id if merged else None,
            "round": None,
            "changes": changes,
            "next": first,
            "now": last,
            "chain": chain,
        }
        dumped = {**shape, "next": first.model_dump(), "now": last.model_dump(), "chain": None}
        return Status(**shape, text=status_said(dumped, "en", listed=p.name))

    def _present_name(self, record: Partner) -> str:
        """The name a record goes by today: its last rename that had happened, else its name."""
        if not record.events:
            return record.name
        day = self.today.isoformat()
        names = [e.new_name for e in _happened(record.events, day, self.known_by) if _renames(e)]
        return (names[-1] if names else None) or record.name

    def _by_rounds(self, p: Partner, chain: list[Step] | None) -> Status:
        """Left, where the partner is not in the round after its last one and that round has
        started; else active. `chain`: [] for the status of one partner, None in a list."""
        left = self._left_after(tuple(m.round for m in p.rounds))
        shape: dict[str, Any] = {"partner": None, "changes": 0, "next": None, "now": None, "chain": chain}
        if left is None:
            return Status(state=State.ACTIVE, since=None, name=p.name, round=None, **shape, text="active")
        shape |= {
            "state": State.LEFT,
            "since": left[1].starts_on.isoformat(),
            "name": p.name,
            "round": left[0].id,
        }
        return Status(**shape, text=status_said(shape, "en"))

    @functools.lru_cache(maxsize=64)  # noqa: B019  (per catalog and set of rounds: a few entries)
    def _left_after(self, rounds: tuple[str, ...]) -> tuple[Round, Round] | None:
        """(the last round of `rounds`, the next round) when the next round has started and
        is not among them; None otherwise."""
        at = [i for i, r in enumerate(self.rounds) if r.id in rounds]
        if not at or at[-1] + 1 >= len(self.rounds):
            return None
        last, after = self.rounds[at[-1]], self.rounds[at[-1] + 1]
        return (last, after) if after.starts_on <= self.today else None

    def continued_by(self, p: Partner) -> list[tuple[Partner, Status]]:
        """The partners that are now part of `p` (their mergers end at it), by number, each
        with its status as a list gives it (no `chain`): what a record made by a merger
        continues."""
        ends = self._merger_ends
        merging = [q for q in self.all_partners if q is not p and (end := ends.get(q.id)) and end[0] == p.id]
        return [(q, self.listed_status(q)) for q in sorted(merging, key=by_number)]

    @cached_property
    def _into(self) -> dict[str, tuple[str, Event]]:
        """Record id -> (the id of the record it merged into as of today, that merger), for
        each record whose last merger that had happened names another known record."""
        day = self.today.isoformat()
        into: dict[str, tuple[str, Event]] = {}
        for q in self.all_partners:
            if q.events:
                merger = _last_merger(_happened(q.events, day, self.known_by), self.by_id)
                if merger is not None and merger.partner != q.id:
                    into[q.id] = (str(merger.partner), merger)
        return into

    @cached_property
    def _merger_ends(self) -> dict[str, tuple[str, int, Event]]:
        """Record id -> (the id of the record its mergers lead to as of today, the number of
        mergers on the way, the last of them), for each record that has merged: what
        status() finds by following them, found for every record in one pass (each record
        entered once: the end of a record, once known, serves every record merged into it).
        On a loop (which validate refuses) each record's end is the one before it, as
        status() stops before a record it has seen."""
        into = self._into
        ends: dict[str, tuple[str, int, Event]] = {}
        for start in into:
            path: list[str] = []
            on_path: dict[str, int] = {}
            at = start
            while at in into and at not in ends and at not in on_path:  # bounded: the path grows
                on_path[at] = len(path)
                path.append(at)
                at = into[at][0]
            if at in on_path:  # a loop: path[on_path[at]:], each record's end the one before it
                loop = path[on_path[at] :]
                for k, record in enumerate(loop):
                    ends[record] = (loop[k - 1], len(loop) - 1, into[loop[k - 2]][1])
                path = path[: on_path[at]]
            for record in reversed(path):  # each leads to `at`, one merger further than the next
                end = ends.get(at)
                ends[record] = (end[0], end[1] + 1, end[2]) if end else (at, 1, into[record][1])
                at = record
        return ends

    @cached_property
    def cited(self) -> dict[str, CitedSource]:
        """Every source as cited next to a fact, by id."""
        return {
            sid: CitedSource(
                id=s.id, publisher=s.publisher, title=s.title, url=s.url, date=s.date, kind=s.kind
            )
            for sid, s in self.sources.items()
        }

    def printed(self, partners: Sequence[Partner]) -> PartnerRecords:
        """The partners as every command prints a list of them: sources resolved next to
        the facts, present status added without its chain (records made as they are read)."""
        return PartnerRecords(partners, self.cited, self.listed_status)

    def record(self, p: Partner) -> PartnerRecord:
        """One partner as `show` prints it: its status with the whole chain of changes."""
        return PartnerRecords([p], self.cited, self.status)[0]

    def records(self, partners: Sequence[Partner] | None = None) -> list[dict[str, Any]]:
        """The partners (default: `partners`) as `fitpartners list --json` prints them:
        one plain dict per partner, JSON types only (pd.DataFrame(records) makes a table)."""
        return json_records(self.printed(self.partners if partners is None else partners), None)

    def search_record(self, hit: SearchHit) -> SearchRecord:
        """A search result as printed: the partner's record and why it matched."""
        return SearchRecord.model_construct(
            **dict(self.printed([hit.partner])[0]), rank=hit.match.rank, match=hit.match
        )

    def search(self, query: str | Sequence[str], *, period: str | None = None) -> list[SearchHit]:
        """The partners that can help with a question, best first, as `fitpartners search`
        ranks them. `query`: a string or a list of words, English or Dutch; `period`: a
        round id or 'all' (default: the current round). [] when nothing matches."""
        return self.answer(query, period=period).hits

    def answer(self, query: str | Sequence[str], *, period: str | None = None) -> Answer:
        """search(), with what people are told besides: countries without a chamber,
        ambiguous country names, and for an empty answer the nearest known words."""
        # Door: the ranking imports the vocabulary, whose models are built on import.
        from .search import ranking

        words = _values(query, "query")
        partners = self.in_period(self.period(period))
        # What each record merged into (Medtech Flanders: MEDVIA; MEDVIA: Biovia): the ranking
        # puts a partner right after the nearest record it became part of that matches too.
        into = {pid: nearest for pid, (nearest, _) in self._into.items()}
        # A record in no round that partners of the period are now part of (Biovia) is
        # searched too: a question finds the present body, and its partners right after it.
        ends = dict.fromkeys(end[0] for p in partners if (end := self._merger_ends.get(p.id)))
        now = [self.by_id[pid] for pid in ends if not self.by_id[pid].rounds]
        found = ranking.search([*partners, *now], words, into)
        hits = [
            SearchHit(
                h.partner,
                Match(
                    rank=h.rank,
                    score=round(h.score, 3),
                    words=h.words,
                    fields=h.fields,
                    cross_sector=h.cross_sector,
                    merged_into=h.merged_into,
                    why=[self._word_match(m) for m in h.why],
                ),
            )
            for h in found.hits
        ]
        return Answer(hits, found.notes, found.nearest, found.lost, found.away)

    def _word_match(self, m: Any) -> WordMatch:
        """One word's evidence, a service's source id as the address of its page."""
        source = self.sources.get(m.page) if m.page else None
        return WordMatch(**{**m._asdict(), "page": source.url if source is not None else None})

    # -- selecting -------------------------------------------------------------------
    def select(
        self,
        *,
        type: str | Sequence[str] = (),
        domain: str | Sequence[str] = (),
        country: str | Sequence[str] = (),
        sector: str | Sequence[str] = (),
        period: str | None = None,
        all_sectors: bool = False,
    ) -> Selection:
        """The partners of `period` (default: the current round) that match every filter
        given, as `fitpartners list` selects them. Each filter takes a value or a list of
        values, a comma inside a value meaning either: type and domain ids or labels
        (English or Dutch), countries by ISO 3166 code or name, sectors (`labels.Sector`)
        by id or label (a partner whose coverage has an item in the sector). A cross-sector
        partner serves every domain and sector: a domain or sector filter leaves it out
        unless `all_sectors`.

        Raises BadValue (a ValueError) for a value that names nothing, its message naming
        the parameter and listing the valid values; TypeError for a value that is neither a
        str nor a sequence of str."""
        types, domains, countries, sectors = (
            _values(v, name)
            for v, name in ((type, "type"), (domain, "domain"), (country, "country"), (sector, "sector"))
        )
        type_ids = domain_ids = codes = sector_ids = None
        if types:
            type_ids = filters.type_ids(types)
        if domains:
            domain_ids = filters.domain_ids(domains)
        if countries:
            codes = country_codes(countries)
        if sectors:
            sector_ids = filters.sector_ids(sectors)
        chosen: list[Partner] = []
        left_out: list[Partner] = []
        for p in self.in_period(self.period(period)):
            if type_ids is not None and (p.type is None or p.type.value not in type_ids):
                continue
            if codes is not None and p.country not in codes:
                continue
            if (domain_ids is not None and not domain_ids.intersection(d.value for d in p.domains)) or (
                sector_ids is not None and not sector_ids.intersection(c.sector for c in p.coverage)
            ):
                if p.cross_sector:
                    (chosen if all_sectors else left_out).append(p)
                continue
            chosen.append(p)
        return Selection(chosen, left_out)

    def cross_sector_partners(self, period: str | None = None) -> list[Partner]:
        """The partners that serve every sector and every country (not the chambers,
        which serve one country each)."""
        return [p for p in self.in_period(self.period(period)) if p.cross_sector and p.country is None]

    @staticmethod
    def sort(partners: Sequence[Partner], by: str) -> list[Partner]:
        """By number (the press release's order, partners without one last, then by
        name), by name, or by type in the order of the PartnerType enum."""
        if by == "name":
            return sorted(partners, key=lambda p: fold(p.name))
        if by == "type":
            # Every type is in TYPE_LABELS; a partner whose type is unknown (None) comes last.
            order: dict[PartnerType | None, int] = {t: i for i, t in enumerate(TYPE_LABELS)}
            return sorted(partners, key=lambda p: (order.get(p.type, len(order)), by_number(p), fold(p.name)))
        # Numbers are unique (validate checks it): only partners without one need a name.
        return sorted(partners, key=lambda p: (by_number(p), fold(p.name)))

    # -- overviews -------------------------------------------------------------------
    def overview(self, kind: Literal["domain", "type"], period: str | None = None) -> list[OverviewRow]:
        """One row per strategic domain (then the cross-sector partners) or per partner
        type (then those whose type the sources do not give), with its partners' ids."""
        partners = self.in_period(self.period(period))
        groups: list[tuple[str | None, dict[str, str], list[str]]]
        if kind == "domain":
            groups = [
                (str(d), labels, [p.id for p in partners if d in p.domains])
                for d, labels in DOMAIN_LABELS.items()
            ]
            groups.append(("cross-sector", CROSS_SECTOR_LABEL, [p.id for p in partners if p.cross_sector]))
        else:
            groups = [
                (str(t), labels, [p.id for p in partners if p.type == t]) for t, labels in TYPE_LABELS.items()
            ]
            unknown = [p.id for p in partners if p.type is None]
            if unknown:
                groups.append((None, UNKNOWN_TYPE_LABEL, unknown))
        return [
            OverviewRow(id=gid, label=Bilingual(**labels), count=len(members), partners=members)
            for gid, labels, members in groups
        ]

    def matrix(self, period: str | None = None) -> list[OutputShape]:
        rows = []
        for p in self.in_period(self.period(period)):
            row: dict[str, Any] = {"id": p.id, "number": p.number, "name": p.name}
            row |= {domain_key(d): d in p.domains for d in Domain}
            row["cross_sector"] = p.cross_sector
            rows.append(MatrixRow(**row))
        # Partners with domains first, the cross-sector ones set apart at the end.
        rows.sort(key=lambda r: (bool(r.cross_sector), r.number is None, r.number or 0))  # type: ignore[attr-defined]
        return rows

    def history(self) -> list[HistoryStep]:
        """Between each two adjacent rounds: who continued, who joined, who left."""
        steps = []
        for before, after in pairwise(self.rounds):
            was = [p.id for p in self.in_period({before.id})]
            now = [p.id for p in self.in_period({after.id})]
            was_in, now_in = set(was), set(now)  # asked of each partner: sets, not lists
            continued = [pid for pid in now if pid in was_in]
            joined = [pid for pid in now if pid not in was_in]
            left = [pid for pid in was if pid not in now_in]
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


def _values(value: str | Sequence[str], name: str) -> list[str]:
    """A parameter's value as a list of strings: a str, or a sequence of them (a list, a
    tuple). Raises TypeError naming the parameter for anything else (None, a number, a
    mapping, a list with a non-str in it)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Sequence) and all(isinstance(v, str) for v in value):
        return list(value)
    raise TypeError(f"{name} must be a str or a sequence of str, not {type(value).__name__}")


def _happened(events: Sequence[Event], day: str, known_by: str) -> list[Event]:
    """A record's events that had happened on `day` (YYYY-MM-DD), in order: the dated ones
    by their day, then those whose page gives no day, known to have happened by
    `known_by` (Catalog.known_by) and so counted from that day on."""
    done = sorted((e for e in events if e.when and e.when <= day[: len(e.when)]), key=lambda e: e.when)
    return done + ([e for e in events if not e.when] if known_by <= day[: len(known_by)] else [])


def _last_merger(happened: Sequence[Event], by_id: Mapping[str, Partner]) -> Event | None:
    """The last merger of those that had happened (`happened`, in order) into a known record."""
    return next((e for e in reversed(happened) if e.kind is EventKind.MERGED and e.partner in by_id), None)


def _renames(e: Event) -> bool:
    return e.kind is EventKind.RENAMED and bool(e.new_name)


def _step(record: str, name: str | None, e: Event) -> Step:
    return Step(id=record, name=name or "", change=e.kind.value, date=e.date, by=e.by, sources=e.sources)


# -- resolving a name ---------------------------------------------------------------
#
# What `show` and lookup() do with the name a user typed: an exact, case-insensitive name
# first; a word-prefix of one name next; the closest names only as a suggestion.


class Resolution:
    """The partner a name stands for, and why the name led there (`note`, for stderr;
    None for the partner's own name). A plain class, as Answer is."""

    __slots__ = ("partner", "note")

    def __init__(self, partner: Partner, note: str | None) -> None:
        self.partner = partner
        self.note = note


def resolve_name(
    partners: Sequence[Partner], query: str, count: int, marked: Callable[[Partner, str], str] | None = None
) -> Resolution:
    """The one partner a name the user typed stands for.

    1. An exact name (id, number, name, full name, alias, former or later name; case,
       accents, spaces and punctuation ignored; '&' also read as 'and'). A later name
       carries its note.
    2. A number (bare, or '#21' as a card's heading shows it) that is no partner's: NotFound,
       saying the range 1..count.
    3. A unique word-prefix of a name ('beacon', 'de blauwe', 'healthtech'), with a note
       "'beacon' taken as The Beacon" for stderr; but not a word that names a kind of
       partner of which there are several, one found among them: a type ('cluster'), a
       domain ('health') or a chamber's country ('china').
    Several partners: NotFound listing them (each as `marked` says it in a language: with
    what became of it). None: NotFound with up to three suggestions.
    """
    if (typed := query.strip()).startswith("#") and typed[1:].isdecimal():
        query = typed[1:]  # a number as a card's heading shows it: '#21 Voka'
    key = fold(query)
    if not key:
        raise NotFound(Msg("no partner named {query!r}", query=query))
    # A number is a number as typed: '1.0', '1,9' or '-1' name no partner (folded they would).
    numeric = query.strip().isdecimal()
    exact = _exact(partners, query, numeric)
    if len(exact) == 1:
        return Resolution(*exact[0])
    if exact:
        raise _ambiguous(query, [p for p, _ in exact], marked)
    if numeric:
        return _by_number(partners, key, count)
    prefixed = _prefixed(partners, query, key)
    # A word naming a kind of partner that one found is of lists that kind, with the others
    # found ('kamer': the chambers, and Voka – Kamer van Koophandel).
    kind = next((k for p, _ in prefixed if len(k := _of_the_kind_named(partners, query, p)) > 1), [])
    if kind:
        found = {p.id: p for p in [*kind, *(p for p, _ in prefixed)]}
        raise _ambiguous(query, sorted(found.values(), key=by_number), marked)
    if len(prefixed) == 1:
        p, why = prefixed[0]
        if why:
            return Resolution(p, Msg("{query!r} taken as {name} ({why})", query=query, name=p.name, why=why))
        return Resolution(p, Msg("{query!r} taken as {name}", query=query, name=p.name))
    if prefixed:
        raise _ambiguous(query, [p for p, _ in prefixed], marked)
    suggestions = suggest(partners, query)
    if suggestions:
        message = Msg(
            "no partner named {query!r}; did you mean: {names}?", query=query, names=", ".join(suggestions)
        )
        raise NotFound(message, suggestions)
    raise NotFound(Msg("no partner named {query!r}", query=query))


def _exact(partners: Sequence[Partner], query: str, numeric: bool) -> list[tuple[Partner, str | None]]:
    """The partners with a name that is the query, ignoring case, accents and
    punctuation; a number only when the query is one."""
    keys = _name_keys(query)
    return _unique(
        (p, name.note)
        for p in sorted(partners, key=by_number)
        for name in p.names()
        if not keys.isdisjoint(_name_keys(name.text)) and (numeric or not name.text.isdecimal())
    )


def _by_number(partners: Sequence[Partner], key: str, count: int) -> Resolution:
    number = key.lstrip("0") or "0"  # '010' is 10; never int() a 5,000-digit string
    for p in partners:
        if p.number is not None and str(p.number) == number:
            return Resolution(p, None)
    raise NotFound(
        Msg("no partner number {number} (numbers run from 1 to {count})", number=number, count=count)
    )


def _prefixed(partners: Sequence[Partner], query: str, key: str) -> list[tuple[Partner, str | None]]:
    """The partners with a name whose words the query's words begin, or which the query
    begins."""
    words = fold_words(query).split()
    return _unique(
        (p, name.note)
        for p in sorted(partners, key=by_number)
        for name in p.names()
        if not name.text.isdecimal()
        and any(
            _starts_words(words, fold_words(form).split()) or fold(form).startswith(key)
            for form in _name_forms(name.text)
        )
    )


def _of_the_kind_named(partners: Sequence[Partner], query: str, found: Partner) -> list[Partner]:
    """The partners of the kind `query` names, when `found` is of it: a type or a domain by
    a word of its labels, a chamber's country by its name; [] when the query names no kind
    of `found` ('beacon'). 'china' begins VCKK's English name, and names BCECC's country too."""

    def types(p: Partner) -> set[str | None]:
        return {p.type}

    def domains(p: Partner) -> set[str | None]:
        return set(p.domains)

    for ids_of, of in ((filters.type_ids, types), (filters.domain_ids, domains)):
        try:
            ids = ids_of([query])
        except BadValue:
            continue
        if ids & of(found):
            return [p for p in sorted(partners, key=by_number) if ids & of(p)]
    if found.country is not None and found.country in search_phrases().get(
        tuple(fold_words(query).split()), ()
    ):
        return [p for p in sorted(partners, key=by_number) if p.country == found.country]
    return []


def _name_forms(text: str) -> tuple[str, ...]:
    """A name as written and with 'and' for any '&': the data writes
    'Economic & Commercial Council', people type '&', 'and' or neither."""
    return text, text.replace("&", " and ")


def _name_keys(text: str) -> set[str]:
    return {fold(form) for form in _name_forms(text)}


def _unique(found: Iterable[tuple[Partner, str | None]]) -> list[tuple[Partner, str | None]]:
    """One entry per partner, the first (so an own name's None note beats a later name's)."""
    seen: dict[str, tuple[Partner, str | None]] = {}
    for p, note in found:
        seen.setdefault(p.id, (p, note))
    return list(seen.values())


def _ambiguous(
    query: str, partners: list[Partner], marked: Callable[[Partner, str], str] | None = None
) -> NotFound:
    names = [p.name for p in partners]
    said = {
        lang: ", ".join(marked(p, lang) for p in partners) if marked else ", ".join(names)
        for lang in ("en", "nl")
    }
    message = Msg("{query!r} names more than one partner: {names}; be more specific", query=query, names=said)
    return NotFound(message, names)


def _starts_words(words: list[str], name_words: list[str]) -> bool:
    """The query's words (one or more) begin consecutive words of the name ('de blauwe' of
    'De Blauwe Cluster', 'beacon' of 'The Beacon')."""
    for i in range(len(name_words) - len(words) + 1):
        if all(name_words[i + j].startswith(w) for j, w in enumerate(words)):
            return True
    return False


def suggest(partners: Sequence[Partner], query: str) -> list[str]:
    """Names of the partners closest to the query, ranked, at most three: only ever a hint."""
    ordered = sorted(partners, key=by_number)
    return closest(query, ((n.text, p.name) for p in ordered for n in p.names()))
