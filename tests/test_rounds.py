"""Correct and current: what became of partners since the sources listed them (the status on
the day asked about), the rounds, their dates and days left, the note once the last round has
ended, and a future round added as data only."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from typing import Any

import pytest

from conftest import TERMINAL, TODAY, one_line, partner, run
from fitpartners.catalog import Catalog
from fitpartners.dataset.models import Dataset
from fitpartners.results import State
from synthetic import merged_into

ANSI = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")
RENAMED = "now: MEDVIA (renamed 2022-05-17)"
MERGED = "now part of MEDVIA (merged 2022-12-13)"
# The page of the merger into Biovia gives no day: the data knows of it from its latest dated
# fact on (Catalog.known_by, 2025-08-01); before that, MEDVIA is what the pages show.
IN_2024 = {"FITPARTNERS_TODAY": "2024-06-01"}
HEALTHTECH_NOW = (
    "now part of Biovia: flanders.healthTech -> MEDVIA (renamed 2022-05-17) "
    "-> Biovia (merged; date not stated by the page)"
)
MEDTECH_NOW = (
    "now part of Biovia: Medtech Flanders -> MEDVIA (merged 2022-12-13) "
    "-> Biovia (merged; date not stated by the page)"
)
BIO_NOW = "now part of Biovia (merged; date not stated by the page)"
LEFT = "left the programme after 2017-2021"


def row(out: str, name: str) -> str:
    return next(line for line in out.splitlines() if name in line)


# -- what became of a partner ------------------------------------------------------------------


def test_list_in_a_pipe_says_what_each_partner_is_now():
    out = run("list").out
    assert row(out, "flanders.healthTech").split("\t")[-1] == HEALTHTECH_NOW
    assert row(out, "Medtech Flanders").split("\t")[-1] == MEDTECH_NOW
    assert row(out, "flanders.bio").split("\t")[-1] == BIO_NOW
    assert row(out, "Voka").split("\t")[-1] == "active"  # every field kept in a pipe line
    assert sum("Biovia" in line for line in out.splitlines()) == 3
    before = run("list", env=IN_2024).out
    assert row(before, "flanders.healthTech").split("\t")[-1] == RENAMED
    assert row(before, "Medtech Flanders").split("\t")[-1] == MERGED
    assert row(before, "flanders.bio").split("\t")[-1] == "active"


def test_list_in_a_terminal_says_what_each_partner_is_now():
    out = ANSI.sub("", run("list", env={**TERMINAL, "COLUMNS": "300"}).out)
    assert row(out, "flanders.healthTech").rstrip().endswith(HEALTHTECH_NOW)
    assert row(out, "Medtech Flanders").rstrip().endswith(MEDTECH_NOW)
    narrow = ANSI.sub("", run("list", env={**TERMINAL, "COLUMNS": "80"}).out)
    assert row(narrow, "flanders.healthTech").rstrip().endswith("part of Biovia")
    assert row(narrow, "Medtech Flanders").rstrip().endswith("part of Biovia")


# The rename of flanders.healthTech to MEDVIA, as a step of a status (dated by its page).
MEDVIA_RENAMED = {
    "id": "flanders-healthtech",
    "name": "MEDVIA",
    "change": "renamed",
    "date": "2022-05-17",
    "by": None,
    "sources": ["medvia-rename"],
}


def test_the_status_in_json_names_the_present_body_and_the_chain_to_it():
    """A list's status gives the first and the last change and how many there were; the
    whole chain is in the status of one partner (show)."""
    records = {p["id"]: p for p in run("list", "--json").json()}
    healthtech = records["flanders-healthtech"]["status"]
    medvia = MEDVIA_RENAMED
    biovia = {
        "id": "biovia",
        "name": "Biovia",
        "change": "merged",
        "date": None,
        "by": None,
        "sources": ["flandersbio-biovia-ga"],
    }
    assert healthtech == {
        "state": "merged",
        "since": None,
        "name": "Biovia",
        "partner": "biovia",
        "round": None,
        "changes": 2,
        "next": medvia,
        "now": biovia,
        "chain": None,
        "text": HEALTHTECH_NOW,
    }
    shown = run("show", "flanders-healthtech", "--json").json()["status"]
    assert shown == {**healthtech, "chain": shown["chain"]}
    assert [(s["id"], s["name"], s["change"], s["date"], s["by"]) for s in shown["chain"]] == [
        ("flanders-healthtech", "flanders.healthTech", None, None, None),
        ("flanders-healthtech", "MEDVIA", "renamed", "2022-05-17", None),
        ("biovia", "Biovia", "merged", None, None),
    ]
    assert shown["chain"][1:] == [medvia, biovia]
    medtech = records["medtech-flanders"]["status"]
    assert (medtech["state"], medtech["name"], medtech["partner"], medtech["since"], medtech["changes"]) == (
        "merged",
        "Biovia",
        "biovia",
        None,
        2,
    )
    assert (medtech["next"]["id"], medtech["next"]["name"], medtech["next"]["date"]) == (
        "flanders-healthtech",
        "MEDVIA",
        "2022-12-13",
    )
    assert medtech["now"] == biovia
    shown = run("show", "medtech-flanders", "--json").json()["status"]
    assert [s["name"] for s in shown["chain"]] == ["Medtech Flanders", "MEDVIA", "Biovia"]
    assert shown == {**medtech, "chain": shown["chain"]}
    active = {
        "state": "active",
        "since": None,
        "name": "Voka",
        "partner": None,
        "round": None,
        "changes": 0,
        "next": None,
        "now": None,
        "chain": None,
        "text": "active",
    }
    assert records["voka"]["status"] == active
    assert run("show", "voka", "--json").json()["status"] == {**active, "chain": []}


def test_in_2024_the_status_is_what_the_dated_pages_show():
    records = {p["id"]: p for p in run("list", "--json", env=IN_2024).json()}
    renamed = MEDVIA_RENAMED
    assert records["flanders-healthtech"]["status"] == {
        "state": "renamed",
        "since": "2022-05-17",
        "name": "MEDVIA",
        "partner": None,
        "round": None,
        "changes": 1,
        "next": renamed,
        "now": renamed,
        "chain": None,
        "text": RENAMED,
    }
    shown = run("show", "flanders-healthtech", "--json", env=IN_2024).json()["status"]
    assert shown["chain"] == [
        {
            "id": "flanders-healthtech",
            "name": "flanders.healthTech",
            "change": None,
            "date": None,
            "by": None,
            "sources": [],
        },
        renamed,
    ]
    medtech = records["medtech-flanders"]["status"]
    assert (medtech["state"], medtech["name"], medtech["partner"], medtech["text"]) == (
        "merged",
        "MEDVIA",
        "flanders-healthtech",
        MERGED,
    )


def test_who_left_the_programme_says_so_in_json_tables_and_cards():
    records = {p["id"]: p for p in run("list", "--period", "all", "--json").json()}
    left = {pid for pid, p in records.items() if p["status"]["state"] == "left"}
    assert left == {"b-hive", "euka", "flanders-cleantech-association", "startups-be"}
    assert records["euka"]["status"] == {
        "state": "left",
        "since": "2022-01-01",
        "name": "Euka",
        "partner": None,
        "round": "2017-2021",
        "changes": 0,
        "next": None,
        "now": None,
        "chain": None,
        "text": LEFT,
    }
    # A partner of both rounds, or of the latest only, has not left.
    assert records["voka"]["status"]["state"] == records["bva"]["status"]["state"] == "active"
    table = run("list", "--period", "all").out
    assert row(table, "Startups.be").split("\t")[-1] == LEFT
    assert run("show", "euka").out.splitlines()[0] == f"now: {LEFT}"
    card = ANSI.sub("", run("show", "b-hive", env=TERMINAL).out)
    assert card.splitlines()[1].split(None, 1) == ["now", LEFT]
    # While 2017-2021 was the latest round that had started, nobody had left.
    assert run("show", "euka", "--json", env={"FITPARTNERS_TODAY": "2021-12-31"}).json()["status"][
        "state"
    ] == ("active")


def test_the_candidates_of_an_ambiguous_name_say_what_became_of_each():
    r = run("show", "flanders")
    assert r.code == 1
    assert r.err == (
        "fitpartners: 'flanders' names more than one partner: flanders.healthTech (part of Biovia), "
        "flanders.bio (part of Biovia), Medtech Flanders (part of Biovia), VCKK, VIL, "
        "Flanders Cleantech Association (left after 2017-2021); be more specific\n"
    )
    nl = run("show", "flanders", "--lang", "nl").err
    assert (
        "Medtech Flanders (deel van Biovia)" in nl
        and "Flanders Cleantech Association (vertrokken na 2017-2021)" in nl
    )


def test_show_says_what_became_of_the_partner_then_the_chain():
    card = ANSI.sub("", run("show", "flanders.healthTech", env=TERMINAL).out).splitlines()
    assert card[1].split(None, 1) == ["now", "part of Biovia"]
    assert card[2].split(None, 1)[0] == "chain"
    assert "flanders.healthTech -> MEDVIA (renamed 2022-05-17) -> Biovia" in card[2]
    card = ANSI.sub("", run("show", "medtech flanders", env=TERMINAL).out).splitlines()
    assert card[1].split(None, 1) == ["now", "part of Biovia"]
    assert "Medtech Flanders -> MEDVIA (merged 2022-12-13) -> Biovia" in card[2]
    assert "now " not in run("show", "voka", env=TERMINAL).out
    before = ANSI.sub("", run("show", "flanders.healthTech", env={**TERMINAL, **IN_2024}).out).splitlines()
    assert before[1].split(None, 1) == ["now", RENAMED.removeprefix("now: ")]
    before = ANSI.sub("", run("show", "medtech flanders", env={**TERMINAL, **IN_2024}).out).splitlines()
    assert before[1].split(None, 1) == ["now", MERGED.removeprefix("now ")]


def test_the_status_follows_the_day_asked_about():
    # Before the rename, flanders.healthTech was active under its own name.
    before = run("show", "flanders-healthtech", "--json", env={"FITPARTNERS_TODAY": "2022-05-16"}).json()
    assert before["status"]["state"] == "active" and before["status"]["name"] == "flanders.healthTech"
    on_the_day = run("show", "flanders-healthtech", "--json", env={"FITPARTNERS_TODAY": "2022-05-17"}).json()
    assert on_the_day["status"]["state"] == "renamed"
    # Medtech's merger was announced on 13 December 2022.
    merged = run("show", "medtech-flanders", "--json", env={"FITPARTNERS_TODAY": "2022-12-13"}).json()
    assert merged["status"]["state"] == "merged" and merged["status"]["name"] == "MEDVIA"
    earlier = run("show", "medtech-flanders", "--json", env={"FITPARTNERS_TODAY": "2022-12-12"}).json()
    assert earlier["status"]["state"] == "active"
    # The merger into Biovia, whose page gives no day, counts from the data's latest dated fact.
    for day, name in (("2025-07-31", "MEDVIA"), ("2025-08-01", "Biovia"), ("2027-01-01", "Biovia")):
        status = run("show", "medvia", "--json", env={"FITPARTNERS_TODAY": day}).json()["status"]
        assert status["name"] == name, day


def test_an_event_known_to_the_month_counts_from_its_first_day(dataset, write_data):
    partner(dataset, "medtech-flanders")["events"][0]["date"] = "2022-12"
    path = write_data(dataset)

    def state(today: str) -> str:
        r = run(
            "show",
            "medtech-flanders",
            "--data",
            path,
            "--jq",
            ".status.state",
            env={"FITPARTNERS_TODAY": today},
        )
        return r.out.strip()

    assert (state("2022-11-30"), state("2022-12-01"), state("2023-01-01")) == ("active", "merged", "merged")


def _catalog_with_event(dataset: dict, kind: str) -> Catalog:
    partner(dataset, "agoria")["events"] = [
        {
            "date": "2024-03",
            "kind": kind,
            "text": "an event that names a body",
            "new_name": "Some Body",
            "partner": "voka",
            "sources": ["press-release-2021-11-26"],
        }
    ]
    ds = Dataset.model_validate_json(json.dumps(dataset))
    return Catalog(ds)


def test_only_a_rename_renames_though_other_events_name_a_body(dataset):
    merged = _catalog_with_event(json.loads(json.dumps(dataset)), "merged")
    transferred = _catalog_with_event(json.loads(json.dumps(dataset)), "transferred")
    assert merged.status(merged.by_id["agoria"]).state is State.MERGED
    assert transferred.status(transferred.by_id["agoria"]).state is State.ACTIVE


def test_a_later_name_known_only_by_a_day_says_so_in_both_languages(dataset, write_data):
    """A rename whose page gives only the day by which it happened: the note for a partner
    found by its later name says "by" that day (and "on" for a dated rename)."""
    event = partner(dataset, "flanders-healthtech")["events"][0]
    assert event["date"] == "2022-05-17"
    dated = run("show", "MEDVIA", env=TERMINAL).err
    assert dated == "fitpartners: flanders.healthTech was renamed MEDVIA on 2022-05-17\n"
    event["date"], event["by"] = None, "2022-06-30"
    path = write_data(dataset)
    en = run("show", "MEDVIA", "--data", path, env=TERMINAL).err
    nl = run("show", "MEDVIA", "--data", path, "--lang", "nl", env=TERMINAL).err
    assert en == "fitpartners: flanders.healthTech was renamed MEDVIA by 2022-06-30\n"
    assert nl == "fitpartners: flanders.healthTech werd uiterlijk op 2022-06-30 hernoemd tot MEDVIA\n"


# -- the rounds --------------------------------------------------------------------------------


def test_about_has_the_signings_and_the_dates_of_the_rounds():
    info = run("about", "--json").json()
    first, latest = info["rounds"]
    assert first["id"] == "2017-2021" and first["signed_on"] == "2017-10-03"
    assert "Errera" in (first["signed_at"]["en"] or first["signed_at"]["nl"])
    assert first["present_at_signing"], "who signed in 2017"
    assert latest["id"] == info["latest_round"] == "2022-2026"
    assert (latest["starts_on"], latest["ends_on"]) == ("2022-01-01", "2026-12-31")
    assert latest["signed_at"] == {"nl": "Errerahuis, Brussel", "en": "Errera House, Brussels"}
    assert any("Jan Jambon" in person for person in latest["present_at_signing"])
    assert any("Claire Tillekaerts" in person for person in latest["present_at_signing"])


@pytest.mark.parametrize(
    ("today", "state", "days_left"),
    [
        ("2026-11-28", "running", 34),
        ("2026-12-31", "running", 1),
        ("2022-01-01", "running", 1826),
        ("2027-01-01", "ended", None),
    ],
)
def test_about_counts_the_days_left_while_the_round_runs(today, state, days_left):
    ends = dt.date(2026, 12, 31)
    if days_left is not None:  # counting today
        assert days_left == (ends - dt.date.fromisoformat(today)).days + 1
    info = run("about", "--json", env={"FITPARTNERS_TODAY": today}).json()
    assert info["today"] == today
    latest = info["rounds"][-1]
    assert (latest["state"], latest["days_left"]) == (state, days_left)
    assert info["rounds"][0]["days_left"] is None
    line = row(run("about", env={"FITPARTNERS_TODAY": today}).out, "round 2022-2026")
    said = f"; {days_left} day left;" if days_left == 1 else f"; {days_left} days left;"
    assert (said in line) is (days_left is not None)
    assert f"; {state};" in line


def test_about_in_a_terminal_shows_the_days_left():
    out = run("about", env={**TERMINAL, "COLUMNS": "200"}).out
    assert "34 days left" in out


# -- the day the round ends --------------------------------------------------------------------

ENDED = {"FITPARTNERS_TODAY": "2027-01-05"}
ENDED_NOTE = (
    "fitpartners: note: showing the 2022-2026 round, which ended on 2026-12-31; no later round is in "
    "this dataset; for the next, see FIT: https://www.flandersinvestmentandtrade.com "
    "(--quiet hides this note)\n"
)


def test_after_the_last_round_a_terminal_gets_one_note():
    running = run("list", env=TERMINAL)
    ended = run("list", env={**TERMINAL, **ENDED})
    assert ended.code == running.code == 0
    assert ended.out == running.out  # the same partners, the same table
    assert running.err == ""
    assert one_line(ended.err)
    assert "2022-2026 round, which ended on 2026-12-31" in ended.err and "--quiet" in ended.err


def test_the_note_that_the_round_ended_word_for_word():
    r = run("list", env={**TERMINAL, "FITPARTNERS_TODAY": "2027-01-05"})
    assert r.err == ENDED_NOTE


def test_quiet_and_machine_formats_never_show_the_note():
    quiet = run("list", "--quiet", env={**TERMINAL, **ENDED})
    assert quiet.code == 0 and quiet.err == "" and quiet.out == run("list", env=TERMINAL).out
    for args in (
        ["list", "--json"],
        ["list", "--format", "csv"],
        ["domains", "--jq", ".[0].id"],
        ["about", "--json"],
        ["list", "--quiet"],
    ):
        r = run(*args, env=ENDED)
        assert r.code == 0 and r.err == "", (args, r.err)


@pytest.mark.parametrize("args", [["list"], ["list", "--format", "table"], ["show", "voka"], ["domains"]])
def test_plain_text_in_a_pipe_shows_the_note_on_stderr(args):
    """A person often reads a pipe's end (`| less`); stderr still reaches them."""
    r = run(*args, env=ENDED)
    assert r.code == 0 and r.out == run(*args).out
    assert r.err == ENDED_NOTE


