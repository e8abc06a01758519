"""Dashboard numbers against independent computations: plain loops over the rows."""

from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model

from coding import counts, layers
from coding.dashboards import stats
from coding.dashboards.summary import category_summary
from coding.models import Category, CategoryCode, Code, Coding, ConsensusDecision
from surveys.models import Respondent
from tests.conftest import make_answer, make_question, make_respondent


def expected_by_category(survey, codings):
    """{category_id: (answers, respondents)} from plain loops over coding rows."""
    placements = defaultdict(set)
    for placement in CategoryCode.objects.filter(category__survey=survey):
        placements[placement.code_id].add(placement.category_id)
    answers, respondents = defaultdict(set), defaultdict(set)
    for coding in codings:
        for category_id in placements[coding.code_id]:
            answers[category_id].add(coding.answer_id)
            respondents[category_id].add(coding.answer.respondent_id)
    return {cid: (len(answers[cid]), len(respondents[cid])) for cid in set(answers) | set(respondents)}


def test_overview_equals_a_loop_over_all_codings(demo, reviewer):
    codings = list(Coding.objects.select_related("answer"))
    expected = expected_by_category(demo, codings)
    lines = stats.overview(demo, layers.layer_rows(demo, layers.ALL, reviewer))
    assert len(lines) == 6
    for line in lines:
        assert (line.answers, line.respondents) == expected.get(line.category.id, (0, 0)), line.category.name
        assert [c.id for c in line.codes] == list(
            CategoryCode.objects.filter(category=line.category)
            .order_by("position", "code__name")
            .values_list("code_id", flat=True)
        )
    assert sum(line.answers for line in lines) > 0


def test_one_coders_layer_equals_a_loop_over_their_codings(demo, reviewer):
    kari = get_user_model().objects.get(username="kari")
    codings = [c for c in Coding.objects.select_related("answer") if c.coder_id == kari.id]
    expected = expected_by_category(demo, codings)
    layer = layers.parse_layer(str(kari.id), reviewer, demo)
    for line in stats.overview(demo, layers.layer_rows(demo, layer, reviewer)):
        assert (line.answers, line.respondents) == expected.get(line.category.id, (0, 0))


def test_code_counts_and_top_codes(demo, reviewer):
    rows = layers.layer_rows(demo, layers.ALL, reviewer)
    category = Category.objects.get(survey=demo, name="Forankring")
    codes = counts.placed_codes([category])[category.id]
    data = stats.CategoryData.load(rows, codes)
    for code, answers, respondents in data.code_counts():
        mine = [c for c in Coding.objects.select_related("answer") if c.code_id == code.id]
        assert answers == len({c.answer_id for c in mine})
        assert respondents == len({c.answer.respondent_id for c in mine})
    line = next(line for line in stats.overview(demo, rows) if line.category == category)
    counted = sorted(((a, c.name) for c, a, _r in data.code_counts() if a), key=lambda p: (-p[0], p[1]))[:3]
    assert [(c.name, n) for c, n in line.top_codes] == [(name, a) for a, name in counted]
    assert (data.answers, data.respondents) == (line.answers, line.respondents)


def test_summary_command_numbers_equal_the_dashboard(demo, reviewer):
    lines = stats.overview(demo, layers.layer_rows(demo, layers.ALL, reviewer))
    summary = category_summary(demo)
    assert [entry["name"] for entry in summary] == [line.category.name for line in lines]
    for entry, line in zip(summary, lines, strict=True):
        assert entry["answers"] == line.answers
        assert entry["respondents"] == line.respondents
        assert entry["codes"] == [c.name for c in line.codes]


def test_cooccurrence_equals_a_loop(demo, reviewer):
    rows = layers.layer_rows(demo, layers.ALL, reviewer)
    category = Category.objects.get(survey=demo, name="Erfaringer")
    codes = counts.placed_codes([category])[category.id]
    pairs = stats.CategoryData.load(rows, codes).cooccurrence()
    ids = {c.id for c in codes}
    by_answer = defaultdict(set)
    for coding in Coding.objects.all():
        if coding.code_id in ids:
            by_answer[coding.answer_id].add(coding.code_id)
    for i, a in enumerate(codes):
        for b in codes[i:]:
            expected = sum(1 for held in by_answer.values() if a.id in held and b.id in held)
            assert pairs.get((a.id, b.id), 0) == expected
            assert stats.cooccurring_answers(rows, a, b).count() == expected


@pytest.fixture
def small(survey, coder, co_coder):
    """Six respondents (two in a group), one category with two codes, known codings."""
    from surveys.models import MunicipalityGroup

    group = MunicipalityGroup.objects.create(survey=survey, name="Gruppe 1")
    q = make_question(survey, "1")
    people = [
        make_respondent(
            survey, f"R{i}", group=group if i < 2 else None, attributes={"fylke": "Viken" if i < 4 else "Nordland"}
        )
        for i in range(6)
    ]
    answers = [make_answer(q, r, text=f"svar {i}") for i, r in enumerate(people)]
    category = Category.objects.create(survey=survey, name="Kat")
    a = Code.objects.create(survey=survey, name="A")
    b = Code.objects.create(survey=survey, name="B")
    CategoryCode.objects.create(category=category, code=a, position=0)
    CategoryCode.objects.create(category=category, code=b, position=1)
    for answer in answers[:5]:
        Coding.objects.create(answer=answer, code=a, coder=coder)
    Coding.objects.create(answer=answers[0], code=b, coder=coder)
    Coding.objects.create(answer=answers[5], code=b, coder=co_coder)
    return {"category": category, "a": a, "b": b, "answers": answers}


