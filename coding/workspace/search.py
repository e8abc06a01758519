"""Norwegian search on the embedded SQLite database, done the way PostgreSQL's `norwegian` text
search configuration does it, so both databases find the same answers for the same query:
words are folded to lower case (Æ, Ø and Å too, which SQLite's LIKE leaves alone) and cut to
their Snowball stem ("samlinger", "samlingene" and "samling" are all "samling").

SQLite gets one SQL function, `nb_stems(text)`: the text's stems between spaces, so a stem is
found with `LIKE '% stem %'` and the search composes with the list's other filters. A query is
read like PostgreSQL's websearch: every word must occur, a word after `-` must not, quotes
and "or" are read as plain words apart (`or` is dropped).
"""

import re
import threading
from functools import lru_cache

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import F, Func, TextField
from django.dispatch import receiver

WORD = re.compile(r"\w+")
FUNCTION = "nb_stems"
_local = threading.local()  # a Snowball stemmer keeps state while it works: one per thread


@lru_cache(maxsize=100_000)
def stem(word):
    """The Norwegian Snowball stem of one word, folded to lower case."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        import snowballstemmer  # with the first search: the server starts without it

        stemmer = _local.stemmer = snowballstemmer.stemmer("norwegian")
    return stemmer.stemWord(word.casefold())


def stems_of(text):
    """' stem stem … ' for a text (None stays None)."""
    if text is None:
        return None
    return " " + " ".join(stem(word) for word in WORD.findall(text)) + " "


def parse(query):
    """(stems that must occur, stems that must not) of a search as typed."""
    wanted, unwanted = [], []
    for match in re.finditer(r"(-?)(\w+)", query):
        minus, word = match.groups()
        if word.casefold() == "or" and not minus:
            continue
        (unwanted if minus else wanted).append(stem(word))
    return wanted, unwanted


@receiver(connection_created)
def _add_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNCTION, 1, stems_of, deterministic=True)


def filter_answers(answers, query):
    """`answers` that contain every stem of `query` and none of its `-`words (SQLite)."""
    connection.ensure_connection()
    _add_function(None, connection)  # the connection may predate this module's import
    wanted, unwanted = parse(query)
    if not wanted and not unwanted:
        return answers.none()
    answers = answers.alias(search_stems=Func(F("text"), function=FUNCTION, output_field=TextField()))
    for word in wanted:
        answers = answers.filter(search_stems__contains=f" {word} ")
    for word in unwanted:
        answers = answers.exclude(search_stems__contains=f" {word} ")
    return answers


def marked_words(text, query):
    """[(text before, matched word)…] and the tail: the words of `text` whose stem the query
    asks for, for the list's highlighted excerpt."""
    wanted = set(parse(query)[0])
    parts, last = [], 0
    for match in WORD.finditer(text):
        if stem(match.group()) in wanted:
            parts.append((text[last:match.start()], match.group()))
            last = match.end()
    return parts, text[last:]
