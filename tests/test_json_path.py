"""The fast JSON path of a partner list: the same bytes as serialising record objects.

`list --json` in a pipe writes records spliced from each partner's own JSON, its cited
sources and its status (writers._partner_chunks), BATCH records at a time, to stdout's
byte stream. These tests hold it to the plain way: PartnerRecord objects through
pydantic's serialiser, then the terminal-safety escapes.
"""

from __future__ import annotations

import io
import json
import sys

import pytest
from pydantic import TypeAdapter

from conftest import DATA_FILE, partner, run
from fitpartners import writers
from fitpartners.catalog import Catalog
from fitpartners.loader import parse
from fitpartners.results import PartnerRecord
from synthetic import grow

RAW = json.loads(DATA_FILE.read_text(encoding="utf-8"))
HOSTILE_TEXT = "Voka \x9b31m \u202egnp \u2028 \x7f \u061c é – “quoted”"


def plain_way(catalog: Catalog) -> str:
    records = [catalog.record(p) for p in catalog.sort(catalog.select(), "number")]
    return writers.safe_json(TypeAdapter(list[PartnerRecord]).dump_json(records).decode()) + "\n"


def catalog_of(raw: dict) -> Catalog:
    return Catalog(parse(json.dumps(raw, ensure_ascii=False).encode(), "test"))


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> tuple[str, Catalog]:
    """More partners than one batch holds, with hostile text in a partner and a source,
    and a renamed partner (a status other than active)."""
    raw = grow(RAW, 2 * writers.BATCH + 7)
    partner(raw, "voka")["name"] = HOSTILE_TEXT
    next(s for s in raw["sources"] if s["id"] != "editorial")["title"] = HOSTILE_TEXT
    path = tmp_path_factory.mktemp("large") / "large.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return str(path), catalog_of(raw)


def test_list_json_in_a_pipe_is_byte_equal_to_serialised_records(large):
    path, catalog = large
    r = run("list", "--json", "--data", path)
    assert r.code == 0, r.err
    assert r.err == ""  # no serialiser warning either
    assert r.out == plain_way(catalog)
    records = json.loads(r.out)
    assert len(records) == len(catalog.select()) > 2 * writers.BATCH
    assert [p["status"]["state"] for p in records].count("renamed") >= 1


def test_the_bundled_list_is_byte_equal_too():
    catalog = catalog_of(RAW)
    r = run("list", "--json")
    assert (r.out, r.err) == (plain_way(catalog), "")


def test_a_text_only_stdout_gets_the_same_json(large, monkeypatch):
    _, catalog = large
    out = io.StringIO()  # no byte stream beneath it
    monkeypatch.setattr(sys, "stdout", out)
    writers.write_json_records(catalog.printed(catalog.sort(catalog.select(), "number")), None, None)
    assert out.getvalue() == plain_way(catalog)


def test_unsafe_characters_stay_escaped_in_the_bytes(large):
    path, _ = large
    raw = run("list", "--json", "--data", path).raw
    for bad in ("\x9b", "\u202e", "\u2028", "\x7f", "\u061c"):
        assert bad.encode() not in raw, repr(bad)
    assert "é – “quoted”".encode() in raw  # other text is left as it is
    voka = next(p for p in json.loads(raw) if p["id"] == "voka")
    assert voka["name"] == HOSTILE_TEXT  # escaped, so read back unchanged


def test_every_unsafe_character_has_a_lead_byte_the_prefilter_knows():
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if writers._JSON_UNSAFE.match(char):
            assert char.encode()[:1] in writers._UNSAFE_LEAD_BYTES, hex(code)
            assert writers.safe_json_bytes(f'"a{char}b"'.encode()) == f'"a\\u{code:04x}b"'.encode()


def test_safe_bytes_are_passed_through_unchanged():
    chunk = '{"name":"Fédération belge, ß, ø"}'.encode()  # no lead byte of an unsafe character
    assert writers.safe_json_bytes(chunk) is chunk  # passed through, not re-encoded
