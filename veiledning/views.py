import logging
import time

from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from veiledning.clientip import client_address

login = login_not_required(
    auth_views.LoginView.as_view(template_name="registration/login.html", redirect_authenticated_user=True)
)


@login_not_required
@require_GET
@never_cache
def healthz(request):
    """For the load balancer: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


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
