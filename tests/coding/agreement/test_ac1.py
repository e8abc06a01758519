"""Gwet's AC1 per code and overall: a published 2×2 example, figures of the irrCAC package,
and the undefined cases ("undefined", never 1.0)."""

import numpy as np
import pytest

from coding.agreement.compute import compute, gwet_ac1

nan = np.nan
A, B, C = 1, 2, 3
X, Y = 10, 20  # X is the code under test; Y marks every answer a coder has decided on


def _rows_from_matrix(matrix):
    """(answer, code, coder) triples from a coders × answers matrix of 1 / 0 / nan for code X."""
    rows = []
    for coder, values in zip((A, B, C), matrix, strict=False):
        for unit, value in enumerate(values, start=1):
            if np.isnan(value):
                continue
            rows.append((unit, Y, coder))
            if value == 1:
                rows.append((unit, X, coder))
    return rows


def _two_by_two(both, only_a, only_b, neither):
    column = [(1, 1)] * both + [(1, 0)] * only_a + [(0, 1)] * only_b + [(0, 0)] * neither
    return [[a for a, _b in column], [b for _a, b in column]]


def test_gwet_2008_paradox_table_kappa_near_zero_ac1_high():
    # The 2×2 table used to show the kappa paradox (Gwet 2008; Wongpakaran et al. 2013):
    # 125 subjects, both raters "yes" 118, only A 5, only B 2, both "no" 0. Observed agreement
    # 0.944; kappa ≈ -0.023 while AC1 ≈ 0.941 (irrCAC 0.4.4 gives AC1 0.94078, pe 0.05443).
    result = compute(_rows_from_matrix(_two_by_two(118, 5, 2, 0)), coder_ids=[A, B], code_ids=[X])
    x = result.codes[0]
    assert x.kappa[(A, B)] == pytest.approx(-0.0234, abs=1e-4)
    assert x.ac1 == pytest.approx(0.94078, abs=1e-5)
    assert x.prevalence == pytest.approx((123 / 125 + 120 / 125) / 2)
    assert x.units == 125


def test_rare_code_with_near_total_agreement_kappa_and_alpha_collapse_ac1_does_not():
    # 380 answers, the code applied by both to 1 answer, by one coder only to 2 more.
    result = compute(_rows_from_matrix(_two_by_two(1, 1, 1, 377)), coder_ids=[A, B], code_ids=[X])
    x = result.codes[0]
    assert x.percent == pytest.approx(378 / 380)
    assert x.kappa[(A, B)] < 0.5 and x.alpha < 0.5
    assert x.ac1 > 0.99


@pytest.mark.parametrize(("matrix", "expected"), [
    # Three raters with missing ratings, every answer rated by at least two: irrCAC 0.4.4 AC1.
    ([[1, 1, 0, 0, 1, nan, 0, 1], [1, 0, 0, nan, 1, 1, 0, 1], [1, 1, 0, 0, nan, nan, 1, 1]], 0.64146),
    # The same with a ninth answer only rater C rated: it counts towards the prevalence.
    ([[1, 1, 0, 0, 1, nan, 0, 1, nan], [1, 0, 0, nan, 1, 1, 0, 1, nan],
      [1, 1, 0, 0, nan, nan, 1, 1, 1]], 0.65714),
])
def test_three_coders_with_missing_values_match_irrcac(matrix, expected):
    x = compute(_rows_from_matrix(matrix), coder_ids=[A, B, C], code_ids=[X]).codes[0]
    assert x.ac1 == pytest.approx(expected, abs=1e-5)


@pytest.mark.parametrize("seed", range(5))
def test_random_matrices_match_the_irrcac_package(seed):
    """Against irrCAC where it is installed (it pins numpy 1.x, so it is not a project
    dependency: `pip install irrcac==0.4.4` into a separate environment to run this)."""
    irr = pytest.importorskip("irrCAC.raw")
    pandas = pytest.importorskip("pandas")
    rng = np.random.default_rng(seed)
    matrix = (rng.random((3, 40)) < 0.2).astype(float)
    matrix[rng.random((3, 40)) < 0.2] = nan
    matrix[:, (~np.isnan(matrix)).sum(axis=0) == 0] = 0.0
    frame = pandas.DataFrame(matrix.T, columns=["a", "b", "c"])
    expected = irr.CAC(frame).gwet()["est"]["coefficient_value"]
    x = compute(_rows_from_matrix(matrix), coder_ids=[A, B, C], code_ids=[X]).codes[0]
    assert x.ac1 == pytest.approx(expected, abs=1e-5)


def test_code_nobody_used_is_undefined_not_one():
    rows = _rows_from_matrix([[0, 0, 0], [0, 0, 0]])
    x = compute(rows, coder_ids=[A, B], code_ids=[X]).codes[0]
    assert x.used == 0 and x.ac1 is None and x.prevalence is None


def test_coders_who_share_no_answer_give_undefined():
    rows = _rows_from_matrix([[1, 0, nan, nan], [nan, nan, 1, 0]])
    result = compute(rows, coder_ids=[A, B], code_ids=[X, Y])
    assert result.units == 0
    assert result.ac1 is None and all(c.ac1 is None for c in result.codes)


def test_overall_pools_the_codes_someone_used():
    # X: agree on 3 of 4 answers; Y: applied by both to all 4 (perfect); code 99 unused.
    rows = _rows_from_matrix([[1, 0, 0, 1], [1, 0, 1, 1]])
    result = compute(rows, coder_ids=[A, B], code_ids=[X, Y, 99])
    # Pooled over 8 (answer, code) units: agreement 7/8; prevalence (X 5/8 + Y 1) / 2.
    prevalence = (5 / 8 + 1) / 2
    assert result.prevalence == pytest.approx(prevalence)
    assert result.ac1 == pytest.approx(gwet_ac1(7 / 8, prevalence))
    assert result.codes[2].ac1 is None


def test_gwet_ac1_formula():
    assert gwet_ac1(0.944, 0.972) == pytest.approx(0.94078, abs=1e-5)
    assert gwet_ac1(None, 0.5) is None
