"""The agreement figures against published worked examples and hand-computed small cases."""

import numpy as np
import pytest

from coding.agreement.compute import binary_alpha_from_counts, cohen_kappa, compute, nominal_alpha

nan = np.nan

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
# twelve units, missing values; published nominal alpha = 0.743.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],  # observer A
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],  # observer B
    [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],  # observer C
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],  # observer D
]

A, B, C = 1, 2, 3
X, Y = 10, 20  # code ids; Y is used on every answer so that each coder has "coded" it


def test_krippendorff_2011_example_nominal_alpha_is_0_743():
    assert round(nominal_alpha(KRIPPENDORFF_2011), 3) == 0.743


def test_cohen_kappa_hand_computed_2x2_table():
    # both yes 20, only A 5, only B 10, both no 15: po = 0.7, pe = 0.5*0.6 + 0.5*0.4 = 0.5.
    assert cohen_kappa(20, 5, 10, 15) == pytest.approx(0.4)


def test_cohen_kappa_undefined_without_units_or_variation():
    assert cohen_kappa(0, 0, 0, 0) is None
    assert cohen_kappa(0, 0, 0, 7) is None
    assert cohen_kappa(7, 0, 0, 0) is None


def _rows(layers):
    """{coder: {answer: [codes]}} -> presence triples."""
    return [(answer, code, coder) for coder, answers in layers.items()
            for answer, codes in answers.items() for code in codes]


def test_perfect_agreement():
    layer = {1: [X, Y], 2: [X, Y], 3: [Y], 4: [Y]}
    result = compute(_rows({A: layer, B: layer}), coder_ids=[A, B], code_ids=[X, Y])
    x, y = result.codes
    assert (x.units, x.used, x.percent, x.alpha, x.kappa[(A, B)]) == (4, 4, 1.0, 1.0, 1.0)
    # Y on every answer by every coder: no variation, so alpha and kappa are undefined.
    assert (y.percent, y.alpha, y.kappa[(A, B)]) == (1.0, None, None)
    assert result.units == 4 and result.pooled_codes == 2


def test_total_disagreement():
    rows = _rows({A: {1: [X, Y], 2: [Y]}, B: {1: [Y], 2: [X, Y]}})
    x = compute(rows, coder_ids=[A, B], code_ids=[X]).codes[0]
    # n = 4 values, 2 present, 2 absent; each unit holds one disagreeing pair:
    # alpha = 1 - (4 - 1) * (1 + 1) / (2 * 2) = -0.5.
    assert x.alpha == pytest.approx(-0.5)
    assert x.percent == 0.0
    assert x.kappa[(A, B)] == pytest.approx(-1.0)


def test_code_nobody_used_is_undefined_not_zero_or_one():
    rows = _rows({A: {1: [Y], 2: [X]}, B: {1: [Y], 2: [X]}})
    unused = compute(rows, coder_ids=[A, B], code_ids=[X, Y, 99]).codes[2]
    assert unused.used == 0
    assert unused.alpha is None and unused.percent is None and unused.kappa[(A, B)] is None


def test_one_coder_only_is_undefined():
    rows = _rows({A: {1: [X], 2: [Y]}})
    result = compute(rows, coder_ids=[A, B], code_ids=[X, Y])
    assert result.units == 0
    assert result.alpha is None and result.percent is None and result.kappa[(A, B)] is None
    assert all(c.alpha is None and c.percent is None for c in result.codes)
    assert result.codes[0].used == 1


def test_missing_units_hand_computed():
    # Answer 1: A, B, C decide (X by A and B); 2: A, B (no X); 3: A, C (X by both);
    # 4: only A (X) — not pairable. m = 3, 2, 2; n = 7; present 4, absent 3;
    # observed = 2*1/(3-1) = 1; alpha = 1 - 6 * 1 / (4 * 3) = 0.5.
    rows = _rows({A: {1: [X], 2: [Y], 3: [X], 4: [X]}, B: {1: [X], 2: [Y]}, C: {1: [Y], 3: [X]}})
    result = compute(rows, coder_ids=[A, B, C], code_ids=[X])
    x = result.codes[0]
    assert x.units == 3 and result.units == 3 and result.answers == 4
    assert x.used == 5
    assert x.alpha == pytest.approx(0.5)
    assert x.percent == pytest.approx(3 / 5)  # 5 pairwise comparisons, 2 disagree (both on answer 1)
    assert x.kappa[(A, B)] == pytest.approx(1.0)  # answers 1 and 2
    assert x.kappa[(A, C)] == pytest.approx(0.0)  # answers 1 and 3
    matrix = [[1, 0, 1, 1], [1, 0, nan, nan], [0, nan, 1, nan]]
    assert nominal_alpha(matrix) == pytest.approx(0.5)


