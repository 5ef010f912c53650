"""Start-up benchmark: the installed `fitpartners` against the design's own floors.

Times, in one run and alternating so that machine noise hits every command alike, the
median wall time of each command below and of the two floors:

- floor_models.py: Python, Typer with show's parameters, the Pydantic models validating
  the bundled file and one partner's JSON (the floor of every JSON command);
- floor_models_table.py: the same with a one-row Rich table (the floor of every command
  that draws a table or a card in a terminal).

It prints each command's ratio to its floor and to the other one. The targets: every
command at most 1.10 of its floor, `search` at most 1.20 (it reads the vocabulary, the
country index and table, and builds its index). Completion is shown both ways, side by side:
the short path (a TAB on the bundled data) against the full one (the same TAB with
FITPARTNERS_DATA naming the bundled file), its target a third of it; `python -c pass` is
shown as the floor of any run. docs/performance.md keeps the latest figures.

    python benchmarks/startup.py [--runs 30] [--bin DIR] [--json] [--instructions]

--instructions counts, instead of timing, the instructions each command executes, once
(--runs is ignored), under `valgrind --tool=callgrind` (installed apart): a count that the
machine's other work does not move, where the times of a shared machine move by a few
hundredths between runs. With a fixed hash seed the same code counts the same each time.

--bin is the folder of the installed `fitpartners` and of the Python it runs on (default:
the folder of this Python). Table commands run with TTY_COMPATIBLE=1, so that they draw
the terminal table, and so does the table floor.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import common

HERE = Path(__file__).resolve().parent


JSON_FLOOR = "floor: typer + models + json"
TABLE_FLOOR = "floor: typer + models + rich table"
PYTHON_FLOOR = "floor: python -c pass"
FULL_COMPLETION = "completion, full path (FITPARTNERS_DATA)"
SEARCH_TARGET = 1.20
COMPLETION_TARGET = 1 / 3  # the short path of completion against the full one (issue 33)
TARGET = 1.10


def commands(bin_dir: Path) -> dict[str, tuple[list[str], dict[str, str], str]]:
    """name -> (argv, extra environment, floor name)"""
    exe = str(bin_dir / "fitpartners")
    python = str(bin_dir / "python")
    terminal = {"TTY_COMPATIBLE": "1", "TERM": "dumb", "COLUMNS": "100", "LINES": "50"}
    complete = {
        "_FITPARTNERS_COMPLETE": "complete_bash",
        "COMP_WORDS": "fitpartners show fla",
        "COMP_CWORD": "2",
    }
    # The same TAB on the full path (Typer, the models, the dataset validated): the bundled
    # file named by FITPARTNERS_DATA, which the short path leaves to it.
    bundled = subprocess.run(
        [python, "-c", "from fitpartners.dataset.loader import bundled_path; print(bundled_path())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return {
        JSON_FLOOR: ([python, str(HERE / "floor_models.py"), "Voka", "--json"], {}, ""),
        TABLE_FLOOR: ([python, str(HERE / "floor_models_table.py"), "Voka"], terminal, ""),
        "show Voka --json": ([exe, "show", "Voka", "--json"], {}, JSON_FLOOR),
        "list --json": ([exe, "list", "--json"], {}, JSON_FLOOR),
        "list --domain food (table)": ([exe, "list", "--domain", "food"], terminal, TABLE_FLOOR),
        "search kaas japan --json": ([exe, "search", "kaas", "japan", "--json"], {}, JSON_FLOOR),
        "search kaas japan (table)": ([exe, "search", "kaas", "japan"], terminal, TABLE_FLOOR),
        "show Voka (card)": ([exe, "show", "Voka"], terminal, TABLE_FLOOR),
        PYTHON_FLOOR: ([python, "-c", "pass"], {}, ""),
        FULL_COMPLETION: ([exe], {**complete, "FITPARTNERS_DATA": bundled}, JSON_FLOOR),
        "completion (show fla<TAB>)": ([exe], complete, FULL_COMPLETION),
        "--version": ([exe, "--version"], {}, JSON_FLOOR),
    }


def time_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def instructions_once(argv: list[str], env: dict[str, str]) -> float:
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind, which is not installed")
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        env={**env, "PYTHONHASHSEED": "0"},  # string hashes, and so set and dict order, fixed
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", run.stderr)
    if found is None:
        raise SystemExit(f"no instruction count from valgrind for {argv}")
    return int(found.group(1)) / 1e9  # so that x 1000 below gives millions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--bin", type=Path, default=Path(sys.executable).parent)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions (valgrind), once each"
    )
    args = parser.parse_args()
    measure, unit = (instructions_once, "M instr.") if args.instructions else (time_once, "ms")
    if args.instructions:
        args.runs = 1
    ours = ("FITPARTNERS_", "TTY_COMPATIBLE", "_FIT")
    base = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    table = commands(args.bin)
    times: dict[str, list[float]] = {name: [] for name in table}
    for argv, extra, _ in table.values():  # warm the file cache and .pyc files
        time_once(argv, {**base, **extra})
    for _ in range(args.runs):
        for name, (argv, extra, _) in table.items():
            times[name].append(measure(argv, {**base, **extra}))
    medians = {name: statistics.median(values) for name, values in times.items()}
    results = []
    for name, (_, _, floor) in table.items():
        if not floor:
            continue
        target = SEARCH_TARGET if name.startswith("search") else TARGET
        if floor == FULL_COMPLETION:
            target = COMPLETION_TARGET
        ratio = medians[name] / medians[floor]
        results.append(
            {
                "command": name,
                "median": round(medians[name] * 1000, 1),
                "unit": unit,
                "floor": floor,
                "ratio": round(ratio, 3),
                "ratio_json_floor": round(medians[name] / medians[JSON_FLOOR], 3),
                "ratio_table_floor": round(medians[name] / medians[TABLE_FLOOR], 3),
                "target": target,
                "target_met": ratio <= target,
            }
        )
    floors = {name: round(medians[name] * 1000, 1) for name in (PYTHON_FLOOR, JSON_FLOOR, TABLE_FLOOR)}
    what = "one count each (valgrind)" if args.instructions else f"{args.runs} alternating runs each"
    machine = common.machine()
    if args.json:
        print(
            json.dumps(
                {"machine": machine, "runs": args.runs, "unit": unit, "floors": floors, "results": results},
                indent=2,
            )
        )
        return 0
    print(f"{what}; {machine}")
    for name, value in floors.items():
        print(f"{name:42} {value:>10.1f} {unit}")
    heading = "M instr." if args.instructions else "median ms"
    print(f"{'command':42} {heading:>10} {'ratio':>7} {'json fl.':>9} {'table fl.':>9}  target")
    # Counts repeat exactly, so their ratios show a thousandth; times move by hundredths.
    digits = 3 if args.instructions else 2
    for r in results:
        mark = "ok" if r["target_met"] else "OVER"
        print(
            f"{r['command']:42} {r['median']:>10.1f} {r['ratio']:>7.{digits}f} "
            f"{r['ratio_json_floor']:>9.{digits}f} {r['ratio_table_floor']:>9.{digits}f}  "
            f"{r['target']:.2f} {mark}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
