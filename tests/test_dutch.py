"""With a Dutch locale (LANG=nl_BE.UTF-8), --lang nl or FITPARTNERS_LANG=nl, everything the
commands print for a person is Dutch, help and Click's own messages too: headings, labels,
the card, notes and errors on stderr, legends, yes/no, statuses, about and validate. What
stays in its own language: the sources, the data's own names and quotes (notes, events,
what a partner covers, in the words of its page), the domain labels (FIT's Dutch release
keeps them in English), ids, and JSON, which carries both."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from babel.messages.pofile import read_po

from conftest import COMMAND_NAMES, DATA_FILE, DONE_WHEN, ROOT, TERMINAL, cli, run
from fitpartners.labels import CROSS_SECTOR_LABEL, DOMAIN_LABELS, DOMAIN_SHORT, TYPE_LABELS
from fitpartners.language import translate
from fitpartners.messages import Msg, in_lang, say_in

RAW = json.loads(DATA_FILE.read_text(encoding="utf-8"))

COMMANDS = [
    ["list"],
    ["show", "voka"],
    ["show", "medvia"],
    ["search", "kaas"],
    ["search", "zzzzqq"],
    ["search", "food", "japan"],
    ["domains"],
    ["types"],
    ["matrix"],
    ["history"],
    ["about"],
    ["about", "--full"],
    ["validate"],
    ["list", "--domain", "food"],
    ["search", "diamant", "antwerpen"],  # nothing found, and a place at home set aside
    ["search", "certificaat", "van", "oorsprong"],  # a service, with its page
    ["init", str(DATA_FILE)],  # a file that exists: nothing written
    # and what else a person may be told
    ["list", "--country", "japan"],  # nothing found, and no chamber for the country
    ["show", "dsp"],  # a name taken as a partner's; an event known only by a day by which
    ["show", "flandrs"],  # no such partner: did you mean
    ["show", "flanders"],  # more than one
    ["show", "99"],
    ["list", "--type", "bank"],  # a bad value
    ["list", "--fields", "name,spearhead_cluster,cross_sector,events,rounds,status,coverage"],
    ["search", "food", "--fields", "name,match,status"],
    ["search", "congo"],  # a name that fits several countries
    ["search", "kaaz"],  # nothing found: did you mean
]
# Narrow terminals, where tables take short labels and short statuses.
NARROW = [["list"], ["search", "kaas"], ["search", "food", "japan"], ["list", "--type", "chamber"]]
ENDED = {"FITPARTNERS_TODAY": "2027-01-05"}  # the last round is over: a note for people

# English words that must not reach a Dutch reader. Words that are Dutch too are left out:
# "type", "partner(s)", "website", "status", "in", "is", "of" (Dutch: or), "help", "sector".
_ENGLISH = """the and yes no now merged renamed note name names sources source description country domains
    domain formerly valid problems problem matches match round ended days left all every serves sectors
    chamber federation network organisation entrepreneurs employers bilateral business editorial mapping
    programme agency strategy today signed presence yearly started running change continued joined
    count listed also known see not verified covers full for with to by at or ask itself may than more
    taken as did you mean only one file spearhead cross generic coverage part"""
ENGLISH_WORDS = frozenset(_ENGLISH.split())
ENGLISH_PHRASES = [
    "also known as",
    "listed as",
    "did you mean",
    "days left",
    "serves every sector",
    "no partner",
    "cross-sector",
]

SOURCE_LINE = re.compile(r"^\s*(\[\d+\] |bron: |https?://)")
URL = re.compile(r"https?://\S+")


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) else []


def allowed() -> list[str]:
    """The data's own names and quotes, official terms and ids: removed before the check,
    longest first."""
    phrases: list[str] = ["Flanders Investment & Trade", "cluster", "FIT"]
    for p in RAW["partners"]:
        phrases += [p["id"], p["name"], *p["aliases"], *p["former_names"], *_texts(p["full_name"])]
        phrases += [m["listed_as"] for m in p["rounds"]]
        phrases += [t for e in p["events"] for t in (*_texts(e["text"]), e["new_name"]) if t]
        phrases += [t for n in p["notes"] for t in _texts(n["text"])] + [
            c["text"] for c in p.get("coverage", [])
        ]
        phrases += [t for r in p.get("regions", []) for t in _texts(r["name"])]
    for r in RAW["rounds"]:
        phrases += [t for n in r["notes"] for t in _texts(n["text"])]
        phrases += _texts(r["present_at_signing"]) + _texts(r["signed_at"])
    programme = RAW["programme"]
    phrases += [t for e in programme["events"] for t in _texts(e["text"])] + [programme["strategy"]["en"]]
    phrases += [programme["agency"]["name"]]
    # FIT's Dutch release keeps the domains' English names; the short names are theirs.
    phrases += [t for labels in DOMAIN_LABELS.values() for t in labels.values()] + list(DOMAIN_SHORT.values())
    phrases += [d.value for d in DOMAIN_LABELS] + [t.value for t in TYPE_LABELS] + ["cross-sector"]
    phrases += [
        "food",
        "kaas",
        "japan",
        "zzzzqq",
        "flandrs",
        "congo",
        "bank",
        "dsp",
        "medvia",
        "kaaz",
    ]  # asked
    return sorted(set(phrases), key=len, reverse=True)


ALLOWED = allowed()


def cleaned(text: str) -> str:
    """A Dutch output without the source lines, the addresses, the options (--quiet), the
    data's own texts and the allowed terms: what must be Dutch."""
    lines = [line for line in text.splitlines() if not SOURCE_LINE.match(line)]
    rest = URL.sub(" ", "\n".join(lines))
    rest = re.sub(r"(?<!\S)--[a-z-]+", " ", rest)
    for phrase in ALLOWED:
        rest = re.sub(rf"(?<![\w.-]){re.escape(phrase)}(?![\w-])", " ", rest, flags=re.IGNORECASE)
    return rest


