"""Merging two codes asks first and shows what will move: the codings per coder, those that
join a coding the other code already has, the answers, the board's cards, sub-codes, memos
and consensus decisions. Nothing changes until it is confirmed."""

import re

import pytest
from django.urls import reverse

from coding.models import AuditEvent, Category, CategoryCode, Code, Coding, Memo
from tests.conftest import make_answer, make_question, make_respondent


@pytest.fixture
def codes(survey, coder, co_coder):
    q = make_question(survey, "2")
    answers = [make_answer(q, make_respondent(survey, f"R{i}"), text=f"Svar {i} om tid.") for i in range(3)]
    tid = Code.objects.create(survey=survey, name="Tid")
    kapasitet = Code.objects.create(survey=survey, name="Tid og kapasitet")
    Code.objects.create(survey=survey, name="Tidsbruk", parent=tid)
    for answer in answers:
        Coding.objects.create(answer=answer, code=tid, coder=coder)
    Coding.objects.create(answer=answers[0], code=tid, coder=co_coder)
    Coding.objects.create(answer=answers[0], code=kapasitet, coder=coder)  # the same: joins it
    forankring = Category.objects.create(survey=survey, name="Forankring", order=1)
    CategoryCode.objects.create(category=forankring, code=tid, position=0)
    Memo.objects.create(code=tid, author=coder, text="Om tid brukt")
    return {"tid": tid, "kapasitet": kapasitet, "answers": answers}


def merge(client, survey, source, target, **extra):
    return client.post(reverse("coding:code_merge", args=[survey.slug, source.pk]), {"target": target.pk, **extra})


def test_merge_asks_first_and_shows_what_will_move(client_for, coder, survey, codes):
    response = merge(client_for(coder), survey, codes["tid"], codes["kapasitet"])
    assert response.status_code == 200
    text = re.sub(r"<[^>]+>", "", response.text)
    assert "Slå sammen kodene?" in text
    assert "3 kodinger blir kodinger med «Tid og kapasitet» (kari: 2, ola: 1)" in text
    assert "1 koding finnes allerede med «Tid og kapasitet»" in text  # singular, not "1 kodinger"
    assert "3 svar er kodet med «Tid»." in text
    assert "På tavla: «Tid og kapasitet» tar plassen til «Tid» i Forankring." in text
    assert "Tidsbruk" in text and "1 notat om koden følger med." in text
    # Nothing has changed yet.
    assert Code.objects.filter(pk=codes["tid"].pk).exists()
    assert Coding.objects.filter(code=codes["tid"]).count() == 4
    assert not AuditEvent.objects.filter(action="code_merged").exists()


def test_confirmed_merge_moves_what_it_showed(client_for, coder, survey, codes):
    response = merge(client_for(coder), survey, codes["tid"], codes["kapasitet"], confirmed="1")
    assert response.status_code == 302
    assert not Code.objects.filter(pk=codes["tid"].pk).exists()
    assert Coding.objects.filter(code=codes["kapasitet"]).count() == 4  # 3 moved + the one already there
    assert CategoryCode.objects.filter(code=codes["kapasitet"]).count() == 1
    page = client_for(coder).get(response["Location"]).text
    assert "3 kodinger flyttet, 1 dublett slått sammen" in page


def test_a_refused_merge_is_refused_before_the_question(client_for, coder, co_coder, survey, codes):
    survey.blind_coding = True
    survey.save()
    response = merge(client_for(coder), survey, codes["tid"], codes["kapasitet"])
    assert response.status_code == 302
    assert "Slå sammen kodene?" not in client_for(coder).get(response["Location"]).text
    assert Code.objects.filter(pk=codes["tid"].pk).exists()


def test_reviewer_gets_no_question(client_for, reviewer, survey, codes):
    assert merge(client_for(reviewer), survey, codes["tid"], codes["kapasitet"]).status_code == 403
