"""Norwegian search finds the same answers on PostgreSQL and on the embedded SQLite database:
Nynorsk and Bokmål word forms, inflections, "or", "-word", words joined by punctuation, capitals,
and the common words neither database searches for. The expected answers are written out and
the same test runs on both databases (`pytest` on SQLite, `./test` on PostgreSQL); `search.matches`
(what SQLite is asked, in Python) is held to the same answers on either, and on PostgreSQL the
Python stems and stop words are checked against PostgreSQL's own."""

import pytest
from django.db import connection
from django.urls import reverse

from coding.workspace import search
from tests.conftest import make_answer, make_question, make_respondent

TEXTS = {
    "nb": "Skolen fikk god veiledning, men det var ikke nok tid til samlingene.",
    "nn": "Skulen fekk god rettleiing, men det var ikkje nok tid til samlingane.",
    "nn2": "Lærarar meiner undersøkinga var nyttig for leiinga.",
    "nb2": "Lærere mener undersøkelsen var nyttig for ledelsen.",
    "slash": "Samarbeid skole/barnehage og e-post til rektor@skole.no fungerte.",
    "caps": "ØSTLANDET HADDE FÆRRE MØTER ENN VI ØNSKET.",
    "plus": "Ring +47 912 34 567 eller send en SMS.",
    "other": "Kommunen arrangerte kurs for kulturskolen.",
    "vanskeleg": "Det var vanskeleg å finne tid, men tydeleg nyttig.",
}
QUERIES = [
    ("skole", ["nb", "nn", "slash"]),
    ("skule", ["nb", "nn", "slash"]),
    ("SKULEN", ["nb", "nn", "slash"]),
    ("veiledning", ["nb", "nn"]),
    ("rettleiing", ["nb", "nn"]),
    ("samling", ["nb", "nn"]),
    ("lærere", ["nb2", "nn2"]),
    ("undersøkelse", ["nb2", "nn2"]),
    ("undersøkinga", ["nb2", "nn2"]),
    ("ledelse", ["nb2", "nn2"]),
    ("mener nyttig", ["nb2", "nn2"]),
    ("vanskelig", ["vanskeleg"]),
    ("barnehage", ["slash"]),
    ("post", ["slash"]),
    ("47", ["plus"]),
    ("møter ønsket", ["caps"]),
    ("skole -rettleiing", ["slash"]),
    ("kurs or rektor", ["other", "slash"]),
    ('"god veiledning"', ["nb", "nn"]),
    ("ikke", []),             # a stop word: in neither database's index
    ("ikkje tid", ["nb", "nn", "vanskeleg"]),  # the stop word is left out, "tid" remains
    ("-nyttig", ["caps", "nb", "nn", "other", "plus", "slash"]),
    ("og", []),
]


@pytest.fixture
def answers(survey):
    q = make_question(survey, "1")
    return survey, {key: make_answer(q, make_respondent(survey, key), text=text).pk for key, text in TEXTS.items()}


def found(client, survey, keys, query):
    response = client.get(reverse("coding:answers", args=[survey.slug]), {"q": query})
    assert response.status_code == 200
    return sorted(key for key, pk in keys.items() if pk in {a.pk for a in response.context["table"].data})


@pytest.mark.parametrize("query, expected", QUERIES)
def test_the_same_query_finds_the_same_answers(client_for, coder, answers, query, expected):
    survey, keys = answers
    assert found(client_for(coder), survey, keys, query) == sorted(expected)


@pytest.mark.parametrize("query, expected", QUERIES)
def test_the_sqlite_test_in_python_agrees(query, expected):
    assert sorted(k for k, text in TEXTS.items() if search.matches(text, query)) == sorted(expected)


def test_nynorsk_forms_are_marked_in_the_list(client_for, coder, answers):
    survey, _keys = answers
    html = client_for(coder).get(reverse("coding:answers", args=[survey.slug]), {"q": "skole"}).text
    assert "<mark>Skulen</mark>" in html and "<mark>Skolen</mark>" in html


@pytest.mark.postgres
def test_python_stems_and_stop_words_are_postgresqls(db):
    words = sorted({w for text in TEXTS.values() for w in search.WORD.findall(text)} | set(search.STOP_WORDS)
                   | {"samlinger", "samlingene", "ressurslæreren", "lærarar", "skulane", "rettleiaren"})
    with connection.cursor() as cursor:
        cursor.execute("SELECT w, ts_lexize('norwegian_stem', w) FROM unnest(%s::text[]) AS w", [words])
        postgres = dict(cursor.fetchall())
    for word in words:
        expected = [] if word.lower() in search.STOP_WORDS else [search.stem(word)]
        assert postgres[word] == expected, word