@pytest.mark.parametrize("value", ["2027-13-05", "tomorrow", "05/01/2027", "2027-1-5"])
def test_a_bad_today_is_a_usage_error(value):
    for args in (["list"], ["about", "--json"], ["show", "voka"]):
        r = run(*args, env={"FITPARTNERS_TODAY": value})
        assert r.code == 2 and r.out == "" and one_line(r.err), (args, r.err)
        assert "FITPARTNERS_TODAY" in r.err and value in r.err


def test_the_real_day_when_today_is_not_set():
    assert run("about", "--jq", ".today").out == f"{TODAY}\n"  # the tests' own day, from conftest
    assert run("about", "--jq", ".today", env={"FITPARTNERS_TODAY": None}).out == f"{dt.date.today()}\n"


# -- a third round, added as data only ---------------------------------------------------------

NEXT = "2027-2031"
NEXT_MEMBERS = ["agoria", "flux50", "voka"]


def with_third_round(raw: dict[str, Any]) -> dict[str, Any]:
    """The bundled dataset with a round 2027-2031 of three partners, as a future
    dataset would carry it: no code knows of it."""
    data = copy.deepcopy(raw)
    data["sources"].append(
        {
            "id": "synthetic-round-2027",
            "publisher": "fitpartners tests",
            "title": "A round made up for the tests",
            "url": "https://example.org/fitpartners/round-2027-2031",
            "date": "2026-12-15",
            "language": "en",
            "kind": "fit",
        }
    )
    data["rounds"].append(
        {
            "id": NEXT,
            "starts_on": "2027-01-01",
            "ends_on": "2031-12-31",
            "signed_on": "2026-12-15",
            "signed_at": {"nl": None, "en": "Brussels"},
            "present_at_signing": [],
            "yearly_budget_eur": None,
            "partner_count": len(NEXT_MEMBERS),
            "notes": [
                {
                    "text": {
                        "nl": "Een ronde verzonnen voor de tests.",
                        "en": "A round made up for the tests.",
                    },
                    "translated": ["nl"],
                    "sources": ["synthetic-round-2027"],
                }
            ],
            "sources": ["synthetic-round-2027"],
        }
    )
    for pid in NEXT_MEMBERS:
        p = partner(data, pid)
        p["rounds"].append({"round": NEXT, "listed_as": p["name"], "sources": ["synthetic-round-2027"]})
    return data


