"""Bad input of any kind gets one line on stderr and a documented exit code, never a
traceback: a dataset given with --data or FITPARTNERS_DATA that is missing, unreadable, not
JSON, of the wrong shape or against the schema or a cross-record rule (the bundled one too);
the size cap; hostile text in the data (markup, escape sequences, C1 controls); any argument
vector; a closed pipe, odd terminals and locales; an interrupt (exit 130) and a bug (exit 70).
What `validate` reports is in test_cmd_validate.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fitpartners
from conftest import COMMAND_NAMES, DATA_FILE, TERMINAL, clean_environ, cli, one_line, partner, run
from synthetic import grow

DATA_COMMANDS = [
    ["list"],
    ["show", "voka"],
    ["search", "x"],
    ["domains"],
    ["types"],
    ["matrix"],
    ["history"],
    ["about"],
]


def assert_data_error(r, *fragments: str) -> None:
    assert r.code == 1, (r.code, r.err)
    assert r.out == ""
    assert one_line(r.err), r.err
    assert r.err.startswith("fitpartners: ")
    assert "internal" not in r.err and "Traceback" not in r.err
    for fragment in fragments:
        assert fragment in r.err, (fragment, r.err)


# -- --data and FITPARTNERS_DATA ---------------------------------------------------------------


@pytest.mark.parametrize("command", DATA_COMMANDS, ids=lambda c: c[0])
def test_every_data_command_takes_data_and_the_environment_variable(command, dataset, write_data):
    dataset["partners"][20]["name"] = "Voka Test"
    path = write_data(dataset)
    by_option = run(*command, "--data", path, "--json")
    by_env = run(*command, "--json", env={"FITPARTNERS_DATA": path})
    assert by_option.code == by_env.code == 0
    assert by_option.out == by_env.out


def test_data_really_replaces_the_bundled_dataset(dataset, write_data):
    dataset["partners"][20]["name"] = "Voka Test"
    r = run("show", "voka", "--json", "--data", write_data(dataset))
    assert r.json()["name"] == "Voka Test"


# -- files that cannot be read or parsed -------------------------------------------------------


def test_missing_file(tmp_path):
    """The message names the file and gives the system's reason in words, not Python's repr."""
    missing = tmp_path / "nope.json"
    r = run("list", "--data", str(missing))
    assert_data_error(r)
    assert r.err == f"fitpartners: {missing}: cannot read: No such file or directory\n"


@pytest.mark.parametrize("name", ["a\x00b.json", "x" * 5000, "a\ud800b.json"])
def test_an_impossible_file_name(name):
    for args in (["list", "--data", name], ["validate", name]):
        r = run(*args)
        assert r.code == 1 and r.out == "" and one_line(r.err)


def test_a_file_name_with_a_nul_byte_says_so():
    r = run("list", "--data", "a\x00b.json")
    assert (r.code, r.err) == (1, "fitpartners: 'a\\x00b.json': not a usable file name\n")
    # a lone surrogate, which stands for no byte (only Python code can pass one)
    with pytest.raises(fitpartners.DataError, match=r"^'a\\ud800b\.json': not a usable file name$"):
        fitpartners.load("a\ud800b.json")


def test_a_file_name_with_bytes_that_are_no_utf8_is_read_and_shown_as_escapes(tmp_path):
    """A name as Linux allows it (the byte 0xff): the file is read, and the name is given as
    \\xff in messages and in JSON, which no UTF-8 output could carry as it is."""
    good, bad = tmp_path / b"g\xffd.json".decode(errors="surrogateescape"), tmp_path / "b\udcffd.json"
    good.write_bytes(DATA_FILE.read_bytes())
    bad.write_bytes(b"{")
    shown = f"{tmp_path}/g\\xffd.json"
    assert run("validate", str(good)).out == f"{shown}: valid\n"
    r = run("validate", str(good), "--json")
    assert r.code == 0 and r.json()["dataset"] == shown
    assert run("list", "--data", str(good), "--jq", "length").out == "21\n"
    for args in (
        ["list", "--data", str(bad)],
        ["validate", str(bad), "--json"],
        ["list", "--data", str(bad) + "x"],
    ):
        r = run(*args)
        assert r.code == 1 and one_line(r.err) and f"{tmp_path}/b\\xffd.json" in r.err + r.out, args


def test_a_directory(tmp_path):
    """A directory given as the dataset is named, and said to be one, word for word."""
    r = run("list", "--data", str(tmp_path))
    assert_data_error(r)
    assert r.err == f"fitpartners: {tmp_path}: is a directory, not a data file\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file(write_data):
    path = write_data({})
    os.chmod(path, 0)
    assert_data_error(run("list", "--data", path), "cannot read")


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_a_file_that_fails_to_read():
    # Reading /proc/self/mem at offset 0 fails with an I/O error, even for root.
    assert_data_error(run("list", "--data", "/proc/self/mem"), "/proc/self/mem", "cannot read")


def test_not_utf8(write_data):
    assert_data_error(run("list", "--data", write_data(b'{"partners": "\xff\xfe"}')), "not valid JSON")


def test_not_json_with_line_and_column(write_data):
    r = run("list", "--data", write_data('{\n  "partners": [\n    {,\n'))
    assert_data_error(r, "not valid JSON", "line 3 column 6")


@pytest.mark.parametrize("text", ["NaN", '{"a": Infinity}', "[" * 100_000 + "]" * 100_000, "1" * 5000])
def test_json_that_python_would_choke_on(write_data, text):
    assert_data_error(run("list", "--data", write_data(text)), "invalid dataset")


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ([], "(top level)"),
        ({"partners": []}, "schema_version"),
        ('"text"', "(top level)"),
    ],
)
def test_valid_json_of_the_wrong_shape(write_data, content, fragment):
    path = write_data(content)
    assert_data_error(run("list", "--data", path), "invalid dataset", fragment)


# -- encodings and line ends an editor may leave -----------------------------------------------


def test_an_empty_path_is_refused_and_an_empty_variable_is_unset():
    for args, option in ((["list", "--data", ""], "--data"), (["validate", ""], "PATH")):
        r = run(*args)
        assert (r.code, r.out) == (2, "")
        assert r.err == f"fitpartners: invalid value for {option}: '' (a file path, or - for stdin)\n"
    r = run("list", "--json", env={"FITPARTNERS_DATA": ""})
    assert r.code == 0 and len(r.json()) == 21


def test_a_utf8_signature_is_accepted(write_data):
    path = write_data(b"\xef\xbb\xbf" + DATA_FILE.read_bytes())
    r = run("list", "--data", path, "--json")
    assert r.code == 0, r.err
    assert len(r.json()) == 21
    assert run("validate", path).code == 0
    assert run("validate", "-", input=Path(path).read_bytes()).code == 0


def test_windows_line_ends_are_accepted(write_data):
    crlf = json.dumps(json.loads(DATA_FILE.read_bytes()), indent=2, ensure_ascii=False).replace("\n", "\r\n")
    assert "\r\n" in crlf
    path = write_data(crlf.encode())
    r = run("list", "--data", path, "--json")
    assert r.code == 0, r.err
    assert r.json() == run("list", "--json").json()
    assert run("validate", path).code == 0


# -- the schema and the cross-record rules -----------------------------------------------------


def break_dataset(dataset, how):
    partners = dataset["partners"]
    by_id = {p["id"]: p for p in partners}
    if how == "duplicate id":
        partners[1]["id"] = partners[0]["id"]
    elif how == "duplicate number":
        partners[1]["number"] = 1
    elif how == "duplicate alias":
        partners[1]["aliases"] = ["Agoria"]
    elif how == "alias is another partner's name":
        by_id["voka"]["aliases"] = ["Agoria"]
    elif how == "alias is a bare number":
        by_id["voka"]["aliases"] = ["7"]
    elif how == "unknown type":
        partners[3]["type"] = "bank"
    elif how == "unknown domain":
        partners[0]["domains"] = ["space"]
    elif how == "unknown sector":
        partners[0]["coverage"][0]["sector"] = "fod-drink"
    elif how == "empty partner list":
        dataset["partners"] = []
    elif how == "unknown key":
        partners[2]["colour"] = "blue"
    elif how == "unknown source":
        partners[0]["sources"]["name"] = ["nowhere"]
    elif how == "fact without source":
        del partners[0]["sources"]["website"]
    elif how == "spearhead that is no cluster":
        by_id["agoria"]["spearhead_cluster"] = True
    elif how == "country of no chamber":
        by_id["agoria"]["country"] = "BE"
        by_id["agoria"]["sources"]["country"] = ["press-release-2021-11-26"]
    elif how == "chamber without a country":
        by_id["bcecc"]["country"] = None
        del by_id["bcecc"]["sources"]["country"]
    elif how == "round ends before it starts":
        dataset["rounds"][0]["ends_on"] = "2016-12-31"
    elif how == "domains not marked editorial":
        by_id["agoria"]["sources"]["domains"] = ["press-release-2021-11-26"]
    elif how == "cross_sector not marked editorial":
        by_id["voka"]["sources"]["cross_sector"] = ["press-release-2021-11-26"]
    elif how == "renamed field":
        by_id["agoria"]["title"] = by_id["agoria"].pop("name")
    else:
        raise AssertionError(how)
    return dataset


INVALID = [
    ("duplicate id", "partners[1] (agoria): the name 'agoria' also names partners[0] (agoria)"),
    ("duplicate number", "partners[1] (bcecc).number: 1 is also the number of partners[0] (agoria)"),
    ("duplicate alias", "partners[1] (bcecc): the name 'Agoria' also names partners[0] (agoria)"),
    (
        "alias is another partner's name",
        "partners[20] (voka): the name 'Agoria' also names partners[0] (agoria)",
    ),
    ("alias is a bare number", "partners[20] (voka).aliases[0]: '7' is a bare number"),
    (
        "alias is a bare number",
        "partners[20] (voka): the name '7' also names partners[6] (essenscia-vlaanderen)",
    ),
    ("unknown type", "partners[3] (bicci).type"),
    ("unknown domain", "partners[0] (agoria).domains[0]"),
    ("unknown sector", "partners[0] (agoria).coverage[0].sector: Input should be 'food-drink', "),
    ("empty partner list", "partners:"),
    ("unknown key", "partners[2] (bva).colour"),
    ("unknown source", "partners[0] (agoria).sources.name: unknown source 'nowhere'"),
    ("fact without source", "partners[0] (agoria).sources: no source for 'website'"),
    ("spearhead that is no cluster", "partners[0] (agoria).spearhead_cluster: only a cluster"),
    ("country of no chamber", "partners[0] (agoria).country: a bilateral chamber has a country, and only"),
    ("chamber without a country", "partners[1] (bcecc).country: a bilateral chamber has a country"),
    (
        "round ends before it starts",
        "rounds[0] (2017-2021).ends_on: 2016-12-31 is before starts_on 2017-01-01",
    ),
    ("domains not marked editorial", "partners[0] (agoria).sources.domains: must be marked 'editorial'"),
    (
        "cross_sector not marked editorial",
        "partners[20] (voka).sources.cross_sector: must be marked 'editorial'",
    ),
    ("renamed field", "partners[0] (agoria).name: Field required"),
    ("renamed field", "partners[0] (agoria).title: Extra inputs are not permitted"),
]


@pytest.mark.parametrize(("how", "fragment"), INVALID, ids=[f"{h}: {f[:30]}" for h, f in INVALID])
def test_invalid_datasets_name_the_file_the_record_and_the_problem(dataset, write_data, how, fragment):
    path = write_data(break_dataset(dataset, how))
    r = run("list", "--data", path)
    assert_data_error(r, path, "invalid dataset")
    v = run("validate", path)
    assert v.code == 1
    assert f"{path}: {fragment}" in v.out.splitlines() or any(
        line.startswith(f"{path}: {fragment}") for line in v.out.splitlines()
    ), v.out
    assert (
        v.err
        == f"fitpartners: {path}: {len(v.out.splitlines())} problem{'s' * (len(v.out.splitlines()) > 1)}\n"
    )


def test_one_problem_is_reported_without_a_count(dataset, write_data):
    dataset["partners"][0]["colour"] = "blue"
    path = write_data(dataset)
    assert run("list", "--data", path).err == (
        f"fitpartners: {path}: invalid dataset: partners[0] (agoria).colour: Extra inputs are not "
        f"permitted; to see all: fitpartners validate {path}\n"
    )


def test_more_problems_are_counted(dataset, write_data):
    dataset["partners"][0]["colour"] = "blue"
    dataset["partners"][1]["size"] = "large"
    path = write_data(dataset)
    assert run("list", "--data", path).err == (
        f"fitpartners: {path}: invalid dataset: partners[0] (agoria).colour: Extra inputs are not "
        f"permitted (and 1 more); to see all: fitpartners validate {path}\n"
    )


@pytest.mark.parametrize("command", [["list", "--json"], ["show", "voka"], ["domains"]], ids=lambda c: c[0])
def test_drift_from_the_schema_is_a_data_error(dataset, write_data, command):
    # The bundled dataset with a renamed field: what an out-of-date data file looks like.
    path = write_data(break_dataset(dataset, "renamed field"))
    r = run(*command, "--data", path)
    assert_data_error(r, path, "partners[0] (agoria)", "name")


def test_drift_in_the_bundled_dataset_is_a_data_error(dataset, write_data, monkeypatch):
    # The bundled file goes through the same models as a user's: no shortcut for it.
    drifted = write_data(break_dataset(dataset, "renamed field"))
    monkeypatch.setattr("fitpartners.dataset.loader.bundled_path", lambda: Path(drifted))
    for command in (["list", "--json"], ["show", "voka"], ["domains"], ["about"]):
        assert_data_error(run(*command, env={"FITPARTNERS_DATA": None}), drifted, "partners[0] (agoria).name")
    assert run("validate", env={"FITPARTNERS_DATA": None}).out.startswith(
        f"{drifted}: partners[0] (agoria).name"
    )


# -- the size cap ------------------------------------------------------------------------------


def test_a_stream_over_the_size_cap_is_refused(tmp_path):
    # /dev/zero has no size to stat and never ends: the cap must stop the reading.
    r = run("list", "--data", "/dev/zero", env={"FITPARTNERS_MAX_BYTES": "100000"})
    assert_data_error(r, "/dev/zero", "more than 100,000 bytes")


def test_a_file_over_the_size_cap_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as handle:  # sparse: 60 MB that take no disk
        handle.truncate(60 * 1024 * 1024)
    assert_data_error(run("list", "--data", str(big)), "62,914,560 bytes", "FITPARTNERS_MAX_BYTES")


def test_the_size_cap_is_exact_for_files_and_streams(raw, write_data):
    content = json.dumps(raw).encode()
    size = len(content)
    path = write_data(content)
    assert run("list", "--data", path, env={"FITPARTNERS_MAX_BYTES": str(size)}).code == 0
    assert_data_error(
        run("list", "--data", path, env={"FITPARTNERS_MAX_BYTES": str(size - 1)}),
        f"{size:,} bytes",
        "over the limit",
    )
    # stdin has no size to stat: the reading itself stops at the cap.
    assert run("validate", "-", input=content, env={"FITPARTNERS_MAX_BYTES": str(size)}).code == 0
    r = run("validate", "-", input=content, env={"FITPARTNERS_MAX_BYTES": str(size - 1)})
    assert_data_error(r, "<stdin>", f"more than {size - 1:,} bytes")


def test_stdin_over_the_size_cap_is_named_stdin():
    r = run("list", "--data", "-", env={"FITPARTNERS_MAX_BYTES": "100"}, input=DATA_FILE.read_bytes())
    assert r.code == 1
    assert r.err == "fitpartners: <stdin>: more than 100 bytes (set FITPARTNERS_MAX_BYTES to raise it)\n"


def test_a_size_cap_of_one_byte_is_a_cap():
    """The refusal names the file it refuses (here the bundled one), its size and the cap."""
    from fitpartners.dataset.loader import bundled_path

    r = run("list", env={"FITPARTNERS_MAX_BYTES": "1"})
    assert r.code == 1
    size = bundled_path().stat().st_size
    assert r.err == (
        f"fitpartners: {bundled_path()}: file is {size:,} bytes, over the limit of 1 "
        "(set FITPARTNERS_MAX_BYTES to raise it)\n"
    )


class Trickle:
    """A stream that hands out at most `step` bytes a read, as a slow pipe does."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.step = data, step

    def read(self, n: int) -> bytes:
        out, self.data = self.data[: min(n, self.step)], self.data[min(n, self.step) :]
        return out


