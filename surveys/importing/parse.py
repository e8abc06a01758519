"""Parse (pure, no database): the bytes of a CSV or XLSX file in, a decoded table out.

Encoding, delimiter and sheet are decided here, in one place. Problems in single cells come
back as `RowError`s (the table is still returned); a file that cannot be read at all raises
`ParseError` with a message for the admin.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from surveys.importing.limits import Budget, LimitExceeded, check_xlsx

DELIMITERS = [",", ";", "\t"]
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
SNIFF_RECORDS = 60


@dataclass(frozen=True)
class RowError:
    """One bad cell (or row): `line` is the row number as a spreadsheet shows it (header = 1)."""

    line: int
    column: str
    value: str
    message: str


class ParseError(ValueError):
    """The file cannot be read at all (wrong type, unknown encoding, no delimiter)."""


@dataclass
class Table:
    headers: list
    rows: list  # list of lists of str, each as long as headers
    lines: list  # spreadsheet row number of each row
    format: str = "csv"  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    blank_headers: set = field(default_factory=set)  # indexes whose heading cell was empty
    layout: dict = field(default_factory=dict)  # what layouts/ recognised: tool, header rows
    hints: dict = field(default_factory=dict)  # header → what the tool's layout says it is
    stems: dict = field(default_factory=dict)  # code → text of a matrix heading without a column

    @property
    def row_count(self):
        return len(self.rows)

    def column(self, index):
        return [row[index] for row in self.rows]


def column_letter(index):
    """0 → A, 25 → Z, 26 → AA (how a spreadsheet names column `index`)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def is_xlsx(data):
    return data[:4] == b"PK\x03\x04"


def parse(data, *, encoding=None, delimiter=None, sheet=None):
    """bytes → Table. `encoding`, `delimiter` and `sheet` override what would be detected.
    A file past one of the limits in limits.py is refused while it is read."""
    try:
        return _parse(data, encoding=encoding, delimiter=delimiter, sheet=sheet)
    except LimitExceeded as error:
        raise ParseError(str(error)) from None


def _parse(data, *, encoding, delimiter, sheet):
    if not data or data.isspace():  # (not data.strip(): no copy of a large file)
        raise ParseError(_("The file is empty."))
    if is_xlsx(data):
        return parse_xlsx(data, sheet=sheet)
    if data[:5] == b"%PDF-" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ParseError(_("This is not a CSV or XLSX file. In Excel, choose Save as → CSV UTF-8 or "
                           "Excel workbook (.xlsx)."))
    text, used = decode(data, encoding)
    return parse_csv_text(text, encoding=used, delimiter=delimiter)


