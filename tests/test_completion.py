"""Shell completion: the short path (cli/complete.py, from the generated table) against the
full one (Click's, on the names made from the catalog), what each offers, and real bash, zsh
and fish completing through the scripts we install."""

from __future__ import annotations

import functools
import io
import json
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SCRIPT, clean_environ, read_until, run
from fitpartners.cli import _complete_table as table
from fitpartners.cli import app as cli_app
from fitpartners.cli import complete
from fitpartners.dataset.loader import bundled_path
from fitpartners.labels import fold

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = str(bundled_path())


def fast(words: list[str], incomplete: str, shell: str = "bash", **env: str) -> str | None:
    """What the short path writes for `fitpartners WORDS INCOMPLETE`, or None (left to the full path)."""
    line = " ".join(["fitpartners", *words, incomplete])
    given = {"COMP_WORDS": line, "COMP_CWORD": str(len(words) + 1), "_TYPER_COMPLETE_ARGS": line}
    saved = dict(os.environ)
    saved_out = sys.stdout
    os.environ.clear()
    os.environ.update(clean_environ(_FITPARTNERS_COMPLETE=f"complete_{shell}", **given, **env))
    sys.stdout = io.StringIO()
    try:
        code = complete.answer()
        return None if code is None else sys.stdout.getvalue()
    finally:
        sys.stdout = saved_out
        os.environ.clear()
        os.environ.update(saved)


def full(words: list[str], incomplete: str, shell: str = "bash", **env: str) -> str:
    """What Click's completion writes, on the bundled data read as a --data file would be."""
    line = " ".join(["fitpartners", *words, incomplete])
    given = {"COMP_WORDS": line, "COMP_CWORD": str(len(words) + 1), "_TYPER_COMPLETE_ARGS": line}
    r = run(env={"_FITPARTNERS_COMPLETE": f"complete_{shell}", "FITPARTNERS_DATA": BUNDLED, **given, **env})
    assert r.code == 0 and r.err == "", r.err
    return r.out


def test_the_table_is_fresh():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "completions.py"), "--check"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


# Every completable parameter of every command: (command, the words that ask for it).
PARAMS = [
    (name, [opt] if opt else [])
    for name, (options, arguments, completes) in table.TREE.items()
    for param in completes
    for opt in (
        [max((o for o, (p, _) in options.items() if p == param), key=len)] if param not in arguments else [""]
    )
]


def prefixes(values: list[tuple[str, str]]) -> list[str]:
    """Every prefix of every value, as typed and in upper case."""
    out = {""}
    for value, _ in values:
        for end in range(1, len(value) + 1):
            out.update((value[:end], value[:end].upper()))
    return sorted(out)


@pytest.fixture(scope="module")
def catalog():
    from fitpartners.cli.options import load_catalog

    return load_catalog(BUNDLED)


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize(("command", "words"), PARAMS, ids=lambda p: p if isinstance(p, str) else " ".join(p))
def test_both_paths_offer_the_same_on_every_prefix_of_every_value(command, words, lang, catalog, monkeypatch):
    # The full path's completer of this parameter, on the real Click tree, with the catalog
    # read once from the bundled file (as --data reads it); the short path from the table.
    monkeypatch.setattr(cli_app, "catalog_for_completion", lambda ctx: catalog)
    # Each kind's names made once (by the full path's own builder), not for every prefix.
    monkeypatch.setattr(cli_app, "completion_values", functools.cache(cli_app.completion_values))
    monkeypatch.setenv("FITPARTNERS_LANG", lang)
    group = cli_app.command_tree(command)
    click_command = group.commands[command]
    # Under the root's context, as a shell's request runs: a context of its own would make
    # Click cache the command's help option without the root's -h (a later help differs).
    root = group.make_context("fitpartners", [], resilient_parsing=True)
    ctx = click_command.make_context(command, [], parent=root, resilient_parsing=True)
    param = next(
        p
        for p in click_command.params
        if (words and words[0] in p.opts) or (not words and p.param_type_name == "argument")
    )
    kind = table.TREE[command][2][param.name]
    for prefix in prefixes(list(table.VALUES[kind][lang])):
        theirs = [(item.value, item.help or "") for item in param.shell_complete(ctx, prefix)]
        ours = complete.resolve([command, *words], prefix, env_lang=lang)
        assert ours == theirs, (command, words, prefix)


