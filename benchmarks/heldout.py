"""Score `search` on the held-out questions: how often the expected partner comes first,
and how often it is among the first three.

The questions in heldout_questions.json were written by someone who had not seen the
vocabulary or the ranking (see the file's "written_by"), before the vocabulary existed.
They are kept apart from the test table (tests/questions.json) and never tuned to: a
question that shows a gap goes into the test table as a new question instead.

    python benchmarks/heldout.py [--verbose]

Output: first N/50, top-3 N/50 ("also" partners count for top-3 only, never for first).
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
    args = parser.parse_args()
    questions = json.loads((HERE / "heldout_questions.json").read_text(encoding="utf-8"))["questions"]
    catalog = fitpartners.load(today=dt.date(2026, 11, 28))
    first = top3 = 0
    for q in questions:
        hits = [h.partner.id for h in catalog.search(q["q"].split())][:3]
        is_first = bool(hits) and hits[0] == q["expected"]
        in_top3 = q["expected"] in hits
        first += is_first
        top3 += in_top3
        if args.verbose:
            mark = "1" if is_first else ("3" if in_top3 else "-")
            print(f"{mark} {q['q']!r:45} expected {q['expected']:22} got {', '.join(hits) or '-'}")
    print(f"first {first}/{len(questions)}, top-3 {top3}/{len(questions)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
