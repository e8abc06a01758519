"""Writes of quotes: starring an answer as a quote for a category, and ordering the quotes.

Coders and the leader star quotes (roles.STAR_QUOTES; reviewers where the survey lets them),
and an admin decides what reviewers may write in a survey; every write is one transaction with an
audit row. The answer must belong to the category's survey (checked here, not only in views).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from coding import audit
from coding.models import Quote
from veiledning import roles


def _check(category, answer, by):
    if not roles.can_in(by, roles.STAR_QUOTES, category.survey):
        raise PermissionDenied
    if answer.question.survey_id != category.survey_id:
        raise ValidationError(_("The answer does not belong to this survey."), code="other_survey")


def star_quote(category, answer, *, by):
    """Add the answer as the category's last quote (nothing changes if it is one already)."""
    _check(category, answer, by)
    with transaction.atomic():
        quote = Quote.objects.select_for_update().filter(category=category, answer=answer).first()
        if quote:
            return quote
        last = Quote.objects.filter(category=category).aggregate(m=Max("position"))["m"]
        quote = Quote.objects.create(
            category=category, answer=answer, position=0 if last is None else last + 1, starred_by=by
        )
        audit.record(category.survey, audit.Action.QUOTE_STARRED, by=by, answer=answer, category=category)
    return quote


def unstar_quote(category, answer, *, by):
    """Remove the answer from the category's quotes; True if it was one."""
    _check(category, answer, by)
    with transaction.atomic():
        deleted, _rows = Quote.objects.filter(category=category, answer=answer).delete()
        if deleted:
            audit.record(category.survey, audit.Action.QUOTE_UNSTARRED, by=by, answer=answer, category=category)
    return bool(deleted)


def move_quote(quote, offset, *, by):
    """Move a quote `offset` places (−1 up, +1 down) among its category's quotes; positions
    are renumbered 0…n−1 so they stay dense."""
    category = quote.category
    _check(category, quote.answer, by)
    with transaction.atomic():
        quotes = list(Quote.objects.select_for_update().filter(category=category).order_by("position", "id"))
        ids = [q.id for q in quotes]
        if quote.id not in ids:
            return quote
        old = ids.index(quote.id)
        new = max(0, min(len(quotes) - 1, old + offset))
        if new == old:
            return quote
        quotes.insert(new, quotes.pop(old))
        for position, q in enumerate(quotes):
            q.position = position
        Quote.objects.bulk_update(quotes, ["position"])
        audit.record(
            category.survey,
            audit.Action.QUOTE_MOVED,
            by=by,
            answer=quote.answer,
            category=category,
            moved_from=old,
            moved_to=new,
        )
    return quote


def set_reviewer_rights(survey, *, findings, quotes, by):
    """Whether reviewers may write findings and star quotes in `survey` (admins decide)."""
    roles.check(by, roles.MANAGE_CATEGORIES)
    with transaction.atomic():
        survey.reviewers_write_findings = bool(findings)
        survey.reviewers_star_quotes = bool(quotes)
        survey.save(update_fields=["reviewers_write_findings", "reviewers_star_quotes"])
        audit.record(survey, audit.Action.AGREEMENT_SETTINGS, by=by, setting="reviewer_rights",
                     reviewers_write_findings=survey.reviewers_write_findings,
                     reviewers_star_quotes=survey.reviewers_star_quotes)
    return survey
