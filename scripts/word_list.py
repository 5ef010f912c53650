"""Write data/words_nl.txt and data/words_en.txt from the installed wordfreq: the Dutch and
English words in common use, folded, that search reads to tell a real word from a slip.

wordfreq (https://pypi.org/project/wordfreq/) gives each word a frequency on the Zipf scale
(3 = once per million words), from many corpora (subtitles, Wikipedia, news, books, web
text) per language. A word counts as a word of the language from Zipf 2.5 (about once in
three million words): frequent enough to be a word people use, not a one-off spelling.
Kept: letters a-z only after folding, 4 to 24 letters (shorter words never go through a
typo or a prefix). One word a line, sorted, the file starting and ending with a line feed
so that a lookup is one substring search, without splitting the file.

`python scripts/word_list.py` rewrites them; `--check` exits 1 if they differ from what
the installed wordfreq gives (the test suite runs the same comparison when wordfreq is
installed, as the test extra installs it).
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import version
from pathlib import Path

import wordfreq

from fitpartners.labels import fold

DATA = Path(__file__).resolve().parents[1] / "data"
LANGS = ("nl", "en")
MIN_ZIPF = 2.5
_WORD = re.compile(r"[a-z]{4,24}")


def words(lang: str) -> list[str]:
    out = {
        fold(w)
        for w in wordfreq.iter_wordlist(lang, "large")
        if wordfreq.zipf_frequency(w, lang, "large") >= MIN_ZIPF
    }
    return sorted(w for w in out if _WORD.fullmatch(w))


def text(lang: str) -> str:
    head = f"# wordfreq {version('wordfreq')}, {lang}, zipf >= {MIN_ZIPF}: "
    head += "made by scripts/word_list.py; do not edit"
    return head + "\n" + "\n".join(words(lang)) + "\n"


def path(lang: str) -> Path:
    return DATA / f"words_{lang}.txt"


def main(argv: list[str]) -> int:
    stale = [lang for lang in LANGS if not path(lang).exists() or path(lang).read_text("utf-8") != text(lang)]
    if "--check" in argv:
        for lang in stale:
            print(f"{path(lang)} is stale: run python scripts/word_list.py", file=sys.stderr)
        return 1 if stale else 0
    for lang in stale:
        path(lang).write_text(text(lang), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
