"""The rules that span records, each a small named function.

A record's own shape (types, patterns, required fields) is the models' job; the rules here
need more than one record: unique ids and names, references to sources, rounds and
partners, provenance. `cross_check` runs them in order on a dataset with one `Context`,
which holds what several rules share, and returns every problem found, each located by
index and id (`partners[2] (bva).aliases[0]: ...`).

RULES run once per dataset. The last of them runs PARTNER_RULES on each partner in turn,
so that one partner's problems stay together, in the order of that list.

A citable source is one the dataset lists that is no home page: a home page may only
source a website (`HOME_PAGE_FIELDS`).

The partners are most of a large file (`benchmarks/scale.py` validates 100,000): each
partner rule first asks the cheap question (a set operation, a comparison) and builds a
message only for a problem.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from itertools import chain, pairwise

from ..labels import EDITORIAL_SOURCE, PartnerType, fold
from .models import (
    EDITORIAL_FIELDS,
    FACT_FIELDS,
    HOME_PAGE_FIELDS,
    SOURCE_KINDS,
    CoverageItem,
    Dataset,
    EventKind,
    Partner,
    Region,
    Source,
    Told,
)

_FACT_FIELDS = frozenset(FACT_FIELDS)
_LATEST_ROUND_FIELDS = ("number", "type", "cross_sector")
_NAMES_A_PARTNER = (EventKind.MERGED, EventKind.TRANSFERRED)
_SOURCE_KINDS = frozenset(SOURCE_KINDS)
BILINGUAL_SINCE = 4  # the schema version from which notes and events are in Dutch and English


class Context:
    """What several rules share, built once per dataset. `numbers` and `owners` fill up as
    the partner rules go through the partners: the first partner with a number or a name
    owns it."""

    __slots__ = (
        "ds",
        "sources",
        "citable",
        "round_ids",
        "partner_ids",
        "merged_into",
        "languages",
        "latest",
        "numbers",
        "owners",
    )

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self.sources: dict[str, Source] = {s.id: s for s in ds.sources}
        # By the same lookup as check_sources (the last of duplicate ids wins).
        self.citable = frozenset(sid for sid, s in self.sources.items() if not s.is_home_page)
        self.round_ids = frozenset(r.id for r in ds.rounds)
        self.partner_ids = frozenset(p.id for p in ds.partners)
        # The partners that others merged into (a record in no round must be one).
        self.merged_into = frozenset(
            e.partner for p in ds.partners for e in p.events if e.kind is EventKind.MERGED and e.partner
        )
        # source id -> its language, the editorial pseudo-source left out (no page's language)
        self.languages = {sid: s.language for sid, s in self.sources.items() if sid != EDITORIAL_SOURCE}
        self.latest: str = max(ds.rounds, key=lambda r: r.starts_on).id
        self.numbers: dict[int, int] = {}  # partner number -> index of the partner it names
        self.owners: dict[str, int] = {}  # folded name -> index of the partner it names

    def partner_at(self, index: int) -> str:
        """A partner's place in the file, by index and id: 'partners[2] (bva)'."""
        return f"partners[{index}] ({self.ds.partners[index].id})"

    def check_sources(self, where: str, ids: list[str], field: str | None = None) -> Iterator[str]:
        """A problem for each id that is no citable source for `field` (None: no field)."""
        for sid in ids:
            source = self.sources.get(sid)
            if source is None:
                yield f"{where}: unknown source {sid!r}"
            elif source.is_home_page and field not in HOME_PAGE_FIELDS:
                yield f"{where}: {sid!r} is a home page, which may only source a website"


Rule = Callable[[Context], Iterator[str]]
PartnerRule = Callable[[Context, int, Partner], Iterator[str]]


def _dupes(values: list[str]) -> list[str]:
    """The values found more than once, sorted."""
    return sorted(v for v, n in Counter(values).items() if n > 1)


# The rules on the whole dataset, `ctx.ds`.


