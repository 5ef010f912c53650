"""The `list` command: which partners it prints and in what order. The filters --type,
--domain, --country and --all-sectors, from the command line down to every label and country
name they accept; --period; --sort; and the notes `list` writes to stderr (the cross-sector
partners a domain filter leaves out, the cross-sector partners for a country without a chamber).
How any command formats its rows is in test_output.py; the rounds, and the note that the last
round has ended, are in test_rounds.py."""

from __future__ import annotations

import pytest

from conftest import TERMINAL, one_line, partner, run
from fitpartners.errors import EXIT_USAGE, BadValue
from fitpartners.labels import DOMAIN_LABELS, DOMAIN_SHORT, SECTOR_LABELS, TYPE_LABELS, fold_words
from fitpartners.search.countries import country_code, country_name
from fitpartners.search.filters import LABEL_WORDS_NL, accepted_labels, domain_ids, type_ids


def names(result) -> list[str]:
    return [p["name"] for p in result.json()]


def test_list_prints_the_21_partners_of_the_current_round():
    r = run("list", "--json")
    assert r.code == 0
    data = r.json()
    assert len(data) == 21
    assert [p["number"] for p in data] == list(range(1, 22))


# -- filters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--domain", "food"], ["Fevia Vlaanderen"]),
        (["--domain", "logistics"], ["VIL"]),
        (
            ["--domain", "health"],
            ["essenscia Vlaanderen", "flanders.healthTech", "flanders.bio", "Medtech Flanders"],
        ),
        (
            ["--domain", "chemistry"],
            ["De Blauwe Cluster", "essenscia Vlaanderen", "Fedustria", "Flux50", "SIM"],
        ),
        (["--domain", "FOOD", "--domain", "smart logistics"], ["Fevia Vlaanderen", "VIL"]),
        (["--type", "chamber"], ["BCECC", "BVA", "BICCI", "VCKK"]),
        (["--type", "chamber", "--country", "china"], ["BCECC", "VCKK"]),
        (["--type", "chamber", "--country", "cn", "--country", "IN"], ["BCECC", "BICCI", "VCKK"]),
        (["--country", "vietnam"], ["BVA"]),
        (
            ["--type", "cluster", "--domain", "health"],
            ["flanders.healthTech", "flanders.bio", "Medtech Flanders"],
        ),
        (["--type", "employers-organisation"], ["VKW Limburg"]),
        (["--type", "werkgeversorganisatie"], ["VKW Limburg"]),
        (["--type", "chamber", "--domain", "food"], []),
    ],
)
def test_filters(args, expected):
    r = run("list", *args, "--json")
    assert r.code == 0, r.err
    assert names(r) == expected


def test_domain_filter_mentions_the_cross_sector_partners_on_stderr():
    r = run("list", "--domain", "food", "--json")
    assert names(r) == ["Fevia Vlaanderen"]
    assert "7 cross-sector partners" in r.err and "--all-sectors" in r.err


def test_all_sectors_adds_the_cross_sector_partners():
    r = run("list", "--domain", "food", "--all-sectors", "--json")
    assert r.code == 0
    assert names(r) == [
        "BCECC",
        "BVA",
        "BICCI",
        "Fevia Vlaanderen",
        "UNIZO Internationaal",
        "VKW Limburg",
        "VCKK",
        "Voka",
    ]
    assert r.err == ""


def test_a_country_without_a_chamber_is_no_error_and_points_to_the_cross_sector_partners():
    r = run("list", "--country", "japan", "--json")
    assert r.code == 0 and r.json() == []
    assert one_line(r.err) and "Japan" in r.err and "Voka" in r.err


def test_a_country_without_a_chamber_suggests_the_partners_for_every_sector_and_country():
    r = run("list", "--country", "japan")
    assert (r.code, r.out) == (0, "")
    assert r.err == (
        "fitpartners: no bilateral chamber for Japan; the partners for every sector may help: "
        "UNIZO Internationaal, VKW Limburg (Limburg), Voka\n"
    )
    # search says it in the same words
    assert run("search", "kaas", "japan").err.endswith(r.err)


