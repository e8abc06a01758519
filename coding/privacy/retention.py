"""Retention: what is due on a date, and doing it (the `apply_retention` command, run by cron).

On a survey's delete-by date it is deleted whole, or anonymised: every finding not rejected is
pseudonymised, respondents lose their attributes and keys, the import files go. Originals kept
after a pseudonymisation are deleted on their keep-until date. Every step is logged without
any answer text; an anonymised survey also gets a history row."""

import datetime
import logging

from django.db import transaction

from coding import audit
from coding.models import Code, Coding, Finding, RetainedOriginal
from coding.privacy import actions, queries
from surveys.models import RETENTION_WARNING_DAYS, ImportRun, Respondent, Survey

log = logging.getLogger("veiledning.retention")
WARN_DAYS = RETENTION_WARNING_DAYS


def due(today):
    return Survey.objects.filter(delete_by__lte=today).order_by("delete_by", "slug")


def upcoming(today, days=WARN_DAYS):
    """Surveys whose delete-by date falls within `days` after today: the admins are warned."""
    last = today + datetime.timedelta(days=days)
    return Survey.objects.filter(delete_by__gt=today, delete_by__lte=last).order_by("delete_by")


def apply_retention(today, *, dry_run=False):
    """Do what is due on `today`. Returns a list of (slug or "-", what was done) lines."""
    done = []
    originals = RetainedOriginal.objects.filter(keep_until__lte=today)
    if originals.exists():
        n = originals.count()
        if not dry_run:
            originals.delete()
        done.append(("-", f"deleted {n} original texts kept after pseudonymisation"))
    for survey in due(today):
        if survey.retention_action == "anonymise":
            line = f"anonymised (delete-by date {survey.delete_by})"
            if not dry_run:
                anonymise_survey(survey)
        else:
            line = f"deleted (delete-by date {survey.delete_by})"
            if not dry_run:
                delete_survey(survey)
        done.append((survey.slug, line))
    for survey in upcoming(today):
        done.append((survey.slug, f"warning: due on {survey.delete_by}"))
    for slug, line in done:
        log.warning("retention %s%s: %s", "(dry run) " if dry_run else "", slug, line)
    return done


def delete_survey(survey):
    """The survey and everything in it. Codings protect their codes and a parent code its
    children (neither can be deleted by itself), so the codings go first and the tree is flattened."""
    with transaction.atomic():
        Coding.objects.filter(answer__question__survey=survey).delete()
        Code.objects.filter(survey=survey).update(parent=None)
        survey.delete()


def anonymise_survey(survey):
    with transaction.atomic():
        actions.scan_survey(survey, by=None)
        queries.findings_for(survey).filter(status=Finding.Status.SUGGESTED).update(status=Finding.Status.CONFIRMED)
        if queries.findings_for(survey).filter(status=Finding.Status.CONFIRMED).exists():
            actions.pseudonymise_survey(survey, by=None)
        respondents = list(Respondent.objects.for_survey(survey).order_by("id"))
        for n, respondent in enumerate(respondents, start=1):
            respondent.external_key, respondent.attributes = f"anonym-{n}", {}
        Respondent.objects.bulk_update(respondents, ["external_key", "attributes"])
        RetainedOriginal.objects.filter(answer__question__survey=survey).delete()
        ImportRun.objects.filter(survey=survey).update(content=b"", errors=[], filename="", undo={})
        delete_by = survey.delete_by
        survey.delete_by = None
        survey.save(update_fields=["delete_by"])
        audit.record(survey, audit.Action.RETENTION_APPLIED, by=None, anonymised=True,
                     delete_by=delete_by.isoformat() if delete_by else None, respondents=len(respondents))
