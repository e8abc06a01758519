"""Files that background jobs kept (exports, the report) hold answer text: pseudonymising the
survey deletes the finished ones, so no copy of a pseudonymised name is left to download."""

import pytest
from django.urls import reverse

from coding.privacy.actions import pseudonymise_survey
from surveys.jobs.models import Job
from tests.coding.privacy.test_views import named  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_pseudonymising_deletes_the_surveys_finished_job_files(client_for, admin, named):  # noqa: F811
    kept = Job.objects.create(kind=Job.Kind.EXPORT, created_by=admin, survey=named, state=Job.State.DONE,
                              result=b"Rektor Per Hansen tok ansvar.", result_name="svar.csv")
    running = Job.objects.create(kind=Job.Kind.EXPORT, created_by=admin, survey=named, state=Job.State.RUNNING)
    client_for(admin).post(reverse("coding:privacy_add", args=[named.slug]), {"value": "Per Hansen", "kind": "name"})
    pseudonymise_survey(named, by=admin)
    assert not Job.objects.filter(pk=kept.pk).exists()
    assert Job.objects.filter(pk=running.pk).exists()  # a job still running is left to finish
