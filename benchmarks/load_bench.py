"""Load and fault test: 20 concurrent coders against gunicorn and
PostgreSQL on loopback — 70 % code toggles, 20 % next answer, 10 % category dashboard.

    DATABASE_URL=postgres://postgres@127.0.0.1:54330/app_bench .venv/bin/python benchmarks/load_bench.py [--minutes 5]
    ... benchmarks/load_bench.py --minutes 2 --fault PGDATA_DIR   # restart PostgreSQL halfway

Each simulated coder has an account of their own and works in their own layer, so the final
state of every (coder, answer, code) is known: after the run the script compares the database
with every toggle the server confirmed. With --fault the cluster at PGDATA_DIR is restarted
(`pg_ctl restart -m fast`) in the middle: errors are allowed only while it is down, and the app
must recover without a restart. Figures go to docs/benchmarks.md.
"""

from gevent import monkey

monkey.patch_all()

import argparse  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
from locust import HttpUser, between, events, task  # noqa: E402
from locust.env import Environment  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import harness  # noqa: E402

USERS = 20
STATE = {}  # (coder, answer_id, code_id) -> coding id or None, as the server last confirmed
PENDING = set()  # toggles sent but not answered yet (in flight when the run stops)
ERRORS = []  # (time, name, message)
CONTEXT = {}


def coder_names():
    return [f"load{i:02d}" for i in range(1, USERS + 1)]