def source_ids_unique(ctx: Context) -> Iterator[str]:
    """No two sources share an id."""
    for dup in _dupes([s.id for s in ctx.ds.sources]):
        yield f"sources: duplicate id {dup!r}"


def round_ids_unique(ctx: Context) -> Iterator[str]:
    """No two rounds share an id."""
    for dup in _dupes([r.id for r in ctx.ds.rounds]):
        yield f"rounds: duplicate id {dup!r}"


def source_kinds(ctx: Context) -> Iterator[str]:
    """Each source says who published it: fit, government, press, other, or a partner's id."""
    # Required from schema 4 on; `editorial` is the kind of the editorial pseudo-source only.
    required = ctx.ds.schema_version >= BILINGUAL_SINCE
    for i, s in enumerate(ctx.ds.sources):
        at = f"sources[{i}] ({s.id}).kind"
        if s.kind is None:
            if required:
                yield f"{at}: required: one of {', '.join(SOURCE_KINDS)}, or a partner's id"
        elif s.kind not in _SOURCE_KINDS and s.kind not in ctx.partner_ids:
            # Said as a reference: one to a partner a schema error left out is not said twice.
            yield f"{at}: not one of {', '.join(SOURCE_KINDS)}, and unknown partner {s.kind!r}"
        elif (s.kind == EDITORIAL_SOURCE) != (s.id == EDITORIAL_SOURCE):
            yield f"{at}: 'editorial' is the kind of the editorial pseudo-source, and its only kind"


def _told(ctx: Context, at: str, told: Told, sources: list[str]) -> Iterator[str]:
    """A note or event: in Dutch and English from schema 4 on; `translated` only for such a
    text, each language once; a language not marked as our translation is that of one of
    its pages."""
    translated = told.translated
    if told.text.__class__ is str:
        if ctx.ds.schema_version >= BILINGUAL_SINCE:
            yield f"{at}.text: from schema {BILINGUAL_SINCE} on, a text in Dutch and English (nl, en)"
        if translated:
            yield f"{at}.translated: only for a text in Dutch and English"
        return
    if len(translated) == 2 and translated[0] != translated[1]:
        return  # both ours: nothing to check against the pages (the common case is one)
    if len(set(translated)) != len(translated):
        yield f"{at}.translated: a language named twice"
    languages = ctx.languages
    for lang in ("nl", "en"):
        if lang not in translated and not any(languages.get(sid) == lang for sid in sources):
            yield f"{at}.translated: no page cited is in {lang!r}, so its {lang!r} text is our translation"


def told_in_both_languages(ctx: Context) -> Iterator[str]:
    """The programme's events and the rounds' notes are told in both languages (_told)."""
    for i, ev in enumerate(ctx.ds.programme.events):
        yield from _told(ctx, f"programme.events[{i}]", ev, ev.sources)
    for i, r in enumerate(ctx.ds.rounds):
        for j, n in enumerate(r.notes):
            yield from _told(ctx, f"rounds[{i}] ({r.id}).notes[{j}]", n, n.sources)
        for j, p in enumerate(r.present_at_signing):
            if not isinstance(p, str):  # a name as its page writes it is no text of ours
                yield from _told(ctx, f"rounds[{i}] ({r.id}).present_at_signing[{j}]", p, r.sources)


def rounds_in_sequence(ctx: Context) -> Iterator[str]:
    """Rounds do not overlap: each starts after the one before it ends."""
    # A partner's state (left) is read from the round after its last one: one round.
    ordered = sorted(ctx.ds.rounds, key=lambda r: r.starts_on)
    for before, after in pairwise(ordered):
        if after.starts_on <= before.ends_on:
            yield (
                f"rounds ({after.id}).starts_on: {after.starts_on} is not after the end of "
                f"{before.id} ({before.ends_on})"
            )


