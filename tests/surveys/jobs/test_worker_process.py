"""The real `manage.py db_worker` in a process of its own, on an embedded SQLite database as
`./run` serves it: a job started while no worker runs (as after a restart) is done by the next
worker; a worker killed in the middle of a job leaves nothing saved, the job's page says it
stopped, and the worker that takes the next job marks it so."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.jobs import ROOT, wait_for

SETUP = """
from django.contrib.auth import get_user_model
from surveys.jobs import work
from surveys.jobs.models import Job
from surveys.models import Survey
from coding.exports.tasks import export_file
from tests.surveys.jobs.sleepy import sleeping
user = get_user_model().objects.create_user("kari")
survey = Survey.objects.create(slug="tom", title="Tom")
export = work.start(export_file, Job.Kind.EXPORT, by=user, survey=survey,
                    params={"kind": "codings", "fmt": "csv", "layer": "all"})
print(export.pk)
"""
SLEEPER = """
from django.contrib.auth import get_user_model
from surveys.jobs import work
from surveys.jobs.models import Job
from tests.surveys.jobs.sleepy import sleeping
kari = get_user_model().objects.get(username="kari")
print(work.start(sleeping, Job.Kind.IMPORT, by=kari, params={"seconds": 120}).pk)
"""
STATE = """
import json
from surveys.jobs.models import Job
from surveys.models import Survey
print(json.dumps({"jobs": {j.pk: [j.state, j.result_name, j.shown_state] for j in Job.objects.all()},
                  "surveys": sorted(Survey.objects.values_list("slug", flat=True))}))
"""


@pytest.fixture
def sqlite_env(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PYTHONPATH": str(ROOT),
           "DJANGO_SETTINGS_MODULE": "veiledning.settings", "JOB_STALE_SECONDS": "2", "JOB_HEARTBEAT_SECONDS": "1"}
    manage(env, "migrate", "--noinput", "-v0")
    return env


def manage(env, *args, timeout=300):
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=timeout)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def shell(env, code):
    return manage(env, "shell", "-c", code).strip().splitlines()[-1]


def test_a_job_waits_for_the_next_worker_and_a_killed_worker_saves_nothing(sqlite_env):
    export = int(shell(sqlite_env, SETUP))  # no worker running: the job is a row, nothing more
    assert json.loads(shell(sqlite_env, STATE))["jobs"][str(export)][0] == "queued"
    manage(sqlite_env, "db_worker", "--batch", "--no-reload", "--no-startup-delay", "-v0")
    state = json.loads(shell(sqlite_env, STATE))
    assert state["jobs"][str(export)][:2] == ["done", f"tom-kodinger-{time.strftime('%Y-%m-%d')}.csv"]

    sleeper = int(shell(sqlite_env, SLEEPER))
    worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
                               "--interval", "0.2", "-v0"], cwd=ROOT, env=sqlite_env, start_new_session=True)
    try:
        assert wait_for(lambda: json.loads(shell(sqlite_env, STATE))["jobs"][str(sleeper)][0] == "running", 120)
    finally:
        os.killpg(worker.pid, signal.SIGKILL)  # the worker dies in the middle of the job
        worker.wait(timeout=30)
    time.sleep(3)  # past JOB_STALE_SECONDS without a heartbeat
    state = json.loads(shell(sqlite_env, STATE))
    assert state["jobs"][str(sleeper)][2] == "stopped"  # what its page says, with no worker running
    assert "halvveis" not in state["surveys"]  # its transaction died with it
    again = SETUP.replace('create_user("kari")', 'get(username="kari")').replace('create(slug="tom"', 'get(slug="tom"')
    shell(sqlite_env, again)
    manage(sqlite_env, "db_worker", "--batch", "--no-reload", "--no-startup-delay", "-v0")
    state = json.loads(shell(sqlite_env, STATE))
    assert state["jobs"][str(sleeper)][0] == "stopped"  # the next job's worker marked it so
