"""The REFI-QDA import screens: codebook preview → confirm, project import, roles, refusals."""

import base64
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coding.models import Code
from surveys.models import Survey
from tests.coding.refi_import.test_import import CODES, SETS, _qdc

PROJECT = (
    '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="Fremmed prosjekt"><CodeBook><Codes>'
    '<Code guid="11111111-1111-1111-1111-111111111111" name="k" isCodable="true"/></Codes></CodeBook>'
    '<Sources><TextSource guid="22222222-2222-2222-2222-222222222222" name="Mangler" '
    'plainTextPath="internal://borte.txt"/></Sources></Project>'
)


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def url(name, survey):
    return reverse(f"coding:{name}", args=[survey.slug])


@pytest.mark.parametrize("name", ["refi_codebook_preview", "refi_codebook_import", "refi_project_import"])
def test_imports_are_post_only(client_for, admin, survey, name):
    assert client_for(admin).get(url(name, survey)).status_code == 405


@pytest.mark.parametrize("name", ["refi_codebook_preview", "refi_codebook_import", "refi_project_import"])
def test_coder_cannot_import(client_for, coder, survey, name):
    response = client_for(coder).post(url(name, survey), {"file": SimpleUploadedFile("k.qdc", _qdc(CODES))})
    assert response.status_code == 403
    assert not Code.objects.exists()


def test_reviewer_cannot_import_a_project(client_for, reviewer, survey):
    data = _zip({"project.qde": PROJECT})
    response = client_for(reviewer).post(
        url("refi_project_import", survey), {"file": SimpleUploadedFile("p.qdpx", data)}
    )
    assert response.status_code == 403
    assert Survey.objects.count() == 1


def test_codebook_preview_then_confirm(client_for, admin, survey):
    Code.objects.create(survey=survey, name="Politisk")
    client = client_for(admin)
    response = client.post(
        url("refi_codebook_preview", survey), {"file": SimpleUploadedFile("k.qdc", _qdc(CODES, SETS))}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Forankring" in html and Code.objects.filter(survey=survey).count() == 1
    payload = response.context["confirm"].initial["payload"]
    response = client.post(url("refi_codebook_import", survey), {"payload": payload, "filename": "k.qdc"})
    assert response.status_code == 302
    assert sorted(Code.objects.filter(survey=survey).values_list("name", flat=True)) == [
        "Forankring",
        "Politisk",
        "ny kode",
    ]
    assert Code.objects.get(survey=survey, name="Politisk").parent is None  # an existing code is kept as it was


def test_codebook_preview_of_a_hostile_file_shows_the_reason(client_for, admin, survey):
    xml = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><CodeBook/>'
    response = client_for(admin).post(url("refi_codebook_preview", survey), {"file": SimpleUploadedFile("k.qdc", xml)})
    assert response.status_code == 400
    assert response.context["codebook_form"].errors["file"]
    assert not Code.objects.exists()


def test_tampered_confirm_is_refused(client_for, admin, survey):
    payload = base64.b64encode(b"<not-a-codebook/>").decode()
    response = client_for(admin).post(url("refi_codebook_import", survey), {"payload": payload})
    assert response.status_code == 302 and not Code.objects.exists()


def test_project_import_creates_a_new_survey_and_reports_missing_texts(client_for, admin, survey):
    data = _zip({"Project.qde": PROJECT, "Sources/": ""})
    response = client_for(admin).post(
        url("refi_project_import", survey), {"file": SimpleUploadedFile("p.qdpx", data), "title": ""}, follow=True
    )
    new = Survey.objects.exclude(pk=survey.pk).get()
    assert new.title == "Fremmed prosjekt"
    assert response.redirect_chain[-1][0] == new.get_absolute_url()
    messages = [str(m) for m in response.context["messages"]]
    assert any("Mangler" in m for m in messages)


def test_project_import_of_a_bad_file_shows_the_reason_and_writes_nothing(client_for, admin, survey):
    data = _zip({"../evil.qde": PROJECT})
    response = client_for(admin).post(url("refi_project_import", survey), {"file": SimpleUploadedFile("p.qdpx", data)})
    assert response.status_code == 400
    assert "../evil.qde" in response.content.decode()
    assert Survey.objects.count() == 1


def test_upload_over_the_limit_is_refused(client_for, admin, survey, settings):
    settings.UPLOAD_MAX_BYTES = 50
    response = client_for(admin).post(
        url("refi_codebook_preview", survey), {"file": SimpleUploadedFile("k.qdc", _qdc(CODES))}
    )
    assert response.status_code == 400
    assert not Code.objects.exists()