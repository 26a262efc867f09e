"""Read CSV and XLSX files as rows of {column: text}, with header aliases in Vietnamese and English."""

import csv
import io
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .errors import ImportRejected


@dataclass
class Row:
    number: int  # as the user sees it in a spreadsheet: the header is row 1
    values: dict


def _fold(text):
    """Header matching ignores case, accents, spaces and punctuation ("Số điện thoại" = "so_dien_thoai")."""
    text = unicodedata.normalize("NFD", str(text or "")).replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "".join(c for c in text if c.isalnum())


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1258", "latin-1"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRejected(_("The file is not UTF-8 text."))


def _csv_rows(raw: bytes):
    text = _decode(raw)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text), dialect)


def _xlsx_rows(raw: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ImportRejected(_("The file could not be read as XLSX: %(error)s"), error=str(error)) from error
    sheet = workbook.worksheets[0]
    for values in sheet.iter_rows(values_only=True):
        yield ["" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)) for v in values]
    workbook.close()


def read_table(*, raw: bytes, filename: str, columns: dict, required: set) -> list[Row]:
    """`columns` maps a canonical name to its accepted header spellings; rows come back
    keyed by canonical name, blank rows skipped. Raises ImportRejected for a bad file."""
    is_xlsx = filename.lower().endswith((".xlsx", ".xlsm")) or raw[:2] == b"PK"
    rows = _xlsx_rows(raw) if is_xlsx else _csv_rows(raw)
    try:
        header = next(rows)
    except StopIteration:
        raise ImportRejected(_("The file is empty.")) from None
    aliases = {_fold(alias): name for name, spellings in columns.items() for alias in (name, *spellings)}
    positions = {}
    for index, title in enumerate(header):
        name = aliases.get(_fold(title))
        if name and name not in positions:
            positions[name] = index
    missing = [name for name in required if name not in positions]
    if missing:
        raise ImportRejected(
            _("Missing columns: %(columns)s. The first row must name the columns."), columns=", ".join(sorted(missing))
        )
    result = []
    for number, values in enumerate(rows, start=2):
        if not any(str(v).strip() for v in values):
            continue
        result.append(Row(number, {
            name: unicodedata.normalize("NFC", str(values[i]).strip()) if i < len(values) else ""
            for name, i in positions.items()
        }))
    return result
