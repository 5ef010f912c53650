"""The language of a run, as gettext chooses it (language.py), and the catalogues it reads:
standard gettext .po files compiled to .mo, complete, with the same placeholders in every
language and every plural form."""

from __future__ import annotations

import io
import json
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from conftest import ROOT, TERMINAL, run
from fitpartners import language
from fitpartners.labels import HEADINGS
from fitpartners.language import choose, from_locale, language_of
from fitpartners.messages import MESSAGES_NL, Plural, say_in, say_n

LOCALE = ROOT / "src" / "fitpartners" / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/fitpartners.po"))


# -- the choice ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "lang"),
    [
        ("nl", "nl"),
        ("nl_BE", "nl"),
        ("nl-BE.UTF-8", "nl"),
        ("NL_nl@euro", "nl"),
        ("en_US.UTF-8", "en"),
        ("en", "en"),
        ("nlx", None),
        ("fr_BE", None),
        ("", None),
    ],
)
def test_a_language_is_named_in_any_of_its_forms(value, lang):
    assert language_of(value) == lang


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({}, "en"),
        ({"LANG": "nl_BE.UTF-8"}, "nl"),
        ({"LANG": "nl-BE.UTF-8"}, "nl"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "C.UTF-8", "LANGUAGE": "nl"}, "en"),  # gettext ignores LANGUAGE in the C locale
        ({"LANGUAGE": "nl"}, "en"),  # no locale is the C locale
        ({"LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_ALL": "C", "LANG": "nl_BE.UTF-8"}, "en"),
        ({"LC_ALL": "nl_BE.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LC_MESSAGES": "nl_NL.UTF-8", "LANG": "en_US.UTF-8"}, "nl"),
        ({"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "nl_BE.UTF-8"}, "en"),
        ({"LANGUAGE": "fr:nl:en", "LANG": "en_US.UTF-8"}, "nl"),  # the first of the list we have
        ({"LANGUAGE": "en:nl", "LANG": "nl_BE.UTF-8"}, "en"),
        ({"LANGUAGE": "de", "LANG": "nl_BE.UTF-8"}, "en"),  # none we have: the msgids
        ({"LANGUAGE": "", "LANG": "nl_BE.UTF-8"}, "nl"),
    ],
)
def test_the_locale_chooses_as_gettext_does(env, lang):
    assert from_locale(env) == lang
    chosen = choose(None, env)
    assert (chosen.lang, chosen.asked, chosen.bad) == (lang, False, None)


def test_lang_then_the_variable_then_the_locale():
    dutch = {"LANG": "nl_BE.UTF-8"}
    assert choose("en", dutch).lang == "en" and choose("en", dutch).asked
    assert choose(None, {**dutch, "FITPARTNERS_LANG": "en"}).lang == "en"
    assert choose("nl", {"FITPARTNERS_LANG": "en"}).lang == "nl"
    assert choose(None, {"FITPARTNERS_LANG": "nl_BE"}).lang == "nl"
    assert choose(None, {"FITPARTNERS_LANG": " ", **dutch}).asked is False  # empty: unset
    bad = choose("xx", {"FITPARTNERS_LANG": "nl"})
    assert (bad.lang, bad.bad) == ("nl", ("--lang", "xx"))
    bad = choose(None, {"FITPARTNERS_LANG": "xx", **dutch})
    assert (bad.lang, bad.asked, bad.bad) == ("nl", False, ("FITPARTNERS_LANG", "xx"))


def test_a_dutch_locale_speaks_dutch_and_lang_en_overrides_it():
    dutch = {"LANG": "nl_BE.UTF-8"}
    assert run("show", "flandrs", env=dutch).err == run("show", "flandrs", "--lang", "nl").err
    assert "geen partner met de naam" in run("show", "flandrs", env=dutch).err
    assert run("list", "--lang", "en", env={**dutch, **TERMINAL}).out == run("list", env=TERMINAL).out
    assert run("show", "voka", env={**dutch, "FITPARTNERS_LANG": "en"}).out == run("show", "voka").out


@pytest.mark.parametrize("env", [{"LC_ALL": "C"}, {"LANG": "en_US.UTF-8"}, {"LANG": "fr_BE.UTF-8"}])
@pytest.mark.parametrize("args", [["list"], ["show", "medvia"], ["about"], ["lsit"], ["list", "--help"]])
def test_an_english_or_other_locale_gives_todays_english(env, args):
    plain = run(*args)
    r = run(*args, env={**env, "LANG": env.get("LANG", "C")})
    assert (r.code, r.out, r.err) == (plain.code, plain.out, plain.err)


