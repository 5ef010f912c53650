"""The rules across records (rules.cross_check), one by one: each is broken in a copy of
the bundled dataset, and the problem must be reported in its own words at its own place.
A rule that only reports "something" would let a wrong message or place through."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from fitpartners.dataset import rules
from fitpartners.dataset.models import Dataset
from fitpartners.dataset.rules import cross_check

Raw = dict[str, Any]


def problems_of(raw: Raw) -> list[str]:
    return cross_check(Dataset.model_validate_json(json.dumps(raw)))


def set_at(raw: Raw, where: tuple[str | int, ...], value: Any) -> None:
    """Set the value at a path of keys and indexes, as pydantic's error locations give it."""
    target: Any = raw
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value


def at(raw: Raw, pid: str) -> tuple[str, Raw]:
    """A partner's place as messages give it, and the partner."""
    i = next(k for k, p in enumerate(raw["partners"]) if p["id"] == pid)
    return f"partners[{i}] ({pid})", raw["partners"][i]


def test_the_bundled_dataset_breaks_no_rule(raw):
    assert problems_of(raw) == []


def _duplicate_source(raw: Raw) -> str:
    raw["sources"].append(dict(raw["sources"][3]))
    return f"sources: duplicate id {raw['sources'][3]['id']!r}"


def _duplicate_round(raw: Raw) -> str:
    raw["rounds"].append(dict(raw["rounds"][0]))
    return "rounds: duplicate id '2017-2021'"


def _programme_source(raw: Raw) -> str:
    raw["programme"]["sources"].append("nope")
    return "programme.sources: unknown source 'nope'"


def _agency_event_source(raw: Raw) -> str:
    raw["programme"]["events"][0]["sources"] = ["nope"]
    return "programme.events[0].sources: unknown source 'nope'"


def _round_source(raw: Raw) -> str:
    raw["rounds"][1]["sources"].append("nope")
    return "rounds[1] (2022-2026).sources: unknown source 'nope'"


def _round_note_source(raw: Raw) -> str:
    raw["rounds"][0]["notes"][0]["sources"] = ["flanders-china-home"]
    return (
        "rounds[0] (2017-2021).notes[0].sources: "
        "'flanders-china-home' is a home page, which may only source a website"
    )


def _round_ends_before_it_starts(raw: Raw) -> str:
    raw["rounds"][1]["ends_on"] = "2021-12-31"
    return "rounds[1] (2022-2026).ends_on: 2021-12-31 is before starts_on 2022-01-01"


def _home_page_for_a_fact(raw: Raw) -> str:
    where, agoria = at(raw, "agoria")
    agoria["sources"]["description"] = ["flanders-china-home"]
    home = "'flanders-china-home' is a home page"
    return f"{where}.sources.description: {home}, which may only source a website"


def _unknown_round(raw: Raw) -> str:
    where, voka = at(raw, "voka")
    voka["rounds"][0]["round"] = "1999-2003"
    return f"{where}.rounds[0].round: unknown round '1999-2003'"


def _membership_source(raw: Raw) -> str:
    where, voka = at(raw, "voka")
    voka["rounds"][-1]["sources"] = ["nope"]
    return f"{where}.rounds[{len(voka['rounds']) - 1}].sources: unknown source 'nope'"


def _round_listed_twice(raw: Raw) -> str:
    where, voka = at(raw, "voka")
    voka["rounds"].append(dict(voka["rounds"][-1]))
    return f"{where}.rounds: round '2022-2026' listed twice"


def _cross_sector_with_domains(raw: Raw) -> str:
    where, voka = at(raw, "voka")
    voka["domains"] = ["food"]
    voka["sources"]["domains"] = ["editorial"]
    return f"{where}.domains: a cross-sector partner lists no domains"


def _no_domain(raw: Raw) -> str:
    where, fevia = at(raw, "fevia-vlaanderen")
    fevia["domains"] = []
    del fevia["sources"]["domains"]
    return f"{where}.domains: needs at least one domain (or cross_sector: true)"


