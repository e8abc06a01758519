"""The import's own rows: each file imported (ImportRun) and the mappings kept for the next file
(SavedMapping). surveys/models.py loads them with the app's models."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """One import of a file into a survey: what was read, by whom, and what it changed."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        UNDONE = "undone", _("Undone")

    survey = models.ForeignKey("surveys.Survey", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="imports")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(default=0)
    mapping = models.JSONField(default=dict, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    # The uploaded file between preview and confirm (no temp files on disk), and the parse
    # options chosen in the preview (encoding, delimiter, sheet).
    content = models.BinaryField(blank=True, default=b"", editable=False)
    options = models.JSONField(default=dict, blank=True)
    # What undoing this import needs (surveys/importing/undo.py); empty for older imports.
    undo = models.JSONField(default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.status})"

    def finished_at(self):
        """When the import was saved (from its undo snapshot; the preview's time otherwise)."""
        from django.utils.dateparse import parse_datetime

        return parse_datetime(self.undo.get("finished_at", "")) or self.created_at


class SavedMapping(models.Model):
    """An import mapping kept for the next file from the same survey tool."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    mapping = models.JSONField(default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
