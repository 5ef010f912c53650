"""The core commands as a user runs them: list, show, --json, errors and exit codes."""

from __future__ import annotations

import json

import pytest

from conftest import TERMINAL, one_line, partner, run
from fitpartners import __version__
from fitpartners.models import PARTNER_FIELDS, Dataset


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
    r = run("list", env=TERMINAL)
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
        ("--country", "chna"),
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
    assert one_line(r.err)
    assert value in r.err
    valid = {
        "--domain": "food",
        "--type": "cluster",
        "--country": "China",
        "--period": "2017-2021",
        "--format": "csv",
        "--sort": "name",
        "--lang": "nl",
    }[option]
    assert valid in r.err


def test_a_country_without_a_chamber_is_no_error_and_points_to_the_general_partners():
    r = run("list", "--country", "japan", "--json")
    assert r.code == 0 and r.json() == []
    assert one_line(r.err) and "Japan" in r.err and "Voka" in r.err


def test_unknown_option_and_command_are_usage_errors():
    r = run("list", "--domian", "food")
    assert r.code == 2 and "--domain" in r.err and one_line(r.err)
    r = run("lsit")
    assert r.code == 2 and "lsit" in r.err and "list" in r.err and one_line(r.err)


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
    assert r.code == 2 and r.out == ""
    assert "Usage" in r.err


def test_a_later_name_shared_with_another_partner_is_refused_and_never_guessed(dataset, write_data):
    # A rename to a name another partner has: the validator names both records, and the
    # resolver, on a catalog that skipped the validator, lists both.
    from fitpartners.errors import NotFound

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
    assert r.code == 1 and r.out == "" and one_line(r.err)
    assert "partners[20] (voka)" in r.err and "partners[0] (agoria)" in r.err and "'voka'" in r.err.lower()
    with pytest.raises(NotFound) as info:
        catalog_of(dataset).resolve("voka")
    assert "more than one partner" in str(info.value)
    assert "Voka" in str(info.value) and "Agoria" in str(info.value)


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
        (["list", "--country", "xx"], 2, "nothing close"),
        (["show", "99"], 1, "1 to 21"),
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
    assert fragment in r.err and one_line(r.err)
    assert r.err.startswith("fitpartners: ")


@pytest.fixture
def failing(monkeypatch):
    """Make every command that reads the data fail with the given exception."""

    def make(exc: BaseException) -> None:
        def fail(*args, **kwargs):
            raise exc

        monkeypatch.setattr("fitpartners.catalog.Catalog.__init__", fail)

    return make


@pytest.mark.parametrize("command", [["list"], ["show", "voka"], ["about", "--json"]], ids=lambda c: c[0])
def test_an_interrupt_inside_a_command_is_exit_130_and_one_line(failing, command):
    failing(KeyboardInterrupt())
    r = run(*command)
    assert r.code == 130
    assert r.out == "" and r.err == "fitpartners: interrupted\n"


def test_a_bug_is_exit_70_and_one_line_unless_debugging(failing):
    failing(RuntimeError("boom"))
    r = run("list", "--json")
    assert r.code == 70 and r.out == ""
    assert (
        r.err == "fitpartners: internal error: RuntimeError: boom (set FITPARTNERS_DEBUG=1 for a traceback)\n"
    )
    with pytest.raises(RuntimeError, match="boom"):
        run("list", "--json", env={"FITPARTNERS_DEBUG": "1"})


def test_errors_the_user_causes_are_not_bugs_even_when_debugging():
    r = run("show", "nobody", env={"FITPARTNERS_DEBUG": "1"})
    assert r.code == 1 and one_line(r.err)
    r = run("list", "--domain", "space", env={"FITPARTNERS_DEBUG": "1"})
    assert r.code == 2 and one_line(r.err)