@pytest.fixture
def third(raw, write_data) -> str:
    return write_data(with_third_round(raw))


def ids(r) -> list[str]:
    return [p["id"] for p in r.json()]


def test_a_third_round_is_valid_data(third):
    assert run("validate", third).out == f"{third}: valid\n"


def test_the_default_round_is_the_latest_that_has_started(third):
    in_2027 = {"FITPARTNERS_TODAY": "2027-03-01"}
    assert ids(run("list", "--data", third, "--json", env=in_2027)) == NEXT_MEMBERS
    assert len(run("list", "--data", third, "--json").json()) == 21  # before 2027: 2022-2026
    assert len(run("list", "--data", third, "--json", env={"FITPARTNERS_TODAY": "2026-12-31"}).json()) == 21
    assert (
        ids(run("list", "--data", third, "--json", env={"FITPARTNERS_TODAY": "2027-01-01"})) == NEXT_MEMBERS
    )
    assert ids(run("list", "--data", third, "--period", NEXT, "--json")) == NEXT_MEMBERS
    assert len(run("list", "--data", third, "--period", "2022-2026", "--json", env=in_2027).json()) == 21
    assert len(run("list", "--data", third, "--period", "all", "--json").json()) == 25


def test_a_third_round_in_history_and_about(third):
    steps = run("history", "--data", third, "--json").json()
    assert [(s["from_round"], s["to_round"]) for s in steps] == [
        ("2017-2021", "2022-2026"),
        ("2022-2026", NEXT),
    ]
    assert steps[1]["continued"] == NEXT_MEMBERS and steps[1]["joined"] == []
    assert steps[1]["counts"] == {"before": 21, "after": 3, "continued": 3, "joined": 0, "left": 18}
    info = run("about", "--data", third, "--json", env={"FITPARTNERS_TODAY": "2027-03-01"}).json()
    assert len(info["rounds"]) == 3 and info["latest_round"] == NEXT
    assert [r["state"] for r in info["rounds"]] == ["ended", "ended", "running"]
    assert info["rounds"][2]["days_left"] == (dt.date(2031, 12, 31) - dt.date(2027, 3, 1)).days + 1
    before = run("about", "--data", third, "--json").json()
    assert [r["state"] for r in before["rounds"]] == ["ended", "running", "not started"]