def mergers_lead_somewhere(ctx: Context) -> Iterator[str]:
    """A partner merges once, into another, and following its mergers never leads back to it."""
    # What a partner is now (catalog.status) is read by following them.
    into: dict[str, str] = {}
    for i, p in enumerate(ctx.ds.partners):
        targets = [e.partner for e in p.events if e.kind is EventKind.MERGED and e.partner is not None]
        if len(targets) > 1:
            yield f"{ctx.partner_at(i)}.events: merged {len(targets)} times; a partner merges once"
        if p.id in targets:
            yield f"{ctx.partner_at(i)}.events: merged into itself"
        elif targets:
            into.setdefault(p.id, targets[0])
    back = _on_a_loop(into)
    for i, p in enumerate(ctx.ds.partners):
        if p.id in back:
            yield f"{ctx.partner_at(i)}.events: its mergers lead back to it"


def _on_a_loop(into: dict[str, str]) -> set[str]:
    """The records whose mergers (`into`: record -> the record it merged into) lead back to
    them, found in one pass: each record is followed once (a chain of 1,500 mergers followed
    from each of its records would be followed 1,125,750 times)."""
    done: set[str] = set()
    looped: set[str] = set()
    for start in into:
        path: dict[str, int] = {}  # the records followed from `start`, by their place on it
        at: str | None = start
        while at is not None and at not in done and at not in path:  # bounded: the path grows
            path[at] = len(path)
            at = into.get(at)
        if at is not None and at in path:  # the path came back to a record of its own
            looped.update(list(path)[path[at] :])
        done.update(path)
    return looped


def _no_such_day(value: str | None) -> bool:
    """A date as the schema's patterns allow it ('2022-05-17', or '2022-05' for a month) that
    names no day of the calendar ('2022-02-30', '2021-13')."""
    if value is None:
        return False
    try:
        dt.date.fromisoformat(value if len(value) == 10 else f"{value}-01")
    except ValueError:
        return True
    return False


def dates_exist(ctx: Context) -> Iterator[str]:
    """Every date of a source or of the programme's events names a day of the calendar."""
    for i, s in enumerate(ctx.ds.sources):
        if _no_such_day(s.date):
            yield f"sources[{i}] ({s.id}).date: {s.date!r} is no day of the calendar"
    for i, e in enumerate(ctx.ds.programme.events):
        if _no_such_day(e.date):
            yield f"programme.events[{i}].date: {e.date!r} is no day of the calendar"


def programme_sources(ctx: Context) -> Iterator[str]:
    """The programme, its agency's website and each of its events cite citable sources."""
    programme = ctx.ds.programme
    yield from ctx.check_sources("programme.sources", programme.sources)
    agency = programme.agency
    if agency.website is not None and not agency.website_sources:
        yield "programme.agency.website_sources: the page that shows the website is needed"
    yield from ctx.check_sources("programme.agency.website_sources", agency.website_sources, "website")
    for i, ev in enumerate(programme.events):
        yield from ctx.check_sources(f"programme.events[{i}].sources", ev.sources)


def rounds_sourced_and_dated(ctx: Context) -> Iterator[str]:
    """Each round and each of its notes cite citable sources, and a round ends no earlier than it starts."""
    for i, r in enumerate(ctx.ds.rounds):
        at = f"rounds[{i}] ({r.id})"
        yield from ctx.check_sources(f"{at}.sources", r.sources)
        for j, n in enumerate(r.notes):
            yield from ctx.check_sources(f"{at}.notes[{j}].sources", n.sources)
        if r.ends_on < r.starts_on:
            yield f"{at}.ends_on: {r.ends_on} is before starts_on {r.starts_on}"


def each_partner(ctx: Context) -> Iterator[str]:
    """Every partner keeps each of PARTNER_RULES, checked one partner after the other."""
    partner_rules = PARTNER_RULES
    for i, p in enumerate(ctx.ds.partners):
        for rule in partner_rules:
            yield from rule(ctx, i, p)


# The rules on one partner, `p`, at index `i` of the partners.


