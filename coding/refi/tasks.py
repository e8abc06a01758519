"""REFI-QDA work for the background worker: reading a large project (its users), importing it,
and writing a large survey's `.qdpx`. Each is one job (surveys/jobs/): progress as it goes, the
import's writes and the job's end in one transaction, a refused file failing with its reason."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _

from coding.models import Coding
from coding.refi.safety import RefiError
from surveys.jobs import work
from surveys.jobs.models import Job
from surveys.models import Answer, ImportRun

QDPX = "application/zip"


def project_rows(survey):
    return Answer.objects.textual().filter(question__survey=survey).count() + Coding.objects.for_survey(survey).count()


def _waiting_run(job):
    run = job.import_run
    if run is None or run.status != ImportRun.Status.PREVIEWED or not run.options.get("refi_project"):
        raise work.JobError(_("This project is no longer waiting to be imported; upload it again."))
    return run


def _import(job, progress, run, users, parsed=None):
    from coding.refi.importing import import_project
    from coding.refi.reading import read_project
    from coding.refi.wording import summary_text

    data = bytes(run.content)
    if parsed is None:
        progress.step(_("Reading the project file …"), 1, 3)
        parsed = read_project(data)
    progress.step(_("Saving the project as a new survey: all or nothing …"), 2, 3)
    with transaction.atomic():
        survey, summary = import_project(data, by=job.created_by, title=run.options.get("title", ""),
                                         filename=run.filename, users=users, parsed=parsed)
        Job.objects.filter(import_run=run).update(import_run=None)  # the jobs stay in their owner's list
        run.delete()  # import_project keeps its own record of the finished import
        progress.finish(result_url=survey.get_absolute_url(), message=summary_text(summary),
                        data={"survey": survey.slug, "external_coders": summary["external_coders"]})


def _read_project(job, progress):
    from coding.refi.importing import file_users
    from coding.refi.reading import read_project
    from coding.refi.wording import project_facts

    run = _waiting_run(job)
    progress.step(_("Reading the project file …"), 0, 3)
    try:
        parsed = read_project(bytes(run.content))
        users = file_users(parsed)
        if users:  # the admin maps them first: nobody is credited by name
            with transaction.atomic():
                ImportRun.objects.filter(pk=run.pk).update(
                    options={**run.options, "users": users, "facts": project_facts(parsed)})
                progress.finish(result_url=reverse("coding:refi_project_confirm", args=[job.params["slug"], run.pk]),
                                message=_("Choose who coded in the project."))
            return
        _import(job, progress, run, None, parsed)
    except RefiError as error:
        raise work.JobError(error.message) from error


@task()
def read_project_file(job_pk):
    """A large project: read it; with users, stop for the admin to map them, else import it."""
    return work.run(job_pk, _read_project)


def _import_project(job, progress):
    run = _waiting_run(job)
    chosen = {guid: pk for guid, pk in job.params.get("users", {}).items() if pk}
    accounts = get_user_model().objects.in_bulk(chosen.values())
    users = {guid: accounts.get(pk) for guid, pk in chosen.items()}
    try:
        _import(job, progress, run, users)
    except RefiError as error:
        raise work.JobError(error.message) from error


@task()
def import_project_file(job_pk):
    """A large project whose users the admin mapped: import it."""
    return work.run(job_pk, _import_project)


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


