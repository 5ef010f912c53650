"""Plain text for people in a pipe or a file: the padded table, 'heading: value' lines, the
partner card with its numbered sources, the programme for `about`. No colour, nothing
wrapped, every value made inert.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from ..dataset.models import Partner
from ..labels import (
    CROSS_SECTOR_LABEL,
    DOMAIN_LABELS,
    EDITORIAL_SOURCE,
    SPEARHEAD_LABEL,
    TYPE_LABELS,
    PartnerType,
    label,
    sector_label,
)
from ..messages import bilingual_num, in_lang, say_in
from ..results import Status
from ..search.countries import country_name
from .cells import LIST_SEPARATOR, status_text
from .stream import sanitize


def padded_table(table: list[list[str]], header: Sequence[str] | None) -> str:
    """A table for a pipe or a file: columns padded to the widest cell, nothing cut,
    no colour, no trailing spaces."""
    body = [[sanitize(c) for c in row] for row in table]
    every = ([list(header)] if header is not None else []) + body
    if not every:
        return ""
    widths = [max(len(row[i]) for row in every) for i in range(len(every[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in every]
    if header is not None:
        lines.insert(1, "  ".join("-" * w for w in widths))
    return "".join(line + "\n" for line in lines)


def pairs_text(pairs: Sequence[tuple[str, str]]) -> str:
    """Text for a pipe or a file: one 'heading: value' line each, nothing wrapped."""
    return "".join(f"{k}: {sanitize(v)}\n" for k, v in pairs)


# -- the partner card ----------------------------------------------------------------------

EDITORIAL_NOTE = "editorial: our judgement from the description, not FIT's"


class CardRow:
    """One line of a card: a heading, its value, the ids of its sources in the order cited.
    A plain class: a NamedTuple's class costs every run's start."""

    __slots__ = ("heading", "value", "sources")

    def __init__(self, heading: str, value: str, sources: list[str]) -> None:
        self.heading = heading
        self.value = value
        self.sources = sources


def card_rows(p: Partner, status: Status, lang: str, partner_names: Mapping[str, str]) -> list[CardRow]:
    """Every field of a partner that has a value, with the sources of each, in the card's
    order: present status, names, type, domains, country, description, website, rounds,
    events, notes. `partner_names`: partner id -> name, for events that name another."""
    w = functools.partial(say_in, lang)
    cited = p.sources
    rows: list[CardRow] = []

    def row(heading: str, value: str, sources: Sequence[str] | None = None) -> None:
        rows.append(CardRow(heading, value, list(sources or [])))

    if status.state.value != "active":
        # 'now: MEDVIA (renamed ...)' under the heading 'now' reads 'MEDVIA (renamed ...)'.
        # Under the heading "now": 'MEDVIA (renamed ...)', 'part of MEDVIA (merged ...)'.
        said = status_text(status.model_dump(), lang)
        row(w("now"), said.removeprefix(f"{w('now')}: ").removeprefix(f"{w('now')} "))
    row(w("name"), p.name, cited.get("name"))
    if p.full_name is not None:
        row(
            w("full name"),
            " / ".join(n for n in (p.full_name.nl, p.full_name.en) if n),
            cited.get("full_name"),
        )
    if p.aliases:
        row(w("also known as"), LIST_SEPARATOR.join(p.aliases), cited.get("aliases"))
    if p.former_names:
        row(w("formerly"), LIST_SEPARATOR.join(p.former_names), cited.get("former_names"))
    if p.type is not None:
        kind = label(TYPE_LABELS[p.type], lang)
        if p.spearhead_cluster:
            kind += f" ({label(SPEARHEAD_LABEL, lang)})"
        row(w("type"), kind, cited.get("type"))
    else:
        row(w("type"), w("not in the sources"))
    if p.domains:
        row(
            w("domains"),
            LIST_SEPARATOR.join(label(DOMAIN_LABELS[d], lang) for d in p.domains),
            cited.get("domains"),
        )
    elif p.cross_sector:
        row(w("domains"), label(CROSS_SECTOR_LABEL, lang), cited.get("cross_sector"))
    if p.country:
        row(w("country"), f"{country_name(p.country, lang)} ({p.country})", cited.get("country"))
    if p.description is not None:
        row(w("description"), getattr(p.description, lang), cited.get("description"))
    row(w("website"), p.website or w("not verified"), cited.get("website") if p.website else None)
    for c in p.coverage:
        row(w("covers"), f"{c.text} ({sector_label(c.sector, lang)})", c.sources)
    for m in p.rounds:
        row(f"{w('partner')} {m.round}", f"{w('listed as')}: {m.listed_as}", m.sources)
    for e in p.events:
        other = partner_names.get(e.partner or "")
        row(in_lang(e.when_text, lang), e.text + (f" ({w('see')} {other})" if other else ""), e.sources)
    for n in p.notes:
        row(w("note"), n.text, n.sources)
    return rows


def footnotes(rows: Sequence[CardRow]) -> dict[str, str]:
    """Source id -> footnote mark, in order of first citation; the editorial mark is E."""
    marks: dict[str, str] = {}
    for r in rows:
        for sid in r.sources:
            if sid not in marks:
                marks[sid] = (
                    "E" if sid == EDITORIAL_SOURCE else str(sum(m != "E" for m in marks.values()) + 1)
                )
    return marks


def card_text(
    p: Partner, status: Status, lang: str, partner_names: Mapping[str, str], sources: Mapping[str, Any]
) -> str:
    """The card for a pipe or a file: 'heading: value [1]' lines, then the numbered sources
    with their full addresses; no colour, nothing wrapped."""
    rows = card_rows(p, status, lang, partner_names)
    marks = footnotes(rows)
    lines = [
        f"{r.heading}: {r.value}" + (" " + "".join(f"[{marks[s]}]" for s in r.sources) if r.sources else "")
        for r in rows
    ]
    numbered = [(m, sid) for sid, m in marks.items() if m != "E"]
    if marks:  # a numbered source or the editorial one
        lines.append(f"{say_in(lang, 'sources')}:")
    for mark, sid in numbered:
        lines.append(f"[{mark}] {source_line(sources[sid])}")
    if EDITORIAL_SOURCE in marks:
        lines.append("[E] " + say_in(lang, EDITORIAL_NOTE))
    return "".join(f"{sanitize(line)}\n" for line in lines)


def source_line(source: Any) -> str:
    """A source (Source or CitedSource) as one line: publisher, date, title, address."""
    parts = [source.publisher, source.date, source.title, source.url]
    return ", ".join(str(part) for part in parts if part)


def about_lines(info: Any, lang: str) -> list[tuple[str, str]]:
    """The programme (an `About`) as (name, value) lines, for the terminal and a pipe."""
    say = functools.partial(say_in, lang)
    prog = info.programme
    agency = prog.agency
    pairs = [
        (say("programme"), getattr(prog.name, lang)),
        (say("agency"), f"{agency.name} ({agency.abbreviation}), {getattr(agency.description, lang)}"),
        (say("strategy"), f"{prog.strategy.nl} ({prog.strategy.en})"),
        (say("domains"), "; ".join(label(v, lang) for v in DOMAIN_LABELS.values())),
        (say("today"), info.today.isoformat()),
    ]
    for r in info.rounds:
        place = getattr(r.signed_at, lang) or r.signed_at.en or r.signed_at.nl
        facts = [
            say("{starts_on} to {ends_on}", starts_on=r.starts_on, ends_on=r.ends_on),
            say(r.state.value),
        ]
        if r.days_left is not None:
            facts.append(say("{days} days left", days=r.days_left))
        facts.append(say("signed {day} at {place}", day=r.signed_on or "?", place=place or "?"))
        if r.present_at_signing:
            facts.append(say("in the presence of {names}", names=", ".join(r.present_at_signing)))
        if r.yearly_budget_eur is not None:
            facts.append(say("yearly budget EUR {amount}", amount=bilingual_num(r.yearly_budget_eur)))
        if r.partner_count is not None:
            facts.append(say("{count} partners", count=r.partner_count))
        heading = say("round {round}", round=r.id)
        pairs.append((heading, "; ".join(facts)))
        pairs += [(heading, n.text) for n in r.notes]
    for e in prog.events:
        pairs.append((say("agency {day}", day=e.date), e.text))
    per_type = ", ".join(
        f"{label(TYPE_LABELS[PartnerType(t.type)], lang)} {t.count}" for t in info.partners_per_type
    )
    pairs.append((say("types"), per_type))
    pairs.append(
        (say("domain mapping"), say("editorial (ours, from each partner's description): FIT assigns none"))
    )
    return pairs
