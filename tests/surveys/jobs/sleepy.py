"""A task that takes its time, for the tests that kill a worker in the middle of a job."""

import time

from django.db import transaction
from django.tasks import task

from surveys.jobs import work
from surveys.models import Survey


def _sleep_in_a_transaction(job, progress):
    progress.step("Sover …", 0, 1)
    with transaction.atomic():
        Survey.objects.create(slug="halvveis", title="Halvveis")
        time.sleep(job.params.get("seconds", 60))
        progress.finish(message="Våknet.")


@task()
def sleeping(job_pk):
    return work.run(job_pk, _sleep_in_a_transaction)
