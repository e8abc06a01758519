"""The answer list and the coding view: roles, htmx vs full page, filters, search, safety."""

import json

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
    memo_url = reverse("coding:answer_memo", args=[survey.slug, answers[0].pk])
    assert client.post(memo_url, {"text": "x"}).status_code == 403
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


def test_list_says_whose_codes_in_words_not_only_in_bold(client_for, coder, co_coder, survey, answers):
    code = Code.objects.create(survey=survey, name="Tid")
    Coding.objects.create(answer=answers[0], code=code, coder=coder)
    Coding.objects.create(answer=answers[0], code=code, coder=co_coder)
    html = client_for(coder).get(list_url(survey)).text
    assert 'class="code-chip mine"' in html and "Tid<span class=\"visually-hidden\"> (kodet av deg)</span>" in html
    assert "Tid<span class=\"visually-hidden\"> (kodet av en annen)</span>" in html
    assert "Koder i fet skrift er dine." in html


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
    html = client.get(list_url(survey, coded="me", code=code.pk)).text
    assert '<option value="me" selected>' in html
    assert f'<option value="{code.pk}" selected>Tid</option>' in html


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


# ----------------------------------------------------------------- coding through the views
def apply(client, on, htmx=True, **data):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(reverse("coding:apply_code", args=[on.slug]), data, headers=headers)


def test_apply_returns_the_codings_fragment_and_tells_the_page(client_for, coder, survey, answers):
    code = Code.objects.create(survey=survey, name="Tid")
    response = apply(client_for(coder), survey, answer=answers[0].pk, code=code.pk)
    assert response.status_code == 200
    assert 'id="codings"' in response.text and "<html" not in response.text
    # The page moves the applied code to key 1 of its recent strip from the event (coding.js).
    event = json.loads(response["HX-Trigger"])["coding-changed"]
    assert event == {"answer": answers[0].pk, "code": {"id": code.pk, "name": "Tid", "colour": code.colour}}
    assert "recent-codes" not in response.text
    assert Coding.objects.get().coder == coder


def test_apply_without_htmx_redirects_back(client_for, coder, survey, answers):
    code = Code.objects.create(survey=survey, name="Tid")
    response = apply(client_for(coder), survey, htmx=False, answer=answers[0].pk, code=code.pk)
    assert response.status_code == 302 and response["Location"] == answer_url(answers[0])


def test_htmx_retry_and_double_click_keep_one_coding(client_for, coder, survey, answers):
    code = Code.objects.create(survey=survey, name="Tid")
    client = client_for(coder)
    for _ in range(3):
        assert apply(client, survey, answer=answers[0].pk, code=code.pk, start=0, end=2).status_code == 200
    assert Coding.objects.count() == 1


def test_inline_new_code_is_created_once(client_for, coder, survey, answers):
    client = client_for(coder)
    apply(client, survey, answer=answers[0].pk, new_code="Ny kode")
    apply(client, survey, answer=answers[1].pk, new_code="ny  KODE")
    assert Code.objects.filter(survey=survey).count() == 1
    assert Coding.objects.count() == 2


def test_a_merged_away_code_gets_a_clear_410(client_for, coder, survey, answers):
    from coding.codebook.actions import merge_codes

    old = Code.objects.create(survey=survey, name="Gammel")
    new = Code.objects.create(survey=survey, name="Ny")
    merge_codes(old, new, by=coder)
    response = apply(client_for(coder), survey, answer=answers[0].pk, code=old.pk)
    assert response.status_code == 410
    assert "finnes ikke lenger" in response.text
    assert "X-Message" in response.headers
    assert not Coding.objects.exists()


@pytest.mark.parametrize("data", [
    {},                                   # no answer, no code
    {"code": "1"},                        # no answer
    {"answer": "x", "code": "1"},
    {"start": "0", "end": "3"},
])
def test_bad_apply_input_is_400(client_for, coder, survey, answers, data):
    response = apply(client_for(coder), survey, **data)
    assert response.status_code == 400
    assert not Coding.objects.exists()


def test_span_outside_the_text_is_400(client_for, coder, survey, answers):
    code = Code.objects.create(survey=survey, name="Tid")
    response = apply(client_for(coder), survey, answer=answers[0].pk, code=code.pk, start=3, end=9999)
    assert response.status_code == 400
    assert not Coding.objects.exists()


def test_mass_assignment_on_apply_is_ignored(client_for, coder, co_coder, survey, answers):
    code = Code.objects.create(survey=survey, name="Tid")
    apply(client_for(coder), survey, answer=answers[0].pk, code=code.pk, coder=co_coder.pk, survey=999)
    assert Coding.objects.get().coder == coder


def test_coder_cannot_remove_another_coders_coding(client_for, coder, co_coder, survey, answers):
    code = Code.objects.create(survey=survey, name="Tid")
    theirs = Coding.objects.create(answer=answers[0], code=code, coder=co_coder)
    client = client_for(coder)
    for coding_id in (theirs.pk, theirs.pk + 1, theirs.pk + 100):
        response = client.post(reverse("coding:remove_coding", args=[survey.slug, coding_id]),
                               headers={"HX-Request": "true"})
        assert response.status_code == 404
    assert Coding.objects.filter(pk=theirs.pk, coder=co_coder, code=code).exists()


def test_coder_removes_own_coding_and_a_retry_succeeds(client_for, coder, survey, answers):
    code = Code.objects.create(survey=survey, name="Tid")
    mine = Coding.objects.create(answer=answers[0], code=code, coder=coder)
    client = client_for(coder)
    remove = reverse("coding:remove_coding", args=[survey.slug, mine.pk])
    assert client.post(remove, headers={"HX-Request": "true"}).status_code == 200
    assert client.post(remove, headers={"HX-Request": "true"}).status_code == 200  # htmx retry
    assert not Coding.objects.exists()


