"""The answer list at scale: no COUNT(*) of every answer per page, the default order read from
an index, whitespace tested in SQL, the filter form's choices not rescanned on every page."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from coding.models import Code, Coding
from coding.workspace import tables
from surveys.models import Answer, ImportRun
from tests.conftest import make_answer, make_question, make_respondent


def list_url(survey, **params):
    from urllib.parse import urlencode

    url = reverse("coding:answers", args=[survey.slug])
    return f"{url}?{urlencode(params)}" if params else url


def shown(client, survey, **params):
    return [row.record.pk for row in client.get(list_url(survey, **params)).context["table"].paginated_rows]


@pytest.fixture
def many(survey):
    """90 answers to two questions, 45 respondents with an attribute."""
    q1, q2 = make_question(survey, "1", order=1), make_question(survey, "2", order=2)
    respondents = [make_respondent(survey, f"R{i:03d}", attributes={"fylke": "Viken" if i % 2 else "Agder"})
                   for i in range(45)]
    Answer.objects.bulk_create([Answer(question=q, respondent=r, text=f"Svar {q.code}-{i}")
                                for q in (q1, q2) for i, r in enumerate(respondents)])
    return q1, q2


def test_whitespace_of_every_kind_is_no_answer(client_for, coder, survey):
    q = make_question(survey, "1")
    kept = make_answer(q, text="  Et svar\u00a0")
    for blank in ("", "   ", "\t\n", "\u00a0\u3000", "\u2003\r\n"):
        make_answer(q, text=blank)
    assert list(Answer.objects.textual().values_list("pk", flat=True)) == [kept.pk]
    assert shown(client_for(coder), survey) == [kept.pk]


def test_has_text_is_tested_in_sql_not_by_a_python_regex(survey, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        list(Answer.objects.textual())
    sql = captured.captured_queries[0]["sql"].upper()
    assert "REGEXP" not in sql and "~" not in sql and "TRIM(" in sql


def test_unfiltered_list_counts_nothing(client_for, coder, survey, many):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(coder)
    client.get(list_url(survey))  # the survey's facts go into the cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(list_url(survey))
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert all("surveys_answer" not in sql for sql in counts), counts
    assert "90 svar" in response.text
    assert response.context["table"].paginator.num_pages == 4


def test_filtered_count_stops_at_the_cap_and_later_pages_still_open(client_for, coder, survey, many, monkeypatch):
    monkeypatch.setattr(tables, "COUNT_CAP", 30)
    monkeypatch.setattr(tables.AnswerPaginator, "COUNT_CAP", 30)
    client = client_for(coder)
    response = client.get(list_url(survey, coded="not_me"))
    assert "Mer enn 30 svar" in response.text
    assert response.context["table"].paginator.num_pages == 2  # what is known so far
    page3 = client.get(list_url(survey, coded="not_me", page=3))
    assert len(page3.context["table"].page.object_list) == 25
    assert page3.context["table"].page.has_next()  # 90 answers: a fourth page follows
    page4 = client.get(list_url(survey, coded="not_me", page=4))
    assert len(page4.context["table"].page.object_list) == 15 and not page4.context["table"].page.has_next()


def test_filtered_count_below_the_cap_is_exact(client_for, coder, co_coder, survey, many):
    q1, _q2 = many
    code = Code.objects.create(survey=survey, name="Tid")
    for answer in Answer.objects.filter(question=q1)[:7]:
        Coding.objects.create(answer=answer, code=code, coder=co_coder)
    response = client_for(coder).get(list_url(survey, code=code.pk))
    assert "7 svar" in response.text and response.context["table"].paginator.num_pages == 1


def test_default_order_is_questionnaire_order_even_when_questions_were_reordered(client_for, coder, survey):
    late = make_question(survey, "9", order=9)  # created first, asked last
    early = make_question(survey, "1", order=1)
    a_late = make_answer(late, text="Sist")
    a_early = make_answer(early, text="Først")
    a_early2 = make_answer(early, text="Først igjen")
    assert shown(client_for(coder), survey) == [a_early.pk, a_early2.pk, a_late.pk]


def test_default_order_follows_questions_then_import_order(client_for, coder, survey, many):
    q1, q2 = many
    ids = shown(client_for(coder), survey, page=2)
    expected = list(Answer.objects.filter(question__in=[q1, q2]).order_by("question__order", "id")
                    .values_list("pk", flat=True))[25:50]
    assert ids == expected


def test_filter_choices_are_read_once_per_import(client_for, coder, survey, many, django_assert_max_num_queries):
    client = client_for(coder)
    client.get(list_url(survey))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        html = client.get(list_url(survey)).text
    assert not [q for q in captured.captured_queries if "surveys_respondent" in q["sql"]
                and "jsonb_object_keys" in q["sql"] or 'FROM "surveys_respondent"' in q["sql"]]
    assert '<option value="fylke">fylke</option>' in html
    # A finished import brings new respondents' attributes into the choices.
    make_respondent(survey, "NY", attributes={"kommunestørrelse": "liten"})
    ImportRun.objects.create(survey=survey, filename="ny.csv", sha256="x", status=ImportRun.Status.DONE)
    assert '<option value="kommunestørrelse">' in client.get(list_url(survey)).text


@pytest.mark.parametrize("htmx", [False, True])
def test_list_query_budget_does_not_grow_with_rows(client_for, coder, co_coder, survey, many, htmx,
                                                   django_assert_max_num_queries):
    """Session, user, survey, import mark, questions, the page (+ at most a capped count),
    the page's codings; the full page adds the code and category choices."""
    codes = [Code.objects.create(survey=survey, name=f"Kode {i}") for i in range(20)]
    Coding.objects.bulk_create([Coding(answer=a, code=codes[i % 20], coder=u)
                                for i, a in enumerate(Answer.objects.all()) for u in (coder, co_coder)])
    client = client_for(coder)
    headers = {"HX-Request": "true"} if htmx else {}
    client.get(list_url(survey), headers=headers)
    with django_assert_max_num_queries(8 if htmx else 10):
        client.get(list_url(survey), headers=headers)
    with django_assert_max_num_queries(9 if htmx else 11):
        client.get(list_url(survey, coded="anyone", attribute="fylke", value="Viken", page=2), headers=headers)


