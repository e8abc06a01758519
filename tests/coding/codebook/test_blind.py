"""During blind coding the codebook speaks only of the coder's own layer: counts, refusals and
merges; merging or deleting a code that other coders use is an admin action."""

import pytest
from django.urls import reverse

from coding.models import Code, Coding
from tests.conftest import make_answer, make_question, make_respondent


@pytest.fixture
def blind(survey, coder, co_coder):
    survey.blind_coding = True
    survey.save()
    q = make_question(survey, "2")
    answers = [make_answer(q, make_respondent(survey, f"R{n}"), text=f"Svar {n}") for n in range(3)]
    theirs = Code.objects.create(survey=survey, name="Olas kode")
    mine = Code.objects.create(survey=survey, name="Karis kode")
    for answer in answers:
        Coding.objects.create(answer=answer, code=theirs, coder=co_coder)
    Coding.objects.create(answer=answers[0], code=mine, coder=coder)
    return {"theirs": theirs, "mine": mine, "answers": answers}


def url(survey, name, *args):
    return reverse(f"coding:{name}", args=[survey.slug, *args])


def test_the_code_page_counts_only_the_coders_own_codings(client_for, coder, survey, blind):
    response = client_for(coder).get(url(survey, "code", blind["theirs"].pk))
    assert response.context["used_by"] == 0
    assert "Du har brukt den i 0 kodinger." in response.text
    assert "Brukt i 3" not in response.text


def test_deleting_a_code_others_use_is_refused_without_naming_their_use(client_for, coder, co_coder, survey, blind):
    response = client_for(coder).post(url(survey, "code_delete", blind["theirs"].pk), follow=True)
    assert Code.objects.filter(pk=blind["theirs"].pk).exists()
    assert Coding.objects.filter(code=blind["theirs"], coder=co_coder).count() == 3
    text = response.text
    assert "Under blindkoding kan bare en administrator slette «Olas kode»." in text
    assert "i bruk" not in text


def test_merging_a_code_others_use_is_refused_and_their_layer_is_untouched(client_for, coder, co_coder, survey, blind):
    response = client_for(coder).post(url(survey, "code_merge", blind["theirs"].pk),
                                      {"target": blind["mine"].pk, "confirmed": "1"}, follow=True)
    assert "Under blindkoding kan bare en administrator slå sammen «Olas kode»." in response.text
    assert not [m for m in response.context["messages"] if m.level_tag == "success"]
    assert Coding.objects.filter(code=blind["theirs"], coder=co_coder).count() == 3
    assert not Coding.objects.filter(code=blind["mine"], coder=co_coder).exists()


def test_a_coder_may_merge_their_own_code_and_hears_only_of_their_codings(client_for, coder, co_coder, survey, blind):
    response = client_for(coder).post(url(survey, "code_merge", blind["mine"].pk),
                                      {"target": blind["theirs"].pk, "confirmed": "1"}, follow=True)
    [message] = [str(m) for m in response.context["messages"]]
    assert ": 1 " in message and "3" not in message
    assert Coding.objects.filter(code=blind["theirs"], coder=co_coder).count() == 3
    assert Coding.objects.filter(code=blind["theirs"], coder=coder).count() == 1


def test_an_admin_may_merge_a_code_others_use(client_for, admin, co_coder, survey, blind):
    client_for(admin).post(url(survey, "code_merge", blind["theirs"].pk),
                           {"target": blind["mine"].pk, "confirmed": "1"})
    assert not Code.objects.filter(pk=blind["theirs"].pk).exists()
    assert Coding.objects.filter(code=blind["mine"], coder=co_coder).count() == 3


def test_after_blind_coding_a_coder_may_merge_as_before(client_for, coder, co_coder, survey, blind):
    survey.blind_coding = False
    survey.save()
    client_for(coder).post(url(survey, "code_merge", blind["theirs"].pk),
                           {"target": blind["mine"].pk, "confirmed": "1"})
    assert Coding.objects.filter(code=blind["mine"], coder=co_coder).count() == 3
