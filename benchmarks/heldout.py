"""Score `search` on the held-out questions: how often the expected partner comes first,
and how often it is among the first three.

The questions in heldout_questions.json were written by someone who had not seen the
vocabulary or the ranking (see the file's "written_by"), before the vocabulary existed.
They are kept apart from the test table (tests/questions.json) and never tuned to: a
question that shows a gap goes into the test table as a new question instead.

    python benchmarks/heldout.py [--verbose] [--questions FILE] [--by-kind]

Output: first N/50, top-3 N/50 ("also" partners count for top-3 only, never for first).

heldout_questions_2.json holds 100 more, written on 2026-12-07 by a helper who had seen
neither the vocabulary nor the tests, with whole sentences, services, cities, names and
questions no partner fits. Each gives the partners acceptable first ("first") and a "kind";
a question counts as first when the first hit is one of "first", and as top-3 when one of
"first" is among the first three hits. One answer rests on memory rather than a page (its
"why" says so: 'Fedichem'), which the next round of checks should replace or drop.

`--present` also counts the record an acceptable partner is now part of (its status's `now`:
Biovia for flanders.healthTech), which `search` puts first where the question finds the
partner by what it does: the answer keys were written naming the partners of the round. Both
scores are reported; the strict one is the default.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import fitpartners

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every question and its top three")
    parser.add_argument("--questions", type=Path, default=HERE / "heldout_questions.json")
    parser.add_argument("--by-kind", action="store_true", help="the scores per kind of question too")
    parser.add_argument(
        "--present", action="store_true", help="count the record an acceptable partner is now part of"
    )
    args = parser.parse_args()
    questions = json.loads(args.questions.read_text(encoding="utf-8"))["questions"]
    catalog = fitpartners.load(today=dt.date(2026, 11, 28))
    scores: dict[str, list[int]] = {}
    for q in questions:
        acceptable = q["first"] if "first" in q else [q["expected"]]
        if args.present:
            acceptable = [*acceptable, *(now for pid in acceptable if (now := _now(catalog, pid)))]
        try:
            hits = [h.partner.id for h in catalog.search(q["q"].split())][:3]
        except ValueError:  # a question of stop words only
            hits = []
        is_first = bool(hits) and hits[0] in acceptable
        in_top3 = not set(acceptable).isdisjoint(hits)
        for key in dict.fromkeys(("all", q.get("kind", "all"))):
            score = scores.setdefault(key, [0, 0, 0])
            score[0] += is_first
            score[1] += in_top3
            score[2] += 1
        if args.verbose:
            mark = "1" if is_first else ("3" if in_top3 else "-")
            print(f"{mark} {q['q']!r:45} expected {'/'.join(acceptable):22} got {', '.join(hits) or '-'}")
    for key, (first, top3, count) in scores.items():
        if key == "all" or args.by_kind:
            print(f"{'' if key == 'all' else key + ': '}first {first}/{count}, top-3 {top3}/{count}")
    return 0


def _now(catalog: fitpartners.Catalog, pid: str) -> str | None:
    """The id of the record `pid` is now part of, if it merged into one."""
    now = catalog.status(catalog.by_id[pid]).now
    return now.id if now is not None else None


if __name__ == "__main__":
    raise SystemExit(main())
