"""Valid means usable: a dataset fuzzer. Hypothesis makes datasets that `fitpartners
validate` accepts, from the bundled one changed within the rules of docs/data.md (partners
left out, left out of rounds, renamed in any Unicode, events of every kind and date, merger
chains short and long, notes, coverage, regions, countries, a new round), and every command
runs on each in every format: exit 0 (1 only where a name may be ambiguous), never 70, no
traceback, a few lines of stderr at most, JSON that parses, csv that reads, a workbook that
opens.

The default run is derandomised and small; the wide one is marked slow (.ci/run)."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from conftest import DATA_FILE, TERMINAL, run
from fitpartners.catalog import Catalog
from fitpartners.dataset.loader import problems
from fitpartners.labels import Domain, PartnerType, Sector, fold

RAW: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
COUNTRIES = sorted(json.loads((DATA_FILE.parent / "country_index.json").read_text(encoding="utf-8"))["names"])
SOURCES = {s["id"]: s for s in RAW["sources"]}
# What a fact, note or event may cite: a page that is no home page (the editorial pseudo-source too).
CITABLE = sorted(
    sid
    for sid, s in SOURCES.items()
    if s["url"] is None or re.sub(r"^https?://[^/]+", "", s["url"]) not in ("", "/")
)
PAGES = [sid for sid in CITABLE if sid != "editorial"]
FORMATS = ("table", "json", "jsonl", "csv", "tsv", "markdown", "xlsx")
# The days a run may be asked about: before the first round, while each runs, after the last.
TODAYS = ("2016-06-30", "2019-01-01", "2024-05-01", "2026-11-28", "2027-01-01", "2035-12-31")

# Pieces of hostile text, from tests/test_inert.py and the public reports CONTRIBUTING lists.
HOSTILE = (
    "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07",
    "\x1b[2J\x1b[H",
    "\x07",
    "\u202egnp.exe",
    "\x0b",
    "\r\n",
    "\x00",
    "\ufffe",
    "_x0041_",
    "=1+1",
    "@SUM(A1)",
    "\t-2",
    "[bold red]rich[/]",
    "*em* **strong** ~~del~~ $x$ `code` <b>html</b> | pipe |",
    "\\",
    "\u200b",
    "🙂",
    "e\u0301",
    "ß",
    "İ",
    "-",
    "--json",
    "%s {name} {0}",
)
CHARS = st.characters(blacklist_categories=("Cs",))  # any code point but a lone surrogate


def texts(max_size: int) -> st.SearchStrategy[str]:
    """Any text the schema takes (1 to max_size characters): arbitrary Unicode with control
    characters, hostile pieces, or a long run up to the limit."""
    short = st.text(CHARS, min_size=1, max_size=min(40, max_size))
    pieces = st.lists(
        st.one_of(st.sampled_from(HOSTILE), st.text(CHARS, max_size=8)), min_size=1, max_size=6
    ).map("".join)
    long = st.tuples(st.text(CHARS, min_size=1, max_size=4), st.integers(1, max_size)).map(
        lambda t: (t[0] * (max_size // len(t[0]) + 1))[: t[1]]
    )
    return st.one_of(short, pieces, long).map(lambda s: s[:max_size] or "-")


TEXT = texts(10_000)


def days() -> st.SearchStrategy[str]:
    """A day or a month of the calendar."""
    day = st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31))
    return st.one_of(day.map(dt.date.isoformat), day.map(lambda d: d.isoformat()[:7]))


def told(draw: st.DrawFn) -> dict[str, Any]:
    """A note's or an event's text and sources, `translated` naming each language no page cited is in."""
    sources = draw(st.lists(st.sampled_from(CITABLE), min_size=1, max_size=3, unique=True))
    langs = {SOURCES[s]["language"] for s in sources if s != "editorial"}
    translated = [lang for lang in ("nl", "en") if lang not in langs]
    return {"text": {"nl": draw(TEXT), "en": draw(TEXT)}, "translated": translated, "sources": sources}


def blank_record(pid: str, name: str) -> dict[str, Any]:
    """A record in no round that only continues partners (as Biovia): nothing but its name."""
    return {
        "id": pid,
        "number": None,
        "name": name,
        "full_name": None,
        "aliases": [],
        "former_names": [],
        "type": None,
        "spearhead_cluster": None,
        "domains": [],
        "cross_sector": None,
        "country": None,
        "description": None,
        "website": None,
        "former_websites": [],
        "rounds": [],
        "events": [],
        "notes": [],
        "coverage": [],
        "regions": [],
        "sources": {"name": [PAGES[0]]},
    }


def merged_into(data: dict[str, Any]) -> set[str]:
    return {e["partner"] for p in data["partners"] for e in p["events"] if e["kind"] == "merged"}


@st.composite
def datasets(draw: st.DrawFn, max_chain: int = 40) -> dict[str, Any]:
    """A dataset within the rules, made from the bundled one."""
    data = copy.deepcopy(RAW)
    partners: list[dict[str, Any]] = data["partners"]

    # Some partners left out, the references to them with them.
    if draw(st.booleans()):
        keep = {p["id"] for p in partners if draw(st.integers(0, 4))}  # most of them
    else:
        keep = set(draw(st.lists(st.sampled_from([p["id"] for p in partners]), min_size=1, unique=True)))
    partners[:] = [p for p in partners if p["id"] in keep] or partners[:1]
    # A record in no round that nobody merges into any more goes too (or joins the first round).
    for p in list(partners):
        if not p["rounds"] and not any(e["partner"] == p["id"] for q in partners for e in q["events"]):
            if len(partners) > 1:
                partners.remove(p)
            else:
                p["rounds"] = [
                    {"round": data["rounds"][0]["id"], "listed_as": p["name"], "sources": [PAGES[0]]}
                ]
    ids = {p["id"] for p in partners}
    for p in partners:
        p["events"] = [e for e in p["events"] if e["partner"] is None or e["partner"] in ids]
    for s in data["sources"]:
        if s["kind"] not in ("fit", "government", "press", "other", "editorial") and s["kind"] not in ids:
            s["kind"] = "other"

    # Sources dated otherwise (the latest day the dataset states anything on moves), the agency's events.
    for src in data["sources"]:
        if draw(st.integers(0, 9)) == 0:
            src["date"] = draw(
                st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31)).map(dt.date.isoformat)
            )
    for _ in range(draw(st.integers(0, 2))):
        data["programme"]["events"].append({**told(draw), "date": draw(days())})

    # Partners left out of rounds (each keeps one, unless merged into).
    for p in partners:
        if len(p["rounds"]) > 1 and draw(st.booleans()):
            del p["rounds"][draw(st.integers(0, len(p["rounds"]) - 1))]

    # Names, aliases, former names, full names, listed-as and descriptions in any text.
    for p in partners:
        if draw(st.integers(0, 3)) == 0:
            p["name"] = draw(TEXT)
        if draw(st.integers(0, 3)) == 0:
            p["aliases"] = draw(st.lists(TEXT, max_size=5))  # past a cell's 32,767 together
            p["sources"].pop("aliases", None)
            if p["aliases"]:
                p["sources"]["aliases"] = [draw(st.sampled_from(PAGES))]
        if draw(st.integers(0, 5)) == 0:
            p["former_names"] = draw(st.lists(TEXT, max_size=2))
            p["sources"].pop("former_names", None)
            if p["former_names"]:
                p["sources"]["former_names"] = [draw(st.sampled_from(PAGES))]
        if draw(st.integers(0, 5)) == 0:
            p["full_name"] = {"nl": draw(st.none() | TEXT), "en": draw(st.none() | TEXT)}
            p["sources"]["full_name"] = [draw(st.sampled_from(PAGES))]
        if draw(st.integers(0, 4)) == 0:
            p["description"] = {"nl": draw(TEXT), "en": draw(TEXT)}
            p["sources"]["description"] = [draw(st.sampled_from(PAGES))]
        for m in p["rounds"]:
            if draw(st.integers(0, 5)) == 0:
                m["listed_as"] = draw(TEXT)
        # Type, domains, country within their rules.
        if p["number"] is not None and draw(st.integers(0, 5)) == 0:
            kind = draw(st.sampled_from(list(PartnerType)))
            p["type"] = kind.value
            p["spearhead_cluster"] = draw(st.booleans()) if kind is PartnerType.CLUSTER else False
            p["country"] = draw(st.sampled_from(COUNTRIES)) if kind is PartnerType.BILATERAL_CHAMBER else None
            p["sources"].pop("country", None)
            if p["country"]:
                p["sources"]["country"] = [draw(st.sampled_from(PAGES))]
            p["cross_sector"] = draw(st.booleans())
            p["domains"] = (
                []
                if p["cross_sector"]
                else draw(st.lists(st.sampled_from([d.value for d in Domain]), min_size=1, unique=True))
            )
            p["sources"]["domains"] = ["editorial"]
            p["sources"]["cross_sector"] = ["editorial"]
        elif p["country"] is not None and draw(st.booleans()):
            p["country"] = draw(st.sampled_from(COUNTRIES))
        # Notes, coverage items, regions.
        if draw(st.integers(0, 3)) == 0:
            p["notes"] += [told(draw) for _ in range(draw(st.integers(1, 3)))]
        if draw(st.integers(0, 3)) == 0:
            p["coverage"] += [
                {
                    "sector": draw(st.sampled_from([s.value for s in Sector])),
                    "text": draw(texts(300)),
                    "sources": [draw(st.sampled_from(PAGES))],
                }
                for _ in range(draw(st.integers(1, 4)))
            ]
        if draw(st.integers(0, 6)) == 0:
            p["regions"].append(
                {"name": {"nl": draw(TEXT), "en": draw(TEXT)}, "sources": [draw(st.sampled_from(PAGES))]}
            )

    # Events: renamed, transferred (to anyone, itself too), merged once, into no one who leads back.
    into: dict[str, str] = {
        p["id"]: e["partner"] for p in partners for e in p["events"] if e["kind"] == "merged"
    }
    for p in partners:
        for _ in range(draw(st.integers(0, 2))):
            kind = draw(st.sampled_from(["renamed", "transferred", "merged"]))
            event: dict[str, Any] = {**told(draw), "kind": kind, "new_name": None, "partner": None}
            when = draw(st.sampled_from(["date", "by", "neither"]))
            event["date"] = draw(days()) if when == "date" else None
            event["by"] = draw(days()) if when == "by" else None
            if kind == "renamed":
                event["new_name"] = draw(TEXT)
            elif kind == "transferred":
                event["partner"] = draw(st.sampled_from(sorted(ids)))
            else:
                if p["id"] in into:
                    continue
                target = draw(st.sampled_from(sorted(ids - {p["id"]})) if len(ids) > 1 else st.none())
                at = target
                while at is not None and at != p["id"]:
                    at = into.get(at)
                if target is None or at == p["id"]:
                    continue
                into[p["id"]] = target
                event["partner"] = target
            p["events"].append(event)

    # A chain of mergers: a partner into a new record, into the next, ... (records in no round).
    # Past the first links, one event drawn serves them all: a long chain costs no more draws.
    length = draw(st.one_of(st.integers(0, 5), st.integers(0, max_chain)))
    free = [p for p in partners if p["id"] not in into]
    if length and free:
        before = draw(st.sampled_from(free))
        for k in range(length):
            record = blank_record(f"chain-{k}", f"Chain {k}")
            if k < 4:
                link = {
                    **told(draw),
                    "kind": "merged",
                    "new_name": None,
                    "date": draw(st.none() | days()),
                    "by": None,
                }
            before["events"].append({**link, "partner": record["id"]})
            partners.append(record)
            before = record

    # A new round after the last, with some of the partners that can be in it.
    if draw(st.integers(0, 3)) == 0:
        last = data["rounds"][-1]
        start = dt.date.fromisoformat(last["ends_on"]) + dt.timedelta(days=draw(st.integers(1, 400)))
        end = start + dt.timedelta(days=draw(st.integers(0, 2000)))
        rid = f"{start.year}-{max(end.year, start.year)}"
        data["rounds"].append(
            {
                **copy.deepcopy(last),
                "id": rid,
                "starts_on": start.isoformat(),
                "ends_on": end.isoformat(),
                "signed_on": None,
                "signed_at": {"nl": None, "en": None},
                "present_at_signing": [],
                "partner_count": None,
                "notes": [told(draw)],
            }
        )
        able = [p for p in partners if None not in (p["number"], p["type"], p["cross_sector"])]
        for p in draw(st.lists(st.sampled_from(able), unique_by=lambda p: p["id"])) if able else []:
            p["rounds"].append(
                {"round": rid, "listed_as": draw(TEXT), "sources": [draw(st.sampled_from(PAGES))]}
            )

    # The order of the records is free.
    if draw(st.booleans()):
        partners[:] = draw(st.permutations(partners))
    unique_names(partners)
    return data


def unique_names(partners: list[dict[str, Any]]) -> None:
    """Each name a user may type names one partner (as rules.names_unique folds them), and no
    alias is a bare number: a name drawn that collides gets a tag of its own."""
    owners: dict[str, str] = {}
    tags = iter(range(10**9))

    def own(pid: str, text: str, alias: bool = False) -> str:
        key = fold(text)
        if (key and owners.setdefault(key, pid) != pid) or (alias and key.isdigit()):
            text = f"{text[:9_980]} zq{next(tags)}zq"
            owners[fold(text)] = pid
        return text

    for p in partners:  # ids and numbers are not drawn: they keep their partner
        for fixed in (p["id"], str(p["number"]) if p["number"] is not None else ""):
            if fold(fixed):
                owners.setdefault(fold(fixed), p["id"])
    for p in partners:
        pid = p["id"]
        p["name"] = own(pid, p["name"])
        if p["full_name"]:
            for lang in ("nl", "en"):
                if p["full_name"][lang]:
                    p["full_name"][lang] = own(pid, p["full_name"][lang])
        p["aliases"] = [own(pid, a, alias=True) for a in p["aliases"]]
        p["former_names"] = [own(pid, n) for n in p["former_names"]]
        for e in p["events"]:
            if e["new_name"]:
                e["new_name"] = own(pid, e["new_name"])


def encoded(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


# -- checking a run -------------------------------------------------------------------------------


def check(args: list[str], codes: tuple[int, ...] = (0,), env: dict[str, str | None] | None = None) -> Any:
    r = run(*args, env=env)
    what = f"{args!r}: exit {r.code}\nstderr: {r.err[:2000]}"
    assert "Traceback" not in r.err, what
    assert r.code in codes, what
    assert len(r.err.splitlines()) <= 3, what
    return r


def check_output(args: list[str], fmt: str, r: Any) -> None:
    what = f"{args!r}"
    if r.code != 0:
        return
    if fmt == "json":
        json.loads(r.out)
    elif fmt == "jsonl":
        for line in r.out.splitlines():
            json.loads(line)
    elif fmt == "csv":
        list(csv.reader(io.StringIO(r.out, newline="")))
    elif fmt == "xlsx":
        with zipfile.ZipFile(io.BytesIO(r.raw)) as book:
            assert book.testzip() is None, what
            assert "xl/workbook.xml" in book.namelist(), what


def words_in(data: dict[str, Any]) -> list[str]:
    """Words a user might search for: those of the partners' names and coverage."""
    found: list[str] = []
    for p in data["partners"]:
        for text in [p["name"], *(c["text"] for c in p["coverage"])]:
            found += re.findall(r"\w{3,}", text)[:2]
    return found or ["export"]