def _spearhead_not_a_cluster(raw: Raw) -> str:
    where, agoria = at(raw, "agoria")
    agoria["spearhead_cluster"] = True
    return f"{where}.spearhead_cluster: only a cluster can be a spearhead cluster"


def _country_not_a_chamber(raw: Raw) -> str:
    where, agoria = at(raw, "agoria")
    agoria["country"] = "BE"
    agoria["sources"]["country"] = agoria["sources"]["name"]
    return f"{where}.country: a bilateral chamber has a country, and only a chamber"


def _chamber_without_country(raw: Raw) -> str:
    where, bva = at(raw, "bva")
    bva["country"] = None
    del bva["sources"]["country"]
    return f"{where}.country: a bilateral chamber has a country, and only a chamber"


def _event_source(raw: Raw) -> str:
    where, dsp = at(raw, "dsp-valley")
    dsp["events"][0]["sources"] = ["nope"]
    return f"{where}.events[0].sources: unknown source 'nope'"


def _event_partner_unknown(raw: Raw) -> str:
    where, dsp = at(raw, "dsp-valley")
    dsp["events"][0]["partner"] = "nobody"
    return f"{where}.events[0].partner: unknown partner 'nobody'"


def _rename_without_name(raw: Raw) -> str:
    where, healthtech = at(raw, "flanders-healthtech")
    healthtech["events"][0]["new_name"] = None
    return f"{where}.events[0].new_name: a rename needs the new name"


def _merger_without_partner(raw: Raw) -> str:
    where, medtech = at(raw, "medtech-flanders")
    medtech["events"][0]["partner"] = None
    return f"{where}.events[0].partner: a merged event names the partner"


def _note_source(raw: Raw) -> str:
    where, voka = at(raw, "voka")
    voka["notes"][0]["sources"] = ["nope"]
    return f"{where}.notes[0].sources: unknown source 'nope'"


def _coverage_source(raw: Raw) -> str:
    where, fevia = at(raw, "fevia-vlaanderen")
    fevia["coverage"][0]["sources"] = ["flanders-china-home"]
    return (
        f"{where}.coverage[0].sources: 'flanders-china-home' is a home page, which may only source a website"
    )


def _not_a_fact_field(raw: Raw) -> str:
    where, voka = at(raw, "voka")
    voka["sources"]["rounds"] = voka["sources"]["name"]
    return f"{where}.sources: 'rounds' is not a fact field of a partner"


def _source_for_an_empty_field(raw: Raw) -> str:
    where, voka = at(raw, "voka")
    voka["website"] = None
    return f"{where}.sources.website: cites a source for an empty field"


def _fact_without_source(raw: Raw) -> str:
    where, voka = at(raw, "voka")
    del voka["sources"]["description"]
    return f"{where}.sources: no source for 'description'"


def _editorial_not_marked(raw: Raw) -> str:
    where, fevia = at(raw, "fevia-vlaanderen")
    fevia["sources"]["domains"] = ["press-release-2021-11-26"]
    return f"{where}.sources.domains: must be marked 'editorial'"


def _kind_unknown(raw: Raw) -> str:
    i = next(k for k, x in enumerate(raw["sources"]) if x["id"] == "gva-agoria")
    raw["sources"][i]["kind"] = "nobody"
    kinds = "fit, government, press, other, editorial"
    return f"sources[{i}] (gva-agoria).kind: not one of {kinds}, and unknown partner 'nobody'"


def _kind_missing(raw: Raw) -> str:
    i = next(k for k, x in enumerate(raw["sources"]) if x["id"] == "gva-agoria")
    raw["sources"][i]["kind"] = None
    kinds = "fit, government, press, other, editorial"
    return f"sources[{i}] (gva-agoria).kind: required: one of {kinds}, or a partner's id"


