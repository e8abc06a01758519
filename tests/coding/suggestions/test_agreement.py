"""Agreement stays honest: accepted suggestions are counted and can be left out."""

from coding.agreement.queries import AnswerSet, agreement_for
from coding.models import Code, Coding, SuggestionDecision
from tests.conftest import make_answer, make_question


def two_coders(survey, coder, co_coder):
    """Ten answers both coders coded; on five the first coder's code came from a suggestion
    and disagrees with the co-coder."""
    question = make_question(survey, "1")
    a, b = Code.objects.create(survey=survey, name="A"), Code.objects.create(survey=survey, name="B")
    for i in range(10):
        answer = make_answer(question, text=f"svar {i}")
        Coding.objects.create(answer=answer, code=a, coder=coder)
        Coding.objects.create(answer=answer, code=a, coder=co_coder)
        if i < 5:
            suggested = Coding.objects.create(answer=answer, code=b, coder=coder)
            SuggestionDecision.objects.create(answer=answer, code=b, coder=coder, decision="accepted",
                                              coding=suggested, score=0.9)
    return a, b


def test_agreement_with_and_without_accepted_suggestions(survey, coder, co_coder):
    _a, b = two_coders(survey, coder, co_coder)
    with_them, codes = agreement_for(survey, [coder, co_coder], AnswerSet())
    without, _codes = agreement_for(survey, [coder, co_coder], AnswerSet(without_suggested=True))
    index = [c.pk for c in codes].index(b.pk)
    assert with_them.codes[index].used == 5 and with_them.codes[index].percent == 0.5
    assert without.codes[index].used == 0  # the suggested codings are left out
    assert without.percent == 1.0 and with_them.percent < 1.0


def test_agreement_page_counts_and_leaves_out_suggested_codings(client_for, admin, survey, coder, co_coder):
    two_coders(survey, coder, co_coder)
    client = client_for(admin)
    url = f"/s/{survey.slug}/agreement/"
    page = client.get(url, {"coders": [coder.pk, co_coder.pk]}).text
    assert 'id="suggested-codings">5<' in page and 'name="without_suggested"' in page
    left_out = client.get(url, {"coders": [coder.pk, co_coder.pk], "without_suggested": "on"}).text
    assert 'id="suggested-codings">5 (utelatt)' in left_out or 'id="suggested-codings">5 (left out)' in left_out


def test_reconciliation_marks_the_codings_that_came_from_accepted_suggestions(survey, coder, co_coder):
    from coding.agreement.queries import answer_cards

    _a, b = two_coders(survey, coder, co_coder)
    answers = list(Coding.objects.filter(code=b).values_list("answer_id", flat=True))
    cards = answer_cards(survey, [coder, co_coder], answers)
    rows = [row for card in cards for row in card.rows if row.code == b]
    assert len(rows) == 5 and all(row.suggested == [True, False] for row in rows)
    rows_a = [row for card in cards for row in card.rows if row.code != b]
    assert all(row.suggested == [False, False] for row in rows_a)


def test_reconciliation_page_shows_the_suggested_mark(client_for, admin, survey, coder, co_coder):
    two_coders(survey, coder, co_coder)
    page = client_for(admin).get(f"/s/{survey.slug}/agreement/reconcile/",
                                 {"coders": [coder.pk, co_coder.pk]}).text
    assert page.count('class="suggested-mark"') == 5