@pytest.mark.parametrize("step", [1, 7, 4096])
def test_the_size_cap_holds_for_a_stream_read_in_pieces(step):
    from fitpartners.dataset.loader import _read
    from fitpartners.errors import DataError

    content = b'{"partners": []}' * 50
    assert _read(Trickle(content, step), "<stdin>", len(content)) == content
    with pytest.raises(DataError, match=f"more than {len(content) - 1:,} bytes"):
        _read(Trickle(content, step), "<stdin>", len(content) - 1)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "FITPARTNERS_MAX_BYTES must be at least 1, not 0"),
        ("-5", "FITPARTNERS_MAX_BYTES must be at least 1, not -5"),
        ("lots", "FITPARTNERS_MAX_BYTES must be a whole number of bytes, not 'lots'"),
        (" 7x ", "FITPARTNERS_MAX_BYTES must be a whole number of bytes, not ' 7x '"),  # as given
    ],
)
def test_an_unusable_size_cap_is_a_usage_error(value, message):
    """Word for word, with the value the user set (stripped, quoted when it is no number)."""
    for args in (["list"], ["validate"]):
        r = run(*args, env={"FITPARTNERS_MAX_BYTES": value})
        assert (r.code, r.out, r.err) == (2, "", f"fitpartners: {message}\n"), args


