"""The `show` command: how a query names one partner (id, name, alias, full, former or later
name, number), what happens when it names none or several (suggestions, never a guess; every
match of an ambiguous name), and the card it prints: in a terminal, in a pipe, limited by
--fields and as JSON, with its sources in full. The resolver's rules one by one
(fitpartners.catalog.resolve_name) are at the end; what became of a partner (renamed,
merged) is in test_rounds.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import DATA_FILE, TERMINAL, one_line, partner, run
from fitpartners.catalog import resolve_name
from fitpartners.dataset.models import Dataset
from fitpartners.errors import NotFound

# -- resolving a name --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Voka", "voka"),
        ("voka", "voka"),
        ("flanders bio", "flanders-bio"),
        ("FLANDERS.HEALTHTECH", "flanders-healthtech"),
        ("vkw", "vkw-limburg"),
        ("21", "voka"),
        ("7", "essenscia-vlaanderen"),
        ("Belgian-Chinese Economic & Commercial Council", "bcecc"),
        ("essenscia", "essenscia-vlaanderen"),
        ("fabrimetal", "agoria"),
        ("Vlaams-Chinese Kamer van Koophandel", "vckk"),
        ("unizo", "unizo-internationaal"),
        ("b-hive", "b-hive"),
    ],
)
def test_show_resolves_ids_names_aliases_full_names_and_numbers(query, expected):
    r = run("show", query, "--json")
    assert r.code == 0, r.err
    assert r.json()["id"] == expected


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


def test_show_without_an_exact_hit_does_not_guess():
    r = run("show", "flandrs")
    assert r.code == 1
    assert r.out == ""
    assert "did you mean" in r.err and "flanders.bio" in r.err
    assert one_line(r.err)


def test_show_with_nothing_close_says_so():
    r = run("show", "zzzzzz")
    assert r.code == 1 and r.out == ""
    assert r.err == "fitpartners: no partner named 'zzzzzz'\n"


def catalog_of(data: dict) -> object:
    """A catalog on a dataset the validator would refuse: the models' schema only."""
    from fitpartners.catalog import Catalog

    return Catalog(Dataset.model_validate_json(json.dumps(data)))


def test_an_ambiguous_name_lists_every_match(dataset):
    # Give two partners the same alias in a copy; the validator refuses such a file, so
    # the resolver's own guard is tested on a catalog directly.
    from fitpartners.errors import NotFound

    dataset["partners"][0]["aliases"] = ["Tech"]
    dataset["partners"][5]["aliases"] = ["Tech"]
    with pytest.raises(NotFound) as info:
        catalog_of(dataset).resolve("tech")
    assert "Agoria" in str(info.value) and "DSP Valley" in str(info.value)


def test_a_later_name_shared_with_another_partner_is_refused_and_never_guessed(dataset, write_data):
    # A rename to a name another partner has: the validator names both records, and the
    # resolver, on a catalog that skipped the validator, lists both.
    from fitpartners.errors import NotFound

    dataset["partners"][0]["events"] = [
        {
            "date": "2025-01-01",
            "kind": "renamed",
            "text": {"nl": "Hernoemd tot Voka.", "en": "Renamed Voka."},
            "translated": ["en"],
            "new_name": "Voka",
            "partner": None,
            "sources": ["press-release-2021-11-26"],
        }
    ]
    r = run("show", "voka", "--data", write_data(dataset))
    assert r.code == 1 and r.out == "" and one_line(r.err)
    assert "partners[20] (voka)" in r.err and "partners[0] (agoria)" in r.err and "'voka'" in r.err.lower()
    with pytest.raises(NotFound) as info:
        catalog_of(dataset).resolve("voka")
    assert "more than one partner" in str(info.value)
    assert "Voka" in str(info.value) and "Agoria" in str(info.value)


# -- the card ----------------------------------------------------------------------------------


