"""Plain text for people in a pipe or a file: the padded table, 'heading: value' lines, the
partner card with its numbered sources, the programme for `about`. No colour, nothing
wrapped, every value made inert.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
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
from ..language import N_
from ..messages import bilingual_num, in_lang, say_in, say_n
from ..results import Status, chain_said, shortened, status_said
from ..search.countries import country_name
from .cells import LIST_SEPARATOR
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

EDITORIAL_NOTE = N_("editorial: our judgement from the description, not FIT's")
TRANSLATED_NOTE = N_("our translation: the page does not say it in this language")
# Who published a source, as the card says it next to the source (a partner's own page:
# "own page"; another partner's: "page of NAME").
KIND_WORDS = {"fit": N_("FIT"), "government": N_("government"), "press": N_("press"), "other": N_("other")}


def kind_said(kind: str | None, own: str, lang: str, partner_names: Mapping[str, str]) -> str:
    """Who published a source, for a card of the partner `own` (an id): 'own page', 'FIT',
    'press', 'page of Voka'; '' when the dataset does not say (schema 2 and 3)."""
    if kind is None or kind == EDITORIAL_SOURCE:
        return ""
    if kind == own:
        return say_in(lang, "own page")
    if kind in KIND_WORDS:
        return say_in(lang, KIND_WORDS[kind])
    return say_in(lang, "page of {name}", name=partner_names.get(kind, kind))


class CardRow:
    """One line of a card: a heading, its value, the ids of its sources in the order cited,
    and whether the value is our translation (not the language of its page). A plain
    class: a NamedTuple's class costs every run's start."""

    __slots__ = ("heading", "value", "sources", "translated")

    def __init__(self, heading: str, value: str, sources: list[str], translated: bool = False) -> None:
        self.heading = heading
        self.value = value
        self.sources = sources
        self.translated = translated


# A card lists this many of the partners a record continues, then how many more.
CONTINUES_SHOWN = 10


def _present_rows(
    p: Partner, status: Status, lang: str, continues: Sequence[tuple[Partner, Status]], now: Partner | None
) -> list[CardRow]:
    """The card's first rows: what became of the partner (and, through more than one
    change, the chain, shortened past CHAIN_SHOWN links), the website of what it is part of
    now, and the partners it continues (CONTINUES_SHOWN of them, then how many more)."""
    w = functools.partial(say_in, lang)
    rows: list[CardRow] = []
    if status.state.value != "active":
        # Under the heading "now": 'MEDVIA (renamed ...)', 'part of MEDVIA (merged ...)', 'left ...'.
        said = status_said(status.model_dump(), lang, brief=status.changes > 1, listed=p.name)
        rows.append(CardRow(w("now"), said.removeprefix(f"{w('now')}: ").removeprefix(f"{w('now')} "), []))
        if status.changes > 1:
            shown = shortened(status.chain or [])
            sources = list(dict.fromkeys(sid for step in shown for sid in step.sources))
            chain = [step.model_dump() for step in shown]
            rows.append(CardRow(w("chain"), chain_said(chain, lang, status.changes + 1), sources))
        if now is not None:
            website = now.website or w("not verified")
            sources = list(now.sources.get("website", [])) if now.website else []
            rows.append(CardRow(say_in(lang, "website of {name}", name=now.name), website, sources))
    for before, became in continues[:CONTINUES_SHOWN]:
        steps = [became.next, became.now] if became.changes > 1 else [became.now]
        chain = [{"name": before.name}, *(step.model_dump() for step in steps if step is not None)]
        sources = list(dict.fromkeys(sid for step in steps if step is not None for sid in step.sources))
        rows.append(CardRow(w("continues"), chain_said(chain, lang, became.changes + 1), sources))
    if len(continues) > CONTINUES_SHOWN:
        rows.append(
            CardRow(w("continues"), w("and {count} more", count=len(continues) - CONTINUES_SHOWN), [])
        )
    return rows


def card_rows(
    p: Partner,
    status: Status,
    lang: str,
    partner_names: Mapping[str, str],
    continues: Sequence[tuple[Partner, Status]] = (),
    now: Partner | None = None,
) -> list[CardRow]:
    """Every field of a partner that has a value, with the sources of each, in the card's
    order: present status (and, through more than one change, the chain of them), the
    partners it continues (`continues`: their statuses, whose chains end at this record),
    names, type, domains, country, description, website (the present one, then the former),
    regions, coverage, rounds, events, notes. `now`: the record a merged partner is part of
    now, whose website comes first, before the partner's own. `partner_names`: partner id ->
    name, for events that name another."""
    return [
        *_present_rows(p, status, lang, continues, now),
        *_own_rows(p, lang),
        *_record_rows(p, lang, partner_names),
    ]


def _rows_of(rows: list[CardRow]) -> Callable[..., None]:
    """A function that adds a row (heading, value, sources, translated) to `rows`."""

    def row(heading: str, value: str, sources: Sequence[str] | None = None, translated: bool = False) -> None:
        rows.append(CardRow(heading, value, list(sources or []), translated))

    return row


def _own_rows(p: Partner, lang: str) -> list[CardRow]:
    """The card's rows on the partner itself: names, type, domains, country, description."""
    w = functools.partial(say_in, lang)
    cited = p.sources
    rows: list[CardRow] = []
    row = _rows_of(rows)
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
    return rows