def test_a_stream_over_the_cap_is_read_no_further_than_one_byte_past_it():
    """However a stream hands out its bytes, the reader asks for no more than the cap and
    one byte: enough to know the stream is over it, without taking (or holding) the rest."""
    from fitpartners.dataset.loader import _read
    from fitpartners.errors import DataError

    content = b"x" * 100
    for step in (1, 7, 8, 30):
        stream = Trickle(content, step)
        with pytest.raises(DataError, match="more than 20 bytes"):
            _read(stream, "<stdin>", 20)
        assert len(stream.data) == len(content) - 21, step


def test_the_size_cap_can_be_raised(raw, write_data):
    path = write_data(raw)
    assert run("list", "--data", path, env={"FITPARTNERS_MAX_BYTES": "100000000"}).code == 0
    assert run("list", "--data", path, env={"FITPARTNERS_MAX_BYTES": str(2**62)}).code == 0


# -- hostile text in the data ------------------------------------------------------------------

HOSTILE = [
    "[bold red]Loud[/]",
    "[/]",
    "[link=https://evil.example]click[/link]",
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "over\rwrite",
    "\u202egnp.exe",
    "tab\there\nnewline",
    "csi\x9b31mred",  # the one-byte C1 form of ESC [
]
# What no terminal may receive raw.
UNSAFE = ("\x1b", "\r", "\u202e", "\x9b")


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_are_shown_as_text(dataset, write_data, value):
    voka = partner(dataset, "voka")
    voka["name"] = f"Voka {value}"
    voka["aliases"] = [f"alias {value}"]
    voka["description"]["en"] = value
    voka["notes"][0]["text"] = {"nl": value, "en": value}
    path = write_data(dataset)
    for args in (["show", "voka"], ["list"], ["search", "voka"], ["matrix"]):
        for env in (TERMINAL, {}):
            r = run(*args, "--data", path, env=env)
            assert r.code == 0, (args, r.err)
            for bad in UNSAFE:
                assert bad not in r.out, (args, env, bad)
            if value.startswith("[") and args[0] == "show" and env:
                # markup is printed as typed, not interpreted
                assert f"Voka {value}" in r.out
    for fmt in ("json", "jsonl"):
        r = run("show", "voka", "--data", path, "--format", fmt)
        for bad in UNSAFE:
            assert bad not in r.out
        assert json.loads(r.out)["description"]["en"] == value
    for fmt, lines in (("tsv", 22), ("markdown", 23), ("csv", None)):
        out = run("list", "--data", path, "--format", fmt).out
        if fmt != "csv":  # in a pipe csv is the data as it is (test_inert.py)
            for bad in UNSAFE:
                assert bad not in out, (fmt, bad)
            assert len(out.splitlines()) == lines, (fmt, out)