def test_a_third_round_passes_through_every_command(third):
    in_2027 = {"FITPARTNERS_TODAY": "2027-03-01"}
    for args in (
        ["list"],
        ["show", "voka"],
        ["search", "energie"],
        ["domains"],
        ["types"],
        ["matrix"],
        ["history"],
        ["about"],
    ):
        for env in ({**in_2027}, {**in_2027, **TERMINAL}):
            r = run(*args, "--data", third, env=env)
            assert r.code == 0 and r.out and r.err == "", (args, env, r.err)
    types = {t["id"]: t["count"] for t in run("types", "--data", third, "--json", env=in_2027).json()}
    assert types == {
        "sector-federation": 1,
        "cluster": 1,
        "bilateral-chamber": 0,
        "business-network": 1,
        "entrepreneurs-organisation": 0,
        "employers-organisation": 0,
    }
    assert [r["id"] for r in run("matrix", "--data", third, "--json", env=in_2027).json()] == [
        "agoria",
        "flux50",
        "voka",
    ]
    card = run("show", "voka", "--data", third, env={**in_2027, **TERMINAL}).out
    assert "partner 2027-2031" in card and "example.org/fitpartners/round-2027-2031" in card
    text = run("about", "--full", "--data", third, env=in_2027).out
    assert "round 2027-2031: 2027-01-01 to 2031-12-31; running" in text
    assert "round 2027-2031: A round made up for the tests." in text.splitlines()
    # Once that round is over, the note names it.
    late = run("list", "--data", third, env={**TERMINAL, "FITPARTNERS_TODAY": "2032-01-01"})
    assert "2027-2031 round, which ended on 2031-12-31" in late.err
    assert json.loads(run("list", "--data", third, "--json", env={"FITPARTNERS_TODAY": "2032-01-01"}).out)


