"""Marking a changed answer as reviewed: the flag goes, the previous text stays for the
history, and an audit row says who looked at it and when."""

from django.db import transaction

from coding import audit
from surveys.models import Answer


def mark_reviewed(answer, *, by):
    """Returns False when the answer was not (or no longer) flagged."""
    with transaction.atomic():
        updated = Answer.objects.filter(pk=answer.pk, needs_review=True).update(needs_review=False)
        if updated:
            audit.record(answer.question.survey, audit.Action.ANSWER_REVIEWED, by=by, answer=answer)
    return bool(updated)
