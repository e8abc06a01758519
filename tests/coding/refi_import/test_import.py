"""REFI-QDA import: the round trip of the demo (H4), a real ATLAS.ti export, codebooks, commands."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from coding.models import AuditEvent, Category, CategoryCode, Code, Coding, Memo
from coding.refi import RefiError
from coding.refi.export import build_codebook, build_qdpx
from coding.refi_import.importing import import_codebook, import_project, preview_codebook, project_users
from surveys.models import Answer, Respondent, Survey
from tests.coding.refi import REFI
from tests.conftest import make_answer, make_question

SAMPLE = REFI / "samples" / "TestProject.qdpx"
needs_sample = pytest.mark.skipif(
    not SAMPLE.is_file(), reason=f"REFI-QDA sample not found at {SAMPLE} (../shared/refi)"
)


def dump(survey):
    """Everything the round trip must keep, by natural keys, as sorted sets."""
    answers = Answer.objects.textual().filter(question__survey=survey)
    return {
        "respondents": sorted(
            (
                r.external_key,
                r.municipality.name if r.municipality else None,
                r.group.name if r.group else None,
                sorted(r.attributes.items()),
            )
            for r in Respondent.objects.filter(survey=survey).select_related("municipality", "group")
        ),
        "answers": sorted(
            (a.respondent.external_key, a.question.code, a.question.text, a.text)
            for a in answers.select_related("respondent", "question")
        ),
        "codes": sorted(
            (c.name, c.description, c.colour, c.parent.name if c.parent else None)
            for c in Code.objects.filter(survey=survey).select_related("parent")
        ),
        "codings": sorted(
            (
                c.answer.respondent.external_key,
                c.answer.question.code,
                c.answer.text,
                c.code.name,
                c.coder.username,
                c.start if c.start is not None else -1,
                c.end if c.end is not None else -1,
            )
            for c in Coding.objects.for_survey(survey).select_related(
                "answer__respondent", "answer__question", "code", "coder"
            )
        ),
        "categories": sorted(
            (c.name, c.description, c.finding, tuple(sorted(c.codes.values_list("name", flat=True))))
            for c in Category.objects.filter(survey=survey)
        ),
        "memos": sorted(
            (
                m.author.username,
                m.text,
                m.answer.respondent.external_key + "/" + m.answer.question.code if m.answer_id else None,
                m.code.name if m.code_id else None,
                m.category.name if m.category_id else None,
            )
            for m in (
                Memo.objects.filter(answer__question__survey=survey)
                | Memo.objects.filter(code__survey=survey)
                | Memo.objects.filter(category__survey=survey)
            ).select_related("author", "answer__respondent", "answer__question", "code", "category")
        ),
    }


def test_round_trip_of_the_demo_is_identical(demo, admin):
    """H4: export → import into a new survey → the same answers, codes, codings, categories, memos."""
    coder = get_user_model().objects.get(username="kari")
    answer = Answer.objects.textual().filter(question__survey=demo).order_by("id")[5]
    answer.text = "Første linje & <b>fet</b> ]]> 🎻\x07\nandre linje\ttab"
    answer.save()
    code = Code.objects.filter(survey=demo, parent__isnull=False).first()
    Coding.objects.create(answer=answer, code=code, coder=coder, start=14, end=31)  # emoji inside the span
    Coding.objects.create(answer=answer, code=code, coder=coder, start=0, end=len(answer.text))  # a full span
    Coding.objects.get_or_create(answer=answer, code=code, coder=coder, start=None, end=None)  # and the whole answer
    Memo.objects.create(author=coder, code=code, text="Notat om koden & <ting>")
    Memo.objects.create(author=coder, category=Category.objects.filter(survey=demo).first(), text="Kategorinotat 🎻")
    before = dump(demo)

    data = build_qdpx(demo)
    users = {u["guid"]: u["suggested"] for u in project_users(data)}  # as the preview offers them
    copy, summary = import_project(data, by=admin, slug="kopi", users=users)

    assert summary["missing_texts"] == []
    assert summary["external_coders"] == []
    after = dump(copy)
    for key in before:
        assert after[key] == before[key], key
    assert len(after["codings"]) == Coding.objects.for_survey(demo).count()
    assert AuditEvent.objects.filter(survey=copy, action=AuditEvent.Action.IMPORTED).count() == 1


def test_external_coders_become_inactive_users_without_role(survey, coder, admin):
    answer = make_answer(make_question(survey, "1"), text="Et svar")
    code = Code.objects.create(survey=survey, name="k")
    Coding.objects.create(answer=answer, code=code, coder=coder)
    data = build_qdpx(survey)
    coder.username = "kari-gammel"
    coder.first_name = ""
    coder.save()
    copy, summary = import_project(data, by=admin)
    [external] = summary["external_coders"]
    user = get_user_model().objects.get(username=external)
    assert not user.is_active and not user.has_usable_password() and not user.groups.exists()
    assert Coding.objects.for_survey(copy).get().coder == user


@needs_sample
def test_atlas_ti_sample_imports_codes_sets_selections_and_reports_missing_texts(admin):
    survey, summary = import_project(SAMPLE.read_bytes(), by=admin)
    assert survey.title == "ATLAS.ti standard project"
    # 14 codes; "Coke::diet Coke" and "Coke::full-fat Coke" become children of "Coke"
    assert Code.objects.filter(survey=survey).count() == 14
    assert sorted(Code.objects.filter(survey=survey, parent__name="Coke").values_list("name", flat=True)) == [
        "diet Coke",
        "full-fat Coke",
    ]
    assert Code.objects.get(survey=survey, name="cornflakes").description == "breakfast cereal made by Kellogg’s"
    assert Code.objects.get(survey=survey, name="milk").colour == "#4c72b0"  # no colour in the file
    # 16 sets: 5 of codes (one empty) become categories, 11 of sources become the attribute "sett"
    assert sorted(Category.objects.filter(survey=survey).values_list("name", flat=True)) == [
        "<3",
        "Breakfast food",
        "Feelings",
        "negative feelings",
        "positive feelings",
    ]
    assert CategoryCode.objects.filter(category__survey=survey).count() == 19
    # 6 text sources + 2 PDF text representations, all without text: 8 answers, 8 missing texts
    assert summary["answers"] == 8 and len(summary["missing_texts"]) == 8
    assert "Mabel.txt" in summary["missing_texts"]
    assert summary["selections"] == 8
    # 16 codings in the file: 9 on text selections imported; 3 on picture/video, 4 on PDF regions skipped
    assert Coding.objects.for_survey(survey).count() == summary["codings"] == 9
    assert summary["skipped"]["other_codings"] == 3 and summary["skipped"]["pdf_codings"] == 4
    mabel = Answer.objects.get(question__survey=survey, respondent__external_key="Mabel.txt")
    assert sorted(mabel.codings.values_list("code__name", "start", "end")) == [
        ("bacon and eggs", 0, 410),
        ("cornflakes", 0, 410),
        ("happiness", 0, 410),
    ]
    assert {c.coder.get_full_name() for c in Coding.objects.for_survey(survey)} == {"Friedrich Markgraf"}
    # selection descriptions become memos; the two project notes point at nothing imported
    assert Memo.objects.filter(answer__question__survey=survey).count() == 2
    assert "Research Plan" in survey.description
    # ATLAS.ti writes document variables as groups "gender: female": they become attributes
    assert mabel.respondent.attributes == {"gender": "female", "age": "25", "sett": "Mabel; Text files"}


def _qdc(codes, sets="", ns="urn:QDA-XML:codebook:1.0"):
    return (
        f'<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="{ns}"><Codes>{codes}</Codes>{sets}</CodeBook>'
    ).encode()


CODES = (
    '<Code guid="{11111111-1111-1111-1111-111111111111}" name="Forankring" isCodable="true" color="#abc">'
    "<Description>Om forankring</Description>"
    '<Code guid="22222222-2222-2222-2222-222222222222" name="Politisk" isCodable="true" color="#112233"/></Code>'
    '<Code guid="33333333-3333-3333-3333-333333333333" name="ny kode" isCodable="false"/>'
)
SETS = (
    '<Sets><Set guid="44444444-4444-4444-4444-444444444444" name="Ramme">'
    '<MemberCode guid="22222222-2222-2222-2222-222222222222"/>'
    '<MemberCode guid="33333333-3333-3333-3333-333333333333"/></Set></Sets>'
)


def test_codebook_preview_matches_existing_codes_by_name_ignoring_case(survey):
    Code.objects.create(survey=survey, name="NY KODE")
    plan = preview_codebook(survey, _qdc(CODES, SETS))
    assert [r["name"] for r in plan.new_codes] == ["Forankring", "Politisk"]
    assert [r["name"] for r in plan.matched_codes] == ["NY KODE"]
    assert Code.objects.filter(survey=survey).count() == 1  # a preview writes nothing


def test_codebook_import_keeps_hierarchy_colours_and_sets(survey, admin):
    summary = import_codebook(survey, _qdc(CODES, SETS), by=admin)
    assert summary["codes_new"] == 3 and summary["categories_new"] == 1
    child = Code.objects.get(survey=survey, name="Politisk")
    assert child.parent.name == "Forankring" and child.colour == "#112233"
    assert child.parent.colour == "#aabbcc" and child.parent.description == "Om forankring"
    assert sorted(Category.objects.get(survey=survey, name="Ramme").codes.values_list("name", flat=True)) == [
        "Politisk",
        "ny kode",
    ]
    again = import_codebook(survey, _qdc(CODES, SETS), by=admin)
    assert again["codes_new"] == 0 and again["codes_matched"] == 3 and again["placements"] == 0


def test_own_codebook_round_trips(demo, survey, admin):
    import_codebook(survey, build_codebook(demo), by=admin)
    assert dump(survey)["codes"] == dump(demo)["codes"]
    without_finding = [(name, description, codes) for name, description, _finding, codes in dump(demo)["categories"]]
    assert [(n, d, c) for n, d, _f, c in dump(survey)["categories"]] == without_finding


def test_broken_xml_is_refused_with_a_norwegian_message_naming_the_place(survey, admin):
    from django.utils import translation

    with translation.override("nb"), pytest.raises(RefiError) as raised:
        import_codebook(survey, b'<?xml version="1.0"?>\n<CodeBook>\n  <Codes></Code>\n</CodeBook>', by=admin)
    assert raised.value.message == (
        "Filen er ikke gyldig XML (feilen er på linje 3, kolonne 12), så den kan ikke leses. "
        "Eksporter den på nytt fra programmet som laget den.")
    with translation.override("nb"), pytest.raises(RefiError) as raised:
        import_project(_zip({"project.qde": PROJECT[:200]}), by=admin)
    assert raised.value.message.startswith("Filen er ikke gyldig XML (feilen er på linje 1")


def test_older_codebook_namespace_is_read(survey, admin):
    import_codebook(survey, _qdc(CODES, ns="urn:QDA-XML:codebook:0.9"), by=admin)
    assert Code.objects.filter(survey=survey).count() == 3


@pytest.mark.parametrize(
    "data, code",
    [
        (_qdc(CODES, ns="http://example.com/other"), "namespace"),
        (b"<html><body/></html>", "not_codebook"),
        (_qdc(""), "no_codes"),
        (b"not xml at all <", "xml"),
    ],
)
def test_bad_codebooks_are_refused_and_write_nothing(survey, admin, data, code):
    with pytest.raises(RefiError) as raised:
        import_codebook(survey, data, by=admin)
    assert raised.value.code == code and raised.value.message
    assert not Code.objects.filter(survey=survey).exists()


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PROJECT = (
    '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Fremmed">'
    '<Users><User guid="aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa" name="Kari Koder"/></Users>'
    '<CodeBook><Codes><Code guid="bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb" name="k" isCodable="true"/></Codes></CodeBook>'
    '<Sources><TextSource guid="CCCCCCCC-CCCC-CCCC-CCCC-CCCCCCCCCCCC" name="Intervju" plainTextPath="internal://t.txt">'
    '<PlainTextSelection guid="dddddddd-dddd-dddd-dddd-dddddddddddd" startPosition="7" endPosition="13">'
    '<Coding guid="eeeeeeee-eeee-eeee-eeee-eeeeeeeeeeee" creatingUser="AAAAAAAA-AAAA-AAAA-AAAA-AAAAAAAAAAAA">'
    '<CodeRef targetGUID="BBBBBBBB-BBBB-BBBB-BBBB-BBBBBBBBBBBB"/></Coding></PlainTextSelection></TextSource></Sources>'
    "</Project>"
)


def test_foreign_project_with_crlf_text_any_qde_name_and_lowercase_guids(admin):
    """Positions count code points in the text as stored (CRLF = 2); they move with the normalisation."""
    from tests.conftest import make_user

    coder = make_user("kari", "coder", first_name="Kari", last_name="Koder")
    data = _zip({"Fremmed prosjekt.QDE": PROJECT, "sources/T.TXT": "Hei\r\n\r\nverden 🎻".encode()})
    survey, summary = import_project(data, by=admin, users={"aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa": coder})
    answer = Answer.objects.get(question__survey=survey)
    assert answer.question.text == "Tekst" and answer.text == "Hei\n\nverden 🎻"
    coding = Coding.objects.for_survey(survey).get()
    assert coding.coder == coder and answer.text[coding.start : coding.end] == "verden"
    assert summary["missing_texts"] == []


def test_import_qdpx_command_prints_a_summary(tmp_path, demo, capsys):
    path = tmp_path / "demo.qdpx"
    call_command("export_qdpx", demo.slug, str(path))
    call_command("import_qdpx", str(path), "--survey", "kopi")
    out = capsys.readouterr().out
    assert "kopi" in out and "380 texts" in out and "33 questions" in out
    assert Survey.objects.filter(slug="kopi").exists()


def test_qdc_commands(tmp_path, demo, survey, capsys):
    path = tmp_path / "kodebok.qdc"
    call_command("export_qdc", demo.slug, str(path))
    call_command("import_qdc", str(path), "--survey", survey.slug)
    assert Code.objects.filter(survey=survey).count() == demo.codes.count()
    assert "new codes" in capsys.readouterr().out


@needs_sample
def test_import_qdpx_command_lists_missing_texts(db, capsys):
    call_command("import_qdpx", str(SAMPLE), "--survey", "atlas")
    out = capsys.readouterr().out
    assert "8 texts missing" in out and "Mabel.txt" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["import_qdpx", "/nonexistent.qdpx", "--survey", "x"],
        ["import_qdc", "/nonexistent.qdc", "--survey", "test"],
        ["export_qdpx", "no-such-survey", "/tmp/x.qdpx"],
        ["export_qdc", "no-such-survey", "/tmp/x.qdc"],
    ],
)
def test_commands_exit_non_zero_on_error(survey, argv, capsys):
    from django.core.management import load_command_class

    command = load_command_class("coding", argv[0])
    with pytest.raises(SystemExit) as raised:
        command.run_from_argv(["manage.py", *argv])
    assert raised.value.code != 0
    assert capsys.readouterr().err.strip()


def test_import_qdpx_command_refuses_an_existing_slug_and_writes_nothing(tmp_path, survey):
    path = tmp_path / "x.qdpx"
    path.write_bytes(_zip({"project.qde": PROJECT}))
    before = Survey.objects.count()
    with pytest.raises(CommandError):
        call_command("import_qdpx", str(path), "--survey", survey.slug)
    assert Survey.objects.count() == before


def test_import_writes_in_bulk(demo, admin, django_assert_max_num_queries):
    """Queries grow with questions, groups and categories, not with answers, codings or codes."""
    data = build_qdpx(demo)
    with django_assert_max_num_queries(110):
        import_project(data, by=admin)
