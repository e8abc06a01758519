"""Inter-coder agreement, computed with the answer as the unit.

For every code, each coder's decision on each answer is *present* (the coder applied the code
to the answer, to the whole answer or to any span of it) or *absent*. A coder's decision on an
answer is **missing** — not absent — unless the coder has coded that answer with at least one
code, or the answer is in `assigned` for that coder (an agreement sample the coder has been
told is finished, so an answer left without codes means "no code applies"). This keeps a coder
who has not yet reached an answer from counting as disagreeing with everyone who has.

Figures, per code and overall:

* **units** — answers with decisions from at least two of the chosen coders (pairable units).
  Every figure below is computed over these; an answer only one coder coded says nothing about
  agreement.
* **used** — how many times the code was applied: (answer, coder) pairs, over all answers in
  the set, pairable or not.
* **percent** — the share of pairwise comparisons that agree: for each pairable answer and each
  pair of coders who both decided on it, do they agree on presence? (With two coders: the share
  of answers on which they agree.) Absences agreeing count, so rare codes score high.
* **kappa** — Cohen's kappa for every pair of coders, on the answers both decided on.
* **alpha** — Krippendorff's alpha, nominal, any number of coders, missing values allowed.
* **ac1** — Gwet's AC1 (Gwet 2008), any number of coders, missing values allowed: observed
  agreement over the pairable units, chance agreement 2π(1−π) where π is the code's
  **prevalence**, the mean share of "present" per answer over every answer at least one coder
  decided on (as the irrCAC package computes it). Kappa and alpha take chance agreement from
  the same marginals in a way that, for a rare code, leaves almost nothing above chance, so they
  fall towards 0 even when the coders agree on nearly every answer; AC1 does not.

**Overall** pools every (answer, code) presence decision of the codes that at least one of the
chosen coders used on the set: alpha and kappa over that pooled table, percent over all pooled
pairwise comparisons. Codes nobody used are left out of the pool (they would only add agreeing
absences). Overall figures are therefore dominated by the frequent codes.

Undefined figures are ``None``, never 0 or 1: no pairable units, a code nobody used (its percent
too: "everyone agreed it is absent" is no evidence of a shared meaning), or a code
every coder applied to every unit (no variation: alpha's expected disagreement is zero; kappa's
chance agreement is one).

The computation is vectorised: per-code counts come from `numpy.bincount` over the sparse
(answer, code, coder) presence triples, so 300 codes cost no more than one. The binary alpha
formula (`binary_alpha_from_counts`) is checked against the `krippendorff` package in the tests;
`nominal_alpha` wraps that package for general nominal data.
"""

from dataclasses import dataclass, field
from itertools import combinations

import krippendorff
import numpy as np


@dataclass
class CodeAgreement:
    code_id: int
    units: int
    used: int
    percent: float | None  # a share, 0–1 (pages and exports show it as 0–100)
    alpha: float | None
    kappa: dict = field(default_factory=dict)  # (coder_a_id, coder_b_id) -> float | None
    ac1: float | None = None
    prevalence: float | None = None  # a share, 0–1: how often coders said "present"


@dataclass
class AgreementResult:
    coder_ids: list
    units: int  # pairable answers
    answers: int  # answers in the set coded by at least one chosen coder
    percent: float | None
    alpha: float | None
    kappa: dict
    codes: list  # CodeAgreement, in the order of `code_ids`
    pooled_codes: int = 0
    ac1: float | None = None
    prevalence: float | None = None

    @property
    def pairs(self):
        return list(combinations(self.coder_ids, 2))


