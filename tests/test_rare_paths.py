"""Rarer paths, each pinned by what a user sees: the exact message of a rare failure, an
empty output, an option combined with a format. (Mutation testing found them unpinned.)"""

from __future__ import annotations

import json

import pytest

from conftest import DATA_FILE, TERMINAL, partner, run
from fitpartners.catalog import Catalog
from fitpartners.models import Dataset
from fitpartners.results import State

# -- formats and options -----------------------------------------------------------------------


def test_jsonl_keeps_only_the_fields_asked_for():
    r = run("list", "--format", "jsonl", "--fields", "id,name")
    lines = [json.loads(line) for line in r.out.splitlines()]
    assert r.code == 0 and len(lines) == 21
    assert lines[0] == {"id": "agoria", "name": "Agoria"}
    assert all(list(line) == ["id", "name"] for line in lines)


def test_an_empty_plain_table_without_headers_prints_nothing():
    r = run("list", "--domain", "food", "--country", "japan", "--format", "table", "--no-headers")
    assert (r.code, r.out) == (0, "")


def test_a_jq_error_at_run_time_names_jq():
    r = run("list", "--json", "--jq", '.[0].name | error("boom")')
    assert (r.code, r.out, r.err) == (2, "", "fitpartners: --jq: boom\n")


def test_an_unknown_period_names_the_option_and_the_periods():
    r = run("list", "--period", "1999")
    assert (r.code, r.err) == (
        2,
        "fitpartners: invalid value for --period: '1999' (valid: 2017-2021, 2022-2026, all)\n",
    )


@pytest.mark.parametrize("command", ["domains", "matrix"])
def test_overviews_follow_the_period(command):
    def ids(period: str | None) -> set[str]:
        args = [command, "--json"] + (["--period", period] if period else [])
        rows = run(*args).json()
        if command == "domains":
            return {pid for row in rows for pid in row["partners"]}
        return {row["id"] for row in rows}

    earlier, now = ids("2017-2021"), ids(None)
    assert ids("2022-2026") == now
    assert now - earlier  # the 2022 round has partners that the 2017 round had not
    assert ids("all") == earlier | now


def test_a_country_without_a_chamber_suggests_the_partners_for_every_sector_and_country():
    r = run("list", "--country", "japan")
    assert (r.code, r.out) == (0, "")
    assert r.err == (
        "fitpartners: no bilateral chamber for Japan; the cross-sector partners may help: "
        "UNIZO Internationaal, VKW Limburg, Voka\n"
    )


# -- messages of rare failures ----------------------------------------------------------------


def test_one_problem_is_reported_without_a_count(dataset, write_data):
    dataset["partners"][0]["colour"] = "blue"
    path = write_data(dataset)
    assert run("list", "--data", path).err == (
        f"fitpartners: {path}: invalid dataset: partners[0] (agoria).colour: Extra inputs are not "
        "permitted; run 'fitpartners validate' for all\n"
    )


def test_more_problems_are_counted(dataset, write_data):
    dataset["partners"][0]["colour"] = "blue"
    dataset["partners"][1]["size"] = "large"
    path = write_data(dataset)
    assert run("list", "--data", path).err == (
        f"fitpartners: {path}: invalid dataset: partners[0] (agoria).colour: Extra inputs are not "
        "permitted (and 1 more); run 'fitpartners validate' for all\n"
    )


def test_a_file_that_is_no_object_is_a_problem_at_the_top_level(write_data):
    path = write_data([])
    r = run("validate", path)
    assert (r.code, r.out) == (1, f"{path}: (top level): Input should be an object\n")


@pytest.mark.parametrize(
    ("where", "value", "expected"),
    [
        (("rounds", 0, "starts_on"), "soon", "rounds[0] (2017-2021).starts_on: Input should be a valid date"),
        (("sources", 1, "url"), "http://example.com", "sources[1] (editorial).url: String should match"),
    ],
)
def test_rounds_and_sources_are_named_by_their_id(dataset, write_data, where, value, expected):
    kind, index, field = where
    dataset[kind][index][field] = value
    path = write_data(dataset)
    assert run("validate", path).out.startswith(f"{path}: {expected}")


def test_a_partner_that_is_no_object_leaves_the_others_checked(dataset, write_data):
    dataset["partners"][2] = "not a partner"
    partner(dataset, "agoria")["aliases"] = ["Voka"]
    partner(dataset, "agoria")["sources"]["aliases"] = ["press-release-2021-11-26"]
    path = write_data(dataset)
    r = run("validate", path)
    assert r.code == 1
    assert r.out.splitlines()[:2] == [
        f"{path}: partners[2]: Input should be an object",
        f"{path}: partners[20] (voka): the name 'voka' also names partners[0] (agoria)",
    ]


