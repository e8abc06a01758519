"""Starting a job beside its task, and running it in the worker.

    job = start(some_task, Job.Kind.EXPORT, by=request.user, survey=survey, params={...})

creates the Job row and enqueues `some_task(job.pk)` in one transaction: the task is a row in
the database (django-tasks-db) until a worker takes it, so it survives a restart of the web
processes. The task body is `run(job_pk, work)`, and `work(job, progress)` does the work:

- it reports as it goes with `progress.step(message, done, total)` (throttled to a few writes a
  second; the message is already in the owner's language, which is active while it runs);
- it makes all its writes inside one `transaction.atomic()` and calls `progress.finish(...)`
  inside that same transaction, so the job is done exactly when its writes are committed;
- any exception rolls its writes back and fails the job with a Norwegian reason: the message of
  a `JobError` (features turn their own errors into one), a `Refusal` or the import's own
  errors, or a general one for anything unforeseen (logged with its traceback, as the import
  view does).

While the job runs, a heartbeat thread stamps it every JOB_HEARTBEAT_SECONDS. A worker that dies
(killed, out of memory, the machine restarted) stops stamping; after JOB_STALE_SECONDS the job
shows as stopped, and the next job a worker takes marks it so (Job.objects.tidy). Its transaction
died with its connection, so nothing it did was saved, and it is not retried by itself: work that
killed one worker would kill the next. The owner starts it again.
"""

import logging
import threading
import time

from django.db import close_old_connections, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from surveys.jobs.models import Job

log = logging.getLogger(__name__)
WRITE_EVERY = 0.5  # seconds between two progress writes of the same step


class JobError(Exception):
    """A failure whose message (in the owner's language) is what the person should read."""


class JobFailed(Exception):
    """Raised to the task runner after the job was marked failed: no data in its message."""


class JobStopped(Exception):
    """The job was marked stopped while it ran (its worker was taken for dead): roll back."""


def too_large(rows):
    """Work over this many rows (answers, codings) goes to the worker."""
    from django.conf import settings

    return rows > settings.BACKGROUND_ABOVE["rows"]


def start(task, kind, *, by, survey=None, import_run=None, params=None, title=""):
    """Create the job and enqueue its task, both or neither."""
    with transaction.atomic():
        job = Job.objects.create(kind=kind, created_by=by, survey=survey, import_run=import_run,
                                 params=params or {}, title=str(title)[:300],
                                 language=translation.get_language() or "nb", message=_("Waiting for its turn …"))
        result = task.enqueue(job.pk)
        job.task_id = str(result.id)
        job.save(update_fields=["task_id"])
    return job


class Progress:
    """What a job's work reports through; writes only to its own Job row."""

    def __init__(self, job):
        self.job = job
        self._last = 0.0
        self._message = None

    def step(self, message, done=0, total=0):
        now = time.monotonic()
        if message == self._message and now - self._last < WRITE_EVERY and done < total:
            return
        self._message, self._last = message, now
        Job.objects.filter(pk=self.job.pk, state=Job.State.RUNNING).update(
            message=str(message)[:300], done=done, total=total, heartbeat=timezone.now())

    def finish(self, *, result_url="", content=None, name="", content_type="", data=None, message=""):
        """Mark the job done; call it inside the work's transaction, as its last write."""
        fields = {"state": Job.State.DONE, "finished_at": timezone.now(), "heartbeat": timezone.now(),
                  "result_url": result_url, "result_data": data or {}, "message": str(message or _("Done."))[:300]}
        if content is not None:
            fields.update(result=content, result_name=name[:255], result_type=content_type[:120])
        if not Job.objects.filter(pk=self.job.pk, state=Job.State.RUNNING).update(**fields):
            raise JobStopped(self.job.pk)


class Heartbeat(threading.Thread):
    """Stamps the running job every JOB_HEARTBEAT_SECONDS from its own database connection."""

    def __init__(self, job_pk, seconds):
        super().__init__(daemon=True, name=f"job-{job_pk}-heartbeat")
        self.job_pk, self.seconds, self.halt = job_pk, seconds, threading.Event()

    def run(self):
        try:
            while not self.halt.wait(self.seconds):
                try:
                    Job.objects.filter(pk=self.job_pk, state=Job.State.RUNNING).update(heartbeat=timezone.now())
                except Exception:  # SQLite: the job's own save holds the database; try again later
                    close_old_connections()
        finally:
            connection.close()


def failure_message(error):
    """The reason a person reads, in the active language."""
    from surveys.importing.mapping import MappingError
    from surveys.importing.parse import ParseError
    from surveys.importing.save import ImportRejected
    from veiledning.refusals import Refusal

    if isinstance(error, ImportRejected):
        return _("The file has %(count)s errors. Nothing was imported.") % {"count": len(error.errors)}
    if isinstance(error, JobError | ParseError | MappingError):
        return str(error)
    if isinstance(error, Refusal):
        return str(error.message)
    return None


def general_failure():
    return _("Something went wrong, and nothing was saved. Try again, or contact whoever runs the service.")


def run(job_pk, work):
    """The body of every job's task, in the worker."""
    from django.conf import settings

    Job.objects.tidy()
    job = Job.objects.select_related("created_by", "survey", "import_run").filter(pk=job_pk).first()
    if job is None or not Job.objects.filter(pk=job_pk, state=Job.State.QUEUED).update(
            state=Job.State.RUNNING, started_at=timezone.now(), heartbeat=timezone.now()):
        return {"job": job_pk, "state": "skipped"}  # deleted with its survey, or already handled
    job.state = Job.State.RUNNING
    heartbeat = Heartbeat(job_pk, settings.JOB_HEARTBEAT_SECONDS) if settings.JOB_HEARTBEAT_SECONDS else None
    if heartbeat:
        heartbeat.start()
    try:
        with translation.override(job.language):
            try:
                work(job, Progress(job))
            except JobStopped:
                return {"job": job_pk, "state": "stopped"}
            except Exception as error:
                reason = failure_message(error)
                if reason is None:
                    log.exception("job %s (%s) failed", job_pk, job.kind)
                else:  # the person's mistake or the file's: one line, no text from the file
                    log.warning("job %s (%s) failed: %s", job_pk, job.kind, type(error).__name__)
                Job.objects.filter(pk=job_pk, state=Job.State.RUNNING).update(
                    state=Job.State.FAILED, error=reason or general_failure(), finished_at=timezone.now())
                raise JobFailed(f"job {job_pk} failed") from None
    finally:
        if heartbeat:
            heartbeat.halt.set()
            heartbeat.join(timeout=5)
    return {"job": job_pk, "state": "done"}
