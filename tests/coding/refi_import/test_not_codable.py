"""A code marked isCodable="false" in a REFI-QDA file only groups other codes: it is imported as
such and can never be applied, not in the coding view and not through the coding endpoint."""

import pytest
from django.urls import reverse

from coding.codebook.actions import merge_codes
from coding.errors import InvalidInput
from coding.models import Code, Coding
from coding.refi.export import build_qdpx
from coding.refi_import.importing import import_codebook, import_project
from coding.workspace import actions
from tests.coding.refi_import.test_import import CODES, _qdc
from tests.conftest import make_answer, make_question


@pytest.fixture
def heading(survey, admin):
    import_codebook(survey, _qdc(CODES), by=admin)
    return Code.objects.get(survey=survey, name="ny kode")


def test_the_codebook_import_keeps_is_codable(heading, survey):
    assert not heading.codable
    assert Code.objects.get(survey=survey, name="Forankring").codable


def test_applying_it_is_refused_on_either_path(heading, survey, coder):
    answer = make_answer(make_question(survey, "1"), text="Et svar")
    with pytest.raises(InvalidInput, match="ny kode"):
        actions.apply_code(answer, heading, by=coder)
    with pytest.raises(InvalidInput):  # the ORM path other databases take
        actions._insert_and_record_portably(survey.pk, answer, heading.pk, coder, None, None)
    assert not Coding.objects.exists()


def test_the_coding_endpoint_refuses_it_and_the_picker_leaves_it_out(heading, survey, coder, client_for):
    answer = make_answer(make_question(survey, "1"), text="Et svar")
    client = client_for(coder)
    response = client.post(reverse("coding:apply_code", args=[survey.slug]),
                           {"answer": answer.pk, "code": heading.pk}, headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert "samler bare andre koder" in response.content.decode()
    assert not Coding.objects.exists()
    page = client.get(reverse("coding:answer", args=[survey.slug, answer.pk]))
    assert [c.name for c in page.context["codes"]] == ["Forankring", "Politisk"]


def test_codings_cannot_be_merged_into_it(heading, survey, coder, admin):
    answer = make_answer(make_question(survey, "1"), text="Et svar")
    source = Code.objects.get(survey=survey, name="Politisk")
    Coding.objects.create(answer=answer, code=source, coder=coder)
    with pytest.raises(InvalidInput):
        merge_codes(source, heading, by=admin)
    assert Coding.objects.get().code == source


def test_a_project_round_trip_keeps_it(heading, survey, admin):
    make_answer(make_question(survey, "1"), text="Et svar")
    copy, _summary = import_project(build_qdpx(survey), by=admin)
    assert not Code.objects.get(survey=copy, name="ny kode").codable
