"""The `validate` and `schema` commands. validate: the bundled file, a file, stdin and the
dataset of FITPARTNERS_DATA; a line per problem naming the record (rounds, sources and partners
by their id) and the field, the count on stderr, --limit and --json; a file or record that is
no object; problems reported once, with the others still checked. schema: the JSON Schema of
the models. The cross-record rules one by one are in test_validator.py; what the other
commands do with an invalid dataset is in test_bad_input.py."""

from __future__ import annotations

import json

import pytest

import fitpartners
from conftest import TERMINAL, one_line, partner, run
from fitpartners.dataset.loader import bundled_path
from fitpartners.dataset.models import PARTNER_FIELDS

# -- validate ----------------------------------------------------------------------------------


def test_validate_a_valid_file_and_the_bundled_one(raw, write_data):
    assert run("validate").out == f"{bundled_path()}: valid\n"
    r = run("validate", write_data(raw), "--json")
    assert r.code == 0 and r.json()["valid"] is True


def test_validate_reads_stdin(raw):
    good = json.dumps(raw).encode()
    r = run("validate", "-", input=good)
    assert r.code == 0 and r.out == "<stdin>: valid\n"
    r = run("validate", "-", input=b'{"partners": []}')
    assert r.code == 1 and r.out.startswith("<stdin>: ") and "<stdin>: 5 problems" in r.err
    r = run("validate", "-", "--json", input=good)
    assert r.json() == {
        "dataset": "<stdin>",
        "valid": True,
        "problems": [],
        "more": 0,
        "sources_by_kind": {
            "partner": 53,
            "fit": 8,
            "government": 3,
            "press": 31,
            "other": 13,
            "editorial": 1,
        },
    }


def test_validate_checks_the_dataset_of_the_environment_variable(dataset, write_data):
    dataset["partners"][3]["type"] = "bank"
    path = write_data(dataset)
    r = run("validate", env={"FITPARTNERS_DATA": path})
    assert r.code == 1 and r.out.startswith(f"{path}: partners[3] (bicci).type:") and path in r.err


def test_validate_reports_every_problem_at_once(dataset, write_data):
    dataset["partners"][3]["type"] = "bank"
    dataset["partners"][5]["domains"] = ["space"]
    del dataset["partners"][7]["name"]
    path = write_data(dataset)
    r = run("validate", path)
    assert r.code == 1
    assert r.out.splitlines() == [
        f"{path}: partners[3] (bicci).type: Input should be 'sector-federation', 'cluster', "
        "'bilateral-chamber', 'business-network', 'entrepreneurs-organisation' or 'employers-organisation', "
        "not 'bank'",
        f"{path}: partners[5] (dsp-valley).domains[0]: Input should be 'life-sciences-health', 'food', "
        "'engineering-technology', 'smart-logistics' or 'sustainable-materials-chemistry', not 'space'",
        f"{path}: partners[7] (fedustria).name: Field required",
    ]
    assert r.err == f"fitpartners: {path}: 3 problems\n"
    j = run("validate", path, "--json").json()
    assert j == {
        "dataset": path,
        "valid": False,
        "problems": [p[len(path) + 2 :] for p in r.out.splitlines()],
        "more": 0,
        "sources_by_kind": None,  # no dataset the schema accepts
    }


def test_a_value_outside_the_choices_is_named_after_them(dataset, write_data):
    dataset["partners"][0]["coverage"][0]["sector"] = "fod-drink"
    dataset["partners"][1]["type"] = "x" * 58  # 60 characters quoted
    dataset["partners"][2]["type"] = "y" * 59
    path = write_data(dataset)
    lines = run("validate", path).out.splitlines()
    where = "partners[0] (agoria).coverage[0].sector"
    assert lines[0].startswith(f"{path}: {where}: Input should be 'food-drink', ")
    assert lines[0].endswith(" 'games' or 'internationalisation', not 'fod-drink'")
    # a longer value is cut to 60 characters
    assert lines[1].endswith(" or 'employers-organisation', not '" + "x" * 58 + "'")
    assert lines[2].endswith(" or 'employers-organisation', not '" + "y" * 55 + "...'")
    r = run("list", "--data", path)
    assert r.code == 1 and ", not 'fod-drink' (and 2 more)" in r.err


