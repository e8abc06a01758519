"""Search finds Nynorsk word forms as well as Bokmål ones (and the other way round)."""

import pytest
from django.urls import reverse

from coding.workspace.written_forms import variants
from tests.conftest import make_answer, make_question, make_respondent


@pytest.mark.parametrize("word, other", [
    ("skole", "skule"), ("skolene", "skulene"), ("skulen", "skolen"),
    ("undersøkelsen", "undersøkinga"), ("undersøking", "undersøkelse"),
    ("ikke", "ikkje"), ("ikkje", "ikke"), ("tydelig", "tydeleg"), ("vanskeleg", "vanskelig"),
    ("forståelsen", "forståinga"), ("lærere", "lærarar"), ("lærarar", "lærere"), ("veiledningen", "rettleiingen"),
])
def test_variants_hold_the_other_written_form(word, other):
    forms = variants(word)
    assert forms[0] == word
    assert other in forms


def test_a_word_alike_in_both_has_no_variants():
    assert variants("kommune") == ["kommune"]


@pytest.fixture
def two_norwegians(survey):
    q = make_question(survey, "1")
    bokmal = make_answer(q, make_respondent(survey, "B"), text="Skolen fikk god veiledning, men det var ikke nok tid.")
    nynorsk = make_answer(q, make_respondent(survey, "N"),
                          text="Skulen fekk god rettleiing, men det var ikkje nok tid.")
    other = make_answer(q, make_respondent(survey, "X"), text="Kommunen arrangerte samlinger.")
    return survey, bokmal, nynorsk, other


@pytest.mark.postgres
@pytest.mark.parametrize("q", ["skole", "skule", "veiledning", "rettleiing", "ikke tid", "ikkje tid"])
def test_search_finds_both_written_forms(client_for, admin, two_norwegians, q):
    survey, bokmal, nynorsk, other = two_norwegians
    response = client_for(admin).get(reverse("coding:answers", args=[survey.slug]), {"q": q})
    assert {a.pk for a in response.context["table"].data} == {bokmal.pk, nynorsk.pk}, q
    assert "<mark>" in response.text
