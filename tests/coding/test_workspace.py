"""The answer list and the coding view: roles, htmx vs full page, filters, search, safety."""

import pytest
from django.urls import reverse

from coding.models import Code, Coding
from surveys.models import Question
from tests.conftest import make_answer, make_question, make_respondent

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    '<div hx-get="/admin/users/" hx-trigger="load">x</div>',
]


@pytest.fixture
def answers(survey):
    q = make_question(survey, "2", text="Hva forventet dere?")
    graded = make_question(survey, "3", kind=Question.Kind.LIKERT, scale_labels={"5": "I stor grad"})
    r1 = make_respondent(survey, "R1", attributes={"fylke": "Viken"})
    r2 = make_respondent(survey, "R2", attributes={"fylke": "Nordland"})
    a1 = make_answer(q, r1, text="Vi hadde mange samlinger med veilederne.")
    a2 = make_answer(q, r2, text="Lite tid til oppfølging mellom møtene.")
    make_answer(graded, r1, number=5)
    make_answer(q, make_respondent(survey, "R3"), text="   ")  # empty: not in the workspace
    return [a1, a2]


def list_url(survey, **params):
    from urllib.parse import urlencode

    url = reverse("coding:answers", args=[survey.slug])
    return f"{url}?{urlencode(params)}" if params else url


def answer_url(answer):
    return reverse("coding:answer", args=[answer.question.survey.slug, answer.pk])


# ----------------------------------------------------------------- roles
def test_anonymous_is_sent_to_login(client, survey, answers):
    for url in (list_url(survey), answer_url(answers[0]), reverse("coding:codebook", args=[survey.slug])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_outsider_gets_404(client_for, outsider, survey, answers):
    client = client_for(outsider)
    assert client.get(list_url(survey)).status_code == 404
    assert client.get(answer_url(answers[0])).status_code == 404
    response = client.post(reverse("coding:apply_code", args=[survey.slug]), {"answer": answers[0].pk, "new_code": "x"})
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["admin", "coder", "reviewer"])
def test_every_role_reads_the_list_and_the_answer(request, client_for, persona, survey, answers):
    client = client_for(request.getfixturevalue(persona))
    response = client.get(list_url(survey))
    assert response.status_code == 200
    assert "Vi hadde mange samlinger" in response.text
    assert "   " not in [a.text for a in response.context["table"].data]
    response = client.get(answer_url(answers[0]))
    assert response.status_code == 200
    assert "Hva forventet dere?" in response.text


def test_reviewer_sees_no_picker_and_cannot_write(client_for, reviewer, coder, survey, answers):
    code = Code.objects.create(survey=survey, name="Tid")
    coding = Coding.objects.create(answer=answers[0], code=code, coder=coder)
    client = client_for(reviewer)
    assert 'id="apply-form"' not in client.get(answer_url(answers[0])).text
    url = reverse("coding:apply_code", args=[survey.slug])
    assert client.post(url, {"answer": answers[0].pk, "code": code.pk}).status_code == 403
    assert client.post(reverse("coding:remove_coding", args=[survey.slug, coding.pk])).status_code == 403
    assert client.post(reverse("coding:answer_memo", args=[survey.slug, answers[0].pk]), {"text": "x"}).status_code == 403
    assert Coding.objects.count() == 1


def test_mutating_views_refuse_get(client_for, coder, survey, answers):
    client = client_for(coder)
    assert client.get(reverse("coding:apply_code", args=[survey.slug])).status_code == 405
    assert client.get(reverse("coding:remove_coding", args=[survey.slug, 1])).status_code == 405


def test_answer_of_another_survey_is_404(client_for, coder, survey, answers):
    from surveys.models import Survey

    other = Survey.objects.create(title="Annen", slug="annen")
    assert client_for(coder).get(reverse("coding:answer", args=[other.slug, answers[0].pk])).status_code == 404


# ----------------------------------------------------------------- htmx vs full page
def test_list_htmx_request_gets_only_the_results(client_for, coder, survey, answers):
    client = client_for(coder)
    full = client.get(list_url(survey))
    assert "<html" in full.text and 'data-table-region' in full.text
    part = client.get(list_url(survey), headers={"HX-Request": "true"})
    assert "<html" not in part.text
    assert 'id="answer-results"' in part.text
    assert 'hx-push-url="true"' in part.text or part.context["table"].paginator.num_pages == 1


def test_answer_htmx_request_gets_the_answer_region(client_for, coder, survey, answers):
    part = client_for(coder).get(answer_url(answers[0]), headers={"HX-Request": "true"})
    assert "<html" not in part.text
    assert 'id="answer-region"' in part.text


def test_coding_view_shows_context_and_graded_values(client_for, coder, survey, answers):
    html = client_for(coder).get(answer_url(answers[0])).text
    assert "R1" in html  # the response unit
    assert "<strong>5</strong> – I stor grad" in html
    assert 'hx-disable' in html