def _record_rows(p: Partner, lang: str, partner_names: Mapping[str, str]) -> list[CardRow]:
    """The card's rows on what the sources record: websites, regions, what it covers, its
    rounds, events and notes."""
    w = functools.partial(say_in, lang)
    cited = p.sources
    rows: list[CardRow] = []
    row = _rows_of(rows)
    row(w("website"), p.website or w("not verified"), cited.get("website") if p.website else None)
    if p.former_websites:
        row(w("former website"), LIST_SEPARATOR.join(p.former_websites), cited.get("former_websites"))
    for r in p.regions:
        row(w("region"), getattr(r.name, lang if lang == "nl" else "en"), r.sources)
    for c in p.coverage:
        row(w("covers"), f"{c.text} ({sector_label(c.sector, lang)})", c.sources)
    for m in p.rounds:
        row(w("partner") + f" {m.round}", w("listed as") + f": {m.listed_as}", m.sources)
    if not p.rounds:
        row(w("partner"), w("in no round: it continues partners of the programme"))
    for e in p.events:
        other = partner_names.get(e.partner or "")
        text = e.said(lang) + (" (" + w("see") + f" {other})" if other else "")
        row(in_lang(e.when_text, lang), text, e.sources, e.translated_in(lang))
    for n in p.notes:
        row(w("note"), n.said(lang), n.sources, n.translated_in(lang))
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


def row_marks(r: CardRow, marks: Mapping[str, str]) -> str:
    """What follows a card row's value: its sources' marks, and [T] for our translation."""
    cited = "".join(f"[{marks[s]}]" for s in r.sources)
    return cited + ("[T]" if r.translated else "")


def card_text(
    p: Partner,
    status: Status,
    lang: str,
    partner_names: Mapping[str, str],
    sources: Mapping[str, Any],
    continues: Sequence[tuple[Partner, Status]] = (),
    now: Partner | None = None,
) -> str:
    """The card for a pipe or a file: 'heading: value [1]' lines, then the numbered sources
    with who published each and their full addresses; no colour, nothing wrapped."""
    rows = card_rows(p, status, lang, partner_names, continues, now)
    marks = footnotes(rows)
    lines = [f"{r.heading}: {r.value}" + (f" {m}" if (m := row_marks(r, marks)) else "") for r in rows]
    numbered = [(m, sid) for sid, m in marks.items() if m != "E"]
    if marks:  # a numbered source or the editorial one
        lines.append(say_in(lang, "sources") + ":")
    for mark, sid in numbered:
        kind = kind_said(sources[sid].kind, p.id, lang, partner_names)
        lines.append(f"[{mark}] {source_line(sources[sid], kind)}")
    if EDITORIAL_SOURCE in marks:
        lines.append("[E] " + say_in(lang, EDITORIAL_NOTE))
    if any(r.translated for r in rows):
        lines.append("[T] " + say_in(lang, TRANSLATED_NOTE))
    return "".join(f"{sanitize(line)}\n" for line in lines)