def test_each_country_asked_for_without_a_chamber_is_named_whatever_the_others_show():
    r = run("list", "--country", "japan,china,chile", "--json")
    assert [p["id"] for p in r.json()] == ["bcecc", "vckk"]
    assert r.err.splitlines() == [
        "fitpartners: no bilateral chamber for Chile; the partners for every sector may help: "
        "UNIZO Internationaal, VKW Limburg (Limburg), Voka",
        "fitpartners: no bilateral chamber for Japan; the partners for every sector may help: "
        "UNIZO Internationaal, VKW Limburg (Limburg), Voka",
    ]
    # China's chambers left out by another filter: nothing matches, and Japan has none.
    r = run("list", "--country", "japan", "--country", "china", "--type", "cluster", env=TERMINAL)
    assert (r.code, r.out) == (0, "")
    assert r.err.splitlines() == [
        "fitpartners: no partner matches",
        "fitpartners: no bilateral chamber for Japan; the partners for every sector may help: "
        "UNIZO Internationaal, VKW Limburg (Limburg), Voka",
    ]


def test_a_chamber_that_another_filter_left_out_is_no_country_without_a_chamber():
    r = run("list", "--country", "china", "--type", "cluster", env=TERMINAL)
    assert (r.code, r.out, r.err) == (0, "", "fitpartners: no partner matches\n")
    assert run("list", "--country", "china", "--type", "chamber", "--json").json()  # two chambers
    # Where there is none, the other filters do not hide that.
    r = run("list", "--country", "japan", "--type", "cluster", "--json")
    assert r.json() == [] and "no bilateral chamber for Japan" in r.err


def test_the_partners_for_a_country_without_a_chamber_follow_the_period(dataset, write_data):
    voka = partner(dataset, "voka")
    voka["rounds"] = [m for m in voka["rounds"] if m["round"] == "2022-2026"]
    path = write_data(dataset)
    earlier = run("list", "--data", path, "--country", "japan", "--period", "2017-2021")
    now = run("list", "--data", path, "--country", "japan")
    assert earlier.err.endswith("may help: UNIZO Internationaal, VKW Limburg (Limburg)\n")
    assert now.err.endswith("may help: UNIZO Internationaal, VKW Limburg (Limburg), Voka\n")


# -- --period ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("period", "count"), [("2017-2021", 17), ("2022-2026", 21), ("all", 25)])
def test_list_by_period(period, count):
    partners = run("list", "--period", period, "--json").json()
    assert len(partners) == count
    for p in partners:
        rounds = {m["round"] for m in p["rounds"]}
        assert period == "all" or period in rounds


def test_an_unknown_period_names_the_option_and_the_periods():
    r = run("list", "--period", "1999")
    assert (r.code, r.err) == (
        2,
        "fitpartners: invalid value for --period: '1999' (valid: 2017-2021, 2022-2026, all)\n",
    )


# -- --sort ------------------------------------------------------------------------------------


def test_sort():
    from fitpartners.labels import TYPE_LABELS, fold

    by_number = run("list", "--sort", "number", "--json").json()
    assert [p["number"] for p in by_number] == list(range(1, 22))
    by_name = [p["name"] for p in run("list", "--sort", "name", "--json").json()]
    assert by_name == sorted(by_name, key=fold) and by_name != [p["name"] for p in by_number]
    by_type = run("list", "--sort", "type", "--json").json()
    order = list(TYPE_LABELS)
    assert [order.index(p["type"]) for p in by_type] == sorted(order.index(p["type"]) for p in by_type)
    assert len(by_type) == 21
    assert run("list", "--sort", " NAME ", "--json").json() == run("list", "--sort", "name", "--json").json()


@pytest.mark.parametrize("value", ["-name", "name!", "nu-mber", ""])
def test_a_sort_key_is_a_key_as_written_not_as_folded(value):
    """'-name' reads as a descending order, which there is none of: refused, not sorted by name."""
    r = run("list", "--sort", value)
    assert r.code == 2 and r.out == "" and one_line(r.err) and "--sort" in r.err


def test_partners_without_a_number_come_after_the_numbered_ones_by_name():
    # The four partners of 2017-2021 only have no number in any source.
    everyone = [(p["number"], p["name"]) for p in run("list", "--period", "all", "--json").json()]
    assert everyone[:21] == [(n, name) for n, name in everyone[:21] if n is not None]
    assert [n for n, _ in everyone[:21]] == list(range(1, 22))
    assert everyone[21:] == [
        (None, "B-Hive"),
        (None, "Euka"),
        (None, "Flanders Cleantech Association"),
        (None, "Startups.be"),
    ]
    rows = run("list", "--period", "all", "--fields", "number,name").out.splitlines()
    assert rows[20:] == [
        "21\tVoka",
        "\tB-Hive",
        "\tEuka",
        "\tFlanders Cleantech Association",
        "\tStartups.be",
    ]
    # By type: the partners whose type no source gives come last, by name.
    by_type = [p["name"] for p in run("list", "--period", "all", "--sort", "type", "--json").json()]
    assert by_type[21:] == ["B-Hive", "Euka", "Flanders Cleantech Association", "Startups.be"]


