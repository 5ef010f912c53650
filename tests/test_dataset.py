"""The bundled dataset against its sources and its schema. Websites and source pages are
checked against verified-facts.md in test_sources.py."""

from __future__ import annotations

import re
from typing import Any

from conftest import DATA_FILE, SOURCES
from fitpartners import loader, models
from fitpartners.labels import DOMAIN_LABELS, EDITORIAL_SOURCE, TYPE_LABELS
from fitpartners.models import EDITORIAL_FIELDS, FACT_FIELDS, PARTNER_FIELDS

CURRENT = "2022-2026"
PREVIOUS = "2017-2021"


def press_release_list() -> dict[int, str]:
    """The numbered list of the press release: number -> the line as printed."""
    text = (SOURCES / "press-release-2021-11-26.txt").read_text(encoding="utf-8")
    return {int(m.group(1)): m.group(2).strip() for m in re.finditer(r"(?m)^(\d+)\.\s+(.+)$", text)}


def current(raw: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in raw["partners"] if any(m["round"] == CURRENT for m in p["rounds"])]


def test_the_bundled_dataset_is_valid_and_canonical(raw):
    dataset, problems = loader.problems(DATA_FILE.read_bytes())
    assert problems == []
    assert dataset is not None
    # Every key present, in the models' order: what the JSON writers print as is.
    assert dataset.model_dump(mode="json") == raw
    for p in raw["partners"]:
        assert list(p) == list(PARTNER_FIELDS)


def test_schema_enums_match_the_vocabulary():
    assert [t.value for t in models.PartnerType] == list(TYPE_LABELS)
    assert [d.value for d in models.Domain] == list(DOMAIN_LABELS)
    assert list(models.Partner.model_fields) == list(PARTNER_FIELDS)


def test_21_partners_in_the_order_and_numbering_of_the_press_release(raw):
    listed = press_release_list()
    assert sorted(listed) == list(range(1, 22))
    partners = current(raw)
    assert [p["number"] for p in partners] == list(range(1, 22))
    for p in partners:
        line = listed[p["number"]]
        # The name as the organisation writes it, where the source's line has it; lines
        # 17 and 18 put the kind of organisation before the name.
        assert p["name"] in line, (p["name"], line)
        membership = next(m for m in p["rounds"] if m["round"] == CURRENT)
        assert membership["listed_as"] == line


def test_names_exactly_as_the_organisations_write_them(raw):
    names = [p["name"] for p in current(raw)]
    for name in (
        "essenscia Vlaanderen",
        "flanders.healthTech",
        "UNIZO Internationaal",
        "VKW Limburg",
        "flanders.bio",
        "The Beacon",
        "Medtech Flanders",
    ):
        assert name in names


def test_dutch_descriptions_are_the_source_words(raw):
    listed = press_release_list()
    for p in current(raw):
        line = listed[p["number"]]
        nl = p["description"]["nl"]
        if line.startswith(p["name"]):
            assert line == f"{p['name']}, {nl}"
        else:  # "ondernemersorganisatie UNIZO Internationaal"
            assert line == f"{nl} {p['name']}"
        assert p["description"]["en"]


def test_full_names_spell_out_the_acronyms_of_the_source(raw):
    by_id = {p["id"]: p for p in raw["partners"]}

    def full(pid: str) -> set[str | None]:
        return set(by_id[pid]["full_name"].values())

    assert "Belgian-Chinese Economic & Commercial Council" in full("bcecc")
    assert "Belgo-Indian Chamber of Commerce & Industry" in full("bicci")
    assert "Vlaams-Chinese Kamer van Koophandel" in full("vckk")
    assert by_id["voka"]["full_name"] is None


def test_types_and_spearhead_clusters_follow_the_source(raw):
    by_id = {p["id"]: p for p in current(raw)}
    spearheads = {pid for pid, p in by_id.items() if p["spearhead_cluster"]}
    # The five lines that say "speerpuntcluster".
    listed = press_release_list()
    expected = {p["id"] for p in by_id.values() if "speerpuntcluster" in listed[p["number"]]}
    assert spearheads == expected and len(spearheads) == 5
    assert {pid for pid, p in by_id.items() if p["type"] == "bilateral-chamber"} == {
        "bcecc",
        "bva",
        "bicci",
        "vckk",
    }
    assert by_id["unizo-internationaal"]["type"] == "entrepreneurs-organisation"
    assert by_id["vkw-limburg"]["type"] == "employers-organisation"
    assert by_id["the-beacon"]["type"] == "business-network"


