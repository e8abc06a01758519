"""Running background jobs in tests: in this process, exactly as `db_worker` runs a task (claim
the row, run it, record the outcome), or a real `manage.py db_worker` beside a live server."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection, transaction
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

ROOT = Path(__file__).resolve().parent.parent


def work_off(limit=20):
    """Run every task waiting in the database with django-tasks-db's own Worker.run_task (the
    loop of `db_worker` closes connections between tasks, which a test transaction cannot
    survive; the claim and the run are the same). Returns how many ran."""
    worker = Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
                    max_tasks=None, worker_id="test-worker", excluded_queue_names=[])
    ran = 0
    while ran < limit:
        with transaction.atomic():
            task = DBTaskResult.objects.ready().get_locked()
            if task is None:
                return ran
            task.claim(worker.worker_id)
        worker.run_task(task)
        ran += 1
    return ran


def database_url():
    """The URL of the database the tests run on (the test database, not the one named in
    DATABASE_URL), for a worker in another process."""
    s = connection.settings_dict
    assert connection.vendor == "postgresql", "a worker process needs a database it can reach"
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


@pytest.fixture
def db_worker(live_server):
    """A real `manage.py db_worker` on the test database while the test runs; stopped (by its
    process id) at the end."""
    env = {**os.environ, "DATABASE_URL": database_url(), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload", "-v0"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def wait_for(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False
