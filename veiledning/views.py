import logging
import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db import connection
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from veiledning.clientip import client_address


@login_not_required
@require_GET
@never_cache
def healthz(request):
    """For the load balancer: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


STATEMENT_LANGUAGES = ("nb", "nn", "en")


@login_not_required
@require_GET
def accessibility(request):
    """The accessibility statement ("Tilgjengelighetserklæring"), public like the login page.
    A statement is a text one reads and checks as a whole, so each language is one template."""
    language = get_language() if get_language() in STATEMENT_LANGUAGES else "nb"
    return render(request, "accessibility/statement.html", {
        "statement": f"accessibility/statement_{language}.html",
        "contact": settings.ACCESSIBILITY_CONTACT,
        "owner": settings.ACCESSIBILITY_OWNER,
        "site": request.get_host(),
    })


security_log = logging.getLogger("veiledning.security")


def permission_denied(request, exception=None):
    """403 page; the refusal is logged with user and path (never with form data)."""
    security_log.info("403 user=%s path=%s method=%s", request.user.pk, request.path, request.method)
    return render(request, "403.html", status=403)


def masked(username):
    """Enough of a user name to see a pattern in the log, not enough to read it: "ka***"."""
    username = str(username or "")
    return (username[:2] + "***") if len(username) > 3 else "***"


@receiver(user_login_failed, dispatch_uid="veiledning.log_failed_login")
def log_failed_login(sender, credentials, request=None, **kwargs):
    """A failed login, with a masked user name and the client's address (never the password)."""
    address = client_address(request) if request is not None else None
    security_log.warning("login failed user=%s ip=%s", masked(credentials.get("username")), address)


@receiver(user_logged_in, dispatch_uid="veiledning.stamp_login")
def stamp_login(sender, request=None, **kwargs):
    """The idle timeout counts from the login (IdleTimeoutMiddleware), so the first request
    after it need not write the session."""
    if request is not None and hasattr(request, "session"):
        request.session["last_seen"] = int(time.time())