def test_show_json_is_one_object_with_every_field():
    r = run("show", "Voka", "--json")
    obj = r.json()
    assert obj["name"] == "Voka" and obj["number"] == 21
    assert list(obj)[:4] == ["id", "number", "name", "full_name"]
    assert obj["description"] == {
        "nl": "het Vlaamse netwerk van ondernemingen",
        "en": "the Flemish network of enterprises",
    }


PRESS_RELEASE = {
    "url": "https://www.voka.be/nieuws/fit-breekt-samen-met-voka-een-lans-voor-meer-internationalisering-groei-en-welvaart",
    "title": "FIT breekt samen met Voka een lans voor meer internationalisering, groei en welvaart",
}


def test_show_json_resolves_the_sources_in_full():
    voka = run("show", "voka", "--json").json()
    cited = [s for sources in voka["sources"].values() for s in sources]
    press = [s for s in cited if s["url"] == PRESS_RELEASE["url"]]
    assert press, cited
    assert press[0]["title"] == PRESS_RELEASE["title"]
    assert press[0]["publisher"] == "Voka" and press[0]["date"] == "2021-11-26"
    assert set(press[0]) == {"id", "publisher", "title", "url", "date", "kind"}
    assert press[0]["kind"] == "fit"  # FIT's press release, wherever it is published
    assert any(s["url"] == PRESS_RELEASE["url"] for s in voka["sources"]["name"])


def test_show_card_in_a_terminal_has_every_fact_and_its_sources(raw):
    r = run("show", "bcecc", env={**TERMINAL, "COLUMNS": "80"})
    assert r.code == 0
    for text in (
        "#2 BCECC",
        "Belgian-Chinese Economic & Commercial Council",
        "bilateral chamber of commerce",
        "China (CN)",
        "https://bcecc.be",
        "partner 2017-2021",
        "editorial",
    ):
        assert text in r.out, text
    # Every source cited, its address whole on one line however narrow the terminal.
    lines = r.out.splitlines()
    for sid in {s for ids in partner(raw, "bcecc")["sources"].values() for s in ids} - {"editorial"}:
        url = next(s["url"] for s in raw["sources"] if s["id"] == sid)
        assert any(line.strip() == url for line in lines), url


def test_show_in_a_pipe_is_the_card_as_plain_lines():
    r = run("show", "voka")
    assert r.code == 0 and r.err == ""
    lines = r.out.splitlines()
    assert lines[0] == "name: Voka [1]"
    assert (
        "also known as: Vlaams netwerk van ondernemingen; Flemish Network of Enterprises; "
        "Voka – Kamer van Koophandel [2][3]"
    ) in lines
    assert "website: https://voka.be [1]" in lines
    at = lines.index("sources:")
    assert lines[at + 1].startswith("[1] Voka (FIT), 2021-11-26, ") and lines[at + 1].endswith(
        PRESS_RELEASE["url"]
    )
    assert lines[-2] == "[E] editorial: our judgement from the description, not FIT's"
    assert lines[-1] == "[T] our translation: the page does not say it in this language"  # a note of HLN's
    assert "\x1b" not in r.out and "\t" not in r.out
    assert run("show", "voka", "--format", "table").out == r.out


def test_show_fields_limits_the_card_and_tsv_gives_the_row():
    assert run("show", "voka", "--fields", "name,website").out == "Voka\thttps://voka.be\n"
    tsv = run("show", "voka", "--format", "tsv").out.splitlines()
    assert len(tsv) == 2 and tsv[1].startswith("voka\t21\tVoka\t")


def test_partners_of_the_previous_round_only_have_no_invented_facts():
    r = run("show", "Euka", "--json")
    assert r.code == 0
    euka = r.json()
    assert euka["type"] is None and euka["domains"] == [] and euka["rounds"][0]["round"] == "2017-2021"
    card = run("show", "Euka", env=TERMINAL).out
    assert "not in the sources" in card and "not verified" in card