@pytest.fixture(scope="module")
def c1_data(tmp_path_factory) -> str:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    partner(data, "voka")["name"] = "Voka \x9b31m"
    path = tmp_path_factory.mktemp("c1") / "c1.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_c1_controls_are_escaped_everywhere(c1_data):
    # Sent raw, 0x9b is CSI to many terminals; each format shows it as an escape.
    cases = {
        "terminal": run("list", "--data", c1_data, env=TERMINAL).out,
        "pipe": run("list", "--data", c1_data).out,
        "table": run("list", "--data", c1_data, "--format", "table").out,
        "tsv": run("list", "--data", c1_data, "--format", "tsv").out,
        "markdown": run("list", "--data", c1_data, "--format", "markdown").out,
        "card": run("show", "voka", "--data", c1_data, env=TERMINAL).out,
        "jq": run("list", "--data", c1_data, "--jq", ".[20].name", env=TERMINAL).out,
    }
    # In a pipe --jq writes a string byte for byte as `jq -r` does (docs/output.md).
    assert run("list", "--data", c1_data, "--jq", ".[20].name").raw == "Voka \x9b31m\n".encode()
    for where, out in cases.items():
        assert "\x9b" not in out, where
        # In markdown the backslash of the escape is itself escaped, to render as typed.
        shown = "Voka \\\\x9b31m" if where == "markdown" else "Voka \\x9b31m"
        assert shown in out, (where, out)
    # JSON escapes it as JSON does, so that the value read back is the same.
    for fmt in ("json", "jsonl"):
        raw = run("list", "--data", c1_data, "--format", fmt).raw
        assert b"\xc2\x9b" not in raw and b"Voka \\u009b31m" in raw, fmt
        first = json.loads(raw.splitlines()[20] if fmt == "jsonl" else raw)
        assert (first if fmt == "jsonl" else first[20])["name"] == "Voka \x9b31m"


