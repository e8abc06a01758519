"""Backup and restore round trip: pg_dump -Fc → pg_restore into a fresh
database → survey_summary of every survey identical, table row counts identical.

    DATABASE_URL=postgres://postgres@127.0.0.1:54330/app_backup .venv/bin/python benchmarks/backup_check.py

Loads the demo survey into the database first (idempotent). Prints the dump and restore times
and writes them into docs/benchmarks.md. Exits non-zero when anything differs.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import harness  # noqa: E402

PGBIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1] if Path("/usr/lib/postgresql").exists() else None


def pg(tool, *args):
    exe = str(PGBIN / tool) if PGBIN else tool
    return subprocess.run([exe, *args], check=True, capture_output=True, text=True)


def snapshot(url):
    """survey_summary of every survey and the row count of every table, from a fresh process."""
    code = (
        "import django, json; django.setup()\n"
        "from django.apps import apps\n"
        "from surveys.models import Survey\n"
        "from coding.dashboards.summary import survey_summary\n"
        "print(json.dumps({'summaries': [survey_summary(s) for s in Survey.objects.order_by('slug')],"
        " 'rows': {m._meta.label: m.objects.count() for m in apps.get_models()}}, sort_keys=True))"
    )
    env = {**os.environ, "DATABASE_URL": url}
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True,
                         cwd=harness.ROOT)
    return json.loads(out.stdout)


def main():
    harness.setup_django()
    from coding.demo.loader import load_demo

    load_demo(with_passwords=False)
    source = os.environ["DATABASE_URL"]
    parts = urlparse(source)
    target = parts._replace(path=parts.path + "_restored").geturl()
    conn = ["-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U", parts.username or "postgres"]
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "veiledning.dump"
        t0 = time.perf_counter()
        pg("pg_dump", "-Fc", *conn, "-f", str(dump), parts.path.lstrip("/"))
        dump_s = time.perf_counter() - t0
        pg("dropdb", "--if-exists", *conn, parts.path.lstrip("/") + "_restored")
        pg("createdb", *conn, parts.path.lstrip("/") + "_restored")
        t0 = time.perf_counter()
        pg("pg_restore", "--exit-on-error", "--single-transaction", "--no-owner", *conn,
           "-d", parts.path.lstrip("/") + "_restored", str(dump))
        restore_s = time.perf_counter() - t0
        size_mb = dump.stat().st_size / 1e6
    before, after = snapshot(source), snapshot(target)
    same = before == after
    print(f"dump {dump_s:.2f} s, restore {restore_s:.2f} s, {size_mb:.1f} MB; identical: {same}")
    harness.record_figures(
        [
            {"figure": "backup: pg_dump of the database", "value": dump_s * 1000, "unit": "ms", "target": "recorded"},
            {"figure": "backup: pg_restore into a fresh database", "value": restore_s * 1000, "unit": "ms",
             "target": "summary identical", "met": same},
        ],
        "python benchmarks/backup_check.py",
    )
    if not same:
        sys.exit("restored database differs from the original")


if __name__ == "__main__":
    main()