def test_an_answer_without_codes_is_missing_unless_assigned():
    rows = _rows({A: {1: [X], 2: [X]}, B: {1: [X]}})
    assert compute(rows, coder_ids=[A, B], code_ids=[X]).units == 1
    # Answer 2 is in B's finished sample: B left it without codes, so X is absent there.
    result = compute(rows, coder_ids=[A, B], code_ids=[X], assigned={B: [2]})
    x = result.codes[0]
    assert result.units == 2
    assert x.percent == 0.5
    assert x.alpha == pytest.approx(binary_alpha_from_counts([2, 2], [2, 1]))


def test_answer_set_limits_the_units():
    rows = _rows({A: {1: [X], 2: [Y]}, B: {1: [X], 2: [X]}})
    result = compute(rows, coder_ids=[A, B], code_ids=[X], answer_ids=[1])
    assert result.units == 1 and result.codes[0].used == 2


def test_spans_and_duplicates_count_once():
    rows = _rows({A: {1: [X, X, X], 2: [Y]}, B: {1: [X], 2: [Y]}})
    x = compute(rows, coder_ids=[A, B], code_ids=[X]).codes[0]
    assert x.used == 2 and x.alpha == 1.0


def _binary_matrix(rows, coders, answers, code):
    index = {a: i for i, a in enumerate(answers)}
    matrix = np.full((len(coders), len(answers)), nan)
    for answer, _code, coder in rows:
        matrix[coders.index(coder), index[answer]] = 0
    for answer, c, coder in rows:
        if c == code:
            matrix[coders.index(coder), index[answer]] = 1
    return matrix


@pytest.mark.parametrize("seed", range(6))
def test_vectorised_alpha_equals_the_krippendorff_package(seed):
    rng = np.random.default_rng(seed)
    coders, answers, codes = [5, 6, 7, 8], list(range(100, 160)), [1, 2, 3]
    rows = []
    for coder in coders:
        for answer in answers:
            if rng.random() < 0.75:
                rows.append((answer, 99, coder))
                rows += [(answer, code, coder)
                         for code, p in zip(codes, (0.5, 0.2, 0.05), strict=True) if rng.random() < p]
    result = compute(rows, coder_ids=coders, code_ids=codes)
    for agreement in result.codes:
        expected = nominal_alpha(_binary_matrix(rows, coders, answers, agreement.code_id))
        assert agreement.alpha == pytest.approx(expected, abs=1e-12)
    # Overall: the pooled table of every (answer, code) decision.
    pooled = np.concatenate([_binary_matrix(rows, coders, answers, code) for code in codes], axis=1)
    assert result.alpha == pytest.approx(nominal_alpha(pooled), abs=1e-12)


def test_krippendorff_2011_as_binary_codes_matches_the_package():
    """Each value of the 2011 data as a code ("observer chose value v"): the presence/absence
    alpha per value equals the package on the 0/1 matrix."""
    data = np.array(KRIPPENDORFF_2011)
    rows = [(u, int(data[c, u]), c) for c in range(4) for u in range(12) if not np.isnan(data[c, u])]
    result = compute(rows, coder_ids=[0, 1, 2, 3], code_ids=[1, 2, 3, 4, 5])
    for agreement in result.codes:
        binary = np.where(np.isnan(data), nan, (data == agreement.code_id).astype(float))
        assert agreement.alpha == pytest.approx(nominal_alpha(binary), abs=1e-12)
    assert result.units == 11  # unit 12 has a single value
