"""One person's keyboard shortcuts (coding/models.py loads this with the app's models)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ShortcutSettings(models.Model):
    """One person's single-key shortcuts in the coding view (WCAG 2.1.4): whether they act at
    all, whether 1–9 apply the recent codes, and which character does what (coding/shortcuts/
    keys.py names the actions and their defaults; a missing action has its default key, an
    empty one is turned off)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="shortcut_settings")
    enabled = models.BooleanField(_("single-key shortcuts on"), default=True)
    digits = models.BooleanField(_("1–9 apply the recent codes"), default=True)
    keys = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("keyboard shortcut settings")

    def __str__(self):
        return f"{self.user}"
