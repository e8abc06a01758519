"""Suggestions from a coder's own layer: ranked by the most similar coded answers, with scores
and evidence, and "too little coding" instead of a guess."""

from coding.models import Code, Coding, SuggestionDecision
from coding.suggestions import engine, queries
from coding.workspace.actions import remove_coding
from surveys.models import Answer
from tests.coding.suggestions.fixtures import themed_survey
from tests.conftest import make_answer, make_question


def test_uncoded_answers_get_their_themes_in_the_top_three(survey, coder, themed):
    answers, labels, codes = themed
    by_id = {c.pk: name for name, c in codes.items()}
    hits = total = 0
    for answer in answers[60:]:
        _message, shown = queries.suggestions_for(answer, coder, coder.pk)
        names = {by_id[s.code.pk] for s in shown}
        hits += len(names & labels[answer.pk])
        total += len(labels[answer.pk])
    assert hits / total >= 0.85


def test_every_suggestion_has_a_score_and_two_or_three_coded_answers_as_evidence(survey, coder, themed):
    answers, labels, codes = themed
    marked = 0
    for answer in answers[60:]:
        message, shown = queries.suggestions_for(answer, coder, coder.pk)
        assert message == "" and shown
        scores = [s.score for s in shown]
        assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)
        for s in shown:
            assert 2 <= len(s.evidence) <= 3
            for evidence in s.evidence:
                assert Coding.objects.filter(answer=evidence.answer, code=s.code, coder=coder).exists()
                assert evidence.answer.pk != answer.pk
        marked += any(shared for e in shown[0].evidence for _piece, shared in e.pieces)
    assert marked >= 0.8 * len(answers[60:])  # the words shared with the top suggestion's evidence are marked


def test_shared_words_are_marked_in_the_evidence():
    pieces = engine.marked("Vi hadde for lite tid til samlingene.", engine.shared_stems(
        "Det ble lite tid mellom samlingene", "Vi hadde for lite tid til samlingene."))
    assert [p for p, shared in pieces if shared] == ["lite", "tid", "samlingene"]
    assert "".join(p for p, _ in pieces) == "Vi hadde for lite tid til samlingene."


def test_too_little_coding_says_so_instead_of_guessing(survey, coder):
    answers, _labels, _codes = themed_survey(survey, coder, n=30, coded=12)
    message, shown = queries.suggestions_for(answers[20], coder, coder.pk)
    assert shown == []
    assert "12" in message and "20" in message


def test_codes_used_fewer_than_three_times_are_not_suggested(survey, coder, themed):
    answers, _labels, codes = themed
    rare = Code.objects.create(survey=survey, name="Sjelden")
    Coding.objects.create(answer=answers[0], code=rare, coder=coder)
    Coding.objects.create(answer=answers[1], code=rare, coder=coder)
    for answer in (answers[1], answers[61], answers[0]):
        _m, shown = queries.suggestions_for(make_near(answer), coder, coder.pk)
        assert rare not in [s.code for s in shown]


def make_near(answer):
    return make_answer(make_question(answer.question.survey, f"N{answer.pk}"), text=answer.text)


def test_learns_only_from_the_chosen_coders_layer(survey, coder, co_coder, themed):
    answers, _labels, _codes = themed
    # The co-coder has coded nothing: from their own layer there is too little to go on.
    message, shown = queries.suggestions_for(answers[70], co_coder, co_coder.pk)
    assert shown == [] and message


def test_applied_and_dismissed_codes_are_not_offered_again(survey, coder, themed):
    answers, _labels, _codes = themed
    answer = answers[65]
    _m, first = queries.suggestions_for(answer, coder, coder.pk)
    top = first[0].code
    SuggestionDecision.objects.create(answer=answer, code=top, coder=coder, decision="dismissed", score=0.5)
    _m, after = queries.suggestions_for(answer, coder, coder.pk)
    assert top not in [s.code for s in after]
    second = after[0].code
    Coding.objects.create(answer=answer, code=second, coder=coder)
    _m, later = queries.suggestions_for(answer, coder, coder.pk)
    assert second not in [s.code for s in later]


def test_the_vectors_are_kept_and_the_labels_follow_new_codings(survey, coder, themed):
    answers, _labels, codes = themed
    first = queries.suggester(survey, coder.pk)
    assert queries.suggester(survey, coder.pk) is first  # unchanged: the same object, no rebuild
    Coding.objects.create(answer=answers[75], code=codes["Tid"], coder=coder)
    second = queries.suggester(survey, coder.pk)
    assert second is not first and second.model is first.model  # labels updated, vectors kept
    assert codes["Tid"].pk in second.labels[answers[75].pk]
    remove_coding(Coding.objects.get(answer=answers[75], coder=coder).pk, by=coder)  # with its audit row
    third = queries.suggester(survey, coder.pk)
    assert answers[75].pk not in third.labels


def test_blind_mode_learns_only_from_the_coders_own_layer(survey, coder, admin):
    survey.blind_coding = True
    survey.save()
    assert queries.learning_layer(coder, survey, queries.CONSENSUS) == coder.pk
    assert queries.learning_layer(admin, survey, queries.CONSENSUS) == admin.pk  # whoever codes
    survey.blind_coding = False
    survey.save()
    assert queries.learning_layer(coder, survey, queries.CONSENSUS) == queries.CONSENSUS
    assert queries.learning_layer(coder, survey, None) == coder.pk


def test_pseudonymised_texts_are_read_again(survey, coder, admin, themed):
    """The vectors hold the words of the answers; after a pseudonymisation they are fitted again
    from the new texts, so no name lingers in this process's memory."""
    from coding.models import Finding
    from coding.privacy import actions

    answers, _labels, _codes = themed
    Answer.objects.filter(pk=answers[5].pk).update(text=answers[5].text + " Rektor Gunnhild Skjæveland var med.")
    before = queries.suggester(survey, coder.pk).model
    assert "skjæveland" in before.words.vocabulary_
    actions.scan_survey(survey, by=admin)
    Finding.objects.update(status=Finding.Status.CONFIRMED)
    actions.pseudonymise_survey(survey, by=admin)
    after = queries.suggester(survey, coder.pk).model
    assert after is not before and "skjæveland" not in after.words.vocabulary_


def test_while_nothing_moves_the_stamps_are_not_read_again(survey, coder, themed, django_assert_max_num_queries):
    """A request that finds the cheap marks where they were reads nothing more about the layer:
    one query for the marks."""
    answers, _labels, codes = themed
    first = queries.suggester(survey, coder.pk)
    with django_assert_max_num_queries(1):
        assert queries.suggester(survey, coder.pk) is first
    Coding.objects.create(answer=answers[76], code=codes["Tid"], coder=coder)  # the newest coding moves
    assert codes["Tid"].pk in queries.suggester(survey, coder.pk).labels[answers[76].pk]


def test_codings_added_through_the_coding_view_are_taken_in_without_counting(survey, coder, themed,
                                                                              django_assert_max_num_queries):
    from coding.workspace.actions import apply_code

    answers, _labels, codes = themed
    first = queries.suggester(survey, coder.pk)
    apply_code(answers[77], codes["Økonomi"], by=coder)
    with django_assert_max_num_queries(3):  # the marks, the audit rows since, the new codings
        second = queries.suggester(survey, coder.pk)
    assert second.model is first.model and codes["Økonomi"].pk in second.labels[answers[77].pk]
    remove_coding(Coding.objects.get(answer=answers[77], coder=coder).pk, by=coder)
    assert answers[77].pk not in queries.suggester(survey, coder.pk).labels  # a removal: read again
