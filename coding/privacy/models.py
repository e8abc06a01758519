"""Personal data in a survey's answers: what was found (or added by an admin) and decided, and
the originals kept until a date after pseudonymisation. coding/models.py loads these with the
app's models."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from surveys.models import Answer


class Finding(models.Model):
    """Personal data found (or added by an admin) in one answer's text, and what was decided.

    Once pseudonymised, `value` is emptied (the finding no longer holds the personal data) and
    `label` says what replaced it ("[Person 1]")."""

    class Kind(models.TextChoices):
        NAME = "name", _("Name")
        EMAIL = "email", _("E-mail address")
        PHONE = "phone", _("Phone number")
        NATIONAL_ID = "national_id", _("National identity number")
        ORG_NUMBER = "org_number", _("Organisation number")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("To review")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")
        PSEUDONYMISED = "pseudonymised", _("Pseudonymised")

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    value = models.CharField(_("text found"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.SUGGESTED)
    added_by_hand = models.BooleanField(default=False)
    label = models.CharField(_("replaced by"), max_length=40, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["answer_id", "start"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "start", "end"], name="one_finding_per_answer_span"),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="finding_end_after_start"),
        ]

    def __str__(self):
        return f"{self.kind} {self.start}-{self.end} in {self.answer_id}"


class RetainedOriginal(models.Model):
    """An answer's text from before pseudonymisation, kept only when the admin chose a date;
    `apply_retention` deletes it on that date."""

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="retained_original")
    text = models.TextField()
    keep_until = models.DateField()

    def __str__(self):
        return f"original of {self.answer_id} until {self.keep_until}"
