"""Text output word for word: `about` in a pipe, the table cells of lists, events, notes,
statuses and bilingual values, with and without --labels, and search's "match" column.
Expected values come from the bundled data where they can."""

from __future__ import annotations

import csv
import io
import json

from conftest import DATA_FILE, partner, run

RAW = json.loads(DATA_FILE.read_text(encoding="utf-8"))


def about_lines(*args: str, env: dict[str, str | None] | None = None) -> dict[str, list[str]]:
    r = run("about", *args, env=env)
    assert r.code == 0, r.err
    lines: dict[str, list[str]] = {}
    for line in r.out.splitlines():
        key, value = line.split(": ", 1)
        lines.setdefault(key, []).append(value)
    return lines


def test_about_in_a_pipe_says_each_fact_on_its_line():
    about = about_lines()
    assert about["programme"] == ["structural partners of Flanders Investment & Trade"]
    assert about["agency"] == [
        "Flanders Investment & Trade (FIT), the Flemish agency for international business"
    ]
    assert about["strategy"] == ["Vlaanderen Versnelt! (Flanders Accelerates!)"]
    assert about["domains"] == [
        "life sciences & health; food; solution-driven engineering & technology; smart logistics; "
        "sustainable resources, materials & chemistry"
    ]
    assert about["today"] == ["2026-11-28"]
    first, second = about["round 2017-2021"][0], about["round 2022-2026"][0]
    assert first == (
        "2017-01-01 to 2021-12-31; ended; signed 2017-10-03 at Hotel Errera in Brussels; in the presence of "
        "Claire Tillekaerts, CEO of FIT, Geert Bourgeois, Minister-President of Flanders; 17 partners"
    )
    assert second.startswith("2022-01-01 to 2026-12-31; running; 34 days left; signed 2021-11-25 at ")
    assert second.endswith("; yearly budget EUR 1,000,000; 21 partners")
    # The rounds' notes follow their round, word for word.
    assert about["round 2017-2021"][1:] == [n["text"] for n in RAW["rounds"][0]["notes"]]
    event = RAW["programme"]["events"][0]
    assert about[f"agency {event['date']}"] == [event["text"]]
    assert about["types"] == [
        "sector federation 5, bilateral chamber of commerce 4, cluster 8, business network 2, "
        "entrepreneurs' organisation 1, employers' organisation 1"
    ]
    assert about["domain mapping"] == ["editorial (ours, from each partner's description): FIT assigns none"]


def test_about_in_dutch_uses_the_dutch_labels():
    about = about_lines("--lang", "nl")
    assert about["programme"] == ["structurele partners van Flanders Investment & Trade"]
    assert about["types"][0].startswith("sectorfederatie 5, bilaterale Kamer van Koophandel 4, cluster 8")
    assert about["domains"][0].startswith("lifesciences & health; food; ")


def test_about_without_a_known_signing_says_so(dataset, write_data):
    r = dataset["rounds"][1]
    r["signed_on"] = None
    r["signed_at"] = {"nl": None, "en": None}
    r["present_at_signing"] = []
    r["yearly_budget_eur"] = None
    r["partner_count"] = None
    about = about_lines("--data", write_data(dataset))
    assert about["round 2022-2026"][0] == "2022-01-01 to 2026-12-31; running; 34 days left; signed ? at ?"


def test_about_takes_the_other_language_for_an_unknown_place(dataset, write_data):
    dataset["rounds"][1]["signed_at"] = {"nl": "Errera-huis", "en": None}
    about = about_lines("--data", write_data(dataset))
    assert "; signed 2021-11-25 at Errera-huis; " in about["round 2022-2026"][0]


def rows(*args: str) -> dict[str, dict[str, str]]:
    r = run("list", "--period", "all", "--format", "csv", *args)
    assert r.code == 0, r.err
    return {row["id"]: row for row in csv.DictReader(io.StringIO(r.out))}


FIELDS = "id,domains,rounds,events,notes,status,full_name,cross_sector"


def test_cells_carry_ids_and_raw_values_without_labels():
    table = rows("--fields", FIELDS)
    agoria, bcecc = table["agoria"], table["bcecc"]
    assert agoria["domains"] == "engineering-technology"
    assert table["de-blauwe-cluster"]["domains"] == "sustainable-materials-chemistry; engineering-technology"
    assert agoria["rounds"] == "2017-2021; 2022-2026"
    assert agoria["cross_sector"] == "false" and bcecc["cross_sector"] == "true"
    assert bcecc["domains"] == ""  # no domains: a cross-sector partner
    assert agoria["status"] == "active"
    healthtech = partner(RAW, "flanders-healthtech")
    event = healthtech["events"][0]
    assert table["flanders-healthtech"]["events"] == f"{event['date']} {event['text']}"
    assert table["flanders-healthtech"]["status"] == f"now: MEDVIA (renamed {event['date']})"
    notes = [n["text"] for n in partner(RAW, "bcecc")["notes"]]
    assert len(notes) == 2 and bcecc["notes"] == "; ".join(notes)
    # Bilingual values: the English one, or the Dutch where no English is known.
    assert bcecc["full_name"] == partner(RAW, "bcecc")["full_name"]["en"]
    assert table["sim"]["full_name"] == partner(RAW, "sim")["full_name"]["nl"]
    assert table["agoria"]["full_name"] == ""