@pytest.mark.parametrize("typed", ["1.0", "1,9", "-1", "11.1", "2 1"])
def test_a_number_is_a_number_as_typed(typed):
    r = run("show", "--", typed)
    assert r.code == 1 and r.out == "" and f"no partner named {typed!r}" in r.err


def test_a_number_as_a_card_shows_it():
    """A new user's review: `show '#21'` was refused, though the card's heading says '#21 Voka'."""
    assert run("show", "#21", "--json").json()["id"] == "voka"
    assert run("show", " #4 ", "--json").json()["id"] == "bicci"
    assert "numbers run from 1 to 21" in run("show", "#99").err
    assert run("show", "#x").code == 1 and run("show", "##21").code == 1  # only '#' and digits


def test_the_api_takes_a_number_as_an_int_and_today_as_text():
    import fitpartners

    catalog = fitpartners.load(today="2027-01-01")
    assert catalog.lookup(21).id == "voka" and catalog.today.isoformat() == "2027-01-01"
    with pytest.raises(ValueError):
        fitpartners.load(today="soon")


# -- the plain card, word for word -----------------------------------------------------------------
# tests/golden/ holds cards as a pipe prints them, checked by eye against the data when written;
# the sources they end with are checked against the data here too.

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize(
    ("args", "golden", "heading"),
    [
        (["bcecc"], "card-bcecc.txt", "sources:"),
        (["dsp-valley", "--lang", "nl"], "card-dsp-valley-nl.txt", "bronnen:"),
        (["medtech-flanders"], "card-medtech-flanders.txt", "sources:"),
    ],
)
def test_the_plain_card_word_for_word(raw, args, golden, heading):
    out = run("show", *args).out
    assert out == (GOLDEN / golden).read_text(encoding="utf-8")
    # Each numbered source is a source of the data, written as publisher (who that is),
    # date, title, address.
    by_text = {
        ", ".join(x for x in (s["publisher"], s["date"], s["title"], s["url"]) if x): s
        for s in raw["sources"]
    }
    kinds = {"own page", "FIT", "press", "other", "government", "eigen pagina", "pers", "andere", "overheid"}
    listed = out.split(heading + "\n", 1)[1].splitlines()
    numbered = [line for line in listed if not line.startswith(("[E]", "[T]"))]
    for n, line in enumerate(numbered, 1):
        mark, _, rest = line.partition(" ")
        said = re.search(r" \(([^)]*)\),", rest)
        assert said and (said.group(1) in kinds or said.group(1).startswith(("page of ", "pagina van "))), (
            line
        )
        assert mark == f"[{n}]" and rest.replace(said.group(0), ",", 1) in by_text, line


def test_the_card_of_a_merged_partner_says_so_first():
    assert run("show", "medtech-flanders").out.startswith("now: part of Biovia\nchain: Medtech Flanders -> ")
    assert run("show", "medvia").out.startswith("now: part of Biovia\nchain: flanders.healthTech -> ")
    in_2024 = {"FITPARTNERS_TODAY": "2024-06-01"}
    assert run("show", "medtech-flanders", env=in_2024).out.startswith(
        "now: part of MEDVIA (merged 2022-12-13)\n"
    )
    assert run("show", "medvia", env=in_2024).out.startswith("now: MEDVIA (renamed 2022-05-17)\n")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["sim"], "full name: Strategisch Initiatief Materialen / Strategic Initiative Materials [2][3]"),
        (["bva"], "full name: Belgian-Vietnamese Alliance [1]"),  # a full name in English only
        (
            ["vckk"],
            "full name: Vlaams-Chinese Kamer van Koophandel / Flanders-China Chamber of Commerce [1][2]",
        ),
        (["flanders-bio", "--lang", "nl"], "domeinen: lifesciences & health [E]"),  # the Dutch label
        (["b-hive"], "type: not in the sources"),
        (["bva"], "website: not verified"),
        (["vil"], "type: cluster (spearhead cluster) [1]"),
        (["medvia"], "2022-05-17: Renamed MEDVIA. [1]"),  # an event that names no other partner
        (["flanders-bio"], "website of Biovia: not verified"),  # the present body's, before its own
        (["biovia"], "partner: in no round: it continues partners of the programme"),
    ],
)
def test_card_lines_for_what_a_partner_has_or_lacks(args, line):
    assert line in run("show", *args).out.splitlines()


