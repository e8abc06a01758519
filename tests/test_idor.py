"""Objects of another survey through this survey's address: every route that names an object
(answer, code, category, theme, quote, sample, question, coding) answers "not found" when the
object belongs to another survey, even to an admin who may open both, and changes nothing.
A coder's own codings, memos and batches are theirs alone: another coder's id is not found.
"""

import pytest
from django.urls import reverse

from coding.models import AgreementSample, Category, CategoryCode, Code, Coding, Quote, Theme
from surveys.models import Question, Survey
from tests import test_access_matrix as matrix
from tests.conftest import make_answer, make_question, make_respondent

world = matrix.world  # the access matrix's survey with one of everything
OBJECT_PARAMS = {"answer_id", "code_id", "category_id", "theme_id", "quote_id", "sample_id", "question_id",
                 "coding_id"}
ROUTES = sorted(name for name, pattern in matrix.ROUTES.items()
                if "slug" in pattern.pattern.converters and OBJECT_PARAMS & set(pattern.pattern.converters))


@pytest.fixture
def elsewhere(world):
    """One of everything again, in a second survey."""
    other = Survey.objects.create(title="En annen undersøkelse", slug="annen")
    question = make_question(other, "1")
    make_question(other, "2", Question.Kind.LIKERT)
    answer = make_answer(question, make_respondent(other, "R9"), text="Et svar i en annen undersøkelse")
    code = Code.objects.create(survey=other, name="Annen kode")
    category = Category.objects.create(survey=other, name="Annen kategori")
    CategoryCode.objects.create(category=category, code=code)
    theme = Theme.objects.create(survey=other, name="Annet tema")
    coding = Coding.objects.create(answer=answer, code=code, coder=world["personas"]["admin"])
    quote = Quote.objects.create(category=category, answer=answer, starred_by=world["personas"]["admin"])
    sample = AgreementSample.objects.create(survey=other, name="Annet utvalg", seed=2)
    return {"answer_id": answer.pk, "code_id": code.pk, "category_id": category.pk, "theme_id": theme.pk,
            "quote_id": quote.pk, "sample_id": sample.pk, "question_id": question.pk, "coding_id": coding.pk}


def _url(name, world, foreign):
    pattern = matrix.ROUTES[name]
    kwargs = {}
    for param in pattern.pattern.converters:
        if param in foreign:
            kwargs[param] = foreign[param]
        else:
            value = {**matrix.PARAMS, **matrix.OVERRIDES.get(name, {})}[param]
            kwargs[param] = value(world, "admin") if callable(value) else value
    return reverse(name, kwargs=kwargs)


def test_the_probe_covers_every_route_that_names_an_object():
    assert len(ROUTES) >= 25, ROUTES


@pytest.mark.parametrize("name", ROUTES)
def test_an_object_of_another_survey_is_not_found_and_nothing_changes(name, world, elsewhere, client):
    client.force_login(world["personas"]["admin"])
    url = _url(name, world, elsewhere)
    rule = matrix.ACCESS_MATRIX[name]
    before = matrix.row_counts()
    for method in rule:
        for htmx in (False, True):
            headers = {"HX-Request": "true"} if htmx else {}
            response = getattr(client, method.lower())(url, headers=headers)
            assert response.status_code == 404, f"{method} {url}{' (htmx)' if htmx else ''}: {response.status_code}"
    assert matrix.row_counts() == before, f"{name} changed the database"


def test_ids_tried_one_by_one_find_only_the_coders_own_codings(world, client):
    """A coder walks coding ids upwards: another coder's coding, in the same answer, is not found."""
    coder = world["personas"]["coder"]
    client.force_login(coder)
    survey = world["survey"]
    ids = list(Coding.objects.values_list("pk", flat=True))
    before = matrix.row_counts()
    for coding_id in range(min(ids) - 2, max(ids) + 3):
        own = Coding.objects.filter(pk=coding_id, coder=coder).exists()
        if own:
            continue
        response = client.post(reverse("coding:remove_coding", args=[survey.slug, coding_id]),
                               headers={"HX-Request": "true"})
        assert response.status_code == 404, coding_id
    assert matrix.row_counts() == before
