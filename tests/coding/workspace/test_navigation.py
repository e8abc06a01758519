"""Next, previous and next-not-coded walk the list the coder came from (its filters, search and
sort), and "Back to the list" leads to that list."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from coding.models import Code, Coding
from tests.conftest import make_answer, make_question, make_respondent


@pytest.fixture
def answers(survey):
    q2, q3 = make_question(survey, "2"), make_question(survey, "3")
    texts = [(q2, "A", "Mange samlinger i år."), (q2, "B", "Lite tid."), (q2, "C", "Samlingen var fin."),
             (q3, "D", "Rektor var med."), (q3, "E", "Vi likte samlingene.")]
    return {key: make_answer(q, make_respondent(survey, key + q.code), text=text) for q, key, text in texts}


def go(client, survey, answer, direction, list_query=""):
    url = reverse("coding:answer_go", args=[survey.slug, answer.pk, direction])
    if list_query:
        url += "?" + urlencode({"list": list_query})
    return client.get(url, headers={"HX-Request": "true"})


def landed(response):
    assert response.status_code == 200, response.status_code
    return int(response.text.split('data-answer-id="', 1)[1].split('"', 1)[0])


def test_next_follows_the_search(client_for, coder, survey, answers):
    client = client_for(coder)
    response = go(client, survey, answers["A"], "next", "q=samling")
    assert landed(response) == answers["C"].pk  # B has no "samling"
    assert "list=q%3Dsamling" in response["HX-Push-Url"]
    assert landed(go(client, survey, answers["C"], "next", "q=samling")) == answers["E"].pk
    assert go(client, survey, answers["E"], "next", "q=samling").status_code == 204  # the end of the list
    assert landed(go(client, survey, answers["C"], "prev", "q=samling")) == answers["A"].pk


def test_next_follows_the_sort(client_for, coder, survey, answers):
    client = client_for(coder)
    # Sorted by response unit, descending: E, D, C, B, A.
    assert landed(go(client, survey, answers["D"], "next", "sort=-respondent")) == answers["C"].pk
    assert landed(go(client, survey, answers["D"], "prev", "sort=-respondent")) == answers["E"].pk


def test_next_not_coded_keeps_its_place_after_coding_under_not_coded_by_me(client_for, coder, survey, answers):
    client = client_for(coder)
    tid = Code.objects.create(survey=survey, name="Tid")
    Coding.objects.create(answer=answers["B"], code=tid, coder=coder)  # now outside "not coded by me"
    Coding.objects.create(answer=answers["C"], code=tid, coder=coder)
    assert landed(go(client, survey, answers["B"], "next", "coded=not_me")) == answers["D"].pk
    assert landed(go(client, survey, answers["B"], "uncoded", "coded=not_me&question=")) == answers["D"].pk
    question = answers["A"].question_id
    assert landed(go(client, survey, answers["C"], "uncoded", f"question={question}")) == answers["A"].pk  # wraps


def test_without_a_list_the_workspace_order_is_kept(client_for, coder, survey, answers):
    assert landed(go(client_for(coder), survey, answers["A"], "next")) == answers["B"].pk


def test_the_list_links_carry_it_and_the_way_back_keeps_it(client_for, coder, survey, answers):
    client = client_for(coder)
    page = client.get(reverse("coding:answers", args=[survey.slug]), {"q": "samling", "sort": "respondent",
                                                                     "page": "1", "evil": "x"}).text
    assert "?list=q%3Dsamling%26sort%3Drespondent" in page
    detail = client.get(reverse("coding:answer", args=[survey.slug, answers["A"].pk]),
                        {"list": "q=samling&sort=respondent&evil=x"}).text
    assert f'href="{reverse("coding:answers", args=[survey.slug])}?q=samling&amp;sort=respondent"' in detail
    assert "Tilbake til listen" in detail
    next_link = detail.split('id="go-next" href="', 1)[1].split('"', 1)[0]
    assert next_link.endswith("?list=q%3Dsamling%26sort%3Drespondent")  # only the list's own keys


def test_a_list_with_bad_filters_is_read_as_no_filter(client_for, coder, survey, answers):
    response = go(client_for(coder), survey, answers["A"], "next", "question=abc&coded=nonsense")
    assert landed(response) == answers["B"].pk
