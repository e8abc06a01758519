"""REFI-QDA exchange (NVivo, ATLAS.ti, MAXQDA, QualCoder): `.qdpx` projects and `.qdc` codebooks.

Two feature packages, one per direction of exchange:
- `coding.refi` (this package): the exchange page and its upload forms, the export (`export`:
  a survey as `project.qde` + `Sources/` in a `.qdpx`, and its codebook as a `.qdc`; `writing`:
  the XML helpers; `tasks`: a large survey's `.qdpx` in the background), and what both
  directions share: the vocabulary below, `RefiError`, and `survey_file` (veiledning.json).
- `coding.refi_import`: reading untrusted files (`safety`, `reading`), planning and saving them
  (`codes`, `project_import`, `importing`), the preview, users and summary screens with their
  wording, and their background tasks. It builds on this package, never the other way round.

Conventions of our own exports (read back by `coding.refi_import` to round-trip a survey):
- Positions are Unicode code points over the answer text with LF line endings.
- Each text answer is a TextSource whose VariableValues "Spørsmål" and "Spørsmålstekst" carry the
  question's code and text; the source belongs to the Case of its respondent (Case name = the
  respondent key). A foreign project (no such variables) gets one open question "Tekst".
- A respondent's graded answers are case variables: Integer "Spørsmål 2" for a graded question,
  Text "Spørsmål 6" (options joined by "; ") for a choice question. What the standard cannot say
  (every question's kind, scale and labels, "not applicable" answers, the survey's period) is in
  SURVEY_FILE beside project.qde (survey_file.py); other tools ignore it.
- A whole-answer coding is a PlainTextSelection over the whole text named WHOLE_ANSWER; a span is
  a selection named «excerpt». A selection holds one coder's codings (creatingUser and
  creationDateTime on both). Only projects whose `origin` starts with ORIGIN read the marker;
  other tools' selections are always spans.
- Users carry `id` = the username so that coders map back to their accounts; SYSTEM_USER_GUID
  stands for a finding nobody is recorded as writing and is never offered as a coder.
- Categories are Sets with MemberCode; a category's memos are text Notes in the Set (MemberNote),
  and its finding ("funn") is a text Note named "FINDING – <category>" in the Set. A memo on an
  answer is a Note with PlainTextContent and the PlainTextSelection it annotates. Every Note has
  a creating user and a creation date.
- Codes carry isCodable; a code that is not codable is never applied (Code.codable).
"""

import hashlib
import uuid

from veiledning.refusals import Refusal

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_SCHEMA = "http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"
CODEBOOK_SCHEMA = "http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

ORIGIN = "veiledning"
WHOLE_ANSWER = "Hele svaret"
FINDING = "Funn"
MEMO = "Notat"
SURVEY_FILE = "veiledning.json"
QUESTION_VARIABLE = "Spørsmål"
QUESTION_TEXT_VARIABLE = "Spørsmålstekst"
FOREIGN_QUESTION_CODE = "T"
FOREIGN_QUESTION_TEXT = "Tekst"

# GUIDs of exported objects: uuid5 of this namespace and "<model label>:<pk>", so that a second
# export of the same survey gives every object the same GUID.
GUID_NAMESPACE = uuid.UUID("6f1c7a52-3d0b-5e8e-9a41-7c2b1d0e5f63")
_NAMESPACE_BYTES = GUID_NAMESPACE.bytes


def guid_for(kind, key):
    """str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}")).upper(), computed without the UUID object
    (an export of a large survey makes half a million of these)."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + f"{kind}:{key}".encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex().upper()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def normalise(text):
    """(text with LF line endings, a function mapping old positions to new ones): the first
    convention above, for the export and the import alike."""
    if "\r" not in text:
        return text, lambda position: position
    out, mapping = [], []
    i = 0
    while i < len(text):
        mapping.append(len(out))
        if text[i] == "\r":
            out.append("\n")
            if i + 1 < len(text) and text[i + 1] == "\n":
                mapping.append(len(out) - 1)
                i += 1
        else:
            out.append(text[i])
        i += 1
    mapping.append(len(out))
    return "".join(out), lambda position: mapping[min(position, len(mapping) - 1)]


class RefiError(Refusal):
    """A file we refuse (or cannot write), with a message meant for the person who uploaded it."""

    def __init__(self, message, code="invalid"):
        super().__init__(message, code=code)


# The user a finding is credited to when its history names nobody (the demo's, an imported one).
SYSTEM_USER_GUID = guid_for("user", ORIGIN)