def test_fitpartners_lang_takes_a_locale_name():
    r = run("list", env={"FITPARTNERS_LANG": "nl_BE"})
    assert r.code == 0 and r.out == run("list", "--lang", "nl").out


@pytest.mark.parametrize(
    ("args", "env", "named"),
    [
        (["list", "--lang", "xx"], {}, "--lang"),
        (["list"], {"FITPARTNERS_LANG": "xx"}, "FITPARTNERS_LANG"),
        (["about"], {"FITPARTNERS_LANG": "fr_BE"}, "FITPARTNERS_LANG"),
    ],
)
def test_a_bad_language_names_the_option_or_variable_given(args, env, named):
    r = run(*args, env=env)
    assert r.code == 2 and r.out == ""
    assert r.err == f"fitpartners: invalid value for {named}: {r.err.split(': ', 2)[2]}"
    assert r.err.startswith(f"fitpartners: invalid value for {named}: ") and "(valid: en, nl)" in r.err
    dutch = run(*args, env={**env, "LANG": "nl_BE.UTF-8"})
    assert dutch.err.startswith(f"fitpartners: ongeldige waarde voor {named}: ")


# -- machine formats and the locale --------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv"])
@pytest.mark.parametrize("args", [["list"], ["search", "kaas"], ["types"], ["history"]], ids=" ".join)
def test_the_locale_never_changes_a_machine_format(fmt, args):
    assert run(*args, "--format", fmt, env={"LANG": "nl_BE.UTF-8"}).out == run(*args, "--format", fmt).out


def test_csv_and_tsv_follow_a_language_asked_for():
    fields = ["--fields", "name,type,cross_sector,full_name"]
    for how in (["--lang", "nl"], []):
        env = {} if how else {"FITPARTNERS_LANG": "nl"}
        csv = run("list", "--format", "csv", *fields, *how, env=env).out.splitlines()
        assert csv[0] == "naam,type,sectoroverschrijdend,volledige naam"
        assert "Voka,bedrijfsnetwerk,ja," in "\n".join(csv)
        tsv = run("list", "--format", "tsv", *fields, *how, env=env).out.splitlines()
        assert tsv[0] == "naam\ttype\tsectoroverschrijdend\tvolledige naam"
    english = run("list", "--format", "csv", *fields, "--lang", "en").out.splitlines()
    assert english[0] == "name,type,cross_sector,full_name"
    assert "Voka,business network,yes," in "\n".join(english)
    assert "Voka,business-network,true," in run("list", "--format", "csv", *fields).out


# -- Dutch the user can act on -------------------------------------------------------------------


def test_dutch_headings_name_columns_wherever_a_field_does():
    english = run("list", "--sort", "name", "--fields", "name,full_name")
    for args in (
        ["--sort", "naam", "--fields", "naam,volledige_naam"],
        ["--sort", "Naam", "--fields", "naam,volledige naam"],
    ):
        r = run("list", *args, "--lang", "nl")
        assert (
            r.code == 0
            and r.out == run("list", "--sort", "name", "--fields", "name,full_name", "--lang", "nl").out
        )
    assert (
        run("list", "--sort", "naam", "--fields", "naam,volledige_naam").out == english.out
    )  # in English too
    bad = run("list", "--fields", "naamm", "--lang", "nl")
    assert bad.code == 2 and "(geldig: id, nummer, naam, volledige_naam, " in bad.err
    assert "(geldig: nummer, naam, type)" in run("list", "--sort", "x", env={"LANG": "nl_BE.UTF-8"}).err


# -- plurals -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "english", "dutch"),
    [("2026-12-31", "1 day left", "nog 1 dag"), ("2026-12-30", "2 days left", "nog 2 dagen")],
)
def test_days_left_as_each_language_counts(today, english, dutch):
    env = {"FITPARTNERS_TODAY": today}
    assert f"; {english}; " in run("about", env=env).out
    assert f"; {dutch}; " in run("about", "--lang", "nl", env=env).out