# -- a partner with more than one event --------------------------------------------------------


def _two_events(dataset: dict[str, Any]) -> dict[str, Any]:
    """flanders.healthTech renamed (2022-05-17), then, invented for this test only, merged into
    Voka on 2024-03-01: the later event decides, events not yet happened do not count."""
    healthtech = partner(dataset, "flanders-healthtech")
    merged = copy.deepcopy(partner(dataset, "medtech-flanders")["events"][0])
    merged.update(date="2024-03-01", partner="voka")
    merged["text"] = {"nl": "Alleen voor de test: opgegaan in Voka.", "en": "Test only: merged into Voka."}
    # not in date order; instead of the merger into Biovia (a partner merges once)
    healthtech["events"] = [merged, healthtech["events"][0]]
    return dataset


@pytest.mark.parametrize(
    ("today", "state", "text"),
    [
        ("2022-05-16", "active", "active"),
        ("2022-05-17", "renamed", RENAMED),
        ("2024-02-29", "renamed", RENAMED),
        (
            "2024-03-01",
            "merged",
            "now part of Voka: flanders.healthTech -> MEDVIA (renamed 2022-05-17) "
            "-> Voka (merged 2024-03-01)",
        ),
    ],
)
def test_the_latest_event_up_to_today_gives_the_status(dataset, write_data, today, state, text):
    path = write_data(_two_events(dataset))
    r = run("show", "flanders-healthtech", "--json", "--data", path, env={"FITPARTNERS_TODAY": today})
    status = json.loads(r.out)["status"]
    assert (status["state"], status["text"]) == (state, text)
    assert status["name"] == {"active": "flanders.healthTech", "renamed": "MEDVIA", "merged": "Voka"}[state]


