"""REFI-QDA export: both files validate against the REFI schemas, text is escaped, GUIDs stable."""

import io
import zipfile

import defusedxml.ElementTree as DET
import pytest
from lxml import etree

from coding.models import Category, CategoryCode, Code, Coding, Memo
from coding.refi.export import build_codebook, build_project, build_qdpx, normalise, xml_text
from tests.coding.refi import REFI
from tests.conftest import make_answer, make_question

needs_refi = pytest.mark.skipif(
    not (REFI / "xsd").is_dir(), reason=f"REFI-QDA schemas not found at {REFI} (../shared/refi)"
)


def schema(name):
    return etree.XMLSchema(etree.parse(str(REFI / "xsd" / name)))


def project_xml(data):
    archive = zipfile.ZipFile(io.BytesIO(data))
    return archive, archive.read("project.qde")


@needs_refi
def test_demo_project_validates_against_the_project_schema(demo):
    archive, xml = project_xml(build_qdpx(demo))
    schema("Project-mrt2019.xsd").assertValid(etree.fromstring(xml))
    root = DET.fromstring(xml, forbid_dtd=True)
    ns = "{urn:QDA-XML:project:1.0}"
    sources = root.findall(f"{ns}Sources/{ns}TextSource")
    assert len(sources) == 380
    # a text per answer, and one per finding (text notes "Funn – <category>")
    assert len([n for n in archive.namelist() if n.startswith("Sources/")]) == 380 + demo.categories.count()
    assert len(root.findall(f".//{ns}Case")) == demo.respondents.count()
    assert len(root.findall(f".//{ns}Coding")) == Coding.objects.for_survey(demo).count()
    assert len(root.findall(f"{ns}Sets/{ns}Set")) == demo.categories.count()


@needs_refi
def test_demo_codebook_validates_against_the_codebook_schema(demo):
    xml = build_codebook(demo)
    schema("Codebook.xsd").assertValid(etree.fromstring(xml))
    root = DET.fromstring(xml, forbid_dtd=True)
    assert len(root.findall(".//{urn:QDA-XML:codebook:1.0}Code")) == demo.codes.count()


@needs_refi
def test_hostile_text_is_escaped_and_still_valid(survey, coder):
    """I4: `&`, `<`, `]]>`, C0 controls and emoji in names, descriptions, memos and answers."""
    nasty = "A & B <tag> ]]> \x01\x08\x0b\x1f slutt 🎻 \u00e6\u00f8\u00e5"
    question = make_question(survey, "1", text=nasty)
    answer = make_answer(question, text="Før 🎻 & <b>etter</b> ]]>\x07 slutt")
    code = Code.objects.create(survey=survey, name="Kode & <kode> 🎻", description=nasty)
    category = Category.objects.create(survey=survey, name="Kategori ]]>", description=nasty)
    CategoryCode.objects.create(category=category, code=code)
    Coding.objects.create(answer=answer, code=code, coder=coder, start=4, end=5)
    Memo.objects.create(author=coder, code=code, text=nasty)
    data = build_qdpx(survey)
    archive, xml = project_xml(data)
    schema("Project-mrt2019.xsd").assertValid(etree.fromstring(xml))
    schema("Codebook.xsd").assertValid(etree.fromstring(build_codebook(survey)))
    assert b"]]>" not in xml and b"\x01" not in xml and b"\x07" not in xml
    root = DET.fromstring(xml, forbid_dtd=True)
    names = [e.get("name") for e in root.iter("{urn:QDA-XML:project:1.0}Code")]
    assert names == ["Kode & <kode> 🎻"]
    # the answer itself travels byte-exact (controls included) in Sources/, outside the XML
    [source] = root.iter("{urn:QDA-XML:project:1.0}TextSource")
    assert archive.read(source.get("plainTextPath").replace("internal://", "Sources/")).decode() == answer.text
    selection = next(root.iter("{urn:QDA-XML:project:1.0}PlainTextSelection"))
    assert (selection.get("startPosition"), selection.get("endPosition")) == ("4", "5")  # the emoji: one code point


def test_xml_text_strips_only_what_xml_forbids():
    assert xml_text("a\tb\nc\rd\x00e\x0bf\x1fg\ufffeh🎻") == "a\tb\nc\rdefgh🎻"


def test_crlf_is_normalised_and_positions_follow():
    text, position = normalise("ab\r\ncd\ref")
    assert text == "ab\ncd\nef"
    assert [position(i) for i in (0, 2, 4, 5, 7, 9)] == [0, 2, 3, 4, 6, 8]


def test_spans_over_crlf_text_point_at_the_same_characters(survey, coder):
    answer = make_answer(make_question(survey, "1"), text="linje en\r\nlinje to")
    code = Code.objects.create(survey=survey, name="k")
    Coding.objects.create(answer=answer, code=code, coder=coder, start=10, end=18)
    xml, texts = build_project(survey)
    [text] = texts.values()
    root = DET.fromstring(xml)
    selection = next(root.iter("{urn:QDA-XML:project:1.0}PlainTextSelection"))
    start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
    assert text[start:end] == "linje to"


def test_reexport_is_byte_identical(demo):
    assert build_qdpx(demo) == build_qdpx(demo)


def test_blind_coder_exports_only_their_own_layer(survey, coder, co_coder):
    survey.blind_coding = True
    survey.save()
    answer = make_answer(make_question(survey, "1"), text="tekst")
    code = Code.objects.create(survey=survey, name="k")
    Coding.objects.create(answer=answer, code=code, coder=coder)
    Coding.objects.create(answer=answer, code=code, coder=co_coder)
    xml, _texts = build_project(survey, coder)
    users = [e.get("id") for e in DET.fromstring(xml).iter("{urn:QDA-XML:project:1.0}User")]
    assert users == ["kari"]