def english_in(text: str) -> list[str]:
    """The English words and phrases left in a Dutch output once what may stay is out
    (cleaned)."""
    lowered = " ".join(cleaned(text).lower().split())
    found = [p for p in ENGLISH_PHRASES if p in lowered]
    found += [w for w in re.findall(r"[a-z]+", lowered) if w in ENGLISH_WORDS]
    return found


def dutch(args: list[str], env: dict[str, str | None]) -> str:
    """What a command prints with --lang nl for people, stdout and stderr: JSON (what
    validate prints in a terminal) is for machines, its field names the same in both
    languages."""
    r = run(*args, "--lang", "nl", env=env)
    assert r.code in (0, 1, 2), r.err
    assert r.out + r.err or (
        args in (["search", "zzzzqq"], ["search", "kaaz"]) and not env
    )  # empty, in a pipe
    try:
        json.loads(r.out)
    except ValueError:
        return r.out + r.err
    return r.err


@pytest.mark.parametrize(
    "env",
    [{**TERMINAL, "COLUMNS": "1000"}, {**TERMINAL, "COLUMNS": "1000", **ENDED}, {}],
    ids=["terminal", "terminal-after-the-round", "pipe"],
)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_everything_a_person_reads_is_dutch(args, env):
    # A terminal as wide as the data's longest text, so that no quote is wrapped.
    assert english_in(dutch(args, env)) == []


@pytest.mark.parametrize("columns", ["60", "80", "100"])
@pytest.mark.parametrize("args", NARROW, ids=" ".join)
def test_narrow_tables_are_dutch_too(args, columns):
    assert english_in(dutch(args, {**TERMINAL, "COLUMNS": columns})) == []


def test_the_check_finds_english():
    assert english_in("nu: MEDVIA (renamed 2022-05-17)") == ["renamed"]
    assert english_in("fitpartners: no partner matches 'x'") == ["no partner", "no", "matches"]
    assert english_in("ook bekend als: Flemish Network of Enterprises") == []  # an alias of Voka
    assert english_in("[1] Voka, 2021-11-26, the sources and the rest") == []  # a source line


