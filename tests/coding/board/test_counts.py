"""The board's per-code counts are kept up to date incrementally (coding/board.py): after
every kind of change they equal a count from scratch, and a coding change recounts only its
code."""

import random
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from coding.board import queries as board
from coding.codebook import actions as codebook_actions
from coding.models import Code, Coding
from coding.workspace import actions
from tests.conftest import make_answer, make_question, make_respondent


@pytest.fixture
def world(survey, coder, co_coder):
    cache.clear()
    question = make_question(survey, "2")
    answers = [make_answer(question, make_respondent(survey, f"R{i}"), text=f"Svar {i}") for i in range(12)]
    codes = [Code.objects.create(survey=survey, name=f"Kode {i}") for i in range(6)]
    return answers, codes


def from_scratch(survey, user):
    return board._code_counts(board.board_codings(user, survey))


def counted(survey, user):
    return board.code_counts(survey, user, board.board_codings(user, survey))


def test_counts_equal_a_count_from_scratch_after_every_change(survey, coder, co_coder, admin, world):
    answers, codes = world
    rng = random.Random(3)
    assert counted(survey, coder) == from_scratch(survey, coder) == {}
    for step in range(60):
        kind = rng.choice(["apply", "apply", "apply", "remove", "merge", "new", "bulk"])
        who = rng.choice([coder, co_coder])
        live = list(Code.objects.filter(survey=survey))
        if kind == "apply":
            actions.apply_code(rng.choice(answers), rng.choice(live), by=who)
        elif kind == "remove" and Coding.objects.filter(coder=who).exists():
            actions.remove_coding(rng.choice(list(Coding.objects.filter(coder=who))).pk, by=who)
        elif kind == "merge" and len(live) > 2:
            source, target = rng.sample(live, 2)
            codebook_actions.merge_codes(source, target, by=admin)
        elif kind == "new":
            codebook_actions.create_code(survey, f"Ny {step}", by=who)
        elif kind == "bulk":  # written without an audit row, as a bulk load would
            Coding.objects.get_or_create(answer=rng.choice(answers), code=rng.choice(live), coder=who)
        assert counted(survey, coder) == from_scratch(survey, coder), (step, kind)


def test_a_coding_change_recounts_only_its_code(survey, coder, world, monkeypatch):
    answers, codes = world
    for answer, code in zip(answers, codes, strict=False):
        actions.apply_code(answer, code, by=coder)
    counted(survey, coder)
    monkeypatch.setattr(board, "SETTLE", timedelta(0))  # as if the earlier codings were minutes old
    recounted = []
    real = board._code_counts
    monkeypatch.setattr(board, "_code_counts", lambda codings: recounted.append(
        sorted({c.code_id for c in codings})) or real(codings))
    actions.apply_code(answers[7], codes[1], by=coder)
    assert counted(survey, coder)[codes[1].pk] == (2, 2)
    assert recounted == [[codes[1].pk]]


def test_a_late_commit_within_the_settle_window_is_not_missed(survey, coder, world):
    """A transaction can commit after a newer one: its audit row's id is below the mark the
    cache saw. Events from the last SETTLE seconds are read again, so it still counts."""
    answers, codes = world
    counted(survey, coder)
    actions.apply_code(answers[0], codes[2], by=coder)
    key = next(k for k in cache._cache if "board-counts" in k)  # LocMemCache internals, test only
    entry = cache.get(key.split(":", 2)[-1])
    # Pretend the cache had already seen the new ids (the row committed late, below the mark).
    entry["marks"] = (board.AuditEvent.objects.latest("id").id, Coding.objects.latest("id").id, entry["marks"][2])
    entry["changed_at"] = timezone.now() - board.SETTLE / 2
    cache.set(key.split(":", 2)[-1], entry)
    assert counted(survey, coder)[codes[2].pk] == (1, 1)


def test_a_blind_coder_counts_only_their_own_layer(survey, coder, co_coder, world):
    answers, codes = world
    survey.blind_coding = True
    survey.save()
    actions.apply_code(answers[0], codes[0], by=coder)
    actions.apply_code(answers[1], codes[0], by=co_coder)
    assert counted(survey, coder) == {codes[0].pk: (1, 1)}
    assert counted(survey, co_coder) == {codes[0].pk: (1, 1)}
    actions.apply_code(answers[2], codes[0], by=co_coder)
    assert counted(survey, coder) == {codes[0].pk: (1, 1)}
    assert counted(survey, co_coder) == {codes[0].pk: (2, 2)}
