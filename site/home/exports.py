"""The one way to write a spreadsheet export (CSV or XLSX): every export of the site goes through here.

Two guarantees:

- **No formula injection** (OWASP "CSV Injection"). A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return is code to Excel and LibreOffice. In CSV such a text gets the OWASP prefix, a single quote, and
  every field is quoted. In XLSX every text is written as a typed string cell (never a formula) with the
  *quotePrefix* style, so the reader sees exactly the original text and editing the cell does not run it either.
- **Opens correctly in Dutch Excel**: CSV is UTF-8 with a byte-order mark and ``;`` as separator (the Dutch list
  separator); XLSX writes dates and times as real dates.

Rows are plain sequences of ``str``, ``int``, ``float``, ``bool``, ``date``/``datetime`` or ``None``; datetimes are
shown in the site's local time.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils import timezone

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_SEPARATOR = ";"
BOM = "\ufeff"
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
DATETIME_TEXT = "%Y-%m-%d %H:%M"
DATE_TEXT = "%Y-%m-%d"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def neutralise(text: str) -> str:
    """The OWASP prefix for a CSV field that a spreadsheet would otherwise run as a formula."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.datetime):
        return _local(value).strftime(DATETIME_TEXT)
    if isinstance(value, datetime.date):
        return value.strftime(DATE_TEXT)
    if isinstance(value, int | float):
        return str(value)
    return neutralise(str(value))


def as_csv(*, headers: Sequence, rows: Iterable[Sequence]) -> bytes:
    """UTF-8 with BOM, ``;``-separated, every field quoted, formulas neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_SEPARATOR, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([_csv_value(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return (BOM + out.getvalue()).encode("utf-8")


def _write_cell(cell, value, illegal_characters: re.Pattern) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool | int | float):
        cell.value = value
    elif isinstance(value, datetime.datetime):
        cell.value = _local(value).replace(tzinfo=None)
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    else:
        # Assigning a string that starts with "=" would make openpyxl write a formula: type the cell explicitly.
        cell.value = illegal_characters.sub("", str(value))
        cell.data_type = "s"
        cell.number_format = "@"
        cell.quotePrefix = True


def as_xlsx(*, headers: Sequence, rows: Iterable[Sequence], title: str = "") -> bytes:
    """One sheet with a header row; text cells typed as text (never formulas), dates as dates."""
    # openpyxl is some 280 modules and 18 MB in every worker, for the editors' exports alone: loaded on first use.
    from openpyxl import Workbook  # noqa: PLC0415 - heavy, one path (see above)
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415 - heavy, one path
    from openpyxl.utils import get_column_letter  # noqa: PLC0415 - heavy, one path

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE_FORBIDDEN.sub("", str(title))[:31] or "Export"
    for column, header in enumerate(headers, start=1):
        _write_cell(sheet.cell(row=1, column=column), str(header), ILLEGAL_CHARACTERS_RE)
        sheet.column_dimensions[get_column_letter(column)].width = max(12, min(len(str(header)) + 4, 40))
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            _write_cell(sheet.cell(row=row_number, column=column), value, ILLEGAL_CHARACTERS_RE)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def response(*, headers: Sequence, rows: Iterable[Sequence], fmt: str, filename: str, title: str = "") -> HttpResponse:
    """A download of ``rows`` as ``fmt`` ("csv" or "xlsx"), never stored by a browser or proxy (personal data)."""
    if fmt == "csv":
        content = as_csv(headers=headers, rows=rows)
    elif fmt == "xlsx":
        content = as_xlsx(headers=headers, rows=rows, title=title)
    else:
        raise ValueError(fmt)
    result = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    result["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    result["Cache-Control"] = "private, no-store"
    return result
