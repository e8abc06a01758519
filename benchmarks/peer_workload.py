"""The peers' workload against this app: the first page of the answer list,
a code applied to 200 different answers, the list filtered to coded answers, and the export of
all codings; at 380 and at 38,000 answers; on SQLite and on PostgreSQL; over HTTP on loopback
against gunicorn with 2 sync workers and DEBUG off (started as the peers' harness starts it:
gunicorn.conf.py preloads the app). Medians (and p95) of sequential requests, the server's
idle memory (PSS, as the peers' harness counts it) and its start.

Two datasets per size. The harness's survey (benchmarks/harness.py: graded answers beside the
text, 150,000 codings at 38,000) for medians of many requests; and, as the peers' harness
runs it, a file of N respondents with one answer each imported through the browser flow
(upload → preview → confirm, timed with the workers' peak memory), then on that survey the
first list page right after the import and once more, 200 applies, the list with codes and
the export, each once.

    .venv/bin/python benchmarks/peer_workload.py                      # SQLite only
    PEER_PG_URL=postgres://postgres@127.0.0.1:PORT/ .venv/bin/python benchmarks/peer_workload.py
    ... --record                                                      # also into docs/benchmarks.md

Each (database, size) runs in a process of its own (Django is configured once per process):
SQLite files under $TMPDIR, PostgreSQL databases peer_380 and peer_38000 on PEER_PG_URL. The
datasets are the harness's (benchmarks/harness.py) at scale 1 and 100, built on first use.
"""

import os
import random
import re
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
        time.sleep(2)
        idle_pss = harness.server_pss_mib(server)
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
        try:
            for name, value, unit in as_the_peers(server, int(size)):
                print(f"{db}\t{size}\t{name}\t{value:.1f}\t\t{unit}", flush=True)
        except Exception as error:  # (a worker killed by gunicorn's timeout in the import, say)
            print(f"{db}\t{size}\tas the peers: failed ({type(error).__name__}: {error})", file=sys.stderr, flush=True)
    print(f"{db}\t{size}\tidle memory (RSS, 2 workers)\t{idle:.0f}\t\tMB")
    print(f"{db}\t{size}\tidle memory (PSS, 2 workers)\t{idle_pss:.0f}\t\tMiB")
    print(f"{db}\t{size}\tgunicorn up and answering\t{cold:.0f}\t\tms")


QUESTIONS = ["Hva fungerer godt i samarbeidet?", "Hvilke utfordringer ser dere?",
             "Hvordan har digitaliseringen påvirket arbeidet?", "Hva bør prioriteres det neste året?"]
WORDS = ("kommunen de ansatte ledelsen innbyggerne skolene helsetjenesten opplever ønsker savner trenger "
         "økonomien rekrutteringen samarbeidet kompetansen ventetiden bemanningen kvaliteten tilliten gode "
         "krevende økte færre tydeligere raskere i distriktene på tvers av enhetene i regionen fordi men og").split()


def wide_csv(n, seed=42):
    """A survey tool's export of n respondents with one free-text answer each (1–4 sentences of
    Norwegian words), in one of four question columns: the peers' corpus in the wide layout, of
    about its size (8 MB at 38,000, below the size a request hands to the background worker)."""
    import csv
    import io

    rng = random.Random(seed)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["Svar-ID", "Kommune", "Rolle", *(f"{i}. {q}" for i, q in enumerate(QUESTIONS, start=1))])
    for i in range(1, n + 1):
        text = " ".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize() + "."
                        for _ in range(rng.randint(1, 4)))
        cells = [""] * len(QUESTIONS)
        cells[rng.randrange(len(QUESTIONS))] = text
        writer.writerow([f"A{i:05d}", rng.choice(["Oslo", "Bergen", "Bodø", "Tromsø", "Ålesund", "Værøy"]),
                         rng.choice(["kommunalsjef", "enhetsleder", "saksbehandler"]), *cells])
    return out.getvalue().encode()