def test_a_reference_to_a_partner_not_in_the_file_is_reported_next_to_an_invalid_one(dataset, write_data):
    dataset["partners"][2]["colour"] = "blue"
    partner(dataset, "agoria")["events"] = [
        {
            "date": "2023-01",
            "kind": "merged",
            "text": "joined another body",
            "new_name": None,
            "partner": "nobody",
            "sources": ["press-release-2021-11-26"],
        }
    ]
    path = write_data(dataset)
    assert run("validate", path).out.splitlines() == [
        f"{path}: partners[2] (bva).colour: Extra inputs are not permitted",
        f"{path}: partners[0] (agoria).events[0].partner: unknown partner 'nobody'",
    ]


def test_stdin_over_the_size_cap_is_named_stdin():
    r = run("list", "--data", "-", env={"FITPARTNERS_MAX_BYTES": "100"}, input=DATA_FILE.read_bytes())
    assert r.code == 1
    assert r.err == "fitpartners: <stdin>: more than 100 bytes (set FITPARTNERS_MAX_BYTES to raise it)\n"


def test_a_size_cap_of_one_byte_is_a_cap():
    r = run("list", env={"FITPARTNERS_MAX_BYTES": "1"})
    assert r.code == 1
    assert r.err.endswith(", over the limit of 1 (set FITPARTNERS_MAX_BYTES to raise it)\n")


def test_a_file_name_with_a_nul_byte_says_so():
    r = run("list", "--data", "a\x00b.json")
    assert (r.code, r.err) == (1, "fitpartners: 'a\\x00b.json': not a usable file name\n")


def test_the_note_that_the_round_ended_word_for_word():
    r = run("list", env={**TERMINAL, "FITPARTNERS_TODAY": "2027-01-05"})
    assert r.err == (
        "fitpartners: note: the 2022-2026 round ended on 2026-12-31; "
        "no later round is in this dataset (--quiet hides this note)\n"
    )


# -- status and search --------------------------------------------------------------------------


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


def test_search_scores_have_three_decimals():
    scores = [
        hit["match"]["score"]
        for query in (["health", "tech"], ["chemie"], ["kamer", "van", "koophandel"], ["food", "japan"])
        for hit in run("search", *query, "--json").json()
    ]
    assert all(round(s, 3) == s for s in scores)
    assert any(round(s, 2) != s for s in scores)  # the third decimal is kept, not only two


def test_about_prints_each_source_on_one_line_in_a_pipe():
    lines = run("about").out.splitlines()
    voka = next(line for line in lines if line.startswith("source: Voka, "))
    assert voka == (
        "source: Voka, 2021-11-26, FIT breekt samen met Voka een lans voor meer internationalisering, groei "
        "en welvaart, https://voka.be/nieuws/fit-breekt-samen-met-voka-een-lans-voor-meer-"
        "internationalisering-groei-en-welvaart"
    )


# -- cells, locations, periods (found by a second run of mutation testing) ------------------------


def test_domain_labels_follow_the_language():
    def domains(lang: str) -> str:
        r = run("list", "--lang", lang, "--labels", "--format", "csv", "--fields", "id,domains")
        return next(line for line in r.out.splitlines() if line.startswith("flanders-bio,"))

    assert domains("nl") == "flanders-bio,lifesciences & health"
    assert domains("en") == "flanders-bio,life sciences & health"


def test_a_fact_with_two_sources_lists_both_in_its_cell():
    r = run("list", "--format", "csv", "--fields", "id,sources")
    vckk = next(line for line in r.out.splitlines() if line.startswith("vckk,"))
    assert "website: flanders-china-home, flanders-china-vandeputte" in vckk


def test_a_round_inside_a_partner_is_not_named_as_a_round_of_the_dataset(dataset, write_data):
    partner(dataset, "voka")["rounds"][0]["round"] = 2022
    path = write_data(dataset)
    assert (
        run("validate", path).out
        == f"{path}: partners[20] (voka).rounds[0].round: Input should be a valid string\n"
    )


def test_the_partners_for_a_country_without_a_chamber_follow_the_period(dataset, write_data):
    voka = partner(dataset, "voka")
    voka["rounds"] = [m for m in voka["rounds"] if m["round"] == "2022-2026"]
    path = write_data(dataset)
    earlier = run("list", "--data", path, "--country", "japan", "--period", "2017-2021")
    now = run("list", "--data", path, "--country", "japan")
    assert earlier.err.endswith("may help: UNIZO Internationaal, VKW Limburg\n")
    assert now.err.endswith("may help: UNIZO Internationaal, VKW Limburg, Voka\n")
