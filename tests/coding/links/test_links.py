"""Graded questions linked to categories: suggestions, the grid, the category card, the
command, survey_summary, and the dashboard and report showing the links at once."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from coding.links import actions
from coding.links.queries import link_grid
from coding.models import AuditEvent, Category
from surveys.models import Question
from tests.conftest import make_answer, make_question, make_respondent
from veiledning.refusals import Refusal

LIKERT = Question.Kind.LIKERT


@pytest.fixture
def graded(survey):
    """Four graded questions with answers, an open one, and two categories."""
    texts = {
        "2": "I hvilken grad mener dere det er samsvar mellom kommunens forventning og veiledningsarbeidet?",
        "3a": "I hvilken grad har veiledningsarbeidet vært forankret i kommunen – på eiernivå",
        "3b": "I hvilken grad har veiledningsarbeidet vært forankret i kommunen – på ledernivå",
        "5": "I hvilken grad er dere fornøyd med veiledningsarbeidet og samlingene?",
    }
    questions = {code: make_question(survey, code, LIKERT, text=text, order=i)
                 for i, (code, text) in enumerate(texts.items())}
    make_question(survey, "4", text="Utdyp gjerne: hvordan ble arbeidet forankret?", order=10)
    for n, value in enumerate([2, 5, 6, 6]):
        respondent = make_respondent(survey, f"R{n}")
        for question in questions.values():
            make_answer(question, respondent, number=value)
    forankring = Category.objects.create(survey=survey, name="Forankring", order=1,
                                         description="Hvordan kommunegruppa forankrer arbeidet.")
    forventninger = Category.objects.create(survey=survey, name="Forventninger", order=2)
    return questions, forankring, forventninger


def test_suggestions_come_from_the_category_name_and_skip_common_words(graded, survey):
    questions, forankring, forventninger = graded
    grid = link_grid(survey)
    suggested = {(c, q) for c, q in grid.suggested}
    assert suggested == {
        (forankring.id, questions["3a"].id), (forankring.id, questions["3b"].id),
        (forventninger.id, questions["2"].id),
    }
    # "veiledningsarbeidet" is in every question, so it suggests nothing; the open question 4 is never offered.
    assert grid.suggested[(forankring.id, questions["3a"].id)].words == ("forankret",)
    assert [q.code for q in grid.questions] == ["2", "3a", "3b", "5"]


def test_a_linked_pair_is_no_longer_suggested(graded, survey, admin):
    questions, forankring, _f = graded
    actions.link_questions(forankring, [questions["3a"]], by=admin)
    grid = link_grid(survey)
    assert (forankring.id, questions["3a"].id) in grid.linked
    assert (forankring.id, questions["3a"].id) not in grid.suggested


def test_grid_saves_exactly_the_ticked_pairs_with_history(graded, survey, admin, client_for):
    questions, forankring, forventninger = graded
    actions.link_questions(forventninger, [questions["5"]], by=admin)
    client = client_for(admin)
    url = reverse("coding:question_links", args=[survey.slug])
    page = client.get(url)
    assert page.status_code == 200
    assert f'name="link-{forankring.pk}-{questions["3a"].pk}"'.encode() in page.content
    assert b"Forslag" in page.content or b"Suggestion" in page.content
    data = {f"link-{forankring.pk}-{questions['3a'].pk}": "on", f"link-{forventninger.pk}-{questions['2'].pk}": "on"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert set(forankring.questions.values_list("code", flat=True)) == {"3a"}
    assert set(forventninger.questions.values_list("code", flat=True)) == {"2"}  # 5 was unticked
    event = AuditEvent.objects.filter(category=forventninger).first()
    assert event.data["questions_added"] == ["2"] and event.data["questions_removed"] == ["5"]


def test_grid_accepts_the_suggestions_on_request(graded, survey, admin, client_for):
    questions, forankring, forventninger = graded
    client_for(admin).post(reverse("coding:question_links", args=[survey.slug]), {"accept_suggestions": "1"})
    assert list(forankring.questions.order_by("order").values_list("code", flat=True)) == ["3a", "3b"]
    assert list(forventninger.questions.values_list("code", flat=True)) == ["2"]


def test_grid_refuses_a_pair_from_another_survey_and_changes_nothing(graded, survey, admin, client_for):
    questions, forankring, _f = graded
    response = client_for(admin).post(
        reverse("coding:question_links", args=[survey.slug]), {f"link-{forankring.pk}-999999": "on"})
    assert response.status_code == 409
    assert not Category.questions.through.objects.exists()


def test_dashboard_and_report_show_the_linked_questions_at_once(graded, survey, admin, client_for):
    questions, forankring, _f = graded
    client = client_for(admin)
    dashboard = reverse("coding:dashboard", args=[survey.slug, forankring.pk])
    assert questions["3a"].text.encode() not in client.get(dashboard).content  # warms the cache
    client.post(reverse("coding:board_category_questions", args=[survey.slug, forankring.pk]),
                {"questions": [questions["3a"].pk]})
    assert questions["3a"].text.encode() in client.get(dashboard).content
    assert questions["3a"].text.encode() in client.get(reverse("coding:report", args=[survey.slug])).content


def test_category_card_offers_suggestions_and_saves(graded, survey, admin, client_for):
    questions, forankring, _f = graded
    client = client_for(admin)
    card = reverse("coding:board_category", args=[survey.slug, forankring.pk])
    page = client.get(card).content.decode()
    assert f'value="{questions["3a"].pk}"' in page and "forankret" in page
    response = client.post(reverse("coding:board_category_questions", args=[survey.slug, forankring.pk]),
                           {"questions": [questions["5"].pk], "accept_suggestions": "1"})
    assert response.status_code == 302
    assert set(forankring.questions.values_list("code", flat=True)) == {"3a", "3b", "5"}
    history = client.get(card).content.decode()
    assert "3a, 3b, 5" in history


def test_card_without_the_permission_shows_no_link_form(graded, survey, coder, client_for):
    _q, forankring, _f = graded
    page = client_for(coder).get(reverse("coding:board_category", args=[survey.slug, forankring.pk]))
    assert b"board/categories/%d/questions/" % forankring.pk not in page.content


def test_an_open_question_cannot_be_linked(graded, survey, admin):
    _q, forankring, _f = graded
    with pytest.raises(Refusal):
        actions.link_questions(forankring, [survey.questions.get(code="4")], by=admin)
    assert not forankring.questions.exists()


def test_link_questions_command_and_survey_summary(graded, survey):
    _q, forankring, forventninger = graded
    out = StringIO()
    call_command("link_questions", survey.slug, "--category", "forankring", "--questions", "3b,3a", stdout=out)
    assert "now 3a, 3b" in out.getvalue()
    call_command("link_questions", survey.slug, "--category", "Forventninger", "--questions", "2", stdout=StringIO())
    out = StringIO()
    call_command("survey_summary", survey.slug, "--json", stdout=out)
    categories = {c["name"]: c for c in json.loads(out.getvalue())["categories"]}
    assert categories["Forankring"]["questions"] == ["3a", "3b"]
    assert categories["Forventninger"]["questions"] == ["2"]
    assert set(categories["Forankring"]) == {"name", "codes", "answers", "respondents", "questions"}
    call_command("link_questions", survey.slug, "--category", "Forankring", "--questions", "2", "--replace",
                 stdout=StringIO())
    assert list(forankring.questions.values_list("code", flat=True)) == ["2"]


@pytest.mark.parametrize("args, message", [
    (["--category", "Ukjent", "--questions", "2"], "No category"),
    (["--category", "Forankring", "--questions", "2,99"], "No question 99"),
    (["--category", "Forankring", "--questions", "4"], "graded|gradert"),
])
def test_link_questions_command_refuses_clearly(graded, survey, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("link_questions", survey.slug, *args, stdout=StringIO())


def test_category_history_names_fields_in_norwegian_and_column_moves(survey, admin, client_for):
    from django.utils import translation

    from coding.board import actions as board

    first = Category.objects.create(survey=survey, name="Forankring", order=1)
    Category.objects.create(survey=survey, name="Organisering", order=2)
    board.update_category(first, by=admin, version=1, name="Forankring i kommunen", finding="Funn")
    board.move_category(first, by=admin, step=1)
    with translation.override("nb"):
        page = client_for(admin).get(reverse("coding:board_category", args=[survey.slug, first.pk]),
                                     headers={"Accept-Language": "nb"}).content.decode()
    assert "Kategori endret: navn, funn" in page
    assert "kolonnen flyttet til plass 2" in page


def test_archived_categories_are_listed_and_can_be_put_back(survey, admin, client_for):
    from coding.board import actions as board

    category = Category.objects.create(survey=survey, name="Gammel", order=1)
    board.archive_category(category, by=admin)
    client = client_for(admin)
    page = client.get(reverse("coding:board", args=[survey.slug])).content.decode()
    assert 'id="archived-title"' in page and reverse("coding:board_category", args=[survey.slug, category.pk]) in page
    client.post(reverse("coding:board_category_archive", args=[survey.slug, category.pk]), {"archived": "0"})
    category.refresh_from_db()
    assert not category.archived
    assert 'id="archived-title"' not in client.get(reverse("coding:board", args=[survey.slug])).content.decode()
