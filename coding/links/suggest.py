"""Suggested links between graded questions and categories, from the words they share.

A category's terms are the longer words of its name and description, each cut to a stem: the
word less its last three letters, at least six (Norwegian inflects and compounds: "forankring",
"forankret" and "veiledningsforankring" share "forankr", while "arbeidsmåter" keeps
"arbeidsmå" and so does not match every "veiledningsarbeidet"). A question matches a term
when one of its words contains the stem. Terms that match most of the graded questions ("veiledningsarbeidet" in
nearly every one) say nothing and are dropped. A term from the name weighs two, one from the
description one; a pair scoring two or more is suggested, never linked until confirmed."""

import re
from dataclasses import dataclass

from surveys.text import name_key

STEM = 6
MIN_WORD = 5
NAME_WEIGHT = 2
THRESHOLD = 2
STOPWORDS = {
    "denne", "dette", "disse", "kategorien", "kategori", "omhandler", "handler", "hvordan",
    "hvilken", "hvilke", "mellom", "gjennom", "eller", "andre", "etter", "under", "blant",
    "kommunen", "kommuner", "deres", "innen", "dreier", "forhold", "perioden", "grad",
}


@dataclass(frozen=True)
class Suggestion:
    category_id: int
    question_id: int
    words: tuple  # the question's words that matched, for the screen to show why


def _words(text):
    return [w for w in re.findall(r"\w+", name_key(text)) if len(w) >= MIN_WORD and not w.isdigit()]


def _stem(word):
    return word[:max(STEM, len(word) - 3)]


def _terms(category):
    """{stem: weight} of a category's name and description."""
    terms = {}
    for word in _words(category.description):
        if word not in STOPWORDS:
            terms[_stem(word)] = 1
    for word in _words(category.name):
        if word not in STOPWORDS:
            terms[_stem(word)] = NAME_WEIGHT
    return terms


def _matches(stem, words):
    return [w for w in words if stem in w]


def suggestions(categories, questions, linked=frozenset()):
    """[Suggestion] for every (category, question) pair not in `linked` ({(cat_id, q_id)})
    whose words match well enough, best first within each category."""
    words = {q.id: _words(q.text) for q in questions}
    common = len(questions) // 2 if len(questions) >= 4 else len(questions) + 1
    out = []
    for category in categories:
        terms = {
            stem: weight for stem, weight in _terms(category).items()
            if sum(1 for q in questions if _matches(stem, words[q.id])) <= common
        }
        scored = []
        for question in questions:
            if (category.id, question.id) in linked:
                continue
            hits, score = [], 0
            for stem, weight in terms.items():
                found = _matches(stem, words[question.id])
                if found:
                    score += weight
                    hits.extend(w for w in found if w not in hits)
            if score >= THRESHOLD:
                scored.append((score, question, tuple(hits)))
        scored.sort(key=lambda s: (-s[0], s[1].order, s[1].id))
        out.extend(Suggestion(category.id, q.id, hits) for _score, q, hits in scored)
    return out