def test_validate_reports_schema_and_cross_record_problems_together(dataset, write_data):
    dataset["partners"][3]["type"] = "bank"  # schema: partner 3 is left out of the cross checks
    dataset["partners"][5]["number"] = 2  # cross-record: partner 1 (bcecc) has number 2
    dataset["partners"][20]["aliases"] = ["Agoria"]  # cross-record: agoria's name
    dataset["rounds"][0]["ends_on"] = "2016-12-31"  # cross-record: a round's dates
    path = write_data(dataset)
    r = run("validate", path)
    assert r.code == 1
    problems = [line.removeprefix(f"{path}: ") for line in r.out.splitlines()]
    assert problems[0].startswith("partners[3] (bicci).type: Input should be")
    assert problems[1:] == [
        "rounds[0] (2017-2021).ends_on: 2016-12-31 is before starts_on 2017-01-01",
        "partners[5] (dsp-valley).number: 2 is also the number of partners[1] (bcecc)",
        "partners[5] (dsp-valley): the name '2' also names partners[1] (bcecc)",
        "partners[20] (voka): the name 'Agoria' also names partners[0] (agoria)",
    ]
    assert r.err == f"fitpartners: {path}: 5 problems\n"
    assert run("validate", path, "--json").json()["problems"] == problems
    # A command names the first problem and how many more.
    listed = run("list", "--data", path)
    assert listed.code == 1 and one_line(listed.err)
    assert "partners[3] (bicci).type" in listed.err and "(and 4 more)" in listed.err


@pytest.mark.parametrize("bad_id", [{}, [1], None, 7])
def test_a_partner_whose_id_is_no_string_is_one_problem_and_the_others_are_still_checked(
    dataset, write_data, bad_id
):
    dataset["partners"][3]["id"] = bad_id  # schema: partner 3 is left out of the cross checks
    dataset["partners"][20]["aliases"] = ["Agoria"]  # cross-record: agoria's name
    path = write_data(dataset)
    r = run("validate", path)
    assert r.code == 1 and r.err == f"fitpartners: {path}: 2 problems\n"
    assert [line.removeprefix(f"{path}: ") for line in r.out.splitlines()] == [
        "partners[3].id: Input should be a valid string",
        "partners[20] (voka): the name 'Agoria' also names partners[0] (agoria)",
    ]
    listed = run("list", "--data", path)
    assert listed.code == 1 and one_line(listed.err) and "partners[3].id" in listed.err
    with pytest.raises(fitpartners.DataError, match=r"partners\[3\]\.id"):
        fitpartners.load(path)


def test_validate_limits_what_it_lists(dataset, write_data):
    for p in dataset["partners"]:
        p["colour"] = "blue"
    path = write_data(dataset)
    r = run("validate", path, "--limit", "2")
    assert r.code == 1
    assert r.out.splitlines()[2:] == [f"{path}: and 24 more"]  # 26 partners, Biovia with them
    assert run("validate", path, "--limit", "2", "--json").json()["more"] == 24


def test_invalid_json_is_named_once(write_data):
    r = run("validate", write_data(b'{"schema_version": 2,'))
    assert r.code == 1
    assert r.out.endswith(": not valid JSON: EOF while parsing a value at line 1 column 21\n"), r.out


def test_a_file_that_is_no_object_is_a_problem_at_the_top_level(write_data):
    path = write_data([])
    r = run("validate", path)
    assert (r.code, r.out) == (1, f"{path}: (top level): Input should be an object\n")


def test_a_partner_that_is_no_object_leaves_the_others_checked(dataset, write_data):
    dataset["partners"][2] = "not a partner"
    partner(dataset, "agoria")["aliases"] = ["Voka"]
    partner(dataset, "agoria")["sources"]["aliases"] = ["press-release-2021-11-26"]
    path = write_data(dataset)
    r = run("validate", path)
    assert r.code == 1
    assert r.out.splitlines()[:2] == [
        f"{path}: partners[2]: Input should be an object",
        f"{path}: partners[20] (voka): the name 'voka' also names partners[0] (agoria)",
    ]


@pytest.mark.parametrize(
    ("where", "value", "expected"),
    [
        (("rounds", 0, "starts_on"), "soon", "rounds[0] (2017-2021).starts_on: Input should be a valid date"),
        (("sources", 1, "url"), "ftp://example.com", "sources[1] (editorial).url: String should match"),
    ],
)
def test_rounds_and_sources_are_named_by_their_id(dataset, write_data, where, value, expected):
    kind, index, field = where
    dataset[kind][index][field] = value
    path = write_data(dataset)
    assert run("validate", path).out.startswith(f"{path}: {expected}")