def decode(data, encoding=None):
    """(text, encoding name): UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252."""
    if encoding:
        try:
            return _nfc(data.decode(encoding)), encoding
        except (UnicodeDecodeError, LookupError):
            raise ParseError(_("The file cannot be read as %(encoding)s.") % {"encoding": encoding}) from None
    if data[:3] == b"\xef\xbb\xbf":
        return _decode_as(data, "utf-8-sig")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _decode_as(data, "utf-16")
    sample = data[:4000]
    if len(sample) > 8 and sample[1::2].count(0) > len(sample) * 0.4:
        return _decode_as(data, "utf-16-le")
    try:
        return _nfc(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return _nfc(data.decode("cp1252")), "cp1252"
    except UnicodeDecodeError:
        raise ParseError(
            _("The file's character encoding is not recognised. In Excel, choose Save as → CSV UTF-8.")
        ) from None


def _decode_as(data, encoding):
    try:
        return _nfc(data.decode(encoding)), encoding
    except UnicodeDecodeError:
        raise ParseError(
            _("The file cannot be read as %(encoding)s. In Excel, choose Save as → CSV UTF-8.") % {"encoding": encoding}
        ) from None


def _nfc(text):
    text = text.lstrip("\ufeff")
    if text.startswith("ï»¿"):  # a UTF-8 BOM read as Windows-1252
        text = text[3:]
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def _lines(text):
    """The lines of `text` with their endings (\r\n, \r or \n), one at a time: unlike a StringIO,
    no second copy of the whole file (four bytes a character) while it is read. Files without a
    lone \r (old Mac endings) are cut at each \n by str.find, five times quicker than the regex."""
    if text.count("\r") != text.count("\r\n"):
        for match in _LINE.finditer(text):
            yield match.group()
        return
    start, size, find = 0, len(text), text.find
    while start < size:
        end = find("\n", start) + 1 or size
        yield text[start:end]
        start = end


def _records(text, delimiter, limit=None, budget=None):
    """(line, record) pairs; with a `budget`, every record is checked against the limits as it is
    read. Without one (sniffing), a field past the csv module's own limit ends the sample."""
    reader = csv.reader(_lines(text), delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
    out = []
    try:
        for record in reader:
            if budget:
                budget.record(record, len(out) + 1)
            out.append((reader.line_num, record))
            if limit and len(out) >= limit:
                break
    except csv.Error:  # a field over csv.field_size_limit(), which is above MAX_CELL_CHARS
        if budget:
            raise Budget.cell_too_long(len(out) + 1) from None
    return out


def sniff_delimiter(text):
    """The delimiter among , ; and tab that gives the header more than one column and the
    rows the same number of columns as the header."""
    best, best_score = None, None
    for delimiter in DELIMITERS:
        records = [r for _line, r in _records(text, delimiter, SNIFF_RECORDS) if any(c.strip() for c in r)]
        if not records:
            continue
        width = len(_trim(records[0]))
        if width < 2:
            continue
        body = records[1:] or records
        consistent = sum(1 for r in body if len(_trim(r)) <= width and len(r) >= width - 1) / len(body)
        score = (consistent, width)
        if best_score is None or score > best_score:
            best, best_score = delimiter, score
    if best is None:
        raise ParseError(
            _("Could not find the column separator: the header has a single column with comma, semicolon "
              "and tab alike. Save the file as CSV with one of these separators.")
        )
    return best


def _trim(record):
    end = len(record)
    while end and not record[end - 1].strip():
        end -= 1
    return record[:end]


def parse_csv_text(text, *, encoding="utf-8", delimiter=None):
    delimiter = delimiter or sniff_delimiter(text)
    records = _records(text, delimiter, budget=Budget())
    header_at = next((i for i, (_line, r) in enumerate(records) if any(c.strip() for c in r)), None)
    if header_at is None:
        raise ParseError(_("The file is empty."))
    header_line, headers = records[header_at]
    row_number = header_at + 1
    rows, lines = [], []
    for _physical, record in records[header_at + 1 :]:
        row_number += 1
        rows.append(record)
        lines.append(row_number)
    table = _finish(headers, rows, lines, 1 + header_at, nul="\x00" in text)
    table.format, table.encoding, table.delimiter = "csv", encoding, delimiter
    return table


def parse_xlsx(data, *, sheet=None):
    import openpyxl

    stream = io.BytesIO(data)
    check_xlsx(stream)
    try:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except Exception:
        raise ParseError(_("The Excel workbook cannot be opened. Save it again as .xlsx or as CSV UTF-8.")) from None
    try:
        names = list(workbook.sheetnames)
        if sheet and sheet not in names:
            raise ParseError(_("The workbook has no sheet named %(sheet)s.") % {"sheet": sheet})
        worksheet = workbook[sheet or names[0]]
        worksheet.reset_dimensions()
        raw, budget = [], Budget()
        for row in worksheet.iter_rows(values_only=True):
            raw.append([_cell_text(v) for v in row])
            budget.record(raw[-1], len(raw))
    except (ParseError, LimitExceeded):
        raise
    except Exception:  # no sheet, or XML that breaks (or is refused: entities) while the rows stream
        raise ParseError(_("The Excel workbook cannot be opened. Save it again as .xlsx or as CSV UTF-8.")) from None
    finally:
        workbook.close()
    header_at = next((i for i, r in enumerate(raw) if any(c.strip() for c in r)), None)
    if header_at is None:
        raise ParseError(_("The sheet %(sheet)s is empty.") % {"sheet": sheet or names[0]})
    rows = raw[header_at + 1 :]
    lines = list(range(header_at + 2, header_at + 2 + len(rows)))
    table = _finish(raw[header_at], rows, lines, header_at + 1)
    table.format, table.sheet, table.sheets = "xlsx", sheet or names[0], names
    return table


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


_SPACE = re.compile(r"\s+")


def _finish(headers, rows, lines, header_line, nul=True):
    """Drop empty rows and trailing empty columns, pad rows, name blank headers, find NULs
    (`nul=False`: the caller knows there is none, and no cell is looked at for one)."""
    headers = [_SPACE.sub(" ", h.replace("\ufeff", "")).strip() for h in headers]
    kept_rows, kept_lines = [], []
    for row, line in zip(rows, lines, strict=True):
        if any(c.strip() for c in row):
            kept_rows.append(row)
            kept_lines.append(line)
    width = max([len(_trim(headers))] + [len(_trim(r)) for r in kept_rows]) if kept_rows else len(_trim(headers))
    headers = (headers + [""] * width)[:width]
    errors = []
    blank_headers = {index for index, h in enumerate(headers) if not h}
    for index, h in enumerate(headers):
        if not h:
            headers[index] = _("Column %(letter)s") % {"letter": column_letter(index)}
    seen = {}
    for index, h in enumerate(headers):
        if h in seen:
            errors.append(RowError(header_line, h, h, _("Two columns have the same heading (columns %(a)s and %(b)s).")
                                   % {"a": column_letter(seen[h]), "b": column_letter(index)}))
        seen.setdefault(h, index)
    out = []
    for row, line in zip(kept_rows, kept_lines, strict=True):
        if len(row) < width:
            row = row + [""] * (width - len(row))
        elif len(row) > width:
            row = row[:width]
        out.append(row)
        if not nul:
            continue
        for index, value in enumerate(row):
            if "\x00" in value:
                errors.append(RowError(line, headers[index], value.replace("\x00", "␀"),
                                       _("The cell contains a NUL character (\\0), which cannot be stored. "
                                         "Remove it and save the file again.")))
    return Table(headers=headers, rows=out, lines=kept_lines, errors=errors, blank_headers=blank_headers)