def test_a_pipe_in_a_markdown_cell_is_escaped(dataset, write_data):
    partner(dataset, "voka")["name"] = "Voka | Vlaams netwerk"
    partner(dataset, "voka")["description"]["en"] = "back\\slash | bar"
    out = run(
        "list", "--data", write_data(dataset), "--format", "markdown", "--fields", "name,description"
    ).out
    rows = out.splitlines()
    assert rows[-1] == "| Voka \\| Vlaams netwerk | back\\\\slash \\| bar |"
    # every row has the header's number of cells
    assert {row.replace("\\|", "").count("|") for row in rows} == {3}


def test_hostile_values_in_error_messages(dataset, write_data):
    dataset["partners"][0]["\x1b[2Jcolour"] = 1
    r = run("list", "--data", write_data(dataset))
    assert r.code == 1 and "\x1b" not in r.err and "\\x1b" in r.err


# -- any argument vector -----------------------------------------------------------------------

VOCABULARY = [
    *(c for c in COMMAND_NAMES if c != "init"),  # init writes files: kept away, as the installer is
    "--type",
    "--domain",
    "--country",
    "--period",
    "--format",
    "--fields",
    "--lang",
    "--json",
    "--jq",
    ".[0]",
    "--labels",
    "--no-headers",
    "--quiet",
    "--sort",
    "--all-sectors",
    "--data",
    "--help",
    "--version",
    "-t",
    "-d",
    "-c",
    "-f",
    "voka",
    "food",
    "chamber",
    "cn",
    "all",
    "2017-2021",
    "csv",
    "name,number",
    "nl",
    "21",
    "",
    "-",
    "--",
    "--=",
    "-x",
]


