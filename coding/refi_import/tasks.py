"""REFI-QDA import work for the background worker: reading a large project (its users), then
importing it. Each is one job (surveys/jobs/): progress as it goes, the import's writes and the
job's end in one transaction, a refused file failing with its reason."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _

from coding.refi import RefiError
from coding.refi_import.importing import file_users, import_project
from coding.refi_import.reading import read_project
from coding.refi_import.wording import project_facts, summary_text
from surveys.jobs import work
from surveys.jobs.models import Job
from surveys.models import ImportRun


def _waiting_run(job):
    run = job.import_run
    if run is None or run.status != ImportRun.Status.PREVIEWED or not run.options.get("refi_project"):
        raise work.JobError(_("This project is no longer waiting to be imported; upload it again."))
    return run


def _import(job, progress, run, users, parsed=None):
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
