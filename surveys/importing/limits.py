"""Limits on an import file that no real survey reaches, enforced while the file is read.

A file within the upload limit (20 MB) can still hold millions of tiny rows, a header of
100,000 columns, one cell of megabytes, or (XLSX, a zip) unpack to hundreds of megabytes.
Each of these would tie up a web worker and its memory for a survey nobody has. So:

- CSV and XLSX rows are counted as they are read (`Budget.record`), and reading stops at the
  first row past a limit, before memory grows with the rest of the file;
- an XLSX is judged on its zip directory before openpyxl opens it (`check_xlsx`): the number
  of parts, their declared unpacked size (zipfile never yields more than an entry declares),
  and the number of distinct texts in its string table, counted in a streaming pass.

The largest survey the project plans for (the benchmarks' 100× file) has 4,300 rows, about 100
columns and 430,000 cells; the longest answer in the demo is under 2,000 characters.
"""

import zipfile

from django.utils.formats import number_format
from django.utils.translation import gettext as _

MAX_ROWS = 50_000  # rows with at least one value
MAX_LINES = 200_000  # every row read, empty ones included
MAX_COLUMNS = 1_000
MAX_CELLS = 1_000_000  # rows × columns, counted over the rows with values
MAX_CELL_CHARS = 50_000  # one answer
MAX_XLSX_PARTS = 1_000
MAX_XLSX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_XLSX_STRINGS = MAX_CELLS
SHARED_STRINGS = "xl/sharedstrings.xml"


class LimitExceeded(ValueError):
    """The file passes a limit; the message names it."""


def _n(number):
    return number_format(number, force_grouping=True)


def _mib(size):
    return _("%(size)s MB") % {"size": _n(round(size / 1024 / 1024))}


class Budget:
    """What one file has used so far; `record` is called with every row as it is read."""

    def __init__(self):
        self.lines = self.rows = self.cells = 0

    def record(self, record, line):
        """`record` is a list of cell strings; `line` the row number as a spreadsheet shows it."""
        self.lines += 1
        if self.lines > MAX_LINES:
            raise LimitExceeded(
                _("The file has more than %(limit)s rows (empty ones included), the limit for one import. "
                  "Split it into smaller files.") % {"limit": _n(MAX_LINES)})
        width = len(record)
        while width and not record[width - 1]:
            width -= 1
        if not width:
            return
        if width > MAX_COLUMNS:
            raise LimitExceeded(
                _("Row %(line)s has %(count)s columns; at most %(limit)s columns are accepted.")
                % {"line": _n(line), "count": _n(width), "limit": _n(MAX_COLUMNS)})
        if max(map(len, record)) > MAX_CELL_CHARS:
            column = next(i for i, cell in enumerate(record) if len(cell) > MAX_CELL_CHARS)
            raise self.cell_too_long(line, column + 1)
        self.rows += 1
        self.cells += width
        if self.rows > MAX_ROWS:
            raise LimitExceeded(
                _("The file has more than %(limit)s rows with answers, the limit for one import. "
                  "Split it into smaller files.") % {"limit": _n(MAX_ROWS)})
        if self.cells > MAX_CELLS:
            raise LimitExceeded(
                _("The file has more than %(limit)s cells (rows × columns), the limit for one import. "
                  "Split it into smaller files.") % {"limit": _n(MAX_CELLS)})

    @staticmethod
    def cell_too_long(line, column=None):
        if column is None:
            return LimitExceeded(
                _("A cell in row %(line)s is longer than %(limit)s characters, the limit for one answer.")
                % {"line": _n(line), "limit": _n(MAX_CELL_CHARS)})
        return LimitExceeded(
            _("The cell in row %(line)s, column %(column)s is longer than %(limit)s characters, "
              "the limit for one answer.") % {"line": _n(line), "column": _n(column), "limit": _n(MAX_CELL_CHARS)})


def check_xlsx(stream):
    """Refuse a workbook whose zip directory or string table passes a limit, before it is opened.
    `stream` is a seekable binary file. Anything zipfile cannot read is left to openpyxl's error."""
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_XLSX_PARTS:
            raise LimitExceeded(
                _("The workbook holds %(count)s parts; at most %(limit)s are accepted.")
                % {"count": _n(len(infos)), "limit": _n(MAX_XLSX_PARTS)})
        total = sum(info.file_size for info in infos)
        if total > MAX_XLSX_UNPACKED_BYTES:
            raise LimitExceeded(
                _("The workbook would unpack to %(size)s; at most %(limit)s are accepted.")
                % {"size": _mib(total), "limit": _mib(MAX_XLSX_UNPACKED_BYTES)})
        strings = next((i for i in infos if i.filename.casefold() == SHARED_STRINGS), None)
        if strings is not None and _count_strings(archive, strings) > MAX_XLSX_STRINGS:
            raise LimitExceeded(
                _("The workbook holds more than %(limit)s different texts, the limit for one import.")
                % {"limit": _n(MAX_XLSX_STRINGS)})
    stream.seek(0)


def _count_strings(archive, info):
    """How many `<si>` items the string table holds, read in 1 MiB pieces."""
    count, tail = 0, b""
    try:
        with archive.open(info) as handle:
            while piece := handle.read(1024 * 1024):
                piece = tail + piece
                count += sum(piece.count(tag) for tag in (b"<si>", b"<si ", b":si>", b":si "))
                tail = piece[-3:]
                if count > MAX_XLSX_STRINGS:
                    break
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError, ValueError):
        return 0  # openpyxl will say the workbook cannot be opened
    return count
