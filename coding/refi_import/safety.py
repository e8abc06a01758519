"""Turning uploaded bytes into XML and zip entries without trusting them.

- XML is parsed only with defusedxml, with DTDs forbidden outright: no internal entities (no
  "billion laughs"), no external entities or DTDs, so no file is read and no socket is opened.
- A zip is judged on its central directory BEFORE any entry is decompressed: entry names (no
  `..`, no absolute paths, no drive letters, no backslashes, no NUL), the number of entries, the
  declared uncompressed sizes (each and in total) and the compression ratio, of each large entry
  and of all entries together (so many small entries count too). Nested archives are
  refused by name, and every entry that is read is checked again for a zip signature.
- Entries are read into memory with a cap at their declared size; no name from an archive is
  ever used as a path on disk. A source text is one answer: it may be no longer than an
  answer cell of a survey import (surveys/importing/limits.py), and all texts together no larger
  than the unpacked workbook a survey import accepts.
- XML is read as a stream (`iter_items`): the elements are counted as they open, and each item
  (a source, a case, a note …) is dropped from the tree once it has been read, so memory grows
  with what is kept, not with the file. The largest project planned (38,000 answers, 150,000
  codings) has a 74 MB project file of about 810,000 elements; the limits are 1,500,000
  elements in all and 200,000 in one item.
"""

import io
import re
import zipfile
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from coding.refi import RefiError
from surveys.importing.limits import MAX_CELL_CHARS, MAX_XLSX_UNPACKED_BYTES


def limit(name, default):
    return getattr(settings, name, default)


def max_upload_bytes():
    return settings.UPLOAD_MAX_BYTES


def max_entries():
    # One text per answer: a 38,000-answer survey exports 38,001 entries.
    return limit("REFI_MAX_ENTRIES", 50_000)


def max_total_bytes():
    return limit("REFI_MAX_UNCOMPRESSED_BYTES", 200 * 1024 * 1024)


def max_ratio():
    return limit("REFI_MAX_COMPRESSION_RATIO", 200)


def max_text_chars():
    return limit("REFI_MAX_TEXT_CHARS", MAX_CELL_CHARS)


def text_too_long(name):
    return RefiError(_("The text %(name)s is longer than %(limit)s characters, the limit for one answer.")
                     % {"name": name[:80], "limit": max_text_chars()}, code="text_too_long")


def max_text_bytes():
    # All source texts together: as much as the unpacked workbook a survey import accepts.
    return limit("REFI_MAX_TEXT_BYTES", MAX_XLSX_UNPACKED_BYTES)


def max_elements():
    return limit("REFI_MAX_ELEMENTS", 1_500_000)


def max_item_elements():
    # One source, case, set or the code tree: a set of every answer of the largest survey holds 38,000.
    return limit("REFI_MAX_ITEM_ELEMENTS", 200_000)


# The archive as a whole may be compressed this much; a real project of many small texts is not
# (the benchmarks' 38,000 texts and 150,000 codings pack about 4 : 1).
RATIO_CHECKED_FROM = 1024 * 1024

NESTED_ARCHIVE = re.compile(r"\.(zip|qdpx|jar|7z|rar|gz|tgz|bz2|xz)$", re.IGNORECASE)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
DRIVE = re.compile(r"^[A-Za-z]:")
READ_ERRORS = (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError, ValueError)


def check_size(data, most=None):
    most = most or max_upload_bytes()
    if len(data) > most:
        raise RefiError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(most)},
            code="too_large",
        )
    if not data:
        raise RefiError(_("The file is empty."), code="empty")


def local(tag):
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


MAX_DEPTH = 100  # elements within elements: a real code tree is a handful of levels deep


def _too_many(limit_):
    return RefiError(
        _("The XML holds more than %(limit)s elements, more than any real project; it is refused.")
        % {"limit": limit_}, code="too_many_elements")


def _events(stream):
    """iterparse's (event, element) pairs, refusing any DTD (and so every entity) and nesting
    deeper than MAX_DEPTH (which the readers' recursion could not follow)."""
    depth = 0
    try:
        for event, element in iterparse(stream, events=("start", "end"), forbid_dtd=True,
                                        forbid_entities=True, forbid_external=True):
            depth += 1 if event == "start" else -1
            if depth > MAX_DEPTH:
                raise RefiError(_("The XML nests elements more than %(limit)s levels deep; it is refused.")
                                % {"limit": MAX_DEPTH}, code="too_deep")
            yield event, element
    except DefusedXmlException:
        raise RefiError(_("The XML declares a DTD or entities, which are refused for safety."), code="dtd") from None
    except (ParseError, ValueError, UnicodeError) as error:  # ParseError knows the line and column
        raise not_xml(error) from None
    except READ_ERRORS:  # a project file in an archive that does not match its header
        raise RefiError(_("The project file (.qde) in the archive cannot be read."), code="bad_entry") from None


def not_xml(error):
    """A file that is not XML, said in words (the parser's own message is English)."""
    line, column = getattr(error, "position", None) or (None, None)
    if line is None:
        return RefiError(_("The file is not valid XML, so it cannot be read. Export it again from the "
                           "program that made it."), code="xml")
    return RefiError(
        _("The file is not valid XML (the error is on line %(line)s, column %(column)s), so it cannot be read. "
          "Export it again from the program that made it.") % {"line": line, "column": column + 1},
        code="xml",
    )