def test_a_round_inside_a_partner_is_not_named_as_a_round_of_the_dataset(dataset, write_data):
    partner(dataset, "voka")["rounds"][0]["round"] = 2022
    path = write_data(dataset)
    assert (
        run("validate", path).out
        == f"{path}: partners[20] (voka).rounds[0].round: Input should be a valid string\n"
    )


def test_a_reference_to_an_invalid_record_is_not_reported_twice(dataset, write_data):
    medtech = next(p for p in dataset["partners"] if p["id"] == "medtech-flanders")
    healthtech = next(p for p in dataset["partners"] if p["id"] == "flanders-healthtech")
    assert medtech["events"][0]["partner"] == "flanders-healthtech"
    healthtech["colour"] = "blue"
    path = write_data(dataset)
    r = run("validate", path)
    assert [line.removeprefix(f"{path}: ") for line in r.out.splitlines()] == [
        "partners[9] (flanders-healthtech).colour: Extra inputs are not permitted"
    ]


def test_a_reference_to_a_partner_not_in_the_file_is_reported_next_to_an_invalid_one(dataset, write_data):
    dataset["partners"][2]["colour"] = "blue"
    partner(dataset, "agoria")["events"] = [
        {
            "date": "2023-01",
            "kind": "merged",
            "text": {"nl": "ging op in een ander lichaam", "en": "joined another body"},
            "translated": ["en"],  # its page, the press release, is Dutch
            "new_name": None,
            "partner": "nobody",
            "sources": ["press-release-2021-11-26"],
        }
    ]
    path = write_data(dataset)
    assert run("validate", path).out.splitlines() == [
        f"{path}: partners[2] (bva).colour: Extra inputs are not permitted",
        f"{path}: partners[0] (agoria).events[0].partner: unknown partner 'nobody'",
    ]


# -- schema ------------------------------------------------------------------------------------


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


def test_a_coverage_item_names_one_of_the_sectors_in_the_schema():
    from fitpartners.labels import Sector

    schema = run("schema").json()
    assert schema["$defs"]["CoverageItem"]["properties"]["sector"] == {"$ref": "#/$defs/Sector"}
    assert schema["$defs"]["Sector"]["enum"] == [s.value for s in Sector]
    assert "editorial" in schema["$defs"]["Sector"]["description"]


def test_the_dataset_schema_is_titled():
    assert run("schema").json()["title"] == "fitpartners dataset"


def test_a_duplicated_key_is_a_problem_with_the_path_of_its_object(raw, write_data):
    text = json.dumps(raw, ensure_ascii=False).replace('"name": "Voka"', '"name": "Evil", "name": "Voka"', 1)
    text = text.replace('"schema_version": 4', '"schema_version": 4, "schema_version": 4', 1)
    r = run("validate", write_data(text))
    assert r.code == 1
    assert "(top level): duplicate key 'schema_version'" in r.out
    assert "partners[20] (voka): duplicate key 'name'" in r.out
    assert run("validate", write_data(text), "--json").json()["valid"] is False


@pytest.mark.parametrize("path", [("partners", 0, "number"), ("rounds", 0, "partner_count")])
def test_integers_stay_below_2_to_the_53(dataset, write_data, path):
    # JavaScript's and jq's numbers are doubles: 2^53 + 1 would not stay exact.
    target = dataset[path[0]][path[1]]
    target[path[2]] = 2**53
    r = run("validate", write_data(dataset))
    assert r.code == 1 and f"{path[0]}[0]" in r.out and "less than or equal to 9007199254740991" in r.out


def test_an_address_with_a_bracket_in_its_host_is_refused_not_a_bug(dataset, write_data):
    dataset["sources"][1]["url"] = "https://[x"
    r = run("validate", write_data(dataset))
    assert r.code == 1 and "sources[1]" in r.out and "internal" not in r.err


def test_a_chambers_country_must_be_an_iso_code(dataset, write_data):
    partner(dataset, "bva")["country"] = "ZZ"
    r = run("validate", write_data(dataset))
    assert r.code == 1 and "partners[2] (bva).country: 'ZZ' is no ISO 3166-1 alpha-2 code" in r.out


def test_validate_in_a_terminal_prints_its_lines_not_json(dataset, write_data):
    dataset["partners"][0]["colour"] = "blue"
    path = write_data(dataset)
    r = run("validate", path, env=TERMINAL)
    assert r.code == 1 and r.out.startswith(f"{path}: partners[0] (agoria).colour") and "{" not in r.out
    assert run("validate", env=TERMINAL).out.endswith(": valid\n")


