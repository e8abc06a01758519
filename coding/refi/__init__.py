"""REFI-QDA exchange (NVivo, ATLAS.ti, MAXQDA, QualCoder): `.qdpx` projects and `.qdc` codebooks.

- `safety`: the only way bytes from an upload become XML or zip entries (defusedxml, zip checks).
- `export`: a survey as `project.qde` + `Sources/` in a `.qdpx`, and its codebook as a `.qdc`.
- `reading`: parses a codebook or project into plain data (no database).
- `importing`: the entry points (preview/import a codebook, import a project): one transaction, an
  audit row and an ImportRun; `codes` plans and saves codes and sets, `project_import` the rest.

Conventions of our own exports (read back by `importing` to round-trip a survey):
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


# The user a finding is credited to when its history names nobody (the demo's, an imported one).
SYSTEM_USER_GUID = guid_for("user", ORIGIN)
