"""--jq against the jq program: the same stdout (byte for byte), stderr and exit code on the
expressions below, as `fitpartners list --json | jq -r -c EXPR`.

The jq package in the wheel carries libjq 1.8.2 (its sdist holds jq-1.8.2.tar.gz); Debian's jq,
which CI installs, is 1.6. Where the two jq programs differ on an expression, fitpartners must
answer as jq 1.8.2 does: `jq_reference.json` holds jq 1.8.2's answers on exactly the expressions
where jq 1.6 and jq 1.8.2 differ, recorded from both programs (not written by hand):

    python tests/test_jq.py --record /path/to/jq-1.8.2/jq   # jq built from the jq package's sdist

(re-run it when the bundled data or this list changes). With a jq of libjq's own version on
PATH (or FITPARTNERS_TEST_JQ), no difference is allowed but the kept ones (KEPT, each listed
in docs/output.md with its reason).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from conftest import clean_environ, run  # noqa: E402

REFERENCE_FILE = Path(__file__).with_name("jq_reference.json")
LIBJQ = "jq-1.8.2"  # what the jq package's sdist carries (deps/jq-1.8.2.tar.gz)
ENV = {"FITPARTNERS_JQ_TEST_VAR": "set"}

# What fitpartners does differently from jq of every version, on purpose or because the jq
# package offers no way (docs/output.md lists them, with the reasons).
KEPT = {
    "": "no program reads `.`, as jq 1.6 and gh --jq do (jq 1.8 says 'Top-level program not given')",
    " ": "the same: only blanks",
    "# only a comment": "the same: only a comment",
    "debug | length": "the jq package sets no debug callback: debug prints nothing on stderr",
    "stderr | length": "the jq package sets no stderr callback: stderr prints nothing",
    "get_search_list": "the jq package sets no library path: [] (and no module can be imported)",
}

EXPRESSIONS = [
    ".",
    "",
    " ",
    "# only a comment",
    ".[0].name",
    ".[0]",
    ".[] | .id",
    ".[-1].name",
    ".[2:4] | map(.id)",
    ".[:3][] | .number",
    ".[0] | keys",
    ".[0] | keys_unsorted",
    '.[0] | has("name")',
    '.[0] | .["name"]',
    '.[0].missing // "default"',
    ".[0].name?",
    '.[0] | to_entries | map(.key) | join(",")',
    "map(.id) | length",
    "length",
    ".[0] | length",
    ".[0].name | length",
    ".[0].name | utf8bytelength",
    "[.[] | select(.country != null) | .country]",
    "map(select(.number > 18)) | map(.id)",
    '.[] | select(.id == "voka") | .name',
    "[.[] | .type] | unique",
    "group_by(.type) | map([.[0].type, length])",
    "unique_by(.type) | length",
    "min_by(.number).id",
    "max_by(.number).id",
    "sort_by(.name) | map(.name) | .[0:3]",
    "sort_by(.name; .number) | .[0].id",
    "map(.domains | length) | add",
    "[.[] | .name | length] | max",
    "[.[] | .name | length] | min",
    "[.[] | .number] | add",
    "[.[] | .number] | add / length",
    'any(.[]; .id == "voka")',
    "all(.[]; .number > 0)",
    "[.[] | .domains] | flatten | unique",
    "[.[] | .domains] | flatten(1) | length",
    'map(.id) | index("voka")',
    'map(.id) | indices("voka")',
    '[.[].id] | contains(["voka"])',
    '["voka"] | inside([.[]])',
    "[paths] | length",
    '[paths(type == "number")] | length',
    "[leaf_paths] | length",
    ".[0] | [paths]",
    "del(.[1:]) | map(.id)",
    ".[0] | to_entries[0]",
    '.[0] | with_entries(select(.key == "id"))',
    "[.[0] | to_entries[] | select(.value == null) | .key]",
    "map({(.id): .number}) | add | .voka",
    ".[0] | tostream",
    "[.[0] | tostream] | fromstream(.[])",
    "[1 | truncate_stream([[0],1],[[1,0],2],[[1,0]],[[1]])]",
    '.[0] | getpath(["name"])',
    '.[0] | setpath(["name"]; 1) | .name',
    '.[0] | delpaths([["name"]]) | has("name")',
    ".[0] | path(.name)",
    "[path(..)] | length",
    "[.. | numbers] | add",
    "[.. | strings] | length",
    "[.. | booleans] | length",
    "[.. | nulls] | length",
    "[.. | arrays] | length",
    "[.. | objects] | length",
    "[.. | scalars] | length",
    "[.. | iterables] | length",
    ".[0] | map_values(type)",
    ".[0].name |= ascii_upcase | .[0].name",
    ".[0] | .number += 1 | .number",
    "map(.number) | reverse | .[0]",
    "map(.number) | transpose?",
    "[[1,2],[3,4]] | transpose",
    '[1,2,3] | combinations(2)? // "no"',
    "[[1,2],[3,4]] | [combinations]",
    'walk(if type == "number" then . + 1 else . end) | .[0].number',
    ".[0] | to_entries | from_entries | .id",
    '[.[] | .name] | join("; ")',
    '[splits(", ")]?',
    "reduce .[] as $p (0; . + $p.number)",
    "[foreach .[] as $p (0; . + 1)] | .[-1]",
    "[limit(3; .[] | .id)]",
    "first(.[] | .id)",
    "last(.[] | .id)",
    "nth(2; .[] | .id)",
    "[range(0; 10; 3)]",
    "[range(5; 0; -2)]",
    "[range(3)]",
    "[limit(5; repeat(1))]",
    "[.[0].number | while(. < 100; . * 2)]",
    "[1 | until(. > 100; . * 3)]",
    "label $f | .[] | .id, break $f",
    "[.[] | .id] | first",
    '.[0] as {id: $i, number: $n} | "\\($i)=\\($n)"',
    ".[0:2] as [$a, $b] | [$a.id, $b.id]",
    "def f(x): x * 2; f(.[0].number)",
    "def fac: if . <= 1 then 1 else . * (. - 1 | fac) end; 10 | fac",
    'if .[0].number == 1 then "one" elif .[0].number == 2 then "two" else "many" end',
    'if length > 3 then "long" end',
    ".[0] | .a.[0]?",
    'try error("x") catch .',
    "try (.[0].name + 1) catch .",
    "[.[] | .name | tonumber?]",
    ".[0].name | ascii_downcase",
    ".[0].name | ascii_upcase",
    ".[0].name | explode | implode",
    '.[0].name | ltrimstr("Ag")',
    '.[0].name | rtrimstr("ia")',
    '.[0].name | startswith("Ago")',
    '.[0].name | endswith("ria")',
    '.[0].name | test("ago"; "i")',
    '.[0].name | [match("o"; "g").offset]',
    '.[0].name | capture("(?<first>.)")',
    '.[0].name | sub("o"; "0")',
    '.[0].name | gsub("[aeiou]"; "*")',
    '.[0].name | [scan("[A-Z]")]',
    '.[0].name | split("o")',
    '.[0].name | [splits("o")]',
    ".[0].name | ascii_downcase | @base64",
    ".[0].name | @base64 | @base64d",
    ".[0].name | @uri",
    '"a b&c=d/é" | @uri',
    "\"<a href='x'>&</a>\" | @html",
    ".[0:2] | map([.id, .number]) | .[] | @csv",
    ".[0:2] | map([.id, .name]) | .[] | @tsv",
    '"a\\tb\\nc\\\\d" | [.] | @tsv',
    '["it\'s", 1, null] | @sh',
    '.[0].name | @sh "echo \\(.)"',
    ".[0] | @json",
    ".[0].name | @text",
    '"\\(.[0].name) is number \\(.[0].number)"',
    ".[0] | tojson | fromjson | .id",
    ".[0].number | tostring",
    '"42" | tonumber',
    '"1.50" | tonumber',
    '"abc" | tonumber',
    ".[0] | type",
    "[.[] | .country | type] | unique",
    '"x" * 3',
    '"x" * 0',
    '{"a":{"b":1}} * {"a":{"c":2}}',
    "[1,2,3] - [2]",
    '{"a":1} + {"b":2}',
    "null + 1",
    "[1,[2]] | flatten",
    "[3,1,2] | sort",
    "[1,1,2] | unique",
    '{"b":1,"a":2} | keys',
    '{"b":1,"a":2} | to_entries | map(.key)',
    '["a","b"] | index("b")',
    '"abcb" | indices("b")',
    '"abcb" | index("b"), rindex("b")',
    '"test" | ascii',
    "[65, 66] | implode",
    '"é" | explode',
    'splits("a")?',
    '[.[] | .name | select(test("^V"))]',
    "env | type",
    '$ENV | has("PATH")',
    "env.FITPARTNERS_JQ_TEST_VAR",
    "$__loc__",
    "input_filename",
    "input_line_number",
    "[inputs]",
    "input",
    "now | type",
    "debug | length",
    "stderr | length",
    "builtins | length",
    "get_search_list",
    "$__prog_args",
    "have_decnum",
    "[.[] | .id] | tostream | select(length == 2) | .[1]",
    "1 + 2",
    "10 / 3",
    "1 / 3",
    "0.1 + 0.2",
    "1e1000",
    "-1e1000",
    "[nan] | tojson",
    "nan < 1",
    "infinite",
    " -infinite",
    "[1, 1.0, 1.5, 100]",
    "3.0",
    "1.000000000000000000001",
    "100000000000000000001",
    "[100000000000000000001]",
    "100000000000000000001 | tojson",
    "9007199254740993",
    "-0",
    "1e17",
    "123456789012",
    "1.5e300 * 1.5e300",
    "pow(2; 64)",
    "2 | sqrt",
    "10 | log | floor",
    "1e-5",
    "0.00001",
    "[.[] | .number] | map(. / 7) | .[0]",
    "1.5 | floor, ceil, round",
    "-1.5 | fabs",
    "17 % 5",
    "-17 % 5",
    "5 % 0",
    "1 / 0",
    "0 as $z | 1 / $z",
    "[.[].number] | @csv",
    "-5 | abs",
    "[1, null] | toarray?",
    '{"a":1,"b":2} | pick(.a)',
    '"  x  " | trim',
    '"  x  " | ltrimstr(" ")',
    "ltrimstr(1)",
    "splits(1)?",
    '"2015-03-05T23:51:47Z" | fromdate',
    "1425599507 | todate",
    "1425599507 | gmtime | mktime",
    '1425599507 | strftime("%Y-%m-%d")',
    '"10:15" | strptime("%H:%M") | .[3:5]',
    "1425599507.9 | todate",
    'getpath(["a", "b"])',
    "[.[] | .number] | .[2:4]",
    "[limit(0; 1, 2)]",
    "[limit(-1; 1, 2)]",
    "[first(empty)]",
    "isvalid(1)?",
    "tojson | length > 10",
    '"\\u00e9\\u0000\\u001b[31m\\u0085x"',
    '{"a": "\\u0085\\u202e"}',
    '"\\ud83d\\ude00"',
    '"tab\\there"',
    '"line\\nfeed"',
    '["\\u007f"]',
    'error("boom")',
    '.[0].name, error("boom"), .[1].name',
    "error",
    'error({"a": 1})',
    "error(null)",
    "error([1, 2])",
    ".[0].name + 1",
    ".[0] | .[0]",
    "{} | .[0]",
    '"(" as $r | "x" | test($r)',
    '"{" | fromjson',
    '["x"] | implode',
    "{} | keys | .[0] | ascii_downcase",
    '"x" | error',
    '"stop\\n" | halt_error(3)',
    '"stop" | halt_error',
    '{"a": 1} | halt_error(1)',
    "halt",
    ".[0].id, halt, .[1].id",
    '"stop" | halt_error("one")',
    '"stop" | halt_error(1.5)',
    "null | halt_error",
    "[1] | halt_error(0)",
    '"x" | halt_error(-1)',
    "100000000000000000001 | halt_error(1)",
    ".[",
    ".a |",
    "foo",
    "nul(1)",
    '"unterminated',
    "}",
    "[.[] | .x",
    "$undefined",
    "if . then 1",
    "reduce",
    ".a ?? .b",
    'import "x" as y; .',
    '"\\ud800"',
    ". as [$a] ?// $a | $a",
    "@unknownformat",
    ".[0] | .name as",
    "def f: ; f",
]


def _jq_binary() -> str | None:
    return os.environ.get("FITPARTNERS_TEST_JQ") or shutil.which("jq")


def _version(binary: str) -> str:
    return subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout.strip()


def _answer(binary: str, expression: str, data: bytes) -> list[object]:
    done = subprocess.run(
        [binary, "-r", "-c", expression],
        input=data,
        capture_output=True,
        env=clean_environ(**ENV),
        timeout=60,
    )
    return [
        done.stdout.decode("utf-8", "surrogateescape"),
        done.stderr.decode("utf-8", "surrogateescape"),
        done.returncode,
    ]


def _ours(expression: str) -> list[object]:
    r = run("list", "--jq", expression, env=ENV)
    return [r.raw.decode("utf-8", "surrogateescape"), r.err, r.code]


JQ = _jq_binary()
JQ_VERSION = _version(JQ) if JQ else None
REFERENCE = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def listed() -> bytes:
    return run("list", "--json").raw


def test_the_list_is_long_and_the_reference_is_its_own():
    assert len(EXPRESSIONS) >= 150 and len(set(EXPRESSIONS)) == len(EXPRESSIONS)
    assert set(REFERENCE["answers"]) <= set(EXPRESSIONS) and set(KEPT) <= set(EXPRESSIONS)
    assert REFERENCE["reference"] == LIBJQ


@pytest.mark.skipif(JQ is None, reason="no jq program installed (.ci/run installs Debian's)")
@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_jq_as_the_jq_program(expression, listed):
    theirs = _answer(JQ, expression, listed)
    ours = _ours(expression)
    if expression in KEPT:
        return  # docs/output.md: each kept difference and why; tested on its own below
    if JQ_VERSION == LIBJQ:
        assert ours == theirs
    elif REFERENCE["compared_with"] == JQ_VERSION and expression in REFERENCE["answers"]:
        # jq 1.6 and jq 1.8.2 differ here: ours is jq 1.8.2's, as recorded from it.
        assert theirs != REFERENCE["answers"][expression]
        assert ours == REFERENCE["answers"][expression]
    else:
        assert ours == theirs


def test_the_kept_differences_are_as_documented(listed):
    data = json.loads(listed)
    assert (
        _ours("")[0]
        == _ours(".")[0]
        == _ours("# only a comment")[0]
        == json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    )
    assert _ours("debug | length") == _ours("stderr | length") == ["21\n", "", 0]
    assert _ours("get_search_list") == ["[]\n", "", 0]
    docs = (Path(__file__).parents[1] / "docs" / "output.md").read_text(encoding="utf-8")
    assert f"{len(REFERENCE['answers'])} expressions" in docs and f"{len(EXPRESSIONS)} expressions" in docs


def _record(reference_jq: str) -> None:
    """Write jq_reference.json: the answers of `reference_jq` (jq 1.8.2) where the jq on
    PATH (1.6) answers otherwise."""
    listed = run("list", "--json").raw
    other = _jq_binary()
    assert other is not None and _version(reference_jq) == LIBJQ
    answers = {}
    for expression in EXPRESSIONS:
        theirs = _answer(reference_jq, expression, listed)
        if theirs != _answer(other, expression, listed):
            answers[expression] = theirs
    out = {"reference": LIBJQ, "compared_with": _version(other), "answers": answers}
    REFERENCE_FILE.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "--record":
        sys.exit("usage: python tests/test_jq.py --record PATH-TO-JQ-1.8.2")
    _record(sys.argv[2])


# -- a hint for a key that is a label, not a JSON key -------------------------------------------

NL = {"LANG": "nl_BE.UTF-8"}


@pytest.mark.parametrize(
    ("env", "said"),
    [
        ({}, "fitpartners: note: no JSON key is named 'naam'; the keys are English: .name\n"),
        (NL, "fitpartners: noot: geen JSON-sleutel heet 'naam'; de sleutels zijn Engels: .name\n"),
    ],
)
def test_a_dutch_label_read_as_a_key_gets_a_hint_on_stderr_and_stdout_stays_jqs(env, said):
    r = run("list", "--jq", ".[].naam", env=env)
    same = run("list", "--jq", ".[].no_such_key", env=env)  # what jq prints for a missing key
    assert (r.code, r.raw) == (0, same.raw) and r.raw == b"null\n" * 21
    assert same.err == "" and r.err == said
    assert run("list", "--jq", ".[].naam", "--quiet", env=env).err == ""


def test_the_hint_names_each_key_once_before_jqs_own_error():
    r = run("show", "fevia", "--jq", '.land, .Name, ."volledige naam" | ascii_downcase')
    hint, error = r.err.splitlines()
    assert hint == (
        "fitpartners: note: no JSON key is named 'Name', 'land', 'volledige naam'; the keys are English: "
        ".name, .country, .full_name"
    )
    assert r.code == 5 and error.startswith("jq: error (at <stdin>:1): ")


@pytest.mark.parametrize(
    "expression",
    [
        ".[].name",
        ".[] | {naam: .name} | .naam",  # a key the program makes
        '.[] | {"land": .country} | .land',
        ".[0] | .naam = 1 | .naam",
        '.[] | setpath(["naam"]; .name) | .naam',  # a key the program names as a string
        "$ENV.naam",  # no key of the input
        "env.naam",
        '"\\(.[0].name) naam"',
        ".[] | .status.text",  # a key of a nested object
        ".[0] | keys",
        "# .naam\n.[0].name",
    ],
)
def test_no_hint_on_a_program_that_reads_the_keys_it_has(expression):
    r = run("list", "--jq", expression, env={**NL, **ENV})
    assert r.err == "" and r.code == 0


def test_no_hint_for_a_program_that_does_not_compile():
    r = run("list", "--jq", ".[].naam |", env=NL)
    assert r.code == 3 and "fitpartners:" not in r.err and r.err.startswith("jq: error: ")


def test_no_hint_for_a_key_that_no_label_names():
    assert run("list", "--jq", ".[].naamloos", env=NL).err == ""