def test_a_card_gives_both_full_names_and_the_country_in_its_language(dataset, write_data):
    """A full name known in both languages is one line, Dutch / English, in either language
    of the card; the country is named in the card's language, its code after it."""
    bcecc = partner(dataset, "bcecc")
    dutch, english = "Belgisch-Chinese Raad voor Economie en Handel", "Belgian-Chinese Council"
    bcecc["full_name"] = {"nl": dutch, "en": english}
    bcecc["country"] = "DE"
    path = write_data(dataset)
    en = run("show", "bcecc", "--data", path).out.splitlines()
    nl = run("show", "bcecc", "--data", path, "--lang", "nl").out.splitlines()
    both = f"{dutch} / {english} [1]"
    assert f"full name: {both}" in en and "country: Germany (DE) [1]" in en
    assert f"volledige naam: {both}" in nl and "land: Duitsland (DE) [1]" in nl


# -- resolving a name (catalog.resolve_name) ---------------------------------------------------


PARTNERS = Dataset.model_validate_json(DATA_FILE.read_bytes()).partners
BY_ID = {p.id: p for p in PARTNERS}
COUNT = max(p.number for p in PARTNERS if p.number is not None)


def resolved(query: str) -> tuple[str, str | None]:
    r = resolve_name(PARTNERS, query, COUNT)
    return r.partner.id, r.note


@pytest.mark.parametrize(
    ("query", "pid"),
    [
        ("voka", "voka"),
        ("VOKA", "voka"),
        ("the-beacon", "the-beacon"),
        ("The Beacon", "the-beacon"),
        ("16", "the-beacon"),
        ("016", "the-beacon"),
        ("Fabrimétal", "agoria"),
        ("fabrimetal", "agoria"),
        ("FLANDERS HEALTHTECH", "flanders-healthtech"),
        ("Strategisch Initiatief Materialen", "sim"),
        ("essenscia", "essenscia-vlaanderen"),
        ("b-hive", "b-hive"),  # an earlier round's partner
        # the data writes '&', people type '&', 'and' or neither
        ("Belgian-Chinese Economic and Commercial Council", "bcecc"),
        ("belgian-chinese-economic-commercial-council", "bcecc"),
        ("Belgo-Indian Chamber of Commerce Industry", "bicci"),
        ("belgo-indian chamber of commerce and industry", "bicci"),
        ("Belgo-Indian Chamber of Commerce & Industry", "bicci"),
        ("BICC&I", "bicci"),
    ],
)
def test_resolve_an_exact_name_without_a_note(query, pid):
    assert resolved(query) == (pid, None)


def test_resolve_a_later_name_with_its_note():
    pid, note = resolved("MEDVIA")
    assert pid == "flanders-healthtech"
    assert note == BY_ID["flanders-healthtech"].later_names()[0].note
    assert note is not None and "MEDVIA" in note


@pytest.mark.parametrize(
    ("query", "pid", "name"),
    [
        ("beacon", "the-beacon", "The Beacon"),
        ("de blauwe", "de-blauwe-cluster", "De Blauwe Cluster"),
        ("healthtech", "flanders-healthtech", "flanders.healthTech"),
        ("Flanders-H", "flanders-healthtech", "flanders.healthTech"),
        ("strategisch", "sim", "SIM"),
        ("economic and comm", "bcecc", "BCECC"),
        ("economic comm", "bcecc", "BCECC"),
    ],
)
def test_resolve_a_unique_prefix_with_a_note(query, pid, name):
    assert resolved(query) == (pid, f"{query!r} taken as {name}")