# Derandomized: the same 300 vectors each run, so CI cannot fail by chance; run with
# derandomize=False (and more examples) locally to explore further.
@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(VOCABULARY),
            st.text(max_size=30),
            st.text(min_size=2000, max_size=3000),
            st.sampled_from(["--data=/nonexistent", "--fields=", "--lang=", "\x00", "é", "🙂", "--jq=.["]),
        ),
        max_size=6,
    )
)
def test_any_argument_vector_gets_a_result_or_a_usage_error(argv):
    # Keep away from the completion installer, the only command that writes files.
    argv = [a for a in argv if "completion" not in a]
    r = run(*argv)
    assert r.code in (0, 1, 2), (argv, r.code, r.err)
    assert "Traceback" not in r.out + r.err and "internal error" not in r.err
    if r.code:
        assert one_line(r.err) or r.err.startswith("Usage:"), (argv, r.err)


# -- closed pipes, odd terminals and locales ---------------------------------------------------


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> str:
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    path = tmp_path_factory.mktemp("big") / "big.json"
    path.write_text(json.dumps(grow(raw, 3000)), encoding="utf-8")
    return str(path)


def test_the_big_file_is_valid(big_file):
    # What the closed-pipe tests and the benchmarks feed the tool.
    r = run("validate", big_file)
    assert r.code == 0, r.out[:500]


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
@pytest.mark.parametrize(
    "args", [["list"], ["list", "--format", "jsonl"], ["list", "--json"], ["list", "--format", "csv"]]
)
def test_a_closed_pipe_ends_quietly(big_file, args):
    # Output far larger than a pipe's buffer, so the writer meets the closed pipe.
    command = " ".join([f"'{sys.executable}'", "-m", "fitpartners", *args, "--data", big_file])
    r = subprocess.run(
        ["bash", "-c", f"{command} | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}"],
        capture_output=True,
        text=True,
        timeout=120,
        env=clean_environ(),
    )
    assert r.stderr == ""
    assert r.stdout.strip() == "0"


