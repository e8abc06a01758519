"""Norwegian search, read the same way on both databases, so PostgreSQL and the embedded SQLite
find the same answers for the same query.

A query is read once, here (`parse`): every word must occur in either written form — Bokmål or
Nynorsk, "skole" or "skule" (`written_forms.variants`) — in any inflection (the Snowball
Norwegian stem: "samlinger", "samlingane" and "samling" are one word); "a or b" lets either do;
a word after `-` leaves answers that hold it out; quotes are read as plain words. Words are
letters and digits between anything else ("skole/barnehage" is two words, "e-post" too), folded
to lower case (Æ, Ø and Å too). The common words PostgreSQL's `norwegian` configuration leaves
out of its index ("og", "ikke", "ikkje" …, `STOP_WORDS`, the same list) are left out of the
query too, on both databases.

PostgreSQL matches against the stored tsvector (surveys migration: punctuation is read as space
before `to_tsvector('norwegian', …)`), with the query built from the same parse
(`written_forms.search_query`). SQLite gets one SQL function, `nb_stems(text)`: the text's stems
between spaces, so a stem is found with `LIKE '% stem %'` and the search composes with the
list's other filters. `matches(text, query)` is the same test in Python.
"""

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import F, Func, Q, TextField
from django.dispatch import receiver

from coding.workspace.written_forms import variants

WORD = re.compile(r"[^\W_]+")
FUNCTION = "nb_stems"
_local = threading.local()  # a Snowball stemmer keeps state while it works: one per thread

# PostgreSQL's norwegian.stop (Snowball's Norwegian stop words, Bokmål and Nynorsk): its index
# holds none of these, so neither database searches for them.
STOP_WORDS = frozenset("""
og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men ett har om vi min mitt
ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv sjøl her alle vil bli
ble blei blitt kunne inn når være kom noen noe ville dere deres kun ja etter ned skulle denne for deg si sine
sitt mot å meget hvorfor dette disse uten hvordan ingen din ditt blir samme hvilken hvilke sånn inni mellom vår
hver hvem vors hvis både bare enn fordi før mange også slik vært båe begge siden dykk dykkar dei deira deires
deim di då eg ein eit eitt elles honom hjå ho hoe henne hennar hennes hoss hossen ingi inkje korleis korso kva
kvar kvarhelst kven kvi kvifor me medan mi mine mykje no nokon noka nokor noko nokre sia sidan so somt somme um
upp vere vore verte vort varte vart
""".split())


@lru_cache(maxsize=100_000)
def stem(word):
    """The Norwegian Snowball stem of one word, folded to lower case as PostgreSQL does."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        import snowballstemmer  # with the first search: the server starts without it

        stemmer = _local.stemmer = snowballstemmer.stemmer("norwegian")
    return stemmer.stemWord(word.lower())


def stems_of(text):
    """' stem stem … ' for a text (None stays None), stop words left out as PostgreSQL's index
    leaves them out ("men" is a stop word; "mener" is not, though its stem is "men")."""
    if text is None:
        return None
    return " " + " ".join(stem(word) for word in WORD.findall(text) if word.lower() not in STOP_WORDS) + " "


@dataclass
class Term:
    """One word of a query (or several joined by "or"): the written forms to look for, and
    their stems. A form that is a stop word is left out."""

    forms: list = field(default_factory=list)
    stems: set = field(default_factory=set)

    def add(self, word):
        for form in variants(word):
            if form not in STOP_WORDS and form not in self.forms:
                self.forms.append(form)
                self.stems.add(stem(form))


@dataclass
class Parsed:
    wanted: list  # [Term]: each must occur
    unwanted: list  # [Term]: none may occur

    def __bool__(self):
        return bool(self.wanted or self.unwanted)


def parse(query):
    """A search as typed, read as described in the module docstring."""
    wanted, unwanted, either = [], [], False
    for match in WORD.finditer(query or ""):
        word, at = match.group(), match.start()
        negated = at > 0 and query[at - 1] == "-" and (at == 1 or query[at - 2].isspace())
        if word.lower() == "or" and not negated:
            either = bool(wanted)
            continue
        term = Term()
        term.add(word)
        if term.forms:
            if negated:
                unwanted.append(term)
            elif either:
                wanted[-1].add(word)
            else:
                wanted.append(term)
        either = False
    return Parsed(wanted, unwanted)


def matches(text, query):
    """Whether `text` is found by `query`: what `filter_answers` asks SQLite, in Python."""
    parsed = parse(query) if isinstance(query, str) else query
    if not parsed:
        return False
    present = set(stems_of(text).split())
    return all(term.stems & present for term in parsed.wanted) and \
        not any(term.stems & present for term in parsed.unwanted)


@receiver(connection_created)
def _add_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 1, stems_of, deterministic=True)


def filter_answers(answers, query):
    """`answers` found by `query` (SQLite)."""
    connection.ensure_connection()
    _add_function(None, connection)  # the connection may predate this module's import
    parsed = parse(query)
    if not parsed:
        return answers.none()
    answers = answers.alias(search_stems=Func(F("text"), function=FUNCTION, output_field=TextField()))
    for term in parsed.wanted:
        either = Q()
        for s in sorted(term.stems):
            either |= Q(search_stems__contains=f" {s} ")
        answers = answers.filter(either)
    for term in parsed.unwanted:
        for s in sorted(term.stems):
            answers = answers.exclude(search_stems__contains=f" {s} ")
    return answers


def marked_words(text, query):
    """[(text before, matched word)…] and the tail: the words of `text` whose stem the query
    asks for, for the list's highlighted excerpt."""
    wanted = set().union(*(term.stems for term in parse(query).wanted))
    parts, last = [], 0
    for match in WORD.finditer(text):
        if stem(match.group()) in wanted:
            parts.append((text[last:match.start()], match.group()))
            last = match.end()
    return parts, text[last:]
