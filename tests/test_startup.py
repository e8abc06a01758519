"""A web worker starts without the heavy libraries: they load with the first request that
needs them (a workbook, a Word report, a REFI-QDA file, agreement figures, a search on SQLite
or a suggestion's stemmer)."""

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