def _kind_editorial_of_a_page(raw: Raw) -> str:
    i = next(k for k, x in enumerate(raw["sources"]) if x["id"] == "gva-agoria")
    raw["sources"][i]["kind"] = "editorial"
    said = "'editorial' is the kind of the editorial pseudo-source, and its only kind"
    return f"sources[{i}] (gva-agoria).kind: {said}"


def _rounds_overlap(raw: Raw) -> str:
    raw["rounds"][1]["starts_on"] = "2021-12-31"
    return "rounds (2022-2026).starts_on: 2021-12-31 is not after the end of 2017-2021 (2021-12-31)"


def _round_note_in_one_language(raw: Raw) -> str:
    raw["rounds"][1]["notes"][0]["text"] = "Only English."
    raw["rounds"][1]["notes"][0]["translated"] = []
    return "rounds[1] (2022-2026).notes[0].text: from schema 4 on, a text in Dutch and English (nl, en)"


def _agency_event_translation_unmarked(raw: Raw) -> str:
    raw["programme"]["events"][1]["translated"] = []  # its page is Dutch
    return "programme.events[1].translated: no page cited is in 'en', so its 'en' text is our translation"


def _source_on_no_day(raw: Raw) -> str:
    i, source = next((i, s) for i, s in enumerate(raw["sources"]) if s["date"])
    source["date"] = "2022-02-30"  # the pattern allows it; the calendar does not
    return f"sources[{i}] ({source['id']}).date: '2022-02-30' is no day of the calendar"


def _event_in_no_month(raw: Raw) -> str:
    where, healthtech = at(raw, "flanders-healthtech")
    healthtech["events"][0]["date"] = "2021-13"
    return f"{where}.events[0].date: '2021-13' is no day of the calendar"


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("programme", "events", 0, "date"), "2021-11-31"),
        (("sources", 0, "date"), "2021-02-29"),  # not a leap year
        (("partners", 9, "events", 0, "date"), "2022-00"),
    ],
)
def test_a_date_the_calendar_does_not_have_is_refused(dataset, where, value):
    set_at(dataset, where, value)
    found = problems_of(dataset)
    assert any(f"{value!r} is no day of the calendar" in problem for problem in found), found


def test_a_leap_day_and_a_month_are_days_of_the_calendar(dataset):
    set_at(dataset, ("programme", "events", 0, "date"), "2024-02-29")
    set_at(dataset, ("partners", 9, "events", 0, "date"), "2022-05")
    assert not [p for p in problems_of(dataset) if "no day of the calendar" in p]


def _merger_loop(raw: Raw) -> str:
    where, biovia = at(raw, "biovia")
    _, medtech = at(raw, "medtech-flanders")
    biovia["events"] = [{**medtech["events"][0], "partner": "flanders-bio"}]
    return f"{where}.events: its mergers lead back to it"


def _merged_twice(raw: Raw) -> str:
    where, healthtech = at(raw, "flanders-healthtech")
    _, medtech = at(raw, "medtech-flanders")
    healthtech["events"].append({**medtech["events"][0], "partner": "voka"})
    return f"{where}.events: merged 2 times; a partner merges once"


def _in_no_round_and_merged_into_by_none(raw: Raw) -> str:
    where, euka = at(raw, "euka")
    euka["rounds"] = []
    return f"{where}.rounds: in no round, and no partner merged into it"


def _region_source(raw: Raw) -> str:
    where, vkw = at(raw, "vkw-limburg")
    vkw["regions"][0]["sources"] = ["nope"]
    return f"{where}.regions[0].sources: unknown source 'nope'"


def _event_note_translation_unmarked(raw: Raw) -> str:
    where, voka = at(raw, "voka")
    voka["notes"][0]["translated"] = []  # its page is English: the Dutch is ours
    return f"{where}.notes[0].translated: no page cited is in 'nl', so its 'nl' text is our translation"


