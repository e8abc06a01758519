"""Wording: the language menu names each language in its own language ("English" is not
"Engelsk" in a Norwegian menu), and counts take the right form ("1 koding", "1 svarenhet",
"1 kodet svar"; never "1 kodinger")."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from coding.models import Code
from coding.suggestions import queries as suggestion_queries
from tests.conftest import make_answer, make_question, make_respondent


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_each_language_is_named_in_its_own_language(client_for, coder, language):
    client = client_for(coder)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    html = client.get(reverse("surveys:list")).content.decode()
    assert '<option value="en" lang="en">English</option>' in html or \
        '<option value="en" selected lang="en">English</option>' in html
    assert ">Norsk bokmål</option>" in html and ">Norsk nynorsk</option>" in html
    assert "Engelsk" not in html


@pytest.fixture
def one_of_each(survey, coder):
    answer = make_answer(make_question(survey, "2"), make_respondent(survey, "Sandnes"), text="Et svar.")
    Code.objects.create(survey=survey, name="Tid")
    return answer


def test_deleting_a_survey_counts_one_unit_and_one_code(client_for, admin, survey, one_of_each):
    text = text_of(client_for(admin).get(reverse("coding:survey_delete", args=[survey.slug])))
    assert "1 svarenhet med svarene sine," in text
    assert "1 kode, og undersøkelsens kategorier" in text


def test_the_report_counts_one_response_unit(client_for, reviewer, survey, one_of_each):
    text = text_of(client_for(reviewer).get(reverse("coding:report", args=[survey.slug])))
    assert "1 svarenhet · kodinger fra" in text


def test_too_little_coding_counts_one_coded_answer():
    class Result:
        coded_answers = 1

        def usable_codes(self):
            return []

    with translation.override("nb"):
        assert "1 kodet svar, minst" in suggestion_queries.status_message(Result())
        Result.coded_answers = 2
        assert "2 kodede svar, minst" in suggestion_queries.status_message(Result())
