"""A web worker starts without the heavy libraries: they load with the first request that
needs them (a workbook, a Word report, a REFI-QDA file, agreement figures, a search on SQLite
or a suggestion's stemmer). gunicorn loads the app once in the master (gunicorn.conf.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ["openpyxl", "docx", "lxml", "numpy", "krippendorff", "sklearn", "snowballstemmer"]

PROBE = """
import json, sys
from django.core.wsgi import get_wsgi_application
get_wsgi_application()
from django.urls import get_resolver
get_resolver().url_patterns  # every view module, as the first request imports them
print(json.dumps(sorted(name for name in {heavy!r} if name in sys.modules)))
"""


def test_a_worker_starts_without_the_heavy_libraries():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "veiledning.settings", "DATABASE_URL": "sqlite:///:memory:",
           "SECRET_KEY": "startup-probe-" + "x" * 40, "DEBUG": "0", "ALLOWED_HOSTS": "localhost"}
    out = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY)], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


MASTER = """
import gc, json, runpy, sys
sys.argv = ["gunicorn", "veiledning.wsgi", "-w", "2"]
from django.core.wsgi import get_wsgi_application
get_wsgi_application()
conf = runpy.run_path("gunicorn.conf.py")
before = gc.get_freeze_count()  # (a site package may have frozen some objects already)
conf["when_ready"](None)
from django.db import connections
print(json.dumps({"preload": conf["preload_app"], "frozen": gc.get_freeze_count() > before,
                  "open": [c.alias for c in connections.all() if c.connection is not None]}))
"""


def test_gunicorn_loads_the_app_in_the_master_without_opening_the_database():
    """Workers forked from the master share its pages; a connection opened before the fork
    would be shared by every worker, so the master's warm-up must not open one."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "veiledning.settings", "DATABASE_URL": "sqlite:///:memory:",
           "SECRET_KEY": "startup-probe-" + "x" * 40, "DEBUG": "0", "ALLOWED_HOSTS": "localhost"}
    out = subprocess.run([sys.executable, "-c", MASTER], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"preload": True, "frozen": True, "open": []}


ANOTHER_APP = """
import gc, json, runpy, sys
sys.argv = ["gunicorn", "--chdir", "backend", "config.wsgi"]
conf = runpy.run_path("gunicorn.conf.py")
before = gc.get_freeze_count()
conf["when_ready"](None)
print(json.dumps({"preload": conf["preload_app"], "frozen": gc.get_freeze_count() > before,
                  "django": "django" in sys.modules}))
"""


def test_another_apps_gunicorn_started_in_this_folder_is_left_as_it_is():
    """A tool started from the project root (a peer's server in the side-by-side benchmark)
    reads gunicorn.conf.py too: it must not preload, warm this app's templates or freeze."""
    out = subprocess.run([sys.executable, "-c", ANOTHER_APP], cwd=ROOT, env=dict(os.environ), capture_output=True,
                         text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"preload": False, "frozen": False, "django": False}
