"""Tables to files: CSV and XLSX carry exactly the text the page shows ("<5" included)."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _cell(text: str):
    """A count as a number (so a spreadsheet can add it), anything else as text."""
    plain = text.replace(",", "")
    return int(plain) if plain.isdigit() else text


def to_csv(title: str, lines: list[list[str]], notes: list[str] = ()) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title])
    writer.writerows(lines)
    for note in notes:
        writer.writerow([note])
    # A byte-order mark: spreadsheets on Windows then read the accents right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(title: str, lines: list[list[str]], notes: list[str] = ()) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "RETA"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True)
    for n, line in enumerate(lines):
        sheet.append([_cell(v) if n else v for v in line])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for note in notes:
        sheet.append([note])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