def _event_date_and_by(raw: Raw) -> str:
    where, healthtech = at(raw, "flanders-healthtech")
    healthtech["events"][0]["by"] = "2022-05-17"
    return f"{where}.events[0].by: the date is known; `by` is only for an event a page dates no closer"


def _last_of_duplicate_sources_is_a_home_page(raw: Raw) -> str:
    # Duplicate ids are refused; each citation is still checked against the copy that
    # the lookup finds, the last one.
    where, voka = at(raw, "voka")
    home = dict(next(s for s in raw["sources"] if s["id"] == "flanders-china-home"))
    home["id"] = voka["sources"]["description"][0]
    raw["sources"].append(home)
    return f"{where}.sources.description: {home['id']!r} is a home page, which may only source a website"


def _name_after_one_that_folds_to_nothing(raw: Raw) -> str:
    # A name of punctuation only is skipped, and the names after it are still checked.
    where, voka = at(raw, "voka")
    voka["aliases"] = ["---", "Agoria"]
    return f"{where}: the name 'Agoria' also names partners[0] (agoria)"


RULES: dict[str, Callable[[Raw], str]] = {
    f.__name__.lstrip("_"): f
    for f in (
        _duplicate_source,
        _duplicate_round,
        _programme_source,
        _agency_event_source,
        _round_source,
        _round_note_source,
        _round_ends_before_it_starts,
        _home_page_for_a_fact,
        _unknown_round,
        _membership_source,
        _round_listed_twice,
        _cross_sector_with_domains,
        _no_domain,
        _spearhead_not_a_cluster,
        _country_not_a_chamber,
        _chamber_without_country,
        _event_source,
        _event_partner_unknown,
        _rename_without_name,
        _merger_without_partner,
        _note_source,
        _not_a_fact_field,
        _source_for_an_empty_field,
        _fact_without_source,
        _editorial_not_marked,
        _last_of_duplicate_sources_is_a_home_page,
        _name_after_one_that_folds_to_nothing,
        _kind_unknown,
        _kind_missing,
        _kind_editorial_of_a_page,
        _rounds_overlap,
        _round_note_in_one_language,
        _agency_event_translation_unmarked,
        _merger_loop,
        _merged_twice,
        _in_no_round_and_merged_into_by_none,
        _region_source,
        _event_note_translation_unmarked,
        _event_date_and_by,
    )
}


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_reports_its_problem_at_its_place(dataset, rule):
    expected = RULES[rule](dataset)
    assert expected in problems_of(dataset)


def _duplicate_number(raw: Raw) -> str:
    where, voka = at(raw, "voka")
    first, agoria = at(raw, "agoria")
    voka["number"] = agoria["number"]
    return f"{where}.number: {agoria['number']} is also the number of {first}"


def _alias_is_a_bare_number(raw: Raw) -> str:
    where, voka = at(raw, "voka")
    voka["aliases"].append("7")
    return f"{where}.aliases[{len(voka['aliases']) - 1}]: '7' is a bare number, which names partner numbers"


def _latest_partner_without_type(raw: Raw) -> str:
    where, voka = at(raw, "voka")
    voka["type"] = None
    del voka["sources"]["type"]
    return f"{where}.type: required for a partner of the latest round"


# Every rule of rules.RULES and rules.PARTNER_RULES, in their order, with a broken dataset
# whose problem that rule reports.
BROKEN_FOR: dict[str, Callable[[Raw], str]] = {
    "source_ids_unique": _duplicate_source,
    "source_kinds": _kind_unknown,
    "dates_exist": _source_on_no_day,
    "round_ids_unique": _duplicate_round,
    "programme_sources": _agency_event_source,
    "rounds_sourced_and_dated": _round_ends_before_it_starts,
    "rounds_in_sequence": _rounds_overlap,
    "told_in_both_languages": _round_note_in_one_language,
    "mergers_lead_somewhere": _merger_loop,
    "each_partner": _unknown_round,
    "number_unique": _duplicate_number,
    "alias_not_a_number": _alias_is_a_bare_number,
    "names_unique": _name_after_one_that_folds_to_nothing,
    "memberships_known_and_sourced": _membership_source,
    "rounds_listed_once": _round_listed_twice,
    "latest_round_fields": _latest_partner_without_type,
    "domains_match_cross_sector": _no_domain,
    "spearhead_only_for_clusters": _spearhead_not_a_cluster,
    "country_iff_chamber": _chamber_without_country,
    "event_dates_exist": _event_in_no_month,
    "events_sourced_and_complete": _merger_without_partner,
    "notes_sourced": _note_source,
    "coverage_sourced": _coverage_source,
    "regions_sourced": _region_source,
    "sources_cite_fact_fields": _not_a_fact_field,
    "facts_have_sources": _editorial_not_marked,
}