def test_a_status_known_only_by_a_day_says_so_in_both_languages(dataset, write_data):
    event = partner(dataset, "medtech-flanders")["events"][0]
    event["date"], event["by"] = None, "2022-12-13"
    path = write_data(dataset)
    en = run("show", "medtech-flanders", "--data", path).out.splitlines()[0]
    nl = run("show", "medtech-flanders", "--data", path, "--lang", "nl").out.splitlines()[0]
    assert en == "now: part of Biovia"
    chain = (
        "Medtech Flanders -> MEDVIA (merged by 2022-12-13) -> Biovia (merged; date not stated by the page)"
    )
    assert run("show", "medtech-flanders", "--data", path).out.splitlines()[1] == f"chain: {chain} [1][2]"
    assert nl == "nu: deel van Biovia"
    dutch = (
        "Medtech Flanders -> MEDVIA (opgegaan uiterlijk 2022-12-13) "
        "-> Biovia (opgegaan; datum niet vermeld op de pagina)"
    )
    assert run("show", "medtech-flanders", "--data", path, "--lang", "nl").out.splitlines()[1] == (
        f"keten: {dutch} [1][2]"
    )
    in_2024 = {"FITPARTNERS_TODAY": "2024-06-01"}
    en = run("show", "medtech-flanders", "--data", path, env=in_2024).out.splitlines()[0]
    nl = run("show", "medtech-flanders", "--data", path, "--lang", "nl", env=in_2024).out.splitlines()[0]
    assert en == "now: part of MEDVIA (merged by 2022-12-13)"
    assert nl == "nu: deel van MEDVIA (opgegaan uiterlijk 2022-12-13)"
    brief = run(
        "list",
        "--data",
        path,
        "--lang",
        "nl",
        "--fields",
        "name,status",
        env={**TERMINAL, "COLUMNS": "60", **in_2024},
    ).out
    assert "deel van MEDVIA" in brief and "nu MEDVIA" in brief


