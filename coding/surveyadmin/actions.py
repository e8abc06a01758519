"""Writes of a survey as a whole. Settings changes get an audit row naming each field's old
and new value; blind mode goes through the agreement's own action (and history). Deleting a
survey writes a surveys.SurveyLog row first, which keeps its title and short name after the
survey and its audit trail are gone."""

from django.db import transaction

from coding import audit
from coding.agreement.actions import set_blind_mode
from coding.models import CategoryCode, Code, Coding
from surveys.models import Survey, SurveyLog


def update_survey(survey, *, by, **fields):
    """Change the survey's settings; returns the names of the fields that changed."""
    unknown = set(fields) - {f.name for f in Survey._meta.get_fields()}
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    with transaction.atomic():
        current = Survey.objects.select_for_update().get(pk=survey.pk)
        blind = fields.pop("blind_coding", current.blind_coding)
        changes = {
            name: {"old": getattr(current, name), "new": value}
            for name, value in fields.items() if getattr(current, name) != value
        }
        if changes:
            Survey.objects.filter(pk=current.pk).update(**{name: c["new"] for name, c in changes.items()})
            current.refresh_from_db()
            audit.record(current, audit.Action.SURVEY_CHANGED, by=by, changes=changes)
        if bool(blind) != current.blind_coding:
            set_blind_mode(current, blind, by=by)
            changes["blind_coding"] = {"old": not blind, "new": bool(blind)}
    return current, sorted(changes)


def delete_survey(survey, *, by):
    """Delete the survey with everything in it. Codings and codes are deleted first, leaves
    first: they protect themselves against being deleted one by one elsewhere."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        counts = {
            "respondents": survey.respondents.count(),
            "questions": survey.questions.count(),
            "codes": survey.codes.count(),
            "codings": Coding.objects.for_survey(survey).count(),
        }
        SurveyLog.objects.create(survey=survey, title=survey.title, slug=survey.slug,
                                 action=SurveyLog.Action.DELETED, actor=by, data=counts)
        Coding.objects.for_survey(survey).delete()
        CategoryCode.objects.filter(code__survey=survey).delete()
        codes = Code.objects.filter(survey=survey)
        while codes.exists():
            codes.filter(children__isnull=True).delete()
        survey.delete()
    return counts