def test_the_environment_variable_chooses_dutch_too():
    env = {**TERMINAL, "FITPARTNERS_LANG": "nl"}
    assert run("list", env=env).out == run("list", "--lang", "nl", env=TERMINAL).out
    assert run("show", "flandrs", env=env).err == run("show", "flandrs", "--lang", "nl").err
    assert "geen partner met de naam 'flandrs'" in run("show", "flandrs", env=env).err


# -- what the Dutch says -------------------------------------------------------------------------


def test_dutch_statuses_yes_no_and_notes_word_for_word():
    rows = {line.split("\t")[1]: line.split("\t") for line in run("list", "--lang", "nl").out.splitlines()}
    assert rows["flanders.healthTech"][-1] == (
        "nu deel van Biovia: flanders.healthTech -> MEDVIA (hernoemd 2022-05-17) "
        "-> Biovia (opgegaan; datum niet vermeld op de pagina)"
    )
    assert rows["flanders.bio"][-1] == "nu deel van Biovia (opgegaan; datum niet vermeld op de pagina)"
    in_2024 = {"FITPARTNERS_TODAY": "2024-06-01"}
    rows = {
        line.split("\t")[1]: line.split("\t")
        for line in run("list", "--lang", "nl", env=in_2024).out.splitlines()
    }
    assert rows["flanders.healthTech"][-1] == "nu: MEDVIA (hernoemd 2022-05-17)"
    assert rows["Medtech Flanders"][-1] == "nu deel van MEDVIA (opgegaan 2022-12-13)"
    narrow = run("list", "--lang", "nl", env={**TERMINAL, "COLUMNS": "80", **in_2024}).out
    assert "nu MEDVIA" in narrow and "deel van MEDVIA" in narrow
    assert "deel van Biovia" in run("list", "--lang", "nl", env={**TERMINAL, "COLUMNS": "80"}).out
    left = run("list", "--period", "all", "--lang", "nl").out
    assert "\tEuka\t" in left and "uit het programma na 2017-2021" in left
    flags = run("list", "--lang", "nl", "--fields", "name,spearhead_cluster", "--type", "cluster").out
    assert "Flux50\tja\n" in flags and "flanders.bio\tnee\n" in flags
    card = run("show", "medvia", "--lang", "nl", env=TERMINAL)
    assert card.err == "fitpartners: flanders.healthTech werd op 2022-05-17 hernoemd tot MEDVIA\n"
    assert card.out.splitlines()[1].split(None, 1) == ["nu", "deel van Biovia"]
    assert card.out.splitlines()[2].split(None, 1)[0] == "keten"
    assert any(line.split()[:4] == ["website", "van", "Biovia", "niet"] for line in card.out.splitlines())
    before = run("show", "medvia", "--lang", "nl", env={**TERMINAL, **in_2024})
    assert before.out.splitlines()[1].split(None, 1) == ["nu", "MEDVIA (hernoemd 2022-05-17)"]
    ended = run("list", "--lang", "nl", env={**TERMINAL, **ENDED}).err
    assert ended == (
        "fitpartners: noot: dit is de ronde 2022-2026, die afliep op 2026-12-31; er staat geen latere "
        "ronde in deze dataset; voor de volgende, zie FIT: https://www.flandersinvestmentandtrade.com "
        "(--quiet verbergt deze noot)\n"
    )
    assert "uiterlijk 2022-12-13" in run("show", "dsp", "--lang", "nl").out


def test_dutch_errors_keep_their_exit_codes():
    for args, code, message in [
        (["show", "flandrs"], 1, "geen partner met de naam 'flandrs'; bedoelde u: "),
        (["show", "99"], 1, "geen partner met nummer 99 (de nummers lopen van 1 tot 21)"),
        (["list", "--type", "bank"], 2, "ongeldige waarde voor --type: 'bank' (geldig: sector-federation, "),
        (["list", "--json", "--format", "csv"], 2, "gebruik --json of --format, niet allebei"),
        (["list", "--country", "xx"], 2, "(niets wat erop lijkt)"),
    ]:
        english = run(*args)
        r = run(*args, "--lang", "nl")
        assert (r.code, r.out) == (english.code, english.out) == (code, "")
        assert message in r.err, r.err
        assert r.err.count("\n") == 1


