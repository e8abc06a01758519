"""One way to send a file: `attachment()` sets the download headers and announces the download.

Every download (exports, the report, REFI-QDA files, the wide answers file, a saved import
mapping) goes through it. The `downloaded` signal carries the survey, the user and what was
downloaded; the coding app writes it to the survey's audit history (coding.hooks).
"""

import re

from django.dispatch import Signal
from django.utils.http import content_disposition_header

# survey, user, filename and `details` (kind, format, layer … as the view names them)
downloaded = Signal()

TOKEN = re.compile(r"^[A-Za-z0-9]{1,32}$")


def attachment(response, filename, *, request, survey, **details):
    """Make `response` a download of `filename` and announce it."""
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    token = request.GET.get("download")
    if token and TOKEN.match(token):
        # Lets the busy indicator on the download button (static/js/dashboard.js) see the
        # file arrive: the cookie comes back with the response headers.
        response.set_cookie(f"download-{token}", "done", max_age=60, samesite="Strict", secure=request.is_secure())
    if not getattr(request, "head", False):  # a HEAD (HeadAsGetMiddleware) downloads nothing
        downloaded.send(sender=None, survey=survey, user=request.user, filename=filename, details=details)
    return response
