"""The Python API (`fitpartners.load` and the Catalog), which the CLI's commands call too:
each call answers what the matching command prints."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

import fitpartners
from conftest import DATA_FILE, clean_environ, run

TODAY = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def catalog() -> fitpartners.Catalog:
    return fitpartners.load(today=TODAY)


def test_all_names_the_api_and_each_name_resolves():
    assert sorted(fitpartners.__all__) == sorted(
        ["Catalog", "DataError", "NotFound", "Partner", "SearchHit", "Selection", "__version__", "load"]
    )
    for name in fitpartners.__all__:
        assert getattr(fitpartners, name) is not None
    with pytest.raises(AttributeError):
        fitpartners.no_such_thing  # noqa: B018


def test_import_loads_none_of_the_heavy_libraries():
    probe = (
        "import sys, fitpartners; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'rich', 'pydantic', 'click'}))"
    )
    r = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=clean_environ(), timeout=60
    )
    assert r.stdout.strip() == "[]", r.stdout + r.stderr


def test_partners_are_what_list_shows_as_models(catalog):
    listed = run("list", "--json").json()
    assert [p.id for p in catalog.partners] == [p["id"] for p in listed]
    assert all(isinstance(p, fitpartners.Partner) for p in catalog.partners)
    assert len(catalog.all_partners) == 26  # with Biovia, in no round


def test_records_are_what_list_json_prints(catalog):
    assert catalog.records() == run("list", "--json").json()
    chambers = catalog.select(type="chamber")
    assert catalog.records(chambers) == run("list", "--type", "chamber", "--json").json()
    assert json.loads(json.dumps(catalog.records())) == catalog.records()  # JSON types only


def test_lookup_resolves_as_show(catalog):
    assert catalog.lookup("MEDVIA").id == "flanders-healthtech"
    assert catalog.lookup("21").id == "voka"
    assert catalog.lookup("b-hive").id == "b-hive"  # partners of earlier rounds too
    assert catalog.lookup("beacon").id == run("show", "beacon", "--json").json()["id"]


def test_lookup_raises_not_found_with_candidates(catalog):
    with pytest.raises(LookupError) as ambiguous:
        catalog.lookup("flanders")
    assert isinstance(ambiguous.value, fitpartners.NotFound)
    assert "flanders.bio" in ambiguous.value.candidates and "Medtech Flanders" in ambiguous.value.candidates
    with pytest.raises(fitpartners.NotFound) as close:
        catalog.lookup("fevai")
    assert close.value.candidates[0] == "Fevia Vlaanderen"
    with pytest.raises(fitpartners.NotFound) as none:
        catalog.lookup("zzzzzz")
    assert none.value.candidates == []


def test_search_ranks_as_the_command(catalog):
    hits = catalog.search("food japan")
    printed = run("search", "food", "japan", "--json").json()
    assert [h.partner.id for h in hits] == [r["id"] for r in printed]
    assert [h.match.model_dump(mode="json") for h in hits] == [r["match"] for r in printed]
    assert [h.partner.id for h in catalog.search(["food", "japan"])] == [h.partner.id for h in hits]
    assert catalog.search("zzzzzz") == []


def test_select_filters_as_list(catalog):
    assert [p.id for p in catalog.select(type="chamber", country="china")] == ["bcecc", "vckk"]
    assert [p.id for p in catalog.select(country=["china", "india"])] == ["bcecc", "bicci", "vckk"]
    food = catalog.select(domain="food")
    assert [p.id for p in food] == ["fevia-vlaanderen"]
    assert {p.id for p in food.cross_sector_left_out} >= {"voka", "unizo-internationaal"}
    with_all = catalog.select(domain="food", all_sectors=True)
    assert [p.id for p in with_all] == [
        r["id"] for r in run("list", "-d", "food", "--all-sectors", "--json").json()
    ]
    earlier = catalog.select(period="2017-2021")
    assert len(earlier) == 17


def test_select_refuses_a_value_that_names_nothing(catalog):
    with pytest.raises(ValueError) as bad:
        catalog.select(domain="space")
    assert "valid:" in str(bad.value)


def test_today_decides_the_round_and_the_status():
    before = fitpartners.load(today=dt.date(2020, 6, 1))
    assert len(before.partners) == 17
    early = fitpartners.load(today=dt.date(2022, 1, 1))
    assert early.status(early.lookup("flanders-healthtech")).state.value == "active"
    later = fitpartners.load(today=dt.date(2023, 1, 1))
    assert later.status(later.lookup("flanders-healthtech")).name == "MEDVIA"


def test_load_ignores_the_command_lines_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("FITPARTNERS_DATA", str(tmp_path / "nowhere.json"))
    monkeypatch.setenv("FITPARTNERS_MAX_BYTES", "10")
    assert len(fitpartners.load(today=TODAY).partners) == 21


def test_load_a_file_and_its_errors(tmp_path):
    mine = tmp_path / "mine.json"
    mine.write_bytes(DATA_FILE.read_bytes())
    assert len(fitpartners.load(mine, today=TODAY).partners) == 21
    with pytest.raises(fitpartners.DataError, match="nowhere.json: cannot read"):
        fitpartners.load(tmp_path / "nowhere.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": 2}', encoding="utf-8")
    with pytest.raises(fitpartners.DataError, match="broken.json: invalid dataset"):
        fitpartners.load(broken)


def test_loading_the_same_bytes_again_shares_the_validated_dataset(tmp_path):
    """A small file loaded twice (a notebook re-running fitpartners.load()) is validated
    once: both catalogs hold the same frozen dataset. Up to REMEMBER_BYTES, limit included."""
    from fitpartners.dataset.loader import REMEMBER_BYTES

    assert fitpartners.load(today=TODAY).dataset is fitpartners.load(today=TODAY).dataset
    content = DATA_FILE.read_bytes()
    at_limit = tmp_path / "at-limit.json"
    at_limit.write_bytes(content + b" " * (REMEMBER_BYTES - len(content)))  # trailing blanks: still JSON
    assert fitpartners.load(at_limit, today=TODAY).dataset is fitpartners.load(at_limit, today=TODAY).dataset


def test_a_file_over_remember_bytes_is_validated_afresh(tmp_path):
    """Past REMEMBER_BYTES a file is not remembered (its bytes would be kept alive as the
    key): each load validates it again, to an equal but new dataset."""
    from fitpartners.dataset.loader import REMEMBER_BYTES

    content = DATA_FILE.read_bytes()
    big = tmp_path / "big.json"
    big.write_bytes(content + b" " * (REMEMBER_BYTES + 1 - len(content)))
    first, second = fitpartners.load(big, today=TODAY).dataset, fitpartners.load(big, today=TODAY).dataset
    assert first == second and first is not second


def test_a_dataset_without_numbered_partners_has_highest_number_0(dataset, tmp_path):
    """Numbers run from 1 to highest_number(): 0 when no partner has one (a dataset of an
    earlier round only), and a number then names no partner, without a crash."""
    dataset["partners"] = [p for p in dataset["partners"] if p["number"] is None and p["rounds"]]
    kept = {p["id"] for p in dataset["partners"]}
    for s in dataset["sources"]:  # a page of a partner no longer in the file is another's page
        if s["kind"] not in ("fit", "government", "press", "other", "editorial") and s["kind"] not in kept:
            s["kind"] = "other"
    path = tmp_path / "earlier.json"
    path.write_text(json.dumps(dataset), encoding="utf-8")
    catalog = fitpartners.load(path, today=TODAY)
    assert catalog.highest_number() == 0
    with pytest.raises(fitpartners.NotFound, match=r"^no partner number 5 \(numbers run from 1 to 0\)$"):
        catalog.lookup("5")


# -- the API in Python's terms ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "parameter"),
    [
        (lambda c: c.lookup(["voka"]), "name"),  # was found as if 'voka'
        (lambda c: c.lookup(None), "name"),  # was looked for as 'None'
        (lambda c: c.lookup(True), "name"),
        (lambda c: c.select(type=5), "type"),
        (lambda c: c.select(domain=None), "domain"),
        (lambda c: c.select(country=["CN", 7]), "country"),
        (lambda c: c.select(sector={"food": 1}), "sector"),
        (lambda c: c.search(None), "query"),
        (lambda c: c.search(42), "query"),
        (lambda c: c.select(period=2022), "period"),
    ],
)
def test_a_wrong_type_is_a_type_error_naming_the_parameter(catalog, call, parameter):
    with pytest.raises(TypeError, match=rf"^{parameter} must be "):
        call(catalog)


@pytest.mark.parametrize(
    ("kwargs", "bad"),
    [({"path": 3}, "path"), ({"today": 20261207}, "today"), ({"today": [2026, 12, 7]}, "today")],
)
def test_load_refuses_a_wrong_type_as_a_type_error(kwargs, bad):
    with pytest.raises(TypeError, match=rf"^{bad} must be "):
        fitpartners.load(**kwargs)


@pytest.mark.parametrize(
    ("call", "said"),
    [
        (lambda c: c.select(type="nonsense"), "invalid value for type: 'nonsense'"),
        (lambda c: c.select(domain="space"), "invalid value for domain: 'space'"),
        (lambda c: c.select(country="narnia"), "invalid value for country: 'narnia'"),
        (lambda c: c.select(sector="nothing"), "invalid value for sector: 'nothing'"),
        (lambda c: c.select(period="1999"), "invalid value for period: '1999'"),
        (lambda c: c.search(["van", "de"]), "invalid value for query: give at least one word"),
    ],
)
def test_a_bad_value_is_a_value_error_naming_the_parameter_not_an_option(catalog, call, said):
    with pytest.raises(ValueError) as caught:
        call(catalog)
    assert str(caught.value).startswith(said) and "--" not in str(caught.value)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["list", "--type", "nonsense"], "invalid value for --type: 'nonsense'"),
        (["list", "--country", "narnia"], "invalid value for --country: 'narnia'"),
        (["list", "--period", "1999"], "invalid value for --period: '1999'"),
        (["search", "van", "de"], "invalid value for WORDS: give at least one word"),
        (["list", "--lang", "nl", "--sector", "niets"], "ongeldige waarde voor --sector: 'niets'"),
    ],
)
def test_the_command_line_says_the_same_errors_with_its_options(args, said):
    r = run(*args)
    assert r.code == 2 and r.err.startswith(f"fitpartners: {said}"), r.err
