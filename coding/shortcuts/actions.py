"""Writes of the shortcut settings. They are one person's preference about their own keyboard,
not survey data: no survey's history records them."""

from django.db import transaction

from coding.models import ShortcutSettings


def save_shortcuts(*, by, enabled, digits, keys):
    """Store `by`'s shortcut settings (keys as ShortcutForm cleaned them) and return them."""
    with transaction.atomic():
        stored, _created = ShortcutSettings.objects.update_or_create(
            user=by, defaults={"enabled": enabled, "digits": digits, "keys": dict(keys)})
    return stored


def reset_shortcuts(*, by):
    """Back to the defaults: the stored settings go."""
    with transaction.atomic():
        ShortcutSettings.objects.filter(user=by).delete()
