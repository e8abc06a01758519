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
  answer cell of a survey import (surveys/importing/limits.py).
"""

import io
import re
import zipfile

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from surveys.importing.limits import MAX_CELL_CHARS
from veiledning.refusals import Refusal


class RefiError(Refusal):
    """A file we refuse, with a message meant for the person who uploaded it."""

    def __init__(self, message, code="invalid"):
        super().__init__(message, code=code)


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


# The archive as a whole may be compressed this much; a real project of many small texts is not
# (the benchmarks' 38,000 texts and 150,000 codings pack about 4 : 1).
RATIO_CHECKED_FROM = 1024 * 1024

NESTED_ARCHIVE = re.compile(r"\.(zip|qdpx|jar|7z|rar|gz|tgz|bz2|xz)$", re.IGNORECASE)
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
DRIVE = re.compile(r"^[A-Za-z]:")


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


def parse_xml(data, most=None):
    """An ElementTree root from XML bytes, refusing any DTD (and so every entity). `most` bounds the
    size (default: the upload limit; a `.qde` read from an archive is bounded by the archive's)."""
    check_size(data, most)
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise RefiError(_("The XML declares a DTD or entities, which are refused for safety."), code="dtd") from None
    except Exception as error:  # ParseError and friends: the message names line and column
        line, column = getattr(error, "position", (None, None))
        if line is None:
            raise RefiError(_("The file is not valid XML, so it cannot be read. Export it again from the "
                              "program that made it."), code="xml") from None
        raise RefiError(
            _("The file is not valid XML (the error is on line %(line)s, column %(column)s), so it cannot be read. "
              "Export it again from the program that made it.") % {"line": line, "column": column + 1},
            code="xml",
        ) from None


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
        self.infos = {info.filename.casefold(): info for info in infos if not info.is_dir()}
        self.names = [info.filename for info in infos]

    def find(self, name):
        return self.infos.get(name.casefold())

    def read(self, info):
        """An entry's bytes, never more than it declared (a lying header is caught here)."""
        try:
            with self.zip.open(info) as handle:
                data = handle.read(info.file_size + 1)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError, ValueError):
            raise RefiError(
                _("The archive entry %(name)s cannot be read.") % {"name": info.filename[:80]}, code="bad_entry"
            ) from None
        if len(data) > info.file_size:
            raise RefiError(
                _("The archive entry %(name)s is larger than it declares (a zip bomb?).")
                % {"name": info.filename[:80]},
                code="zip_bomb",
            )
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
            raise self.text_too_long(info)
        return self.read(info)

    @staticmethod
    def text_too_long(info):
        return RefiError(
            _("The text %(name)s is longer than %(limit)s characters, the limit for one answer.")
            % {"name": info.filename[:80], "limit": max_text_chars()},
            code="text_too_long",
        )

    def project_xml(self):
        """The bytes of the single `.qde` in the archive (project.qde, Project.qde or any name)."""
        found = [info for key, info in self.infos.items() if key.endswith(".qde")]
        if not found:
            raise RefiError(_("The archive holds no project file (.qde)."), code="no_qde")
        if len(found) > 1:
            raise RefiError(_("The archive holds more than one project file (.qde)."), code="many_qde")
        return self.read(found[0])