def test_resolve_a_prefix_of_a_later_name_says_so():
    pid, note = resolved("medv")
    assert pid == "flanders-healthtech"
    assert note is not None and note.startswith("'medv' taken as flanders.healthTech") and "MEDVIA" in note


def test_resolve_an_ambiguous_prefix_lists_the_candidates():
    with pytest.raises(NotFound) as info:
        resolve_name(PARTNERS, "flanders", COUNT)
    message = str(info.value)
    assert message.startswith("'flanders' names more than one partner: flanders.healthTech, flanders.bio, ")
    assert "Medtech Flanders" in message and "Flanders Cleantech Association" in message
    assert "VCKK" in message  # its English name: Flanders-China Chamber of Commerce
    assert "Voka" not in message and message.endswith("; be more specific")


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("china", "BCECC, VCKK"),  # begins VCKK's English name; BCECC's country too
        ("cluster", "De Blauwe Cluster, DSP Valley, flanders.healthTech, flanders.bio, Flux50, "),
        ("health", "essenscia Vlaanderen, flanders.healthTech, flanders.bio, Medtech Flanders"),  # a domain
    ],
)
def test_a_word_that_names_a_kind_of_several_partners_is_not_taken_as_one(query, names):
    with pytest.raises(NotFound) as info:
        resolve_name(PARTNERS, query, COUNT)
    assert str(info.value).startswith(f"{query!r} names more than one partner: {names}")
    r = run("show", query, "--json")
    assert (r.code, r.out) == (1, "") and "names more than one partner" in r.err


@pytest.mark.parametrize(
    ("query", "pid"),
    [
        ("beacon", "the-beacon"),
        ("biovia", "biovia"),
        ("vok", "voka"),
        ("vietnam", "bva"),
        ("fedi", "essenscia-vlaanderen"),
    ],
)
def test_a_word_that_names_no_kind_of_the_partner_is_still_taken_as_it(query, pid):
    assert resolved(query)[0] == pid


def test_a_word_that_names_a_kind_the_partner_found_is_not_of_is_taken_as_it():
    # A sector federation named "Cluster Tools" among two clusters: 'cluster' is its name.
    partners = [
        BY_ID["agoria"].model_copy(update={"name": "Cluster Tools"}),
        BY_ID["dsp-valley"],
        BY_ID["flux50"].model_copy(update={"former_names": []}),  # not the Flemish Energy Cluster
    ]
    assert resolve_name(partners, "cluster", COUNT).partner.id == "agoria"


def test_resolve_an_exact_name_shared_by_two_partners_lists_both():
    # model_copy does not validate: a partner like another, with an alias changed.
    twins = [BY_ID[pid].model_copy(update={"aliases": ["Tech"]}) for pid in ("agoria", "dsp-valley")]
    with pytest.raises(NotFound, match="'tech' names more than one partner: Agoria, DSP Valley"):
        resolve_name(twins, "tech", COUNT)


@pytest.mark.parametrize("query", ["22", "0", "99999999999999999999999999"])
def test_resolve_a_number_out_of_range(query):
    with pytest.raises(NotFound) as info:
        resolve_name(PARTNERS, query, COUNT)
    assert str(info.value) == f"no partner number {int(query)} (numbers run from 1 to 21)"


def test_resolve_an_exact_name_of_two_lists_those_two_not_names_that_start_with_it():
    tech = {"agoria": ["Tech"], "dsp-valley": ["Tech"], "sim": ["Technology Platform"]}
    partners = [BY_ID[pid].model_copy(update={"aliases": aliases}) for pid, aliases in tech.items()]
    with pytest.raises(NotFound) as info:
        resolve_name(partners, "tech", COUNT)
    assert str(info.value) == "'tech' names more than one partner: Agoria, DSP Valley; be more specific"
    assert info.value.candidates == ["Agoria", "DSP Valley"]


