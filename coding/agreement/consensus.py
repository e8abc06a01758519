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
    rows = presence_rows(survey, [c.id for c in coders], answer_set)
    sample_ids = None
    if answer_set.sample is not None:
        sample_ids = set(answer_set.sample.answers.values_list("id", flat=True))
    who_coded, applied = {}, {}
    for answer_id, code_id, coder_id in rows.tolist():
        if sample_ids is not None and answer_id not in sample_ids:
            continue
        who_coded.setdefault(answer_id, set()).add(coder_id)
        applied.setdefault((answer_id, code_id), set()).add(coder_id)
    state = ConsensusState(pairable=sorted(a for a, people in who_coded.items() if len(people) >= 2))
    pairable = set(state.pairable)
    for (answer_id, code_id), people in applied.items():
        if answer_id not in pairable:
            continue
        if people == who_coded[answer_id]:
            state.agreed.add((answer_id, code_id))
        else:
            state.disagreements.add((answer_id, code_id))
    state.decided = set(
        ConsensusDecision.objects.filter(code__survey=survey, answer_id__in=state.pairable)
        .values_list("answer_id", "code_id")
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