def test_export_query_count_does_not_grow_with_answers(demo, django_assert_max_num_queries):
    """380 answers, 1,200+ codings, 43 respondents: a fixed handful of queries."""
    with django_assert_max_num_queries(12):
        build_qdpx(demo)


def test_guids_are_uuid5_of_the_namespace():
    import uuid

    from coding.refi import GUID_NAMESPACE, guid_for

    for key in (1, 42, "7:whole", "æøå 🎻"):
        assert guid_for("answer", key) == str(uuid.uuid5(GUID_NAMESPACE, f"answer:{key}")).upper()


# What real clients need beyond the schema (QualCoder's importer reads these) ---------------------
NS = "{urn:QDA-XML:project:1.0}"


def _root(survey):
    archive, xml = project_xml(build_qdpx(survey))
    return archive, DET.fromstring(xml, forbid_dtd=True)


def test_two_coders_on_the_same_span_are_two_selections_each_with_its_coder_and_date(survey, coder, co_coder):
    answer = make_answer(make_question(survey, "1"), text="Samlingene var nyttige")
    code = Code.objects.create(survey=survey, name="Samlinger")
    other = Code.objects.create(survey=survey, name="Nytte")
    for person in (coder, co_coder):
        Coding.objects.create(answer=answer, code=code, coder=person, start=0, end=11)
        Coding.objects.create(answer=answer, code=code, coder=person)
    Coding.objects.create(answer=answer, code=other, coder=coder, start=0, end=11)
    _archive, root = _root(survey)
    users = {u.get("guid"): u.get("id") for u in root.iter(f"{NS}User")}
    selections = list(root.iter(f"{NS}PlainTextSelection"))
    assert len(selections) == 4  # (span, kari), (span, ola), (whole, kari), (whole, ola)
    spans = sorted((s.get("startPosition"), s.get("endPosition"), users[s.get("creatingUser")],
                    len(s.findall(f"{NS}Coding"))) for s in selections)
    assert spans == [("0", "11", "kari", 2), ("0", "11", "ola", 1), ("0", "22", "kari", 1), ("0", "22", "ola", 1)]
    for selection in selections:
        assert selection.get("creationDateTime")
        assert {c.get("creatingUser") for c in selection.findall(f"{NS}Coding")} == {selection.get("creatingUser")}


@needs_refi
def test_every_note_has_a_creating_user_and_date_and_the_kind_clients_read(survey, coder, admin):
    from coding.board.actions import update_category

    answer = make_answer(make_question(survey, "1"), text="Et svar på fire ord")
    code = Code.objects.create(survey=survey, name="Tid")
    forankring = Category.objects.create(survey=survey, name="Forankring", finding="Gammelt funn")
    Category.objects.create(survey=survey, name="Resultat", finding="Funn uten historikk")
    update_category(forankring, by=admin, version=forankring.version, finding="Forankring i alle ledd")
    Memo.objects.create(author=coder, answer=answer, text="Notat om svaret")
    Memo.objects.create(author=coder, code=code, text="Første notat om koden")
    Memo.objects.create(author=admin, code=code, text="Andre notat om koden")
    archive, root = _root(survey)
    schema("Project-mrt2019.xsd").assertValid(etree.fromstring(archive.read("project.qde")))
    users = {u.get("guid"): u.get("id") for u in root.iter(f"{NS}User")}
    notes = root.findall(f"{NS}Notes/{NS}Note")
    assert len(notes) == 5
    for note in notes:
        assert note.get("creationDateTime") and users.get(note.get("creatingUser")), note.get("name")
    by_name = {note.get("name"): note for note in notes}
    # findings and memos on codes are text notes under names no other note has
    assert set(by_name) == {"Funn – Forankring", "Funn – Resultat", "Notat – Tid", "Notat – Tid (2)",
                            "Notat om svaret"}
    finding = by_name["Funn – Forankring"]
    assert users[finding.get("creatingUser")] == "anne"  # the admin who wrote it, by the category's history
    assert users[by_name["Funn – Resultat"].get("creatingUser")] == "veiledning"  # nobody recorded
    assert archive.read(finding.get("plainTextPath").replace("internal://", "Sources/")).decode() == (
        "Forankring i alle ledd")
    # a memo on an answer: its text in the note, and the span of the answer it annotates
    memo = by_name["Notat om svaret"]
    assert memo.find(f"{NS}PlainTextContent").text == "Notat om svaret"
    span = memo.find(f"{NS}PlainTextSelection")
    assert (span.get("startPosition"), span.get("endPosition")) == ("0", str(len(answer.text)))
    source = root.find(f"{NS}Sources/{NS}TextSource")
    assert [r.get("targetGUID") for r in source.findall(f"{NS}NoteRef")] == [memo.get("guid")]


def test_a_code_that_only_groups_others_is_exported_as_not_codable(survey):
    heading = Code.objects.create(survey=survey, name="Organisering", codable=False)
    Code.objects.create(survey=survey, name="Møter", parent=heading)
    root = DET.fromstring(build_codebook(survey), forbid_dtd=True)
    flags = {c.get("name"): c.get("isCodable") for c in root.iter("{urn:QDA-XML:codebook:1.0}Code")}
    assert flags == {"Organisering": "false", "Møter": "true"}