@pytest.mark.parametrize(
    ("words", "incomplete"),
    [
        ([], "s"), ([], ""), ([], "x"), (["list", "--type"], "kam"),
        (["list", "--lang", "nl", "--country"], ""),
        (["list"], "--country=ja"), (["list", "--jq", "--type"], "c"), (["show", "--json"], "fla"),
        (["show", "--lang=nl"], "VO"), (["list", "-f"], "J"), (["list", "--fields"], "id,na"),
        (["history", "--fields"], "fr"), (["list", "--period"], "20"), (["schema", "--output"], "pa"),
        (["list", "--sort"], "N"), (["list", "--sector"], "voe"), (["list", "--domain"], "food,voe"),
        (["show", "voka"], ""), (["init", "x.json"], "zz"), (["list"], "zz"),
        (["list"], "--country=ch"), (["list", "--country", "="], "ch"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_both_paths_write_the_same_for_each_shell(words, incomplete, shell):
    ours = fast(words, incomplete, shell)
    assert ours is not None, "the short path left it to the full one"
    assert ours == full(words, incomplete, shell)


@pytest.mark.parametrize(
    "env",
    [{"LANG": "nl_BE.UTF-8"}, {"FITPARTNERS_LANG": "nl_BE"}, {"LC_ALL": "C", "LANGUAGE": "nl"}],
    ids=["locale", "variable", "C locale"],
)
@pytest.mark.parametrize(
    ("words", "incomplete"), [([], ""), (["list", "--country"], ""), (["list", "--type"], "k")]
)
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_both_paths_choose_the_language_alike(words, incomplete, shell, env):
    """The language as the full path chooses it (the locale too): commands' help, the
    countries in their order, labels."""
    ours = fast(words, incomplete, shell, **env)
    assert ours is not None, "the short path left it to the full one"
    assert ours == full(words, incomplete, shell, **env)


@pytest.mark.parametrize(
    ("words", "incomplete", "env"),
    [
        (["show"], "fla", {"FITPARTNERS_DATA": BUNDLED}),  # another dataset: its own names
        (["show", "--data", BUNDLED], "fla", {}),
        (["list"], "--ty", {}),  # option names: Click's
        ([], "--", {}),
        (["list", "--unknown"], "x", {}),
        (["show", "--", "x"], "", {}),
        (["show", "'vo"], "", {}),  # quoting: Click's split
    ],
)
def test_what_the_short_path_leaves_to_the_full_one(words, incomplete, env):
    assert fast(words, incomplete, **env) is None


def test_the_short_path_loads_neither_typer_nor_the_models():
    env = clean_environ(
        _FITPARTNERS_COMPLETE="complete_bash", COMP_WORDS="fitpartners show fla", COMP_CWORD="2"
    )
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.split() == ["flanders-healthtech", "flanders-bio", "flanders-cleantech-association"]
    loaded = re.findall(r"\|\s+(\S+)$", done.stderr, re.M)
    assert "fitpartners.cli.complete" in loaded
    assert not {"typer", "pydantic", "fitpartners.dataset.models", "fitpartners.cli.app"} & set(loaded)


# -- what is offered ------------------------------------------------------------------------------


def offered(words: list[str], incomplete: str, **env: str) -> list[str]:
    items = complete.resolve(words, incomplete, env_lang=env.get("lang", ""))
    assert items is not None
    return [v for v, _ in items]


def test_only_names_that_start_as_typed_by_name_alias_or_id():
    assert offered(["show"], "fla") == [
        "flanders-healthtech",
        "flanders-bio",
        "flanders-cleantech-association",
    ]
    for prefix in ("fla", "VO", "med", "b", "v"):
        assert all(fold(v).startswith(fold(prefix)) for v in offered(["show"], prefix)), prefix
    assert offered(["show"], "VO") == ["voka"]
    assert offered(["show"], "vck") == ["vckk"]  # by its id


@pytest.mark.parametrize(
    ("words", "incomplete", "expected"),
    [
        (["list", "--type"], "kam", ["kamer"]),  # a word of the Dutch label
        (["list", "--type"], "KAM", ["kamer"]),
        # Several offered: each spelled from what was typed on, so that none takes it away.
        (["list", "--type"], "sectorfe", ["sectorfederation", "sectorfederatie"]),
        (["list", "--domain"], "voe", ["voeding", "voedsel"]),  # Dutch words the filter translates
        (["list", "--domain"], "food,voe", ["food,voeding", "food,voedsel"]),
        (["list", "--sector"], "voe", ["voeding"]),
        (["list", "--country"], "ja", ["jamaica", "japan"]),
        (["list", "--format"], "J", ["json", "jsonl"]),
    ],
)
def test_labels_in_both_languages_and_any_case(words, incomplete, expected):
    assert offered(words, incomplete) == expected


@pytest.mark.parametrize(
    "words", [["list", "--type"], ["list", "--domain"], ["list", "--sector"], ["list", "--country"]]
)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_value_offered_is_accepted(words, lang):
    for value in (
        offered(words, "a", lang=lang) + offered(words, "s", lang=lang) + offered(words, "k", lang=lang)
    ):
        r = run(*words, value, "--json", "--all-sectors" if words[1] != "--sector" else "--json")
        assert r.code == 0, (value, r.err)


def offered_countries(lang: str) -> dict[str, str]:
    """Every value completion offers for --country in `lang`, on nothing typed and on each
    letter in either case (the values spelled as typed), -> the name its help gives."""
    out: dict[str, str] = {}
    for typed in ["", *"abcdefghijklmnopqrstuvwxyz", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"]:
        items = complete.resolve(["list", "--country"], typed, env_lang=lang)
        assert items is not None
        out.update((v, h.split(" (bilateral")[0]) for v, h in items if v != complete.NOTE)
    return out


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_country_offered_is_read_by_country_as_that_country_alone_and_after_a_comma(lang):
    # 'china,virgin-islands,-u.s.' was offered after 'china,vi': 'virgin-islands' fits several.
    from fitpartners.search.countries import country_codes, country_in_sentence, country_name, index

    by_name = {country_name(code, lang): code for code in index().names}
    values = offered_countries(lang)
    assert {"VS", "USA", "UK"} <= set(values)
    for value, name in values.items():
        code = by_name[name]
        assert country_codes([value]) == {code}, (value, name)
        assert country_codes([f"china,{value}"]) == {"CN", code}, (value, name)
        after = complete.resolve(["list", "--country"], f"china,{value}", env_lang=lang) or []
        assert fold(value) in [fold(v.removeprefix("china,")) for v, _ in after], value  # and after a comma
    # The option itself, on every value alone (each --country read whole first) and in one list.
    chambers = {"CN", "VN", "IN"}
    for given in (
        [a for v in values for a in ("--country", v)],
        ["--country", ",".join(["china", *values])],
    ):
        r = run("list", *given, "--json", "--all-sectors")
        assert r.code == 0, r.err
        named = set(re.findall(r"no bilateral chamber for ([^;]+);", r.err))
        wanted = {by_name[n] for n in values.values()}
        assert named == {country_in_sentence(c) for c in wanted - chambers}
        assert {p["country"] for p in json.loads(r.out) if p["country"]} == wanted & chambers


def test_the_countries_abbreviations_in_capitals():
    # 'vs' completed nothing, though --country takes VS (and vs): a two-letter form counts in a
    # question only in capitals (docs/search.md), and so it is offered.
    assert offered(["list", "--country"], "vs") == ["VS"]
    assert offered(["list", "--country"], "uk") == ["ukraine", "uk"]
    assert offered(["list", "--country"], "US") == ["USA", "US"]
    assert offered(["list", "--country"], "dpr") == ["DPRK"]


def test_countries_the_chambers_first_in_the_users_language_and_a_count_when_cut():
    en = complete.resolve(["list", "--country"], "")
    assert en is not None and [v for v, _ in en[:3]] == ["china", "vietnam", "india"]
    count = len(table.VALUES["country"]["en"]) - 3
    # The count is a note (no value), then the others: what bash and fish offer all the same.
    assert en[3] == (complete.NOTE, f"{count} more: type a letter")
    assert sorted(en[:3] + en[4:]) == sorted(table.VALUES["country"]["en"])
    assert en[0][1] == "China (bilateral chamber: BCECC, VCKK)"
    nl = complete.resolve(["list", "--lang", "nl", "--country"], "")
    assert nl is not None and nl[3] == (complete.NOTE, f"nog {count}: typ een letter")
    assert offered(["list", "--lang", "nl", "--country"], "duits") == ["duitsland"]
    assert offered(["list", "--country"], "duits") == ["duitsland"]  # the other language after
    assert offered(["list", "--country"], "ger") == ["germany"]
    assert "allemagne" not in offered(["list", "--country"], "a")  # no French
    # Every letter typed is under the cut: all are offered.
    for letter in "abcdefghijklmnopqrstuvwxyz":
        assert complete.NOTE not in offered(["list", "--country"], letter)


def spellings(values: list[tuple[str, str]]) -> list[str]:
    """Every prefix of every value as typed, in lower and upper case, capitalised, and folded
    (no accents, no punctuation): what a user may type."""
    out = set(prefixes(values))
    for value, _ in values:
        for end in range(1, len(value) + 1):
            out.update((value[:end].lower(), value[:end].capitalize(), fold(value[:end])))
    return sorted(out)


def common_start(words: list[str]) -> str:
    """What zsh (with -U) and bash put in place of the word when several are offered."""
    return os.path.commonprefix(words)


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("kind", sorted(table.VALUES))
def test_a_tab_never_takes_away_what_was_typed(kind, lang):
    # zsh put the common start of MEDVIA and medtech-flanders ('') in place of 'me'; fish
    # offered only medtech-flanders (it prefers a value that starts with the word as typed).
    values = list(table.VALUES[kind][lang])
    first = table.FIRST.get(kind, {}).get(lang, ())
    for typed in spellings(values):
        found = [v for v, _ in complete.offer(kind, typed, values, first, lang=lang) if v != complete.NOTE]
        if len(found) < 2:
            continue
        last = typed.rpartition(",")[2] if kind.split(":")[0] in complete.LISTS else typed
        start = common_start(found)
        assert fold(start).startswith(fold(typed)), (kind, typed, found)  # zsh keeps it
        as_typed = [v.startswith(typed) for v in found]
        assert all(as_typed) or not any(as_typed), (kind, typed, found)  # fish offers them all
        if kind in complete.AS_TYPED and last:
            assert start.startswith(typed), (kind, typed, found)


@pytest.fixture(scope="module")
def readers(catalog):
    """Each kind the tool reads folded -> what it reads a value as."""
    from fitpartners.search.countries import country_codes
    from fitpartners.search.filters import domain_ids, sector_ids, type_ids

    return {
        "partner": lambda v: catalog.lookup(v).id,
        "type": lambda v: type_ids([v]),
        "domain": lambda v: domain_ids([v]),
        "sector": lambda v: sector_ids([v]),
        "country": lambda v: country_codes([v]),
    }


@pytest.mark.parametrize("kind", sorted(complete.AS_TYPED))
def test_a_value_spelled_as_typed_is_read_as_the_value(kind, readers):
    # 'medvia' after 'me' must stand for what 'MEDVIA' stands for.
    read = readers[kind]
    for lang in ("en", "nl"):
        values = list(table.VALUES[kind][lang])
        by_key = {fold(v): v for v, _ in values}
        for typed in spellings(values):
            done = "".join(typed.rpartition(",")[:2]) if kind in complete.LISTS else ""
            for item, _ in complete.offer(kind, typed, values, lang=lang):
                v = item.removeprefix(done)
                own = by_key[fold(v)]
                if v != own:
                    assert read(v) == read(own), (kind, typed, v, own)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("me", ["medvia", "medtech-flanders"]),  # MEDVIA
        ("ME", ["MEDVIA", "MEDTECH-FLANDERS"]),
        ("Me", ["Medvia", "Medtech-flanders"]),
        ("un", ["unizo-internationaal", "unizo"]),  # UNIZO
        ("fe", ["fedichem", "fedustria", "fevia-vlaanderen"]),  # Fedichem
        ("b", ["bcecc", "bcecr", "bva", "bicci", "b-hive", "biovia"]),  # BCECR
        ("medv", ["MEDVIA"]),  # one alone: as it is
        ("VO", ["voka"]),
        ("fabrime", ["Fabrimétal"]),  # accents aside
        ("flanders", ["flanders-healthtech", "flanders-bio", "flanders-cleantech-association"]),
    ],
)
def test_several_are_spelled_from_what_was_typed_on(typed, expected):
    assert offered(["show"], typed) == expected


@pytest.mark.parametrize(
    ("value", "typed", "expected"),
    [
        ("Fabrimétal", "fabrim", "fabrimétal"),
        ("Fabrimétal", "fabrime", "fabrimetal"),
        ("flanders.bio", "flanders", "flanders.bio"),  # after a letter, the value's own dot
        ("flanders.bio", "flanders-", "flanders-bio"),  # after a dash, that dash
        ("flanders.bio", "Flanders", "Flanders.bio"),
        ("BCECR", "b", "bcecr"),
        ("abc", "x", "abc"),  # no match: as it is
        ("ABC", "a'", "ABC"),  # a quote a shell would read: as it is
    ],
)
def test_as_typed(value, typed, expected):
    assert complete.as_typed(value, typed) == expected


def test_zsh_is_told_to_keep_every_value_offered():
    assert fast(["show"], "VO", "zsh") == (
        "local -a _fitpartners_values=('voka:Voka'); _describe -V -t values value _fitpartners_values -U\n"
    )
    assert complete.zsh_lines([("a:b", "it's")]) == (
        "local -a _fitpartners_values=('a\\:b:it'\\''s'); _describe -V -t values value _fitpartners_values -U"
    )
    assert complete.zsh_lines([]) == ""  # nothing: no file names (FILES asks for them)
    assert complete.zsh_lines([(complete.FILES, "")]) == "_files"


def test_the_count_of_countries_left_out_is_a_message_in_zsh_and_nothing_in_bash_or_fish():
    # It was a value, '+372-more', that zsh inserted into the command line.
    count = len(table.VALUES["country"]["en"]) - 3
    assert fast(["list", "--country"], "", "zsh") == (
        "local -a _fitpartners_values=('china:China (bilateral chamber: BCECC, VCKK)' "
        "'vietnam:Vietnam (bilateral chamber: BVA)' 'india:India (bilateral chamber: BICCI)'); "
        f"_describe -V -t values value _fitpartners_values -U; _message -r '{count} more: type a letter'\n"
    )
    every = sorted(v for v, _ in table.VALUES["country"]["en"])
    bash = fast(["list", "--country"], "", "bash")
    assert bash is not None and sorted(bash.split("\n")[:-1]) == every
    fish = fast(["list", "--country"], "", "fish")
    assert fish is not None and sorted(line.split("\t")[0] for line in fish.split("\n")[:-1]) == every


# -- real shells ----------------------------------------------------------------------------------


def on_screen(screen: bytes) -> str:
    """The last line as a terminal shows it: a backspace takes the character before it, a bell
    shows nothing."""
    out: list[str] = []
    for c in screen.decode("utf-8", "replace").replace("\x07", ""):
        if c == "\x08":
            if out:
                out.pop()
        elif c in "\r\n":
            out.clear()
        else:
            out.append(c)
    return "".join(out)


def type_tab(shell: str, home: Path, typed: bytes, expected: str, after: bytes = b"", **more: str) -> str:
    """Run the interactive `shell` in a terminal (a pty) with HOME `home` (and the variables
    `more`); once its prompt ('READY> ', set in its start-up file) is shown, type `typed`, a
    TAB and `after`; return the line as shown once it ends with `expected` (or after 60 s,
    the bound for a failure)."""
    return on_screen(screen_after_tab(shell, home, typed, expected, after, **more))


def screen_after_tab(
    shell: str, home: Path, typed: bytes, expected: str, after: bytes = b"", **more: str
) -> bytes:
    """What the terminal showed after the prompt, as type_tab reads it."""
    env = {"HOME": str(home), "PATH": f"{SCRIPT.parent}{os.pathsep}/usr/bin:/bin", "TERM": "dumb", **more}
    pid, fd = pty.fork()
    if pid == 0:  # the child: the shell
        os.execvpe(shell, [shell, "-i"], env)
    screen = b""
    deadline = time.monotonic() + 60

    try:
        screen = read_until(fd, screen, lambda s: b"READY> " in s, deadline)
        start = len(screen)
        os.write(fd, typed + b"\t" + after)
        screen = read_until(fd, screen, lambda s: on_screen(s[start:]).endswith(expected), deadline)
        return screen[start:]
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def _with_completion_installed(shell: str, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A HOME with the shell's prompt set and our completion installed (skip: no such shell)."""
    if shutil.which(shell) is None:
        pytest.skip(f"no {shell} installed (.ci/run installs it)")
    from test_install import PROMPTS

    monkeypatch.setenv("HOME", str(home))
    rc, prompt = PROMPTS[shell]
    (home / rc).parent.mkdir(parents=True, exist_ok=True)
    (home / rc).write_bytes(prompt)
    assert run("--install-completion", shell).code == 0


CASES = [
    (b"fitpartners show VO", "fitpartners show voka "),
    (b"fitpartners list --type kam", "fitpartners list --type kamer "),
    (b"fitpartners list --domain voedi", "fitpartners list --domain voeding "),
    (b"fitpartners show fla", "fitpartners show flanders-"),
    (b"fitpartners list --country chin", "fitpartners list --country china "),
    (b"fitpartners list --lang nl --type KAM", "fitpartners list --lang nl --type kamer "),
]


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_real_shells_complete_alike(tmp_path, monkeypatch, shell):
    _with_completion_installed(shell, tmp_path, monkeypatch)
    for typed, expected in CASES:
        assert type_tab(shell, tmp_path, typed, expected).endswith(expected), (shell, typed)


# What a TAB after each leaves on the line: several values (MEDVIA and medtech-flanders; UNIZO
# and unizo-internationaal; Fedichem, fedustria and fevia-vlaanderen; BCECR, bcecc, ...)
# whose common start differs in case from what was typed. zsh took 'me' away ('\b\b  \b\b'),
# fish offered medtech-flanders alone, bash did not complete 'med'.
KEPT = [
    (b"fitpartners show me", "fitpartners show med"),
    (b"fitpartners show un", "fitpartners show unizo"),
    (b"fitpartners show fe", "fitpartners show fe"),
    (b"fitpartners show b", "fitpartners show b"),
    (b"fitpartners show vo", "fitpartners show voka "),  # one alone: completed
]


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_tab_in_a_real_shell_keeps_what_was_typed(tmp_path, monkeypatch, shell):
    _with_completion_installed(shell, tmp_path, monkeypatch)
    for typed, expected in KEPT:
        # A key typed after the TAB shows up once the shell is done with the TAB.
        line = type_tab(shell, tmp_path, typed, expected + "@", after=b"@")
        assert line.endswith(expected + "@"), (shell, typed, line)


# An option's value given as --opt=value: zsh and fish put the value in place of the whole
# word, and took '--country=' away ('list ch', then 'list chain'); bash splits the word at '='.
EQUALS = [
    (b"fitpartners list --country=chin", "fitpartners list --country=china "),
    (b"fitpartners list --type=ka", "fitpartners list --type=kamer "),
    (b"fitpartners list --domain=fo", "fitpartners list --domain=food "),
    (b"fitpartners list --country=ch", "fitpartners list --country=ch"),  # several: kept
    (b"fitpartners list --sort=", "fitpartners list --sort="),
    (b"fitpartners list --sort=t", "fitpartners list --sort=type "),
    (b"fitpartners list --country=china,vietn", "fitpartners list --country=china,vietnam "),
    (b"fitpartners list --lang=nl --country=duits", "fitpartners list --lang=nl --country=duitsland "),
    (b"fitpartners show --lang=nl VO", "fitpartners show --lang=nl voka "),
]


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
@pytest.mark.parametrize("path", ["short", "full"])
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_tab_after_an_equals_sign_keeps_the_option(tmp_path, monkeypatch, shell, path):
    _with_completion_installed(shell, tmp_path, monkeypatch)
    _each_tab_leaves(shell, tmp_path, EQUALS, path)


# After the arguments a command takes, a TAB offered every file name ('all 228
# possibilities' after `show vkw-limburg `): files only where a file is asked for.
NO_FILES = [
    (b"fitpartners show vkw-limburg zz", "fitpartners show vkw-limburg zz"),
    (b"fitpartners init x.json zz", "fitpartners init x.json zz"),
    (b"fitpartners validate x.json zz", "fitpartners validate x.json zz"),
    (b"fitpartners search kaas zz", "fitpartners search kaas zz"),
    (b"fitpartners list zz", "fitpartners list zz"),
    (b"fitpartners list --country zz", "fitpartners list --country zz"),
    (b"fitpartners list --jq zz", "fitpartners list --jq zz"),
]
FILES = [
    (b"fitpartners show --data zz", "fitpartners show --data zz-data.json "),
    (b"fitpartners list --data=zz", "fitpartners list --data=zz-data.json "),
    (b"fitpartners init zz", "fitpartners init zz-data.json "),
    (b"fitpartners validate zz", "fitpartners validate zz-data.json "),
]


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
@pytest.mark.parametrize("path", ["short", "full"])
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_file_names_only_where_a_file_is_asked_for(tmp_path, monkeypatch, shell, path):
    _with_completion_installed(shell, tmp_path, monkeypatch)
    (tmp_path / "zz-data.json").write_text("{}")
    monkeypatch.chdir(tmp_path)  # the shell's folder
    cases = NO_FILES + (FILES if shell != "fish" else [])  # fish: --no-files, as Typer's script says
    _each_tab_leaves(shell, tmp_path, cases, path)


def _each_tab_leaves(shell: str, home: Path, cases: list[tuple[bytes, str]], path: str) -> None:
    """After each typed line and a TAB, the line is the expected one (a key typed after the
    TAB shows once the shell is done with it); the full path where `path` says so."""
    more = {"FITPARTNERS_DATA": BUNDLED} if path == "full" else {}
    for typed, expected in cases:
        line = type_tab(shell, home, typed, expected + "@", after=b"@", **more)
        assert line.endswith(expected + "@"), (shell, path, typed, line)


@pytest.mark.parametrize(
    ("shell", "args", "incomplete", "expected"),
    [
        ("zsh", ["list"], "--country=ch", (["list", "--country"], "ch", "--country=")),
        ("fish", ["list"], "--type=", (["list", "--type"], "", "--type=")),
        ("zsh", ["show"], "vo=", (["show"], "vo=", "")),  # no option
        ("zsh", ["list"], "-f=js", (["list"], "-f=js", "")),  # a short option's value is '=js'
        ("bash", ["list", "-f", "="], "js", (["list", "-f", "="], "js", "")),
        ("bash", ["list", "--country", "="], "ch", (["list", "--country"], "ch", "")),
        ("bash", ["list", "--country"], "=", (["list", "--country"], "", "")),  # '--sort==' was put
        ("bash", ["list", "--lang", "=", "nl", "--type", "="], "k",
         (["list", "--lang=nl", "--type"], "k", "")),
    ],
)  # fmt: skip
def test_with_equals(shell, args, incomplete, expected):
    assert complete.with_equals(shell, args, incomplete) == expected


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
def test_zsh_says_the_count_of_countries_left_out_and_never_inserts_it(tmp_path, monkeypatch):
    # '+372-more' was a value: the fourth TAB put it into the command line.
    if shutil.which("zsh") is None:
        pytest.skip("no zsh installed (.ci/run installs it)")
    from test_install import PROMPTS

    monkeypatch.setenv("HOME", str(tmp_path))
    rc, prompt = PROMPTS["zsh"]
    (tmp_path / rc).write_bytes(prompt)
    assert run("--install-completion", "zsh").code == 0
    count = len(table.VALUES["country"]["en"]) - 3
    # The first TAB lists; each after it puts the next value in: china, vietnam, india, china.
    typed, expected = b"fitpartners list --country ", "fitpartners list --country china@"
    screen = screen_after_tab("zsh", tmp_path, typed, expected, after=b"\t" * 4 + b"@")
    assert on_screen(screen).endswith(expected), screen
    shown = screen.decode()
    assert f"\r\n{count} more: type a letter" in shown and "more" not in shown.split("READY> ")[-1]


@pytest.mark.parametrize("shell", ["bash", "fish"])
def test_bash_and_fish_offer_every_country_and_no_count(tmp_path, shell):
    # They have no message: the count was a value each put into the command line. bash's
    # own question says how many ('Display all 375 possibilities?'), fish's pager too.
    if shutil.which(shell) is None:
        pytest.skip(f"no {shell} installed (.ci/run installs it)")
    env = clean_environ(HOME=str(tmp_path), PATH=f"{SCRIPT.parent}{os.pathsep}{os.environ['PATH']}")
    script = cli_app.patches.completion_script("fitpartners", shell)
    probe = {
        "bash": f"{script}\nCOMP_WORDS=(fitpartners list --country ''); COMP_CWORD=3; "
        '_fitpartners_completion fitpartners && printf "%s\\n" "${COMPREPLY[@]}"',
        "fish": f"{script}; complete -C 'fitpartners list --country '",
    }[shell]
    argv = [shell, "--norc", "-c", probe] if shell == "bash" else [shell, "--no-config", "-c", probe]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    offered = sorted(line.split("\t")[0] for line in done.stdout.splitlines())
    assert offered == sorted(v for v, _ in table.VALUES["country"]["en"])
