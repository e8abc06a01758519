"""A survey through a REFI-QDA project and back: every question (graded, choice, matrix heading,
open) and the graded figures come back as `survey_summary` printed them; the respondents'
attributes travel as case variables; another tool's variables and document groups become
respondent attributes, and the import says so."""

import io
import json
import zipfile

import pytest
from django.utils import translation

from coding.dashboards.summary import survey_summary
from coding.models import Category
from coding.refi import RefiError
from coding.refi.export import build_qdpx
from coding.refi.survey_file import split_choices
from coding.refi_import.importing import import_project
from coding.refi_import.reading import read_project
from coding.refi_import.wording import codebook_message, project_facts, project_messages, project_preview
from surveys.models import Answer, Question, RespondentKind, Survey
from tests.coding.refi import REFI

SAMPLE = REFI / "samples" / "TestProject.qdpx"
needs_sample = pytest.mark.skipif(not SAMPLE.is_file(), reason=f"REFI-QDA sample not found at {SAMPLE}")
NS = "{urn:QDA-XML:project:1.0}"


def _without_slug(summary):
    return {key: value for key, value in summary.items() if key != "survey"}


def test_the_demo_comes_back_with_its_33_questions_and_the_same_graded_figures(demo, admin):
    demo.period = "2019–2021"
    demo.respondent_kind = RespondentKind.GROUP
    demo.save()
    before = survey_summary(demo)
    assert len(before["questions"]) == 33

    copy, summary = import_project(build_qdpx(demo), by=admin, slug="kopi")

    after = survey_summary(copy)
    assert len(after["questions"]) == 33
    assert _without_slug(after) == _without_slug(before)  # counts, percent, not applicable, matrices, links
    seven_a = next(q for q in after["questions"] if q["code"] == "7a")
    assert seven_a["not_applicable_labels"] == {"Ikke deltatt": 9}
    assert summary["questions"] == 33
    assert summary["graded_answers"] == Answer.objects.filter(
        question__survey=demo).exclude(question__kind=Question.Kind.OPEN).exclude(
        number__isnull=True, choices=[], not_applicable=False).count()
    assert (copy.period, copy.respondent_kind) == ("2019–2021", RespondentKind.GROUP)
    old, new = (list(s.questions.order_by("order").values_list("code", "kind", "scale_min", "scale_max",
                                                                  "scale_labels", "not_applicable_labels",
                                                                  "options", "parent__code")) for s in (demo, copy))
    assert new == old


def test_graded_answers_are_case_variables_and_not_applicable_ones_are_left_out_of_them(demo):
    archive = zipfile.ZipFile(io.BytesIO(build_qdpx(demo)))
    from lxml import etree

    root = etree.fromstring(archive.read("project.qde"))
    variables = {v.get("guid"): (v.get("name"), v.get("typeOfVariable")) for v in root.iter(f"{NS}Variable")}
    assert variables and ("Spørsmål 7a", "Integer") in variables.values()
    assert ("Spørsmål 1", "Text") in variables.values()  # a multiple choice question
    values = [
        (variables[v.find(f"{NS}VariableRef").get("targetGUID")][0], v[1].tag.removeprefix(NS), v[1].text)
        for v in root.iter(f"{NS}VariableValue")
    ]
    seven_a = [(tag, text) for name, tag, text in values if name == "Spørsmål 7a"]
    assert len(seven_a) == 34 and all(tag == "IntegerValue" and text.isdigit() for tag, text in seven_a)
    survey_file = json.loads(archive.read("veiledning.json"))
    assert sum(1 for item in survey_file["not_applicable"] if item["question"] == "7a") == 9
    assert {item["code"] for item in survey_file["questions"]} >= {"3", "3a", "7a", "16"}


def test_a_damaged_survey_file_is_refused_in_norwegian_and_writes_nothing(survey, admin):
    from tests.conftest import make_answer, make_question

    make_answer(make_question(survey, "1"), text="Et svar")
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(build_qdpx(survey))) as source, zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            target.writestr(name, b'{"format": "veiledning-survey/1", "questions": [{"code": 5}]}'
                            if name == "veiledning.json" else source.read(name))
    before = Survey.objects.count()
    with translation.override("nb"), pytest.raises(RefiError) as raised:
        import_project(buffer.getvalue(), by=admin)
    assert raised.value.message.startswith("Filen veiledning.json i prosjektet er skadet")
    assert Survey.objects.count() == before


def test_choices_joined_by_semicolons_come_apart_by_their_options():
    options = ["Samlinger", "Veiledning; digitalt", "Annet"]
    assert split_choices("Samlinger; Veiledning; digitalt", options) == ["Samlinger", "Veiledning; digitalt"]
    assert split_choices("Veiledning; digitalt", options) == ["Veiledning; digitalt"]
    assert split_choices("Ukjent; Annet", options) == ["Ukjent", "Annet"]
    assert split_choices("", options) == []


@needs_sample
def test_atlas_ti_document_groups_and_variables_become_respondent_attributes(admin):
    survey, summary = import_project(SAMPLE.read_bytes(), by=admin)
    mabel = Answer.objects.get(question__survey=survey, respondent__external_key="Mabel.txt").respondent
    assert mabel.attributes == {"gender": "female", "age": "25", "sett": "Mabel; Text files"}
    assert summary["attributes"] == ["age", "gender", "sett"]
    with translation.override("nb"):
        preview = project_preview(project_facts(read_project(SAMPLE.read_bytes())))
        messages = dict((text, level) for level, text in project_messages(summary))
    assert preview["attributes"] == (
        "Variabler og dokumentgrupper i prosjektet ble egenskaper ved svarenhetene: age, gender, sett.")
    assert preview["facts"] == "Prosjektet inneholder 8 tekster, 1 spørsmål, 14 koder, 5 kategorier."
    assert messages[preview["attributes"]] == "info"


def test_the_summary_speaks_norwegian_with_plural_forms():
    summary = {"answers": 1, "questions": 1, "graded_answers": 0, "respondents": 1, "codes": 2, "codings": 1,
               "categories": 1, "memos": 0, "missing_texts": ["a.txt"], "skipped": {"other_sources": 1},
               "external_coders": [], "attributes": ["kjønn"]}
    with translation.override("nb"):
        texts = [text for _level, text in project_messages(summary)]
        codebook = codebook_message({"codes_new": 1, "codes_matched": 2, "categories_new": 1})
    assert texts[0] == ("Prosjektet er importert som ny undersøkelse: 1 tekst, 1 spørsmål, 1 svarenhet, 2 koder, "
                        "1 koding, 1 kategori, 0 notater.")
    assert texts[2] == "1 tekst manglet i filen og ble importert tom: a.txt"
    assert texts[3].startswith("Ikke importert: 1 bilde-, lyd- eller videokilde og 0 kodinger")
    assert codebook == "Kodeboken er importert: 1 ny kode, 2 koder fantes fra før, 1 ny kategori."


def test_links_of_graded_questions_to_categories_travel_with_the_project(demo, admin):
    copy, _summary = import_project(build_qdpx(demo), by=admin, slug="kopi")
    for category in Category.objects.filter(survey=demo):
        twin = Category.objects.get(survey=copy, name=category.name)
        assert list(twin.questions.order_by("order").values_list("code", flat=True)) == list(
            category.questions.order_by("order").values_list("code", flat=True))
