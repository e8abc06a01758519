"""A large survey's .qdpx is written by the background worker."""

import pytest
from django.urls import reverse

from surveys.jobs.models import Job
from tests.jobs import work_off

pytestmark = pytest.mark.django_db


def test_a_large_surveys_project_file_is_written_by_the_worker(client_for, coder, survey, exported, large):
    client = client_for(coder)
    url = reverse("coding:refi_qdpx", args=[survey.slug])
    assert "Lag filen" in client.get(url).content.decode()  # GET offers, never starts
    assert not Job.objects.exists()
    assert "i bakgrunnen" in client.get(reverse("coding:refi", args=[survey.slug])).content.decode()
    response = client.post(url)
    job = Job.objects.get()
    assert response["Location"] == reverse("surveys:job", args=[job.pk])
    work_off()
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.result_name == f"{survey.slug}.qdpx"
    download = client.get(reverse("surveys:job_file", args=[job.pk]))
    assert download.content[:2] == b"PK" and f"{survey.slug}.qdpx" in download["Content-Disposition"]
