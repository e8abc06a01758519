"""Applying a code applies exactly what the coder chose, also without JavaScript, and a typed
name finds the code it means instead of creating a near-duplicate."""

import pytest
from django.urls import reverse

from coding.models import Code, Coding
from tests.conftest import make_answer, make_question


@pytest.fixture
def answer(survey):
    return make_answer(make_question(survey, "2"), text="Vi samarbeidet godt med ressurslæreren.")


@pytest.fixture
def codes(survey):
    return {name: Code.objects.create(survey=survey, name=name)
            for name in ("Tid", "Kollegialt samarbeid", "Ressurslærer", "Rektor", "Rektors rolle")}


def apply(client, survey, **data):
    return client.post(reverse("coding:apply_code", args=[survey.slug]), data, headers={"HX-Request": "true"})


def applied(answer):
    return sorted(Coding.objects.filter(answer=answer).values_list("code__name", flat=True))


def test_a_recent_code_button_wins_over_the_list_choice(client_for, coder, survey, answer, codes):
    """Without JavaScript the pressed recent button posts `recent`; a code still chosen in the
    list does not override it."""
    response = apply(client_for(coder), survey, answer=answer.pk, recent=codes["Tid"].pk,
                     code=codes["Rektor"].pk)
    assert response.status_code == 200
    assert applied(answer) == ["Tid"]
    assert "Brukt: Tid" in response.text


def test_apply_button_applies_the_list_choice_not_a_leftover_name(client_for, coder, survey, answer, codes):
    apply(client_for(coder), survey, answer=answer.pk, action="apply", code=codes["Rektor"].pk, new_code="Noe nytt")
    assert applied(answer) == ["Rektor"]
    assert not Code.objects.filter(name="Noe nytt").exists()


def test_create_button_applies_the_typed_name(client_for, coder, survey, answer, codes):
    response = apply(client_for(coder), survey, answer=answer.pk, action="create", code=codes["Rektor"].pk,
                     new_code="Noe nytt")
    assert applied(answer) == ["Noe nytt"]
    assert "Brukt: Noe nytt" in response.text


@pytest.mark.parametrize("typed, meant", [
    ("tid", "Tid"),                                  # the same name in another case
    ("RESSURSLÆRER", "Ressurslærer"),                # Norwegian letters fold too (SQLite's LIKE would not)
    ("Kolleg", "Kollegialt samarbeid"),              # the start of exactly one code
    ("  kollegialt   samarbeid ", "Kollegialt samarbeid"),
    ("rektor", "Rektor"),                            # exact beats two codes starting with it
])
def test_a_typed_name_applies_the_code_it_means(client_for, coder, survey, answer, codes, typed, meant):
    response = apply(client_for(coder), survey, answer=answer.pk, new_code=typed)
    assert response.status_code == 200
    assert applied(answer) == [meant]
    assert Code.objects.filter(survey=survey).count() == len(codes)


def test_a_start_shared_by_two_codes_creates_a_new_code(client_for, coder, survey, answer, codes):
    apply(client_for(coder), survey, answer=answer.pk, new_code="Rekt")
    assert applied(answer) == ["Rekt"]
    assert Code.objects.filter(survey=survey).count() == len(codes) + 1
