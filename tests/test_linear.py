"""Cost that grows with the data, never faster (issue 31, part 7): no step quadratic in the
number of partners, names or aliases. Measured by the size of what is written and by the work
done (lines of our own code run, counted under sys.settrace), never by time: each step runs
on a dataset of n and of 2n records, and its cost must not grow more than about twice (a
step linear in the records grows 2x, a quadratic one 4x).

The data: a chain of mergers whose every record is a partner of the latest round
(synthetic.merger_chain: the shape that made `list --period all --json` write 186 MB for a
chain of 1,500) and partners with ten aliases each (synthetic.aliased)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from conftest import DATA_FILE, run
from fitpartners.catalog import Catalog
from fitpartners.dataset.loader import parse
from fitpartners.dataset.rules import cross_check
from fitpartners.errors import NotFound
from fitpartners.output import machine, text, views
from fitpartners.output.cells import rows
from synthetic import aliased, grow, merger_chain

RAW: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
BUNDLED = len(RAW["partners"])
TODAY = dt.date(2026, 11, 28)
N = 200  # and 2N: large enough that a quadratic step's n*n outgrows the rest
# At most this much more for twice the records: linear is 2 (less, with what does not grow).
GROWTH = 2.3
SRC = str(Path(__file__).resolve().parents[1] / "src" / "fitpartners")


def catalog_of(data: dict[str, Any]) -> Catalog:
    return Catalog(parse(json.dumps(data, ensure_ascii=False).encode(), "test"), TODAY)


@pytest.fixture(scope="module")
def chains(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[str, Catalog]]:
    """A chain of N and of 2N mergers: size -> (file, catalog)."""
    made = {}
    for size in (N, 2 * N):
        data = merger_chain(RAW, size)
        path = tmp_path_factory.mktemp("chain") / f"chain-{size}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        made[size] = (str(path), catalog_of(data))
    return made


@pytest.fixture(scope="module")
def aliases() -> dict[int, Catalog]:
    """N and 2N partners with ten aliases each."""
    return {size: catalog_of(aliased(RAW, size)) for size in (N, 2 * N)}


@contextmanager
def counted() -> Iterator[list[int]]:
    """Counts the lines of fitpartners' own code run inside the block (tally[0])."""
    tally = [0]

    def line(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            tally[0] += 1
        return line

    def call(frame: FrameType, event: str, arg: Any) -> Any:
        return line if frame.f_code.co_filename.startswith(SRC) else None

    before = sys.gettrace()
    sys.settrace(call)
    try:
        yield tally
    finally:
        sys.settrace(before)


def work(step: Callable[[], object]) -> int:
    with counted() as tally:
        step()
    return tally[0]


def grows_linearly(small: float, large: float) -> bool:
    return 0 < large <= GROWTH * small


def last_of_chain(catalog: Catalog) -> Any:
    return catalog.all_partners[-1]


def first_of_chain(catalog: Catalog) -> Any:
    return catalog.all_partners[BUNDLED]


# -- what is written ----------------------------------------------------------------------


def test_the_json_of_every_partner_grows_with_the_chain_not_its_square(chains):
    """Before: every record's status carried its whole chain, 186 MB for 1,500 records."""
    sizes = {}
    for size, (path, _) in chains.items():
        r = run("list", "--period", "all", "--json", "--data", path)
        assert r.code == 0
        records = r.json()
        assert len(records) == BUNDLED + size - 1  # Biovia is in no round
        sizes[size] = len(r.raw)
    assert grows_linearly(sizes[N], sizes[2 * N]), sizes
    # Each record's status holds the first and last change and their count, no chain.
    catalog = chains[2 * N][1]
    by_id = {r["id"]: r for r in records}
    status = by_id[first_of_chain(catalog).id]["status"]
    end = last_of_chain(catalog).id
    assert (status["changes"], status["chain"], status["partner"]) == (2 * N - 1, None, end)
    assert status["now"]["id"] == end and status["next"]["id"] == catalog.all_partners[BUNDLED + 1].id


def test_the_lists_for_people_grow_with_the_chain_not_its_square(chains):
    csv = ["list", "--format", "csv", "--labels", "--lang", "nl"]
    for args in (["list"], csv, ["list", "--format", "xlsx"]):
        sizes = {size: len(run(*args, "--data", path).raw) for size, (path, _) in chains.items()}
        assert grows_linearly(sizes[N], sizes[2 * N]), (args, sizes)


def test_the_card_of_a_chain_s_end_and_its_start_stay_small(chains):
    """The last record's card listed each record it continues with its whole chain: the
    square of the chain. It lists ten, shortened, and how many more; the first record's
    chain row shows ten links and how many more. The JSON of one record has its whole chain."""
    small, large = ((path, catalog) for path, catalog in chains.values())
    for (path_n, cat_n), (path_2n, cat_2n) in [(small, large)]:
        for pick in (last_of_chain, first_of_chain):
            # The rows on what became of it and what it continues, before its own fields.
            card_n = run("show", "--data", path_n, "--", pick(cat_n).id).out.split("\nname: ")[0]
            card_2n = run("show", "--data", path_2n, "--", pick(cat_2n).id).out.split("\nname: ")[0]
            assert 0 < len(card_2n) <= 1.05 * len(card_n), (pick.__name__, len(card_n), len(card_2n))
        card = run("show", "--data", path_2n, "--", last_of_chain(cat_2n).id).out
        continues = [line for line in card.splitlines() if line.startswith("continues: ")]
        assert len(continues) == text.CONTINUES_SHOWN + 1
        assert continues[-1] == f"continues: and {2 * N - 1 - text.CONTINUES_SHOWN} more"
        assert f"-> ({2 * N - 3} more) ->" in continues[0]
        card = run("show", "--data", path_2n, "--", first_of_chain(cat_2n).id).out
        chain = next(line for line in card.splitlines() if line.startswith("chain: "))
        assert chain.count(" -> ") == 10 and f"({2 * N - 10} more)" in chain
        one = run("show", "--json", "--data", path_2n, "--", first_of_chain(cat_2n).id).json()
        assert len(one["status"]["chain"]) == 2 * N


# -- the work done ------------------------------------------------------------------------


def steps_on_a_chain(catalog: Catalog) -> dict[str, Callable[[], object]]:
    everyone = catalog.in_period(catalog.period("all"))
    last = last_of_chain(catalog)
    lang = "nl"
    return {
        "validate": lambda: cross_check(catalog.dataset),
        "statuses": lambda: [catalog.listed_status(p) for p in everyone],
        "json": lambda: machine.write_json_records(catalog.printed(everyone), None, None),
        "rows": lambda: rows(catalog.printed(everyone), ["name", "status"], labels=True, lang=lang),
        "card": lambda: text.card_rows(last, catalog.status(last), lang, {}, catalog.continued_by(last)),
        "search": lambda: catalog.search(["agoria", "voka", "fevia"], period="all"),
        # A word-prefix of the names of 1 in 20 records: each candidate said with its status.
        "ambiguous": lambda: pytest.raises(NotFound, catalog.lookup, "de blauwe"),
        "history": lambda: catalog.history(),
        "history table": lambda: views.history(catalog, catalog.history(), lang),
        "matrix": lambda: catalog.matrix("all"),
    }


def test_no_step_is_quadratic_in_a_chain_of_mergers(chains, capsys):
    small, large = (steps_on_a_chain(catalog) for _, catalog in chains.values())
    for name in small:
        counts = (work(small[name]), work(large[name]))
        capsys.readouterr()  # what the JSON step wrote
        assert grows_linearly(*counts), (name, counts)


def steps_on_aliases(catalog: Catalog) -> dict[str, Callable[[], object]]:
    last = catalog.all_partners[-1]
    return {
        "validate": lambda: cross_check(catalog.dataset),
        "alias": lambda: catalog.lookup(last.aliases[-1]),
        "prefix": lambda: catalog.resolve(last.aliases[-1][:-2]),
        "ambiguous": lambda: pytest.raises(NotFound, catalog.lookup, "alias"),
        "typo": lambda: pytest.raises(NotFound, catalog.lookup, "agroia"),
        "search": lambda: catalog.search(["alias", "voka"]),
    }


def test_no_step_is_quadratic_in_names_and_aliases(aliases):
    small, large = (steps_on_aliases(catalog) for catalog in aliases.values())
    for name in small:
        counts = (work(small[name]), work(large[name]))
        assert grows_linearly(*counts), (name, counts)


def test_a_list_s_status_is_the_status_of_one_without_its_chain(chains):
    """listed_status, made from the ends of mergers found once, says what status says,
    which follows the mergers one by one."""
    _, catalog = chains[N]
    for p in catalog.all_partners:
        assert catalog.listed_status(p) == catalog.status(p).model_copy(update={"chain": None}), p.id


class Counted(str):
    """An id that counts how often it is compared: a loop inside one C call (`x in a_list`)
    runs no line of ours, but calls this."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        Counted.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_history_compares_each_partner_once_not_with_each_other():
    """Who continued, joined and left was found by asking a list of a round's ids for each
    partner: the square of the partners, inside C, where the line counts see nothing."""
    counts = []
    for size in (N, 2 * N):
        catalog = catalog_of(grow(RAW, size))
        catalog.all_partners = [p.model_copy(update={"id": Counted(p.id)}) for p in catalog.all_partners]
        Counted.compared = 0
        steps = catalog.history()
        assert steps[-1].counts.continued > size // 2  # clones of the partners of both rounds
        counts.append(Counted.compared)
    # Sets compare a partner's id with another's only on a hash collision: about none.
    assert counts[1] <= GROWTH * counts[0] + N, counts
