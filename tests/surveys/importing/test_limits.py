"""Hostile files within the upload limit are refused while they are read, with a message that
names the limit, and memory stays bounded (tracemalloc's peak during `parse`).

Each class is the worst of its kind that the probe found: millions of tiny rows, millions of
empty rows, a header of 100,000 columns, a cell past the csv module's 131,072 characters,
XLSX files that unpack to millions of rows or strings or hundreds of megabytes.
"""

import io
import tracemalloc
import zipfile

import pytest
from django.utils import translation

from surveys.importing import limits
from surveys.importing.parse import ParseError, parse

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refused(data):
    """(message, peak bytes) of parsing `data`, which must be refused."""
    tracemalloc.start()
    try:
        with pytest.raises(ParseError) as caught:
            parse(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    print(f"peak {peak / MB:.1f} MiB for {len(data) / MB:.1f} MiB: {caught.value}")
    return str(caught.value), peak


def test_millions_of_tiny_rows_stop_at_the_row_limit():
    data = b"a,b\n" + b"1,2\n" * (19 * MB // 4)  # 19 MB, 5 million rows
    message, peak = refused(data)
    assert "more than 50,000 rows with answers" in message
    assert peak < 40 * MB


def test_millions_of_empty_rows_stop_at_the_line_limit():
    data = b"a;b\n" + b";\n" * (19 * MB // 2)
    message, peak = refused(data)
    assert "more than 200,000 rows (empty ones included)" in message
    assert peak < 70 * MB


def test_too_many_cells_are_refused():
    width = 900
    data = (",".join(f"k{i}" for i in range(width)) + "\n").encode()
    data += ((",".join("x" * width)) + "\n").encode() * 1200
    message, peak = refused(data)
    assert "more than 1,000,000 cells" in message
    assert peak < 20 * MB


def test_a_header_of_100000_columns_is_a_clear_message():
    data = (",".join(f"k{i}" for i in range(100_000)) + "\n" + "1,2\n").encode()
    message, peak = refused(data)
    assert "Row 1 has 100,000 columns; at most 1,000 columns are accepted." in message
    assert peak < 15 * MB


@pytest.mark.parametrize("length", [limits.MAX_CELL_CHARS + 1, 131_073, 5 * MB])
def test_a_cell_past_the_limit_is_a_clear_message(length):
    data = b"Svar-ID,Tekst\nR1,kort\nR2," + b"x" * length + b"\n"
    message, peak = refused(data)
    assert "row 3" in message and "longer than 50,000 characters" in message
    assert peak < 20 * MB


def test_a_cell_at_the_limit_is_read():
    table = parse(b"Svar-ID,Tekst\nR1," + b"x" * limits.MAX_CELL_CHARS + b"\n")
    assert len(table.rows[0][1]) == limits.MAX_CELL_CHARS


def _workbook(rows):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Svar")
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _replace_parts(data, parts, extra=()):
    """The workbook `data` with some parts' contents replaced (name → bytes) and parts added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, parts.get(info.filename, source.read(info)))
        for name, content in extra:
            target.writestr(name, content)
    return out.getvalue()


def _sheet_name(data):
    return next(n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("xl/worksheets/"))


SHEET = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
         'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>')


def test_xlsx_under_1_mb_with_millions_of_rows_stops_while_streaming(monkeypatch):
    monkeypatch.setattr(limits, "MAX_LINES", 20_000)  # the same code path, a test 10× faster
    base = _workbook([["Svar-ID", "Tekst"]])
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>Svar-ID</t></is></c></row><row r="5000000"/>'
    data = _replace_parts(base, {_sheet_name(base): SHEET.format(rows=rows).encode()})
    assert len(data) < MB
    message, peak = refused(data)
    assert "more than 20,000 rows" in message
    assert peak < 150 * MB


def test_xlsx_with_many_real_rows_stops_at_the_row_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 2_000)
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>R{n}</t></is></c></row>' for n in range(1, 2_102))
    base = _workbook([["Svar-ID"]])
    data = _replace_parts(base, {_sheet_name(base): SHEET.format(rows=rows).encode()})
    assert len(data) < MB
    message, peak = refused(data)
    assert "more than 2,000 rows with answers" in message
    assert peak < 10 * MB


def test_xlsx_with_millions_of_strings_is_refused_before_opening():
    base = _workbook([["Svar-ID", "Tekst"]])
    strings = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
               'spreadsheetml/2006/main">' + "<si><t>a</t></si>" * 1_100_000 + "</sst>").encode()
    data = _replace_parts(base, {}, extra=[("xl/sharedStrings.xml", strings)])
    assert len(data) < MB
    message, peak = refused(data)
    assert "more than 1,000,000 different texts" in message
    assert peak < 20 * MB


def test_xlsx_that_unpacks_past_the_limit_is_refused_before_opening():
    base = _workbook([["Svar-ID", "Tekst"]])
    data = _replace_parts(base, {}, extra=[("xl/media/blank.bin", b"\0" * (65 * MB))])
    assert len(data) < MB
    message, peak = refused(data)
    assert "would unpack to 65 MB; at most 64 MB are accepted" in message
    assert peak < 20 * MB


def test_xlsx_with_too_many_parts_is_refused():
    base = _workbook([["Svar-ID", "Tekst"]])
    data = _replace_parts(base, {}, extra=[(f"xl/media/{n}.bin", b"") for n in range(1_001)])
    message, _peak = refused(data)
    assert "at most 1,000 are accepted" in message


def test_xlsx_within_the_limits_is_read():
    table = parse(_workbook([["Svar-ID", "Tekst"], ["R1", "Økt samarbeid"]]))
    assert table.rows == [["R1", "Økt samarbeid"]]


def test_the_message_is_norwegian():
    with translation.override("nb"):
        with pytest.raises(ParseError) as caught:
            parse(b"Svar-ID,Tekst\nR1," + b"x" * 60_000 + b"\n")
    assert str(caught.value) == "Cellen i rad 2, kolonne 2 er lengre enn 50\xa0000 tegn, som er grensen for ett svar."


@pytest.mark.parametrize("data", [
    b"Svar-ID,Tekst\nR1," + b"x" * 131_073 + b"\n",
    (",".join(f"k{i}" for i in range(100_000)) + "\n1,2\n").encode(),
], ids=["long-cell", "wide-header"])
def test_the_upload_screen_names_the_limit_in_norwegian_instead_of_a_500(client_for, admin, data):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from surveys.models import ImportRun

    with translation.override("nb"):
        client = client_for(admin)
        response = client.post(reverse("surveys:import"), {
            "file": SimpleUploadedFile("svar.csv", data, content_type="text/csv"), "target": "new",
            "title": "Ny undersøkelse", "slug": "ny"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "50\xa0000 tegn" in text or "1\xa0000 kolonner" in text
    assert not ImportRun.objects.exists()
