"""Writes of the agreement work: blind mode, opening the comparison, drawing a double-coding
sample, and the consensus decisions of reconciliation.

Every function checks that the acting user may manage agreement, runs in one transaction and
records an audit row. Refusals a person can cause are `AgreementError`s with a message.
"""

import random

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from coding import audit
from coding.models import AgreementSample, ConsensusDecision, Memo
from surveys.models import Answer, Question
from veiledning import roles
from veiledning.refusals import Refusal

Action = audit.Action
SETTINGS_CHANGED = Action.AGREEMENT_SETTINGS
SAMPLE_DRAWN = Action.SAMPLE_DRAWN


class AgreementError(Refusal):
    """A refusal with a message for the person (the view answers 400)."""


def set_blind_mode(survey, on, *, by):
    """Turn blind coding on or off. Turning it on closes the comparison again."""
    roles.check(by, roles.MANAGE_AGREEMENT)
    with transaction.atomic():
        survey.blind_coding = bool(on)
        if on:
            survey.comparison_open = False
        survey.save(update_fields=["blind_coding", "comparison_open"])
        audit.record(survey, SETTINGS_CHANGED, by=by, blind_coding=survey.blind_coding,
                     comparison_open=survey.comparison_open)
    return survey


def open_comparison(survey, *, by):
    """Let coders see each other's layers (and the agreement figures) in blind mode."""
    roles.check(by, roles.MANAGE_AGREEMENT)
    with transaction.atomic():
        survey.comparison_open = True
        survey.save(update_fields=["comparison_open"])
        audit.record(survey, SETTINGS_CHANGED, by=by, blind_coding=survey.blind_coding, comparison_open=True)
    return survey


def sample_candidates(survey, questions=None):
    """Answers a sample is drawn from: non-empty answers to open questions, by id."""
    answers = Answer.objects.filter(question__survey=survey, question__kind=Question.Kind.OPEN).exclude(
        text__regex=r"^\s*$"
    )
    if questions is not None:
        answers = answers.filter(question__in=questions)
    return answers.order_by("id").values_list("id", "question_id")


def choose_sample(candidates, size, seed, stratified=False):
    """Pick `size` answer ids from (answer_id, question_id) pairs, reproducibly: the same
    candidates and seed give the same ids. Stratified: each question gets its share of the
    sample in proportion to its answers (largest remainder), drawn within the question."""
    candidates = sorted(candidates)
    size = min(size, len(candidates))
    rng = random.Random(seed)
    if not stratified:
        return sorted(rng.sample([a for a, _q in candidates], size))
    strata = {}
    for answer_id, question_id in candidates:
        strata.setdefault(question_id, []).append(answer_id)
    total = len(candidates)
    quotas = {q: size * len(ids) / total for q, ids in strata.items()}
    counts = {q: int(quota) for q, quota in quotas.items()}
    leftover = size - sum(counts.values())
    for q in sorted(quotas, key=lambda q: (-(quotas[q] - counts[q]), q))[:leftover]:
        counts[q] += 1
    chosen = []
    for q in sorted(strata):
        chosen += rng.sample(strata[q], counts[q])
    return sorted(chosen)


def draw_sample(survey, *, by, name, size, seed, coders, questions=None, stratified=False):
    """Draw a reproducible random sample of answers and assign it to two or more coders."""
    roles.check(by, roles.MANAGE_AGREEMENT)
    coders = list(dict.fromkeys(coders))
    name = (name or "").strip()
    if not name:
        raise AgreementError(_("Give the sample a name."))
    if len(coders) < 2:
        raise AgreementError(_("Choose at least two coders."))
    if any(not roles.can(c, roles.CODE) for c in coders):
        raise AgreementError(_("Every chosen person must be a coder."))
    if size < 1:
        raise AgreementError(_("The sample needs at least one answer."))
    if questions is not None and any(q.survey_id != survey.id for q in questions):
        raise AgreementError(_("A chosen question belongs to another survey."))
    answer_ids = choose_sample(sample_candidates(survey, questions), size, seed, stratified)
    if not answer_ids:
        raise AgreementError(_("There are no answers to draw from."))
    try:
        with transaction.atomic():
            sample = AgreementSample.objects.create(
                survey=survey, name=name, seed=seed, stratified=stratified, created_by=by
            )
            sample.answers.set(answer_ids)
            sample.coders.set(coders)
            audit.record(survey, SAMPLE_DRAWN, by=by, sample=name, seed=seed, size=len(answer_ids),
                         stratified=stratified, coders=[c.username for c in coders],
                         questions=[q.code for q in questions or []])
    except IntegrityError:
        raise AgreementError(_("A sample with this name exists already.")) from None
    return sample


def decide_consensus(answer, code, present, *, by, reason="", sharpen_note=""):
    """Write the consensus decision for (answer, code) — exactly one row per pair, updated on a
    second decision — and, when `sharpen_note` is given, a memo on the code saying its
    description needs sharpening."""
    roles.check(by, roles.MANAGE_AGREEMENT)
    survey = answer.question.survey
    if code.survey_id != survey.id:
        raise AgreementError(_("The code belongs to another survey."))
    with transaction.atomic():
        decision, created = ConsensusDecision.objects.update_or_create(
            answer=answer, code=code,
            defaults={"present": bool(present), "reason": reason.strip(), "decided_by": by},
        )
        audit.record(survey, Action.CONSENSUS_DECIDED, by=by, answer=answer, code=code,
                     rationale=reason.strip(), present=bool(present), created=created)
        sharpen_note = sharpen_note.strip()
        if sharpen_note:
            memo = Memo.objects.create(author=by, code=code, text=sharpen_note)
            audit.record(survey, Action.MEMO_WRITTEN, by=by, code=code, memo_id=memo.id,
                         reason="description needs sharpening", answer_id=answer.id)
    return decision


def accept_agreements(survey, state, *, by):
    """Put every agreed-present code of `state` (a `consensus.ConsensusState`) that has no
    decision yet into the consensus layer, in one action. Explicit decisions stay as they are.
    Returns how many decisions were written."""
    roles.check(by, roles.MANAGE_AGREEMENT)
    pairs = sorted(state.to_accept)
    with transaction.atomic():
        ConsensusDecision.objects.bulk_create(
            [ConsensusDecision(answer_id=a, code_id=c, present=True, decided_by=by) for a, c in pairs],
            ignore_conflicts=True,
        )
        audit.record(survey, Action.CONSENSUS_DECIDED, by=by, accepted_agreements=len(pairs),
                     answers=len({a for a, _c in pairs}))
    return len(pairs)