def test_validate_in_dutch(dataset, write_data):
    path = write_data(dataset)
    assert run("validate", path, "--lang", "nl").out == f"{path}: geldig\n"
    dataset["partners"][0]["website"] = "not a url"
    dataset["partners"][1]["website"] = "not a url either"
    bad = write_data(dataset)
    r = run("validate", bad, "--lang", "nl", "--limit", "1")
    assert r.code == 1
    assert r.out.splitlines()[-1] == f"{bad}: en nog 1"
    assert r.err == f"fitpartners: {bad}: 2 problemen\n"
    english = run("validate", bad, "--limit", "1")
    assert english.out.splitlines()[-1] == f"{bad}: and 1 more"
    assert english.err == f"fitpartners: {bad}: 2 problems\n"


def words(text: str) -> list[str]:
    """The words of a text, lower case, its {placeholders} left out."""
    return re.findall(r"[a-z_]+", re.sub(r"\{[^}]*\}", " ", text).lower())


def _rule_msgids() -> list[str]:
    """The messages of the cross-record rules, read from their source."""
    source = (ROOT / "src" / "fitpartners" / "dataset" / "rules.py").read_text(encoding="utf-8")
    return re.findall(r'(?:Msg|N_)\(\s*"((?:[^"\\]|\\.)*)"', source)


def test_the_rules_problems_are_said_in_dutch(dataset, write_data):
    dataset["partners"][3]["type"] = "bank"  # schema: partner 3 is left out, the others renumbered
    dataset["partners"][5]["number"] = 2  # partner 1 (bcecc) has number 2
    dataset["partners"][20]["aliases"] = ["Agoria"]  # agoria's name
    dataset["partners"][6]["rounds"][0]["round"] = "2099-2103"
    dataset["partners"][7]["rounds"][0]["sources"] = ["nergens"]
    dataset["rounds"][0]["ends_on"] = "2016-12-31"
    path = write_data(dataset)
    r = run("validate", path, env={"LANG": "nl_BE.UTF-8"})
    english = run("validate", path)
    assert r.code == english.code == 1
    assert len(r.out.splitlines()) == len(english.out.splitlines()) == 7
    problems = [line.removeprefix(f"{path}: ") for line in r.out.splitlines()]
    for expected in [
        "rounds[0] (2017-2021).ends_on: 2016-12-31 valt vóór starts_on 2017-01-01",
        "partners[5] (dsp-valley).number: 2 is ook het nummer van partners[1] (bcecc)",
        "partners[20] (voka): de naam 'Agoria' duidt ook partners[0] (agoria) aan",
        "partners[6] (essenscia-vlaanderen).rounds[0].round: onbekende ronde '2099-2103'",
        "partners[7] (fedustria).rounds[0].sources: onbekende bron 'nergens'",
    ]:
        assert expected in problems, r.out
    # No English word of a rule is left: each problem without its place in the file, the
    # places it names and its quoted values.
    said = " ".join(
        re.sub(r"partners\[\d+\] \([^)]*\)|'[^']*'", " ", p.split(": ", 1)[1]) for p in problems[1:]
    )
    said_words = set(words(said))
    msgids = _rule_msgids()
    dutch_words = {w for msgid in msgids for w in words(translate("nl", msgid))}  # "is", "partner"
    english_words = {w for msgid in msgids for w in words(msgid)} - dutch_words
    assert {"unknown", "source", "the", "also", "names", "before"} <= english_words
    assert not english_words & said_words, said
    # English and JSON are as they were.
    assert "partners[6] (essenscia-vlaanderen).rounds[0].round: unknown round '2099-2103'" in english.out
    dutch_json = run("validate", path, "--json", env={"LANG": "nl_BE.UTF-8"}).json()
    assert dutch_json["problems"] == [line.removeprefix(f"{path}: ") for line in english.out.splitlines()]


def test_every_rule_has_its_dutch():
    for msgid in _rule_msgids():
        assert translate("nl", msgid) != msgid, msgid


@pytest.mark.parametrize(
    "args",
    [["list"], ["show", "medvia"], ["search", "food", "japan"], ["about"], ["history"], ["matrix"]],
    ids=" ".join,
)
def test_json_is_the_same_in_both_languages(args):
    assert run(*args, "--json", "--lang", "nl").out == run(*args, "--json").out


