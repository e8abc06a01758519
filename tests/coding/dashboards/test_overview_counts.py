"""The overview's counts are brought up to date from the audit trail, like the board's
(coding.counts.overview_counts): after every kind of change they equal a count from scratch,
and a coding change recounts only its code and the categories that hold it."""

import random
from datetime import timedelta

import pytest
from django.core.cache import cache

from coding import counts, layers
from coding.board import actions as board_actions
from coding.codebook import actions as codebook_actions
from coding.dashboards import stats
from coding.models import Category, Code, Coding
from coding.workspace import actions
from tests.conftest import make_answer, make_question, make_respondent


@pytest.fixture
def world(survey, coder, co_coder, admin):
    cache.clear()
    question = make_question(survey, "2")
    answers = [make_answer(question, make_respondent(survey, f"R{i}"), text=f"Svar {i}") for i in range(12)]
    codes = [Code.objects.create(survey=survey, name=f"Kode {i}") for i in range(6)]
    categories = [board_actions.create_category(survey, by=admin, name=f"Kategori {i}") for i in range(3)]
    for i, code in enumerate(codes[:5]):
        board_actions.place_code(code, categories[i % 3], by=admin)
    return answers, codes, categories


def numbers(lines):
    return [(line.category.pk, line.answers, line.respondents,
             [(code.pk, a, r) for code, a, r in line.code_counts]) for line in lines]


def kept(survey, user, layer=layers.ALL):
    rows = layers.layer_rows(survey, layer, user)
    return numbers(stats.overview(survey, rows, layers.layer_key(survey, layer, user)))


def from_scratch(survey, user, layer=layers.ALL):
    return numbers(stats.overview(survey, layers.layer_rows(survey, layer, user)))


def test_overview_equals_a_count_from_scratch_after_every_change(survey, coder, co_coder, admin, world, monkeypatch):
    monkeypatch.setattr(counts, "SETTLE", timedelta(0))  # as if every earlier change were minutes old
    answers, codes, categories = world
    rng = random.Random(18)
    for step in range(60):
        kind = rng.choice(["apply", "apply", "apply", "remove", "merge", "new", "bulk", "move", "category"])
        who = rng.choice([coder, co_coder])
        live = list(Code.objects.filter(survey=survey))
        active = list(Category.objects.filter(survey=survey))
        if kind == "apply":
            actions.apply_code(rng.choice(answers), rng.choice(live), by=who)
        elif kind == "remove" and Coding.objects.filter(coder=who).exists():
            actions.remove_coding(rng.choice(list(Coding.objects.filter(coder=who))).pk, by=who)
        elif kind == "merge" and len(live) > 2:
            source, target = rng.sample(live, 2)
            codebook_actions.merge_codes(source, target, by=admin)
        elif kind == "new":
            code = codebook_actions.create_code(survey, f"Ny {step}", by=who)
            board_actions.place_code(code, rng.choice(active), by=admin)
        elif kind == "bulk":  # written without an audit row, as a bulk load would
            Coding.objects.get_or_create(answer=rng.choice(answers), code=rng.choice(live), coder=who)
        elif kind == "move":
            code = rng.choice(live)
            placed = list(code.placements.values_list("category", flat=True))
            source = Category.objects.get(pk=placed[0]) if placed else None
            target = rng.choice([c for c in active if c.pk not in placed] or [None])
            if target is not None:
                board_actions.move_code(code, source, target, by=admin)
        elif kind == "category":
            board_actions.create_category(survey, by=admin, name=f"Ny kategori {step}")
        for user, layer in ((coder, layers.ALL), (admin, layers.ALL), (admin, co_coder.pk)):
            assert kept(survey, user, layer) == from_scratch(survey, user, layer), (step, kind)


