"""A large export is written by the background worker: the same file, of the layer the person
may see, kept in the job for its owner."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coding.models import Code, Coding
from surveys.jobs.models import Job
from tests.coding.exports.test_exports import hostile, read_csv, url  # noqa: F401 (fixture)
from tests.conftest import make_answer, make_question
from tests.jobs import work_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def large(settings):
    settings.BACKGROUND_ABOVE = {**settings.BACKGROUND_ABOVE, "rows": 2}


def _file(client, job):
    return client.get(reverse("surveys:job_file", args=[job.pk])).content


def test_a_large_export_is_offered_then_written_by_the_worker_the_same_as_in_the_request(
        client_for, reviewer, hostile, settings):  # noqa: F811
    client = client_for(reviewer)
    in_request = read_csv(client.get(url(hostile, "codings", "csv")))
    settings.BACKGROUND_ABOVE = {**settings.BACKGROUND_ABOVE, "rows": 2}
    page = client.get(reverse("coding:exports", args=[hostile.slug])).content.decode()
    assert "som CSV, i bakgrunnen" in page
    assert "Lag filen" in client.get(url(hostile, "codings", "csv")).content.decode() and not Job.objects.exists()
    response = client.post(url(hostile, "codings", "csv"), {"layer": "all"})
    job = Job.objects.get()
    assert response["Location"] == reverse("surveys:job", args=[job.pk])
    work_off()
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.result_name.endswith(".csv")
    data = _file(client, job)
    assert list(csv.reader(io.StringIO(data[3:].decode(), newline=""), delimiter=";")) == in_request


def test_a_large_xlsx_export(client_for, reviewer, hostile, large):  # noqa: F811
    client = client_for(reviewer)
    client.post(url(hostile, "answers", "xlsx"))
    work_off()
    job = Job.objects.get()
    sheet = load_workbook(io.BytesIO(_file(client, job))).active
    assert sheet.max_row > 2 and all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_small_tables_stay_in_the_request(client_for, reviewer, hostile, large):  # noqa: F811
    response = client_for(reviewer).get(url(hostile, "frequencies", "csv"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]


def test_a_blind_coders_background_export_holds_only_their_layer(client_for, coder, co_coder, survey, large):
    survey.blind_coding = True
    survey.save()
    q = make_question(survey, "1")
    code = Code.objects.create(survey=survey, name="Kode")
    for n in range(3):
        Coding.objects.create(answer=make_answer(q, text=f"mitt {n}"), code=code, coder=coder)
        Coding.objects.create(answer=make_answer(q, text=f"ditt {n}"), code=code, coder=co_coder)
    client = client_for(coder)
    client.post(url(survey, "codings", "csv"), {"layer": str(co_coder.id)})
    work_off()
    rows = list(csv.reader(io.StringIO(_file(client, Job.objects.get())[3:].decode(), newline=""), delimiter=";"))
    assert {r[4] for r in rows[1:]} == {coder.username}
