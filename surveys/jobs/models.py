"""The Job row: one piece of background work as the person who started it sees it."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veiledning import roles


class JobQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(created_by=user)

    def unfinished(self):
        return self.filter(state__in=[Job.State.QUEUED, Job.State.RUNNING])

    def stale(self, now=None):
        """Running, but the worker has not been heard from for JOB_STALE_SECONDS: it died."""
        cutoff = (now or timezone.now()) - timedelta(seconds=settings.JOB_STALE_SECONDS)
        return self.filter(state=Job.State.RUNNING, heartbeat__lt=cutoff)

    def tidy(self, now=None):
        """What a worker does before each job: mark the jobs of dead workers stopped (their
        task rows too) and delete finished jobs (and their files) older than JOB_KEEP_HOURS."""
        from django_tasks_db.models import DBTaskResult

        now = now or timezone.now()
        stale = list(self.stale(now).values_list("pk", "task_id"))
        if stale:
            self.filter(pk__in=[pk for pk, _task in stale], state=Job.State.RUNNING).update(
                state=Job.State.STOPPED, finished_at=now)
            DBTaskResult.objects.filter(id__in=[task for _pk, task in stale if task], status="RUNNING").update(
                status="FAILED", finished_at=now)
        old = now - timedelta(hours=settings.JOB_KEEP_HOURS)
        self.filter(finished_at__lt=old).delete()
        DBTaskResult.objects.filter(finished_at__lt=old).delete()
        return len(stale)


class Job(models.Model):
    """Long work done by the worker for one person: its progress while it runs, then its result
    (a link to what it made, or a file kept here, since web processes keep nothing on disk)."""

    class Kind(models.TextChoices):
        READ_IMPORT = "read_import", _("Reading a file to import")
        CHECK_IMPORT = "check_import", _("Checking a file to import")
        IMPORT = "import", _("Importing a survey")
        READ_PROJECT = "read_project", _("Reading a REFI-QDA project")
        IMPORT_PROJECT = "import_project", _("Importing a REFI-QDA project")
        EXPORT_PROJECT = "export_project", _("The REFI-QDA project (.qdpx)")
        REPORT_DOCX = "report_docx", _("The report as DOCX")
        EXPORT = "export", _("An export")

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        STOPPED = "stopped", _("Stopped")

    # What a person needs, besides being the job's owner, to see it and fetch its file.
    PERMISSIONS = {
        Kind.READ_IMPORT: roles.IMPORT, Kind.CHECK_IMPORT: roles.IMPORT, Kind.IMPORT: roles.IMPORT,
        Kind.READ_PROJECT: roles.IMPORT, Kind.IMPORT_PROJECT: roles.IMPORT,
        Kind.EXPORT_PROJECT: roles.EXPORT, Kind.REPORT_DOCX: roles.EXPORT, Kind.EXPORT: roles.EXPORT,
    }

    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300, blank=True)  # "Kodinger som XLSX", a file name …
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    survey = models.ForeignKey("surveys.Survey", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="jobs")
    import_run = models.ForeignKey("surveys.ImportRun", on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="jobs")
    params = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=8, default="nb")  # the owner's, for the worker's messages
    task_id = models.CharField(max_length=64, blank=True)  # the django-tasks-db row that runs it
    # Progress, written by the worker as it goes: `done` of `total` (0 of 0: no measure yet).
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)  # why it failed, in the owner's language
    # The result: where to go on (a summary, a new survey, the preview) and/or a file.
    result_url = models.CharField(max_length=300, blank=True)
    result_data = models.JSONField(default=dict, blank=True)
    result = models.BinaryField(blank=True, default=b"", editable=False)
    result_name = models.CharField(max_length=255, blank=True)
    result_type = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="job_owner_newest"),
                   models.Index(fields=["state", "heartbeat"], name="job_state_heartbeat")]

    def __str__(self):
        return f"{self.kind} {self.pk} ({self.state})"

    def get_absolute_url(self):
        return reverse("surveys:job", args=[self.pk])

    @property
    def permission(self):
        return self.PERMISSIONS[self.kind]

    @property
    def shown_state(self):
        """The state as the page shows it: a running job whose worker died is stopped."""
        if self.state == self.State.RUNNING and self.heartbeat and \
                timezone.now() - self.heartbeat > timedelta(seconds=settings.JOB_STALE_SECONDS):
            return self.State.STOPPED
        return self.state

    @property
    def finished(self):
        return self.shown_state in (self.State.DONE, self.State.FAILED, self.State.STOPPED)

    @property
    def percent(self):
        """0–100, or None while the work has no measure (the bar is then indeterminate)."""
        if self.shown_state == self.State.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else None

    @property
    def has_file(self):
        return bool(self.result_name) and self.shown_state == self.State.DONE

    @property
    def waiting_long(self):
        """Queued for more than a minute: no worker has taken it (is one running?)."""
        return self.state == self.State.QUEUED and timezone.now() - self.created_at > timedelta(minutes=1)