def test_one_partner_that_serves_every_sector(dataset, write_data):
    for p in dataset["partners"]:  # every cross-sector partner but Voka serves food alone
        if p["cross_sector"] and p["id"] != "voka":
            p["cross_sector"], p["domains"] = False, ["food"]
    path = write_data(dataset)
    assert run("validate", path).code == 0, run("validate", path).out
    english = run("list", "--domain", "food", "--data", path).err
    assert english.startswith(
        "fitpartners: note: 1 cross-sector partner serves every sector and is not listed (Voka)"
    )
    dutch = run("list", "--domain", "food", "--data", path, env={"LANG": "nl_BE.UTF-8"}).err
    assert dutch.startswith(
        "fitpartners: noot: 1 partner die elke sector bedient, staat niet in de lijst (Voka)"
    )
    many = run("list", "--domain", "food", env={"LANG": "nl_BE.UTF-8"}).err
    assert many.startswith("fitpartners: noot: 7 partners die elke sector bedienen, staan niet in de lijst")


def test_plural_messages_say_each_form():
    assert say_n("nl", "{days} day left", "{days} days left", 1, days=1) == "nog 1 dag"
    assert say_n("en", "{days} day left", "{days} days left", 0, days=0) == "0 days left"
    counted = Plural("{origin}: {count} problem", "{origin}: {count} problems", 1, origin="f", count=1)
    assert counted == "f: 1 problem" and counted.in_lang("nl") == "f: 1 probleem"


# -- the catalogues ------------------------------------------------------------------------------


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def messages(path: Path) -> list:
    with open(path, "rb") as f:
        return [m for m in read_po(f) if m.id]


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-3])
def test_each_translation_fills_the_same_placeholders(po):
    for m in messages(po):
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        texts = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(texts), f"no text for {m.id!r}"
        for text in texts:
            assert placeholders(text) == placeholders(ids[-1]), (m.id, text)


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-3])
def test_the_compiled_catalogue_is_the_po_compiled(po):
    with open(po, "rb") as f:
        catalog = read_po(f)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    assert po.with_suffix(".mo").read_bytes() == compiled.getvalue(), "run python scripts/catalogues.py"


def test_the_catalogues_hold_every_word_the_code_uses():
    # Babel's extractor over the source and a walk of the command tree's help: a Msg, a
    # help text or a heading without Dutch fails here, with the script that fixes it.
    r = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "catalogues.py"), "--check"], capture_output=True, text=True
    )
    assert r.returncode == 0, r.stderr


def test_the_landing_place_for_new_dutch_is_empty():
    assert MESSAGES_NL == {}, "move them into the catalogue: python scripts/catalogues.py"


def test_every_field_a_command_prints_has_a_heading():
    from fitpartners.cli.app import HISTORY_COLUMNS, OVERVIEW_COLUMNS, PARTNER_COLUMNS, SEARCH_COLUMNS

    fields = {
        f for c in (PARTNER_COLUMNS, SEARCH_COLUMNS, OVERVIEW_COLUMNS, HISTORY_COLUMNS) for f in c.valid
    }
    assert fields <= set(HEADINGS)


def test_only_the_catalogue_of_the_language_in_use_is_read(monkeypatch):
    monkeypatch.setattr(language, "_catalogues", {})
    assert say_in("en", "yes") == "yes" and language._catalogues == {}
    assert say_in("nl", "yes") == "ja" and list(language._catalogues) == ["nl"]


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json"],
        ["list", "--sort", "name", "--fields", "name,type"],
        ["search", "kaas"],
        ["show", "voka"],
    ],
    ids=" ".join,
)
def test_an_english_run_reads_no_catalogue(monkeypatch, args):
    monkeypatch.setattr(language, "_catalogues", {})
    assert run(*args, env=TERMINAL).code == 0
    assert "nl" not in language._catalogues
    assert run("list", "--sort", "naam", "--fields", "naam").code == 0  # a heading: every language's
    assert "nl" in language._catalogues


def test_a_catalogue_that_cannot_be_read_is_english(monkeypatch, tmp_path):
    monkeypatch.setattr(language, "_catalogues", {})
    monkeypatch.setattr(language, "LOCALE_DIR", tmp_path)
    assert say_in("nl", "yes") == "yes"


def test_the_wheel_carries_the_compiled_catalogues():
    # hatchling takes every file of the package: the .mo too (the installed test runs it).
    assert json.loads(run("list", "--json", "--lang", "nl").out)  # reads the .mo from the tree
    assert (LOCALE / "nl" / "LC_MESSAGES" / "fitpartners.mo").stat().st_size > 1000
