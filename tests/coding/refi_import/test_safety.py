"""J1/J2: hostile XML and hostile archives are refused with a clear message, nothing written,
no file read from disk and no socket opened."""

import io
import socket
import struct
import zipfile

import pytest

from coding.models import Code
from coding.refi import RefiError
from coding.refi_import.importing import import_codebook, import_project
from coding.refi_import.safety import SafeArchive, parse_xml
from surveys.models import Survey

CODES = '<Codes><Code guid="11111111-1111-1111-1111-111111111111" name="k" isCodable="true"/></Codes>'
PROJECT = (
    '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook>'
    + CODES
    + "</CodeBook></Project>"
)


@pytest.fixture(autouse=True)
def no_sockets(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a socket was opened")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _zip(entries, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="11111111-1111-1111-1111-111111111111" name="&lol3;" isCodable="true"/></Codes></CodeBook>"""
EXTERNAL_FILE = b"""<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="11111111-1111-1111-1111-111111111111" name="&x;" isCodable="true"/></Codes></CodeBook>"""
EXTERNAL_HTTP = EXTERNAL_FILE.replace(b"file:///etc/passwd", b"http://127.0.0.1:9/x")
EXTERNAL_DTD = b"""<?xml version="1.0"?><!DOCTYPE CodeBook SYSTEM "http://127.0.0.1:9/evil.dtd">
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="11111111-1111-1111-1111-111111111111" name="k" isCodable="true"/></Codes></CodeBook>"""


@pytest.mark.parametrize(
    "xml",
    [BILLION_LAUGHS, EXTERNAL_FILE, EXTERNAL_HTTP, EXTERNAL_DTD],
    ids=["billion-laughs", "external-file", "external-http", "external-dtd"],
)
def test_hostile_codebook_is_refused_and_writes_nothing(survey, admin, xml):
    with pytest.raises(RefiError) as raised:
        import_codebook(survey, xml, by=admin)
    assert raised.value.code == "dtd" and "DTD" in raised.value.message
    assert not Code.objects.exists()


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_FILE, EXTERNAL_DTD])
def test_hostile_project_xml_inside_a_qdpx_is_refused(admin, xml):
    data = _zip({"project.qde": xml.replace(b"CodeBook xmlns", b"Project name='x' xmlns")})
    with pytest.raises(RefiError) as raised:
        import_project(data, by=admin)
    assert raised.value.code == "dtd"
    assert not Survey.objects.exists()


@pytest.mark.parametrize(
    "name",
    ["../../x.txt", "Sources/../../x.txt", "/etc/passwd", "C:/Windows/x.txt", "Sources\\..\\x.txt", "c:evil.txt"],
)
def test_unsafe_entry_names_are_refused_before_anything_is_read(admin, name, monkeypatch):
    data = _zip({"project.qde": PROJECT, name: "x"})
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("an entry was read"))
    with pytest.raises(RefiError) as raised:
        SafeArchive(data)
    assert raised.value.code == "unsafe_name" and name[:20] in raised.value.message
    with pytest.raises(RefiError):
        import_project(data, by=admin)
    assert not Survey.objects.exists()


def test_too_many_entries_are_refused(admin, settings):
    settings.REFI_MAX_ENTRIES = 1000
    data = _zip({"project.qde": PROJECT, **{f"Sources/{i}.txt": "" for i in range(1000)}})
    with pytest.raises(RefiError) as raised:
        import_project(data, by=admin)
    assert raised.value.code == "too_many_entries" and "1001" in raised.value.message
    assert not Survey.objects.exists()


def test_high_ratio_entry_is_refused_as_a_zip_bomb(admin):
    data = _zip({"project.qde": PROJECT, "Sources/bomb.txt": b"\0" * (20 * 1024 * 1024)})
    assert len(data) < 100_000
    with pytest.raises(RefiError) as raised:
        import_project(data, by=admin)
    assert raised.value.code == "zip_bomb"
    assert not Survey.objects.exists()