def test_kamer_names_the_chambers_and_voka_whose_name_holds_it():
    # 'kamer' names the bilateral chambers (a type) and begins a word of VCKK's name (Vlaams-Chinese
    # Kamer van Koophandel) and of Voka's (Voka – Kamer van Koophandel).
    with pytest.raises(
        NotFound,
        match="^'kamer' names more than one partner: BCECC, BVA, BICCI, VCKK, Voka; be more specific$",
    ):
        resolve_name(PARTNERS, "kamer", COUNT)


def test_resolve_a_prefix_of_two_names_lists_both():
    with pytest.raises(NotFound) as info:
        resolve_name(PARTNERS, "me", COUNT)
    assert (
        str(info.value)
        == "'me' names more than one partner: flanders.healthTech, Medtech Flanders; be more specific"
    )


def test_the_partner_a_partial_name_was_taken_as_is_said_with_text_not_with_json():
    expected = "fitpartners: 'beacon' taken as The Beacon\n"
    assert run("show", "beacon", env=TERMINAL).err == expected
    assert run("show", "beacon").err == expected  # plain text in a pipe
    assert run("show", "beacon", "--json").err == ""
    assert run("show", "beacon", "--quiet").err == ""


def test_resolve_words_that_begin_later_words_of_a_name():
    """'cleantech association' begins the second and third words of Flanders Cleantech
    Association: each query word the start of the name's next word."""
    assert resolved("cleantech association") == (
        "flanders-cleantech-association",
        "'cleantech association' taken as Flanders Cleantech Association",
    )
    with pytest.raises(NotFound):
        resolve_name(PARTNERS, "association cleantech", COUNT)  # in the name's order only


def test_resolve_suggests_close_names_only_as_a_hint():
    with pytest.raises(NotFound) as info:
        resolve_name(PARTNERS, "flandrs", COUNT)
    message = str(info.value)
    assert message.startswith("no partner named 'flandrs'; did you mean: ")
    suggestions = message.split("did you mean: ")[1].rstrip("?").split(", ")
    assert "flanders.bio" in suggestions and len(suggestions) <= 3
    with pytest.raises(NotFound, match="^no partner named 'fevai'; did you mean: Fevia Vlaanderen"):
        resolve_name(PARTNERS, "fevai", COUNT)


@pytest.mark.parametrize("query", ["zzzzzz", "", "  ", "&&"])
def test_resolve_nothing_close(query):
    with pytest.raises(NotFound) as info:
        resolve_name(PARTNERS, query, COUNT)
    assert str(info.value) == f"no partner named {query!r}"


# -- the present, other names, what a card says of each source -----------------------------------


@pytest.mark.parametrize(
    ("typed", "pid"),
    [
        ("Vlaamse Energiecluster", "flux50"),
        ("flemish energy cluster", "flux50"),
        ("Fedichem", "essenscia-vlaanderen"),
        ("Vlaams Instituut voor de Logistiek", "vil"),
        ("Flemish Institute for Logistics", "vil"),
        ("blue cluster", "de-blauwe-cluster"),
        ("Flemish Game Association", "flega"),
        ("biovia", "biovia"),
        ("FBM vzw", "biovia"),
    ],
)
def test_a_former_or_other_name_a_page_states_finds_the_partner(typed, pid):
    r = run("show", typed, "--json")
    assert r.code == 0 and r.json()["id"] == pid, r.err


def test_the_present_website_comes_before_the_former_ones():
    lines = run("show", "medvia").out.splitlines()
    heads = [line.split(":", 1)[0] for line in lines]
    # Biovia's (no stored page gives it), then MEDVIA's own, then flanders.healthTech's.
    assert heads.index("website of Biovia") < heads.index("website") < heads.index("former website")
    assert "website of Biovia: not verified" in lines
    assert "website: https://medvia.be [1]" in lines
    assert any(line.startswith("former website: https://flandershealth.tech ") for line in lines)
    json_card = run("show", "medvia", "--json").json()
    assert json_card["website"] == "https://medvia.be"
    assert json_card["former_websites"] == ["https://flandershealth.tech"]