def test_csv_follows_lang_but_not_the_locale():
    # Issue 29: --lang and FITPARTNERS_LANG ask for a language; a locale does not change a
    # script's csv.
    args = ["list", "--format", "csv", "--fields", "name,type,cross_sector,status"]
    assert run(*args, env={"LANG": "nl_BE.UTF-8"}).out == run(*args).out
    dutch = run(*args, "--lang", "nl").out
    assert dutch.startswith("naam,type,sectoroverschrijdend,status\r\nAgoria,sectorfederatie,nee,actief\r\n")


# -- the catalogue (tests/test_language.py checks the files) --------------------------------------


def test_a_message_is_english_text_that_can_be_said_in_dutch():
    m = Msg(
        "now: {name} ({how})",
        name="MEDVIA",
        how=Msg("renamed {when}", when=Msg("by {day}", day="2022-12-13")),
    )
    assert m == "now: MEDVIA (renamed by 2022-12-13)" and isinstance(m, str)
    assert m.in_lang("nl") == "nu: MEDVIA (hernoemd uiterlijk 2022-12-13)"
    assert in_lang(m, "en") == str(m) and in_lang("plain", "nl") == "plain"
    assert say_in("nl", "{count} partners", count=3) == "3 partners"
    assert say_in(
        "nl", "no bilateral chamber for {country}", country={"en": "Japan", "nl": "Japan"}
    ).startswith("geen bilaterale kamer")
    # A key with no Dutch is said in English (a test above keeps every one translated).
    assert say_in("nl", "untranslated {x}", x=1) == "untranslated 1"


def test_a_dutch_card_labels_a_cross_sector_partner_in_dutch():
    assert CROSS_SECTOR_LABEL["nl"] in run("show", "voka", "--lang", "nl").out


# -- a Dutch user, as the locale makes one: every command and every error path ----------------------

DUTCH_LOCALE = {"LANG": "nl_BE.UTF-8"}
ERROR_PATHS = [
    [],  # no command: the help, on stderr
    ["--help"],
    ["lsit"],
    ["--bogus"],
    ["list", "--periode", "x"],
    ["show"],
    ["search"],
    ["show", "voka", "extra"],
    ["list", "--json=3"],
    ["list", "--sort"],
    ["list", "--sort", "x"],
    ["list", "--fields", "x"],
    ["list", "--format", "xml"],
    ["list", "--json", "--format", "csv"],
    ["list", "--jq", ".", "--format", "csv"],
    ["list", "--lang", "xx"],
    ["list", "--data", "/geen/bestand.json"],
    ["list", "--data", "/"],
    ["list", "--period", "1999"],
    ["validate", "--limit", "0"],
    ["validate", "--limit", "x"],
    ["validate", "/geen/bestand.json"],
    ["schema", "--output", "x"],
    ["search", "the"],
    ["--install-completion", "tcsh"],
    *([name, "--help"] for name in COMMAND_NAMES),
]
# Words of ours that stay as they are in Dutch text: values to type, quoted ('all', 'and').
QUOTED_VALUES = ["'all'", "'and'", "‘match’"]


def english_strings() -> list[str]:
    """The English catalogue's own strings: the words of each msgid whose Dutch differs,
    between its placeholders, where they are two words or more."""
    with open(ROOT / "src/fitpartners/locale/nl/LC_MESSAGES/fitpartners.po", "rb") as f:
        catalogue = [m for m in read_po(f) if m.id and m.id != m.string]
    found = set()
    for m in catalogue:
        for msgid in m.id if isinstance(m.id, tuple) else (m.id,):
            if msgid.startswith(("fitpartners ", "cat ")):  # an example: a command to type
                continue
            for piece in re.split(r"\{[^}]*\}", msgid):
                piece = piece.strip(" ;:,.()'")
                if len(re.findall(r"[A-Za-z]+", piece)) >= 2:
                    found.add(piece)
    return sorted(found, key=len, reverse=True)


ENGLISH_STRINGS = english_strings()


