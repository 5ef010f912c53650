"""Start-up benchmark: the installed `fitpartners` against the floor of its libraries.

Times, in one run and alternating so that machine noise hits every command alike, the
median wall time of each command below and of the two floors (a minimal Typer app that
prints one JSON line, and one that prints a one-row Rich table), then prints each
command's ratio to its floor. The target is a ratio of at most 1.10: our own work adds at
most a tenth to what Python, Typer and Rich cost anyway. Two more rows for reference: a
Typer app with the 15 options of `list` (Typer's own cost per option), and the least the
design asks of `show --json`: Typer, the dataset's models validating the bundled file, one
partner's JSON (floor_models.py), with its ratio to the JSON floor.

    python benchmarks/startup.py [--runs 40] [--bin DIR] [--json]

--bin is the folder of the installed `fitpartners` and of the Python it runs on (default:
the folder of this Python). Table commands run with TTY_COMPATIBLE=1, so that they draw
the terminal table, and so does the table floor.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import common

HERE = Path(__file__).resolve().parent


# Typer's own cost for a command with as many options as ours: a second, stricter-to-explain
# floor, printed beside the first (the first stays the target).
OPTIONS_FLOOR = "floor: typer + list's 15 options"
# What the design's models cost on their own (floor_models.py): printed with its ratio to
# the JSON floor, as the part of the budget they take before any of our code runs.
MODELS_REFERENCE = "reference: typer + the models"


def commands(bin_dir: Path) -> dict[str, tuple[list[str], dict[str, str], str]]:
    """name -> (argv, extra environment, floor name)"""
    exe = str(bin_dir / "fitpartners")
    python = str(bin_dir / "python")
    terminal = {"TTY_COMPATIBLE": "1", "TERM": "dumb", "COLUMNS": "100", "LINES": "50"}
    complete = {
        "_FITPARTNERS_COMPLETE": "complete_bash",
        "COMP_WORDS": "fitpartners show vo",
        "COMP_CWORD": "2",
    }
    json_floor, table_floor = "floor: typer + json", "floor: typer + rich table"
    return {
        json_floor: ([python, str(HERE / "floor_json.py")], {}, ""),
        table_floor: ([python, str(HERE / "floor_table.py")], terminal, ""),
        OPTIONS_FLOOR: ([python, str(HERE / "floor_options.py")], {}, ""),
        MODELS_REFERENCE: ([python, str(HERE / "floor_models.py"), "Voka", "--json"], {}, json_floor),
        "show Voka --json": ([exe, "show", "Voka", "--json"], {}, json_floor),
        "list --json": ([exe, "list", "--json"], {}, json_floor),
        "list --domain food (table)": ([exe, "list", "--domain", "food"], terminal, table_floor),
        "search food japan --json": ([exe, "search", "food", "japan", "--json"], {}, json_floor),
        "show Voka (card)": ([exe, "show", "Voka"], terminal, table_floor),
        "completion (show vo<TAB>)": ([exe], complete, json_floor),
        "--version": ([exe, "--version"], {}, json_floor),
    }


def time_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--bin", type=Path, default=Path(sys.executable).parent)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    ours = ("FITPARTNERS_", "TTY_COMPATIBLE", "_FIT")
    base = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    table = commands(args.bin)
    times: dict[str, list[float]] = {name: [] for name in table}
    for argv, extra, _ in table.values():  # warm the file cache and .pyc files
        time_once(argv, {**base, **extra})
    for _ in range(args.runs):
        for name, (argv, extra, _) in table.items():
            times[name].append(time_once(argv, {**base, **extra}))
    medians = {name: statistics.median(values) for name, values in times.items()}
    results = []
    for name, (_, _, floor) in table.items():
        ratio = medians[name] / medians[floor] if floor else 1.0
        results.append(
            {
                "command": name,
                "median_ms": round(medians[name] * 1000, 1),
                "floor": floor or None,
                "ratio": round(ratio, 3),
                "ratio_to_options_floor": round(medians[name] / medians[OPTIONS_FLOOR], 3) if floor else None,
                "target_met": ratio <= 1.10 if floor and name != MODELS_REFERENCE else None,
            }
        )
    machine = common.machine()
    if args.json:
        print(json.dumps({"machine": machine, "runs": args.runs, "results": results}, indent=2))
        return 0
    print(f"{args.runs} alternating runs each; {machine}")
    print(f"{'command':34} {'median ms':>10} {'ratio':>7} {'vs options':>10}  floor")
    for r in results:
        ratio = f"{r['ratio']:.2f}" if r["floor"] else "-"
        versus = f"{r['ratio_to_options_floor']:.2f}" if r["floor"] else "-"
        mark = "" if r["target_met"] is None else ("  ok" if r["target_met"] else "  OVER 1.10")
        print(f"{r['command']:34} {r['median_ms']:>10.1f} {ratio:>7} {versus:>10}  {r['floor'] or ''}{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
