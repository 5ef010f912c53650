"""Words as words: whether a word is a word of Dutch or English, and its stems.

The word lists (data/words_nl.txt, data/words_en.txt) are the words in common use of each
language, made by scripts/word_list.py from wordfreq. A word of either list is a real word:
search never reads it through a typo as another word, nor as the start of a longer one
('parts' is not 'partners'). Each file is read whole when first asked for, and a look-up is
one substring search in it (no table is built: the files hold about 100,000 words).

Stems are Snowball's, through PyStemmer (one door, `_stemmers`): a word matches another
with the same Dutch or the same English stem ('patients' and 'patient', 'schoenen' and
'schoen', never 'paints').
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..dataset.loader import bundled_path

LANGS = ("nl", "en")
_STEMMERS = {"nl": "dutch", "en": "english"}


@cache
def _text(lang: str) -> str:
    """The word list of a language: a header line, then one folded word a line."""
    try:
        return bundled_path(f"words_{lang}.txt").read_text(encoding="utf-8")
    except OSError:  # a broken install: no word is known, search still answers
        return "\n"


def languages(word: str) -> tuple[str, ...]:
    """The languages (nl, en) whose word list has `word` (folded)."""
    if not word or "\n" in word:
        return ()
    key = f"\n{word}\n"
    return tuple(lang for lang in LANGS if key in _text(lang))


def is_word(word: str) -> bool:
    """Whether `word` (folded) is a word of Dutch or English in common use."""
    return bool(languages(word))


@cache
def _stemmers() -> dict[str, Any]:
    # Door: PyStemmer's two stemmers, for a query word that is not in the index as typed.
    import Stemmer

    return {lang: Stemmer.Stemmer(name) for lang, name in _STEMMERS.items()}


def stems(words: list[str], lang: str) -> list[str]:
    """The Snowball stems of `words` in a language (nl, en), in order."""
    return list(_stemmers()[lang].stemWords(words))