# -- 1 January 2027: the last round in the data has ended ----------------------------------------

NEW_YEAR = {"FITPARTNERS_TODAY": "2027-01-01"}


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "voka"],
        ["search", "export"],
        ["domains"],
        ["types"],
        ["matrix"],
        ["history"],
        ["about"],
    ],
    ids=" ".join,
)
def test_on_1_january_2027_every_command_says_which_round_it_shows_and_where_to_look(args):
    for env in (NEW_YEAR, {**NEW_YEAR, **TERMINAL}):
        r = run(*args, env=env)
        assert r.code == 0 and r.out, (args, r.err)
        assert r.err == ENDED_NOTE, (args, r.err)
    dutch = run(*args, "--lang", "nl", env=NEW_YEAR).err
    assert dutch.startswith("fitpartners: noot: dit is de ronde 2022-2026, die afliep op 2026-12-31")
    assert "voor de volgende, zie FIT: https://www.flandersinvestmentandtrade.com" in dutch
    # The day before, the round still runs: no note.
    assert run(*args, env={"FITPARTNERS_TODAY": "2026-12-31"}).err == ""


def test_on_1_january_2027_about_says_no_later_round_is_in_the_data():
    lines = run("about", env=NEW_YEAR).out.splitlines()
    assert "; ended; " in next(line for line in lines if line.startswith("round 2022-2026: 2022-01-01 to "))
    assert "next round: none in this dataset; see FIT: https://www.flandersinvestmentandtrade.com" in lines
    assert "volgende ronde: geen in deze dataset; zie FIT: https://www.flandersinvestmentandtrade.com" in (
        run("about", "--lang", "nl", env=NEW_YEAR).out.splitlines()
    )
    assert not [line for line in run("about").out.splitlines() if line.startswith("next round")]
    info = run("about", "--json", env=NEW_YEAR).json()
    assert info["latest_round"] == "2022-2026" and info["rounds"][-1]["state"] == "ended"
    assert info["programme"]["agency"]["website"] == "https://www.flandersinvestmentandtrade.com"


def test_on_1_january_2027_the_partners_of_the_last_round_have_not_left():
    """Nobody leaves a round that no later round follows: the partners of 2022-2026 stay as
    they were, and those who left after 2017-2021 still say so."""
    records = {p["id"]: p for p in run("list", "--period", "all", "--json", env=NEW_YEAR).json()}
    assert records["voka"]["status"]["state"] == "active"
    assert records["flanders-healthtech"]["status"]["name"] == "Biovia"
    assert {pid for pid, p in records.items() if p["status"]["state"] == "left"} == {
        "b-hive",
        "euka",
        "flanders-cleantech-association",
        "startups-be",
    }
    assert [p["id"] for p in run("list", "--json", env=NEW_YEAR).json()] == [
        p["id"] for p in run("list", "--json").json()
    ]  # the round shown is still 2022-2026


