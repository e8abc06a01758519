"""gunicorn's settings for every way the app is served (gunicorn reads ./gunicorn.conf.py by
itself; the command line still chooses the address and the number of workers).

The app is loaded once, in the master, before the workers are forked (preload): the workers
share the master's memory pages instead of each importing Django and the app again. Before
the first fork the master also loads what every request needs (the URL patterns and the
views behind them, the Norwegian catalogues, the most used templates) and then freezes the
garbage collector's view of it, so that a collection in a worker does not write to, and so
copy, every shared page. No database connection is opened before the fork.

gunicorn reads this file from whatever folder it is started in, so another app's gunicorn
started here (a tool run beside this one from the project root) reads it too: everything below
applies only when the app served is this one (`veiledning.wsgi` on the command line).
"""

import gc
import sys

OURS = any(arg.split(":")[0] == "veiledning.wsgi" for arg in sys.argv[1:])

preload_app = OURS


def _warm():
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 - imports every URLconf and view module
    for language in ("nb", "nn", "en"):
        with translation.override(language):
            translation.gettext("Answers")
    for name in ("base.html", "coding/workspace/answer_list.html", "coding/workspace/answer.html"):
        get_template(name)


def when_ready(server):
    """In the master, once, after the app is loaded and before any worker is forked."""
    if not OURS:
        return
    _warm()
    gc.collect()
    gc.freeze()