def test_sorts_do_not_rely_on_the_files_order(dataset, write_data):
    import random

    random.Random(7).shuffle(dataset["partners"])
    path = write_data(dataset)
    by_number = run("list", "--sort", "number", "--json", "--data", path).json()
    assert [p["number"] for p in by_number] == list(range(1, 22))
    # Within a type, by number: the clusters as the press release lists them.
    clusters = [p["number"] for p in run("list", "--sort", "type", "--json", "--data", path).json()
                if p["type"] == "cluster"]  # fmt: skip
    assert clusters == sorted(clusters) and len(clusters) == 8


# -- type and domain values: every label the tool prints is accepted ---------------------------

TYPES = list(TYPE_LABELS)
DOMAINS = list(DOMAIN_LABELS)


def printed_labels(kind: str) -> list[tuple[str, str]]:
    """(label, id) for every id and label the tool prints: ids, English and Dutch
    labels, domains' short labels."""
    if kind == "type":
        return [(label, tid) for tid, labels in TYPE_LABELS.items() for label in (tid, *labels.values())]
    return [
        (label, did)
        for did, labels in DOMAIN_LABELS.items()
        for label in (did, *labels.values(), DOMAIN_SHORT[did])
    ]


@pytest.mark.parametrize(("label", "tid"), printed_labels("type"))
def test_every_printed_type_label_names_its_type(label, tid):
    assert type_ids([label]) == {tid}
    assert type_ids([label.upper()]) == {tid}


@pytest.mark.parametrize(("label", "did"), printed_labels("domain"))
def test_every_printed_domain_label_names_its_domain(label, did):
    assert domain_ids([label]) == {did}
    assert domain_ids([label.upper()]) == {did}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # plurals, English and Dutch
        ("clusters", {"cluster"}),
        ("chambers", {"bilateral-chamber"}),
        ("federations", {"sector-federation"}),
        ("sector federations", {"sector-federation"}),
        ("sectorfederaties", {"sector-federation"}),
        ("bilateral chambers of commerce", {"bilateral-chamber"}),
        ("kamers", {"bilateral-chamber"}),
        ("bedrijfsnetwerken", {"business-network"}),
        ("werkgeversorganisaties", {"employers-organisation"}),
        ("employer", {"employers-organisation"}),
        ("entrepreneur", {"entrepreneurs-organisation"}),
        # a word or run of words of a label
        ("chamber", {"bilateral-chamber"}),
        ("chamber of commerce", {"bilateral-chamber"}),
        ("kamer van koophandel", {"bilateral-chamber"}),
        ("koophandel", {"bilateral-chamber"}),
        ("network", {"business-network"}),
        ("sector", {"sector-federation"}),
        ("organisation", {"entrepreneurs-organisation", "employers-organisation"}),
        # Dutch heads of the Dutch compounds
        ("federatie", {"sector-federation"}),
        ("netwerk", {"business-network"}),
        ("organisaties", {"entrepreneurs-organisation", "employers-organisation"}),
        ("ondernemers", {"entrepreneurs-organisation"}),
        ("werkgevers", {"employers-organisation"}),
        # case, accents, punctuation
        ("Kamer Van Koophandel", {"bilateral-chamber"}),
        ("SECTORFÉDÉRATIE", {"sector-federation"}),
        ("Entrepreneurs’ Organisation", {"entrepreneurs-organisation"}),
        ("sector_federation", {"sector-federation"}),
        # comma lists, either one
        ("cluster,chamber", {"cluster", "bilateral-chamber"}),
        ("cluster, sector-federation ,", {"cluster", "sector-federation"}),
    ],
)
def test_type_values(value, expected):
    assert type_ids([value]) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("logistics", {"smart-logistics"}),
        ("smart logistics", {"smart-logistics"}),
        ("life sciences", {"life-sciences-health"}),
        ("lifesciences", {"life-sciences-health"}),
        ("chemistry", {"sustainable-materials-chemistry"}),
        ("material", {"sustainable-materials-chemistry"}),
        ("engineering", {"engineering-technology"}),
        # Dutch words for labels that are English in both languages
        ("voeding", {"food"}),
        ("Voedsel", {"food"}),
        ("gezondheid", {"life-sciences-health"}),
        ("zorg", {"life-sciences-health"}),
        ("levenswetenschappen", {"life-sciences-health"}),
        ("logistiek", {"smart-logistics"}),
        ("slimme logistiek", {"smart-logistics"}),
        ("materialen", {"sustainable-materials-chemistry"}),
        ("duurzame materialen", {"sustainable-materials-chemistry"}),
        ("chemie", {"sustainable-materials-chemistry"}),
        ("grondstoffen", {"sustainable-materials-chemistry"}),
        ("technologie", {"engineering-technology"}),
        ("techniek", {"engineering-technology"}),
        # case, accents, lists
        ("FOOD", {"food"}),
        ("Lifesciences & Health", {"life-sciences-health"}),
        ("Solution-Driven Engineering & Technology", {"engineering-technology"}),
        ("food,tech", {"food", "engineering-technology"}),
        ("voeding, logistiek", {"food", "smart-logistics"}),
    ],
)
def test_domain_values(value, expected):
    assert domain_ids([value]) == expected