def parse_xml(data, most=None):
    """An ElementTree root from XML bytes (a codebook), counted as it is read: refused past
    max_item_elements(). `most` bounds the size (default: the upload limit)."""
    check_size(data, most)
    count, root, most_elements = 0, None, max_item_elements()
    for event, element in _events(io.BytesIO(data)):
        if event == "start":
            count += 1
            root = element if root is None else root
            if count > most_elements:
                raise _too_many(most_elements)
    return root


def iter_items(stream):
    """Read a project's XML from a binary file object, as a stream. Yields (None, root) when the
    root opens (its attributes are there, its children not yet); then, as each is complete,
    every item two levels down with the local name of its container ("Sources", a TextSource)
    and every child of the root with "" (after its items). Each is dropped from the tree when
    the caller asks for the next, so one item is in memory at a time. Refused past
    max_elements() in all or max_item_elements() in one item, while it is read."""
    stack, count, item_opened = [], 0, 0
    in_all, in_item = max_elements(), max_item_elements()
    for event, element in _events(stream):
        if event == "start":
            stack.append(element)
            count += 1
            if count > in_all:
                raise _too_many(in_all)
            if len(stack) == 3:
                item_opened = count
            elif len(stack) > 3 and count - item_opened >= in_item:
                raise _too_many(in_item)
            if len(stack) == 1:
                yield None, element
            continue
        depth = len(stack)
        stack.pop()
        if depth in (2, 3):
            parent = stack[-1]
            yield (local(parent.tag) if depth == 3 else ""), element
            parent.remove(element)


def _check_name(name):
    if (
        not name
        or "\x00" in name
        or "\\" in name
        or name.startswith("/")
        or DRIVE.match(name)
        or ".." in name.split("/")
    ):
        raise RefiError(
            _("The archive holds an entry with an unsafe name (%(name)s).") % {"name": name[:80]},
            code="unsafe_name",
        )
    if NESTED_ARCHIVE.search(name):
        raise RefiError(
            _("The archive holds another archive (%(name)s); nested archives are refused.") % {"name": name[:80]},
            code="nested",
        )


class SafeArchive:
    """A zip that passed the checks; entries are looked up case-insensitively, read into memory."""

    def __init__(self, data):
        check_size(data)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
            raise RefiError(_("The file is not a valid .qdpx (zip) archive."), code="not_zip") from None
        if len(infos) > max_entries():
            raise RefiError(
                _("The archive holds %(count)s entries; at most %(limit)s are accepted.")
                % {"count": len(infos), "limit": max_entries()},
                code="too_many_entries",
            )
        total = packed = 0
        for info in infos:
            _check_name(info.filename)
            if info.flag_bits & 0x1:
                raise RefiError(_("The archive is encrypted."), code="encrypted")
            total += info.file_size
            packed += info.compress_size
            if info.file_size > RATIO_CHECKED_FROM and info.file_size > max_ratio() * max(info.compress_size, 1):
                raise RefiError(
                    _("The archive entry %(name)s expands suspiciously much (a zip bomb?).")
                    % {"name": info.filename[:80]},
                    code="zip_bomb",
                )
        if total > RATIO_CHECKED_FROM and total > max_ratio() * max(packed, 1):
            raise RefiError(
                _("The archive would unpack to %(size)s from %(packed)s, suspiciously much (a zip bomb?).")
                % {"size": filesizeformat(total), "packed": filesizeformat(packed)},
                code="zip_bomb",
            )
        if total > max_total_bytes():
            raise RefiError(
                _("The archive would unpack to %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(total), "limit": filesizeformat(max_total_bytes())},
                code="zip_bomb",
            )
        texts = sum(info.file_size for info in infos if not info.filename.casefold().endswith(".qde"))
        if texts > max_text_bytes():
            raise RefiError(
                _("The texts in the archive would unpack to %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(texts), "limit": filesizeformat(max_text_bytes())},
                code="zip_bomb",
            )
        self.infos = {info.filename.casefold(): info for info in infos if not info.is_dir()}
        self.names = [info.filename for info in infos]

    def find(self, name):
        return self.infos.get(name.casefold())

    def read(self, info):
        """An entry's bytes, never more than it declared (a lying header is caught here)."""
        try:
            with self.zip.open(info) as handle:
                data = handle.read(info.file_size + 1)
        except READ_ERRORS:
            raise self.unreadable(info) from None
        if len(data) > info.file_size:
            raise RefiError(_("The archive entry %(name)s is larger than it declares (a zip bomb?).")
                            % {"name": info.filename[:80]}, code="zip_bomb")
        if data.startswith(ZIP_MAGIC):
            raise RefiError(
                _("The archive holds another archive (%(name)s); nested archives are refused.")
                % {"name": info.filename[:80]},
                code="nested",
            )
        return data

    def read_text(self, info):
        """A source text's bytes; refused when it is longer than one answer may be."""
        most = max_text_chars()
        if info.file_size > 4 * most:  # UTF-8 takes at most four bytes a character
            raise text_too_long(info.filename)
        return self.read(info)

    @staticmethod
    def unreadable(info):
        return RefiError(_("The archive entry %(name)s cannot be read.") % {"name": info.filename[:80]},
                         code="bad_entry")


    def project_xml(self):
        """The single `.qde` in the archive (project.qde, Project.qde or any name), as a binary
        file object read straight from the archive."""
        found = [info for key, info in self.infos.items() if key.endswith(".qde")]
        if not found:
            raise RefiError(_("The archive holds no project file (.qde)."), code="no_qde")
        if len(found) > 1:
            raise RefiError(_("The archive holds more than one project file (.qde)."), code="many_qde")
        try:
            return self.zip.open(found[0])  # zipfile yields no more than the entry declares
        except READ_ERRORS:
            raise self.unreadable(found[0]) from None