def number_unique(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """A partner number names one partner only: the first in the file with that number."""
    if p.number is not None:
        first = ctx.numbers.setdefault(p.number, i)
        if first != i:
            yield f"{ctx.partner_at(i)}.number: {p.number} is also the number of {ctx.partner_at(first)}"


def alias_not_a_number(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """No alias is a bare number, since a bare number names the partner with that number."""
    for j, alias in enumerate(p.aliases):
        if fold(alias).isdigit():
            yield f"{ctx.partner_at(i)}.aliases[{j}]: {alias!r} is a bare number, which names partner numbers"


def names_unique(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """Every name a user may type leads to one partner only: the first in the file with it."""
    owners = ctx.owners
    for name in p.names():
        key = fold(name.text)
        if not key:
            continue
        owner = owners.setdefault(key, i)
        if owner != i:
            yield f"{ctx.partner_at(i)}: the name {name.text!r} also names {ctx.partner_at(owner)}"


def memberships_known_and_sourced(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """Memberships name known rounds and cite citable sources; a record in no round is merged into."""
    round_ids, citable = ctx.round_ids, ctx.citable
    if not p.rounds and p.id not in ctx.merged_into:
        yield f"{ctx.partner_at(i)}.rounds: in no round, and no partner merged into it"
    for j, m in enumerate(p.rounds):
        if m.round not in round_ids:
            yield f"{ctx.partner_at(i)}.rounds[{j}].round: unknown round {m.round!r}"
        if not citable.issuperset(m.sources):
            yield from ctx.check_sources(f"{ctx.partner_at(i)}.rounds[{j}].sources", m.sources)


def rounds_listed_once(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """A partner lists each of its rounds once."""
    rounds = p.rounds
    if len(rounds) > 1 and len({m.round for m in rounds}) != len(rounds):
        for dup in _dupes([m.round for m in rounds]):
            yield f"{ctx.partner_at(i)}.rounds: round {dup!r} listed twice"


def latest_round_fields(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """A partner of the latest round has a number, a type and cross_sector."""
    if p.number is not None and p.type is not None and p.cross_sector is not None:
        return
    if ctx.latest in [m.round for m in p.rounds]:
        for field in _LATEST_ROUND_FIELDS:
            if getattr(p, field) is None:
                yield f"{ctx.partner_at(i)}.{field}: required for a partner of the latest round"


def domains_match_cross_sector(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """A cross-sector partner lists no domains; one with cross_sector false lists at least one."""
    if p.cross_sector and p.domains:
        yield f"{ctx.partner_at(i)}.domains: a cross-sector partner lists no domains"
    if p.cross_sector is False and not p.domains:
        yield f"{ctx.partner_at(i)}.domains: needs at least one domain (or cross_sector: true)"


def spearhead_only_for_clusters(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """Only a cluster can be a spearhead cluster."""
    if p.spearhead_cluster and p.type is not PartnerType.CLUSTER:
        yield f"{ctx.partner_at(i)}.spearhead_cluster: only a cluster can be a spearhead cluster"


def country_iff_chamber(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """A bilateral chamber has a country, and no other type of partner has one."""
    if (p.country is not None) != (p.type is PartnerType.BILATERAL_CHAMBER):
        yield f"{ctx.partner_at(i)}.country: a bilateral chamber has a country, and only a chamber"


def event_dates_exist(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """Each event's `date` and `by` name a day (or a month) of the calendar."""
    for j, e in enumerate(p.events):
        for field in ("date", "by"):
            value = getattr(e, field)
            if _no_such_day(value):
                yield f"{ctx.partner_at(i)}.events[{j}].{field}: {value!r} is no day of the calendar"


def events_sourced_and_complete(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """Each event cites citable sources, names known partners, has what its kind needs, both languages."""
    citable, partner_ids = ctx.citable, ctx.partner_ids
    for j, e in enumerate(p.events):
        at = f"{ctx.partner_at(i)}.events[{j}]"
        if not citable.issuperset(e.sources):
            yield from ctx.check_sources(f"{at}.sources", e.sources)
        if e.partner is not None and e.partner not in partner_ids:
            yield f"{at}.partner: unknown partner {e.partner!r}"
        if e.kind is EventKind.RENAMED and not e.new_name:
            yield f"{at}.new_name: a rename needs the new name"
        if e.kind in _NAMES_A_PARTNER and e.partner is None:
            yield f"{at}.partner: a {e.kind.value} event names the partner"
        if e.date is not None and e.by is not None:
            yield f"{at}.by: the date is known; `by` is only for an event a page dates no closer"
        yield from _told(ctx, at, e, e.sources)


def _items_cite_pages(ctx: Context, at: str, items: Sequence[CoverageItem | Region]) -> Iterator[str]:
    citable = ctx.citable
    for j, item in enumerate(items):
        if not citable.issuperset(item.sources):
            yield from ctx.check_sources(f"{at}[{j}].sources", item.sources)


def coverage_sourced(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """Each item of what a partner covers cites the page it is read on (no home page)."""
    yield from _items_cite_pages(ctx, f"{ctx.partner_at(i)}.coverage", p.coverage)


def notes_sourced(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """Each note of a partner cites citable sources and is told in both languages (_told)."""
    citable = ctx.citable
    for j, n in enumerate(p.notes):
        if not citable.issuperset(n.sources):
            yield from ctx.check_sources(f"{ctx.partner_at(i)}.notes[{j}].sources", n.sources)
        yield from _told(ctx, f"{ctx.partner_at(i)}.notes[{j}]", n, n.sources)


def regions_sourced(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """Each region a partner serves cites the page that states it (no home page)."""
    yield from _items_cite_pages(ctx, f"{ctx.partner_at(i)}.regions", p.regions)


def sources_cite_fact_fields(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """A partner's sources are given for its fact fields only, each by citable sources."""
    citable, cited = ctx.citable, p.sources
    if _FACT_FIELDS.issuperset(cited) and citable.issuperset(chain.from_iterable(cited.values())):
        return
    for field, ids in cited.items():
        if field not in _FACT_FIELDS:
            yield f"{ctx.partner_at(i)}.sources: {field!r} is not a fact field of a partner"
        if not citable.issuperset(ids):
            yield from ctx.check_sources(f"{ctx.partner_at(i)}.sources.{field}", ids, field)


def facts_have_sources(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """A fact with a value cites a source, an empty one none, and an editorial one 'editorial'."""
    cited_by_field = p.sources
    values = p.__dict__  # the fields' values, read without a getattr per field
    for field in FACT_FIELDS:
        value = values[field]
        # No `value == []`: models define == in Python, slowly.
        if value is None or (value.__class__ is list and not value):
            if field in cited_by_field and field not in EDITORIAL_FIELDS:
                yield f"{ctx.partner_at(i)}.sources.{field}: cites a source for an empty field"
            continue
        cited = cited_by_field.get(field)
        if not cited:
            yield f"{ctx.partner_at(i)}.sources: no source for {field!r}"
        elif field in EDITORIAL_FIELDS and EDITORIAL_SOURCE not in cited:
            yield f"{ctx.partner_at(i)}.sources.{field}: must be marked {EDITORIAL_SOURCE!r}"


RULES: list[Rule] = [
    source_ids_unique,
    source_kinds,
    dates_exist,
    round_ids_unique,
    programme_sources,
    rounds_sourced_and_dated,
    rounds_in_sequence,
    told_in_both_languages,
    mergers_lead_somewhere,
    each_partner,
]

PARTNER_RULES: list[PartnerRule] = [
    number_unique,
    alias_not_a_number,
    names_unique,
    memberships_known_and_sourced,
    rounds_listed_once,
    latest_round_fields,
    domains_match_cross_sector,
    spearhead_only_for_clusters,
    country_iff_chamber,
    event_dates_exist,
    events_sourced_and_complete,
    notes_sourced,
    coverage_sourced,
    regions_sourced,
    sources_cite_fact_fields,
    facts_have_sources,
]


def cross_check(ds: Dataset) -> list[str]:
    """The rules that span records: every problem found by RULES, in their order."""
    ctx = Context(ds)
    return [problem for rule in RULES for problem in rule(ctx)]