def test_the_rules_are_these_in_this_order():
    # A rule dropped from RULES or PARTNER_RULES, added or moved must be changed here too.
    assert [rule.__name__ for rule in (*rules.RULES, *rules.PARTNER_RULES)] == list(BROKEN_FOR)


@pytest.mark.parametrize("name", BROKEN_FOR)
def test_each_rule_is_said_in_words_and_reports_a_broken_dataset(dataset, monkeypatch, name):
    rule = getattr(rules, name)
    doc = (rule.__doc__ or "").strip()
    assert doc and "\n" not in doc, "one line that says the rule"
    expected = BROKEN_FOR[name](dataset)
    assert expected in problems_of(dataset)
    # It is this rule that reports it: without it, the problem goes unseen.
    for listed in ("RULES", "PARTNER_RULES"):
        monkeypatch.setattr(rules, listed, [r for r in getattr(rules, listed) if r is not rule])
    assert expected not in problems_of(dataset)


@pytest.mark.parametrize("field", ["number", "type", "cross_sector"])
def test_each_of_number_type_and_cross_sector_is_required_on_its_own(dataset, field):
    """A partner of the latest round that lacks only one of the three is reported for that one."""
    where, voka = at(dataset, "voka")
    voka[field] = None
    voka["sources"].pop(field, None)
    assert problems_of(dataset) == [f"{where}.{field}: required for a partner of the latest round"]


def test_a_partner_of_the_latest_round_needs_number_type_and_cross_sector(dataset):
    where, voka = at(dataset, "voka")
    for field in ("number", "type", "cross_sector"):
        voka[field] = None
        voka["sources"].pop(field, None)
    found = problems_of(dataset)
    for field in ("number", "type", "cross_sector"):
        assert f"{where}.{field}: required for a partner of the latest round" in found
    # A partner of an earlier round only may lack them: the bundled ones do.
    old, _ = at(dataset, "b-hive")
    assert not [p for p in found if p.startswith(old)]


def test_a_home_page_may_source_a_website(dataset):
    """A partner's website and the agency's website may cite a home page; nothing else may."""
    _, agoria = at(dataset, "agoria")
    agoria["sources"]["website"] = ["flanders-china-home"]
    dataset["programme"]["agency"]["website_sources"] = ["flanders-china-home"]
    assert problems_of(dataset) == []


def test_a_single_round_listed_twice_is_reported(dataset):
    """A partner of one round that lists that round twice (two memberships) is reported."""
    where, bva = at(dataset, "bva")
    assert len(bva["rounds"]) == 1
    bva["rounds"].append(dict(bva["rounds"][0]))
    assert problems_of(dataset) == [f"{where}.rounds: round '2022-2026' listed twice"]


