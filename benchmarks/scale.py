"""Scale benchmark: cost per record from 1,000 to 100,000 partners, against a plain
standard-library JSON round trip of the same file, measured in the same run.

For each size it writes a valid dataset (the bundled one, grown with clones), then times
the median of --runs runs of:
  - baseline:      the fastest plain standard-library round trip of that file: json.loads
                   of its bytes, one json.dumps, one write, with the garbage collector off
                   as fitpartners has it for a run (no validation at all; freezing the
                   objects before exit, as fitpartners does, changed nothing measurable
                   here: 2.045 s against 2.069 s, median of 5 at 100,000 partners)
  - list --json:   fitpartners list --json --data FILE
  - filtered csv:  fitpartners list --domain food --format csv --data FILE
and reports each one's ratio to the baseline, its marginal cost per 1,000 records between
sizes (flat means linear), and its peak memory (max RSS).

    python benchmarks/scale.py [--sizes 1000,10000,100000] [--runs 3] [--bin DIR] [--json]

With --kind, the shapes of data that a step quadratic in partners, names or aliases would
show (issue 31): each command's time, peak memory and output per record should stay flat
as the size grows (the table gives the cost per 1,000 records between sizes, and the
output's bytes per record):
  --kind chain    SIZE partners added, each merged into the next (a chain of SIZE - 1
                  mergers, every record listed): list --period all as JSON, a table and a
                  csv in Dutch words, the card and the JSON of the chain's last record and
                  of its first, search, history, matrix, validate
  --kind aliases  the dataset grown to SIZE partners with 10 aliases each: list, show by
                  an alias and by a word-prefix, an ambiguous name, search, validate

    python benchmarks/scale.py --kind chain --sizes 250,500,1000,1500 --runs 3
    python benchmarks/scale.py --kind aliases --sizes 1000,2000,4000 --runs 3

The 100,000-partner file is about 110 MB, over the default 50 MB cap on data files, so
the benchmark raises the cap with FITPARTNERS_MAX_BYTES, the documented way to do so.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import common  # noqa: E402

from synthetic import aliased, grow, merger_chain  # noqa: E402

BASELINE = (
    "import gc, json, sys; gc.disable(); data = json.loads(open(sys.argv[1], 'rb').read()); "
    "sys.stdout.write(json.dumps(data, ensure_ascii=False))"
)


def measure(
    argv: list[str], env: dict[str, str], codes: tuple[int, ...] = (0,)
) -> tuple[float, int, int, float]:
    """Wall time in seconds, peak memory in KiB, bytes written to stdout and CPU time (user
    and system, seconds: what a machine busy with other work changes least) of one run."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        written = out.seek(0, os.SEEK_END)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in codes:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}")
    return elapsed, usage.ru_maxrss, written, usage.ru_utime + usage.ru_stime


Jobs = dict[str, tuple[list[str], tuple[int, ...]]]


def shaped_jobs(kind: str, data: dict[str, Any], exe: str, path: str) -> Jobs:
    """The commands run on a dataset of `kind` (chain, aliases), by name: argv, exit codes;
    first the baseline (the plain round trip of the file, the floor measured in the same run)."""
    ids = [p["id"] for p in data["partners"]]
    python = str(Path(exe).parent / "python")
    baseline = {"baseline": ([python, "-c", BASELINE, path], (0,))}
    if kind == "chain":
        first, last = ids[len(ids) - data["chain_length"]], ids[-1]
        return baseline | {
            "validate": ([exe, "validate", path], (0,)),
            "list all --json": ([exe, "list", "--period", "all", "--json", "--data", path], (0,)),
            "list (table)": ([exe, "list", "--data", path], (0,)),
            "list csv nl": ([exe, "list", "-f", "csv", "--labels", "--lang", "nl", "--data", path], (0,)),
            "show last": ([exe, "show", "--data", path, "--", last], (0,)),
            "show last --json": ([exe, "show", "--json", "--data", path, "--", last], (0,)),
            "show first --json": ([exe, "show", "--json", "--data", path, "--", first], (0,)),
            "search --json": ([exe, "search", "--json", "--data", path, "voka", "fevia", "agoria"], (0,)),
            "history": ([exe, "history", "--data", path], (0,)),
            "matrix --json": ([exe, "matrix", "--json", "--data", path], (0,)),
        }
    last = data["partners"][-1]
    return baseline | {
        "validate": ([exe, "validate", path], (0,)),
        "list --json": ([exe, "list", "--json", "--data", path], (0,)),
        "show an alias": ([exe, "show", "--data", path, "--", last["aliases"][-1]], (0,)),
        "show a prefix": ([exe, "show", "--data", path, "--", f"{last['name']} alias 9"[:-1]], (0, 1)),
        "show ambiguous": ([exe, "show", "--data", path, "--", "alias"], (1,)),
        "show a typo": ([exe, "show", "--data", path, "--", "agroia"], (0, 1)),
        "search --json": ([exe, "search", "--json", "--data", path, "alias", "voka"], (0,)),
    }