def test_duplicated_keys_are_found_at_every_depth(raw, write_data):
    text = json.dumps(raw, ensure_ascii=False)
    text = text.replace('"abbreviation": "FIT"', '"abbreviation": "FIT", "abbreviation": "FIT"', 1)
    text = text.replace('"partner_count": 21', '"partner_count": 21, "partner_count": 21', 1)
    text = text.replace(
        '"round": "2017-2021", "listed_as": "Agoria"',
        '"round": "2017-2021", "round": "2017-2021", "listed_as": "Agoria"',
        1,
    )
    r = run("validate", write_data(b"\xef\xbb\xbf" + text.encode()))  # an editor's UTF-8 signature too
    assert r.code == 1
    assert r.out.splitlines()[:3] == [
        f"{r.out.split(':')[0]}: programme.agency: duplicate key 'abbreviation'",
        f"{r.out.split(':')[0]}: rounds[1] (2022-2026): duplicate key 'partner_count'",
        f"{r.out.split(':')[0]}: partners[0] (agoria).rounds[0]: duplicate key 'round'",
    ]


def test_a_duplicated_key_in_a_file_that_is_a_list_has_the_index_as_its_path(write_data):
    """The path of an object inside a top-level list starts at its index, as the schema's does."""
    path = write_data(b'[{"a": 1, "a": 2}]')
    assert run("validate", path).out.splitlines() == [
        f"{path}: [0]: duplicate key 'a'",
        f"{path}: (top level): Input should be an object",
    ]


def test_only_the_records_of_the_dataset_are_named_by_their_id_in_a_duplicate_keys_path(raw, write_data):
    """An object inside a record's list is named by its index only, as in the schema's own
    locations, even if it holds an "id": both problems of that object share one path."""
    text = json.dumps(raw, ensure_ascii=False).replace(
        '{"round": "2017-2021", "listed_as": "Agoria"',
        '{"id": "x", "round": "2017-2021", "listed_as": "Agoria", "listed_as": "Agoria"',
        1,
    )
    path = write_data(text)
    assert run("validate", path).out.splitlines() == [
        f"{path}: partners[0] (agoria).rounds[0]: duplicate key 'listed_as'",
        f"{path}: partners[0] (agoria).rounds[0].id: Extra inputs are not permitted",
    ]


def test_a_signature_after_the_json_makes_it_invalid_json_only(write_data):
    """Only a leading UTF-8 signature is allowed: one after the text makes the file not
    JSON, one problem, and no key of it is reported as a duplicate."""
    path = write_data(b'{"a": 1, "a": 2}\xef\xbb\xbf')
    assert run("validate", path).out == f"{path}: not valid JSON: trailing characters at line 1 column 17\n"


def test_a_name_that_looks_like_a_place_in_the_file_is_quoted_as_it_is(dataset, write_data):
    """With an invalid partner left out of the cross-record checks, places are given in
    the file's numbering again; a name that merely looks like a place is left as typed."""
    dataset["partners"][0]["colour"] = "blue"
    for pid in ("bva", "voka"):
        partner(dataset, pid)["aliases"] = ["partners[0] (zzz)"]
        partner(dataset, pid)["sources"]["aliases"] = ["press-release-2021-11-26"]
    path = write_data(dataset)
    assert run("validate", path).out.splitlines() == [
        f"{path}: partners[0] (agoria).colour: Extra inputs are not permitted",
        f"{path}: partners[20] (voka): the name 'partners[0] (zzz)' also names partners[2] (bva)",
    ]


def test_references_to_a_partner_left_out_by_the_schema_are_no_problems(dataset, write_data):
    """Biovia broken (a type the schema refuses): it is left out of the cross checks, and the
    mergers into it (MEDVIA's, flanders.bio's) name no unknown partner. Each problem is looked
    up among the references to the records left out, not compared with each of them."""
    biovia = next(p for p in dataset["partners"] if p["id"] == "biovia")
    biovia["type"] = "bank"
    bio = next(p for p in dataset["partners"] if p["id"] == "flanders-bio")
    voka = next(p for p in dataset["partners"] if p["id"] == "voka")
    voka["events"].append({**bio["events"][0], "kind": "transferred", "partner": "nobody"})
    r = run("validate", write_data(dataset))
    problems = [line.split(": ", 1)[1] for line in r.out.splitlines()]
    assert problems[0].startswith("partners[25] (biovia).type: Input should be")
    assert [p.split(": ", 1)[1] for p in problems[1:]] == ["unknown partner 'nobody'"]