def test_a_partner_not_in_the_next_round_has_left_once_it_starts(third):
    """With a third round (made up), the partners of 2022-2026 not in it have left after
    2022-2026 from its first day; those in it have not."""

    def state(pid: str, day: str) -> dict:
        return run("show", pid, "--data", third, "--json", env={"FITPARTNERS_TODAY": day}).json()["status"]

    assert state("bva", "2026-12-31")["state"] == "active"
    left = state("bva", "2027-01-01")
    assert (left["state"], left["round"], left["since"], left["text"]) == (
        "left",
        "2022-2026",
        "2027-01-01",
        "left the programme after 2022-2026",
    )
    assert state("voka", "2027-01-01")["state"] == "active"
    assert state("euka", "2027-01-01")["round"] == "2017-2021"


def test_following_mergers_ends_even_on_a_loop_the_validator_would_refuse(dataset):
    """A catalog made without the cross-record rules (the models only) on a file where Biovia
    merged back into flanders.bio: the status follows each record once, and stops."""
    biovia = partner(dataset, "biovia")
    biovia["events"] = [{**partner(dataset, "flanders-bio")["events"][0], "partner": "flanders-bio"}]
    catalog = Catalog(Dataset.model_validate_json(json.dumps(dataset)), dt.date(2026, 11, 28))
    status = catalog.status(catalog.by_id["flanders-bio"])
    assert [step.id for step in status.chain] == ["flanders-bio", "biovia"]
    assert catalog.status(catalog.by_id["biovia"]).chain[-1].id == "flanders-bio"
    # A list's status, from the ends of mergers found once for all records, says the same,
    # on the loop and on the records that lead into it (Medtech Flanders, MEDVIA).
    for p in catalog.all_partners:
        assert catalog.listed_status(p) == catalog.status(p).model_copy(update={"chain": None}), p.id
    medtech = catalog.listed_status(catalog.by_id["medtech-flanders"])
    assert (medtech.changes, medtech.partner) == (3, "flanders-bio")


def _merger_chain(dataset: dict[str, Any], length: int) -> Dataset:
    """The bundled dataset with Voka merged into a new record, that into the next, `length` times."""
    before = partner(dataset, "voka")
    for k in range(length):
        record = {**copy.deepcopy(partner(dataset, "biovia")), "id": f"chain-{k}", "name": f"Chain {k}"}
        record.update(
            aliases=[], events=[], notes=[], coverage=[], regions=[], sources={"name": ["gva-agoria"]}
        )
        record.update(full_name=None, former_names=[], type=None, domains=[], cross_sector=None, website=None)
        before["events"].append(merged_into(record["id"], "gva-agoria"))
        dataset["partners"].append(record)
        before = record
    return Dataset.model_validate_json(json.dumps(dataset))


def test_what_a_record_continues_walks_only_the_chains_that_end_at_it(dataset, monkeypatch):
    """A card asks which partners continue in its record. Found by the fuzzer (test_fuzz.py):
    the status of every merging record was made for it, each walking its whole chain, so
    showing Voka at the start of a chain of 1,500 mergers took 46 s, the square of the chain.
    Now only the records whose chain ends at it get a status, a list's (no chain walked)."""
    catalog = Catalog(_merger_chain(dataset, 200), today=dt.date.fromisoformat(TODAY))
    walked: list[tuple[str, str]] = []
    for name in ("status", "listed_status"):
        method = getattr(Catalog, name)

        def counted(self: Catalog, p: Any, method: Any = method, name: str = name) -> Any:
            walked.append((name, p.id))
            return method(self, p)

        monkeypatch.setattr(Catalog, name, counted)
    assert catalog.continued_by(partner_model(catalog, "voka")) == []
    assert walked == []
    assert catalog.continued_by(partner_model(catalog, "chain-0")) == []
    assert walked == []
    last = catalog.continued_by(partner_model(catalog, "chain-199"))
    assert walked == [("listed_status", p.id) for p, _ in last]
    assert [p.id for p, _ in last] == ["voka", *(f"chain-{k}" for k in range(199))]
    assert all(s.partner == "chain-199" and s.chain is None for _, s in last)
    assert [s.changes for _, s in last] == list(range(200, 0, -1))
    # Biovia still continues its three, each by its own chain.
    biovia = catalog.continued_by(partner_model(catalog, "biovia"))
    assert [s.text for _, s in biovia] == [HEALTHTECH_NOW, BIO_NOW, MEDTECH_NOW]


def partner_model(catalog: Catalog, pid: str) -> Any:
    return catalog.by_id[pid]
