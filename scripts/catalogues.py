"""The gettext catalogues of the program's words: find every msgid, update the template and
each language's .po, and compile each .po to the .mo the program reads.

    python scripts/catalogues.py           # update locale/fitpartners.pot, every .po, every .mo
    python scripts/catalogues.py --check   # exit 1 if any is stale, or a msgid has no text

The msgids are found two ways: Babel's extractor over the source (Msg, Plural, say_in,
say_n, N_ and text.py's partials), and a walk of the English command tree for the help of
every command and parameter (as cli/options.help_in looks them up), plus the headings
(labels.HEADINGS, in the context "heading").

Dutch written beside new code in messages.MESSAGES_NL (the landing place) is moved into
locale/nl/LC_MESSAGES/fitpartners.po, and MESSAGES_NL is emptied in messages.py.

Babel is a development dependency (the [test] extra): the program reads the .mo with the
standard library's gettext.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "fitpartners"
LOCALE = PACKAGE / "locale"
TEMPLATE = LOCALE / "fitpartners.pot"
MESSAGES = PACKAGE / "messages.py"
# The functions whose arguments are msgids (Babel's keyword specs: the arguments' places).
KEYWORDS = {
    "Msg": (1,),
    "Plural": (1, 2),
    "say_in": (2,),
    "say_n": (2, 3),
    "N_": (1,),
    "w": (1,),  # output/text.py: functools.partial(say_in, lang)
    "say": (1,),  # output/text.py's about_lines; render.say of a literal
}
HEADING = "heading"


def source_messages() -> dict[tuple[str, str | None], str | None]:
    """(msgid, context) -> plural msgid (None: no plural), from the source."""
    found: dict[tuple[str, str | None], str | None] = {}
    options = {"**.py": {}}
    for _file, _line, message, _comments, context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], options_map=options, keywords=KEYWORDS
    ):
        if isinstance(message, tuple):
            if all(message):
                found[(message[0], context)] = message[1]
        elif message:
            found[(message, context)] = None
    return found


def help_messages() -> list[str]:
    """The msgids of every help text of the English command tree."""
    sys.path.insert(0, str(ROOT / "src"))
    from fitpartners.cli.app import app, command_tree
    from fitpartners.cli.options import METAVARS, help_texts

    tree = command_tree(None, "en")
    commands = [tree, *(command_tree(c.name, "en").commands[c.name] for c in app.registered_commands)]
    found: list[str] = []
    for command in commands:
        for text in (command.help, command.short_help, command.epilog):
            found += help_texts(inspect_clean(text))
        found += [getattr(command, a) for a in METAVARS if getattr(command, a, None)]
        for param in command.params:
            found += help_texts(getattr(param, "help", None) or "")
            found += [param.metavar] if getattr(param, "metavar", None) else []
    return found


def inspect_clean(text: str | None) -> str:
    import inspect

    return inspect.cleandoc(text) if text else ""


def template() -> Catalog:
    """The catalogue of every msgid the program uses, with no translation."""
    from fitpartners.labels import HEADINGS

    pot = Catalog(
        project="fitpartners", header_comment="# The program's words; msgids in English.", fuzzy=False
    )
    for (msgid, context), plural in sorted(source_messages().items(), key=lambda m: (m[0][1] or "", m[0][0])):
        pot.add((msgid, plural) if plural else msgid, context=context)
    for msgid in help_messages():
        if msgid not in pot:
            pot.add(msgid, context=None)
    for field in HEADINGS:
        pot.add(field, context=HEADING)
    return pot


# The dates a catalogue's header carries, fixed: Babel would stamp the time of each run into
# the .po and the .mo, and a run that changes no word would change both files.
STAMP = dt.datetime(2026, 12, 7, tzinfo=dt.UTC)


def po_bytes(catalog: Catalog) -> bytes:
    catalog.creation_date = catalog.revision_date = STAMP
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=False, no_location=True)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def read(path: Path, locale: str | None = None) -> Catalog:
    with open(path, "rb") as f:
        return read_po(f, locale=locale)


def landing() -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "src"))
    from fitpartners.messages import MESSAGES_NL

    return dict(MESSAGES_NL)


def empty_landing() -> None:
    """messages.py with MESSAGES_NL emptied (its entries are in the .po now)."""
    text = MESSAGES.read_text(encoding="utf-8")
    emptied = re.sub(
        r"MESSAGES_NL: dict\[str, str\] = \{.*?\n\}\n", "MESSAGES_NL: dict[str, str] = {}\n", text, flags=re.S
    )
    MESSAGES.write_text(emptied, encoding="utf-8")


def updated(pot: Catalog, lang: str, extra: dict[str, str]) -> Catalog:
    """The language's catalogue with the template's msgids: the texts it has kept, the
    landing place's added, the msgids no longer used left out."""
    po_path = LOCALE / lang / "LC_MESSAGES" / "fitpartners.po"
    po = read(po_path, lang) if po_path.exists() else Catalog(locale=lang, project="fitpartners")
    for msgid, text in extra.items():
        if msgid not in po:
            po.add(msgid, text)
        elif not po[msgid].string:
            po[msgid].string = text  # (Catalog.add keeps the text an entry has)
    po.update(pot, no_fuzzy_matching=True, update_header_comment=False)
    po.obsolete.clear()
    po.fuzzy = False
    po.header_comment = (
        f"# The words of fitpartners in {lang!r}; the msgids are English.\n"
        "# Made and compiled by scripts/catalogues.py."
    )
    po.project, po.version, po.msgid_bugs_address = "fitpartners", "", ""
    po.last_translator, po.language_team = "fitpartners maintainers", f"{lang}"
    return po


def problems(po: Catalog) -> list[str]:
    """Msgids with no text in `po` (fuzzy counts as none)."""
    missing = []
    for message in po:
        if not message.id:
            continue
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(texts):
            missing.append(repr(message.id))
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if anything is stale")
    args = parser.parse_args()
    pot = template()
    stale: list[str] = []
    files: dict[Path, bytes] = {TEMPLATE: po_bytes(pot)}
    extra = landing()
    if extra and args.check:
        stale.append(f"messages.MESSAGES_NL holds {len(extra)} entries: run python scripts/catalogues.py")
    for lang_dir in sorted(p for p in LOCALE.iterdir() if p.is_dir()):
        po = updated(pot, lang_dir.name, extra if lang_dir.name == "nl" else {})
        messages = lang_dir / "LC_MESSAGES"
        written = po_bytes(po)
        files[messages / "fitpartners.po"] = written
        files[messages / "fitpartners.mo"] = mo_bytes(read_po(io.BytesIO(written)))  # as the file reads
        stale += [f"{lang_dir.name}: no text for {m}" for m in problems(po)]
    for path, content in files.items():
        if path.exists() and path.read_bytes() == content:
            continue
        if args.check:
            stale.append(f"{path.relative_to(ROOT)} is stale: run python scripts/catalogues.py")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    if extra and not args.check:
        empty_landing()
    for line in stale:
        print(line, file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