ODD_COMMANDS = [
    ["list"],
    ["show", "bcecc"],
    ["matrix"],
    ["about"],
    ["show", "bcecc", "--json"],
    ["list", "--format", "csv"],
]


@pytest.mark.parametrize(
    "env",
    [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {"COLUMNS": "20"}, {"COLUMNS": "0", "LINES": "x"}],
    ids=["no-color", "dumb", "narrow", "odd-size"],
)
@pytest.mark.parametrize("terminal", ["1", "0"], ids=["terminal", "pipe"])
def test_odd_terminals(env, terminal):
    # In-process: Rich reads these variables when each run makes its console.
    for args in ODD_COMMANDS:
        r = run(*args, env={**env, "TTY_COMPATIBLE": terminal})
        assert r.code == 0, (args, r.err)
        assert r.err == "" and r.out, args
        if env.get("NO_COLOR") or env.get("TERM") == "dumb":
            assert "\x1b[3" not in r.out, args  # no colours


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
@pytest.mark.parametrize(
    "env",
    [{"LC_ALL": "C", "LANG": "C"}, {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}],
    ids=["c-locale", "ascii-locale"],
)
@pytest.mark.parametrize("terminal", ["1", "0"], ids=["terminal", "pipe"])
def test_odd_locales(env, terminal):
    # A real process: the locale decides stdout's encoding when Python starts.
    for args in (["show", "bcecc"], ["show", "bcecc", "--json"], ["list", "--format", "csv"]):
        r = cli(*args, env={**env, "TTY_COMPATIBLE": terminal})
        assert r.returncode == 0, (args, r.stderr)
        assert r.stderr == "" and r.stdout, args