def as_the_peers(server, n):
    """The peers' harness's sequence on a survey imported through the browser: [(figure, value,
    unit)]. Each step once, as the harness times it (its figures are medians of 3 runs)."""
    admin = harness.Client(server.base_url).login("benchadmin")
    slug = f"peers-{n}-{int(time.time())}"
    content = wide_csv(n)
    figures = []

    def timed_once(name, fn):
        start = time.perf_counter()
        out = fn()
        figures.append((name, (time.perf_counter() - start) * 1000, "ms"))
        return out

    def upload():
        admin.get("/import/")
        response = admin.post_file("/import/", {"target": "new", "title": slug, "slug": slug}, "file", "svar.csv",
                                   content)
        if response.status != 302:
            raise RuntimeError(f"upload: HTTP {response.status}")
        return response.headers["Location"]

    started = time.perf_counter()
    preview = timed_once("import: upload", upload)
    page = timed_once("import: preview", lambda: admin.get(preview))
    if page.status != 200 or re.search(r'id="confirm-import"\s+disabled', page.text):
        raise RuntimeError(f"preview: HTTP {page.status}, or the import button is disabled")
    run = re.search(r"/import/(\d+)/", preview).group(1)
    confirmed = timed_once("import: confirm", lambda: admin.post(f"/import/{run}/confirm/", {}, headers=HTMX))
    if "/summary/" not in (confirmed.headers.get("HX-Redirect") or ""):
        raise RuntimeError(f"confirm: no summary ({confirmed.status})")
    admin.get(confirmed.headers["HX-Redirect"])
    figures.append(("import through the browser (upload, preview, confirm, summary)",
                    (time.perf_counter() - started) * 1000, "ms"))
    figures.append(("import: peak memory of a worker", harness.server_peak_mb(server), "MB"))
    timed_once("first page right after the import", lambda: admin.get(f"/s/{slug}/answers/"))
    timed_once("first page once more", lambda: admin.get(f"/s/{slug}/answers/"))
    admin.post(f"/s/{slug}/codebook/new/", {"new-name": "økonomi", "new-description": "", "new-colour": "#2196f3",
                                            "new-parent": ""})
    code = re.search(rf'href="/s/{slug}/codebook/(\d+)/"', admin.get(f"/s/{slug}/codebook/").text).group(1)
    ids = []
    for number in range(1, 10):
        ids += re.findall(rf'href="/s/{slug}/answers/(\d+)/"', admin.get(f"/s/{slug}/answers/?page={number}").text)
    samples = []
    for answer in list(dict.fromkeys(ids))[:200]:
        start = time.perf_counter()
        response = admin.post(f"/s/{slug}/codings/", {"answer": answer, "code": code},
                              headers={**HTMX, "HX-Target": "codings"})
        samples.append((time.perf_counter() - start) * 1000)
        if 'id="codings"' not in response.text:
            raise RuntimeError(f"apply: HTTP {response.status}")
    applied = harness.summarise(samples)
    figures += [("apply a code, 200 answers (median)", applied["median"], "ms"),
                ("apply a code, 200 answers (p95)", applied["p95"], "ms")]
    timed_once("list with codes, once", lambda: admin.get(f"/s/{slug}/answers/?coded=anyone"))
    timed_once("export of its codings, once", lambda: admin.get(f"/s/{slug}/exports/codings.csv"))
    return [(f"as the peers: {name}", value, unit) for name, value, unit in figures]


TARGETS = {("first page", "38000"): 15, ("first page", "380"): 10, ("list with codes", "38000"): 15,
           ("apply a code", "38000"): 5,
           ("as the peers: import through the browser (upload, preview, confirm, summary)", "38000"): 2500,
           ("as the peers: apply a code, 200 answers (median)", "38000"): 5,
           ("as the peers: apply a code, 200 answers (p95)", "38000"): 8,
           ("as the peers: first page once more", "38000"): 15, ("as the peers: first page once more", "380"): 10,
           ("as the peers: list with codes, once", "38000"): 15,
           ("idle memory (PSS, 2 workers)", "380"): 80, ("idle memory (PSS, 2 workers)", "38000"): 80,
           ("gunicorn up and answering", "380"): 600, ("gunicorn up and answering", "38000"): 600}
BELOW = {("as the peers: import: peak memory of a worker", "38000"): 300}


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
        goal, below = TARGETS.get((name, size)), BELOW.get((name, size))
        label = f"peer workload, {db}, {size} answers: {name}"
        rows.append(harness.row(label + (" (median)" if p95 else ""), float(median), unit=unit, at_most=goal,
                                below=below))
    if "--record" in argv:
        harness.record_figures(rows, "PEER_PG_URL=… .venv/bin/python benchmarks/peer_workload.py --record")


if __name__ == "__main__":
    main(sys.argv[1:])