def test_a_round_may_start_and_end_on_the_same_day(dataset):
    dataset["rounds"][1]["ends_on"] = dataset["rounds"][1]["starts_on"]
    assert not [p for p in problems_of(dataset) if "ends_on" in p]


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("sources", 0, "date"), "\u0662\u0660\u0662\u0661-11-25"),  # Arabic-Indic digits
        (("rounds", 0, "id"), "2022-\uff12\uff10\uff12\uff16"),  # fullwidth digits
        (("programme", "events", 0, "date"), "\u0968\u0966\u0968\u0968-06"),  # Devanagari
    ],
)
def test_dates_and_round_ids_take_ascii_digits_only(dataset, where, value):
    set_at(dataset, where, value)
    with pytest.raises(ValidationError, match="should match pattern"):
        Dataset.model_validate_json(json.dumps(dataset))


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        (("partners", 20, "number"), "21", "Input should be a valid integer"),
        (("partners", 20, "number"), True, "Input should be a valid integer"),
        (("partners", 20, "number"), 21.0, "Input should be a valid integer"),
        (("partners", 20, "cross_sector"), 1, "Input should be a valid boolean"),
        (("partners", 20, "cross_sector"), "true", "Input should be a valid boolean"),
        (("partners", 20, "name"), 5, "Input should be a valid string"),
        (("sources", 0, "publisher"), ["FIT"], "Input should be a valid string"),
        (("rounds", 0, "yearly_budget_eur"), "1000", "Input should be a valid integer"),
        (("programme", "strategy_coordinated_since"), 2020.5, "Input should be a valid integer"),
        (("partners", 20, "aliases", 0), 5, "Input should be a valid string"),
        (("partners", 20, "sources", "name", 0), 1, "Input should be a valid string"),
        (("partners", 20, "rounds", 0, "round"), 2022, "Input should be a valid string"),
        (
            ("partners", 20, "type"),
            1,
            "Input should be 'sector-federation', 'cluster', 'bilateral-chamber', "
            "'business-network', 'entrepreneurs-organisation' or 'employers-organisation'",
        ),
        (("rounds", 0, "starts_on"), 20170101, "Input should be a valid date"),
        (("programme", "name", "en"), None, "Input should be a valid string"),
        (("partners", 20, "description", "nl"), 0, "Input should be a valid string"),
    ],
)
def test_nothing_is_coerced(dataset, where, value, message):
    """Every model is strict (Record's config): a value of the wrong JSON type is refused,
    not converted."""
    set_at(dataset, where, value)
    with pytest.raises(ValidationError) as caught:
        Dataset.model_validate_json(json.dumps(dataset))
    assert [(e["loc"], e["msg"]) for e in caught.value.errors()] == [(where, message)]


def test_an_event_may_have_no_day_where_its_page_gives_none(dataset):
    """The date, or `by` (the day by which a page says it had happened: DSP Valley's
    transfer), or neither where the page says no day at all (the merger into Biovia)."""
    _, dsp = at(dataset, "dsp-valley")
    assert dsp["events"][0]["date"] is None and dsp["events"][0]["by"] == "2022-12-13"  # as its page says
    _, bio = at(dataset, "flanders-bio")
    assert (bio["events"][0]["date"], bio["events"][0]["by"]) == (None, None)
    dsp["events"][0]["by"] = None
    assert problems_of(dataset) == []


def test_schema_3_files_keep_notes_in_one_language_and_sources_without_a_kind(dataset):
    """Schema 2 and 3 files still load: a note in one language, no `translated`, no kind."""
    dataset["schema_version"] = 3
    for s in dataset["sources"]:
        del s["kind"]
    where, voka = at(dataset, "voka")
    voka["notes"][0] = {"text": "One language.", "sources": voka["notes"][0]["sources"]}
    assert problems_of(dataset) == []
    voka["notes"][0]["translated"] = ["nl"]
    assert problems_of(dataset) == [f"{where}.notes[0].translated: only for a text in Dutch and English"]


def test_the_agency_website_cites_the_page_that_shows_it(dataset):
    agency = dataset["programme"]["agency"]
    agency["website_sources"] = []
    assert problems_of(dataset) == [
        "programme.agency.website_sources: the page that shows the website is needed"
    ]
    agency["website_sources"] = ["nope"]
    assert problems_of(dataset) == ["programme.agency.website_sources: unknown source 'nope'"]