def test_cross_sector_partners_carry_no_domains(raw):
    cross = {p["id"] for p in current(raw) if p["cross_sector"]}
    assert cross == {"bcecc", "bva", "bicci", "vckk", "voka", "unizo-internationaal", "vkw-limburg"}
    for p in current(raw):
        assert bool(p["domains"]) != bool(p["cross_sector"]), p["id"]


def test_countries_of_the_bilateral_chambers(raw):
    countries = {p["id"]: p["country"] for p in current(raw) if p["country"]}
    assert countries == {"bcecc": "CN", "bva": "VN", "bicci": "IN", "vckk": "CN"}


def test_programme_facts(raw):
    prog = raw["programme"]
    assert prog["strategy"]["nl"] == "Vlaanderen Versnelt!"
    assert prog["agency"]["name"] == "Flanders Investment & Trade"
    now = next(r for r in raw["rounds"] if r["id"] == CURRENT)
    assert (now["starts_on"], now["ends_on"]) == ("2022-01-01", "2026-12-31")
    assert now["signed_on"] == "2021-11-25"
    assert now["signed_at"]["nl"] == "Errerahuis, Brussel"
    assert now["yearly_budget_eur"] == 1_000_000
    assert now["partner_count"] == len(current(raw)) == 21


def test_every_fact_names_its_source_and_editorial_fields_say_so(raw):
    source_ids = {s["id"] for s in raw["sources"]}
    for p in raw["partners"]:
        for field in FACT_FIELDS:
            value = p[field]
            if value is None or value == []:
                continue
            assert p["sources"].get(field), f"{p['id']}.{field} has no source"
            assert set(p["sources"][field]) <= source_ids
        for field in EDITORIAL_FIELDS:
            if p[field] not in (None, []):
                assert EDITORIAL_SOURCE in p["sources"][field]
        for record in (*p["rounds"], *p["events"], *p["notes"]):
            assert record["sources"] and set(record["sources"]) <= source_ids
    for record in (raw["programme"], *raw["programme"]["events"], *raw["rounds"]):
        assert record["sources"] and set(record["sources"]) <= source_ids
    for r in raw["rounds"]:
        for note in r["notes"]:
            assert note["sources"] and set(note["sources"]) <= source_ids
    for s in raw["sources"]:
        assert s["url"] or s["id"] == EDITORIAL_SOURCE


def test_the_previous_round_from_the_verified_facts(raw):
    old = [p for p in raw["partners"] if any(m["round"] == PREVIOUS for m in p["rounds"])]
    assert len(old) == 17
    left = [p for p in old if not any(m["round"] == CURRENT for m in p["rounds"])]
    assert sorted(p["name"] for p in left) == [
        "B-Hive",
        "Euka",
        "Flanders Cleantech Association",
        "Startups.be",
    ]
    for p in left:  # nothing invented for them
        assert p["type"] is None and p["domains"] == [] and p["cross_sector"] is None
        assert p["description"] is None and p["website"] is None and p["number"] is None
    continued = {p["id"] for p in old} - {p["id"] for p in left}
    assert continued == {
        "agoria",
        "bicci",
        "bcecc",
        "dsp-valley",
        "essenscia-vlaanderen",
        "fevia-vlaanderen",
        "fedustria",
        "vckk",
        "vil",
        "flanders-bio",
        "voka",
        "unizo-internationaal",
        "vkw-limburg",
    }
    previous = next(r for r in raw["rounds"] if r["id"] == PREVIOUS)
    assert previous["signed_on"] == "2017-10-03" and previous["partner_count"] == 17


def test_later_changes_are_dated_events_with_sources(raw):
    by_id = {p["id"]: p for p in raw["partners"]}
    renamed = by_id["flanders-healthtech"]["events"]
    assert [(e["date"], e["kind"], e["new_name"]) for e in renamed] == [("2022-05-17", "renamed", "MEDVIA")]
    moved = by_id["medtech-flanders"]["events"]
    assert [(e["date"], e["kind"], e["partner"]) for e in moved] == [
        ("2022-12-13", "merged", "flanders-healthtech")
    ]