class Coder(HttpUser):
    # A busy coder: one action every half to one and a half seconds.
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.name = CONTEXT["free_names"].pop()
        page = self.client.get("/login/", name="login")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        self.client.post("/login/", {"username": self.name, "password": harness.PASSWORD,
                                     "csrfmiddlewaretoken": token, "next": "/"}, name="login")
        self.csrf = self.client.cookies.get("csrftoken")
        self.answers = CONTEXT["answers_by_coder"][self.name]
        self.answer = random.choice(self.answers)

    def headers(self):
        return {"HX-Request": "true", "X-CSRFToken": self.client.cookies.get("csrftoken") or self.csrf,
                "Referer": self.host + "/"}

    @task(70)
    def toggle(self):
        slug = CONTEXT["slug"]
        answer = random.choice(self.answers)
        code = random.choice(CONTEXT["codes"])
        key = (self.name, answer, code)
        coding_id = STATE.get(key)
        if coding_id:
            url, data, name = f"/s/{slug}/codings/{coding_id}/remove/", {}, "toggle: remove"
        else:
            url, data, name = f"/s/{slug}/codings/", {"answer": answer, "code": code}, "toggle: apply"
        PENDING.add(key)
        with self.client.post(url, data=data, headers=self.headers(), name=name, catch_response=True) as r:
            PENDING.discard(key)
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
                ERRORS.append((time.time(), name, r.status_code))
                return
            if coding_id:
                STATE[key] = None
            else:
                found = CONTEXT["coding_id_for"](self.name, answer, code)
                STATE[key] = found
                if not found:
                    r.failure("applied coding not in the database")

    @task(20)
    def next_answer(self):
        slug = CONTEXT["slug"]
        with self.client.get(f"/s/{slug}/answers/{self.answer}/go/next/", headers=self.headers(),
                             name="next answer", catch_response=True) as r:
            if r.status_code not in (200, 204):
                r.failure(f"status {r.status_code}")
                ERRORS.append((time.time(), "next answer", r.status_code))

    @task(10)
    def dashboard(self):
        slug = CONTEXT["slug"]
        category = random.choice(CONTEXT["categories"])
        with self.client.get(f"/s/{slug}/dashboards/{category}/", name="dashboard", catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
                ERRORS.append((time.time(), "dashboard", r.status_code))


def prepare():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import OperationalError, connection

    from coding.models import Category, Code, Coding
    from surveys.models import Answer

    survey = harness.build_large_dataset()
    User = get_user_model()
    group = Group.objects.get(name="coder")
    answers = list(Answer.objects.filter(question__survey=survey).textual().values_list("id", flat=True)[:2000])
    by_coder = {}
    for i, name in enumerate(coder_names()):
        user, created = User.objects.get_or_create(username=name)
        if created:
            user.set_password(harness.PASSWORD)
            user.save()
        user.groups.add(group)
        Coding.objects.filter(coder=user).delete()  # a clean layer for each run
        by_coder[name] = answers[i * 100 : (i + 1) * 100]
    users = {u.username: u.id for u in User.objects.filter(username__in=coder_names())}

    def coding_id_for(name, answer, code):
        for _attempt in range(10):  # the script's own connection dies too when PostgreSQL restarts
            try:
                row = Coding.objects.filter(coder_id=users[name], answer_id=answer, code_id=code,
                                            start__isnull=True).first()
                return row.id if row else None
            except OperationalError:
                connection.close()
                gevent.sleep(0.5)
        raise RuntimeError("the database did not come back")

    CONTEXT.update(
        slug=survey.slug,
        codes=list(Code.objects.filter(survey=survey).values_list("id", flat=True)[:40]),
        categories=list(Category.objects.filter(survey=survey).values_list("id", flat=True)),
        answers_by_coder=by_coder,
        free_names=coder_names(),
        coding_id_for=coding_id_for,
        users=users,
    )


def verify():
    """Every toggle the server confirmed is what the database holds now."""
    from django.db import connection

    from coding.models import Coding

    connection.close()  # a fresh connection (PostgreSQL may have been restarted meanwhile)
    wrong = 0
    for key in PENDING:  # cut off by the end of the run: either state is right
        STATE.pop(key, None)
    for (name, answer, code), coding_id in STATE.items():
        present = Coding.objects.filter(coder_id=CONTEXT["users"][name], answer_id=answer, code_id=code,
                                        start__isnull=True).exists()
        wrong += present != bool(coding_id)
    in_flight = {(CONTEXT["users"][n], a, c) for n, a, c in PENDING}
    rows = Coding.objects.filter(coder_id__in=CONTEXT["users"].values()).values_list("coder_id", "answer_id", "code_id")
    duplicates = sum(1 for row in rows if row not in in_flight) - sum(1 for v in STATE.values() if v)
    return wrong, duplicates


def restart_postgres(pgdata, down_log):
    pgbin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    started = time.time()
    # restart reuses the server's options from postmaster.opts (port, socket dir, fsync); the
    # server's output goes to a log file, never to a pipe this script would wait on forever
    log = str(Path(pgdata).parent / "server.log")
    subprocess.run(["runuser", "-u", "postgres", "--", str(pgbin / "pg_ctl"), "-D", pgdata, "-m", "fast",
                    "-l", log, "-w", "restart"], cwd="/", check=False,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    down_log.append((started, time.time()))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--fault", metavar="PGDATA", help="restart the PostgreSQL cluster at PGDATA halfway")
    args = parser.parse_args()
    harness.setup_django()
    prepare()
    seconds = args.minutes * 60
    down = []
    with harness.serve(workers=4) as server:
        env = Environment(user_classes=[Coder], host=server.base_url, events=events)
        runner = env.create_local_runner()
        # Logins are not part of the measured mix: reset the figures once every coder is in.
        env.events.spawning_complete.add_listener(lambda user_count: env.stats.reset_all())
        runner.start(USERS, spawn_rate=5)
        if args.fault:
            gevent.spawn_later(seconds / 2, restart_postgres, args.fault, down)
        gevent.spawn_later(seconds, runner.quit)
        runner.greenlet.join()
        rss = harness.server_rss_mb(server)
    total = env.stats.total
    p95 = total.get_response_time_percentile(0.95)
    print(f"{total.num_requests} requests, {total.num_failures} failures, p95 {p95:.0f} ms, "
          f"median {total.median_response_time:.0f} ms, server RSS {rss:.0f} MB")
    for name, entry in sorted(env.stats.entries.items()):
        print(f"  {name[1]:4} {name[0]:16} n={entry.num_requests:6} fail={entry.num_failures:4} "
              f"p50={entry.median_response_time:5.0f} p95={entry.get_response_time_percentile(0.95):5.0f} ms")
    wrong, duplicates = verify()
    print(f"database check: {wrong} toggles differ from what the server confirmed, {duplicates} extra rows")
    outside = [e for e in ERRORS if not any(a - 1 <= e[0] <= b + 5 for a, b in down)]
    for a, b in down:
        print(f"outage: PostgreSQL restart took {b - a:.1f} s")
    for when, name, status in ERRORS:
        offset = min((when - a for a, _b in down), key=abs, default=0)
        print(f"  failed: {name} status {status}, {offset:+.1f} s from the restart")
    label = "fault (PostgreSQL restarted)" if args.fault else "load"
    rows = [
        {"figure": f"{label}: 20 coders, p95 of all requests", "value": p95, "unit": "ms",
         "target": "< 300 ms", "met": p95 < 300},
        {"figure": f"{label}: failed requests outside the outage", "value": len(outside), "unit": "",
         "target": "0", "met": not outside},
        {"figure": f"{label}: confirmed toggles missing or wrong in the database", "value": wrong + max(duplicates, 0),
         "unit": "", "target": "0", "met": wrong == 0 and duplicates == 0},
        {"figure": f"{label}: requests in {args.minutes:g} min", "value": total.num_requests, "unit": "",
         "target": "recorded"},
    ]
    harness.record_figures(rows, "python benchmarks/load_bench.py" + (" --fault PGDATA" if args.fault else "")
                           + f" --minutes {args.minutes:g}")
    sys.exit(0 if all(r.get("met", True) for r in rows) else 1)


if __name__ == "__main__":
    main()
