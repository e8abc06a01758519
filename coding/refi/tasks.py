"""A large survey's `.qdpx`, written by the background worker: one job (surveys/jobs/), its
progress as it goes, the file kept in the job's row."""

from django.db import transaction
from django.tasks import task
from django.utils.translation import gettext as _

from coding.models import Coding
from surveys.jobs import work
from surveys.models import Answer

QDPX = "application/zip"


def project_rows(survey):
    return Answer.objects.textual().filter(question__survey=survey).count() + Coding.objects.for_survey(survey).count()


def _export_project(job, progress):
    from coding.refi.export import build_qdpx

    progress.step(_("Writing the project file …"), 0, 1)
    data = build_qdpx(job.survey, job.created_by)
    with transaction.atomic():
        progress.finish(content=data, name=f"{job.survey.slug}.qdpx", content_type=QDPX,
                        message=_("The file is ready."), data={"size": len(data)})


@task()
def export_project_file(job_pk):
    return work.run(job_pk, _export_project)