def test_several_values_add_up():
    assert type_ids(["cluster", "kamers"]) == {"cluster", "bilateral-chamber"}
    assert domain_ids(["food", "health"]) == {"food", "life-sciences-health"}


@pytest.mark.parametrize(
    ("match", "option", "value", "valid"),
    [
        (type_ids, "type", "spearhead", TYPES),
        (type_ids, "type", "of", TYPES),  # a filler word of a label names nothing
        (type_ids, "type", "", TYPES),
        (type_ids, "type", " , ", TYPES),
        (domain_ids, "domain", "chemical", DOMAINS),
        (domain_ids, "domain", "foodie", DOMAINS),
        (domain_ids, "domain", "en", DOMAINS),
    ],
)
def test_an_unknown_value_is_a_usage_error_listing_the_ids(match, option, value, valid):
    with pytest.raises(BadValue) as info:
        match([value])
    err = info.value
    assert err.exit_code == EXIT_USAGE
    assert (err.option, err.value, err.valid) == (option, value, valid)
    assert option in str(err) and ", ".join(valid) in str(err)


def test_the_unknown_item_of_a_list_is_named():
    with pytest.raises(BadValue) as info:
        type_ids(["cluster,nonsense"])
    assert info.value.value == "nonsense"


@pytest.mark.parametrize("kind", ["type", "domain"])
def test_accepted_labels_are_every_id_and_label_in_lower_case(kind):
    accepted = accepted_labels(kind)
    assert accepted == [a.lower() for a in accepted]
    assert len(accepted) == len(set(accepted))
    assert {label.lower() for label, _ in printed_labels(kind)} == set(accepted)
    match = type_ids if kind == "type" else domain_ids
    for label in accepted:
        match([label])  # each is accepted back


def test_dutch_words_translate_to_words_of_the_english_labels():
    english = {
        w
        for labels in (*TYPE_LABELS.values(), *DOMAIN_LABELS.values())
        for w in fold_words(labels["en"] + " " + labels["nl"]).split()
    }
    for dutch, word in LABEL_WORDS_NL.items():
        assert word in english, (dutch, word)
        assert dutch == dutch.casefold()


# -- countries: names and codes from pycountry -------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("japan", "JP"),
        ("Japan", "JP"),
        ("JAPAN", "JP"),
        ("JP", "JP"),
        ("jp", "JP"),
        ("JPN", "JP"),
        ("China", "CN"),
        ("CHN", "CN"),
        ("People's Republic of China", "CN"),  # official name
        ("Volksrepubliek China", "CN"),  # official name in Dutch
        ("Vietnam", "VN"),  # common name
        ("Viet Nam", "VN"),  # ISO name
        ("India", "IN"),
        ("in", "IN"),
        ("Verenigde Staten", "US"),
        ("United States of America", "US"),
        ("België", "BE"),
        ("belgie", "BE"),
        ("Zuid-Korea", "KR"),
        ("south korea", "KR"),
        ("Ivoorkust", "CI"),
        ("cote d'ivoire", "CI"),
        ("  Duitsland ", "DE"),
    ],
)
def test_country_code(value, code):
    assert country_code(value) == code


@pytest.mark.parametrize(
    ("value", "suggested"),
    [("narnia", None), ("japon", "Japan"), ("Chna", "China"), ("Verenigde Staaten", "United States")],
)
def test_an_unknown_country_is_a_usage_error_with_suggestions(value, suggested):
    with pytest.raises(BadValue) as info:
        country_code(value)
    err = info.value
    assert err.exit_code == EXIT_USAGE and err.option == "country" and err.value == value
    assert 1 <= len(err.valid) <= 3
    if suggested is not None:
        assert err.valid[0] == suggested
    assert "did you mean" in str(err)