def _lie_about_size(data, name, size):
    """Rewrite the declared uncompressed size of `name` in the central directory."""
    blob = bytearray(data)
    header = blob.rfind(b"PK\x01\x02", 0, blob.rfind(name.encode()))
    struct.pack_into("<I", blob, header + 24, size)
    return bytes(blob)


def test_huge_declared_size_is_refused(admin):
    data = _lie_about_size(_zip({"project.qde": PROJECT, "Sources/a.txt": b"abc"}), "Sources/a.txt", 4_000_000_000)
    with pytest.raises(RefiError) as raised:
        import_project(data, by=admin)
    assert raised.value.code == "zip_bomb"


def test_entry_larger_than_declared_is_caught_while_reading(admin):
    text = b"x" * 5000
    data = _zip({"project.qde": PROJECT, "Sources/a.txt": text}, compression=zipfile.ZIP_STORED)
    data = _lie_about_size(data, "Sources/a.txt", 10)
    archive = SafeArchive(data)
    with pytest.raises(RefiError) as raised:
        archive.read(archive.find("Sources/a.txt"))
    assert raised.value.code in {"zip_bomb", "bad_entry"}


@pytest.mark.parametrize("name", ["Sources/inner.zip", "inner.QDPX"])
def test_nested_archive_is_refused_by_name(admin, name):
    data = _zip({"project.qde": PROJECT, name: _zip({"a.txt": "a"})})
    with pytest.raises(RefiError) as raised:
        import_project(data, by=admin)
    assert raised.value.code == "nested"


def test_nested_archive_is_refused_by_content(admin):
    project = PROJECT.replace(
        "</CodeBook>",
        '</CodeBook><Sources><TextSource guid="22222222-2222-2222-2222-222222222222"'
        ' plainTextPath="internal://a.txt"/></Sources>',
    )
    data = _zip({"project.qde": project, "Sources/a.txt": _zip({"a.txt": "a"})})
    with pytest.raises(RefiError) as raised:
        import_project(data, by=admin)
    assert raised.value.code == "nested"
    assert not Survey.objects.exists()


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "empty"),
        (b"PK\x03\x04 not really", "not_zip"),
        (_zip({"readme.txt": "hei"}), "no_qde"),
        (_zip({"a.qde": PROJECT, "b.QDE": PROJECT}), "many_qde"),
    ],
)
def test_broken_archives_get_a_clear_message(admin, data, code):
    with pytest.raises(RefiError) as raised:
        import_project(data, by=admin)
    assert raised.value.code == code and raised.value.message


def test_upload_over_the_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(RefiError) as raised:
        parse_xml(b"<a>" + b"x" * 200 + b"</a>")
    assert raised.value.code == "too_large"


def test_a_database_error_midway_leaves_nothing(admin, monkeypatch):
    from coding.refi_import import importing

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing.ProjectImport, "_memos", boom)
    with pytest.raises(RuntimeError):
        import_project(_zip({"project.qde": PROJECT}), by=admin)
    assert not Survey.objects.exists() and not Code.objects.exists()


def test_messages_are_norwegian_in_the_norwegian_ui():
    from django.utils import translation

    with translation.override("nb"), pytest.raises(RefiError) as raised:
        SafeArchive(_zip({"../x.txt": "x"}))
    assert raised.value.message == "Arkivet inneholder en fil med et usikkert navn (../x.txt)."


def test_a_project_file_larger_than_it_declares_is_refused_while_it_is_read(admin):
    data = _zip({"project.qde": PROJECT + " " * 5000}, compression=zipfile.ZIP_STORED)
    with pytest.raises(RefiError) as raised:
        import_project(_lie_about_size(data, "project.qde", len(PROJECT)), by=admin)
    assert raised.value.code == "bad_entry"
    assert not Survey.objects.exists()
