import logging

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

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