def source_line(source: Any, kind: str = "") -> str:
    """A source (Source or CitedSource) as one line: publisher (and who that is, `kind`),
    date, title, address."""
    publisher = f"{source.publisher} ({kind})" if kind else source.publisher
    parts = [publisher, source.date, source.title, source.url]
    return ", ".join(str(part) for part in parts if part)


def _marked_translation(told: Any, lang: str) -> str:
    """A note or event (a models.Told) in `lang`, '(our translation)' after it where it is."""
    text: str = told.said(lang)
    ours = say_in(lang, "our translation")
    return f"{text} ({ours})" if told.translated_in(lang) else text


def _place(signed_at: Any, lang: str) -> str | None:
    """Where a round was signed (a models.MaybeBilingual) in `lang`; where no source names it
    in `lang`, in the other language, said to be so (a place is never translated by us)."""
    own = signed_at.nl if lang == "nl" else signed_at.en
    if own:
        return str(own)
    if lang == "nl" and signed_at.en:
        return say_in(lang, N_("{place} (in English: no source names it in Dutch)"), place=signed_at.en)
    if lang != "nl" and signed_at.nl:
        return say_in(lang, N_("{place} (in Dutch: no source names it in English)"), place=signed_at.nl)
    return None


def about_lines(info: Any, lang: str, full: bool = True) -> list[tuple[str, str]]:
    """The programme (an `About`) as (name, value) lines, for the terminal and a pipe; the
    rounds' notes and the agency's events only when `full` (a summary fits a screen)."""
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
        place = _place(r.signed_at, lang)
        facts = [
            say("{starts_on} to {ends_on}", starts_on=r.starts_on, ends_on=r.ends_on),
            say(r.state.value),
        ]
        if r.days_left is not None:
            facts.append(say_n(lang, "{days} day left", "{days} days left", r.days_left, days=r.days_left))
        facts.append(say("signed {day} at {place}", day=r.signed_on or "?", place=place or "?"))
        if r.present_at_signing:
            ours = say("our translation")
            names = [f"{text} ({ours})" if translated else text for text, translated in r.present_in(lang)]
            facts.append(say("in the presence of {names}", names=", ".join(names)))
        if r.yearly_budget_eur is not None:
            facts.append(say("yearly budget EUR {amount}", amount=bilingual_num(r.yearly_budget_eur)))
        if r.partner_count is not None:
            facts.append(
                say_n(lang, "{count} partner", "{count} partners", r.partner_count, count=r.partner_count)
            )
        heading = say("round {round}", round=r.id)
        pairs.append((heading, "; ".join(facts)))
        pairs += [(heading, _marked_translation(n, lang)) for n in r.notes if full]
    if info.rounds and info.rounds[-1].state.value == "ended" and agency.website:
        website = agency.website
        pairs.append(
            (
                say("next round"),
                say(
                    "none in this dataset; see {agency}: {website}",
                    agency=agency.abbreviation,
                    website=website,
                ),
            )
        )
    for e in prog.events if full else ():
        pairs.append((say("agency {day}", day=e.date), _marked_translation(e, lang)))
    per_type = ", ".join(
        f"{label(TYPE_LABELS[PartnerType(t.type)], lang)} {t.count}" for t in info.partners_per_type
    )
    pairs.append((say("types"), per_type))
    pairs.append(
        (say("domain mapping"), say("editorial (ours, from each partner's description): FIT assigns none"))
    )
    if not full:
        notes = sum(len(r.notes) for r in info.rounds) + len(prog.events)
        pairs.append(
            (
                say("more"),
                say(
                    "{sources} sources, {notes} notes on the rounds and the agency: {command}",
                    sources=len(info.sources),
                    notes=notes,
                    command="fitpartners about --full",
                ),
            )
        )
    return pairs