def test_cells_with_labels_speak_the_language():
    table = rows("--fields", FIELDS, "--labels")
    agoria, bcecc = table["agoria"], table["bcecc"]
    assert agoria["domains"] == "solution-driven engineering & technology"
    assert table["de-blauwe-cluster"]["domains"] == (
        "sustainable resources, materials & chemistry, solution-driven engineering & technology"
    )
    assert agoria["rounds"] == "2017-2021, 2022-2026"
    assert agoria["cross_sector"] == "no" and bcecc["cross_sector"] == "yes"
    assert bcecc["domains"] == "all sectors (cross-sector)"
    assert agoria["status"] == ""  # people see a change only
    assert table["flanders-healthtech"]["status"].startswith("now: MEDVIA")
    assert bcecc["notes"] == ", ".join(n["text"] for n in partner(RAW, "bcecc")["notes"])
    assert table["sim"]["full_name"] == partner(RAW, "sim")["full_name"]["nl"]  # no English one
    dutch = rows("--fields", FIELDS, "--labels", "--lang", "nl")
    assert dutch["bcecc"]["domains"] == "alle sectoren (sectoroverschrijdend)"
    assert dutch["sim"]["full_name"] == partner(RAW, "sim")["full_name"]["nl"]
    assert dutch["bcecc"]["full_name"] == partner(RAW, "bcecc")["full_name"]["en"]  # no Dutch one


def test_a_terminal_table_shows_short_domain_names_and_a_pipe_the_full_ones():
    terminal = run("list", "--fields", "id,domains", env={"TTY_COMPATIBLE": "1", "TERM": "dumb"}).out
    pipe = run("list", "--fields", "id,domains").out
    assert "de-blauwe-cluster      materials, tech\n" in terminal
    assert (
        "de-blauwe-cluster\tsustainable resources, materials & chemistry, "
        "solution-driven engineering & technology\n" in pipe
    )


def test_the_match_column_says_why():
    r = run("search", "food", "japan", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(r.out)))
    assert table[0]["id"] == "fevia-vlaanderen"
    assert table[0]["match"].startswith("food in domains")
    assert not table[0]["match"].endswith("(serves every sector)")
    general = [row for row in table if row["match"].endswith(" (serves every sector)")]
    assert general
    assert all(row["match"] == "food, japan in cross_sector (serves every sector)" for row in general)
    both = list(csv.DictReader(io.StringIO(run("search", "food", "vlaanderen", "--format", "csv").out)))
    assert both[0]["id"] == "fevia-vlaanderen"
    assert both[0]["match"] == "food, vlaanderen in name, domains, description_en, notes"


def test_the_match_column_for_people_names_fields_by_their_headings():
    def matches(*args: str) -> list[str]:
        lines = run("search", *args, "--fields", "id,match").out.splitlines()
        return [line.split("\t")[-1] for line in lines]

    assert matches("food", "japan") == [
        "food in domains, description, notes",
        "food, japan (serves every sector)",
        "food, japan (serves every sector)",
        "food, japan (serves every sector)",
    ]
    # Dutch headings; a description matched in both languages is named once.
    assert matches("chemie", "--lang", "nl")[0] == "chemie in domeinen, beschrijving"
    assert matches("food", "japan", "--lang", "nl")[1] == "food, japan (voor elke sector)"


def test_sources_in_a_cell_are_listed_by_field():
    table = rows("--fields", "id,sources")
    voka = partner(RAW, "voka")["sources"]
    expected = "; ".join(f"{field}: {', '.join(ids)}" for field, ids in voka.items())
    assert table["voka"]["sources"] == expected


def test_a_nested_object_in_a_cell_is_key_value_pairs():
    r = run("history", "--format", "csv", "--fields", "from_round,counts")
    steps = list(csv.DictReader(io.StringIO(r.out)))
    assert steps[0]["counts"] == "before: 17; after: 21; continued: 13; joined: 8; left: 4"


def test_a_bilingual_value_with_neither_side_known_is_empty(dataset, write_data):
    partner(dataset, "sim")["full_name"] = {"nl": None, "en": None}
    path = write_data(dataset)
    for labels in ([], ["--labels"]):
        r = run("list", "--format", "csv", "--fields", "id,full_name", "--data", path, *labels)
        table = {row["id"]: row for row in csv.DictReader(io.StringIO(r.out))}
        assert table["sim"]["full_name"] == ""


def test_list_json_is_indented_in_a_terminal_and_one_line_in_a_pipe():
    terminal = run("list", "--json", env={"TTY_COMPATIBLE": "1", "TERM": "dumb"}).out
    assert terminal.startswith('[\n  {\n    "id": "agoria",')
    for args in ([], ["--fields", "id,name"]):
        pipe = run("list", "--json", *args).out
        assert pipe.count("\n") == 1 and pipe.startswith('[{"id":"agoria",'), args
