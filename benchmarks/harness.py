"""Shared pieces of the benchmark scripts: the large dataset, a gunicorn server on loopback,
a keep-alive HTTP client, timing, and docs/benchmarks.md.

The scripts print figures; nothing here asserts a time. Run them against PostgreSQL:

    source .ci/pg.sh && PGPORT=54331 pg_up     # or any DATABASE_URL you like
    .venv/bin/python benchmarks/coding_bench.py

Each script calls `setup_django()` first, `build_large_dataset()` for the 100× data
(38,000 text answers, 300 codes, 150,000 codings by 4 coders), `serve()` for gunicorn, and
`record_figures()` to write its rows into docs/benchmarks.md.
"""

import contextlib
import http.client
import json
import os
import platform
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "benchmarks.json"
REPORT = ROOT / "docs" / "benchmarks.md"
SLUG = "bench"
PASSWORD = "benchmark-password-2026"
CODERS = ["bench1", "bench2", "bench3", "bench4"]


def setup_django():
    """Configure Django for a script run from the repository root."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veiledning.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdefghijklmnop")
    os.environ.setdefault("VEILEDNING_HTTPS", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        sys.exit("Set DATABASE_URL to a PostgreSQL database (see benchmarks/harness.py), or to "
                 "sqlite:////path/file.sqlite3 for the embedded default's figures.")
    if not url.startswith("sqlite:"):
        ensure_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def ensure_database(url):
    """Create the PostgreSQL database named in `url` if it does not exist yet."""
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


# --------------------------------------------------------------------------- dataset
def build_large_dataset(scale=100, n_codes=300, n_codings=150_000, seed=7):
    """The demo survey `scale` times over under slug "bench" (idempotent: kept when complete).

    Returns the Survey. 43·scale respondents, 380·scale text answers, the demo's graded
    answers for every respondent, n_codes codes in 8 categories, n_codings whole-answer and
    span codings spread over 4 coders."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction

    from coding.models import Category, CategoryCode, Code, Coding
    from surveys.demo import answers_part1, answers_part2, questions
    from surveys.demo.loader import GRADED
    from surveys.models import Answer, Question, Respondent, Survey

    survey = Survey.objects.filter(slug=SLUG).first()
    if survey and Coding.objects.filter(answer__question__survey=survey).count() >= n_codings:
        return survey
    if survey:
        Survey.objects.filter(pk=survey.pk).delete()  # incomplete: start again

    rng = random.Random(seed)
    User = get_user_model()
    users = {}
    for name, role in [*((c, "coder") for c in CODERS), ("benchadmin", "admin"), ("benchleder", "reviewer")]:
        user, created = User.objects.get_or_create(username=name)
        if created:
            user.set_password(PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=role))
        users[name] = user

    t0 = time.perf_counter()
    with transaction.atomic():
        survey = Survey.objects.create(title="Benchmark 100×", slug=SLUG)
        by_code = {}
        for order, (code, kind, text, parent, options) in enumerate(questions.QUESTIONS, start=1):
            extra = {"scale_min": 1, "scale_max": 6} if kind == questions.LIKERT else {}
            by_code[code] = Question.objects.create(
                survey=survey, code=code, kind=kind, text=text, order=order,
                options=options or [], parent=by_code.get(parent), **extra,
            )
        respondents = Respondent.objects.bulk_create(
            [
                Respondent(survey=survey, external_key=f"B{i:05d}",
                           attributes={"fylke": rng.choice(["Viken", "Vestland", "Innlandet", "Nordland"]),
                                       "deltakelse": rng.choice(["alene", "i gruppe"])})
                for i in range(43 * scale)
            ],
            batch_size=5000,
        )
        texts = {**answers_part1.ANSWERS, **answers_part2.ANSWERS}
        rows = []
        for code, count in questions.TEXT_ANSWER_COUNTS.items():
            pool = texts[code]
            chosen = rng.sample(respondents, count * scale)
            for i, respondent in enumerate(chosen):
                rows.append(Answer(respondent=respondent, question=by_code[code],
                                   text=f"{pool[i % len(pool)]} ({i // len(pool) + 1})"))
        for code in GRADED:
            for respondent in respondents:
                rows.append(Answer(respondent=respondent, question=by_code[code], number=rng.randint(2, 6)))
        Answer.objects.bulk_create(rows, batch_size=5000)
        categories = [Category.objects.create(survey=survey, name=f"Kategori {i + 1}", order=i) for i in range(8)]
        codes = Code.objects.bulk_create(
            [Code(survey=survey, name=f"Kode {i + 1:03d}", colour=f"#{rng.randrange(0x1000000):06x}")
             for i in range(n_codes)]
        )
        CategoryCode.objects.bulk_create(
            [CategoryCode(category=categories[i % 8], code=code, position=i) for i, code in enumerate(codes)]
        )
        answer_ids = list(Answer.objects.filter(question__survey=survey, question__kind="open")
                          .values_list("id", flat=True))
        seen = set()
        codings = []
        coder_list = [users[c] for c in CODERS]
        while len(codings) < n_codings:
            answer_id = rng.choice(answer_ids)
            coder = rng.choice(coder_list)
            code = rng.choice(codes[: n_codes // 3]) if rng.random() < 0.7 else rng.choice(codes)
            key = (answer_id, code.id, coder.id)
            if key in seen:
                continue
            seen.add(key)
            codings.append(Coding(answer_id=answer_id, code=code, coder=coder))
        Coding.objects.bulk_create(codings, batch_size=10000)
    # Fresh tables have no planner statistics and no visibility map until autovacuum gets to
    # them: without these the first minutes of a run measure bad plans (apply a code took
    # 170 ms instead of 13) and reads that set hint bits (search p95 89 ms instead of 55).
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"built dataset '{SLUG}' in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return survey


# --------------------------------------------------------------------------- server
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(workers=2, threads=1, **settings):
    """gunicorn with the production WSGI app on loopback; yields the base URL. `settings` are
    further environment variables for it (BACKGROUND_ROWS="…", say)."""
    port = free_port()
    env = {**os.environ, "DEBUG": "0", "VEILEDNING_HTTPS": "0", "ALLOWED_HOSTS": "127.0.0.1",
           "PYTHONDONTWRITEBYTECODE": "1", **settings}
    # As the peers' harness starts it: gunicorn.conf.py (read from the project root) preloads the app.
    cmd = [sys.executable, "-m", "gunicorn", "veiledning.wsgi", "-b", f"127.0.0.1:{port}",
           "-w", str(workers), "--threads", str(threads), "--log-level", "warning",
           "--keep-alive", "30"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(port, "gunicorn")
        proc.base_url = base
        yield proc
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)


def server_rss_mb(proc):
    """Resident memory of the gunicorn master and all its workers, in MB."""
    import psutil

    parent = psutil.Process(proc.pid)
    return sum(p.memory_info().rss for p in [parent, *parent.children(recursive=True)]) / 1e6


def server_pss_mib(proc):
    """Proportional memory (PSS) of the gunicorn master and its workers, in MiB: pages the
    workers share with the master count once, as the peers' harness counts them."""
    import psutil

    parent = psutil.Process(proc.pid)
    return sum(p.memory_full_info().pss for p in [parent, *parent.children(recursive=True)]) / 2**20


def server_peak_mb(proc):
    """The highest peak resident memory (VmHWM) of any gunicorn worker, in MB."""
    import psutil

    peaks = []
    for child in psutil.Process(proc.pid).children(recursive=True):
        for line in Path(f"/proc/{child.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) * 1024 / 1e6)
    return max(peaks, default=0)


# --------------------------------------------------------------------------- client
class Client:
    """A keep-alive HTTP/1.1 client with a cookie jar and CSRF, like one browser tab."""

    def __init__(self, base_url):
        parts = urlparse(base_url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        self.cookies = {}

    def request(self, method, path, data=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if method != "GET" and "csrftoken" in self.cookies:
            headers["X-CSRFToken"] = self.cookies["csrftoken"]
            headers.setdefault("Referer", "http://127.0.0.1/")
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        content = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        response.content = content
        response.text = content.decode("utf-8", "replace")
        return response

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post_file(self, path, fields, name, filename, content, content_type="text/csv"):
        """A multipart/form-data POST (an upload form) with `fields` and one file."""
        boundary = f"----benchmark{random.randrange(10**12)}"
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
                 for key, value in fields.items()]
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}",
                   "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                   "X-CSRFToken": self.cookies.get("csrftoken", ""), "Referer": "http://127.0.0.1/"}
        self.conn.request("POST", path, body=body, headers=headers)
        response = self.conn.getresponse()
        response.content = response.read()
        response.text = response.content.decode("utf-8", "replace")
        return response

    def post(self, path, data=None, **kw):
        return self.request("POST", path, data=data or {}, **kw)

    def login(self, username, password=PASSWORD):
        page = self.get("/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = self.post("/login/", {"username": username, "password": password,
                                          "csrfmiddlewaretoken": token, "next": "/"})
        if response.status not in (302, 303):
            raise RuntimeError(f"login failed for {username}: {response.status}")
        return self


def timed(fn, n=200, warmup=10):
    """Call fn() n times in sequence; return {"median": ms, "p95": ms, "n": n}."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return summarise(samples)


def summarise(samples):
    """{"median": ms, "p95": ms, "n": n} of a list of timings in ms."""
    samples = sorted(samples)
    return {"median": statistics.median(samples), "p95": samples[int(0.95 * (len(samples) - 1))], "n": len(samples)}


def change_a_coding(rng, answer_ids, code_ids, coder):
    """One real change to the data, as a coder would make it: apply a random code to a random
    answer or, when that coding exists already (an earlier run, same seed), remove it."""
    from coding.workspace import actions as coding_actions
    from surveys.models import Answer

    answer = Answer.objects.select_related("question").get(pk=rng.choice(answer_ids))
    coding, created = coding_actions.apply_code(answer, rng.choice(code_ids), by=coder)
    if not created:
        coding_actions.remove_coding(coding.pk, by=coder)


def row(figure, value, *, unit="ms", at_most=None, below=None, target=None):
    """A figure for record_figures: `at_most` (≤) or `below` (<) give the target and whether
    it was met; otherwise `target` is a note and the row counts as met."""
    if at_most is not None:
        return {"figure": figure, "value": value, "unit": unit, "target": f"≤ {at_most:g} {unit}",
                "met": value <= at_most}
    if below is not None:
        return {"figure": figure, "value": value, "unit": unit, "target": f"< {below:g} {unit}",
                "met": value < below}
    return {"figure": figure, "value": value, "unit": unit, "target": target or "(none)", "met": True}


# --------------------------------------------------------------------------- report
def machine():
    import psutil

    return f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB, {platform.python_version()}"


def wait_until_up(port, what, seconds=60):
    """Wait until the server on `port` answers /healthz with 200 (RuntimeError after `seconds`)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not start")


def record_figures(rows, command):
    """rows: [{"figure": "coding: apply a code (median)", "value": 6.1, "unit": "ms",
    "target": "≤ 8 ms", "met": True}]. Stored in docs/benchmarks.json and rendered to
    docs/benchmarks.md, replacing earlier rows of the same figure."""
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    today = date.today().isoformat()
    for row in rows:
        data[row["figure"]] = {**row, "date": today, "machine": machine(), "command": command}
    RESULTS.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    render_report(data)
    for row in rows:
        print(f"{row['figure']}: {row['value']:.1f} {row['unit']} (target {row['target']})"
              f"{'' if row.get('met', True) else '  <-- MISSED'}")


def render_report(data):
    lines = [
        "# Benchmarks",
        "",
        "Every figure the scripts under `benchmarks/` print, with its date, machine and command.",
        "Rerun any line with its command against a PostgreSQL `DATABASE_URL`; the script rewrites",
        "its rows here. Speed is measured, never asserted by tests.",
        "",
        "| figure | value | target | met | date | machine | command |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in sorted(data):
        row = data[name]
        lines.append(
            f"| {name} | {row['value']:.1f} {row['unit']} | {row['target']} | "
            f"{'yes' if row.get('met', True) else '**no**'} | {row['date']} | {row['machine']} | `{row['command']}` |"
        )
    # Figures measured by other means (side-by-side runs, concurrency, memory of hostile files)
    # follow the table under HAND_KEPT and are kept as they are.
    kept = ""
    if REPORT.exists() and HAND_KEPT in REPORT.read_text():
        kept = "\n" + REPORT.read_text()[REPORT.read_text().index(HAND_KEPT):]
    REPORT.write_text("\n".join(lines) + "\n" + kept)


HAND_KEPT = "## Figures measured outside the table"