def test_crosstab_counts_percentages_and_small_cells(survey, small, reviewer):
    rows = layers.layer_rows(survey, layers.ALL, reviewer)
    data = stats.CategoryData.load(rows, [small["a"], small["b"]])
    table = stats.crosstab(survey, data, "fylke")
    assert table.columns == ["Nordland", "Viken"]
    (code_a, cells_a, total_a), (code_b, cells_b, total_b) = table.rows
    # A: R0-R3 in Viken (4), R4 in Nordland (1) → 1 is a small cell
    assert [c.count for c in cells_a] == [1, 4]
    # 1 is hidden, and 4 beside it too: with the total of 5 shown, it would give the 1 away.
    assert [c.shown for c in cells_a] == ["skjult", "skjult"]
    assert cells_a[1].secondary and not cells_a[0].secondary
    assert cells_a[1].percent == 80 and total_a.count == 5 and total_a.shown == "5"
    assert [c.shown for c in cells_b] == ["skjult", "skjult"]
    assert total_b.shown == "skjult"
    group = stats.crosstab(survey, data, stats.GROUP_ATTRIBUTE)
    assert group.columns == ["alene", "i gruppe"] or group.columns == ["alone", "in a group"]
    assert [c.count for c in group.rows[0][1]] == [3, 2]


def test_threshold_is_per_survey(survey, small, reviewer):
    survey.small_cell_threshold = 6
    survey.save()
    data = stats.CategoryData.load(layers.layer_rows(survey, layers.ALL, reviewer), [small["a"]])
    table = stats.crosstab(survey, data, "fylke")
    assert [c.shown for c in table.rows[0][1]] == ["skjult", "skjult"]
    assert table.rows[0][2].shown == "skjult"  # 5 respondents, below 6


def test_attribute_parser_never_builds_a_lookup_from_user_keys(survey, small):
    """Only keys present in the respondents' attributes (or alone/in group)."""
    choices = stats.attribute_choices(survey)
    assert [key for key, _label in choices] == [stats.GROUP_ATTRIBUTE, "fylke"]
    for hostile in ["coder__password__startswith=pbkdf2", "attributes__fylke", "__class__", "", None, "størrelse"]:
        assert stats.parse_attribute(hostile, choices) == stats.GROUP_ATTRIBUTE
    assert stats.parse_attribute("fylke", choices) == "fylke"


def test_blind_coder_sees_only_own_layer(survey, small, coder, co_coder):
    survey.blind_coding = True
    survey.save()
    assert layers.parse_layer(str(co_coder.id), coder, survey) == coder.id
    assert layers.parse_layer("all", coder, survey) == coder.id
    rows = layers.layer_rows(survey, layers.parse_layer("all", co_coder, survey), co_coder)
    assert set(rows.values_list("coder_id", flat=True)) == {co_coder.id}
    data = stats.CategoryData.load(rows, [small["a"], small["b"]])
    assert data.answers == 1


def test_consensus_layer_counts_present_decisions(survey, small, admin):
    a, b = small["a"], small["b"]
    answers = small["answers"]
    ConsensusDecision.objects.create(answer=answers[0], code=a, present=True, decided_by=admin)
    ConsensusDecision.objects.create(answer=answers[1], code=a, present=False, decided_by=admin)
    ConsensusDecision.objects.create(answer=answers[2], code=b, present=True, decided_by=admin)
    rows = layers.layer_rows(survey, layers.CONSENSUS, admin)
    counts = {code.name: (n, r) for code, n, r in stats.CategoryData.load(rows, [a, b]).code_counts()}
    assert counts == {"A": (1, 1), "B": (1, 1)}
    line = stats.overview(survey, rows)[0]
    assert (line.answers, line.respondents) == (2, 2)


def test_attribution_never_names_a_municipality(survey, small):
    for respondent in Respondent.objects.filter(survey=survey).select_related("group"):
        text = str(stats.attribution(respondent))
        assert "Gruppe 1" not in text and respondent.external_key not in text


def test_survey_summary_command_prints_the_same_categories(demo, reviewer):
    import json
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("survey_summary", demo.slug, "--json", stdout=out)
    printed = json.loads(out.getvalue())["categories"]
    lines = stats.overview(demo, layers.layer_rows(demo, layers.ALL, reviewer))
    assert printed == [
        {
            "name": line.category.name,
            "codes": [c.name for c in line.codes],
            "answers": line.answers,
            "respondents": line.respondents,
            "questions": [q.code for q in line.category.questions.order_by("order", "id")],
        }
        for line in lines
    ]


def test_cooccurrence_recounted_for_changed_codes_equals_a_full_count():
    """After codings of some codes changed, counting again only the pairs that hold one of them
    gives what counting every pair gives."""
    import random
    from types import SimpleNamespace

    rng = random.Random(11)
    codes = [SimpleNamespace(id=i) for i in (5, 3, 9, 1, 7)]
    triples = {(rng.randrange(60), rng.choice(codes).id, 0) for _ in range(200)}
    before = stats.CategoryData(codes, sorted(triples)).cooccurrence()
    for _ in range(10):
        changed = set(rng.sample([c.id for c in codes], rng.randint(1, 3)))
        kept = {t for t in triples if t[1] not in changed}
        triples = kept | {(rng.randrange(60), rng.choice(sorted(changed)), 0) for _ in range(rng.randint(0, 60))}
        now = stats.CategoryData(codes, sorted(triples))
        recounted = now.recount_cooccurrence(before, changed)
        assert dict(recounted) == dict(now._count_cooccurrence())
        before = recounted