class Case(NamedTuple):
    data: dict[str, Any]
    env: dict[str, str | None]  # the day asked about, the language, a terminal or not
    shown: list[str]  # ids to show
    name: str  # a name to show: unique, or ambiguous
    word: str  # a word to search for


def run_everything(case: Case, path: str) -> None:
    env, shown = case.env, case.shown
    terminal = env.get("TTY_COMPATIBLE") == "1"
    # The word with a partner's id, so that a stop word ('voor') alone is not the query (exit 2).
    listed = [
        ["list"],
        ["domains"],
        ["types"],
        ["matrix"],
        ["history"],
        ["search", "--", case.word, shown[0]],
    ]
    listed += [["show", "--", pid] for pid in shown]
    for command in listed:
        for fmt in FORMATS:
            if fmt == "xlsx" and terminal:
                continue  # refused at a terminal (test_output.py)
            args = [*command[:1], "--data", path, "--format", fmt, *command[1:]]
            check_output(args, fmt, check(args, env=env))
        args = [*command[:1], "--data", path, "--jq", ".", *command[1:]]
        check_output(args, "json", check(args, env=env))
        if command[0] == "list":
            args = ["list", "--data", path, "--period", "all", "--json"]
            check_output(args, "json", check(args, env=env))
    # By a name: unique, ambiguous (1) or no such partner (1).
    for fmt in ("table", "json"):
        args = ["show", "--data", path, "--format", fmt, "--", case.name]
        check_output(args, fmt, check(args, codes=(0, 1), env=env))
    for extra in ([], ["--json"], ["--jq", "."]):
        r = check(["about", "--data", path, *extra], env=env)
        check_output([], "json" if extra else "table", r)
        r = check(["validate", path, *extra], env=env)
        check_output([], "json" if extra else "table", r)
        if extra == ["--json"]:
            assert r.json()["valid"] is True
        check_output([], "json" if extra else "table", check(["schema", *extra], env=env))


