"""Search finds the same answers on both databases: Norwegian stems ("samling" finds
"samlinger" and "samlingene") and case folded for Æ, Ø and Å ("RESSURSLÆRER"). Runs on SQLite
(quick runs) and on PostgreSQL (./test) alike: the expected answers are written out here."""

import pytest
from django.urls import reverse

from coding.workspace import search
from tests.conftest import make_answer, make_question, make_respondent

TEXTS = {
    "mange": "Vi hadde mange samlinger med veilederne.",
    "forste": "Den første samlingen var best.",
    "alle": "Alle samlingene ga oss noe.",
    "en": "Én samling om året er for lite.",
    "ressurs": "Ressurslæreren hjalp oss mye.",
    "ressurs2": "Vi fikk en egen ressurslærer på skolen.",
    "ØST": "ØSTLANDET HADDE FÆRRE MØTER ENN VI ØNSKET.",
    "annet": "Lite tid til oppfølging mellom møtene.",
}


@pytest.fixture
def answers(survey):
    q = make_question(survey, "2")
    return {key: make_answer(q, make_respondent(survey, key), text=text) for key, text in TEXTS.items()}


def found(client, survey, query):
    response = client.get(reverse("coding:answers", args=[survey.slug]), {"q": query})
    assert response.status_code == 200
    keys = {text: key for key, text in TEXTS.items()}
    return sorted(keys[row.text] for row in response.context["table"].data), response.text


@pytest.mark.parametrize("query, expected", [
    ("samling", ["alle", "en", "forste", "mange"]),
    ("samlinger", ["alle", "en", "forste", "mange"]),
    ("SAMLINGENE", ["alle", "en", "forste", "mange"]),
    ("ressurslærer", ["ressurs2"]),
    ("RESSURSLÆRER", ["ressurs2"]),
    ("ressurslæreren", ["ressurs"]),
    ("møter", ["annet", "ØST"]),                   # "møtene" too
    ("ønsket færre", ["ØST"]),
    ("samling -året", ["alle", "forste", "mange"]),
    ("veiledning", []),
])
def test_the_same_query_finds_the_same_answers(client_for, coder, survey, answers, query, expected):
    assert found(client_for(coder), survey, query)[0] == expected


def test_found_forms_are_highlighted(client_for, coder, survey, answers):
    _, html = found(client_for(coder), survey, "samling")
    assert "<mark>samlingene</mark>" in html and "<mark>samlinger</mark>" in html


def test_stems_fold_norwegian_capitals():
    assert search.stem("RESSURSLÆRER") == search.stem("ressurslærer")
    assert search.stems_of("ØST og Vest") == " øst vest "  # "og" is a stop word
    parsed = search.parse("samlinger -året OR tid")
    assert [t.stems for t in parsed.wanted] == [{"samling", "tid"}] and [t.stems for t in parsed.unwanted] == [{"året"}]
