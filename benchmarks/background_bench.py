"""Background jobs benchmark: the 100× survey file and the 100× REFI-QDA project (38,000 answers,
150,000 codings, ~19.6 MiB) imported through the browser flow over HTTP, with the work done by a
real `manage.py db_worker` beside gunicorn. For each: how long every web request took (none may
hold a web worker for 2 s) and how long the worker's jobs took, from enqueued to done.

    DATABASE_URL=postgres://postgres@127.0.0.1:54330/app_bg_bench .venv/bin/python benchmarks/background_bench.py

The 100× CSV (4,300 rows, 38,000 texts) is below the size that goes to the worker by default; the
server here runs with BACKGROUND_IMPORT_CELLS=0 so that its check and import run in the worker
too. The REFI-QDA project goes there by its size. One run of each (the imports are minutes of
work on a busy machine); the machine is shared, so the times are upper bounds.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import harness  # noqa: E402

FILES = Path("/tmp/veiledning-import-bench")
WEB_LIMIT_MS = 2000


def wait_for_job(pk, seconds=1800):
    from surveys.jobs.models import Job

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = Job.objects.defer("result").get(pk=pk)
        if job.finished:
            if job.shown_state != Job.State.DONE:
                raise RuntimeError(f"job {pk} {job.shown_state}: {job.error}")
            return (job.finished_at - job.created_at).total_seconds(), job
        time.sleep(0.5)
    raise RuntimeError(f"job {pk} did not finish")


class Timed:
    def __init__(self, session, base):
        self.session, self.base, self.times = session, base, []

    def __call__(self, method, path, **kwargs):
        start = time.perf_counter()
        response = self.session.request(method, self.base + path, allow_redirects=False, timeout=120, **kwargs)
        self.times.append(((time.perf_counter() - start) * 1000, f"{method} {path}"))
        return response

    def token(self, path):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self("GET", path).text).group(1)


def job_pk(response):
    return int(re.search(r"/jobs/(\d+)/", response.headers["Location"]).group(1))


def import_csv(web, data):
    response = web("POST", "/import/", data={"csrfmiddlewaretoken": web.token("/import/"), "target": "new",
                                             "title": "Bakgrunn 100×", "slug": "bg-bench-100x"},
                   files={"file": ("b.csv", data, "text/csv")})
    run = int(re.search(r"/import/(\d+)/", response.headers["Location"]).group(1))
    from surveys.jobs.models import Job

    check, _job = wait_for_job(Job.objects.get(import_run_id=run).pk)
    preview = web("GET", f"/import/{run}/")
    assert 'id="confirm-import" disabled' not in preview.text
    response = web("POST", f"/import/{run}/confirm/", data={"csrfmiddlewaretoken": web.session.cookies["csrftoken"]})
    seconds, job = wait_for_job(job_pk(response))
    assert "/summary/" in job.result_url
    return check, seconds


def import_project(web, data):
    path = f"/s/{harness.SLUG}/refi/"
    response = web("POST", f"{path}project/import/",
                   data={"csrfmiddlewaretoken": web.token(path), "title": "Bakgrunn REFI"},
                   files={"file": ("bench.qdpx", data, "application/zip")})
    read, job = wait_for_job(job_pk(response))
    users = web("GET", job.result_url)
    fields = dict.fromkeys(re.findall(r'name="(user_\d+)"', users.text), "")
    response = web("POST", job.result_url, data={"csrfmiddlewaretoken": web.session.cookies["csrftoken"], **fields})
    seconds, job = wait_for_job(job_pk(response))
    return read, seconds, job.result_data["survey"]


def drop(slug):
    from coding.models import Coding
    from surveys.models import Respondent, Survey

    for survey in Survey.objects.filter(slug=slug):
        Coding.objects.for_survey(survey).delete()
        survey.codes.update(parent=None)
        Respondent.objects.filter(survey=survey).delete()
        survey.delete()


def main():
    import requests

    harness.setup_django()
    from coding.refi.export import build_qdpx
    from surveys.models import Survey

    survey = harness.build_large_dataset()
    FILES.mkdir(exist_ok=True)
    if not (FILES / "b.csv").exists():
        from benchmarks import import_bench

        import_bench.make_files()
    qdpx = FILES / "bench.qdpx"
    if not qdpx.exists():
        qdpx.write_bytes(build_qdpx(survey))
    drop("bg-bench-100x")
    drop(Survey.objects.filter(title="Bakgrunn REFI").values_list("slug", flat=True).first() or "-")

    os.environ["BACKGROUND_IMPORT_CELLS"] = "0"  # the 100× CSV too goes to the worker
    env = {**os.environ, "DEBUG": "0", "VEILEDNING_HTTPS": "0", "ALLOWED_HOSTS": "127.0.0.1"}
    worker = subprocess.Popen([sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
                               "--interval", "0.2", "-v0"], cwd=harness.ROOT, env=env)
    try:
        with harness.serve(workers=2) as server:
            session = requests.Session()
            web = Timed(session, server.base_url)
            token = web.token("/login/")
            web("POST", "/login/", data={"username": "benchadmin", "password": harness.PASSWORD,
                                         "csrfmiddlewaretoken": token, "next": "/"})
            check, csv_import = import_csv(web, (FILES / "b.csv").read_bytes())
            read, refi_import, refi_slug = import_project(web, qdpx.read_bytes())
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    slowest, where = max(web.times)
    print(f"slowest web request {slowest:.0f} ms ({where}); load average {os.getloadavg()[0]:.1f}")
    drop("bg-bench-100x")
    drop(refi_slug)
    command = "DATABASE_URL=postgres://… .venv/bin/python benchmarks/background_bench.py"
    harness.record_figures([
        harness.row("background: 100× CSV checked for the preview by the worker", check, unit="s",
                    target="(upload to preview ready)"),
        harness.row("background: 100× CSV imported by the worker", csv_import, unit="s", target="(confirm to summary)"),
        harness.row("background: 100× REFI-QDA project read by the worker", read, unit="s",
                    target="(upload to the users step)"),
        harness.row("background: 100× REFI-QDA project imported by the worker", refi_import, unit="s",
                    target="(users step to the new survey)"),
        harness.row("background: slowest web request of both imports", slowest, below=WEB_LIMIT_MS),
    ], command)


if __name__ == "__main__":
    main()
