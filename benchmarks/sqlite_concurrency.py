"""A working group on the embedded default: N coders save at the same moment, round after round,
against `./run`'s setup (SQLite file, the demo survey, DEBUG on, `manage.py runserver`).

    .venv/bin/python benchmarks/sqlite_concurrency.py [--coders 4] [--rounds 25] [--port 8114]

The script makes a fresh SQLite file in a temporary folder, migrates it and loads the demo as
`./run` does, adds the coders, and serves it with runserver on loopback. In each round every
coder waits at a barrier, then all apply a code to the same answer at once (the worst case: one
answer, one lock) and also save a memo on it, while a second connection of each coder reads
the answer page, the progress and the history as the browser does. Afterwards every coding the server acknowledged
(HTTP 200) must be in the database. It prints the server errors (5xx), the refusals (4xx), the
acknowledged codings that are missing, and the apply time p50/p95. The test
tests/coding/workspace/test_sqlite_concurrency.py runs the same rounds, fewer of them.
"""

import argparse
import contextlib
import http.client
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.harness import PASSWORD, ROOT, Client, free_port, summarise, wait_until_up  # noqa: E402

SETUP = """
import json
from django.contrib.auth.models import Group
from django.contrib.auth import get_user_model
from coding.models import Code
from coding.workspace.queries import survey_answers
from surveys.models import Survey
User = get_user_model()
for i in range(1, {coders} + 1):
    user, _ = User.objects.get_or_create(username=f"samtidig{{i}}")
    user.set_password({password!r})
    user.save()
    user.groups.add(Group.objects.get(name="coder"))
survey = Survey.objects.get(slug="portefolje-2")
answers = list(survey_answers(survey).order_by("pk").values_list("pk", flat=True)[:{rounds}])
codes = list(Code.objects.filter(survey=survey).order_by("pk").values_list("pk", flat=True)[:{coders}])
print("IDS" + json.dumps({{"slug": survey.slug, "answers": answers, "codes": codes}}))
"""


def _manage(env, *args, **kwargs):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True, **kwargs)


@contextlib.contextmanager
def embedded_server(coders, rounds, port=None):
    """Yields (base_url, database path, ids) for a fresh `./run`-like server on loopback."""
    with tempfile.TemporaryDirectory(prefix="veiledning-sqlite-") as folder:
        database = Path(folder) / "db.sqlite3"
        env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{database}", "VEILEDNING_HTTPS": "0",
               "PYTHONDONTWRITEBYTECODE": "1"}
        env.pop("SECRET_KEY", None)
        _manage(env, "migrate", "--noinput", "-v0")
        _manage(env, "load_demo")
        out = _manage(env, "shell", "-c", SETUP.format(coders=coders, rounds=rounds, password=PASSWORD)).stdout
        ids = json.loads(out.split("IDS", 1)[1])
        port = port or free_port()
        proc = subprocess.Popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            wait_until_up(port, "runserver")
            yield f"http://127.0.0.1:{port}", database, ids
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)


def simultaneous_rounds(base_url, ids, coders, rounds):
    """Run the rounds; returns {"statuses": [...], "acknowledged": {(coder, answer, code)}, "times": [ms]}."""
    clients = [Client(base_url).login(f"samtidig{i}") for i in range(1, coders + 1)]
    barrier = threading.Barrier(coders)
    lock = threading.Lock()
    result = {"statuses": [], "acknowledged": set(), "times": [], "errors": []}
    slug = ids["slug"]

    def send(client, path, data):
        """(status, text); a broken connection counts as a server error and is opened anew."""
        try:
            response = client.post(path, data, headers={"HX-Request": "true"})
            return response.status, response.text
        except (OSError, http.client.HTTPException) as error:
            client.conn.close()
            return 599, repr(error)

    def browser_reads(client, answer):
        """What the coder's page fetches meanwhile, on connections of its own: the answer page,
        then the progress and history regions that refresh after a coding."""
        for path in (f"/s/{slug}/answers/{answer}/", f"/s/{slug}/answers/progress/",
                     f"/s/{slug}/answers/{answer}/history/"):
            try:
                status = client.get(path, headers={"HX-Request": "true"}).status
            except (OSError, http.client.HTTPException) as error:
                client.conn.close()
                status = 599
                result["errors"].append(repr(error))
            with lock:
                result["statuses"].append(status)

    def work(index, client):
        username = f"samtidig{index + 1}"
        code = ids["codes"][index % len(ids["codes"])]
        reader = Client(base_url)
        reader.cookies = client.cookies  # the same browser: the same session
        for answer in ids["answers"][:rounds]:
            try:
                barrier.wait(timeout=120)
            except threading.BrokenBarrierError:
                return
            reads = threading.Thread(target=browser_reads, args=(reader, answer))
            reads.start()
            started = time.perf_counter()
            status, text = send(client, f"/s/{slug}/codings/", {"answer": answer, "code": code})
            elapsed = (time.perf_counter() - started) * 1000
            memo_status, memo_text = send(client, f"/s/{slug}/answers/{answer}/memo/",
                                          {"text": f"Notat fra {username}"})
            with lock:
                result["statuses"].extend([status, memo_status])
                result["times"].append(elapsed)
                if status == 200:
                    result["acknowledged"].add((username, answer, code))
                for got, body in ((status, text), (memo_status, memo_text)):
                    if got != 200:
                        result["errors"].append(f"{got}: {body[:160]}")
            reads.join()

    threads = [threading.Thread(target=work, args=(i, c)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return result


def stored_codings(database):
    with sqlite3.connect(database) as conn:
        rows = conn.execute("SELECT u.username, c.answer_id, c.code_id FROM coding_coding c "
                            "JOIN auth_user u ON u.id = c.coder_id WHERE u.username LIKE 'samtidig%'")
        return set(rows)


def measure(coders, rounds, port=None):
    with embedded_server(coders, rounds, port) as (base_url, database, ids):
        with sqlite3.connect(database) as conn:
            journal = conn.execute("PRAGMA journal_mode").fetchone()[0]
        result = simultaneous_rounds(base_url, ids, coders, rounds)
        missing = result["acknowledged"] - stored_codings(database)
    statuses = result["statuses"]
    return {
        "journal_mode": journal,
        "requests": len(statuses),
        "server_errors": sum(1 for s in statuses if s >= 500),
        "refusals": sum(1 for s in statuses if 400 <= s < 500),
        "acknowledged": len(result["acknowledged"]),
        "missing": len(missing),
        "apply": summarise(result["times"]),
        "errors": result["errors"][:5],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coders", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--port", type=int, default=None)
    args = parser.parse_args()
    figures = measure(args.coders, args.rounds, args.port)
    print(f"{args.coders} coders × {args.rounds} simultaneous rounds on the embedded SQLite default "
          f"(journal_mode={figures['journal_mode']}, runserver, DEBUG on)")
    print(f"  requests: {figures['requests']} (apply + memo, and the page's three reads beside them)")
    print(f"  server errors (5xx): {figures['server_errors']}")
    print(f"  refusals (4xx): {figures['refusals']}")
    print(f"  codings acknowledged: {figures['acknowledged']}, missing from the database: {figures['missing']}")
    print(f"  apply p50 {figures['apply']['median']:.1f} ms, p95 {figures['apply']['p95']:.1f} ms "
          f"(n={figures['apply']['n']})")
    for error in figures["errors"]:
        print("  ", error)
    return 0 if figures["server_errors"] == 0 and figures["missing"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
