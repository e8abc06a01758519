"""Hostile XML inside an XLSX (a zip of XML parts): entity bombs, external entities and broken
parts are refused with the workbook message, never a server error, and no socket is opened."""

import io
import socket
import zipfile

import pytest
from django.utils import translation

from surveys.importing.parse import ParseError, parse

MESSAGE = "The Excel workbook cannot be opened. Save it again as .xlsx or as CSV UTF-8."
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')
EXTERNAL_FILE = '<!DOCTYPE w [<!ENTITY lol3 SYSTEM "file:///etc/passwd">]>'
EXTERNAL_HTTP = '<!DOCTYPE w [<!ENTITY lol3 SYSTEM "http://127.0.0.1:9/x">]>'


@pytest.fixture(autouse=True)
def english_and_no_sockets(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    with translation.override("en"):
        yield


def _workbook():
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Svar")
    sheet.append(["Svar-ID", "Tekst"])
    sheet.append(["R1", "Økt samarbeid"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_part(prefix, content):
    source, out = zipfile.ZipFile(io.BytesIO(_workbook())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename.startswith(prefix) else source.read(info))
    return out.getvalue()


def _sheet(doctype):
    return (f'<?xml version="1.0"?>{doctype}<worksheet xmlns="{NS}"><sheetData><row r="1">'
            '<c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>').encode()


def _workbook_part(doctype):
    return (f'<?xml version="1.0"?>{doctype}<workbook xmlns="{NS}"><sheets>&lol3;</sheets></workbook>').encode()


@pytest.mark.parametrize("doctype", [LAUGHS, EXTERNAL_FILE, EXTERNAL_HTTP], ids=["billion-laughs", "file", "http"])
@pytest.mark.parametrize("part, build", [("xl/worksheets/", _sheet), ("xl/workbook.xml", _workbook_part)],
                         ids=["sheet", "workbook"])
def test_entities_in_any_part_are_refused_with_the_workbook_message(doctype, part, build):
    with pytest.raises(ParseError) as caught:
        parse(_with_part(part, build(doctype)))
    assert str(caught.value) == MESSAGE
    assert "root:" not in str(caught.value)  # nothing of /etc/passwd


@pytest.mark.parametrize("part, content", [
    ("xl/worksheets/", f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c r="A1"'.encode()),
    ("xl/workbook.xml", f'<workbook xmlns="{NS}"><sheets/></workbook>'.encode()),
], ids=["truncated-sheet", "no-sheets"])
def test_a_broken_workbook_is_refused_with_the_workbook_message(part, content):
    with pytest.raises(ParseError) as caught:
        parse(_with_part(part, content))
    assert str(caught.value) == MESSAGE


def test_the_untouched_workbook_is_read():
    assert parse(_workbook()).rows == [["R1", "Økt samarbeid"]]