def test_facts_do_not_leak_between_surveys(client_for, admin, survey, many):
    from surveys.models import Survey

    other = Survey.objects.create(title="Annen", slug="annen")
    q = make_question(other, "1")
    make_answer(q, make_respondent(other, "X", attributes={"rolle": "rektor"}), text="Svar")
    client = client_for(admin)
    assert "90 svar" in client.get(list_url(survey)).text
    assert "1 svar" in client.get(list_url(other)).text
    cache.clear()


def _grow(survey, respondents, codes, coders, start):
    """More respondents with an answer to each of the survey's questions, and codings by every
    coder on every other answer."""
    from coding.models import Category, CategoryCode
    from surveys.models import Question, Respondent

    if not codes:
        codes += [Code.objects.create(survey=survey, name=f"Kode {i}") for i in range(12)]
        category = Category.objects.create(survey=survey, name="Samarbeid", order=1)
        CategoryCode.objects.bulk_create([CategoryCode(category=category, code=c, position=i)
                                          for i, c in enumerate(codes)])
    questions = list(Question.objects.filter(survey=survey))
    new = Respondent.objects.bulk_create([Respondent(survey=survey, external_key=f"V{i:04d}",
                                                     attributes={"fylke": "Viken" if i % 2 else "Agder"})
                                          for i in range(start, start + respondents)])
    answers = Answer.objects.bulk_create([Answer(question=q, respondent=r, text=f"Svar om samarbeid {r.external_key}")
                                          for q in questions for r in new])
    Coding.objects.bulk_create([Coding(answer=a, code=codes[i % len(codes)], coder=u)
                                for i, a in enumerate(answers) if i % 2 for u in coders])


LIST_FILTERS = [{}, {"page": "2"}, {"coded": "anyone"}, {"coded": "me"}, {"coded": "not_me"}, {"coded": "nobody"},
                {"coded": "anyone", "attribute": "fylke", "value": "Viken"}, {"code": "CODE"},
                {"category": "CATEGORY"}, {"unit": "alone", "coded": "anyone", "page": "2"}]


