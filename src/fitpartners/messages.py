"""Every sentence and word the program prints for people, in English and Dutch, behind
one `say_in()`. The labels of types, domains and sectors and the table headings are in
labels.py; this module says messages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .labels import label

# -- messages for people, English and Dutch ---------------------------------------------------
#
# Every sentence and word the commands print for people, other than the labels and
# headings above, is a key of MESSAGES_NL: the English text itself, with {placeholders}
# for what varies, and its Dutch text. English output is the key filled in, so it does not
# change when a translation does. `say_in(lang, key, **values)` fills a key in a language;
# `Msg(key, **values)` is that text as a str (English: what the Python API and JSON see)
# that can still be rendered in Dutch when it reaches a person (notes, errors).

MESSAGES_NL: dict[str, str] = {
    # yes and no, for people (machine formats write true and false)
    "yes": "ja",
    "no": "nee",
    # a partner's present status: in full, and short for a narrow table
    "now: {name} ({how})": "nu: {name} ({how})",
    "now part of {name} ({how})": "nu deel van {name} ({how})",
    "now {name}": "nu {name}",
    "part of {name}": "deel van {name}",
    # how it came to be: a change and its day
    "renamed {when}": "hernoemd {when}",
    "merged {when}": "opgegaan {when}",
    "renamed; date not stated by the page": "hernoemd; datum niet vermeld op de pagina",
    "merged; date not stated by the page": "opgegaan; datum niet vermeld op de pagina",
    # through more than one change: the chain, from the name as listed to the present one
    "now {name}: {chain}": "nu {name}: {chain}",
    "now part of {name}: {chain}": "nu deel van {name}: {chain}",
    "{name} ({how})": "{name} ({how})",
    # a partner of a round that is not in the next round, which has started
    "left after {round}": "vertrokken na {round}",
    "left the programme after {round}": "uit het programma na {round}",
    # an event whose page gives no day
    "date not stated": "datum niet vermeld",
    "website of {name}": "website van {name}",
    # an event known only by the day by which it had happened
    "by {day}": "uiterlijk {day}",
    "{name} was renamed {new_name} on {day}": "{name} werd op {day} hernoemd tot {new_name}",
    "{name} was renamed {new_name} by {day}": "{name} werd uiterlijk op {day} hernoemd tot {new_name}",
    # the card (show), in a terminal and in a pipe
    "now": "nu",
    "chain": "keten",
    "continues": "zet voort",
    "name": "naam",
    "full name": "volledige naam",
    "also known as": "ook bekend als",
    "formerly": "vroeger",
    "type": "type",
    "domains": "domeinen",
    "country": "land",
    "description": "beschrijving",
    "website": "website",
    "former website": "vroegere website",
    "region": "regio",
    "covers": "dekt",
    "note": "noot",
    "sources": "bronnen",
    "source": "bron",
    "partner": "partner",
    "listed as": "vermeld als",
    "in no round: it continues partners of the programme": (
        "in geen enkele ronde: zet partners van het programma voort"
    ),
    "not in the sources": "niet in de bronnen",
    "not verified": "niet geverifieerd",
    "see": "zie",
    "editorial: our judgement from the description, not FIT's": (
        "redactioneel: ons oordeel op basis van de beschrijving, niet dat van FIT"
    ),
    "our translation: the page does not say it in this language": (
        "onze vertaling: de pagina zegt het niet in deze taal"
    ),
    # who published a source, next to it on the card
    "own page": "eigen pagina",
    "FIT": "FIT",
    "government": "overheid",
    "press": "pers",
    "other": "andere",
    "page of {name}": "pagina van {name}",
    # tables, overviews, the matrix, history
    "domains (editorial mapping): ": "domeinen (redactionele indeling): ",
    "domain (editorial mapping)": "domein (redactionele indeling)",
    "• serves the domain   · cross-sector: serves every domain": (
        "• dient het domein   · sectoroverschrijdend: dient elk domein"
    ),
    "change": "verandering",
    # about
    "programme": "programma",
    "agency": "agentschap",
    "strategy": "strategie",
    "today": "vandaag",
    "round {round}": "ronde {round}",
    "agency {day}": "agentschap {day}",
    "types": "types",
    "next round": "volgende ronde",
    "none in this dataset; see {agency}: {website}": "geen in deze dataset; zie {agency}: {website}",
    "our translation": "onze vertaling",
    "domain mapping": "domeinindeling",
    "{starts_on} to {ends_on}": "{starts_on} tot {ends_on}",
    "not started": "nog niet begonnen",
    "running": "loopt",
    "ended": "afgelopen",
    "{days} days left": "nog {days} dagen",
    "signed {day} at {place}": "ondertekend op {day} in {place}",
    "in the presence of {names}": "in aanwezigheid van {names}",
    "yearly budget EUR {amount}": "jaarbudget EUR {amount}",
    "{count} partners": "{count} partners",
    "editorial (ours, from each partner's description): FIT assigns none": (
        "redactioneel (van ons, op basis van de beschrijving van elke partner): FIT kent er geen toe"
    ),
    # notes on stderr
    "note: showing the {round} round, which ended on {ends_on}; no later round is in this "
    "dataset{look} (--quiet hides this note)": (
        "noot: dit is de ronde {round}, die afliep op {ends_on}; er staat geen latere ronde in deze "
        "dataset{look} (--quiet verbergt deze noot)"
    ),
    "; for the next, see {agency}: {website}": "; voor de volgende, zie {agency}: {website}",
    "note: {count} cross-sector partners serve every sector and are not listed ({names}); "
    "add --all-sectors to include them": (
        "noot: {count} sectoroverschrijdende partners dienen elke sector en staan niet in de lijst "
        "({names}); voeg --all-sectors toe om ze op te nemen"
    ),
    "no bilateral chamber for {country}": "geen bilaterale kamer van koophandel voor {country}",
    "a file path, or - for stdin": "een bestandspad, of - voor stdin",
    "no bilateral chamber for {country}; the partners for every sector may help: {names}": (
        "geen bilaterale kamer van koophandel voor {country}; de partners voor elke sector "
        "kunnen helpen: {names}"
    ),
    "{typed!r} fits several countries: {names}; name the one you mean": (
        "{typed!r} past bij meerdere landen: {names}; noem het land dat u bedoelt"
    ),
    "no partner matches": "geen partner gevonden",
    "only one round in the dataset": "maar één ronde in de dataset",
    "no partner matches {asked!r}{nearest}{cross_sector}{agency}": (
        "geen partner gevonden voor {asked!r}{nearest}{cross_sector}{agency}"
    ),
    "; did you mean: {words}?": "; bedoelde u: {words}?",
    "nothing found for {word!r}{hint}": "niets gevonden voor {word!r}{hint}",
    "; the partners for every sector: {names}": "; de partners voor elke sector: {names}",
    "; or ask {agency} itself: {website}": "; of vraag het {agency} zelf: {website}",
    "{query!r} taken as {name}": "{query!r} opgevat als {name}",
    "{query!r} taken as {name} ({why})": "{query!r} opgevat als {name} ({why})",
    # validate
    "{origin}: valid": "{origin}: geldig",
    "{origin}: and {count} more": "{origin}: en nog {count}",
    "{origin}: 1 problem": "{origin}: 1 probleem",
    "{origin}: {count} problems": "{origin}: {count} problemen",
    # errors
    "no partner named {query!r}": "geen partner met de naam {query!r}",
    "no partner named {query!r}; did you mean: {names}?": (
        "geen partner met de naam {query!r}; bedoelde u: {names}?"
    ),
    "no partner number {number} (numbers run from 1 to {count})": (
        "geen partner met nummer {number} (de nummers lopen van 1 tot {count})"
    ),
    "{query!r} names more than one partner: {names}; be more specific": (
        "{query!r} past bij meer dan één partner: {names}; wees specifieker"
    ),
    "invalid value for {option}: {value!r} ({hint})": "ongeldige waarde voor {option}: {value!r} ({hint})",
    "valid: {values}": "geldig: {values}",
    "did you mean: {values}?": "bedoelde u: {values}?",
    "nothing close": "niets wat erop lijkt",
    "invalid value for {option}: {value!r} fits several countries: {names}": (
        "ongeldige waarde voor {option}: {value!r} past bij meerdere landen: {names}"
    ),
    "invalid value for {option}: give at least one word": (
        "ongeldige waarde voor {option}: geef minstens één woord"
    ),
    "invalid value for --jq: it is not UTF-8 text": "ongeldige waarde voor --jq: het is geen UTF-8-tekst",
    "invalid value for --jq: {problem}": "ongeldige waarde voor --jq: {problem}",  # jq's own words
    "invalid value for {option}: give at least one word that is not a stop word": (
        "ongeldige waarde voor {option}: geef minstens één woord dat geen stopwoord is"
    ),
    "use either --json or --format, not both": "gebruik --json of --format, niet allebei",
    "--jq filters JSON: it goes with --json or --format json only": (
        "--jq filtert JSON: het gaat alleen samen met --json of --format json"
    ),
    "--format xlsx writes a binary workbook: redirect it to a file (> partners.xlsx)": (
        "--format xlsx schrijft een binaire werkmap: stuur die naar een bestand (> partners.xlsx)"
    ),
    "--format xlsx: {count} rows are more than a sheet holds ({limit}); use --format csv, or select fewer": (
        "--format xlsx: {count} rijen zijn meer dan een werkblad bevat ({limit}); gebruik --format csv, "
        "of kies er minder"
    ),
    # a workbook's cell cut to what a cell holds: in the cell, and a note on stderr
    " … [cut: {count} characters, more than a cell holds]": (
        " … [ingekort: {count} tekens, meer dan een cel bevat]"
    ),
    "note: cut to the {limit} characters a cell holds, and marked so in the cell: {cells}; "
    "--format json has the whole text": (
        "noot: ingekort tot de {limit} tekens die een cel bevat, en zo gemarkeerd in de cel: {cells}; "
        "--format json bevat de volledige tekst"
    ),
    "{field} of {record} ({count} characters)": "{field} van {record} ({count} tekens)",
    "row {row}": "rij {row}",
    "and {count} more": "en nog {count}",
    "cannot read from {stream}: {reason}": "kan niet lezen van {stream}: {reason}",
    "cannot write to {stream}: {reason}": "kan niet schrijven naar {stream}: {reason}",
    # the system's limits, not our bug (exit 1)
    "out of memory": "geen geheugen meer",
    "no space left on device: {stream}": "geen ruimte meer op het apparaat: {stream}",
    "disk quota exceeded: {stream}": "schijfquotum overschreden: {stream}",
    "file size limit reached: {stream}": "grens van de bestandsgrootte bereikt: {stream}",
    "it is closed": "die is gesloten",
    "{origin}: invalid dataset: {problem}{more}; to see all: fitpartners validate {path}": (
        "{origin}: ongeldige dataset: {problem}{more}; alle problemen: fitpartners validate {path}"
    ),
    " (and {count} more)": " (en nog {count})",
    "{origin}: cannot read: {reason}": "{origin}: kan niet lezen: {reason}",
    "{origin}: is a directory, not a data file": "{origin}: is een map, geen gegevensbestand",
    "{origin!r}: not a usable file name": "{origin!r}: geen bruikbare bestandsnaam",
    "{origin}: more than {limit} bytes (set {env} to raise it)": (
        "{origin}: meer dan {limit} bytes (verhoog {env} om meer toe te laten)"
    ),
    "{origin}: file is {size} bytes, over the limit of {limit} (set {env} to raise it)": (
        "{origin}: bestand is {size} bytes, boven de grens van {limit} (verhoog {env} om meer toe te laten)"
    ),
    "{env} must be a whole number of bytes, not {raw!r}": (
        "{env} moet een geheel aantal bytes zijn, niet {raw!r}"
    ),
    "{env} must be at least 1, not {value}": "{env} moet minstens 1 zijn, niet {value}",
    "{env} must be an absolute path, not {raw!r}": "{env} moet een absoluut pad zijn, niet {raw!r}",
    # completion: --install-completion, --show-completion
    "cannot read {path}: {reason}": "kan {path} niet lezen: {reason}",
    "cannot write {path}: {reason}": "kan {path} niet schrijven: {reason}",
    "{shell} completion installed in {script}: open a new shell, or in this one run: {command}": (
        "{shell}-aanvulling geïnstalleerd in {script}: open een nieuwe shell, of voer in deze uit: {command}"
    ),
    "{shell} completion installed in {script}, loaded by {rc}: open a new shell, "
    "or in this one run: {command}": (
        "{shell}-aanvulling geïnstalleerd in {script}, geladen door {rc}: open een nieuwe shell, "
        "of voer in deze uit: {command}"
    ),
    "no shell named: installing for {shell}, the shell this runs in": (
        "geen shell genoemd: installatie voor {shell}, de shell waarin dit draait"
    ),
    "cannot tell which shell this runs in; name one after {option} (valid: {values})": (
        "kan niet zien in welke shell dit draait; noem er een na {option} (geldig: {values})"
    ),
    "no completion for {shell}, the shell this runs in; name one after {option} (valid: {values})": (
        "geen aanvulling voor {shell}, de shell waarin dit draait; noem er een na {option} (geldig: {values})"
    ),
    "{env} must be a date as YYYY-MM-DD, not {raw!r}": (
        "{env} moet een datum zijn als JJJJ-MM-DD, niet {raw!r}"
    ),
    # Shell completion (cli/complete.py): the count of values not shown, one word for bash.
    "+{count}-more": "+{count}-meer",
    "{count} more: type a letter": "nog {count}: typ een letter",
    "{country} (bilateral chamber: {names})": "{country} (bilaterale kamer: {names})",
}


def say_in(lang: str, key: str, /, **values: Any) -> str:
    """The message `key` (its English text) in `lang`, filled in with `values`. A value
    that is a Msg is put in the same language; a {"en": ..., "nl": ...} mapping gives the
    side of that language."""
    return _fill(lang, key, values, echo=False)


def _fill(lang: str, key: str, values: Mapping[str, Any], *, echo: bool) -> str:
    template = MESSAGES_NL.get(key, key) if lang == "nl" else key
    shown = _echoed if echo else _in
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

    def __new__(cls, key: str, /, **values: Any) -> Msg:
        made = super().__new__(cls, say_in("en", key, **values))
        made.key = key
        made.values = values
        return made

    def in_lang(self, lang: str) -> str:
        return say_in(lang, self.key, **self.values)

    def said(self, lang: str) -> str:
        """As a person is told it, on stderr: in `lang`, each value it echoes cut after
        ECHO_LIMIT characters (`Whole` values as they are)."""
        return _fill(lang, self.key, self.values, echo=True)


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
