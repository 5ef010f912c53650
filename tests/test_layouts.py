"""Each layout pinned at 40, 60, 80 and 120 columns and in a pipe: the design's uses (`list
--domain food`, `show Voka`, a search) and the overviews, as a terminal shows them (COLUMNS,
TTY_COMPATIBLE=1, TERM=dumb: ASCII rules, no colour), word for word against tests/golden/,
read by eye when written (`python tests/test_layouts.py` rewrites them). And what makes a
layout: notes on stderr wrapped at words at a terminal only, columns left out or shortened
said, a card per partner where no table fits, colour switches that change no layout."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import TERMINAL, cli, run, unwrapped

GOLDEN = Path(__file__).parent / "golden" / "layouts"
WIDTHS = [40, 60, 80, 120]
EXAMPLES = {
    "list-food": ["list", "--domain", "food"],
    "show-voka": ["show", "Voka"],
    "search-kaas-japan": ["search", "kaas", "naar", "Japan"],
    "search-certificaat": ["search", "certificaat", "van", "oorsprong"],  # a service's page
    "list": ["list"],
    "matrix": ["matrix"],
    "domains": ["domains"],
    "history": ["history"],
    "about": ["about"],
}
ANSI = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")  # styles, and links (OSC 8)
URL = re.compile(r"^\s*https?://\S+$")


def shown(args: list[str], width: int | None, **env: str) -> str:
    """stdout, then stderr, as a terminal `width` columns wide shows them (None: a pipe)."""
    setting = {**TERMINAL, "COLUMNS": str(width)} if width else {"COLUMNS": "40"}
    r = run(*args, env={**setting, **env})
    assert r.code == 0, r.err
    return r.out + r.shown_err


def golden_name(name: str, width: int | None) -> Path:
    return GOLDEN / f"{name}-{width or 'pipe'}.txt"


@pytest.mark.parametrize("width", [*WIDTHS, None], ids=lambda w: str(w or "pipe"))
@pytest.mark.parametrize("name", EXAMPLES)
def test_each_layout_word_for_word(name, width):
    assert shown(EXAMPLES[name], width) == golden_name(name, width).read_text(encoding="utf-8")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", EXAMPLES)
def test_no_line_is_wider_than_the_terminal_but_an_address(name, width):
    wide = [line for line in shown(EXAMPLES[name], width).splitlines() if len(line) > width]
    assert [line for line in wide if not URL.match(line)] == []


# -- notes on stderr -----------------------------------------------------------------------------


def test_a_note_wraps_at_words_at_a_terminal_and_stays_one_line_in_a_pipe():
    args = ["search", "kaas", "naar", "Japan"]
    pipe = run(*args, env={"COLUMNS": "40"}).shown_err
    assert pipe.count("\n") == 1 and len(pipe) > 100  # one line for grep, whatever COLUMNS says
    for width in WIDTHS:
        err = run(*args, env={**TERMINAL, "COLUMNS": str(width)}).shown_err
        lines = err.splitlines()
        assert all(len(line) <= width for line in lines), (width, lines)
        assert all(line.startswith("  ") for line in lines[1:])  # a hanging indent
        assert len(lines) > 1 or width == 120
        assert " ".join(line.strip() for line in lines) == pipe.strip()  # no word cut, none lost


def test_a_message_longer_than_a_line_keeps_an_address_whole():
    r = run("search", "zzzqqq", env={**TERMINAL, "COLUMNS": "40"})
    assert "https://www.flandersinvestmentandtrade.com" in r.shown_err.split()
    assert unwrapped(r.shown_err).count("\n") == 1


# -- narrowed tables ---------------------------------------------------------------------------


def test_a_table_says_which_columns_it_left_out_or_shortened():
    at_60 = shown(["list"], 60)
    assert "left out to fit: type, domains; shortened to fit: status" in " ".join(at_60.split())
    at_80 = shown(["list"], 80)
    assert "left out to fit: domains; shortened to fit: type, status" in " ".join(at_80.split())
    assert "left out" not in shown(["list"], 300) and "shortened" not in shown(["list"], 300)
    dutch = " ".join(shown(["list", "--lang", "nl"], 60).split())
    assert "weggelaten om te passen: " in dutch


def test_an_empty_column_is_left_out_at_a_terminal_and_kept_in_a_pipe():
    header = shown(["search", "kaas", "naar", "Japan"], 120).splitlines()[0].split()
    assert "status" not in header  # active, all of them: nothing to say
    assert all(
        line.split("\t")[-2] == "active" for line in run("search", "kaas", "naar", "Japan").out.splitlines()
    )
    chosen = shown(["search", "kaas", "--fields", "name,status"], 120).splitlines()[0].split()
    assert chosen == ["name", "status"]  # asked for: kept


def test_at_40_columns_a_card_per_partner_replaces_the_table():
    out = shown(["list"], 40)
    assert "-----" not in out  # no table rule
    titles = [line for line in out.splitlines() if line.startswith("#")]
    assert len(titles) == 21 and titles[0] == "#1 Agoria"
    assert "  type    sector federation" in out.splitlines()
    matrix = shown(["matrix"], 40)
    assert " 9 Fevia Vlaanderen: food" in matrix.splitlines()


# -- history -----------------------------------------------------------------------------------


@pytest.mark.parametrize("today", ["2022-06-01", "2023-01-01", "2026-11-28"])
@pytest.mark.parametrize("width", [*WIDTHS, None])
def test_history_nests_no_parentheses(today, width):
    out = shown(["history"], width, FITPARTNERS_TODAY=today)
    assert not re.search(r"\([^()]*\(", out), out


# -- TERM, NO_COLOR, FORCE_COLOR -------------------------------------------------------------


def test_columns_is_the_width_without_lines_too():
    # Rich takes a dumb terminal as 80 columns unless LINES is set as well: not we.
    for width in WIDTHS:
        without = run("list", env={**TERMINAL, "COLUMNS": str(width), "LINES": None})
        assert without.out == run("list", env={**TERMINAL, "COLUMNS": str(width)}).out


def test_a_dumb_terminal_gets_ascii_rules_and_another_box_drawing():
    for args in (["list"], ["history"], ["matrix"]):
        dumb = shown(args, 80)
        assert "─" not in dumb and "→" not in dumb and "-----" in dumb
        fancy = ANSI.sub("", shown(args, 80, TERM="xterm-256color"))
        assert "─" in fancy


@pytest.mark.parametrize("width", [40, 80, 120])
@pytest.mark.parametrize(
    "args", [["list"], ["show", "Voka"], ["matrix"], ["search", "kaas", "naar", "Japan"]]
)
def test_no_color_and_force_color_change_no_layout(args, width):
    xterm = {"TERM": "xterm-256color"}
    plain = ANSI.sub("", shown(args, width, **xterm))
    no_color = shown(args, width, **xterm, NO_COLOR="1")
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]", no_color)  # no colour code
    assert ANSI.sub("", no_color) == plain
    assert ANSI.sub("", shown(args, width, **xterm, FORCE_COLOR="1")) == plain
    assert ANSI.sub("", shown(args, width, NO_COLOR="1")) == shown(args, width)  # dumb: same


def test_force_color_in_a_pipe_keeps_the_pipe_lines():
    assert run("list", env={"FORCE_COLOR": "1"}).out == run("list").out


def write_golden() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for name, args in EXAMPLES.items():
        for width in [*WIDTHS, None]:
            golden_name(name, width).write_text(shown(args, width), encoding="utf-8")


if __name__ == "__main__":  # python tests/test_layouts.py: rewrite the pinned layouts
    sys.path.insert(0, str(Path(__file__).parent))
    write_golden()


@pytest.mark.parametrize("lang", ["en", "nl"])
@pytest.mark.parametrize("args", [["--help"], ["list", "--help"], ["search", "--help"], ["show", "--help"]])
def test_help_fits_40_columns_but_for_what_is_pasted_whole(args, lang):
    """Click keeps help 50 columns wide at least; ours fits the terminal. Only a command to
    paste (an example) and an option with its values stand past the edge, unbroken."""
    r = cli(*args, env={"COLUMNS": "40", "FITPARTNERS_LANG": lang})  # a process: Click's own width
    assert r.returncode == 0, r.stderr
    over = [
        line for line in r.stdout.splitlines()
        if len(line) > 40 and not line.lstrip().startswith(("fitpartners ", "-"))
    ]  # fmt: skip
    assert over == []
