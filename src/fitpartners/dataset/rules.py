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
from ..language import N_
from ..messages import Msg
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
_KINDS = ", ".join(SOURCE_KINDS)
# Each problem is a Msg, said in the language of the run; its place in the file ({where})
# is no text to translate.
_NO_DAY = N_("{where}: {date!r} is no day of the calendar")


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
                yield Msg("{where}: unknown source {source!r}", where=where, source=sid)
            elif source.is_home_page and field not in HOME_PAGE_FIELDS:
                yield Msg(
                    "{where}: {source!r} is a home page, which may only source a website",
                    where=where,
                    source=sid,
                )


Rule = Callable[[Context], Iterator[str]]
PartnerRule = Callable[[Context, int, Partner], Iterator[str]]


def _dupes(values: list[str]) -> list[str]:
    """The values found more than once, sorted."""
    return sorted(v for v, n in Counter(values).items() if n > 1)


# The rules on the whole dataset, `ctx.ds`.


def source_ids_unique(ctx: Context) -> Iterator[str]:
    """No two sources share an id."""
    for dup in _dupes([s.id for s in ctx.ds.sources]):
        yield Msg("{where}: duplicate id {id!r}", where="sources", id=dup)


def round_ids_unique(ctx: Context) -> Iterator[str]:
    """No two rounds share an id."""
    for dup in _dupes([r.id for r in ctx.ds.rounds]):
        yield Msg("{where}: duplicate id {id!r}", where="rounds", id=dup)


def source_kinds(ctx: Context) -> Iterator[str]:
    """Each source says who published it: fit, government, press, other, or a partner's id."""
    # Required from schema 4 on; `editorial` is the kind of the editorial pseudo-source only.
    required = ctx.ds.schema_version >= BILINGUAL_SINCE
    for i, s in enumerate(ctx.ds.sources):
        at = f"sources[{i}] ({s.id}).kind"
        if s.kind is None:
            if required:
                yield Msg("{where}: required: one of {kinds}, or a partner's id", where=at, kinds=_KINDS)
        elif s.kind not in _SOURCE_KINDS and s.kind not in ctx.partner_ids:
            # Said as a reference: one to a partner a schema error left out is not said twice.
            yield Msg(
                "{where}: not one of {kinds}, and unknown partner {partner!r}",
                where=at,
                kinds=_KINDS,
                partner=s.kind,
            )
        elif (s.kind == EDITORIAL_SOURCE) != (s.id == EDITORIAL_SOURCE):
            yield Msg(
                "{where}: 'editorial' is the kind of the editorial pseudo-source, and its only kind", where=at
            )


def _told(ctx: Context, at: str, told: Told, sources: list[str]) -> Iterator[str]:
    """A note or event: in Dutch and English from schema 4 on; `translated` only for such a
    text, each language once; a language not marked as our translation is that of one of
    its pages."""
    translated = told.translated
    if told.text.__class__ is str:
        if ctx.ds.schema_version >= BILINGUAL_SINCE:
            where = f"{at}.text"
            yield Msg(
                "{where}: from schema {version} on, a text in Dutch and English (nl, en)",
                where=where,
                version=BILINGUAL_SINCE,
            )
        if translated:
            where = f"{at}.translated"
            yield Msg("{where}: only for a text in Dutch and English", where=where)
        return
    if len(translated) == 2 and translated[0] != translated[1]:
        return  # both ours: nothing to check against the pages (the common case is one)
    if len(set(translated)) != len(translated):
        where = f"{at}.translated"
        yield Msg("{where}: a language named twice", where=where)
    languages = ctx.languages
    for lang in ("nl", "en"):
        if lang not in translated and not any(languages.get(sid) == lang for sid in sources):
            where = f"{at}.translated"
            yield Msg(
                "{where}: no page cited is in {lang!r}, so its {lang!r} text is our translation",
                where=where,
                lang=lang,
            )


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
            where = f"rounds ({after.id}).starts_on"
            yield Msg(
                "{where}: {starts_on} is not after the end of {round} ({ends_on})",
                where=where,
                starts_on=after.starts_on,
                round=before.id,
                ends_on=before.ends_on,
            )


