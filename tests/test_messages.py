"""Messages that help and stay small: every message is one line of bounded length whatever
the input, echoes the value given (shown safely), suggests commands that can be pasted as
they are, names a resource limit as such (not as our bug) and names the environment
variable an error came from."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SCRIPT, clean_environ, one_line, run
from fitpartners.messages import ECHO_LIMIT, ELLIPSIS, Msg, cut

LONG = "x" * 5000 + "END"
# The longest line a message may be: its words, a list of valid values, two echoed values.
MOST = 800


def assert_small(r, *, code: int) -> str:
    assert r.code == code, (r.code, r.err[:300])
    assert one_line(r.err), r.err[:300]
    assert len(r.err) <= MOST, len(r.err)
    assert "Traceback" not in r.err
    return r.err


# -- bounded length ------------------------------------------------------------------------------

LONG_ARGUMENTS = {
    "show": (["show", LONG], {}, 1),
    "show a number": (["show", "9" * 5000], {}, 1),
    "search": (["search", LONG], {}, 0),
    "--domain": (["list", "--domain", LONG], {}, 2),
    "--type": (["list", "--type", LONG], {}, 2),
    "--sector": (["list", "--sector", LONG], {}, 2),
    "--country": (["list", "--country", LONG], {}, 2),
    "--fields": (["list", "--fields", LONG], {}, 2),
    "--period": (["list", "--period", LONG], {}, 2),
    "--format": (["list", "--format", LONG], {}, 2),
    "--lang": (["list", "--lang", LONG], {}, 2),
    "--data": (["list", "--data", "/" + LONG], {}, 1),
    "an unknown option": (["list", "--" + LONG], {}, 2),
    "an unknown command": ([LONG], {}, 2),
    "an extra argument": (["show", "voka", LONG], {}, 2),
    "FITPARTNERS_TODAY": (["list"], {"FITPARTNERS_TODAY": LONG}, 2),
    "FITPARTNERS_MAX_BYTES": (["list"], {"FITPARTNERS_MAX_BYTES": LONG}, 2),
    "FITPARTNERS_LANG": (["list"], {"FITPARTNERS_LANG": LONG}, 2),
    "FITPARTNERS_DATA": (["list"], {"FITPARTNERS_DATA": "/" + LONG}, 1),
}


@pytest.mark.parametrize("case", list(LONG_ARGUMENTS))
def test_a_long_value_is_cut_in_the_message(case):
    args, env, code = LONG_ARGUMENTS[case]
    err = assert_small(run(*args, env=env), code=code)
    if code or case == "search":
        assert LONG not in err and "x" * (ECHO_LIMIT + 1) not in err, err


def test_a_cut_value_keeps_its_start_and_end():
    shown = cut("a" * 300 + "the end")
    assert len(shown) == ECHO_LIMIT and ELLIPSIS in shown
    assert shown.startswith("a" * 100) and shown.endswith("the end")
    assert cut("short") == "short"


def test_what_the_python_api_sees_is_whole():
    # Only what a person is told is cut: the API's str(error) is the whole message.
    r = Msg("no partner named {query!r}", query=LONG)
    assert LONG in r and LONG not in r.said("en")


def test_a_long_name_in_the_data_is_cut_in_a_message(dataset, write_data):
    # A dataset is input too: two partners with one very long name are ambiguous.
    dataset["partners"][0]["name"] = "Qqq " + "y" * 3000
    dataset["partners"][1]["name"] = "Qqq " + "z" * 3000
    err = assert_small(run("show", "qqq", "--data", write_data(dataset)), code=1)
    assert "names more than one partner" in err
    assert "y" * (ECHO_LIMIT + 1) not in err


def test_a_bug_with_a_long_message_is_one_small_line(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("boom " + LONG)

    monkeypatch.setattr("fitpartners.catalog.Catalog.__init__", fail)
    err = assert_small(run("list"), code=70)
    assert err.endswith("(set FITPARTNERS_DEBUG=1 for a traceback)\n")


# -- the value given, shown safely ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args, env, shown",
    [
        (["list", "--domain", " FOOx "], {}, "' FOOx '"),  # not stripped
        (["list", "--type", "bank "], {}, "'bank '"),
        (["list", "--sector", " nothing"], {}, "' nothing'"),
        (["list", "--format", "x'y"], {}, '"x\'y"'),  # a quote in it
        (["list", "--format=q'r"], {}, '"q\'r"'),
        (["list", "--lang", "a\tb"], {}, "'a\\tb'"),  # repr's escape, once
        (["list", "--country", "a\x1b[31mb"], {}, "'a\\x1b[31mb'"),  # no escape sequence runs
        (["show", "caf\udce9"], {}, "'caf\\xe9'"),  # a byte that is no UTF-8, as the byte
        (["list"], {"FITPARTNERS_TODAY": " 2026-13-01 "}, "' 2026-13-01 '"),
        (["list"], {"FITPARTNERS_MAX_BYTES": " 7x "}, "' 7x '"),
    ],
)
def test_the_value_echoed_is_the_value_given(args, env, shown):
    r = run(*args, env=env)
    assert r.code in (1, 2) and one_line(r.err), r.err
    assert shown in r.err, r.err
    assert "\x1b" not in r.err and "\t" not in r.err


def test_a_byte_that_is_no_utf8_in_an_argument_is_shown_as_given():
    # A real process: the shell passes bytes, Python holds them as surrogate escapes.
    r = subprocess.run([SCRIPT, b"show", b"caf\xe9"], capture_output=True, env=clean_environ(), timeout=60)
    assert r.returncode == 1
    assert r.stderr == b"fitpartners: no partner named 'caf\\xe9'\n"


# -- a command to paste --------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash to paste into")
@pytest.mark.parametrize(
    "name",
    ["plain.json", "with space.json", "it's.json", "$HOME;x.json", "new\nline.json", b"caf\xe9.json"],
    ids=["plain", "space", "quote", "shell", "newline", "not-utf8"],
)
def test_the_command_a_message_suggests_can_be_pasted(tmp_path, name):
    folder = os.fsencode(tmp_path)
    path = os.path.join(folder, name if isinstance(name, bytes) else name.encode())
    with open(path, "wb") as f:
        f.write(b'{"partners": 1}')
    r = subprocess.run(
        [SCRIPT, b"list", b"--data", path], capture_output=True, env=clean_environ(), timeout=60
    )
    assert r.returncode == 1 and r.stderr.count(b"\n") == 1, r.stderr
    command = r.stderr.decode().rstrip("\n").split("; to see all: ", 1)[1]
    assert command.startswith("fitpartners validate ")
    # Pasted into a shell as it is: it validates the same file.
    env = clean_environ(PATH=f"{SCRIPT.parent}{os.pathsep}{os.environ['PATH']}")
    pasted = subprocess.run(["bash", "-c", command], capture_output=True, env=env, timeout=60)
    assert pasted.returncode == 1, pasted.stderr
    assert b"partners: Input should be a valid array" in pasted.stdout
    assert b"No such file" not in pasted.stderr


# -- resource limits -----------------------------------------------------------------------------


def test_out_of_memory_is_said_as_such_not_as_a_bug(monkeypatch):
    def fail(*args, **kwargs):
        raise MemoryError()

    monkeypatch.setattr("fitpartners.catalog.Catalog.__init__", fail)
    r = run("list", "--json")
    assert (r.code, r.err) == (1, "fitpartners: out of memory\n")
    r = run("list", "--json", env={"FITPARTNERS_DEBUG": "1"})  # no bug to debug either
    assert (r.code, r.err) == (1, "fitpartners: out of memory\n")


@pytest.mark.parametrize(
    "code, said",
    [
        (errno.ENOSPC, "no space left on device: stdout"),
        (errno.EDQUOT, "disk quota exceeded: stdout"),
        (errno.EFBIG, "file size limit reached: stdout"),
        (errno.EIO, "cannot write to stdout: Input/output error"),  # no limit: the reason
    ],
)
def test_a_limit_met_on_a_write_is_named(monkeypatch, code, said):
    # The write itself fails: the descriptor of a real file, the system's error in its place.
    from fitpartners.output import stream

    def refuse(fd, data):
        raise OSError(code, os.strerror(code))

    with open(os.devnull, "w") as devnull:
        monkeypatch.setattr(sys, "stdout", devnull)
        monkeypatch.setattr(stream.os, "write", refuse)
        with pytest.raises(stream.StreamError) as caught:
            stream.write("[]\n")
    assert caught.value.text() == said


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_disk_is_named_as_such():
    with open("/dev/full", "w") as full:
        r = subprocess.run(
            [SCRIPT, "list", "--json"], stdout=full, stderr=subprocess.PIPE, env=clean_environ(), timeout=60
        )
    assert (r.returncode, r.stderr) == (1, b"fitpartners: no space left on device: stdout\n")


# -- the variable an error came from -------------------------------------------------------------


def test_an_error_from_fitpartners_data_names_it(tmp_path, write_data):
    missing = str(tmp_path / "missing.json")
    for command in (["list"], ["show", "voka"], ["validate"]):
        r = run(*command, env={"FITPARTNERS_DATA": missing})
        assert r.code == 1 and one_line(r.err), r.err
        assert r.err.startswith(f"fitpartners: FITPARTNERS_DATA: {missing}: cannot read: "), r.err
    r = run("list", env={"FITPARTNERS_DATA": str(tmp_path)})
    assert r.err == f"fitpartners: FITPARTNERS_DATA: {tmp_path}: is a directory, not a data file\n"
    bad = write_data({"partners": 1})
    r = run("list", env={"FITPARTNERS_DATA": bad})
    assert r.err.startswith(f"fitpartners: FITPARTNERS_DATA: {bad}: invalid dataset: "), r.err
    r = run("list", env={"FITPARTNERS_DATA": "-"}, input=b"")
    assert r.err.startswith("fitpartners: FITPARTNERS_DATA: <stdin>: invalid dataset: "), r.err
    # Given with --data, the file is the user's own word: no variable to name.
    r = run("list", "--data", missing, env={"FITPARTNERS_DATA": missing})
    assert r.err.startswith(f"fitpartners: {missing}: cannot read: "), r.err


@pytest.mark.parametrize(
    "variable, value",
    [
        ("FITPARTNERS_LANG", "xx"),
        ("FITPARTNERS_TODAY", "tomorrow"),
        ("FITPARTNERS_MAX_BYTES", "lots"),
        ("FITPARTNERS_DATA", "/nonexistent/partners.json"),
    ],
)
def test_an_error_from_a_variable_names_it(variable, value):
    r = run("list", env={variable: value})
    assert r.code in (1, 2) and one_line(r.err), r.err
    assert variable in r.err and value in r.err, r.err


def test_fitpartners_lang_is_named_and_lang_is_not():
    assert run("list", env={"FITPARTNERS_LANG": "xx"}).err == (
        "fitpartners: invalid value for FITPARTNERS_LANG: 'xx' (valid: en, nl)\n"
    )
    r = run("list", "--lang", "xx")
    assert r.err == "fitpartners: invalid value for --lang: 'xx' (valid: en, nl)\n"
    # Said in the language the next source names.
    r = run("list", "--lang", "xx", env={"FITPARTNERS_LANG": "nl"})
    assert r.err == "fitpartners: ongeldige waarde voor --lang: 'xx' (geldig: en, nl)\n"


def test_any_other_text_said_is_cut_too(capsys):
    # What is no Msg (a message of a library, a bundled file's problem) has a bound of its own.
    from fitpartners.output.render import LINE_LIMIT, say

    say("problem: " + LONG)
    err = capsys.readouterr().err
    assert one_line(err) and len(err) <= len("fitpartners: \n") + LINE_LIMIT
    assert err.rstrip("\n").endswith("END")


def test_a_jq_program_s_errors_are_jqs_own_lines_whole():
    # --jq answers as `... --json | jq` would (docs/output.md): jq's words, not ours, so not cut.
    r = run("list", "--jq", f'error("{LONG}")')
    assert (r.code, r.err) == (5, f"jq: error (at <stdin>:1): {LONG}\n")
    r = run("list", "--jq", "." * 5000 + "[")
    assert r.code == 3 and r.err.endswith("jq: 1 compile error\n")