@st.composite
def cases(draw: st.DrawFn, max_chain: int = 40) -> Case:
    data = draw(datasets(max_chain=max_chain))
    ids = [p["id"] for p in data["partners"]]
    listed = [pid for pid in ids if not pid.startswith("chain-")]
    shown = draw(st.lists(st.sampled_from(listed), min_size=1, max_size=3, unique=True))
    # A chain's first and last records, where there is one: their cards read the whole chain,
    # and the last one's lists the records it continues (ten, and how many more).
    chain = sorted((pid for pid in ids if pid.startswith("chain-")), key=lambda pid: int(pid[6:]))
    shown += chain[:1] + chain[-1:]
    names = [n for p in data["partners"] for n in [p["name"], *p["aliases"]]]
    env: dict[str, str | None] = {
        "FITPARTNERS_TODAY": draw(st.sampled_from(TODAYS)),
        "FITPARTNERS_LANG": draw(st.sampled_from(["en", "nl"])),
    }
    if draw(st.booleans()):
        env.update(TERMINAL)  # Rich's pictures, and every format shown safely
    return Case(data, env, shown, draw(st.sampled_from(names)), draw(st.sampled_from(words_in(data))))


# A failing case is reported as generated: shrinking datasets this large takes minutes.
QUICK: dict[str, Any] = {
    "phases": [Phase.explicit, Phase.generate],
    "suppress_health_check": list(HealthCheck),
}


def fuzz(case: Case) -> None:
    body = encoded(case.data)
    dataset, found = problems(body)
    assume(dataset is not None and not found)
    # A list's status (made from the ends of mergers, found once) is the status of one partner
    # (which follows them one by one) without its chain.
    catalog = Catalog(dataset, dt.date.fromisoformat(str(case.env["FITPARTNERS_TODAY"])))
    for p in catalog.all_partners:
        assert catalog.listed_status(p) == catalog.status(p).model_copy(update={"chain": None}), p.id
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.json"
        path.write_bytes(body)
        run_everything(case, str(path))


@settings(derandomize=True, max_examples=10, deadline=None, **QUICK)
@given(cases(max_chain=40))
def test_every_command_and_format_works_on_any_valid_dataset(case):
    fuzz(case)


@pytest.mark.slow
@settings(derandomize=True, max_examples=100, deadline=None, **QUICK)
@given(cases(max_chain=1_500))
def test_every_command_and_format_works_on_any_valid_dataset_wide(case):
    fuzz(case)
