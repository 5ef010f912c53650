"""The core commands as a user runs them: list, show, --json, errors and exit codes."""

from __future__ import annotations

import pytest

from conftest import run
from fitpartners import __version__
from fitpartners.vocabulary import PARTNER_FIELDS


def names(result) -> list[str]:
    return [p["name"] for p in result.json()]


def test_list_prints_the_21_partners_of_the_current_round():
    r = run("list", "--json")
    assert r.code == 0
    data = r.json()
    assert len(data) == 21
    assert [p["number"] for p in data] == list(range(1, 22))


def test_list_in_a_pipe_is_one_plain_line_per_partner():
    r = run("list")
    assert r.code == 0
    lines = r.out.splitlines()
    assert len(lines) == 21
    assert lines[20].split("\t")[:3] == ["21", "Voka", "business network"]
    assert "\x1b" not in r.out


def test_list_in_a_terminal_is_a_rich_table():
    r = run("list", env={"TTY_COMPATIBLE": "1", "TERM": "dumb"})
    assert r.code == 0
    assert "number" in r.out.splitlines()[0] and "domains" in r.out.splitlines()[0]
    assert "essenscia Vlaanderen" in r.out and "\x1b" not in r.out


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


def test_an_empty_result_is_an_empty_array_and_success():
    r = run("list", "--type", "chamber", "--domain", "food", "--json")
    assert r.code == 0
    assert r.out == "[]\n"


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--domain", "space"),
        ("--type", "bank"),
        ("--country", "japan"),
        ("--period", "2010-2014"),
        ("--format", "xml"),
        ("--sort", "size"),
        ("--lang", "fr"),
    ],
)
def test_bad_option_values_are_usage_errors_listing_the_valid_ones(option, value):
    r = run("list", option, value)
    assert r.code == 2
    assert r.out == ""
    assert len(r.err.strip().splitlines()) == 1
    assert value in r.err
    valid = {
        "--domain": "food",
        "--type": "cluster",
        "--country": "CN",
        "--period": "2017-2021",
        "--format": "csv",
        "--sort": "name",
        "--lang": "nl",
    }[option]
    assert valid in r.err


def test_unknown_option_and_command_are_usage_errors():
    r = run("list", "--domian", "food")
    assert r.code == 2 and "--domain" in r.err and len(r.err.splitlines()) == 1
    r = run("lsit")
    assert r.code == 2 and "lsit" in r.err


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
        ("Flanders-China Chamber of Commerce", "vckk"),
        ("unizo", "unizo-internationaal"),
        ("b-hive", "b-hive"),
    ],
)
def test_show_resolves_ids_names_aliases_full_names_and_numbers(query, expected):
    r = run("show", query, "--json")
    assert r.code == 0, r.err
    assert r.json()["id"] == expected


def test_show_json_is_one_object_with_every_field():
    r = run("show", "Voka", "--json")
    obj = r.json()
    assert obj["name"] == "Voka" and obj["number"] == 21
    assert list(obj)[:4] == ["id", "number", "name", "full_name"]
    assert obj["description"] == {
        "nl": "het Vlaamse netwerk van ondernemingen",
        "en": "the Flemish network of enterprises",
    }


def test_json_is_utf8_not_ascii_escaped():
    r = run("show", "bcecc", "--json")
    assert "Commerciële" in r.out


def test_show_card_in_a_terminal_has_every_fact_and_its_sources():
    r = run("show", "bcecc", env={"TTY_COMPATIBLE": "1", "TERM": "dumb"})
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
    assert "voka.be/nieuws" in r.out  # the press release, cited


def test_show_without_an_exact_hit_does_not_guess():
    r = run("show", "flandrs")
    assert r.code == 1
    assert r.out == ""
    assert "did you mean" in r.err and "flanders.bio" in r.err
    assert len(r.err.splitlines()) == 1


def test_show_with_nothing_close_says_so():
    r = run("show", "zzzzzz")
    assert r.code == 1 and "no partner named 'zzzzzz'" in r.err


def test_an_ambiguous_name_lists_every_match(dataset, write_data):
    # Give two partners the same alias in a copy; the validator refuses such a file, so
    # the resolver's own guard is tested on a catalog directly.
    from fitpartners.catalog import Catalog
    from fitpartners.errors import NotFound

    dataset["partners"][0]["aliases"] = ["Tech"]
    dataset["partners"][5]["aliases"] = ["Tech"]
    with pytest.raises(NotFound) as info:
        Catalog(dataset).resolve("tech")
    assert "Agoria" in str(info.value) and "DSP Valley" in str(info.value)


def test_version():
    r = run("--version")
    assert r.code == 0 and r.out == f"fitpartners {__version__}\n"


@pytest.mark.parametrize(
    "command",
    ["list", "show", "search", "domains", "types", "matrix", "about", "history", "validate", "schema"],
)
def test_every_command_has_help_with_an_example(command):
    r = run(command, "--help")
    assert r.code == 0
    assert "Example" in r.out


def test_root_help_documents_the_exit_codes():
    r = run("--help")
    assert r.code == 0
    assert "Exit codes" in r.out and "2 usage error" in r.out


def test_no_arguments_shows_help_as_a_usage_error():
    r = run()
    assert r.code == 2
    assert "Usage" in r.err


def test_a_later_name_shared_with_another_partner_is_ambiguous_on_the_command_line(dataset, write_data):
    # A rename to a name another partner has: both are listed, nothing is guessed.
    dataset["partners"][0]["events"] = [
        {
            "date": "2025-01-01",
            "kind": "renamed",
            "text": "Renamed Voka.",
            "new_name": "Voka",
            "partner": None,
            "sources": ["press-release-2021-11-26"],
        }
    ]
    r = run("show", "voka", "--data", write_data(dataset))
    assert r.code == 1 and r.out == ""
    assert "more than one partner" in r.err and "Voka" in r.err and "Agoria" in r.err


def test_schema_is_the_json_schema_of_the_models():
    r = run("schema")
    assert r.code == 0
    assert run("schema", "--json").out == r.out
    schema = r.json()
    assert schema["$schema"].startswith("https://json-schema.org/")
    partner = schema["$defs"]["Partner"]
    assert partner["additionalProperties"] is False
    assert list(partner["properties"]) == list(PARTNER_FIELDS)
    assert schema["$defs"]["PartnerType"]["enum"] == [
        "sector-federation",
        "cluster",
        "bilateral-chamber",
        "business-network",
        "entrepreneurs-organisation",
        "employers-organisation",
    ]


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["validate", "/nonexistent/partners.json"], 1, "cannot read"),
        (["about", "--lang", "fr"], 2, "'en', 'nl'"),
        (["show"], 2, "Missing argument"),
        (["search"], 2, "Missing argument"),
        (["schema", "--format", "csv"], 2, "--format"),
        (["types", "--period", "1990-1994"], 2, "2022-2026"),
        (["history", "--fields", "when"], 2, "continued"),
    ],
)
def test_bad_input_to_every_command(args, code, fragment):
    r = run(*args)
    assert r.code == code, r.err
    assert r.out == ""
    assert fragment in r.err and len(r.err.strip().splitlines()) == 1
