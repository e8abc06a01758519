"""The coding view's single-key shortcuts: what each does, its default key, and one person's
keys (WCAG 2.1.4: each can be turned off or remapped, and all of them at once).

Everything the page needs comes from `for_user()`: the `?` list and the key hints are
rendered from it, and static/js/shortcuts.js reads the same settings (`as_json`) for every
script of the page. Arrow keys, Enter and Esc are not character keys and are not listed.
"""

import json
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from coding.models import ShortcutSettings

# (action, default key, what it does); the order of the settings screen and the `?` list.
ACTIONS = [
    ("next", "j", _("Next answer")),
    ("prev", "k", _("Previous answer")),
    ("uncoded", "u", _("Next answer not coded by me")),
    ("find", "/", _("Find a code")),
    ("new", "n", _("New code")),
    ("memo", "m", _("Memo")),
    ("select", "s", _("Select a passage with the keyboard")),
    ("accept", "a", _("Accept the top suggested code")),
    ("dismiss", "x", _("Dismiss the top suggested code")),
    ("help", "?", _("The list of shortcuts")),
]
DEFAULTS = {action: key for action, key, _label in ACTIONS}
LABELS = {action: label for action, _key, label in ACTIONS}
RECENT_DIGITS = "123456789"


def is_single_key(value):
    """One printable character that is not a space: what a single key press types."""
    return len(value) == 1 and value.isprintable() and not value.isspace()


@dataclass
class Shortcuts:
    """One person's shortcuts as the page uses them."""

    enabled: bool = True
    digits: bool = True
    keys: dict = field(default_factory=lambda: dict(DEFAULTS))

    def key(self, action):
        """The key of `action`, or "" when it (or every shortcut) is off."""
        return self.keys.get(action, "") if self.enabled else ""

    @property
    def rows(self):
        """[(key, what it does)] of the keys that act, for the `?` list."""
        return [(self.keys[action], LABELS[action]) for action, _key, _label in ACTIONS
                if self.enabled and self.keys.get(action)]

    @property
    def as_json(self):
        return json.dumps({"enabled": self.enabled, "digits": self.digits, "keys": self.keys},
                          ensure_ascii=False, sort_keys=True)


def from_settings(stored):
    """A `Shortcuts` from a stored ShortcutSettings row (None: the defaults). Stored keys that
    are not single keys, or that repeat a key already taken, count as off."""
    if stored is None:
        return Shortcuts()
    keys, taken = {}, set(RECENT_DIGITS) if stored.digits else set()
    for action, default, _label in ACTIONS:
        value = stored.keys.get(action, default) if isinstance(stored.keys, dict) else default
        value = value if isinstance(value, str) and is_single_key(value) and value not in taken else ""
        keys[action] = value
        taken.add(value)
    return Shortcuts(enabled=stored.enabled, digits=stored.digits, keys=keys)


def for_user(user):
    """`user`'s shortcuts: one query, the defaults for anyone without settings."""
    if not user.is_authenticated:
        return Shortcuts()
    return from_settings(ShortcutSettings.objects.filter(user=user).first())