def test_next_and_previous(client_for, coder, survey, answers):
    client = client_for(coder)
    url = reverse("coding:answer_go", args=[survey.slug, answers[0].pk, "next"])
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert f'data-answer-id="{answers[1].pk}"' in response.text
    assert response["HX-Push-Url"] == answer_url(answers[1])
    assert client.get(url).status_code == 302
    back = client.get(reverse("coding:answer_go", args=[survey.slug, answers[1].pk, "prev"]),
                      headers={"HX-Request": "true"})
    assert f'data-answer-id="{answers[0].pk}"' in back.text
    end = client.get(reverse("coding:answer_go", args=[survey.slug, answers[1].pk, "next"]),
                     headers={"HX-Request": "true"})
    assert end.status_code == 204
    assert client.get(reverse("coding:answer_go", args=[survey.slug, answers[1].pk, "sideways"])).status_code == 404


def test_next_not_coded_by_me_skips_my_codings(client_for, coder, co_coder, survey, answers):
    q = answers[0].question
    third = make_answer(q, text="Et tredje svar.")
    code = Code.objects.create(survey=survey, name="Tid")
    Coding.objects.create(answer=answers[1], code=code, coder=coder)
    Coding.objects.create(answer=third, code=code, coder=co_coder)
    response = client_for(coder).get(reverse("coding:answer_go", args=[survey.slug, answers[0].pk, "uncoded"]),
                                     headers={"HX-Request": "true"})
    assert f'data-answer-id="{third.pk}"' in response.text


def test_progress_counts_mine_and_anyones(client_for, coder, co_coder, survey, answers):
    code = Code.objects.create(survey=survey, name="Tid")
    Coding.objects.create(answer=answers[0], code=code, coder=coder)
    Coding.objects.create(answer=answers[1], code=code, coder=co_coder)
    html = client_for(coder).get(reverse("coding:progress", args=[survey.slug])).text
    assert "Kodet 1 av 2 av deg, 2 av noen" in " ".join(html.split())


# ----------------------------------------------------------------- filters and search
def test_filters(client_for, coder, co_coder, survey, answers):
    code = Code.objects.create(survey=survey, name="Tid")
    Coding.objects.create(answer=answers[1], code=code, coder=co_coder)
    client = client_for(coder)

    def shown(**params):
        return [a.pk for a in client.get(list_url(survey, **params)).context["table"].data]

    assert shown(attribute="fylke", value="Viken") == [answers[0].pk]
    assert shown(coded="anyone") == [answers[1].pk]
    assert shown(coded="not_me") == [answers[0].pk, answers[1].pk]
    assert shown(coded="me") == []
    assert shown(code=code.pk) == [answers[1].pk]
    assert shown(unit="alone") == [answers[0].pk, answers[1].pk]


def test_filter_refuses_lookups_from_user_keys(client_for, coder, survey, answers):
    client = client_for(coder)
    for params in ({"attribute": "coder__password__startswith", "value": "pbkdf2"},
                   {"filter": "respondent__survey__slug=test"}, {"question": "1 OR 1=1"}, {"coded": "__all__"}):
        response = client.get(list_url(survey, **params))
        assert response.status_code == 200
        assert len(response.context["table"].data) == 2  # the bad filter is ignored


@pytest.mark.parametrize("term", ["' OR 1=1--", "%", "_", "\\"])
def test_search_treats_input_literally(client_for, coder, survey, answers, term):
    response = client_for(coder).get(list_url(survey, q=term))
    assert response.status_code == 200
    assert len(response.context["table"].data) == 0


def test_search_highlights_matches(client_for, coder, survey, answers):
    html = client_for(coder).get(list_url(survey, q="samlinger")).text
    assert "<mark>samlinger</mark>" in html
    assert "Lite tid" not in html


@pytest.mark.postgres
def test_norwegian_search_finds_other_forms_of_a_word(client_for, coder, survey, answers):
    make_answer(answers[0].question, text="Den første samlingen var best.")
    response = client_for(coder).get(list_url(survey, q="samling"))
    texts = [a.text for a in response.context["table"].data]
    assert "Vi hadde mange samlinger med veilederne." in texts
    assert "Den første samlingen var best." in texts
    response = client_for(coder).get(list_url(survey, q="samlinger"))
    assert len(response.context["table"].data) == 2
    assert "<mark>" in response.text


# ----------------------------------------------------------------- XSS
@pytest.mark.parametrize("payload", XSS)
def test_payloads_in_answers_and_code_names_are_inert(client_for, coder, survey, payload):
    q = make_question(survey, "9")
    answer = make_answer(q, text=f"Før {payload} samlingen")
    code = Code.objects.create(survey=survey, name=f"Kode {payload}")
    Coding.objects.create(answer=answer, code=code, coder=coder, start=4, end=4 + len(payload))
    client = client_for(coder)
    pages = [
        client.get(answer_url(answer)).text,
        client.get(answer_url(answer), headers={"HX-Request": "true"}).text,
        client.get(list_url(survey)).text,
        client.get(list_url(survey, q="samlingen"), headers={"HX-Request": "true"}).text,
        client.get(reverse("coding:codebook", args=[survey.slug])).text,
        client.get(reverse("coding:code", args=[survey.slug, code.pk])).text,
        client.post(reverse("coding:apply_code", args=[survey.slug]), {"answer": answer.pk, "code": code.pk},
                    headers={"HX-Request": "true"}).text,
    ]
    escaped = payload.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    for number, html in enumerate(pages):
        if "<" in payload:
            assert payload not in html, number
            assert escaped in html, (number, html[:3000])
    assert "&lt;" in pages[0] or "<" not in payload