def test_other_layers_are_toggled_and_hidden_in_blind_mode(client_for, coder, co_coder, survey, answers):
    code = Code.objects.create(survey=survey, name="Ola sin kode")
    Coding.objects.create(answer=answers[0], code=code, coder=co_coder)
    client = client_for(coder)
    shown = '<span class="coding-name" hx-disable>Ola sin kode</span>'
    assert shown not in client.get(answer_url(answers[0])).text
    assert shown in client.get(answer_url(answers[0]) + "?others=1").text
    survey.blind_coding = True
    survey.save()
    for page in (answer_url(answers[0]) + "?others=1", list_url(survey)):
        html = client.get(page).text
        assert shown not in html and "Ola sin kode</span>" not in html
    html = client.get(answer_url(answers[0]) + "?others=1", headers={"HX-Request": "true"}).text
    assert shown not in html
    assert client.get(list_url(survey, coded="anyone")).context["table"].paginator.count == 0


def test_memo_is_saved_and_stale_memo_refused(client_for, coder, survey, answers):
    client = client_for(coder)
    memo_url = reverse("coding:answer_memo", args=[survey.slug, answers[0].pk])
    response = client.post(memo_url, {"text": "<b>Usikker</b>"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "&lt;b&gt;Usikker" in response.text
    client.post(memo_url, {"text": "Andre", "version": 1})
    response = client.post(memo_url, {"text": "Fra gammel fane", "version": 1}, headers={"HX-Request": "true"})
    assert response.status_code == 409


def test_history_on_the_answer(client_for, coder, survey, answers):
    code = Code.objects.create(survey=survey, name="Tid")
    client = client_for(coder)
    apply(client, survey, answer=answers[0].pk, code=code.pk)
    html = client.get(reverse("coding:answer_history", args=[survey.slug, answers[0].pk])).text
    assert "Koding lagt til" in html and "Tid" in html and "kari" in html


# ----------------------------------------------------------------- query budgets
@pytest.fixture
def crowded(survey, coder, co_coder, admin):
    """Enough data to expose N+1: 60 answers, 30 codes, codings by three coders."""
    q = make_question(survey, "2")
    graded = make_question(survey, "3", kind=Question.Kind.LIKERT)
    codes = [Code.objects.create(survey=survey, name=f"Kode {i}") for i in range(30)]
    answers = []
    for i in range(60):
        r = make_respondent(survey, f"R{i:03d}", attributes={"fylke": "Viken"})
        answers.append(make_answer(q, r, text=f"Svar nummer {i} om samlinger"))
        make_answer(graded, r, number=4)
    rows = [Coding(answer=a, code=codes[(i + j) % 30], coder=u)
            for i, a in enumerate(answers) for j, u in enumerate([coder, co_coder, admin])]
    Coding.objects.bulk_create(rows)
    return answers


def test_answer_list_query_budget(client_for, coder, survey, crowded, django_assert_max_num_queries):
    client = client_for(coder)
    with django_assert_max_num_queries(19):  # nothing cached: the survey's facts read and shared once
        client.get(list_url(survey))
    with django_assert_max_num_queries(12):
        client.get(list_url(survey, q="samlinger", coded="me", attribute="fylke", value="Viken"),
                   headers={"HX-Request": "true"})


def test_coding_view_query_budget(client_for, coder, survey, crowded, django_assert_max_num_queries):
    client = client_for(coder)
    with django_assert_max_num_queries(14):
        client.get(answer_url(crowded[5]) + "?others=1")
    go = reverse("coding:answer_go", args=[survey.slug, crowded[5].pk, "next"])
    with django_assert_max_num_queries(14):
        client.get(go + "?others=1", headers={"HX-Request": "true"})


@pytest.mark.postgres  # PostgreSQL's one-statement path; SQLite's ORM steps have their own budget below
def test_apply_code_query_budget(client_for, coder, survey, crowded, django_assert_num_queries):
    """The hot path of the workspace: session, user with roles, answer with survey, the one
    statement that locks the code, inserts the coding and writes its audit row, and the
    answer's codings for the fragment."""
    client = client_for(coder)
    code = Code.objects.get(name="Kode 29")
    with django_assert_num_queries(5) as captured:
        response = apply(client, survey, answer=crowded[7].pk, code=code.pk)
    assert response.status_code == 200
    assert "FOR KEY SHARE" in captured.captured_queries[3]["sql"]
    with django_assert_num_queries(5):  # other coders' layers shown too: still one codings query
        response = apply(client, survey, answer=crowded[8].pk, code=code.pk, others="1")
    assert response.status_code == 200 and "Kode 9" in response.text  # the co-coder's


def test_apply_code_query_budget_on_sqlite(client_for, coder, survey, crowded, django_assert_num_queries):
    """The portable path (the embedded default): session, user with roles, answer with survey,
    then in one transaction (BEGIN IMMEDIATE … COMMIT) the code, the coding's insert unless it
    exists and its audit row, then the answer's codings for the fragment."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the SQLite path")
    client = client_for(coder)
    code = Code.objects.get(name="Kode 29")
    with django_assert_num_queries(9) as captured:
        response = apply(client, survey, answer=crowded[7].pk, code=code.pk)
    # (inside the test's own transaction BEGIN and COMMIT are a savepoint and its release)
    assert [q["sql"].split()[0] for q in captured.captured_queries[4:7]] == ["SELECT", "INSERT", "INSERT"]
    assert response.status_code == 200
