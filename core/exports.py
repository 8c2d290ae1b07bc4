"""Spreadsheet downloads for staff: one header row and data rows, as CSV or XLSX.

Both formats carry the same cells. A text cell that a spreadsheet would run as a formula
(CSV injection) gets a leading apostrophe in both, so what is typed by the public is never
executed when a coordinator opens the file.
"""

import csv
import io

from django.http import Http404, HttpResponse

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def csv_safe(value):
    """What the exports write: a text cell that would start a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def as_csv(header: list, rows) -> bytes:
    """`;`-separated UTF-8 with a BOM, which Excel opens with Polish letters intact."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_safe(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_xlsx(header: list, rows, *, sheet_title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(sheet_title)[:31]  # Excel's limit for a sheet name
    sheet.append(header)
    for row in rows:
        sheet.append([csv_safe(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(*, header: list, rows, extension: str, filename: str, sheet_title: str):
    """An attachment response `<filename>.<extension>`; 404 for a format we do not make."""
    if extension == "csv":
        content = as_csv(header, rows)
    elif extension == "xlsx":
        content = as_xlsx(header, rows, sheet_title=sheet_title)
    else:
        raise Http404
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response
