"""The language of a run, chosen as GNU gettext chooses it, and the program's words in it.

The words the program prints for people (messages, headings, help) are the msgids of a
gettext catalogue, in English; `locale/LANG/LC_MESSAGES/fitpartners.mo` holds their text in
another language (docs/cli.md, "Languages", says how to add one). Only the catalogue of the
language in use is read, once, when its first word is asked for; English reads none.

The language: `--lang`, else FITPARTNERS_LANG, else the locale as gettext reads it:
LANGUAGE (a list, tried in order; only when the locale is not C/POSIX), else the first
set of LC_ALL, LC_MESSAGES and LANG. Any form of a language we have (`nl`, `nl_BE`,
`nl-BE.UTF-8`) is that language; C, POSIX, nothing set and any other language are
English. Only `--lang` and FITPARTNERS_LANG can be a bad value (`choose` says which).

The bottom layer: the standard library only (Typer imports gettext on every run anyway).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

ENV_LANG = "FITPARTNERS_LANG"
SOURCE_LANGUAGE = "en"  # the language of the msgids: said without a catalogue
LANGUAGES = ("en", "nl")  # the languages a catalogue exists for, and the source
DOMAIN = "fitpartners"
LOCALE_DIR = Path(__file__).parent / "locale"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def N_(text: str) -> str:  # noqa: N802  # gettext's name for "a msgid, translated where it is used"
    """Mark `text` as a msgid for the catalogue's extraction; it is translated where used."""
    return text


def language_of(value: str) -> str | None:
    """The language we have that `value` names (`nl`, `nl_BE`, `NL-be.UTF-8`, `nl@euro`),
    else None."""
    given = value.strip().lower()
    for lang in LANGUAGES:
        if given == lang or (given.startswith(lang) and given[len(lang)] in "_-.@"):
            return lang
    return None


def from_locale(environ: Mapping[str, str]) -> str:
    """The language the locale asks for, as GNU gettext reads it; English for C, POSIX,
    none and any language we have no catalogue for."""
    locale = next((environ[name] for name in LOCALE_VARIABLES if environ.get(name)), "")
    if locale.split(".")[0] in ("", "C", "POSIX"):  # gettext ignores LANGUAGE in the C locale
        return SOURCE_LANGUAGE
    wanted = environ.get("LANGUAGE", "")
    if wanted:
        # The first of the list we have; none: the msgids themselves, English.
        found = (language_of(entry) for entry in wanted.split(":") if entry)
        return next((lang for lang in found if lang), SOURCE_LANGUAGE)
    return language_of(locale) or SOURCE_LANGUAGE


class Choice:
    """The language of a run; `asked`: chosen by --lang or FITPARTNERS_LANG, not the locale
    (only then do csv and tsv follow it); `bad`: (the option or variable, its value) when
    the one given names no language we have (the run is then said in the next source's)."""

    __slots__ = ("lang", "asked", "bad")

    def __init__(self, lang: str, asked: bool, bad: tuple[str, str] | None = None) -> None:
        self.lang = lang
        self.asked = asked
        self.bad = bad


def choose(given: str | None, environ: Mapping[str, str] | None = None) -> Choice:
    """The language of a run: `given` (--lang's value, None when not given), else the
    environment's."""
    env = os.environ if environ is None else environ
    bad = None
    for name, value in (("--lang", given), (ENV_LANG, env.get(ENV_LANG))):
        if value is None or (name == ENV_LANG and not value.strip()):
            continue  # an empty variable is unset, as shells treat it
        lang = language_of(value)
        if lang is not None:
            return Choice(lang, True, bad)
        bad = bad or (name, value)
    return Choice(from_locale(env), False, bad)


# -- the catalogues --------------------------------------------------------------------------

_catalogues: dict[str, gettext.NullTranslations] = {}


def catalogue(lang: str) -> gettext.NullTranslations:
    """The program's words in `lang`: its compiled catalogue, read once; for English (the
    msgids) and a catalogue that cannot be read, the msgids themselves."""
    found = _catalogues.get(lang)
    if found is None:
        found = _catalogues[lang] = _read(lang)
    return found


def _read(lang: str) -> gettext.NullTranslations:
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    try:
        with open(LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as mo:
            return gettext.GNUTranslations(mo)
    except (OSError, ValueError):  # a broken installation: English rather than a failure
        return gettext.NullTranslations()


def translate(lang: str, text: str) -> str:
    """`text` (a msgid) in `lang`."""
    return text if lang == SOURCE_LANGUAGE else catalogue(lang).gettext(text)


def translate_n(lang: str, singular: str, plural: str, count: int) -> str:
    """The form of `singular`/`plural` for `count` in `lang` (ngettext)."""
    return catalogue(lang).ngettext(singular, plural, count)


def translate_in(lang: str, context: str, text: str) -> str:
    """`text` in `lang` as it is said in `context` (pgettext: a heading, a help text)."""
    return text if lang == SOURCE_LANGUAGE else catalogue(lang).pgettext(context, text)