def english_left(text: str) -> list[str]:
    """English left in a Dutch output: a word of the list, or a string of the English
    catalogue; the names a person types (commands, variables, values) aside."""
    for value in QUOTED_VALUES:
        text = text.replace(value, " ")
    text = re.sub(r"\b[A-Z]+_[A-Z_]+\b", " ", text)  # a variable: FITPARTNERS_TODAY, LC_ALL
    text = re.sub(r"--jq\s+'[^']*'", " ", text)  # a jq program: the JSON's keys are English
    text = re.sub(r"(?m)^ +(fitpartners|cat) .*$", " ", text)  # an example: a command to type
    text = re.sub(rf"(?m)^  ({'|'.join(COMMAND_NAMES)}) ", " ", text)  # help's list of commands
    text = re.sub(rf"\bfitpartners ({'|'.join(COMMAND_NAMES)})\b", " ", text)
    text = text.replace(", all)", ")")  # --period's value for every round
    rest = " ".join(cleaned(text).split())
    return english_in(text) + [s for s in ENGLISH_STRINGS if s in rest]


@pytest.mark.parametrize("env", [{**TERMINAL, "COLUMNS": "1000"}, {}], ids=["terminal", "pipe"])
@pytest.mark.parametrize("args", COMMANDS + ERROR_PATHS, ids=lambda a: " ".join(a) or "(none)")
def test_a_dutch_locale_reads_entirely_in_dutch(args, env):
    r = run(*args, env={**DUTCH_LOCALE, **env})
    assert r.code in (0, 1, 2), r.err
    try:
        json.loads(r.out)  # JSON (validate, schema in a terminal) is for machines
        shown = r.err
    except ValueError:
        shown = r.out + r.err
    assert shown
    assert english_left(shown) == []


def test_the_check_finds_the_english_catalogues_strings():
    assert english_left("Gebruik: fitpartners list [OPTIES]\n  -h, --help  Show this message and exit.")
    assert english_left("fitpartners: No such option: --periode") == ["no"]  # and the word list
    assert english_left("fitpartners: onbekende optie: --periode") == []


@pytest.mark.parametrize("args", DONE_WHEN, ids=" ".join)
def test_done_when_a_process_with_a_dutch_locale_reads_dutch(args):
    # A real process: the locale as the shell gives it, not --lang.
    r = cli(*args, env=DUTCH_LOCALE)
    assert r.returncode in (0, 1, 2) and english_left(r.stdout + r.stderr) == [], r.stdout + r.stderr


def test_countries_suggested_in_the_language_of_the_run():
    """A new user's review: 'bedoelde u: Chile, China, Czechia?' under a Dutch locale."""
    said = run("list", "--country", "Chine", env=DUTCH_LOCALE).err
    assert "(bedoelde u: Chili, China, Tsjechië?)" in said
    assert "(did you mean: Chile, China, Czechia?)" in run("list", "--country", "Chine").err


def test_a_duplicate_key_is_said_in_dutch(tmp_path):
    path = tmp_path / "dubbel.json"
    path.write_text(DATA_FILE.read_text(encoding="utf-8").replace('"schema_version"', '"x": 1, "x"', 1))
    said = run("validate", str(path), env=DUTCH_LOCALE)
    assert f"{path}: (hoogste niveau): dubbele sleutel 'x'" in said.out + said.err


def test_a_country_that_is_no_iso_code_is_said_in_dutch(tmp_path):
    path = tmp_path / "land.json"
    path.write_text(DATA_FILE.read_text(encoding="utf-8").replace('"country": "CN"', '"country": "QQ"', 1))
    said = run("validate", str(path), env=DUTCH_LOCALE)
    assert "(bcecc).country: 'QQ' is geen ISO 3166-1 alpha-2-code" in said.out + said.err


def test_the_rank_column_is_rang_not_a_place():
    """A new user's review: 'plaats' (the rank) also means a place, in a tool that speaks of
    places in Belgium."""
    wide = {**DUTCH_LOCALE, **TERMINAL, "COLUMNS": "120"}
    head = run("search", "kaas", env=wide).out.splitlines()[0].split()
    assert head[:2] == ["rang", "nummer"]
