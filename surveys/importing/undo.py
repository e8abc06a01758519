"""Undoing a survey's last import: what the import is about to change is kept on its
ImportRun (`undo`), and `undo_import` puts it back.

The snapshot holds the highest ids before the import (everything above them it created),
every question's fields as they were, and the old values of the respondents and answers it
changes or removes. Undo is refused when a higher layer says that something was built on
the import's answers since (the coding app: codings or memos added after it), through the
`answers_used_since` signal; the survey layer never asks the coding app directly."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from surveys.models import Answer, ImportRun, MunicipalityGroup, Question, Respondent
from surveys.signals import answers_used_since
from veiledning.refusals import Refusal

ANSWER_FIELDS = ["respondent_id", "question_id", "text", "number", "choices", "not_applicable", "needs_review",
                 "previous_text"]
QUESTION_FIELDS = ["text", "kind", "scale_min", "scale_max", "scale_labels", "not_applicable_labels", "options",
                   "order", "parent_id"]


def _max(queryset):
    return queryset.aggregate(m=Max("id"))["m"] or 0


def snapshot(p):
    """What undoing the plan `p` needs, read before it is applied (inside its transaction)."""
    survey = p.survey
    answer_ids = [pk for pk, _v, _old in p.changed_answers] + [pk for pk, _old in p.removed_answers]
    respondent_ids = [pk for pk, _r in p.changed_respondents]
    return {
        "max_question": _max(Question.objects.filter(survey=survey)),
        "max_respondent": _max(Respondent.objects.filter(survey=survey)),
        "max_answer": _max(Answer.objects.filter(question__survey=survey)),
        "max_group": _max(MunicipalityGroup.objects.filter(survey=survey)),
        "questions": list(Question.objects.filter(survey=survey).values("id", *QUESTION_FIELDS)),
        "respondents": list(Respondent.objects.filter(pk__in=respondent_ids)
                            .values("id", "municipality_id", "group_id", "attributes")),
        "answers": list(Answer.objects.filter(pk__in=answer_ids).values("id", *ANSWER_FIELDS)),
    }


def last_import(survey):
    """The survey's newest finished import, if it can be undone."""
    run = ImportRun.objects.filter(survey=survey, status=ImportRun.Status.DONE).order_by("-id").first()
    return run if run is not None and run.undo else None


def undo_import(run, *, by):
    """Put the survey back as it was before `run`. Refused (nothing changed) if the run is not
    the survey's last import, or if its answers were coded since."""
    survey = run.survey
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        latest = last_import(survey)
        if latest is None or latest.pk != run.pk:
            raise Refusal(_("Only the survey's last import can be undone, and only once."), status=409)
        data = run.undo
        created = list(Answer.objects.filter(question__survey=survey, id__gt=data["max_answer"])
                       .values_list("id", flat=True))
        touched = created + [row["id"] for row in data["answers"]]
        used = set()
        for _receiver, ids in answers_used_since.send(sender=Answer, answer_ids=touched, since=run.finished_at()):
            used.update(ids)
        if used:
            raise Refusal(ngettext(
                "The import cannot be undone: %(n)s answer it added or changed has been coded or given a memo "
                "since. Nothing was changed. Remove that coding or memo first, or import a corrected file instead.",
                "The import cannot be undone: %(n)s answers it added or changed have been coded or given a memo "
                "since. Nothing was changed. Remove those codings and memos first, or import a corrected file "
                "instead.",
                len(used)) % {"n": len(used)}, status=409, code="coded_since")
        Answer.objects.filter(pk__in=created).delete()
        _restore_answers(data["answers"])
        Respondent.objects.filter(survey=survey, id__gt=data["max_respondent"]).delete()
        for row in data["respondents"]:
            Respondent.objects.filter(pk=row.pop("id")).update(**row)
        Question.objects.filter(survey=survey, id__gt=data["max_question"]).delete()
        for row in data["questions"]:
            Question.objects.filter(pk=row.pop("id")).update(**row)
        MunicipalityGroup.objects.filter(survey=survey, id__gt=data["max_group"]).delete()
        run.status = ImportRun.Status.UNDONE
        run.summary = {**run.summary, "undone_at": timezone.now().isoformat(),
                       "undone_by": by.get_username() if by is not None else ""}
        run.save(update_fields=["status", "summary"])
    return run


def _restore_answers(rows):
    """Old values back on the answers the import changed or emptied; those it deleted
    (uncoded answers missing from the file) are created again with their old ids."""
    existing = set(Answer.objects.filter(pk__in=[r["id"] for r in rows]).values_list("id", flat=True))
    now = timezone.now()
    again = []
    for row in rows:
        fields = {k: row[k] for k in ANSWER_FIELDS}
        if row["id"] in existing:
            Answer.objects.filter(pk=row["id"]).update(**fields, updated_at=now)
        else:
            again.append(Answer(id=row["id"], updated_at=now, **fields))
    Answer.objects.bulk_create(again)
