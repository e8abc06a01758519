"""The consensus layer as reconciliation builds it: every code the compared coders agree on,
plus the decisions on the codes they disagree on.

An answer *pairs* when at least two of the compared coders coded it. On such an answer a code
is **agreed** when every one of them applied it (agreed present) or none did (agreed absent,
which needs no row: a code without a present decision is absent from the consensus layer), and
a **disagreement** otherwise. "Accept all agreements" writes a present decision for every
agreed-present pair that has no decision yet; explicit decisions are never overwritten.

`coverage` says how many answers the consensus layer holds a decision on, so a dashboard that
reads it can say how much of the survey it describes.
"""

from dataclasses import dataclass, field

from coding.agreement.actions import sample_candidates
from coding.agreement.queries import presence_rows
from coding.models import ConsensusDecision

SMALL_SHARE = 0.5  # below this share of the answers, a consensus dashboard warns


@dataclass
class ConsensusState:
    """What reconciliation of `coders` on an answer set stands at."""

    pairable: list = field(default_factory=list)  # answer ids coded by at least two, in order
    agreed: set = field(default_factory=set)  # (answer_id, code_id) every deciding coder applied
    disagreements: set = field(default_factory=set)  # (answer_id, code_id) the coders differ on
    decided: set = field(default_factory=set)  # (answer_id, code_id) with a consensus decision

    @property
    def undecided(self):
        return self.disagreements - self.decided

    @property
    def to_accept(self):
        return self.agreed - self.decided

    def answers_to_reconcile(self):
        """Answer ids with a disagreement not yet decided, in order: this count goes down."""
        open_answers = {a for a, _c in self.undecided}
        return [a for a in self.pairable if a in open_answers]


def consensus_state(survey, coders, answer_set):
    """Vectorised over dense ranks of answers, codes and coders (the reconciliation page reads
    this for 150,000 codings): coders per answer (m) and coders who applied each code (n1)."""
    import numpy as np  # numpy only when a reconciliation is computed

    from coding.agreement.compute import sorted_unique

    rows = presence_rows(survey, [c.id for c in coders], answer_set)
    if answer_set.sample is not None and len(rows):
        sample_ids = np.fromiter(answer_set.sample.answers.values_list("id", flat=True), dtype=np.int64)
        rows = rows[np.isin(rows[:, 0], sample_ids)]
    state = ConsensusState()
    if len(rows):
        answer_ids, code_ids = sorted_unique(rows[:, 0]), sorted_unique(rows[:, 1])
        a, c = np.searchsorted(answer_ids, rows[:, 0]), np.searchsorted(code_ids, rows[:, 1])
        p = np.searchsorted(sorted_unique(rows[:, 2]), rows[:, 2])
        n_codes, n_people = int(c.max()) + 1, int(p.max()) + 1
        m = np.bincount(sorted_unique(a * n_people + p) // n_people, minlength=answer_ids.size)
        answer_code, n1 = sorted_unique(sorted_unique((a * n_codes + c) * n_people + p) // n_people, counts=True)
        of_answer, of_code = answer_code // n_codes, answer_code % n_codes
        pairs = m[of_answer] >= 2
        state.pairable = answer_ids[m >= 2].tolist()
        for target, mask in ((state.agreed, pairs & (n1 == m[of_answer])),
                             (state.disagreements, pairs & (n1 < m[of_answer]))):
            target.update(zip(answer_ids[of_answer[mask]].tolist(), code_ids[of_code[mask]].tolist(), strict=True))
    state.decided = set(
        # Every decision of the survey (no IN list of thousands of ids); only pairs that meet
        # `agreed` or `disagreements` matter.
        ConsensusDecision.objects.filter(code__survey=survey).values_list("answer_id", "code_id")
    )
    return state


@dataclass
class Coverage:
    covered: int  # answers with at least one consensus decision
    total: int  # non-empty answers to open questions

    @property
    def share(self):
        return self.covered / self.total if self.total else 0.0

    @property
    def percent(self):
        return self.share * 100

    @property
    def small(self):
        return self.share < SMALL_SHARE


def coverage(survey):
    covered = ConsensusDecision.objects.filter(code__survey=survey).values("answer_id").distinct().count()
    return Coverage(covered=covered, total=sample_candidates(survey).count())