def test_the_card_of_biovia_names_the_partners_it_continues():
    lines = run("show", "biovia").out.splitlines()
    continues = [line for line in lines if line.startswith("continues: ")]
    assert [line.split(" -> ")[0] for line in continues] == [
        "continues: flanders.healthTech",
        "continues: flanders.bio",
        "continues: Medtech Flanders",
    ]
    assert all(" -> Biovia (merged; date not stated by the page) " in line for line in continues)
    assert "partner: in no round: it continues partners of the programme" in lines
    assert "website: not verified" in lines


def test_a_region_is_on_the_card_with_its_page():
    lines = run("show", "vkw-limburg").out.splitlines()
    assert any(re.fullmatch(r"region: Limburg \[\d+\]\[\d+\]", line) for line in lines)
    assert any(
        line.startswith("regio: Limburg [")
        for line in run("show", "vkw-limburg", "--lang", "nl").out.splitlines()
    )
    assert run("show", "vkw-limburg", "--json").json()["regions"][0]["name"] == {
        "nl": "Limburg",
        "en": "Limburg",
    }


def test_the_card_says_who_published_each_source():
    """'own page' where the page is the partner's own, 'page of NAME' where it is another
    partner's, and FIT, government, press or other: as the data's kind says."""
    lines = run("show", "flux50").out.splitlines()
    listed = lines[lines.index("sources:") + 1 :]
    assert any(line.startswith("[") and " Flux50 (own page), " in line for line in listed)
    assert any(" Voka (page of Voka), 2017-05-11, " in line for line in listed)  # Voka's page on Flux50
    assert any(" Voka (FIT), 2021-11-26, " in line for line in listed)  # FIT's release, on voka.be
    assert any(" DVO (press), " in line for line in listed)
    dutch = run("show", "flux50", "--lang", "nl").out
    assert "Flux50 (eigen pagina)" in dutch and "Voka (pagina van Voka)" in dutch and "DVO (pers)" in dutch
    assert run("show", "flux50", "--json").json()["sources"]["former_names"][2]["kind"] == "voka"


def test_the_services_are_on_the_card_and_in_list_json_with_their_page():
    card = run("show", "unizo-internationaal").out.splitlines()
    assert "covers: Ook UNIZO Internationaal was er van 20 tot 25 mei bij (doing business abroad) [4]" in card
    listed = {p["id"]: p for p in run("list", "--json").json()}
    for pid in ("voka", "unizo-internationaal", "vkw-limburg", "bcecc", "bva", "bicci", "vckk"):
        services = [c for c in listed[pid]["coverage"] if c["sector"] == "internationalisation"]
        assert services and all(c["sources"] for c in services), pid
    ata = next(c for c in listed["voka"]["coverage"] if "ATA-carnets" in c["text"])
    assert ata["sources"] == ["voka-ata"]
    catalog_source = next(s for s in run("about", "--json").json()["sources"] if s["id"] == "voka-ata")
    assert catalog_source["url"] == "https://www.voka.be/diensten/ata" and catalog_source["kind"] == "voka"


def test_a_name_of_several_words_without_quotes_is_said_with_the_command_to_paste():
    """A new user's review: `show VKW Limburg` said only 'unexpected extra arguments'."""
    r = run("show", "VKW", "Limburg")
    assert r.code == 2 and r.out == ""
    assert r.err.startswith(
        "fitpartners: unexpected extra arguments: Limburg; a name of several words goes in quotes: "
        "fitpartners show 'VKW Limburg'"
    )
    nl = run("show", "De", "Blauwe", "Cluster", "--lang", "nl").err
    assert "tussen aanhalingstekens: fitpartners show 'De Blauwe Cluster'" in nl
    # Another command's extra argument is said as before.
    assert "goes in quotes" not in run("list", "extra").err
