"""--format xlsx: a workbook for Excel, every cell text (never a formula)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

XLSX_MAX_WIDTH = 60  # characters: wider cells wrap in Excel rather than push the others away


def xlsx_bytes(table: list[list[str]], header: Sequence[str] | None) -> bytes:
    """A workbook with one sheet: every cell text (never a formula, even one that starts
    with '='), the header bold and frozen, columns as wide as their text up to
    XLSX_MAX_WIDTH."""
    book = Workbook()
    sheet = book.active
    sheet.title = "fitpartners"
    every = ([list(header)] if header is not None else []) + table
    for r, row in enumerate(every, start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            cell.value = value
            cell.data_type = "s"  # text, whatever it looks like: no formula runs on opening
            if len(value) > XLSX_MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    if header is not None:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    for c in range(1, (len(every[0]) if every else 0) + 1):
        widest = max(len(row[c - 1]) for row in every)  # the loop runs only when every has a row
        letter = get_column_letter(c)
        sheet.column_dimensions[letter].width = min(max(widest, 4) + 2, XLSX_MAX_WIDTH)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
