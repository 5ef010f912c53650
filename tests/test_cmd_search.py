"""The `search` command and the module behind it (fitpartners.search.ranking): the questions in
questions.json, then the rules one by one (query words, matching, ranking and the fields a hit
names, the cross-sector partners listed last as help for every sector, the index), the name resolution
that `show` relies on, and folding; last, search as a user runs it: results, scores with three
decimals, and the "match" column that says why a partner was found."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, TERMINAL, run
from fitpartners import labels
from fitpartners.dataset import models
from fitpartners.errors import UsageError
from fitpartners.search import ranking as search
from fitpartners.search.ranking import Hit

PARTNERS: list[models.Partner] = models.Dataset.model_validate_json(
    (ROOT / "data" / "partners.json").read_bytes()
).partners
BY_ID = {p.id: p for p in PARTNERS}
QUESTIONS: list[dict[str, Any]] = json.loads((Path(__file__).parent / "questions.json").read_text("utf-8"))[
    "questions"
]


def ids(hits: list[Hit], *, cross_sector: bool = False) -> list[str]:
    return [h.partner.id for h in hits if h.cross_sector is cross_sector]


def find(query: str, partners: list[models.Partner] | None = None) -> list[Hit]:
    return search.search(PARTNERS if partners is None else partners, query.split()).hits


# -- the questions -----------------------------------------------------------------------------


def test_the_questions_are_many_and_well_formed():
    assert len(QUESTIONS) >= 40
    assert len({q["query"].casefold() for q in QUESTIONS}) == len(QUESTIONS)
    for q in QUESTIONS:
        assert q["why"].strip(), q
        for pid in [*q["first"], *q.get("cross_sector", []), *q.get("never", [])]:
            assert pid in BY_ID, (q["query"], pid)
    # Both languages, one word and several.
    assert any(len(q["query"].split()) == 1 for q in QUESTIONS)
    assert any(len(q["query"].split()) > 2 for q in QUESTIONS)


@pytest.mark.parametrize("q", QUESTIONS, ids=[q["query"] for q in QUESTIONS])
def test_question(q):
    hits = find(q["query"])
    specific = ids(hits)
    first = q["first"]
    if not first:
        assert specific == []
    elif q["ordered"]:
        assert specific[: len(first)] == first, specific
    else:
        assert sorted(specific[: len(first)]) == sorted(first), specific
    if "cross_sector" in q:
        assert ids(hits, cross_sector=True) == q["cross_sector"]
    assert not set(q.get("never", [])) & {h.partner.id for h in hits}


# -- query words -------------------------------------------------------------------------------


def test_a_query_of_stop_words_is_refused():
    with pytest.raises(UsageError, match="give at least one word that is not a stop word"):
        search.search(PARTNERS, ["van", "de", "the"])


@pytest.mark.parametrize("words", [[], [""], ["'", "{}"], [" - "]])
def test_a_query_without_a_word_is_refused_as_such(words):
    with pytest.raises(UsageError, match=r"give at least one word$"):
        search.search(PARTNERS, words)


# -- matching ----------------------------------------------------------------------------------


def variant(base: str, **changes: Any) -> models.Partner:
    """A partner like `base` with some fields changed (model_copy does not validate)."""
    return BY_ID[base].model_copy(update=changes)


def text(nl: str, en: str) -> models.Bilingual:
    return models.Bilingual(nl=nl, en=en)


def test_a_word_matches_the_start_of_a_word():
    assert "essenscia-vlaanderen" in ids(find("chem"))  # chemistry, chemie
    assert "sim" in ids(find("sustain"))
    assert "fedustria" in ids(find("furnit"))
    assert "fedustria" not in ids(find("urnit"))  # not inside a word (and too short to be a typo)


def test_a_real_word_is_no_prefix_of_a_longer_one():
    # issue 30: 'build' is a word, so it never finds 'buildingworks'; a fragment that is no
    # word still does ('buildingw').
    works = variant("euka", id="works", name="Buildingworks", description=text("bouw", "construction"))
    partners = [*PARTNERS, works]
    assert "works" not in ids(find("build", partners))
    assert "works" in ids(find("buildingw", partners))


def test_a_short_word_is_an_acronym_matching_whole_words_only():
    simple = variant("euka", id="simple", name="Simple", description=text("simulatie", "simulation tools"))
    partners = [*PARTNERS, simple]
    assert ids(find("sim", partners)) == ["sim"]  # never "simulation"
    assert "simple" in ids(find("simul", partners))
    assert "sim" not in ids(find("ai"))  # never "sustainable"
    assert ids(find("ai")) == ["the-beacon"]  # 'Internet of Things (IoT) and Artificial Intelligence (AI)'
    assert "the-beacon" not in ids(find("ait"))


def test_accents_and_case_do_not_matter():
    assert ids(find("FABRIMETAL")) == ids(find("fabrimétal")) == ["agoria"]
    assert ids(find("ARTIFICIELE")) == ["the-beacon"]  # 'artificiële'


def test_a_name_with_punctuation_splits_into_words():
    assert ids(find("healthtech"))[0] == "flanders-healthtech"
    assert ids(find("flandershealthtech"))[0] == "flanders-healthtech"  # the name folded whole
    assert ids(find("bio"))[0] == "flanders-bio"


def test_every_synonym_leads_to_words_in_the_data():
    index = search._index(PARTNERS)
    for word, targets in search.SYNONYMS.items():
        assert word == word.casefold() and " " not in word, word
        for target in targets:
            assert index.matching([target]), (word, target)


def test_synonyms_find_what_the_data_calls_otherwise():
    # A word that begins with a word of the vocabulary is read as a compound of it.
    assert ids(find("biotechbedrijf"))[0] == "flanders-bio"
    assert ids(find("biotech"))[0] == "flanders-bio"
    assert ids(find("gaming")) == ["flega"]
    assert ids(find("chemical"))[0] == "essenscia-vlaanderen"


# -- ranking and fields ------------------------------------------------------------------------


def test_more_words_matched_come_first():
    hits = find("flanders bio")
    assert ids(hits)[0] == "flanders-bio"
    assert [len(h.words) for h in hits] == sorted((len(h.words) for h in hits), reverse=True)
    assert sorted(hits[0].words) == ["bio", "flanders"]


def test_names_over_aliases_over_labels_over_descriptions_over_notes():
    # The higher the number, the better the field: order by number alone would reverse it.
    # Events and notes weigh the same, so those two go by number.
    base = variant("euka", description=None, notes=[])
    note = models.Note(text="A zebra crossing.", sources=["editorial"])
    event = models.Event(
        date="2020-01",
        kind=models.EventKind.RENAMED,
        text="zebra",
        new_name="Quagga",
        partner=None,
        sources=["editorial"],
    )
    partners = [
        base.model_copy(update={"id": "in-events", "number": 1, "name": "One", "events": [event]}),
        base.model_copy(update={"id": "in-notes", "number": 2, "name": "Two", "notes": [note]}),
        base.model_copy(
            update={"id": "in-description", "number": 3, "name": "Three", "description": text("x", "zebra")}
        ),
        base.model_copy(update={"id": "in-aliases", "number": 4, "name": "Four", "aliases": ["Zebra Group"]}),
        base.model_copy(update={"id": "in-name", "number": 5, "name": "Zebra"}),
    ]
    hits = find("zebra", partners)
    # Events and notes are background: never enough alone to list a partner (issue 30).
    assert ids(hits) == ["in-name", "in-aliases", "in-description"]
    assert [h.fields for h in hits] == [["name"], ["aliases"], ["description_en"]]
    assert all(h.words == ["zebra"] for h in hits)
    # A type label outranks a description.
    typed = [
        base.model_copy(update={"id": "described", "number": 1, "description": text("x", "a business")}),
        base.model_copy(update={"id": "typed", "number": 2, "type": models.PartnerType.BUSINESS_NETWORK}),
    ]
    assert ids(find("business", typed)) == ["typed", "described"]


def test_ties_go_by_number():
    hits = find("kamer van koophandel")
    assert ids(hits)[:2] == ["vckk", "voka"]  # their names as well as (VCKK) the type label
    assert ids(hits)[2:5] == ["bcecc", "bva", "bicci"]
    assert hits[2].score == hits[3].score == hits[4].score


def test_ties_without_numbers_keep_the_order_of_the_list():
    # Different words, so the order in which words are found (a set's) cannot decide.
    names = ["Qzxathree", "Qzxaone", "Qzxatwo", "Qzxafour"]
    partners = [variant("euka", id=n.lower(), name=n, number=None) for n in names]
    hits = search.search(partners, ["qzxa"]).hits  # a fragment that is no word: a prefix
    assert ids(hits) == [n.lower() for n in names]
    assert {h.rank for h in hits} == {1}  # a true tie shares its rank


def test_scores_are_in_the_order_of_the_hits():
    for q in ("flanders bio", "technology", "kamer van koophandel", "food japan"):
        specific = [h.score for h in find(q) if not h.cross_sector]
        assert specific == sorted(specific, reverse=True)
        assert all(0 < h.score < len(h.words) + 1 for h in find(q) if not h.cross_sector)
        ranks = [h.rank for h in find(q)]
        assert ranks == sorted(ranks) and ranks[0] == 1


@pytest.mark.parametrize(
    ("query", "partner", "field"),
    [
        ("Fabrimetal", "agoria", "former_names"),
        ("MEDVIA", "flanders-healthtech", "later_names"),
        ("healthtech", "medtech-flanders", "events"),  # merged into flanders.healthTech
        ("vietnam", "bva", "country"),
        ("china", "bcecc", "country"),
        ("food", "fevia-vlaanderen", "domains"),
        ("tech", "dsp-valley", "domains"),  # the short label
        ("sectorfederatie", "agoria", "type"),
        ("speerpuntcluster", "vil", "type"),
        ("artificial", "the-beacon", "description_en"),
        ("artificiele", "the-beacon", "description_nl"),
        ("Belgian-Chinese", "bcecc", "full_name"),
        ("16", "the-beacon", "name"),
    ],
)
def test_hits_say_where_they_matched(query, partner, field):
    hit = next(h for h in find(query) if h.partner.id == partner)
    assert field in hit.fields
    assert not hit.cross_sector


def test_an_event_is_found_by_the_name_of_the_partner_it_names():
    # The event's own text need not name the partner: the reference does.
    event = BY_ID["medtech-flanders"].events[0].model_copy(update={"text": "Activities transferred."})
    merged = variant("medtech-flanders", events=[event])
    partners = [merged, BY_ID["flanders-healthtech"]]
    hit = next(h for h in find("healthtech", partners) if h.partner.id == "medtech-flanders")
    assert "events" in hit.fields
    hit = next(h for h in find("medvia", partners) if h.partner.id == "medtech-flanders")  # its later name
    assert hit.fields == ["events"]


def test_a_partner_without_the_word_is_no_hit():
    assert all("textile" in h.words for h in find("textile"))
    assert find("zzzzqqq") == []


# -- cross-sector partners --------------------------------------------------------------------------


def test_a_domain_or_country_lists_cross_sector_partners_last_flagged_cross_sector():
    hits = find("food japan")
    assert ids(hits) == ["fevia-vlaanderen", "flanders-bio"]  # flanders.bio covers 'agro & foodtech'
    every = [h for h in hits if h.cross_sector]
    assert every and hits[-len(every) :] == every  # after every specific hit
    for h in every:
        assert h.partner.cross_sector is True and h.partner.country is None
        assert h.score == 0.0 and h.fields == ["cross_sector"] and h.words == ["food", "japan"]


def test_chambers_are_never_cross_sector_help_for_another_country():
    assert not {"bcecc", "vckk", "bva", "bicci"} & {h.partner.id for h in find("japan")}


def test_cross_sector_partners_go_by_number():
    first = variant("voka", number=1)
    partners = [p for p in PARTNERS if p.id != "voka"] + [first]
    assert ids(find("japan", partners), cross_sector=True) == ["voka", "unizo-internationaal", "vkw-limburg"]


def test_no_cross_sector_partners_without_a_domain_or_country():
    # "ai" is in no domain label (never inside "sustainable").
    for q in ("kamer van koophandel", "beacon", "ai", "Fevia"):
        assert ids(find(q), cross_sector=True) == [], q


def test_a_cross_sector_partner_that_matches_is_specific_and_listed_once():
    hits = find("voka food")
    assert ids(hits)[:2] == ["voka", "fevia-vlaanderen"]
    assert [h.partner.id for h in hits].count("voka") == 1
    assert ids(hits, cross_sector=True) == ["unizo-internationaal", "vkw-limburg"]


def test_a_domain_named_in_dutch_or_by_synonym_counts():
    for q in ("voeding", "gezondheid", "logistiek", "chemie", "biotech", "duurzaamheid"):
        assert ids(find(q), cross_sector=True) == ["unizo-internationaal", "vkw-limburg", "voka"], q


def test_a_country_of_several_words_counts():
    assert ids(find("verenigde staten"), cross_sector=True)
    assert ids(find("south korea"), cross_sector=True)
    assert not ids(find("verenigde"), cross_sector=True)  # half a name is no country


# -- index and imports -------------------------------------------------------------------------


def test_the_index_is_built_once_per_list():
    assert search._index(PARTNERS) is search._index(PARTNERS)
    assert search._index(list(PARTNERS)) is search._index(PARTNERS)  # the same partners
    assert len(search._index(PARTNERS[:3]).partners) == 3


# -- folding: the ASCII shortcut gives what the general path gives -----------------------------


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_the_ascii_shortcut_of_fold_agrees_with_unicode_folding(text):
    assert labels.fold(text) == labels._fold_unicode(text)
    assert labels.fold_words(text) == labels._fold_words_unicode(text)


def test_folding_keeps_words_and_drops_accents():
    assert labels.fold("Flanders-HealthTech") == "flandershealthtech"
    assert labels.fold_words("  Flanders--HealthTech_2 ") == "flanders healthtech 2"
    assert labels.fold_words("Fédération  belge–luxembourgeoise") == "federation belge luxembourgeoise"
    assert labels.fold("Straße") == "strasse"


# -- the command -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("chemie", "essenscia Vlaanderen"),
        ("games", "FLEGA"),
        ("internet of things", "The Beacon"),
        ("Internet-of-Things", "The Beacon"),
        ("energie", "Flux50"),
        ("chimie", "essenscia Vlaanderen"),  # a slip of one letter: chemie
        ("qzqzqz", None),
        ("medvia", "flanders.healthTech"),  # a later name
    ],
)
def test_search_finds_by_words_of_names_and_descriptions(text, first):
    r = run("search", text, "--json")
    assert r.code == 0
    found = [p["name"] for p in r.json()]
    assert (found[0] if found else None) == first


def test_search_ignores_case_and_accents_and_ranks_names_first():
    found = [p["name"] for p in run("search", "MEDTECH", "--json").json()]
    # names, before the others; Biovia, which both are now part of, leads them
    assert found[0] == "Biovia" and set(found[1:3]) == {"Medtech Flanders", "flanders.healthTech"}
    # A word of our own names alone lifts no partner by its name.
    assert run("search", "FLANDERS", "--json").json() == []
    assert [p["name"] for p in run("search", "artificiele", "--json").json()] == ["The Beacon"]


def test_search_without_a_hit_is_empty_with_a_hint_for_people():
    r = run("search", "quantum", "--json")
    assert r.code == 0 and r.out == "[]\n"
    r = run("search", "quantum", env=TERMINAL)
    assert r.code == 0 and r.out == ""
    assert r.err == (
        "fitpartners: nothing found for 'quantum'; the partners for every sector: UNIZO Internationaal, "
        "VKW Limburg (Limburg), Voka; or ask FIT itself: https://www.flandersinvestmentandtrade.com\n"
    )
    assert run("search", "quantum", "--quiet", env=TERMINAL).err == ""


def test_search_scores_have_three_decimals():
    scores = [
        hit["match"]["score"]
        for query in (["health", "tech"], ["chemie"], ["kamer", "van", "koophandel"], ["food", "japan"])
        for hit in run("search", *query, "--json").json()
    ]
    assert all(round(s, 3) == s for s in scores)
    assert any(round(s, 2) != s for s in scores)  # the third decimal is kept, not only two


def test_the_match_column_says_why():
    r = run("search", "food", "japan", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(r.out)))
    assert table[0]["id"] == "fevia-vlaanderen"
    match = json.loads(table[0]["match"])  # in csv the JSON object, as --json has it
    assert match["fields"][:2] == ["vocabulary", "domains"] and not match["cross_sector"]
    general = [json.loads(row["match"]) for row in table if json.loads(row["match"])["cross_sector"]]
    assert general
    assert all(m["words"] == ["food", "japan"] and m["fields"] == ["cross_sector"] for m in general)
    labelled = list(
        csv.DictReader(io.StringIO(run("search", "food", "japan", "--format", "csv", "--labels").out))
    )
    assert labelled[0]["match"].startswith("food: food and drink")
    assert all(
        row["match"] == "food, japan (serves every sector)" for row in labelled[len(table) - len(general) :]
    )
    both = list(csv.DictReader(io.StringIO(run("search", "fevia", "vlaanderen", "--format", "csv").out)))
    assert both[0]["id"] == "fevia-vlaanderen"
    # 'vlaanderen', a word of our own names, counts where another word names the partner.
    named = json.loads(both[0]["match"])
    assert named["words"][:2] == ["fevia", "vlaanderen"] and named["fields"][0] == "name"


def test_the_match_column_for_people_names_fields_by_their_headings():
    def matches(*args: str) -> list[str]:
        lines = run("search", *args, "--fields", "id,match").out.splitlines()
        return [line.split("\t")[-1] for line in lines]

    assert matches("food", "japan") == [
        "food: food and drink",
        "food: via flanders.bio",  # Biovia, which flanders.bio is now part of
        "food in what they do",
        "food, japan (serves every sector)",
        "food, japan (serves every sector)",
        "food, japan (serves every sector)",
    ]
    # Dutch headings; a description matched in both languages is named once.
    assert matches("chemie", "--lang", "nl")[0] == "chemie: chemie en kunststoffen"
    assert matches("fevia", "--lang", "nl")[0] == "fevia in de naam"
    assert matches("fevia")[0] == "fevia in the name"
    assert matches("Febeltex")[0] == "febeltex in their history"
    assert matches("bioplastics")[0].endswith("in what they do") or "bioplastics" in matches("bioplastics")[0]
    assert matches("food", "japan", "--lang", "nl")[3] == "food, japan (voor elke sector)"
    # How each word matched: the vocabulary's sector, a slip of the finger, a country.
    assert matches("kaas")[0] == "kaas: food and drink"
    assert matches("logstics")[0] == "logstics, read as logistics"
    assert matches("china")[0] == "china: a chamber for China"
    assert matches("handelsmissie")[1] == "handelsmissie (serves every sector)"
    assert matches("VKW", "Limburg")[0] == "vkw in the name, limburg: their region"
    assert matches("hasselt")[0] == "hasselt: in their region, Limburg"  # the province it is in
    assert matches("genk", "--lang", "nl")[0] == "genk: in hun regio, Limburg"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["kamer", "china"], ["kamer in the name, china: a chamber for China",
                              "kamer in their type, china: a chamber for China"]),
        (["kamer", "china", "--lang", "nl"], ["kamer in de naam, china: een kamer voor China"]),
        (["handelsmissie", "--lang", "nl"], ["handelsmissie (voor elke sector)"] * 2),
        (["exportdocumenten"], ["exportdocumenten: service: begeleiden u graag bij het invullen van uw "
                                "eerste exportdocumenten (https://www.voka.be/diensten/certificaten-van-oorsprong)",
                                "exportdocumenten: doing business abroad"]),
        (["textiel", "logstics"], ["textiel: textile, wood and furniture", "logstics, read as logistics"]),
        (["textiel", "--lang", "nl"], ["textiel: textiel, hout en meubelen"]),
    ],
)  # fmt: skip
def test_the_match_column_word_for_word(args, expected):
    lines = run("search", *args, "--fields", "match", "--quiet").out.splitlines()
    assert lines[: len(expected)] == expected


def test_a_word_one_slip_from_a_country_is_said_not_lost_in_silence():
    r = run("search", "biotech", "Chna")
    assert "\tflanders.bio\t" in r.out.splitlines()[1]  # after Biovia, which it is now part of
    assert r.err == "fitpartners: nothing found for 'chna'; did you mean: china?\n"
    assert run("search", "software", "Inda", "--lang", "nl").err == (
        "fitpartners: niets gevonden voor 'inda'; bedoelde u: india?\n"
    )
    # Filler in a sentence, a word near no country or near one with no chamber (Laos,
    # Mali, Japan), are not worth a line.
    for words in (["biotech", "labs"], ["kaas", "male"], ["kaas", "japn"]):
        assert "nothing found" not in run("search", *words).err, words
    r = run("search", "we", "make", "medical", "devices", "and", "want", "to", "sell", "in", "the", "usa")
    assert "nothing found" not in r.err and r.out
    assert run("search", "kaas", "xyzzy").err == ""


def test_a_market_by_its_adjective_is_the_country():
    r = run("search", "Japanse", "markt")
    assert "no bilateral chamber for Japan" in r.err
    assert run("list", "--country", "duitse", "--json").err.startswith(
        "fitpartners: no bilateral chamber for Germany"
    )
    r = run("search", "japanese", "market", "--json")
    assert "no bilateral chamber for Japan" in r.err and r.json()[0]["id"] == "unizo-internationaal"
    for adjective, chamber in (("chinese", "bcecc"), ("indiaas", "bicci"), ("vietnamese", "bva")):
        assert run("list", "--country", adjective, "--json").json()[0]["id"] == chamber, adjective


def test_a_countrys_name_that_begins_a_term_of_the_vocabulary_is_that_term():
    r = run("search", "french", "fries", "--json")
    assert r.json()[0]["id"] == "fevia-vlaanderen" and "France" not in r.err
    r = run("search", "indie", "games", "--json")  # 'indie' alone is India
    assert r.json()[0]["id"] == "flega" and "bicci" not in [p["id"] for p in r.json()]
    assert run("search", "indie", "--json").json()[0]["id"] == "bicci"


def test_a_country_read_through_a_typo_of_two_of_its_forms_counts_once():
    r = run("search", "Japane", "bier")  # japan and japanse, one edit each
    assert r.err.count("no bilateral chamber for Japan") == 1
    assert r.out.splitlines()[-1].endswith("bier, japane (serves every sector)")


def test_a_known_word_that_finds_no_partner_is_no_suggestion_for_itself():
    import fitpartners

    catalog = fitpartners.load()
    answer = catalog.answer("fairz")  # no word: one slip from words of the data
    assert answer.hits == [] and answer.nearest and "fairz" not in answer.nearest
    assert "fairs" in answer.nearest or "fair" in answer.nearest
    # A real word is no slip: 'fair' and 'schoenen' get no suggestion.
    assert catalog.answer("fair").nearest == [] and catalog.answer("schoenen").nearest == []


def test_a_question_about_what_merged_partners_did_leads_with_the_body_they_are_now():
    """A new user's review: 'medische hulpmiddelen' ranked flanders.healthTech and Medtech
    Flanders first, both now part of Biovia, which was never proposed. The body in no round
    leads, with the evidence of its best partner; they follow it, marked. Not when the
    question names one of them: it asks about that record."""
    r = run("search", "medische", "hulpmiddelen", "naar", "de", "VS", "--json").json()
    assert [(x["id"], x["match"]["merged_into"]) for x in r[:3]] == [
        ("biovia", None),
        ("flanders-healthtech", "biovia"),
        ("medtech-flanders", "flanders-healthtech"),
    ]
    assert r[0]["match"]["rank"] == 1 and r[1]["match"]["rank"] == 2
    assert r[0]["match"]["fields"] == ["successor"]
    assert {(w["how"], w["matched"]) for w in r[0]["match"]["why"]} == {("successor", "Medtech Flanders")}
    said = run("search", "medische", "hulpmiddelen", "--fields", "name,match", "--lang", "nl")
    assert said.out.splitlines()[0] == "Biovia\tmedische, hulpmiddelen: via Medtech Flanders"
    for named in ("medvia", "flanders.bio", "medtech flanders", "MEDVIA"):  # a name, whole
        assert run("search", *named.split(), "--json").json()[0]["id"] != "biovia", named
    for topic in ("medtech", "biotech", "healthtech"):  # a word of a name is a topic too
        assert run("search", topic, "--json").json()[0]["id"] == "biovia", topic
    before = fitpartners_at(dt.date(2022, 6, 1))  # before the mergers: nothing to lead
    assert "biovia" not in [h.partner.id for h in before.search("medische hulpmiddelen")]


def fitpartners_at(day: dt.date) -> Any:
    import fitpartners

    return fitpartners.load(today=day)


def test_a_merged_partner_follows_its_successor_marked_in_the_api():
    import fitpartners

    catalog = fitpartners.load(today=dt.date(2026, 11, 28))
    hits = catalog.search("medvia")
    assert [h.partner.id for h in hits[:2]] == ["flanders-healthtech", "medtech-flanders"]
    # Medtech Flanders became part of MEDVIA, then of Biovia: it follows the nearest that matched.
    assert hits[1].match.merged_into == "flanders-healthtech" and hits[0].match.merged_into is None
    hits = catalog.search("biovia")
    assert [(h.partner.id, h.match.merged_into) for h in hits] == [
        ("biovia", None),
        ("flanders-healthtech", "biovia"),
        ("flanders-bio", "biovia"),
    ]
    # All three of a chain found: Medtech Flanders follows MEDVIA, which follows Biovia.
    # Before, it was left out of the answer: only the hits right after Biovia were placed.
    hits = catalog.search(["medtech", "biovia", "medvia"])
    assert [(h.partner.id, h.match.merged_into) for h in hits[:4]] == [
        ("biovia", None),
        ("flanders-healthtech", "biovia"),
        ("medtech-flanders", "flanders-healthtech"),
        ("flanders-bio", "biovia"),
    ]
    assert len({h.partner.id for h in hits}) == len(hits)
    before = fitpartners.load(today=dt.date(2022, 6, 1))  # the merger was announced in December 2022
    assert all(h.match.merged_into is None for h in before.search("medvia"))
    assert catalog.answer("zzqqxx").nearest == [] and catalog.answer("logistiek").nearest == []
    assert catalog.answer("logistiex").hits[0].partner.id == "vil"
    assert [h.partner.id for h in catalog.search("cleantech", period="2017-2021")][
        0
    ] == "flanders-cleantech-association"
    assert "flanders-cleantech-association" not in [h.partner.id for h in catalog.search("cleantech")]


def test_nothing_found_names_the_words_and_the_place_set_aside_in_every_format():
    # issue 30: never a dead end; the pointer in JSON too, on stderr; --quiet hides it.
    for args in ([], ["--json"]):
        r = run("search", "diamant", "antwerpen", *args)
        assert r.code == 0 and r.out == ("[]\n" if args else "")
        place, away, answer = r.err.splitlines()  # the notes that explain come first
        assert away == "fitpartners: VKW Limburg serves Limburg only: left out for 'antwerpen'"
        assert place == (
            "fitpartners: 'antwerpen' is in Belgium; no partner serves only that area, "
            "so it does not change the answer"
        )
        assert answer.startswith("fitpartners: nothing found for 'diamant'; the partners for every sector: ")
        assert answer.endswith(
            "every sector: UNIZO Internationaal, Voka; or ask FIT itself: https://www.flandersinvestmentandtrade.com"
        )  # VKW Limburg, left out for Antwerp, is offered as help no more
    assert run("search", "diamant", "antwerpen", "--json", "--quiet").err == ""
    nl = run("search", "diamant", "antwerpen", "--lang", "nl").err.splitlines()
    assert nl[0].startswith("fitpartners: 'antwerpen' ligt in België; geen partner werkt alleen")
    assert nl[2].startswith("fitpartners: niets gevonden voor 'diamant'")
    # A name: never read through typos, said as not found.
    assert run("search", "Joy", "Donné").err.startswith("fitpartners: nothing found for 'joy', 'donne';")


def test_a_town_selects_the_partners_of_its_province_and_only_of_its_own():
    """A Belgian town is read as its province (ISO 3166-2, from the place index): Hasselt,
    Genk, Bilzen and Limburg itself select VKW Limburg, which serves Limburg; a town of
    another province, or a name two provinces share, selects nobody and is said."""
    for town in ("Hasselt", "Genk", "Bilzen", "Sint-Truiden", "Limburg"):
        assert ids(find(town)) == ["vkw-limburg"], town
    for town in ("Kortrijk", "Leuven", "Antwerpen", "Ixelles", "Mechele"):  # Mechele: Antwerp and Limburg
        r = run("search", town, "--json")
        assert r.json() == [], town
        assert f"{town.lower()!r} is in Belgium; no partner serves only that area" in r.err


def test_a_partner_of_one_region_is_left_out_for_a_town_elsewhere():
    """A new user's review: VKW Limburg, which serves Limburg only, came first for a company in
    Kortrijk. Named in a town of another province, it is left out and said; a town whose
    province is unknown, or towns of both, keep it; lists of the partners for every sector
    name its region."""
    r = run("search", "KMO", "uit", "Kortrijk", "zoekt", "verdelers", "in", "Duitsland", "--json")
    assert [x["id"] for x in r.json()] == ["unizo-internationaal", "voka"]
    assert "fitpartners: VKW Limburg serves Limburg only: left out for 'kortrijk'" in r.err.splitlines()
    assert "may help: UNIZO Internationaal, Voka\n" in r.err  # not the partner left out
    elsewhere = run("search", "kaas", "Duitsland").err  # no place named: every one offered
    assert "may help: UNIZO Internationaal, VKW Limburg (Limburg), Voka" in elsewhere
    both = run("search", "export", "Hasselt", "en", "Kortrijk", "--json").json()
    assert [x["id"] for x in both] == ["vkw-limburg", "unizo-internationaal", "voka"]
    # Borgerhout: the sources give it Flanders only, so it may be in Limburg; Brussels is no
    # province's but a region of its own.
    assert "vkw-limburg" in ids(find("export Borgerhout"))
    assert ids(find("export Brussel")) == ["unizo-internationaal", "voka"]
    nl = run("search", "export", "vanuit", "Leuven", "--lang", "nl").err
    assert "VKW Limburg werkt alleen in Limburg: weggelaten voor 'leuven'" in nl


def test_capitalised_words_no_list_knows_are_a_name_never_a_typo():
    assert ids(find("fevvia"))[:1] == ["fevia-vlaanderen"]  # a slip, read through a typo
    assert find("Jan Fevvia") == []  # a name: never read as another word
    assert ids(find("Fevvia"))[:1] == ["fevia-vlaanderen"]  # a capital at the start says nothing


def test_words_that_only_join_a_sentence_or_name_the_agency_find_nothing():
    """From a new user's questions: 'vanuit', 'ook', 'sinds' found partners by their names
    and histories; 'FIT' lifted those with 'fit' in what they do."""
    r = run("search", "export", "vanuit", "Genk", "--json")
    assert {x["id"] for x in r.json()} == {"unizo-internationaal", "vkw-limburg", "voka"}
    assert r.json()[0]["id"] == "vkw-limburg"  # Genk is in Limburg, which VKW Limburg serves
    said = [w for x in run("search", "wij", "verkopen", "sinds", "kort", "ook", "online", "--json").json()
            for w in x["match"]["words"]]  # fmt: skip
    assert said and not {"wij", "sinds", "kort", "ook"} & set(said)
    r = run("search", "wat", "kan", "FIT", "voor", "mij", "doen", "--json")
    assert r.json() == [] and "https://www.flandersinvestmentandtrade.com" in r.err


def test_where_a_company_is_and_whom_it_sells_to_lift_no_partner():
    """A second review: 'Genk-based' lifted Fedustria ('based' in its history), 'customers'
    The Beacon; 'Belgium' said there is no chamber for Belgium, and was carried as a word."""
    r = run("search", "we", "are", "a", "Genk-based", "chemical", "company", "looking", "for",
            "customers", "in", "India", "--json")  # fmt: skip
    words = {w for x in r.json() for w in x["match"]["words"]}
    assert not {"based", "customers"} & words and r.json()[0]["id"] == "bicci"
    r = run("search", "family", "business", "in", "Limburg,", "Belgium")
    assert "no bilateral chamber for Belgium" not in r.err and "belgium" not in r.out
    found = run("search", "kaas", "klanten", "--json").json()
    assert "klanten" not in {w for x in found for w in x["match"]["words"]}


def test_a_domain_matched_is_said_as_a_domain():
    """A second review: 'chemical in their type' where the domain matched."""
    cells = run("search", "chemical", "--fields", "name,match").out.splitlines()
    assert "SIM\tchemical in their domains" in cells
    nl = run("search", "chemical", "--fields", "name,match", "--lang", "nl").out
    assert "SIM\tchemical in hun domeinen" in nl
