"""Write data/country_index.json from the installed pycountry: every English and Dutch
country name, folded, for search, and each country's English and Dutch name.

`python scripts/country_index.py` rewrites it; `--check` exits 1 if it differs from what
the installed pycountry gives (the test suite runs the same comparison).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fitpartners.search.countries import index_from_pycountry

PATH = Path(__file__).resolve().parents[1] / "data" / "country_index.json"


def text() -> str:
    return json.dumps(index_from_pycountry(), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    if "--check" in argv:
        if PATH.read_text(encoding="utf-8") != text():
            print(f"{PATH} is stale: run python scripts/country_index.py", file=sys.stderr)
            return 1
        return 0
    PATH.write_text(text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
