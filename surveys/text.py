"""Text rules the survey layer applies everywhere: how names are matched, how a title becomes a
short name, and what counts as blank."""

import functools
import unicodedata

from django.db import models
from django.db.models import Func

NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A"})


def short_name(text):
    """A survey's short name (its slug) from a title: æ, ø and å become ae, o and a rather
    than vanishing ("Vår 2021" becomes "var-2021", "Blåbær" "blabaer")."""
    from django.utils.text import slugify

    return slugify((text or "").translate(NORWEGIAN_LETTERS))


@functools.lru_cache(maxsize=4096)
def name_key(name):
    """The form names are matched by: NFC, case-folded, single spaces. (Kept for the names seen
    last: an import asks for the same few municipalities' keys once per row.)"""
    return " ".join(unicodedata.normalize("NFC", name or "").casefold().split())


# Æ, Ø and Å after Z, in that order, as a Norwegian reader expects a list sorted (Ä and Ö with
# Æ and Ø); other accents do not count ("É" sorts with "E").
_NORWEGIAN_LETTERS_LAST = str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"})


def norwegian_order(text):
    """A sort key for names in Norwegian alphabetical order, case ignored: "Ørsta" after
    "Zeta" and before "Ål", "alta" beside "Alta", "Émile" beside "Emil"."""
    key = name_key(text).translate(_NORWEGIAN_LETTERS_LAST)
    return "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))


WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
              "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


class Stripped(Func):
    """The text without leading and trailing whitespace (BTRIM on PostgreSQL, TRIM on SQLite)."""

    function = "BTRIM"
    output_field = models.TextField()

    def __init__(self, expression):
        super().__init__(expression, models.Value(WHITESPACE))

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="TRIM", **extra_context)
