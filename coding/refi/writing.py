"""Writing REFI-QDA XML: the helpers the project and codebook exports share (the
counterpart of coding/refi_import/reading.py). Text passes through `xml_text`, which drops the
characters XML 1.0 forbids; answer texts get the line endings the standard's sources use from
`coding.refi.normalise`, which the import shares."""

import re
from collections import defaultdict
from datetime import UTC

from django.db.models import Q
from lxml import etree

from coding.models import AuditEvent
from coding.refi import guid_for

FORBIDDEN_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(value):
    return FORBIDDEN_IN_XML.sub("", str(value or ""))


def timestamp(value):
    if not value:
        return None
    if value.utcoffset() is not None:
        value = value.astimezone(UTC)
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{value.hour:02d}:{value.minute:02d}:{value.second:02d}Z"


def sub_element(parent, tag, ns, text=None, **attributes):
    element = etree.SubElement(parent, f"{{{ns}}}{tag}")
    for key, value in attributes.items():
        if value is not None:
            element.set(key, xml_text(value))
    if text is not None:
        element.text = xml_text(text)
    return element


def codes_tree(codes):
    children = defaultdict(list)
    ids = {code.id for code in codes}
    for code in codes:
        children[code.parent_id if code.parent_id in ids else None].append(code)
    return children


def add_codes(parent, ns, codes, *, code_notes=None, member_tag=None):
    children = codes_tree(codes)
    seen = set()

    def add(container, code):
        if code.id in seen:  # a parent cycle would never end; the data model forbids it anyway
            return
        seen.add(code.id)
        element = sub_element(
            container, "Code", ns, guid=guid_for("code", code.pk), name=code.name,
            isCodable="true" if code.codable else "false", color=code.colour
        )
        if code.description:
            sub_element(element, "Description", ns, code.description)
        for note_guid in (code_notes or {}).get(code.id, []):
            sub_element(element, "NoteRef", ns, targetGUID=note_guid)
        for child in children.get(code.id, []):
            add(element, child)

    codes_element = sub_element(parent, "Codes", ns)
    for root in children.get(None, []):
        add(codes_element, root)
    return codes_element


def add_sets(parent, ns, categories, member_attribute, category_notes=None):
    """Categories as `Sets` of `MemberCode`s (a codebook points with `guid`, a project with
    `targetGUID`) and, in a project, the `MemberNote`s of their findings and memos."""
    categories = list(categories)
    if not categories:
        return
    sets = sub_element(parent, "Sets", ns)
    for category in categories:
        element = sub_element(sets, "Set", ns, guid=guid_for("category", category.pk), name=category.name)
        if category.description:
            sub_element(element, "Description", ns, category.description)
        for placement in category.placements.all():
            sub_element(element, "MemberCode", ns, **{member_attribute: guid_for("code", placement.code_id)})
        for note_guid in (category_notes or {}).get(category.id, []):
            sub_element(element, "MemberNote", ns, targetGUID=note_guid)


def first_line(text, default):
    """A note's name: the first line of its text (60 characters at most)."""
    return (text.strip().splitlines()[0] if text.strip() else default)[:60]


def unique(name, taken):
    """`name`, or "name (2)" … when a name in `taken` (casefolded) has it already; taken grows."""
    name = xml_text(name)[:120]
    candidate, n = name, 2
    while candidate.casefold() in taken:
        candidate, n = f"{name} ({n})", n + 1
    taken.add(candidate.casefold())
    return candidate


def finding_authors(survey):
    """{category id: (user id, when)}: who last wrote each category's finding, by its history."""
    events = AuditEvent.objects.filter(survey=survey, category__isnull=False).filter(
        Q(action=AuditEvent.Action.CATEGORY_CHANGED, data__changes__has_key="finding")
        | Q(action=AuditEvent.Action.CATEGORY_CREATED)
    ).order_by("created_at", "id").values_list("category_id", "action", "actor_id", "created_at")
    authors = {}
    for category_id, action, actor_id, when in events:
        if action == AuditEvent.Action.CATEGORY_CREATED and category_id in authors:
            continue
        authors[category_id] = (actor_id, when)
    return authors