def mergers_lead_somewhere(ctx: Context) -> Iterator[str]:
    """A partner merges once, into another, and following its mergers never leads back to it."""
    # What a partner is now (catalog.status) is read by following them.
    into: dict[str, str] = {}
    for i, p in enumerate(ctx.ds.partners):
        targets = [e.partner for e in p.events if e.kind is EventKind.MERGED and e.partner is not None]
        if len(targets) > 1:
            where = f"{ctx.partner_at(i)}.events"
            yield Msg("{where}: merged {count} times; a partner merges once", where=where, count=len(targets))
        if p.id in targets:
            where = f"{ctx.partner_at(i)}.events"
            yield Msg("{where}: merged into itself", where=where)
        elif targets:
            into.setdefault(p.id, targets[0])
    back = _on_a_loop(into)
    for i, p in enumerate(ctx.ds.partners):
        if p.id in back:
            where = f"{ctx.partner_at(i)}.events"
            yield Msg("{where}: its mergers lead back to it", where=where)


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
            where = f"sources[{i}] ({s.id}).date"
            yield Msg(_NO_DAY, where=where, date=s.date)
    for i, e in enumerate(ctx.ds.programme.events):
        if _no_such_day(e.date):
            where = f"programme.events[{i}].date"
            yield Msg(_NO_DAY, where=where, date=e.date)


def programme_sources(ctx: Context) -> Iterator[str]:
    """The programme, its agency's website and each of its events cite citable sources."""
    programme = ctx.ds.programme
    yield from ctx.check_sources("programme.sources", programme.sources)
    agency = programme.agency
    if agency.website is not None and not agency.website_sources:
        yield Msg(
            "{where}: the page that shows the website is needed", where="programme.agency.website_sources"
        )
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
            where = f"{at}.ends_on"
            yield Msg(
                "{where}: {ends_on} is before starts_on {starts_on}",
                where=where,
                ends_on=r.ends_on,
                starts_on=r.starts_on,
            )


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
            where = f"{ctx.partner_at(i)}.number"
            yield Msg(
                "{where}: {number} is also the number of {other}",
                where=where,
                number=p.number,
                other=ctx.partner_at(first),
            )


