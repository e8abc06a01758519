"""A job as the worker runs it: progress written as it goes, all its writes or none, a reason in
Norwegian when it fails, survival of a web restart, and what becomes of a job whose worker died."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from surveys.jobs import work
from surveys.jobs.models import Job
from surveys.models import Survey
from tests.jobs import work_off

pytestmark = pytest.mark.django_db

SEEN = []  # what the work saw of its own job row while it ran


def _counting(job, progress):
    for done in range(0, 5):
        progress.step("Teller …", done, 4)
        row = Job.objects.get(pk=job.pk)
        SEEN.append((row.state, row.done, row.total, row.message))
    with transaction.atomic():
        Survey.objects.create(slug="laget-av-jobben", title="Laget av jobben")
        progress.finish(result_url="/s/laget-av-jobben/", message="Ferdig telt.")


@task()
def counting(job_pk):
    return work.run(job_pk, _counting)


def _failing(job, progress):
    progress.step("Lagrer …", 1, 2)
    with transaction.atomic():
        Survey.objects.create(slug="halvveis", title="Halvveis")
        raise work.JobError("Filen mangler kolonnen «Kommune».")


@task()
def failing(job_pk):
    return work.run(job_pk, _failing)


def _crashing(job, progress):
    with transaction.atomic():
        Survey.objects.create(slug="krasj", title="Krasj")
        raise KeyError("a bug, not the person's mistake")


@task()
def crashing(job_pk):
    return work.run(job_pk, _crashing)


def test_progress_is_written_as_the_work_goes(admin, monkeypatch):
    monkeypatch.setattr(work, "WRITE_EVERY", 0)  # every report written (they are throttled otherwise)
    SEEN.clear()
    job = work.start(counting, Job.Kind.EXPORT, by=admin)
    assert job.state == Job.State.QUEUED and job.task_id
    assert work_off() == 1
    assert [(state, done) for state, done, _total, _m in SEEN] == [("running", n) for n in range(5)]
    assert all(total == 4 and message == "Teller …" for _s, _d, total, message in SEEN)
    job.refresh_from_db()
    assert (job.state, job.percent, job.message, job.result_url) == ("done", 100, "Ferdig telt.", "/s/laget-av-jobben/")
    assert job.started_at and job.finished_at and Survey.objects.filter(slug="laget-av-jobben").exists()
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"


def test_a_failed_job_says_why_and_writes_nothing(admin):
    job = work.start(failing, Job.Kind.IMPORT, by=admin)
    work_off()
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.error == "Filen mangler kolonnen «Kommune»."
    assert not Survey.objects.filter(slug="halvveis").exists()
    assert DBTaskResult.objects.get(id=job.task_id).status == "FAILED"


def test_an_unforeseen_failure_says_so_in_norwegian_and_writes_nothing(admin, caplog):
    job = work.start(crashing, Job.Kind.IMPORT, by=admin)
    work_off()
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.error.startswith("Noe gikk galt, og ingenting ble lagret.")
    assert not Survey.objects.filter(slug="krasj").exists()


def test_the_failure_is_in_the_language_of_the_person_who_started_it(admin):
    from django.utils import translation

    with translation.override("nn"):
        job = work.start(crashing, Job.Kind.IMPORT, by=admin)
    work_off()
    job.refresh_from_db()
    assert job.language == "nn" and job.error.startswith("Noko gjekk gale")


def test_a_job_waits_as_a_row_until_a_worker_takes_it(admin):
    """Nothing runs in the web process: the job and its task are rows, so restarting the web
    processes loses nothing, and the next worker runs it."""
    job = work.start(counting, Job.Kind.EXPORT, by=admin)
    task_row = DBTaskResult.objects.get(id=job.task_id)
    assert task_row.status == "READY" and task_row.args_kwargs == {"args": [job.pk], "kwargs": {}}
    assert Job.objects.get(pk=job.pk).state == Job.State.QUEUED
    assert work_off() == 1
    assert Job.objects.get(pk=job.pk).state == Job.State.DONE


def test_the_job_of_a_dead_worker_shows_as_stopped_and_is_marked_so(admin, settings):
    job = work.start(counting, Job.Kind.EXPORT, by=admin)
    long_ago = timezone.now() - timedelta(seconds=settings.JOB_STALE_SECONDS + 1)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, heartbeat=long_ago, started_at=long_ago)
    DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING")
    job.refresh_from_db()
    assert job.shown_state == Job.State.STOPPED and job.finished
    assert Job.objects.tidy() == 1
    job.refresh_from_db()
    assert job.state == Job.State.STOPPED
    assert DBTaskResult.objects.get(id=job.task_id).status == "FAILED"


def test_work_that_finishes_after_being_taken_for_dead_saves_nothing(admin):
    """A worker that was only slow must not save once the page has said "nothing was saved"."""
    job = work.start(counting, Job.Kind.EXPORT, by=admin)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    job.refresh_from_db()
    Job.objects.filter(pk=job.pk).update(state=Job.State.STOPPED)
    with pytest.raises(work.JobStopped), transaction.atomic():
        Survey.objects.create(slug="for-sent", title="For sent")
        work.Progress(job).finish(message="x")
    assert not Survey.objects.filter(slug="for-sent").exists()


def test_a_job_is_run_once(admin):
    job = work.start(counting, Job.Kind.EXPORT, by=admin)
    Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED)
    assert counting.call(job.pk) == {"job": job.pk, "state": "skipped"}


def test_old_finished_jobs_and_their_files_are_deleted(admin, settings):
    old = Job.objects.create(kind=Job.Kind.EXPORT, created_by=admin, state=Job.State.DONE, result=b"x",
                             result_name="x.csv",
                             finished_at=timezone.now() - timedelta(hours=settings.JOB_KEEP_HOURS + 1))
    new = Job.objects.create(kind=Job.Kind.EXPORT, created_by=admin, state=Job.State.DONE, finished_at=timezone.now())
    Job.objects.tidy()
    assert not Job.objects.filter(pk=old.pk).exists() and Job.objects.filter(pk=new.pk).exists()


def test_progress_writes_are_throttled_within_a_step(admin):
    job = work.start(counting, Job.Kind.EXPORT, by=admin)
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)
    progress = work.Progress(job)
    progress.step("Skriver …", 1, 100)
    progress.step("Skriver …", 2, 100)  # within half a second of the last write: skipped
    assert Job.objects.get(pk=job.pk).done == 1
    progress.step("Lagrer …", 3, 100)  # a new step is always written
    assert Job.objects.get(pk=job.pk).done == 3
