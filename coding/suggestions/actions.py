"""Writes of the suggestions: accept or dismiss a suggested code, code similar answers in one
batch, and undo that batch. The scores are the server's own, computed again here: a client
cannot post a score or evidence. An accepted suggestion becomes an ordinary coding of the coder
(through the workspace's `apply_code`, with its audit row) and a SuggestionDecision that marks
it "suggested" and keeps the score for the audit trail."""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from coding import audit
from coding.errors import InvalidInput, NotFound
from coding.models import Coding, SuggestionDecision
from coding.suggestions import queries
from coding.workspace.actions import apply_code

Action = audit.Action
Decision = SuggestionDecision.Decision


def _offered(answer, code, by, layer):
    """The suggestion of `code` for `answer` as offered now, or a refusal."""
    _result, found = queries.raw_suggestions(answer, by, layer, limit=10)
    for suggestion in found:
        if suggestion.code_id == code.pk:
            return suggestion
    raise NotFound(_("This code is no longer suggested for this answer. The suggestions have been updated."))


def accept_suggestion(answer, code, *, by, layer):
    """Code `answer` with the suggested `code` in `by`'s layer; returns the coding."""
    suggestion = _offered(answer, code, by, layer)
    with transaction.atomic():
        coding, _created = apply_code(answer, code, by=by)
        SuggestionDecision.objects.update_or_create(
            answer=answer, code=code, coder=by,
            defaults={"decision": Decision.ACCEPTED, "coding_id": coding.pk, "score": suggestion.score,
                      "evidence": suggestion.evidence, "batch": None},
        )
        audit.record(answer.question.survey, Action.SUGGESTION_ACCEPTED, by=by, answer=answer, code=code,
                     score=suggestion.score, evidence=suggestion.evidence, coding_id=coding.pk,
                     layer=str(layer))
    return coding


def dismiss_suggestion(answer, code, *, by, layer):
    """Remember that `by` does not want `code` suggested for `answer` again."""
    suggestion = _offered(answer, code, by, layer)
    with transaction.atomic():
        SuggestionDecision.objects.update_or_create(
            answer=answer, code=code, coder=by,
            defaults={"decision": Decision.DISMISSED, "coding": None, "score": suggestion.score,
                      "evidence": suggestion.evidence},
        )
        audit.record(answer.question.survey, Action.SUGGESTION_DISMISSED, by=by, answer=answer, code=code,
                     score=suggestion.score, evidence=suggestion.evidence, layer=str(layer))


def code_similar(survey, code, answer_ids, *, by, layer):
    """Apply `code` to the ticked answers of the "code similar answers" list, as one batch that
    can be undone. Only answers the list offers now are coded. Returns (batch id, codings added)."""
    offered = {answer.pk: (answer, score, nearest)
               for answer, score, nearest in queries.similar_answers(survey, code, by, layer, limit=500)}
    chosen = [offered[a] for a in dict.fromkeys(answer_ids) if a in offered]
    if not chosen:
        raise InvalidInput(_("Tick at least one of the answers in the list."))
    batch = uuid.uuid4()
    added = []
    with transaction.atomic():
        for answer, score, nearest in chosen:
            coding, created = apply_code(answer, code, by=by)
            if not created:
                continue
            SuggestionDecision.objects.update_or_create(
                answer=answer, code=code, coder=by,
                defaults={"decision": Decision.ACCEPTED, "coding_id": coding.pk, "score": score,
                          "evidence": [nearest], "batch": batch},
            )
            added.append(coding.pk)
        audit.record(survey, Action.SIMILAR_CODED, by=by, code=code, batch=str(batch), codings=added,
                     answers=[a.pk for a, _s, _n in chosen], layer=str(layer))
    return batch, len(added)


def undo_similar(survey, batch, *, by):
    """Remove the codings of `by`'s batch that are still there; returns how many."""
    with transaction.atomic():
        decisions = list(SuggestionDecision.objects.select_for_update().filter(
            batch=batch, coder=by, code__survey=survey).select_related("code"))
        if not decisions:
            raise NotFound(_("This batch does not exist, or it is not yours."))
        coding_ids = [d.coding_id for d in decisions if d.coding_id]
        removed = Coding.objects.filter(pk__in=coding_ids, coder=by).delete()[1].get("coding.Coding", 0)
        SuggestionDecision.objects.filter(pk__in=[d.pk for d in decisions]).delete()
        audit.record(survey, Action.SIMILAR_UNDONE, by=by, code=decisions[0].code, batch=str(batch),
                     codings=coding_ids, removed=removed)
    return removed