def nominal_alpha(reliability_data):
    """Krippendorff's nominal alpha of a coders × units matrix (np.nan = missing), via the
    `krippendorff` package; None where alpha is undefined (fewer than two values that pair up,
    or only one value in the data)."""
    data = np.asarray(reliability_data, dtype=float)
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    data = data[:, pairable]
    values = data[~np.isnan(data)]
    if values.size < 2 or np.unique(values).size < 2:
        return None
    return _finite(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def binary_alpha_from_counts(m, n1):
    """Nominal alpha for presence/absence data from per-unit counts.

    `m[u]` = coders with a decision on unit u, `n1[u]` = of them, how many said present.
    Units with m < 2 are ignored. Vectorised version of Krippendorff's coincidence-matrix
    formula for two values: alpha = 1 - (n - 1) * sum_u n1 n0 / (m - 1) / (n1. * n0.)."""
    m = np.asarray(m, dtype=float)
    n1 = np.asarray(n1, dtype=float)
    keep = m >= 2
    m, n1 = m[keep], n1[keep]
    n = m.sum()
    total1 = n1.sum()
    total0 = n - total1
    if n < 2 or total1 == 0 or total0 == 0:
        return None
    observed = (n1 * (m - n1) / (m - 1)).sum()
    return _finite(1.0 - (n - 1) * observed / (total1 * total0))


def cohen_kappa(both, only_a, only_b, neither):
    """Cohen's kappa from a 2×2 table of two coders' presence decisions; None when undefined
    (no units, or chance agreement is 1 because both coders never varied the same way)."""
    n = both + only_a + only_b + neither
    if n == 0:
        return None
    observed = (both + neither) / n
    pa, pb = (both + only_a) / n, (both + only_b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    if expected >= 1.0:
        return None
    return _finite((observed - expected) / (1 - expected))


def gwet_ac1(agreement, prevalence):
    """Gwet's AC1 for presence/absence from the observed agreement and the prevalence π:
    chance agreement is 2π(1−π), never above 0.5, so AC1 is defined whenever both are."""
    if agreement is None or prevalence is None:
        return None
    chance = 2 * prevalence * (1 - prevalence)
    return _finite((agreement - chance) / (1 - chance))


def compute(rows, *, coder_ids, code_ids, answer_ids=None, assigned=None):
    """Agreement of `coder_ids` on every code of `code_ids`.

    `rows`: iterable of (answer_id, code_id, coder_id) presence triples (duplicates allowed,
    e.g. several spans). `answer_ids`: the set of answers to consider (None: every answer in
    `rows`). `assigned`: {coder_id: iterable of answer_ids} counted as decided by that coder
    even without codings. Rows for other coders, codes or answers are ignored."""
    coder_ids = list(dict.fromkeys(coder_ids))
    code_ids = list(dict.fromkeys(code_ids))
    triples = rows if isinstance(rows, np.ndarray) else np.array(list(rows), dtype=np.int64)
    triples = triples.astype(np.int64, copy=False).reshape(-1, 3)
    n_coders, n_codes = len(coder_ids), len(code_ids)

    answer_universe = triples[:, 0] if answer_ids is None else np.fromiter(answer_ids, dtype=np.int64)
    extra = [a for ids in (assigned or {}).values() for a in ids]
    if answer_ids is None and extra:
        answer_universe = np.concatenate([answer_universe, np.array(extra, dtype=np.int64)])
    answers = sorted_unique(answer_universe)
    n_units = answers.size

    coder_index = _indexer(coder_ids, triples[:, 2])
    code_index = _indexer(code_ids, triples[:, 1])
    unit_index = np.searchsorted(answers, triples[:, 0]) if n_units else np.zeros(len(triples), int)
    in_set = (unit_index < n_units) & (answers[np.minimum(unit_index, max(n_units - 1, 0))] == triples[:, 0]) \
        if n_units else np.zeros(len(triples), bool)
    keep = in_set & (coder_index >= 0)
    # Coded answers: any code counts (even one outside `code_ids`).
    coded = np.zeros((n_coders, n_units), dtype=bool)
    coded[coder_index[keep], unit_index[keep]] = True
    for coder_id, ids in (assigned or {}).items():
        if coder_id in coder_ids:
            ids = np.fromiter(ids, dtype=np.int64)
            pos = np.searchsorted(answers, ids)
            ok = (pos < n_units) & (answers[np.minimum(pos, max(n_units - 1, 0))] == ids) if n_units else pos < 0
            coded[coder_ids.index(coder_id), pos[ok]] = True

    keep &= code_index >= 0
    # Unique (code, coder, unit) presence keys.
    keys = sorted_unique((code_index[keep] * n_coders + coder_index[keep]) * max(n_units, 1) + unit_index[keep])
    p_unit = keys % max(n_units, 1)
    p_coder = (keys // max(n_units, 1)) % max(n_coders, 1)
    p_code = keys // (max(n_units, 1) * max(n_coders, 1))

    m = coded.sum(axis=0)  # decisions per unit (same for every code)
    pairable = m >= 2
    units = int(pairable.sum())
    used = np.bincount(p_code, minlength=n_codes)

    # n1[code, unit] for pairable units, kept sparse: (code, unit) -> count.
    on_pairable = pairable[p_unit]
    cu_keys, n1 = sorted_unique(p_code[on_pairable] * max(n_units, 1) + p_unit[on_pairable], counts=True)
    cu_code = cu_keys // max(n_units, 1)
    cu_m = m[cu_keys % max(n_units, 1)].astype(float)
    n1 = n1.astype(float)

    n_values = float(m[pairable].sum())  # pairable values per code
    total_pairs = float((m[pairable] * (m[pairable] - 1) / 2).sum())
    n1_total = np.bincount(cu_code, weights=n1, minlength=n_codes)
    observed = np.bincount(cu_code, weights=n1 * (cu_m - n1) / np.maximum(cu_m - 1, 1), minlength=n_codes)
    disagree_pairs = np.bincount(cu_code, weights=n1 * (cu_m - n1), minlength=n_codes)

    # AC1: observed agreement per pairable unit is n1(n1-1) + n0(n0-1) over m(m-1), i.e. one
    # minus 2·n1·n0/(m(m-1)); prevalence averages n1/m over every unit someone decided on.
    rated = int((m >= 1).sum())
    ac1_disagree = np.bincount(cu_code, weights=2 * n1 * (cu_m - n1) / np.maximum(cu_m * (cu_m - 1), 1),
                               minlength=n_codes)
    present_share = np.bincount(p_code, weights=1.0 / np.maximum(m[p_unit], 1), minlength=n_codes)

    kappa_tables = _kappa_tables(coded, p_code, p_coder, p_unit, n_codes, coder_ids)

    codes = []
    for k, code_id in enumerate(code_ids):
        codes.append(CodeAgreement(
            code_id=code_id,
            units=units,
            used=int(used[k]),
            percent=None if total_pairs == 0 or not used[k] else _finite(1 - disagree_pairs[k] / total_pairs),
            alpha=_alpha(n_values, n1_total[k], observed[k]),
            kappa={pair: cohen_kappa(*table[k]) for pair, table in kappa_tables.items()},
            **_ac1_fields(units, rated, used[k], ac1_disagree[k], present_share[k]),
        ))

    pooled = used > 0
    n_pooled = int(pooled.sum())
    overall_kappa = {pair: (cohen_kappa(*table[pooled].sum(axis=0)) if n_pooled else None)
                     for pair, table in kappa_tables.items()}
    return AgreementResult(
        coder_ids=coder_ids,
        units=units,
        answers=int(coded.any(axis=0).sum()),
        percent=(None if total_pairs == 0 or not n_pooled
                 else _finite(1 - disagree_pairs[pooled].sum() / (total_pairs * n_pooled))),
        alpha=_alpha(n_values * n_pooled, n1_total[pooled].sum(), observed[pooled].sum()) if n_pooled else None,
        kappa=overall_kappa,
        codes=codes,
        pooled_codes=n_pooled,
        **_ac1_fields(units * n_pooled, rated * n_pooled, n_pooled, ac1_disagree[pooled].sum(),
                      present_share[pooled].sum()),
    )


def _ac1_fields(units, rated, used, disagree, present_share):
    """{"ac1", "prevalence"} of one code (or of the pooled codes): None without pairable
    units or when nobody used the code."""
    if not units or not used or not rated:
        return {"ac1": None, "prevalence": None}
    prevalence = _finite(present_share / rated)
    return {"ac1": gwet_ac1(_finite(1 - disagree / units), prevalence), "prevalence": prevalence}


def _alpha(n, total1, observed):
    total0 = n - total1
    if n < 2 or total1 <= 0 or total0 <= 0:
        return None
    return _finite(1.0 - (n - 1) * observed / (total1 * total0))


def _kappa_tables(coded, p_code, p_coder, p_unit, n_codes, coder_ids):
    """{(coder_a_id, coder_b_id): array[n_codes, 4]} of (both, only a, only b, neither) counts
    over the units both coders decided on."""
    tables = {}
    n_units = coded.shape[1]
    stride = max(n_units, 1)
    for a, b in combinations(range(len(coder_ids)), 2):
        shared = coded[a] & coded[b]
        n_shared = int(shared.sum())
        keys_a = p_code[(p_coder == a) & shared[p_unit]] * stride + p_unit[(p_coder == a) & shared[p_unit]]
        keys_b = p_code[(p_coder == b) & shared[p_unit]] * stride + p_unit[(p_coder == b) & shared[p_unit]]
        count_a = np.bincount(keys_a // stride, minlength=n_codes)
        count_b = np.bincount(keys_b // stride, minlength=n_codes)
        both = np.bincount(np.intersect1d(keys_a, keys_b, assume_unique=True) // stride, minlength=n_codes)
        only_a, only_b = count_a - both, count_b - both
        neither = n_shared - both - only_a - only_b
        tables[(coder_ids[a], coder_ids[b])] = np.stack([both, only_a, only_b, neither], axis=1)
    return tables


def sorted_unique(values, counts=False):
    """Sorted unique values (and their counts): np.unique by sorting, which for int64 keys is
    several times faster here than the hash-based path numpy 2 picks."""
    values = np.sort(np.asarray(values, dtype=np.int64))
    starts = np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1]))) if values.size else \
        np.zeros(0, dtype=np.int64)
    unique = values[starts]
    if not counts:
        return unique
    return unique, np.diff(np.append(starts, values.size))


def _indexer(ids, values):
    """Positions of `values` in `ids` (-1 where absent), vectorised."""
    if not ids:
        return np.full(len(values), -1, dtype=np.int64)
    order = np.argsort(ids)
    sorted_ids = np.asarray(ids, dtype=np.int64)[order]
    pos = np.searchsorted(sorted_ids, values)
    pos_clipped = np.minimum(pos, len(ids) - 1)
    found = sorted_ids[pos_clipped] == values
    return np.where(found, order[pos_clipped], -1)


def _finite(value):
    value = float(value)
    return value if np.isfinite(value) else None
