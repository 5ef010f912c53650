"""Every fact is sourced to the page that states it: provenance rules and the corrections
of verified-facts.md (tests/sources/ holds the copy these tests read)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from conftest import DATA_FILE
from fitpartners.models import EDITORIAL_FIELDS, FACT_FIELDS, Dataset, cross_check
from fitpartners.vocabulary import EDITORIAL_SOURCE


def problems_of(raw: dict[str, Any]) -> list[str]:
    return cross_check(Dataset.model_validate_json(json.dumps(raw)))


def test_the_bundled_dataset_breaks_no_rule(raw):
    assert problems_of(raw) == []


def test_every_fact_names_a_source_and_editorial_fields_say_so(raw):
    for p in raw["partners"]:
        for field in FACT_FIELDS:
            if p[field] in (None, []):
                continue
            assert p["sources"].get(field), (p["id"], field)
            if field in EDITORIAL_FIELDS:
                assert EDITORIAL_SOURCE in p["sources"][field], (p["id"], field)


def test_a_fact_without_a_source_is_refused(dataset):
    del dataset["partners"][0]["sources"]["name"]
    assert any("no source for 'name'" in p for p in problems_of(dataset))


def test_no_fact_but_a_website_cites_a_home_page(raw):
    home = {s["id"] for s in raw["sources"] if s["url"] and s["url"].count("/") == 2}
    assert home, "the websites' own home pages are sources"
    for p in raw["partners"]:
        for field, ids in p["sources"].items():
            if field != "website":
                assert not home & set(ids), (p["id"], field)
        for item in [*p["notes"], *p["events"], *p["rounds"]]:
            assert not home & set(item["sources"]), p["id"]


def test_a_home_page_cited_for_a_fact_is_refused(dataset):
    home = next(s["id"] for s in dataset["sources"] if s["url"] and s["url"].count("/") == 2)
    dataset["partners"][0]["sources"]["name"] = [home]
    assert any("is a home page" in p for p in problems_of(dataset))


# Sources whose stored copy shows no title of its own (re-read 2026-11-28): the title
# stays null rather than one of ours. Each still gives its full address.
UNTITLED = 18


def test_every_source_has_a_title_an_address_and_a_language(raw):
    titles = [s["title"] for s in raw["sources"]]
    assert titles.count(None) == UNTITLED  # a new source must come with its page's title
    for s in raw["sources"]:
        assert s["title"] is None or (s["title"].strip() and s["title"] not in ("TODO", "MISSING")), s["id"]
        assert s["language"] in ("nl", "en", "fr"), s["id"]
        if s["id"] != EDITORIAL_SOURCE:
            assert s["url"].startswith("https://"), s["id"]


def test_every_source_is_cited(raw):
    cited = set(json.dumps({k: v for k, v in raw.items() if k != "sources"}).split('"'))
    assert [s["id"] for s in raw["sources"] if s["id"] not in cited] == []


def by_id(raw):
    return {p["id"]: p for p in raw["partners"]}


WRONG = [
    "ABV",
    "Flam3D",
    "Zwijnaarde",
    "professional association",
    "Verbond van Kristelijke",
    "9 Nov",
    "1948",
]


@pytest.mark.parametrize("text", WRONG)
def test_none_of_the_corrected_errors_is_left(raw, text):
    partners = json.dumps(raw["partners"], ensure_ascii=False)
    if text == "Flam3D":  # a division of SIM, named in a note, never a name of SIM
        assert "Flam3D" not in json.dumps(by_id(raw)["sim"]["aliases"])
        return
    assert text not in partners


def test_vil_has_no_unsourced_seat(raw):
    vil = by_id(raw)["vil"]
    assert "Antwerp" not in json.dumps(vil)


def test_the_corrections_are_there(raw):
    p = by_id(raw)
    assert "trade association" in p["fedustria"]["description"]["en"]
    assert "Flanders-China Chamber of Commerce" in p["vckk"]["description"]["en"]
    assert "Alliance Belgique-Vietnam" in p["bva"]["aliases"]
    assert "Flam3D is a division of SIM" in json.dumps(p["sim"]["notes"])
    assert p["agoria"]["former_names"] == ["Fabrimétal"]
    merged = p["medtech-flanders"]["events"]
    assert [(e["date"], e["kind"], e["partner"]) for e in merged] == [
        ("2022-12-13", "merged", "flanders-healthtech")
    ]
    rounds = {r["id"]: r for r in raw["rounds"]}
    assert "Errera" in rounds["2017-2021"]["signed_at"]["en"]
    people = " ".join(rounds["2017-2021"]["present_at_signing"])
    assert "Tillekaerts" in people and "Bourgeois" in people
    assert rounds["2022-2026"]["ends_on"] == "2026-12-31"
    assert "Joy Donné" in raw["programme"]["events"][0]["text"]


def test_the_wrong_alias_would_be_caught(raw):
    planted = copy.deepcopy(raw)
    planted["partners"][2]["aliases"].append("ABV")
    with pytest.raises(AssertionError):
        test_none_of_the_corrected_errors_is_left(planted, "ABV")


def test_the_bundled_file_is_the_one_these_tests_read(raw):
    assert json.loads(DATA_FILE.read_text(encoding="utf-8")) == raw


def test_a_duplicate_source_or_round_is_refused(dataset):
    dataset["sources"].append(dict(dataset["sources"][0]))
    dataset["rounds"].append(dict(dataset["rounds"][0]))
    found = problems_of(dataset)
    assert f"sources: duplicate id {dataset['sources'][0]['id']!r}" in found
    assert f"rounds: duplicate id {dataset['rounds'][0]['id']!r}" in found


def test_a_partner_of_the_latest_round_needs_number_type_and_cross_sector(dataset):
    voka = dataset["partners"][20]
    voka["number"] = None
    voka["type"] = None
    voka["cross_sector"] = None
    voka["sources"] = {
        k: v for k, v in voka["sources"].items() if k not in ("number", "type", "cross_sector")
    }
    found = problems_of(dataset)
    for field in ("number", "type", "cross_sector"):
        assert f"partners[20] (voka).{field}: required for a partner of the latest round" in found
    # A partner of an earlier round only may lack them.
    assert not [p for p in problems_of(dataset) if "partners[21]" in p]


def test_a_rename_needs_the_new_name_and_a_merger_the_partner(dataset):
    dataset["partners"][9]["events"][0]["new_name"] = None
    dataset["partners"][13]["events"][0]["partner"] = None
    found = problems_of(dataset)
    assert "partners[9] (flanders-healthtech).events[0].new_name: a rename needs the new name" in found
    assert "partners[13] (medtech-flanders).events[0].partner: a merged event names the partner" in found
