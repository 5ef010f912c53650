"""The overview commands: `domains`, `types` and `matrix` (partners counted and marked by
domain and type, following --period), `history` (who continued, joined and left between
rounds) and `about` (the programme, its rounds and sources, the changes at the head of the
agency), as JSON, in a terminal, and in a pipe word for word in both languages. The rounds'
dates and days left are in test_rounds.py."""

from __future__ import annotations

import json
import re

import pytest

from conftest import DATA_FILE, TERMINAL, run

RAW = json.loads(DATA_FILE.read_text(encoding="utf-8"))


# -- domains, types, matrix --------------------------------------------------------------------


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


def test_matrix_rows_go_by_number_whatever_the_files_order(dataset, write_data):
    """Partners with domains by number, then those without a number (earlier rounds only),
    then the cross-sector partners by number: the order of the file does not count."""
    dataset["partners"].reverse()
    rows = run("matrix", "--period", "all", "--json", "--data", write_data(dataset)).json()
    assert [r["number"] for r in rows] == [
        1, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20,
        None, None, None, None,
        2, 3, 4, 17, 18, 19, 21,
    ]  # fmt: skip
    assert [r["cross_sector"] for r in rows[14:18]] == [None] * 4


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


# -- history -----------------------------------------------------------------------------------


def test_history_between_rounds():
    [step] = run("history", "--json").json()
    assert (step["from_round"], step["to_round"]) == ("2017-2021", "2022-2026")
    assert step["counts"] == {"before": 17, "after": 21, "continued": 13, "joined": 8, "left": 4}
    assert step["left"] == ["flanders-cleantech-association", "b-hive", "euka", "startups-be"]
    assert "medtech-flanders" in step["joined"]


# -- about -------------------------------------------------------------------------------------


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
    text = run("about", "--full", env=TERMINAL).out
    for fact in ("2021-11-25", "Errera House, Brussels", "2022-01-01", "EUR 1,000,000", "voka.be/nieuws"):
        assert fact in text, fact
    summary = run("about", env=TERMINAL).out
    assert "voka.be/nieuws" not in summary and len(summary.splitlines()) <= 24  # a screen at 80 columns
    assert f"{len(info['sources'])} sources, " in summary and "fitpartners about --full" in summary
    assert "Errerahuis, Brussel" in run("about", "--lang", "nl", env=TERMINAL).out


def test_about_has_the_changes_at_the_head_of_the_agency():
    info = run("about", "--json").json()
    events = info["programme"]["events"]
    assert events, "the agency's CEO changes"
    assert any("CEO" in e["text"]["en"] and "gedelegeerd bestuurder" in e["text"]["nl"] for e in events)
    known = {s["id"] for s in info["sources"]}
    for e in events:
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", e["date"]) and set(e["sources"]) <= known
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    text = run("about", "--full").out
    for e in events:
        assert f"agency {e['date']}: {said(e)}" in text.splitlines()
        assert e["date"] not in run("about").out  # the summary leaves them to --full
    dutch = run("about", "--full", "--lang", "nl").out
    for e in events:
        assert f"agentschap {e['date']}: {said(e, 'nl')}" in dutch.splitlines()


def said(told: dict, lang: str = "en") -> str:
    """A note or event as about prints it: its text, marked where it is our translation."""
    mark = {"en": " (our translation)", "nl": " (onze vertaling)"}[lang] if lang in told["translated"] else ""
    return told["text"][lang] + mark


def about_lines(*args: str, env: dict[str, str | None] | None = None) -> dict[str, list[str]]:
    r = run("about", *args, env=env)
    assert r.code == 0, r.err
    lines: dict[str, list[str]] = {}
    for line in r.out.splitlines():
        key, value = line.split(": ", 1)
        lines.setdefault(key, []).append(value)
    return lines


def test_about_in_a_pipe_says_each_fact_on_its_line():
    about = about_lines("--full")
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
    assert about["round 2017-2021"][1:] == [said(n) for n in RAW["rounds"][0]["notes"]]
    event = RAW["programme"]["events"][0]
    assert about[f"agency {event['date']}"] == [said(event)]
    assert about["types"] == [
        "sector federation 5, bilateral chamber of commerce 4, cluster 8, business network 2, "
        "entrepreneurs' organisation 1, employers' organisation 1"
    ]
    assert about["domain mapping"] == ["editorial (ours, from each partner's description): FIT assigns none"]


def test_about_in_dutch_uses_the_dutch_labels():
    about = about_lines("--lang", "nl")
    assert about["programma"] == ["structurele partners van Flanders Investment & Trade"]
    assert about["types"][0].startswith("sectorfederatie 5, bilaterale kamer van koophandel 4, cluster 8")
    assert about["domeinen"][0].startswith("lifesciences & health; food; ")
    assert about["ronde 2022-2026"][0].startswith(
        "2022-01-01 tot 2026-12-31; loopt; nog 34 dagen; ondertekend op "
    )
    assert "; jaarbudget EUR 1.000.000; 21 partners" in about["ronde 2022-2026"][0]


def test_about_without_a_known_signing_says_so(dataset, write_data):
    r = dataset["rounds"][1]
    r["signed_on"] = None
    r["signed_at"] = {"nl": None, "en": None}
    r["present_at_signing"] = []
    r["yearly_budget_eur"] = None
    r["partner_count"] = None
    about = about_lines("--data", write_data(dataset))
    assert about["round 2022-2026"][0] == "2022-01-01 to 2026-12-31; running; 34 days left; signed ? at ?"


def test_about_takes_the_other_language_for_an_unknown_place_and_says_so(dataset, write_data):
    dataset["rounds"][1]["signed_at"] = {"nl": "Errera-huis", "en": None}
    about = about_lines("--data", write_data(dataset))
    said = "; signed 2021-11-25 at Errera-huis (in Dutch: no source names it in English); "
    assert said in about["round 2022-2026"][0]


def test_about_in_dutch_says_that_the_2017_place_is_english():
    # No stored page names the 2017 signing's place in Dutch: the data keeps it null (no
    # translation of ours), and the Dutch view says the English text is English.
    about = about_lines("--full", "--lang", "nl")
    place = "in Hotel Errera in Brussels (in het Engels: geen bron noemt het in het Nederlands); "
    assert place in about["ronde 2017-2021"][0]
    assert "; ondertekend op 2021-11-25 in Errerahuis, Brussel; " in about["ronde 2022-2026"][0]
    assert "Brussels" not in about_lines("--full", "--lang", "nl")["ronde 2022-2026"][0]


def test_about_prints_each_source_on_one_line_in_a_pipe():
    lines = run("about", "--full").out.splitlines()
    voka = next(line for line in lines if line.startswith("source: Voka, "))
    assert voka == (
        "source: Voka, 2021-11-26, FIT breekt samen met Voka een lans voor meer internationalisering, groei "
        "en welvaart, https://www.voka.be/nieuws/fit-breekt-samen-met-voka-een-lans-voor-meer-"
        "internationalisering-groei-en-welvaart"
    )