def alias_not_a_number(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """No alias is a bare number, since a bare number names the partner with that number."""
    for j, alias in enumerate(p.aliases):
        if fold(alias).isdigit():
            where = f"{ctx.partner_at(i)}.aliases[{j}]"
            yield Msg(
                "{where}: {alias!r} is a bare number, which names partner numbers", where=where, alias=alias
            )


def names_unique(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """Every name a user may type leads to one partner only: the first in the file with it."""
    owners = ctx.owners
    for name in p.names():
        key = fold(name.text)
        if not key:
            continue
        owner = owners.setdefault(key, i)
        if owner != i:
            yield Msg(
                "{where}: the name {name!r} also names {other}",
                where=ctx.partner_at(i),
                name=name.text,
                other=ctx.partner_at(owner),
            )


def memberships_known_and_sourced(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """Memberships name known rounds and cite citable sources; a record in no round is merged into."""
    round_ids, citable = ctx.round_ids, ctx.citable
    if not p.rounds and p.id not in ctx.merged_into:
        where = f"{ctx.partner_at(i)}.rounds"
        yield Msg("{where}: in no round, and no partner merged into it", where=where)
    for j, m in enumerate(p.rounds):
        if m.round not in round_ids:
            where = f"{ctx.partner_at(i)}.rounds[{j}].round"
            yield Msg("{where}: unknown round {round!r}", where=where, round=m.round)
        if not citable.issuperset(m.sources):
            yield from ctx.check_sources(f"{ctx.partner_at(i)}.rounds[{j}].sources", m.sources)


def rounds_listed_once(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """A partner lists each of its rounds once."""
    rounds = p.rounds
    if len(rounds) > 1 and len({m.round for m in rounds}) != len(rounds):
        for dup in _dupes([m.round for m in rounds]):
            where = f"{ctx.partner_at(i)}.rounds"
            yield Msg("{where}: round {round!r} listed twice", where=where, round=dup)


def latest_round_fields(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """A partner of the latest round has a number, a type and cross_sector."""
    if p.number is not None and p.type is not None and p.cross_sector is not None:
        return
    if ctx.latest in [m.round for m in p.rounds]:
        for field in _LATEST_ROUND_FIELDS:
            if getattr(p, field) is None:
                where = f"{ctx.partner_at(i)}.{field}"
                yield Msg("{where}: required for a partner of the latest round", where=where)


def domains_match_cross_sector(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """A cross-sector partner lists no domains; one with cross_sector false lists at least one."""
    if p.cross_sector and p.domains:
        where = f"{ctx.partner_at(i)}.domains"
        yield Msg("{where}: a cross-sector partner lists no domains", where=where)
    if p.cross_sector is False and not p.domains:
        where = f"{ctx.partner_at(i)}.domains"
        yield Msg("{where}: needs at least one domain (or cross_sector: true)", where=where)


def spearhead_only_for_clusters(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """Only a cluster can be a spearhead cluster."""
    if p.spearhead_cluster and p.type is not PartnerType.CLUSTER:
        where = f"{ctx.partner_at(i)}.spearhead_cluster"
        yield Msg("{where}: only a cluster can be a spearhead cluster", where=where)


def country_iff_chamber(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """A bilateral chamber has a country, and no other type of partner has one."""
    if (p.country is not None) != (p.type is PartnerType.BILATERAL_CHAMBER):
        where = f"{ctx.partner_at(i)}.country"
        yield Msg("{where}: a bilateral chamber has a country, and only a chamber", where=where)


def event_dates_exist(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """Each event's `date` and `by` name a day (or a month) of the calendar."""
    for j, e in enumerate(p.events):
        for field in ("date", "by"):
            value = getattr(e, field)
            if _no_such_day(value):
                where = f"{ctx.partner_at(i)}.events[{j}].{field}"
                yield Msg(_NO_DAY, where=where, date=value)


def events_sourced_and_complete(ctx: Context, i: int, p: Partner) -> Iterator[str]:
    """Each event cites citable sources, names known partners, has what its kind needs, both languages."""
    citable, partner_ids = ctx.citable, ctx.partner_ids
    for j, e in enumerate(p.events):
        at = f"{ctx.partner_at(i)}.events[{j}]"
        if not citable.issuperset(e.sources):
            yield from ctx.check_sources(f"{at}.sources", e.sources)
        if e.partner is not None and e.partner not in partner_ids:
            where = f"{at}.partner"
            yield Msg("{where}: unknown partner {partner!r}", where=where, partner=e.partner)
        if e.kind is EventKind.RENAMED and not e.new_name:
            where = f"{at}.new_name"
            yield Msg("{where}: a rename needs the new name", where=where)
        if e.kind in _NAMES_A_PARTNER and e.partner is None:
            where = f"{at}.partner"
            yield Msg("{where}: a {kind} event names the partner", where=where, kind=e.kind.value)
        if e.date is not None and e.by is not None:
            where = f"{at}.by"
            yield Msg(
                "{where}: the date is known; `by` is only for an event a page dates no closer", where=where
            )
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
            where = f"{ctx.partner_at(i)}.sources"
            yield Msg("{where}: {field!r} is not a fact field of a partner", where=where, field=field)
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
                where = f"{ctx.partner_at(i)}.sources.{field}"
                yield Msg("{where}: cites a source for an empty field", where=where)
            continue
        cited = cited_by_field.get(field)
        if not cited:
            where = f"{ctx.partner_at(i)}.sources"
            yield Msg("{where}: no source for {field!r}", where=where, field=field)
        elif field in EDITORIAL_FIELDS and EDITORIAL_SOURCE not in cited:
            where = f"{ctx.partner_at(i)}.sources.{field}"
            yield Msg("{where}: must be marked {source!r}", where=where, source=EDITORIAL_SOURCE)


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