def test_a_coding_recounts_only_its_code_and_its_categories(survey, coder, admin, world, monkeypatch):
    monkeypatch.setattr(counts, "SETTLE", timedelta(0))
    answers, codes, categories = world
    for answer, code in zip(answers, codes, strict=False):
        actions.apply_code(answer, code, by=coder)
    kept(survey, admin)  # everything counted once
    seen = {"codes": [], "categories": []}
    real_codes, real_coverage = counts.code_counts, counts.category_coverage
    monkeypatch.setattr(counts, "code_counts",
                        lambda rows, ids=None: seen["codes"].append(set(ids)) or real_codes(rows, ids))
    monkeypatch.setattr(counts, "category_coverage",
                        lambda rows, ids: seen["categories"].append(set(ids)) or real_coverage(rows, ids))
    actions.apply_code(answers[9], codes[1], by=coder)
    assert kept(survey, admin) == from_scratch(survey, admin)
    assert seen["codes"][0] == {codes[1].pk}
    assert seen["categories"][0] == {categories[1].pk}


def test_a_fresh_change_is_read_again_until_it_has_settled(survey, coder, admin, world):
    """A transaction that commits after a newer one is not missed: within SETTLE of the last
    change the audit rows are read again (here: the cached entry is not simply returned)."""
    answers, codes, _categories = world
    kept(survey, admin)
    actions.apply_code(answers[0], codes[0], by=coder)
    first = kept(survey, admin)
    Coding.objects.filter(code=codes[0]).update(code=codes[2])  # no audit row, no new id
    Coding.objects.create(answer=answers[1], code=codes[3], coder=coder)  # no audit row
    assert kept(survey, admin) == from_scratch(survey, admin) != first


def category_numbers(data):
    return (sorted(data.triples), data.questions, dict(data.cooccurrence()), data.code_counts())


def test_category_data_equals_a_load_from_scratch_after_every_change(survey, coder, co_coder, admin, world,
                                                                      monkeypatch):
    monkeypatch.setattr(counts, "SETTLE", timedelta(0))
    answers, codes, categories = world
    rng = random.Random(7)
    for step in range(40):
        kind = rng.choice(["apply", "apply", "remove", "bulk"])
        who = rng.choice([coder, co_coder])
        if kind == "apply":
            actions.apply_code(rng.choice(answers), rng.choice(codes), by=who)
        elif kind == "remove" and Coding.objects.filter(coder=who).exists():
            actions.remove_coding(rng.choice(list(Coding.objects.filter(coder=who))).pk, by=who)
        elif kind == "bulk":
            Coding.objects.get_or_create(answer=rng.choice(answers), code=rng.choice(codes), coder=who)
        for category in categories:
            placed = list(Code.objects.filter(placements__category=category).order_by("name"))
            rows = layers.layer_rows(survey, layers.ALL, admin)
            key = layers.layer_key(survey, layers.ALL, admin)
            kept_data = stats.CategoryData.load_memoised(survey, rows, placed, key)
            assert category_numbers(kept_data) == category_numbers(stats.CategoryData.load(rows, placed)), (step, kind)


def test_a_coding_elsewhere_leaves_a_category_as_it_was(survey, coder, admin, world, monkeypatch):
    monkeypatch.setattr(counts, "SETTLE", timedelta(0))
    answers, codes, categories = world
    placed = list(Code.objects.filter(placements__category=categories[0]))
    rows = layers.layer_rows(survey, layers.ALL, admin)
    key = layers.layer_key(survey, layers.ALL, admin)
    stats.CategoryData.load_memoised(survey, rows, placed, key)
    loads = []
    real = stats.CategoryData.load.__func__
    monkeypatch.setattr(stats.CategoryData, "load", classmethod(lambda cls, r, c: loads.append(c) or real(cls, r, c)))
    actions.apply_code(answers[0], codes[1], by=coder)  # Kode 1 is in Kategori 1, not 0
    stats.CategoryData.load_memoised(survey, rows, placed, key)
    assert loads == []
    actions.apply_code(answers[0], codes[0], by=coder)
    stats.CategoryData.load_memoised(survey, rows, placed, key)
    assert [[c.pk for c in batch] for batch in loads] == [[codes[0].pk]]