@pytest.mark.parametrize("htmx", [False, True])
def test_list_queries_are_the_same_at_ten_times_the_rows(client_for, coder, co_coder, admin, survey, many, htmx):
    """Every filter of the list costs the same number of queries with 100 answers (15 codings by
    three coders) as with 900 (1,215 codings): nothing is read per row, per coding or per code."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coding.models import Category

    codes = []
    client = client_for(coder)
    headers = {"HX-Request": "true"} if htmx else {}

    def counts():
        out = []
        for params in LIST_FILTERS:
            params = {k: str(codes[0].pk) if v == "CODE" else
                      str(Category.objects.get(survey=survey).pk) if v == "CATEGORY" else v
                      for k, v in params.items()}
            client.get(list_url(survey, **params), headers=headers)  # the survey's facts cached
            with CaptureQueriesContext(connection) as captured:
                response = client.get(list_url(survey, **params), headers=headers)
            assert response.status_code == 200
            out.append(len(captured))
        return out

    _grow(survey, 5, codes, [coder, co_coder, admin], 0)
    few = counts()
    _grow(survey, 400, codes, [coder, co_coder, admin], 5)
    assert Answer.objects.count() == 900 and Coding.objects.count() == 1215
    assert counts() == few
    assert max(few) <= (10 if htmx else 12), list(zip(LIST_FILTERS, few, strict=True))


@pytest.mark.parametrize("sparse", [True, False])
def test_coded_filters_find_the_same_answers_read_as_a_list_or_probed(client_for, coder, co_coder, survey, many,
                                                                     sparse, monkeypatch):
    """A survey with few codings reads its coded answers as a list (`id IN`), one with many
    probes each answer (EXISTS); both find the same answers in the same order."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coding.workspace import queries

    q1, q2 = many
    codes = [Code.objects.create(survey=survey, name=f"Kode {i}") for i in range(3)]
    answers = list(Answer.objects.filter(question__in=[q1, q2]).order_by("question__order", "id"))
    Coding.objects.bulk_create([Coding(answer=a, code=codes[i % 3], coder=coder if i % 3 else co_coder)
                                for i, a in enumerate(answers) if i % 5 == 0])
    monkeypatch.setattr(queries, "SPARSE_CODINGS", 1000 if sparse else 1)
    client = client_for(coder)
    expected = {"anyone": [a.pk for i, a in enumerate(answers) if i % 5 == 0],
                "me": [a.pk for i, a in enumerate(answers) if i % 5 == 0 and i % 3],
                "code": [a.pk for i, a in enumerate(answers) if i % 5 == 0 and i % 3 == 1]}
    for name, params in [("anyone", {"coded": "anyone"}), ("me", {"coded": "me"}), ("code", {"code": codes[1].pk})]:
        with CaptureQueriesContext(connection) as captured:
            found = shown(client, survey, **params)
        page_sql = next(q["sql"] for q in captured.captured_queries if "LIMIT 26" in q["sql"])
        assert ("EXISTS" not in page_sql) is sparse, name
        assert found == expected[name][:25], name


def test_an_import_leaves_the_lists_facts_for_every_web_process(client_for, coder, survey):
    """The import that changes the survey reads the list's facts (the count of answers, the
    filter choices) into the database's shared cache: the first page after it, in a process
    that has nothing in memory, counts nothing and scans no respondent."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from surveys.importing.pipeline import import_bytes

    rows = "\n".join(f"R{i},Bodø,Svar nummer {i} om samarbeid" for i in range(60))
    import_bytes(f"Svar-ID,Kommune,1. Hva fungerer godt?\n{rows}\n".encode(), slug=survey.slug)
    cache.clear()  # another web process: nothing in its memory
    with CaptureQueriesContext(connection) as captured:
        html = client_for(coder).get(list_url(survey)).text
    assert "60 svar" in html and "Bodø" in html
    sql = [q["sql"] for q in captured.captured_queries]
    assert not [q for q in sql if "COUNT(" in q.upper() and "surveys_answer" in q]
    assert not [q for q in sql if 'FROM "surveys_respondent"' in q]