def test_nothing_close_to_a_country_says_so():
    with pytest.raises(BadValue) as info:
        country_code("qqqqqqqqqqqq")
    assert info.value.valid == [] and "nothing close" in str(info.value)


@pytest.mark.parametrize(
    ("code", "lang", "name"),
    [
        ("VN", "en", "Vietnam"),  # pycountry's common name before "Viet Nam"
        ("VN", "nl", "Vietnam"),
        ("CN", "en", "China"),
        ("CN", "nl", "China"),
        ("IN", "nl", "India"),
        ("US", "en", "United States"),
        ("US", "nl", "Verenigde Staten"),
        ("KR", "en", "South Korea"),
        ("KR", "nl", "Zuid-Korea"),
        ("BE", "nl", "België"),
        ("be", "en", "Belgium"),
        ("XX", "en", "XX"),
    ],
)
def test_country_name(code, lang, name):
    assert country_name(code, lang) == name


@pytest.mark.parametrize("value", ["food", "voeding", "FOOD-DRINK", "voeding en dranken", "dranken"])
def test_a_sector_by_a_word_of_its_label(value):
    r = run("list", "--sector", value, "--json", "--quiet")
    assert r.code == 0 and [p["id"] for p in r.json()] == ["fevia-vlaanderen"]


@pytest.mark.parametrize("sector", list(SECTOR_LABELS), ids=str)
def test_each_sector_by_its_id_and_its_labels_in_both_languages(raw, sector):
    # The partners whose coverage has an item in the sector, read from the file itself.
    covering = [
        p["id"]
        for p in raw["partners"]
        if any(m["round"] == "2022-2026" for m in p["rounds"])
        and any(c["sector"] == sector for c in p["coverage"])
    ]
    assert covering, sector  # every sector has a partner to find
    for value in (sector.value, SECTOR_LABELS[sector]["en"], SECTOR_LABELS[sector]["nl"].upper()):
        r = run("list", "--sector", value, "--json", "--quiet")
        assert sorted(p["id"] for p in r.json()) == sorted(covering), value


@pytest.mark.parametrize(
    "value", ["food,textile, wood and furniture", "textiel, hout en meubelen,voeding,", "textile-wood, food"]
)
def test_a_label_with_a_comma_of_its_own_in_a_list_of_sectors(value):
    r = run("list", "--sector", value, "--json", "--quiet")
    assert r.code == 0 and [p["id"] for p in r.json()] == ["fedustria", "fevia-vlaanderen"]


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        # A value that starts as typed (every shell keeps it): an id, a label, a word of one.
        ("ict", ["ict"]),  # a word of the English label
        ("gezond", ["gezondheidstechnologie"]),  # of the Dutch label
        ("digital,ELEK", ["digital,elektronica"]),  # after a comma, any case
        ("doing", ["doing"]),
        ("internat", ["internationalisation", "internationaal"]),
        ("xyz", []),
    ],
)
def test_sector_completion_by_id_or_either_label(typed, offered):
    env = {"_FITPARTNERS_COMPLETE": "complete_bash", "COMP_WORDS": f"fitpartners list --sector {typed}"}
    r = run(env={**env, "COMP_CWORD": "3"})
    assert (r.code, r.out.split()) == (0, offered)


def test_a_word_of_three_letters_of_one_sectors_labels_names_it():
    r = run("list", "--sector", "ICT", "--json", "--quiet")
    assert r.code == 0 and r.json() == run("list", "--sector", "digital", "--json", "--quiet").json() != []


def test_a_word_of_several_sectors_labels_names_none():
    # "industry" / "technologie" stand in more than one sector's label: no guess.
    r = run("list", "--sector", "and")
    assert r.code == 2 and "invalid value for --sector" in r.err


def test_a_country_is_named_with_its_article_in_a_sentence():
    """A new user's review: 'voor Verenigde Staten', 'for United States'."""
    assert "no bilateral chamber for the United States;" in run("list", "--country", "US").err
    assert "no bilateral chamber for the Netherlands;" in run("list", "--country", "NL").err
    assert "no bilateral chamber for Japan;" in run("list", "--country", "JP").err  # no article
    nl = run("list", "--country", "GB", "--lang", "nl").err
    assert "geen bilaterale kamer van koophandel voor het Verenigd Koninkrijk;" in nl
    nl = run("list", "--country", "AE", "--lang", "nl").err
    assert "voor de Verenigde Arabische Emiraten;" in nl
