"""The Word report of a large survey is written by the background worker."""

import io

import pytest
from django.urls import reverse
from docx import Document

from coding.models import Category
from surveys.jobs.models import Job
from tests.jobs import work_off

pytestmark = pytest.mark.django_db


def test_a_large_surveys_report_is_made_in_the_background(client_for, reviewer, demo, settings):
    settings.BACKGROUND_ABOVE = {**settings.BACKGROUND_ABOVE, "rows": 100}
    client = client_for(reviewer)
    url = reverse("coding:report_docx", args=[demo.slug])
    report = client.get(reverse("coding:report", args=[demo.slug])).content.decode()
    assert "Lag rapporten som DOCX i bakgrunnen" in report
    assert "Lag filen" in client.get(url).content.decode() and not Job.objects.exists()
    response = client.post(url, {"layer": "all"})
    job = Job.objects.get()
    assert job.kind == Job.Kind.REPORT_DOCX and response["Location"] == reverse("surveys:job", args=[job.pk])
    work_off()
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.result_name.startswith("portefolje-2-rapport-")
    document = Document(io.BytesIO(client.get(reverse("surveys:job_file", args=[job.pk])).content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert all(c.name in text for c in Category.objects.filter(survey=demo))


def test_a_small_surveys_report_is_still_downloaded_at_once(client_for, reviewer, demo):
    response = client_for(reviewer).get(reverse("coding:report_docx", args=[demo.slug]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats") and not Job.objects.exists()
