"""--format xlsx: a workbook for Excel, made in memory (a failure writes no byte), every
cell text (never a formula), each holding what a cell can hold: a character the format
forbids shown as an escape, Excel's own escapes in the text escaped, a text longer than a
cell holds cut where the cell says so (the caller says it on stderr too)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ..errors import UsageError
from ..messages import Msg, say_in
from .stream import visible

XLSX_MAX_WIDTH = 60  # characters: wider cells wrap in Excel rather than push the others away
XLSX_MAX_CELL = 32_767  # characters (UTF-16 code units, as Excel counts) a cell holds
XLSX_MAX_ROWS = 1_048_576  # rows a sheet holds

# What a cell cannot hold as it is: the C0 controls but tab and line feed (XML 1.0 forbids
# them, and openpyxl refuses them; a CR would come back as a line feed, as XML reads line
# ends) and U+FFFE, U+FFFF (no XML characters: the workbook would not open). Shown as
# escapes (\x0b), as tsv and a terminal show them.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")
# Text that Excel would read as one of its own escapes (_x0041_ as "A"): its first
# underscore is written _x005F_, as Excel writes it (ECMA-376 Part 1, 22.9.2.19
# ST_Xstring). A look-ahead, so that _x0041_x0042_ has both its openers escaped; an X in
# capitals too, which a reader may take for the same escape (_x005F_ reads as "_" in any).
_EXCEL_ESCAPE = re.compile("_(?=[xX][0-9A-Fa-f]{4}_)")
# What makes Excel read a cell as a formula once it is edited: such a cell gets the quote
# prefix, as if typed after an apostrophe. Every cell is text ("s") whatever it starts with.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t")


class Cut(NamedTuple):
    """A cell cut to XLSX_MAX_CELL: its row in the table (0 the first record), its column,
    and the characters its text had, as Excel counts them."""

    row: int
    column: int
    length: int


def _units(text: str) -> int:
    """The length of text as Excel counts it: UTF-16 code units."""
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for c in text if c > "\uffff")


def cell_text(value: str, lang: str = "en") -> tuple[str, int]:
    """What a cell holds for `value` (as Excel shows it, before its own escapes), and the
    length it had when it was cut, else 0: forbidden characters as escapes; a text longer
    than a cell holds cut, ending in a marker that says so."""
    text = _FORBIDDEN.sub(visible, value)
    if len(text) <= XLSX_MAX_CELL // 2 or (length := _units(text)) <= XLSX_MAX_CELL:
        return text, 0  # the first: at most two units a character, it fits uncounted
    marker = say_in(lang, " … [cut: {count} characters, more than a cell holds]", count=length)
    room = XLSX_MAX_CELL - _units(marker)
    keep = room
    # A character counts one unit or two (beyond U+FFFF): taking off half the excess,
    # rounded up, takes off no character that would fit, and at least halves the excess.
    while (excess := _units(text[:keep]) - room) > 0:
        keep -= (excess + 1) // 2
    return text[:keep] + marker, length


def xlsx_bytes(
    table: Sequence[Sequence[Any]], header: Sequence[str] | None, lang: str = "en"
) -> tuple[bytes, list[Cut]]:
    """A workbook with one sheet, and the cells cut to fit: every text a text cell (never a
    formula, even one that starts with '='), a boolean a boolean, a number a number, None
    an empty cell; the header bold and frozen, columns as wide as their text up to
    XLSX_MAX_WIDTH. More rows than a sheet holds are refused (exit 2)."""
    every: list[Sequence[Any]] = [list(header)] if header is not None else []
    every += table
    if len(every) > XLSX_MAX_ROWS:
        raise UsageError(
            Msg(
                "--format xlsx: {count} rows are more than a sheet holds ({limit}); "
                "use --format csv, or select fewer",
                count=len(every),
                limit=XLSX_MAX_ROWS,
            )
        )
    book = Workbook()
    sheet = book.active
    sheet.title = "fitpartners"
    cuts = []
    above = 0 if header is None else 1  # rows above the table's first
    for r, row in enumerate(every, start=1):
        for c, value in enumerate(row, start=1):
            if not isinstance(value, str):
                sheet.cell(row=r, column=c).value = value  # bool, int or float as such; None empty
                continue
            text, length = cell_text(value, lang)
            if length:
                cuts.append(Cut(r - 1 - above, c - 1, length))
            cell = sheet.cell(row=r, column=c)
            cell.value = text
            cell.data_type = "s"  # text, whatever it looks like: no formula runs on opening
            if "_" in text:
                # Set past openpyxl's check, which would cut the longer text (its escapes
                # in) at XLSX_MAX_CELL characters in silence: the text it checked fits.
                cell._value = _EXCEL_ESCAPE.sub("_x005F_", text)
            if text.startswith(_FORMULA_STARTS):
                cell.quotePrefix = True  # nor after an edit
            if len(text) > XLSX_MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    if header is not None:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    for c in range(1, (len(every[0]) if every else 0) + 1):
        widest = max(len(_shown(row[c - 1])) for row in every)  # the loop runs only when every has a row
        letter = get_column_letter(c)
        sheet.column_dimensions[letter].width = min(max(widest, 4) + 2, XLSX_MAX_WIDTH)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), cuts


def _shown(value: Any) -> str:
    """About what a cell shows, for its column's width."""
    return "" if value is None else ("TRUE" if value is True else "FALSE" if value is False else str(value))
