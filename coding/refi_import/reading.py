"""REFI-QDA XML into plain data (no database): the parse layer of the importer.

Tolerated: any `urn:QDA-XML:project:*` / `urn:QDA-XML:codebook:*` namespace (older releases) or
none; GUIDs in upper or lower case, with or without braces; `MemberCode` pointing with
`targetGUID` (project) or `guid` (codebook). Not imported, but counted in the summary: picture,
audio and video sources and their selections, PDF regions (a PDF's plain-text representation is
imported as a text).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from coding.refi import ORIGIN, SURVEY_FILE, RefiError
from coding.refi.survey_file import MAX_BYTES, read_survey_file
from coding.refi_import.safety import SafeArchive, iter_items, local, max_text_chars, parse_xml, text_too_long


def namespace(tag):
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def norm_guid(value):
    return (value or "").strip().strip("{}").upper()


def children(element, name):
    return [child for child in element if local(child.tag) == name]


def child(element, name):
    found = children(element, name)
    return found[0] if found else None


def text_of(element, name):
    found = child(element, name)
    return (found.text or "") if found is not None else ""


@dataclass(slots=True)
class ParsedCode:
    guid: str
    name: str
    description: str = ""
    colour: str = ""
    parent: str = ""
    codable: bool = True  # isCodable="false": a heading that groups codes, never applied


@dataclass(slots=True)
class ParsedSet:
    guid: str
    name: str
    description: str = ""
    codes: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    notes: list = field(default_factory=list)


@dataclass(slots=True)
class ParsedCoding:
    code: str
    user: str = ""


@dataclass(slots=True)
class ParsedSelection:
    guid: str
    name: str
    start: int
    end: int
    user: str = ""
    description: str = ""
    codings: list = field(default_factory=list)
    notes: list = field(default_factory=list)


@dataclass(slots=True)
class ParsedSource:
    guid: str
    name: str
    path: str = ""
    inline: str | None = None
    user: str = ""
    description: str = ""
    values: dict = field(default_factory=dict)
    selections: list = field(default_factory=list)
    codings: list = field(default_factory=list)  # codings of the whole source
    notes: list = field(default_factory=list)
    text: str | None = None  # filled from Sources/ or PlainTextContent


@dataclass(slots=True)
class ParsedCase:
    guid: str
    name: str
    values: dict = field(default_factory=dict)
    sources: list = field(default_factory=list)


@dataclass(slots=True)
class ParsedNote:
    guid: str
    name: str
    text: str
    user: str = ""


@dataclass
class Parsed:
    name: str = ""
    origin: str = ""
    description: str = ""
    codes: list = field(default_factory=list)
    sets: list = field(default_factory=list)
    users: dict = field(default_factory=dict)  # guid -> (name, id)
    cases: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    links: list = field(default_factory=list)  # (origin guid, target guid)
    project_notes: list = field(default_factory=list)
    skipped: dict = field(default_factory=dict)  # what is not imported, counted
    warnings: list = field(default_factory=list)
    survey_file: dict | None = None  # our veiledning.json, checked (survey_file.read_survey_file)

    def skip(self, what, count=1):
        self.skipped[what] = self.skipped.get(what, 0) + count


def _check_root(root, kind):
    ns = namespace(root.tag)
    if ns and not ns.startswith(f"urn:QDA-XML:{kind}:"):
        raise RefiError(
            _("The file uses the unknown namespace %(ns)s and cannot be read as a REFI-QDA %(kind)s.")
            % {"ns": ns[:100], "kind": kind},
            code="namespace",
        )
    return ns


def _codes(container, parsed, parent=""):
    for element in children(container, "Code"):
        code = ParsedCode(
            guid=norm_guid(element.get("guid")),
            name=(element.get("name") or "").strip(),
            description=text_of(element, "Description"),
            colour=element.get("color") or "",
            parent=parent,
            codable=(element.get("isCodable") or "true").strip().lower() not in ("false", "0"),
        )
        parsed.codes.append(code)
        for ref in children(element, "NoteRef"):
            parsed.links.append((norm_guid(ref.get("targetGUID")), code.guid))
        _codes(element, parsed, code.guid)


def _set(element, parsed):
    parsed.sets.append(
        ParsedSet(
            guid=norm_guid(element.get("guid")),
            name=(element.get("name") or "").strip(),
            description=text_of(element, "Description"),
            codes=[norm_guid(m.get("targetGUID") or m.get("guid")) for m in children(element, "MemberCode")],
            sources=[norm_guid(m.get("targetGUID")) for m in children(element, "MemberSource")],
            notes=[norm_guid(m.get("targetGUID")) for m in children(element, "MemberNote")],
        )
    )


def _sets(container, parsed):
    for element in children(container, "Set"):
        _set(element, parsed)


def read_codebook(data):
    """A `.qdc` (or a bare project XML, whose codebook and sets are read)."""
    root = parse_xml(data)
    if local(root.tag) == "Project":
        _check_root(root, "project")
        parsed = Parsed(name=root.get("name") or "", origin=root.get("origin") or "")
        codebook = child(root, "CodeBook")
        sets = child(root, "Sets")
    elif local(root.tag) == "CodeBook":
        _check_root(root, "codebook")
        parsed = Parsed(origin=root.get("origin") or "")
        codebook, sets = root, child(root, "Sets")
    else:
        raise RefiError(
            _("This is not a REFI-QDA codebook (the root element is %(tag)s).") % {"tag": local(root.tag)[:60]},
            code="not_codebook",
        )
    codes = child(codebook, "Codes") if codebook is not None else None
    if codes is None or not children(codes, "Code"):
        raise RefiError(_("The codebook holds no codes."), code="no_codes")
    _codes(codes, parsed)
    if sets is not None:
        _sets(sets, parsed)
    return parsed


def _values(element, variables):
    values = {}
    for value in children(element, "VariableValue"):
        ref = child(value, "VariableRef")
        name = variables.get(norm_guid(ref.get("targetGUID")) if ref is not None else "")
        data = [c for c in value if local(c.tag).endswith("Value")]
        if name and data:
            values[name] = (data[0].text or "").strip()
    return values


def _int(value):
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _text_source(element, parsed, variables, name=None):
    source = ParsedSource(
        guid=norm_guid(element.get("guid")),
        name=name or element.get("name") or "",
        path=element.get("plainTextPath") or "",
        user=norm_guid(element.get("creatingUser")),
        description=text_of(element, "Description"),
        values=_values(element, variables),
    )
    inline = child(element, "PlainTextContent")
    if inline is not None:
        source.inline = inline.text or ""
    for selection in children(element, "PlainTextSelection"):
        start, end = _int(selection.get("startPosition")), _int(selection.get("endPosition"))
        if start is None or end is None:
            parsed.warnings.append(
                _("A selection in %(source)s has no valid positions and was skipped.") % {"source": source.name}
            )
            continue
        item = ParsedSelection(
            guid=norm_guid(selection.get("guid")),
            name=selection.get("name") or "",
            start=start,
            end=end,
            user=norm_guid(selection.get("creatingUser")),
            description=text_of(selection, "Description"),
            notes=[norm_guid(r.get("targetGUID")) for r in children(selection, "NoteRef")],
        )
        for coding in children(selection, "Coding"):
            ref = child(coding, "CodeRef")
            if ref is not None:
                item.codings.append(
                    ParsedCoding(norm_guid(ref.get("targetGUID")), norm_guid(coding.get("creatingUser")))
                )
        source.selections.append(item)
    for coding in children(element, "Coding"):
        ref = child(coding, "CodeRef")
        if ref is not None:
            source.codings.append(ParsedCoding(norm_guid(ref.get("targetGUID")), norm_guid(coding.get("creatingUser"))))
    source.notes = [norm_guid(r.get("targetGUID")) for r in children(element, "NoteRef")]
    parsed.sources.append(source)
    return source


def _count_codings(element):
    return sum(1 for e in element.iter() if local(e.tag) == "Coding")


def _project(root):
    if local(root.tag) != "Project":
        raise RefiError(
            _("The .qde file is not a REFI-QDA project (the root element is %(tag)s).") % {"tag": local(root.tag)[:60]},
            code="not_project",
        )
    _check_root(root, "project")
    return Parsed(name=(root.get("name") or "").strip(), origin=root.get("origin") or "")


def _source(source, parsed, variables):
    kind = local(source.tag)
    if kind == "TextSource":
        _text_source(source, parsed, variables)
        return
    representation = child(source, "Representation") if kind == "PDFSource" else None
    if representation is not None:
        _text_source(representation, parsed, variables, name=source.get("name"))
        parsed.skip("pdf_codings", sum(_count_codings(s) for s in source if local(s.tag) != "Representation"))
    else:
        parsed.skip("other_sources")
        parsed.skip("other_codings", _count_codings(source))


def _note(note, parsed, archive):
    content = child(note, "PlainTextContent")
    text = content.text if content is not None and content.text else ""
    if not text and note.get("plainTextPath"):
        text = _archive_text(archive, note.get("plainTextPath"), parsed) or ""
    parsed.notes.append(
        ParsedNote(
            norm_guid(note.get("guid")),
            note.get("name") or "",
            text or text_of(note, "Description"),
            norm_guid(note.get("creatingUser")),
        )
    )


def read_project(data):
    """The parsed project from `.qdpx` bytes; texts are read from `Sources/`. The project XML is
    read as a stream, one item (user, code tree, variable, case, source, note, link, set) at a
    time, in the order the standard gives them (variables before the cases and sources that
    use them)."""
    archive = SafeArchive(data)
    parsed, variables = None, {}
    for container, element in iter_items(archive.project_xml()):
        tag = local(element.tag)
        if container is None:
            parsed = _project(element)
        elif container == "Users" and tag == "User":
            parsed.users[norm_guid(element.get("guid"))] = (
                (element.get("name") or "").strip(), (element.get("id") or "").strip())
        elif container == "CodeBook" and tag == "Codes":
            _codes(element, parsed)
        elif container == "Variables" and tag == "Variable":
            variables[norm_guid(element.get("guid"))] = (element.get("name") or "").strip()
        elif container == "Cases" and tag == "Case":
            parsed.cases.append(
                ParsedCase(
                    guid=norm_guid(element.get("guid")),
                    name=(element.get("name") or "").strip(),
                    values=_values(element, variables),
                    sources=[norm_guid(r.get("targetGUID")) for r in children(element, "SourceRef")],
                )
            )
        elif container == "Sources":
            _source(element, parsed, variables)
        elif container == "Notes" and tag == "Note":
            _note(element, parsed, archive)
        elif container == "Links" and tag == "Link":
            parsed.links.append((norm_guid(element.get("originGUID")), norm_guid(element.get("targetGUID"))))
        elif container == "Sets" and tag == "Set":
            _set(element, parsed)
        elif container == "" and tag == "Description":
            parsed.description = element.text or ""
        elif container == "" and tag == "NoteRef":
            parsed.project_notes.append(norm_guid(element.get("targetGUID")))
    info = archive.find(SURVEY_FILE) if parsed.origin.startswith(ORIGIN) else None
    if info is not None:  # read only when its declared size is within bounds
        parsed.survey_file = read_survey_file(archive.read(info) if info.file_size <= MAX_BYTES else None)
    for source in parsed.sources:
        source.text = source.inline if source.inline is not None else _archive_text(archive, source.path, parsed)
        if source.text and len(source.text) > max_text_chars():
            raise text_too_long(source.name or source.guid)
    return parsed


def _archive_text(archive, path, parsed):
    """The text behind `internal://name.txt` from `Sources/`, or None when it is not there.

    The name is only a key into the archive's directory; nothing is opened on disk."""
    if not path.lower().startswith("internal://"):
        return None
    info = archive.find("Sources/" + path[len("internal://") :])
    if info is None:
        return None
    data = archive.read_text(info)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            parsed.warnings.append(_("%(path)s is not UTF-8; it was read as Windows-1252.") % {"path": path[:80]})
            text = data.decode("cp1252", errors="replace")
    if len(text) > max_text_chars():
        raise text_too_long(info.filename)
    return text
