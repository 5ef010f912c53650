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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import common  # noqa: E402

from synthetic import grow  # noqa: E402

BASELINE = (
    "import gc, json, sys; gc.disable(); data = json.loads(open(sys.argv[1], 'rb').read()); "
    "sys.stdout.write(json.dumps(data, ensure_ascii=False))"
)


def measure(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak memory in KiB of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}")
    return elapsed, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bin", type=Path, default=Path(sys.executable).parent)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    raw = json.loads((ROOT / "data" / "partners.json").read_text(encoding="utf-8"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FITPARTNERS_", "TTY_COMPATIBLE"))}
    env["FITPARTNERS_MAX_BYTES"] = str(2**40)
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
                    runs[name].append(measure(argv, env))
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
