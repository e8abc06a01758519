"""Several files uploaded together: SurveyXact's three CSV files (dataset, structure, labels).

An import keeps one blob (the ImportRun's content, the command's bytes), so files chosen
together are packed into one zip (`pack`), and `read` unpacks and reads them as SurveyXact's
export: each file's encoding and separator are detected on its own (tab + UTF-16, `;` or `,` +
Windows-1252), and which file is which is told by its content, not its name: the structure
names questionName/variableName/questionText, the labels are three columns whose first names
the dataset's variables, the dataset is the rest. A zip of the three CSV files reads the same.
"""

import io
import zipfile

from django.utils.translation import gettext as _

from surveys.importing.limits import MAX_XLSX_UNPACKED_BYTES, LimitExceeded
from surveys.importing.parse import ParseError, parse

MAX_FILES = 10


def pack(files):
    """One zip of [(name, bytes)] (names made unique), for `read`."""
    buffer, used = io.BytesIO(), set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, (name, content) in enumerate(files, start=1):
            name = (name or f"file{n}.csv").replace("/", "_").replace("\\", "_")
            while name in used:
                name = f"{n}-{name}"
            used.add(name)
            archive.writestr(name, content)
    return buffer.getvalue()


def is_bundle(data):
    """A zip that is not a workbook: files uploaded together (or a zip of CSV files)."""
    if data[:4] != b"PK\x03\x04":
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return False
    return "[Content_Types].xml" not in names and any(not n.endswith("/") for n in names)


def _files(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir() and not i.filename.startswith("__MACOSX/")]
        if len(infos) > MAX_FILES:
            raise ParseError(_("At most %(limit)s files can be read together.") % {"limit": MAX_FILES})
        if sum(i.file_size for i in infos) > MAX_XLSX_UNPACKED_BYTES:
            raise ParseError(str(LimitExceeded(_("The files together are too large to read."))))
        return [(i.filename, archive.read(i)) for i in infos]


def _rows(table):
    """All rows of a parsed table, its heading row first (as the file has it)."""
    heading = ["" if i in table.blank_headers else h for i, h in enumerate(table.headers)]
    return [heading] + [list(r) for r in table.rows]


def read(data, options=None):
    """The bundle's files read as SurveyXact's dataset, structure and labels → one Table."""
    from surveys.importing.layouts import surveyxact

    options = options or {}
    tables = []
    for name, content in _files(data):
        if content[:4] == b"PK\x03\x04":
            raise ParseError(_("%(name)s is a workbook: upload a SurveyXact workbook on its own.") % {"name": name})
        try:
            tables.append((name, parse(content, encoding=options.get("encoding") or None,
                                       delimiter=options.get("delimiter") or None)))
        except ParseError as error:
            raise ParseError(f"{name}: {error}") from None
    structure = next((t for _n, t in tables if surveyxact.is_structure(t.headers)), None)
    others = [t for _n, t in tables if t is not structure]
    if structure is None or not others:
        raise ParseError(_("Files chosen together are read as SurveyXact's dataset, structure and labels "
                           "(CSV). The structure file (questionName, variableName …) was not among them. "
                           "Otherwise, upload one file at a time."))
    known = {r[1].strip() for r in _rows(structure)[1:] if len(r) > 1}
    labels = next((t for t in others if len(t.headers) <= 4 and len(others) > 1
                   and _first_column(t) and _first_column(t) <= known), None)
    if labels is None and len(others) > 1:
        labels = min(others, key=lambda t: len(t.headers))
    dataset = max((t for t in others if t is not labels), key=lambda t: len(t.headers))
    table = surveyxact.build(dataset, [], _rows(structure), _rows(labels) if labels else [])
    table.layout = {"tool": surveyxact.NAME, "header_rows": 1, "files": len(tables)}
    return table


def _first_column(table):
    return {r[0].strip() for r in _rows(table) if r and r[0].strip()}
