"""Search, the overviews, the programme, and the history between rounds."""

from __future__ import annotations

import pytest

from conftest import TERMINAL, run


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("chemie", "essenscia Vlaanderen"),
        ("games", "FLEGA"),
        ("internet of things", "The Beacon"),
        ("Internet-of-Things", "The Beacon"),
        ("energie", "Flux50"),
        ("chimie", None),
        ("medvia", "flanders.healthTech"),  # a later name
    ],
)
def test_search_finds_by_words_of_names_and_descriptions(text, first):
    r = run("search", text, "--json")
    assert r.code == 0
    found = [p["name"] for p in r.json()]
    assert (found[0] if found else None) == first


def test_search_ignores_case_and_accents_and_ranks_names_first():
    found = [p["name"] for p in run("search", "FLANDERS", "--json").json()]
    # Name hits (flanders.healthTech, flanders.bio, Medtech Flanders) before the
    # description and alias hits.
    assert set(found[:3]) == {"flanders.healthTech", "flanders.bio", "Medtech Flanders"}
    assert [p["name"] for p in run("search", "artificiele", "--json").json()] == ["The Beacon"]


def test_search_without_a_hit_is_empty_with_a_hint_for_people():
    r = run("search", "quantum", "--json")
    assert r.code == 0 and r.out == "[]\n"
    r = run("search", "quantum", env=TERMINAL)
    assert r.code == 0 and r.out == ""
    assert r.err == "fitpartners: no partner matches 'quantum'\n"


def test_domains_overview_counts():
    rows = {r["id"]: r for r in run("domains", "--json").json()}
    assert rows["food"]["partners"] == ["fevia-vlaanderen"] and rows["food"]["count"] == 1
    assert rows["smart-logistics"]["partners"] == ["vil"]
    assert rows["cross-sector"]["count"] == 7
    assert rows["life-sciences-health"]["label"]["en"] == "life sciences & health"


def test_types_overview_counts():
    rows = {r["id"]: r["count"] for r in run("types", "--json").json()}
    assert rows == {
        "sector-federation": 5,
        "cluster": 8,
        "bilateral-chamber": 4,
        "business-network": 2,
        "entrepreneurs-organisation": 1,
        "employers-organisation": 1,
    }
    assert sum(rows.values()) == 21
    everyone = {r["id"]: r["count"] for r in run("types", "--period", "all", "--json").json()}
    assert everyone[None] == 4  # the four of 2017-2021 whose type no source gives


def test_matrix_marks_and_sets_cross_sector_apart():
    rows = run("matrix", "--json").json()
    assert len(rows) == 21
    fevia = next(r for r in rows if r["id"] == "fevia-vlaanderen")
    assert fevia["food"] is True and fevia["smart_logistics"] is False
    flags = [r["cross_sector"] for r in rows]
    assert flags == sorted(flags)  # the cross-sector partners come last
    table = run("matrix", env=TERMINAL).out
    assert "editorial" in table and "Voka" in table


def test_about_the_programme():
    info = run("about", "--json").json()
    assert info["programme"]["strategy"] == {"nl": "Vlaanderen Versnelt!", "en": "Flanders Accelerates!"}
    assert info["latest_round"] == "2022-2026"
    assert [r["id"] for r in info["rounds"]] == ["2017-2021", "2022-2026"]
    assert sum(t["count"] for t in info["partners_per_type"]) == 21
    assert all(s["url"] or s["id"] == "editorial" for s in info["sources"])
    # Every source id cited anywhere resolves in about --json, and a partner's resolved
    # sources are those of about --json.
    known = {s["id"]: s for s in info["sources"]}
    cited = [*info["programme"]["sources"], *(sid for r in info["rounds"] for sid in r["sources"])]
    assert set(cited) <= set(known)
    for p in run("list", "--period", "all", "--json").json():
        for sources in p["sources"].values():
            for s in sources:
                assert {k: known[s["id"]][k] for k in s} == s
    text = run("about", env=TERMINAL).out
    for fact in ("2021-11-25", "Errera House, Brussels", "2022-01-01", "EUR 1,000,000", "voka.be/nieuws"):
        assert fact in text, fact
    assert "Errerahuis, Brussel" in run("about", "--lang", "nl", env=TERMINAL).out


def test_history_between_rounds():
    [step] = run("history", "--json").json()
    assert (step["from_round"], step["to_round"]) == ("2017-2021", "2022-2026")
    assert step["counts"] == {"before": 17, "after": 21, "continued": 13, "joined": 8, "left": 4}
    assert step["left"] == ["flanders-cleantech-association", "b-hive", "euka", "startups-be"]
    assert "medtech-flanders" in step["joined"]


@pytest.mark.parametrize(("period", "count"), [("2017-2021", 17), ("2022-2026", 21), ("all", 25)])
def test_list_by_period(period, count):
    partners = run("list", "--period", period, "--json").json()
    assert len(partners) == count
    for p in partners:
        rounds = {m["round"] for m in p["rounds"]}
        assert period == "all" or period in rounds


def test_partners_of_the_previous_round_only_have_no_invented_facts():
    r = run("show", "Euka", "--json")
    assert r.code == 0
    euka = r.json()
    assert euka["type"] is None and euka["domains"] == [] and euka["rounds"][0]["round"] == "2017-2021"
    card = run("show", "Euka", env=TERMINAL).out
    assert "not in the sources" in card and "not verified" in card


def test_show_medvia_finds_flanders_healthtech_and_says_why():
    r = run("show", "MEDVIA", "--json")
    assert r.code == 0
    assert r.json()["id"] == "flanders-healthtech"
    assert r.err == ""  # a script reads the status in the record
    r = run("show", "MEDVIA", env=TERMINAL)
    assert "#10 flanders.healthTech" in r.out
    assert "renamed MEDVIA on 2022-05-17" in r.err and r.err.count("\n") == 1
    card = run("show", "medtech flanders", env=TERMINAL).out
    assert "2022-12-13" in card and "Became part of MEDVIA" in card and "flanders.healthTech)" in card