def shaped(args: argparse.Namespace, raw: dict[str, Any], env: dict[str, str]) -> int:
    """--kind chain or aliases: each command at each size, its cost per 1,000 records."""
    exe = str(args.bin / "fitpartners")
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in [int(s) for s in args.sizes.split(",")]:
            data = merger_chain(raw, size) if args.kind == "chain" else aliased(raw, size)
            path = Path(tmp) / f"{args.kind}-{size}.json"
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            data["chain_length"] = size
            jobs = shaped_jobs(args.kind, data, exe, str(path))
            runs: dict[str, list[tuple[float, int, int, float]]] = {name: [] for name in jobs}
            for _ in range(args.runs):  # alternate, so that noise hits all alike
                for name, (argv, codes) in jobs.items():
                    runs[name].append(measure(argv, env, codes))
            for name in jobs:
                results.append(
                    {
                        "size": size,
                        "records": len(data["partners"]),
                        "command": name,
                        "median_s": round(statistics.median(r[0] for r in runs[name]), 3),
                        "cpu_s": round(statistics.median(r[3] for r in runs[name]), 3),
                        "peak_mib": round(max(r[1] for r in runs[name]) / 1024, 1),
                        "out_bytes": runs[name][0][2],
                    }
                )
            path.unlink()
    for name in {r["command"]: None for r in results}:
        rows = [r for r in results if r["command"] == name]
        for before, after in zip(rows, rows[1:], strict=False):
            added = after["records"] - before["records"]
            after["ms_per_1000"] = round(1000 * (after["cpu_s"] - before["cpu_s"]) / added * 1000, 1)
            after["mib_per_1000"] = round((after["peak_mib"] - before["peak_mib"]) / added * 1000, 2)
    machine = common.machine()
    if args.json:
        report = {"machine": machine, "kind": args.kind, "runs": args.runs, "results": results}
        print(json.dumps(report, indent=2))
        return 0
    print(f"--kind {args.kind}: median of {args.runs} alternating runs; {machine}")
    print(
        f"{'size':>6} {'command':18} {'median s':>9} {'CPU s':>7} {'CPU ms/1000':>12} {'peak MiB':>9} "
        f"{'MiB/1000 rec':>13} {'out bytes':>11} {'bytes/rec':>10}"
    )
    for r in sorted(results, key=lambda r: (r["command"], r["size"])):
        per, mem = r.get("ms_per_1000"), r.get("mib_per_1000")
        per_text = "" if per is None else f"{per:.1f}"
        print(
            f"{r['size']:>6,} {r['command']:18} {r['median_s']:>9.3f} {r['cpu_s']:>7.3f} {per_text:>12} "
            f"{r['peak_mib']:>9.1f} {'' if mem is None else f'{mem:.2f}':>13} {r['out_bytes']:>11,} "
            f"{r['out_bytes'] / r['records']:>10.1f}"
        )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bin", type=Path, default=Path(sys.executable).parent)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--kind", choices=("partners", "chain", "aliases"), default="partners")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    raw = json.loads((ROOT / "data" / "partners.json").read_text(encoding="utf-8"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FITPARTNERS_", "TTY_COMPATIBLE"))}
    env["FITPARTNERS_MAX_BYTES"] = str(2**40)
    if args.kind != "partners":
        return shaped(args, raw, env)
    python, exe = str(args.bin / "python"), str(args.bin / "fitpartners")
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"partners-{size}.json"
            path.write_text(json.dumps(grow(raw, size), ensure_ascii=False), encoding="utf-8")
            jobs = {
                "baseline": [python, "-c", BASELINE, str(path)],
                "list --json": [exe, "list", "--json", "--data", str(path)],
                "filtered csv": [exe, "list", "--domain", "food", "--format", "csv", "--data", str(path)],
            }
            runs: dict[str, list[tuple[float, int]]] = {name: [] for name in jobs}
            for _ in range(args.runs):  # alternate, so that noise hits all alike
                for name, argv in jobs.items():
                    runs[name].append(measure(argv, env)[:2])
            base = statistics.median(t for t, _ in runs["baseline"])
            for name in jobs:
                seconds = statistics.median(t for t, _ in runs[name])
                results.append(
                    {
                        "size": size,
                        "bytes": path.stat().st_size,
                        "command": name,
                        "median_s": round(seconds, 3),
                        "ratio": round(seconds / base, 2),
                        "peak_mib": round(max(m for _, m in runs[name]) / 1024, 1),
                    }
                )
            path.unlink()
    # Marginal cost per 1,000 records between consecutive sizes: flat means linear.
    for name in ("baseline", "list --json", "filtered csv"):
        rows = [r for r in results if r["command"] == name]
        for before, after in zip(rows, rows[1:], strict=False):
            added = after["size"] - before["size"]  # type: ignore[operator]
            after["ms_per_1000"] = round(1000 * (after["median_s"] - before["median_s"]) / added * 1000, 2)  # type: ignore[operator]
    machine = common.machine()
    if args.json:
        print(json.dumps({"machine": machine, "runs": args.runs, "results": results}, indent=2))
        return 0
    print(f"median of {args.runs} alternating runs; {machine}")
    print(
        f"{'partners':>9} {'MB':>6}  {'command':13} {'median s':>9} {'x baseline':>10} "
        f"{'ms/1000 rec':>12} {'peak MiB':>9}"
    )
    for r in results:
        per = r.get("ms_per_1000")
        print(
            f"{r['size']:>9,} {r['bytes'] / 1e6:>6.1f}  {r['command']:13} {r['median_s']:>9.3f} "
            f"{r['ratio']:>10.2f} {'' if per is None else f'{per:.2f}':>12} {r['peak_mib']:>9.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
