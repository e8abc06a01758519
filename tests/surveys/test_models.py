"""Invariants that the database itself keeps, not only forms."""

import pytest
from django.db import IntegrityError, transaction

from coding.models import Code, Coding, Memo
from surveys.models import Answer, Municipality, Question
from tests.conftest import make_answer, make_question, make_respondent


def raises_integrity(fn):
    with pytest.raises(IntegrityError), transaction.atomic():
        fn()


def test_one_answer_per_respondent_and_question(survey):
    question = make_question(survey, "1")
    respondent = make_respondent(survey, "R1")
    Answer.objects.create(question=question, respondent=respondent, text="a")
    raises_integrity(lambda: Answer.objects.create(question=question, respondent=respondent, text="b"))


def test_question_code_unique_per_survey(survey):
    make_question(survey, "2")
    raises_integrity(lambda: make_question(survey, "2"))


def test_scale_bounds_must_be_ordered(survey):
    raises_integrity(lambda: make_question(survey, "2", Question.Kind.LIKERT, scale_min=6, scale_max=1))


def test_code_names_unique_per_survey_ignoring_case(survey):
    Code.objects.create(survey=survey, name="Eierforankring")
    raises_integrity(lambda: Code.objects.create(survey=survey, name="eierforankring"))


def test_one_whole_answer_coding_per_answer_code_and_coder(survey, coder):
    answer = make_answer(make_question(survey, "1"), text="Godt samarbeid")
    code = Code.objects.create(survey=survey, name="Samarbeid")
    Coding.objects.create(answer=answer, code=code, coder=coder)
    raises_integrity(lambda: Coding.objects.create(answer=answer, code=code, coder=coder))


def test_same_span_twice_is_refused_but_other_spans_overlap(survey, coder, co_coder):
    answer = make_answer(make_question(survey, "1"), text="Godt samarbeid med eier")
    code = Code.objects.create(survey=survey, name="Samarbeid")
    Coding.objects.create(answer=answer, code=code, coder=coder, start=0, end=14)
    Coding.objects.create(answer=answer, code=code, coder=coder, start=5, end=23)
    Coding.objects.create(answer=answer, code=code, coder=co_coder, start=0, end=14)
    raises_integrity(lambda: Coding.objects.create(answer=answer, code=code, coder=coder, start=0, end=14))


@pytest.mark.parametrize("start,end", [(5, 5), (6, 2), (None, 4), (3, None)])
def test_span_must_be_well_formed(survey, coder, start, end):
    answer = make_answer(make_question(survey, "1"), text="Godt samarbeid")
    code = Code.objects.create(survey=survey, name="Samarbeid")
    raises_integrity(lambda: Coding.objects.create(answer=answer, code=code, coder=coder, start=start, end=end))


def test_code_in_use_cannot_be_deleted(survey, coder):
    answer = make_answer(make_question(survey, "1"), text="x")
    code = Code.objects.create(survey=survey, name="Samarbeid")
    Coding.objects.create(answer=answer, code=code, coder=coder)
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        code.delete()


def test_memo_has_exactly_one_target(survey, coder):
    answer = make_answer(make_question(survey, "1"), text="x")
    code = Code.objects.create(survey=survey, name="Samarbeid")
    raises_integrity(lambda: Memo.objects.create(author=coder, text="to mål", answer=answer, code=code))
    raises_integrity(lambda: Memo.objects.create(author=coder, text="uten mål"))


def test_current_municipality_names_unique_but_merged_ones_kept(db):
    from datetime import date

    new = Municipality.objects.create(name="Molde", number="1506")
    Municipality.objects.create(name="Molde", number="1502", merged_into=new, valid_to=date(2019, 12, 31))
    raises_integrity(lambda: Municipality.objects.create(name=" MOLDE ", number=""))


def test_attribute_keys_are_listed_by_the_database(survey, django_assert_num_queries):
    """The filter's attribute choices: the keys of these respondents' attributes, sorted, read
    in one query (jsonb_object_keys or json_each), not by decoding every respondent."""
    from surveys.models import Survey

    other = Survey.objects.create(title="Annen", slug="annen")
    make_respondent(survey, "A", attributes={"fylke": "Viken", "størrelse": "liten"})
    make_respondent(survey, "B", attributes={"fylke": "Agder", "Rolle": "leder"})
    make_respondent(survey, "C", attributes={})
    make_respondent(other, "D", attributes={"annet": "x"})
    with django_assert_num_queries(1):
        assert survey.respondents.attribute_keys() == ["Rolle", "fylke", "størrelse"]
    assert survey.respondents.filter(external_key="A").attribute_keys() == ["fylke", "størrelse"]