def test_no_terminal_at_all():
    env = {k: v for k, v in clean_environ().items() if k != "TERM"}
    r = subprocess.run(
        [sys.executable, "-m", "fitpartners", "show", "bcecc", "--fields", "former_names"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert r.returncode == 0 and "Commerciële" in r.stdout


def test_json_is_utf8_whatever_the_locale():
    r = subprocess.run(
        [sys.executable, "-m", "fitpartners", "show", "bcecc", "--json"],
        capture_output=True,
        env=clean_environ(LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0", PYTHONIOENCODING="ascii"),
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert "Commerciële".encode() in r.stdout


# -- interrupts and bugs -----------------------------------------------------------------------


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


# -- the user's environment ---------------------------------------------------------------------


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize(
    "args", [["list"], ["list", "--json"], ["show", "voka"], ["list", "--format", "csv"]]
)
def test_a_full_disk_is_one_line_naming_stdout_exit_1(args):
    with open("/dev/full", "w") as full:
        r = subprocess.run(
            [sys.executable, "-m", "fitpartners", *args], stdout=full, stderr=subprocess.PIPE, text=True,
            env=clean_environ(), timeout=60,
        )  # fmt: skip
    assert r.returncode == 1
    assert r.stderr == "fitpartners: no space left on device: stdout\n"


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
def test_a_closed_stdout_or_stdin_is_one_line_exit_1():
    code = "import os, sys, subprocess; os.close({fd}); sys.exit(subprocess.call({argv!r}, close_fds=False))"
    for fd, args, message in (
        (1, ["list"], "cannot write to stdout: it is closed"),
        (1, ["show", "voka", "--json"], "cannot write to stdout: it is closed"),
        (0, ["validate", "-"], "cannot read from stdin: it is closed"),
    ):
        argv = [sys.executable, "-m", "fitpartners", *args]
        r = subprocess.run(
            [sys.executable, "-c", code.format(fd=fd, argv=argv)], capture_output=True, text=True,
            env=clean_environ(), timeout=60,
        )  # fmt: skip
        assert r.returncode == 1, (args, r.stderr)
        assert r.stderr == f"fitpartners: {message}\n", args
    # In the language of the run, as every message (a new user's review found it English).
    argv = [sys.executable, "-m", "fitpartners", "list"]
    r = subprocess.run(
        [sys.executable, "-c", code.format(fd=1, argv=argv)], capture_output=True, text=True,
        env={**clean_environ(), "LANG": "nl_BE.UTF-8"}, timeout=60,
    )  # fmt: skip
    assert (r.returncode, r.stderr) == (1, "fitpartners: kan niet schrijven naar stdout: die is gesloten\n")


@pytest.mark.slow  # seconds of processes or data: .ci/run runs it after the default run
def test_a_closed_stderr_loses_the_notes_not_the_data_nor_the_exit_code():
    code = "import os, sys, subprocess; os.close(2); sys.exit(subprocess.call({argv!r}, close_fds=False))"
    for args, expected, out in (
        (["list", "--domain", "food"], 0, "Fevia Vlaanderen"),  # with a note for people
        (["show", "vok"], 0, "Voka"),  # 'vok' taken as Voka
        (["search", "xyzzy"], 0, ""),  # no partner matches
        ([], 2, ""),  # the help, as a usage error
        (["show", "nobody"], 1, ""),
    ):
        argv = [sys.executable, "-m", "fitpartners", *args]
        r = subprocess.run(
            [sys.executable, "-c", code.format(argv=argv)], capture_output=True, text=True,
            env=clean_environ(), timeout=60,
        )  # fmt: skip
        assert (r.returncode, r.stderr) == (expected, ""), args
        assert out in r.stdout, args


def test_a_note_to_a_closed_stderr_is_dropped(monkeypatch):
    from fitpartners.output.render import say

    monkeypatch.setattr(sys, "stderr", None)
    say("no partner matches")  # no AttributeError


def test_stdin_closed_or_failing_is_a_stream_error_in_process(monkeypatch):
    from fitpartners.dataset import loader
    from fitpartners.errors import StreamError

    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(StreamError) as closed:
        loader.read_bytes("-")
    assert str(closed.value) == "cannot read from stdin: it is closed"

    class Failing:
        """A stdin whose byte stream (itself) fails to read with `error`."""

        def __init__(self, error: OSError) -> None:
            self.buffer, self.error = self, error

        def read(self, size: int) -> bytes:
            raise self.error

    for error, said in (
        (OSError(5, "Input/output error"), "Input/output error"),
        (OSError("the pipe went away"), "the pipe went away"),  # a message, no errno (no strerror)
    ):
        monkeypatch.setattr(sys, "stdin", Failing(error))
        with pytest.raises(StreamError) as failing:
            loader.read_bytes("-")
        assert str(failing.value) == f"cannot read from stdin: {said}"
