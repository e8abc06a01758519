"""The peers' workload against this app: the first page of the answer list,
a code applied to 200 different answers, the list filtered to coded answers, and the export of
all codings; at 380 and at 38,000 answers; on SQLite and on PostgreSQL; over HTTP on loopback
against gunicorn with 2 sync workers and DEBUG off. Medians (and p95) of sequential requests,
and the server's idle memory.

    .venv/bin/python benchmarks/peer_workload.py                      # SQLite only
    PEER_PG_URL=postgres://postgres@127.0.0.1:PORT/ .venv/bin/python benchmarks/peer_workload.py
    ... --record                                                      # also into docs/benchmarks.md

Each (database, size) runs in a process of its own (Django is configured once per process):
SQLite files under $TMPDIR, PostgreSQL databases peer_380 and peer_38000 on PEER_PG_URL. The
datasets are the harness's (benchmarks/harness.py) at scale 1 and 100, built on first use.
"""

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness  # noqa: E402

HTMX = {"HX-Request": "true"}
SIZES = {"380": 1, "38000": 100}
LIST_N = 50


def database_url(db, size):
    if db == "sqlite":
        return f"sqlite:///{Path(tempfile.gettempdir()) / f'veiledning-peer-{size}.sqlite3'}"
    return os.environ["PEER_PG_URL"].rstrip("/") + f"/peer_{size}"


def setup(url):
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veiledning.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdefghijklmnop")
    os.environ.setdefault("VEILEDNING_HTTPS", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    if url.startswith("postgres"):
        harness.ensure_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def run_one(db, size):
    """Measure one (database, size); print one tab-separated line per figure."""
    setup(database_url(db, size))
    scale = SIZES[size]
    survey = harness.build_large_dataset(scale=scale, n_codings=1500 * scale)
    from coding.models import Code, Coding
    from surveys.models import Answer

    slug = survey.slug
    answers = list(Answer.objects.textual().filter(question__survey=survey).values_list("pk", flat=True))
    codes = list(Code.objects.filter(survey=survey).values_list("pk", flat=True))
    coder = harness.CODERS[0]
    rng = random.Random(18)
    taken = set(Coding.objects.filter(coder__username=coder, start__isnull=True).values_list("answer_id", "code_id"))
    fresh = []
    while len(fresh) < 210:
        pair = (rng.choice(answers), rng.choice(codes))
        if pair not in taken:
            taken.add(pair)
            fresh.append(pair)
    from django.db import connection

    connection.close()  # the server's workers open their own

    started = time.perf_counter()
    with harness.serve(workers=2) as server:
        cold = (time.perf_counter() - started) * 1000
        client = harness.Client(server.base_url).login(coder)

        def get(path, headers=None):
            response = client.get(path, headers=headers)
            if response.status != 200:
                raise RuntimeError(f"{path}: HTTP {response.status}")
            return response

        def apply():
            answer, code = fresh.pop()
            response = client.post(f"/s/{slug}/codings/", {"answer": answer, "code": code}, headers=HTMX)
            if response.status != 200:
                raise RuntimeError(f"apply: HTTP {response.status}")

        time.sleep(2)
        idle = harness.server_rss_mb(server)
        workload = [
            ("first page", lambda: get(f"/s/{slug}/answers/"), LIST_N),
            ("first page (htmx)", lambda: get(f"/s/{slug}/answers/", HTMX), LIST_N),
            ("apply a code", apply, 200),
            ("list with codes", lambda: get(f"/s/{slug}/answers/?coded=anyone"), LIST_N),
            ("export all codings", lambda: get(f"/s/{slug}/exports/codings.csv"), 5),
        ]
        for name, fn, n in workload:
            try:
                f = harness.timed(fn, n=n, warmup=min(5, n // 5 or 1))
            except Exception as error:  # a figure that fails (a worker timeout) is reported, not fatal
                print(f"{db}\t{size}\t{name}: failed ({type(error).__name__})", file=sys.stderr, flush=True)
                continue
            print(f"{db}\t{size}\t{name}\t{f['median']:.1f}\t{f['p95']:.1f}\tms", flush=True)
    print(f"{db}\t{size}\tidle memory (RSS, 2 workers)\t{idle:.0f}\t\tMB")
    print(f"{db}\t{size}\tgunicorn up and answering\t{cold:.0f}\t\tms")


TARGETS = {("first page", "38000"): 15, ("first page", "380"): 10, ("list with codes", "38000"): 15,
           ("apply a code", "38000"): 5}


def main(argv):
    if len(argv) == 3 and argv[0] == "--one":
        return run_one(argv[1], argv[2])
    dbs = ["sqlite"] + (["postgresql"] if os.environ.get("PEER_PG_URL") else [])
    lines = []
    for db in dbs:
        for size in SIZES:
            out = subprocess.run([sys.executable, __file__, "--one", db, size], capture_output=True, text=True)
            if out.returncode:
                sys.exit(out.stderr)
            lines += [line.split("\t") for line in out.stdout.splitlines() if line.count("\t") == 5]
    print(f"{'database':<11}{'answers':>8}  {'figure':<32}{'median':>9}{'p95':>9}")
    rows = []
    for db, size, name, median, p95, unit in lines:
        print(f"{db:<11}{size:>8}  {name:<32}{median:>9}{p95:>9} {unit}")
        goal = TARGETS.get((name, size))
        label = f"peer workload, {db}, {size} answers: {name}"
        rows.append(harness.row(label + (" (median)" if p95 else ""), float(median), unit=unit, at_most=goal))
    if "--record" in argv:
        harness.record_figures(rows, "PEER_PG_URL=… .venv/bin/python benchmarks/peer_workload.py --record")


if __name__ == "__main__":
    main(sys.argv[1:])
