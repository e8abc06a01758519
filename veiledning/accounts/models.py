from django.conf import settings
from django.db import models


class RecoveryCode(models.Model):
    """One of the codes an admin keeps for the day the phone is gone; each signs in once.

    Only a hash is stored, as for a password: the code's first four characters are kept as
    they are (`lookup`) so that signing in checks one hash, not all ten."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes")
    lookup = models.CharField(max_length=4)
    digest = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "lookup"], name="recovery_code_lookup")]

    def __str__(self):
        return f"{self.user} {self.lookup}…"
