"""The REFI-QDA exchange page and its downloads: what each role sees, the files, refusals."""

import io
import zipfile

import pytest
from django.urls import reverse

from coding.models import AuditEvent


def url(name, survey):
    return reverse(f"coding:{name}", args=[survey.slug])


def test_page_shows_downloads_and_both_imports_to_admin(client_for, admin, survey):
    response = client_for(admin).get(url("refi", survey))
    assert response.status_code == 200
    html = response.content.decode()
    assert url("refi_qdpx", survey) in html
    assert url("refi_codebook_preview", survey) in html and url("refi_project_import", survey) in html
    assert 'aria-current="page"' in html


def test_coder_sees_downloads_but_no_imports(client_for, coder, survey):
    html = client_for(coder).get(url("refi", survey)).content.decode()
    assert url("refi_qdpx", survey) in html
    assert url("refi_codebook_preview", survey) not in html and url("refi_project_import", survey) not in html


def test_qdpx_download_is_an_attachment_with_nosniff_and_an_audit_row(client_for, reviewer, demo):
    response = client_for(reviewer).get(url("refi_qdpx", demo))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and "portefolje-2.qdpx" in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "project.qde" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert AuditEvent.objects.filter(survey=demo, action=AuditEvent.Action.EXPORTED, data__format="qdpx").exists()


def test_qdc_download(client_for, coder, demo):
    response = client_for(coder).get(url("refi_qdc", demo))
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    assert b"urn:QDA-XML:codebook:1.0" in response.content


def test_qdc_download_without_codes_redirects_with_a_message(client_for, coder, survey):
    response = client_for(coder).get(url("refi_qdc", survey))
    assert response.status_code == 302


@pytest.mark.parametrize("name", ["refi", "refi_qdpx", "refi_qdc"])
def test_outsider_gets_404(client_for, outsider, survey, name):
    assert client_for(outsider).get(url(name, survey)).status_code == 404


@pytest.mark.parametrize("name", ["refi", "refi_qdpx"])
def test_anonymous_is_sent_to_login(client, survey, name):
    response = client.get(url(name, survey))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_each_file_field_on_the_page_has_its_own_label(client_for, admin, survey):
    import re
    from collections import Counter

    page = client_for(admin).get(url("refi", survey)).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []
    assert 'for="codebook-file"' in page and 'for="project-file"' in page
