"""Spreadsheets the portal writes, with no live formulas in them.

Every CSV and XLSX file the portal hands out (tally downloads, analytics
exports, import templates and error reports) is written through these
functions, so that text a reader or an editor typed can never run in Excel or
LibreOffice when someone opens the file:

- in CSV, text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return is written with a leading apostrophe (``'=HYPERLINK(…)``), which the
  spreadsheet programs show as text;
- in XLSX, every text is a string cell (never a formula), and formula-like
  text is also marked with Excel's "quote prefix" style.

Numbers, dates and ``None`` are left as they are, so numbers stay numbers.
"""

import csv
import io

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value):
    """True for text that a spreadsheet program would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def inert(value):
    """`value` made safe for a CSV cell: formula-like text gets a leading apostrophe; other values unchanged."""
    if looks_like_formula(value):
        return "'" + value
    return value


def csv_bytes(rows):
    """`rows` (lists of values) as CSV in UTF-8 with a byte-order mark, so Excel reads the Vietnamese letters.

    `None` becomes an empty cell; text is neutralised by `inert`.
    """
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerows(["" if value is None else inert(value) for value in row] for row in rows)
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def write_csv(fp, rows):
    """Write `rows` as CSV (see `csv_bytes`) to a binary file object (a file, an `HttpResponse`, a `BytesIO`)."""
    fp.write(csv_bytes(rows))


def set_cell(sheet, row, column, value, *, number_format=None):
    """Put `value` into an openpyxl `sheet` at (`row`, `column`) as data, never as a formula; returns the cell.

    Text is stored as a string cell even when it starts with ``=``; such text is also given the
    quote-prefix style. `number_format` applies to numbers only (not to empty cells).
    """
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
    elif number_format and value is not None:
        cell.number_format = number_format
    return cell


def append_row(sheet, values):
    """Append `values` as the next row of `sheet` through `set_cell`; returns the row's cells."""
    empty = sheet.max_row == 1 and all(cell.value is None for cell in sheet[1])
    row = 1 if empty else sheet.max_row + 1
    if not values:
        sheet.cell(row=row, column=1)  # an empty row still takes its place
    return [set_cell(sheet, row, column, value) for column, value in enumerate(values, start=1)]
