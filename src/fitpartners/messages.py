"""Every sentence and word the program prints for people, in English and Dutch, behind
one `say_in()`. The labels of types, domains and sectors and the table headings are in
labels.py; this module says messages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .labels import label
from .language import translate, translate_n

# -- messages for people, in the language of the run -----------------------------------------
#
# Every sentence and word the commands print for people, other than the labels of the data
# (labels.py), is a msgid of the gettext catalogue: the English text itself, with
# {placeholders} for what varies. Its Dutch is in locale/nl/LC_MESSAGES/fitpartners.po
# (compiled to .mo beside it by `python scripts/catalogues.py`), read through language.py.
# English output is the msgid filled in, so it does not change when a translation does.
# `say_in(lang, key, **values)` fills a key in a language; `Msg(key, **values)` is that
# text as a str (English: what the Python API and JSON see) that can still be rendered in
# another language when it reaches a person (notes, errors); `Plural(singular, plural,
# count, **values)` is a Msg whose form follows a number, as each language has it.
#
# MESSAGES_NL: a landing place for Dutch written beside new code, English key -> Dutch,
# consulted when the catalogue has no entry yet. `python scripts/catalogues.py` moves
# every entry into the .po and empties it; a test fails while it holds any (CONTRIBUTING.md,
# "Languages").

MESSAGES_NL: dict[str, str] = {}


def say_in(lang: str, key: str, /, **values: Any) -> str:
    """The message `key` (its English text) in `lang`, filled in with `values`. A value
    that is a Msg is put in the same language; a {"en": ..., "nl": ...} mapping gives the
    side of that language."""
    return _fill(lang, key, values, echo=False)


def say_n(lang: str, singular: str, plural: str, count: int, /, **values: Any) -> str:
    """The form of `singular`/`plural` for `count` in `lang` (ngettext), filled in."""
    return _fill(lang, singular, values, echo=False, plural=plural, count=count)


def _template(lang: str, key: str, plural: str | None, count: int) -> str:
    if plural is not None:
        return translate_n(lang, key, plural, count)
    said = translate(lang, key)
    if said == key and lang == "nl":  # not in the catalogue yet: the landing place
        return MESSAGES_NL.get(key, key)
    return said


def _fill(
    lang: str, key: str, values: Mapping[str, Any], *, echo: bool, plural: str | None = None, count: int = 1
) -> str:
    shown = _echoed if echo else _in
    template = _template(lang, key, plural, count)
    return template.format(**{name: shown(value, lang) for name, value in values.items()})


def _in(value: Any, lang: str) -> Any:
    if isinstance(value, Msg):
        return value.in_lang(lang)
    if isinstance(value, Mapping) and "en" in value:
        return label(dict(value), lang)
    return value


# -- values a message echoes ------------------------------------------------------------------
#
# A message on stderr stays one line of bounded length whatever the input: each value it
# echoes (an argument, a variable, a name or a problem from a data file) is cut to
# ECHO_LIMIT characters, its middle left out with an ellipsis (where a problem names its
# place and the value at fault), and a byte that was not UTF-8 (which Python holds as a
# surrogate escape) is shown as the byte given, \\xNN. say() in output/render.py shows
# control characters as escapes. Only what is said to a person is cut (`said`): str(Msg),
# which the Python API and JSON see, is whole.

ECHO_LIMIT = 200
ECHO_HEAD = 120  # characters kept from the start of a longer value; the rest from its end
ELLIPSIS = "…"
# Patterns compiled on first use (re caches them), not on every run's start.
_SURROGATE_ESCAPE = "[\udc80-\udcff]"
# A surrogate escape as repr writes it, after an even number of backslashes (a backslash
# of the value itself is written as two).
_SURROGATE_IN_REPR = r"(?<!\\)((?:\\\\)*)\\udc([89a-f][0-9a-f])"


def visible_bytes(text: str) -> str:
    """Bytes that were not UTF-8 (an argument, a file name) as \\xNN, not as surrogates."""
    if text.isascii():
        return text
    return re.sub(_SURROGATE_ESCAPE, lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)


def cut(text: str, limit: int = ECHO_LIMIT) -> str:
    """At most `limit` characters: a longer text's start and end, an ellipsis between."""
    if len(text) <= limit:
        return text
    head = limit * ECHO_HEAD // ECHO_LIMIT
    return text[:head] + ELLIPSIS + text[len(text) - (limit - head - 1) :]


class Whole(str):
    """A value a message shows whole: made by us and bounded where it is made (a path in a
    command to paste, which the system bounds)."""


class _Echo(str):
    """A value as a message echoes it: cut(), and with !r quoted as repr quotes it, a byte
    that was not UTF-8 as \\xNN."""

    def __new__(cls, value: str) -> _Echo:
        return super().__new__(cls, cut(value))

    def __repr__(self) -> str:
        shown = str.__repr__(self)
        if "\\udc" in shown:
            shown = re.sub(_SURROGATE_IN_REPR, r"\1\\x\2", shown)
        return shown

    def __format__(self, spec: str) -> str:
        return visible_bytes(format(str(self), spec))


def _echoed(value: Any, lang: str) -> Any:
    if isinstance(value, Msg):
        return Whole(value.said(lang))  # its own values are cut
    if isinstance(value, Whole):
        return value
    value = _in(value, lang)
    return _Echo(value) if isinstance(value, str) else value


class Msg(str):
    """A message for people: the English text as a str (what the Python API, logs and
    exceptions show), which remembers its key and values to be said again in Dutch."""

    key: str
    values: dict[str, Any]
    plural: str | None = None  # a Plural's plural msgid, and the number its form follows
    number: int = 1

    def __new__(cls, key: str, /, **values: Any) -> Msg:
        made = super().__new__(cls, say_in("en", key, **values))
        made.key = key
        made.values = values
        return made

    def in_lang(self, lang: str) -> str:
        return _fill(lang, self.key, self.values, echo=False, plural=self.plural, count=self.number)

    def said(self, lang: str) -> str:
        """As a person is told it, on stderr: in `lang`, each value it echoes cut after
        ECHO_LIMIT characters (`Whole` values as they are)."""
        return _fill(lang, self.key, self.values, echo=True, plural=self.plural, count=self.number)


def Plural(singular: str, plural: str, count: int, /, **values: Any) -> Msg:  # noqa: N802  # made as Msg is
    """A Msg whose form follows `count` ("1 day left", "2 days left"), in every language as
    that language has it (ngettext)."""
    made = str.__new__(Msg, say_n("en", singular, plural, count, **values))
    made.key, made.values, made.plural, made.number = singular, values, plural, count
    return made


def in_lang(text: str, lang: str) -> str:
    """A text for people in `lang`: a Msg said again in it, any other text as it is."""
    return text.in_lang(lang) if isinstance(text, Msg) else text


def said(text: str, lang: str) -> str:
    """A message as a person is told it (Msg.said); any other text as it is."""
    return text.said(lang) if isinstance(text, Msg) else text


def bilingual_num(value: int) -> dict[str, str]:
    """A number with thousands separated as each language writes them (1,000 / 1.000)."""
    english = f"{value:,}"
    return {"en": english, "nl": english.replace(",", ".")}
