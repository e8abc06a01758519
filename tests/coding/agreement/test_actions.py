"""Agreement actions: samples are reproducible, consensus is one decision per answer and code."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection

from coding.agreement.actions import (
    AgreementError,
    choose_sample,
    decide_consensus,
    draw_sample,
    open_comparison,
    set_blind_mode,
)
from coding.models import AgreementSample, AuditEvent, Code, ConsensusDecision, Memo
from surveys.models import Survey
from tests.conftest import make_answer, make_question


@pytest.fixture
def answers(survey):
    q1, q2 = make_question(survey, "2u"), make_question(survey, "4")
    return [make_answer(q1 if i < 30 else q2, text=f"Svar {i}") for i in range(40)]


def test_the_same_seed_draws_the_same_answers(survey, admin, coder, co_coder, answers):
    first = draw_sample(survey, by=admin, name="A", size=10, seed=42, coders=[coder, co_coder])
    second = draw_sample(survey, by=admin, name="B", size=10, seed=42, coders=[coder, co_coder])
    other = draw_sample(survey, by=admin, name="C", size=10, seed=43, coders=[coder, co_coder])
    ids = lambda s: sorted(s.answers.values_list("id", flat=True))  # noqa: E731
    assert ids(first) == ids(second)
    assert ids(first) != ids(other)
    assert first.answers.count() == 10
    assert set(first.coders.all()) == {coder, co_coder}
    assert AuditEvent.objects.filter(action="sample_drawn", actor=admin).count() == 3


def test_stratified_sample_takes_each_question_in_proportion():
    candidates = [(i, 1 if i < 30 else 2) for i in range(40)]
    chosen = choose_sample(candidates, 8, seed=1, stratified=True)
    assert len(chosen) == 8
    assert sum(1 for a in chosen if a < 30) == 6 and sum(1 for a in chosen if a >= 30) == 2
    assert chosen == choose_sample(list(reversed(candidates)), 8, seed=1, stratified=True)


def test_sample_limited_to_questions_and_never_larger_than_the_answers(survey, admin, coder, co_coder, answers):
    q2 = answers[-1].question
    sample = draw_sample(survey, by=admin, name="Q", size=100, seed=1, coders=[coder, co_coder], questions=[q2])
    assert sample.answers.count() == 10
    assert set(sample.answers.values_list("question", flat=True)) == {q2.id}


def test_empty_answers_are_not_drawn(survey, admin, coder, co_coder):
    q = make_question(survey, "2u")
    make_answer(q, text="  ")
    kept = make_answer(q, text="Noe")
    sample = draw_sample(survey, by=admin, name="S", size=5, seed=1, coders=[coder, co_coder])
    assert list(sample.answers.all()) == [kept]


@pytest.mark.parametrize("problem", ["one_coder", "reviewer", "duplicate", "no_name"])
def test_sample_refusals(survey, admin, coder, co_coder, reviewer, answers, problem):
    kwargs = {"name": "S", "size": 5, "seed": 1, "coders": [coder, co_coder]}
    if problem == "one_coder":
        kwargs["coders"] = [coder]
    elif problem == "reviewer":
        kwargs["coders"] = [coder, reviewer]
    elif problem == "duplicate":
        draw_sample(survey, by=admin, **kwargs)
    else:
        kwargs["name"] = " "
    before = AgreementSample.objects.count()
    with pytest.raises(AgreementError):
        draw_sample(survey, by=admin, **kwargs)
    assert AgreementSample.objects.count() == before


def test_only_admins_change_settings_or_draw(survey, coder, co_coder, reviewer, answers):
    for person in (coder, reviewer):
        with pytest.raises(PermissionDenied):
            set_blind_mode(survey, True, by=person)
        with pytest.raises(PermissionDenied):
            open_comparison(survey, by=person)
        with pytest.raises(PermissionDenied):
            draw_sample(survey, by=person, name="S", size=3, seed=1, coders=[coder, co_coder])
    survey.refresh_from_db()
    assert not survey.blind_coding and not AgreementSample.objects.exists()


def test_blind_mode_and_comparison(survey, admin):
    set_blind_mode(survey, True, by=admin)
    assert Survey.objects.get(pk=survey.pk).others_layers_hidden()
    open_comparison(survey, by=admin)
    assert not Survey.objects.get(pk=survey.pk).others_layers_hidden()
    set_blind_mode(survey, True, by=admin)  # on again: the comparison closes
    assert Survey.objects.get(pk=survey.pk).others_layers_hidden()
    set_blind_mode(survey, False, by=admin)
    assert not Survey.objects.get(pk=survey.pk).blind_coding
    assert AuditEvent.objects.filter(action="agreement_settings").count() == 4


def test_consensus_is_one_decision_per_answer_and_code(survey, admin, answers):
    code = Code.objects.create(survey=survey, name="Eierskap")
    decide_consensus(answers[0], code, True, by=admin, reason="Nevner skoleeier")
    decide_consensus(answers[0], code, False, by=admin, reason="Ved nærmere lesning: nei")
    decision = ConsensusDecision.objects.get()
    assert (decision.present, decision.reason, decision.decided_by) == (False, "Ved nærmere lesning: nei", admin)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CONSENSUS_DECIDED).count() == 2
    assert not Memo.objects.exists()


def test_consensus_can_note_that_the_description_needs_sharpening(survey, admin, answers):
    code = Code.objects.create(survey=survey, name="Eierskap")
    decide_consensus(answers[0], code, True, by=admin, sharpen_note="Skill eierskap fra ledelse")
    memo = Memo.objects.get()
    assert (memo.code, memo.author, memo.text) == (code, admin, "Skill eierskap fra ledelse")
    assert AuditEvent.objects.filter(action=AuditEvent.Action.MEMO_WRITTEN, code=code).exists()


def test_consensus_refuses_coders_and_codes_of_other_surveys(survey, admin, coder, answers):
    code = Code.objects.create(survey=survey, name="Eierskap")
    with pytest.raises(PermissionDenied):
        decide_consensus(answers[0], code, True, by=coder)
    other = Survey.objects.create(title="Annen", slug="annen")
    foreign = Code.objects.create(survey=other, name="Fremmed")
    with pytest.raises(AgreementError):
        decide_consensus(answers[0], foreign, True, by=admin)
    assert not ConsensusDecision.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_decisions_leave_exactly_one_row(survey, admin, answers):
    code = Code.objects.create(survey=survey, name="Eierskap")
    barrier = threading.Barrier(2)
    errors = []

    def decide(present):
        try:
            barrier.wait()
            decide_consensus(answers[0], code, present, by=admin, reason=f"tråd {present}")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(flag,)) for flag in (True, False)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ConsensusDecision.objects.filter(answer=answers[0], code=code).count() == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CONSENSUS_DECIDED).count() == 2
