import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
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
    })


security_log = logging.getLogger("veiledning.security")


def permission_denied(request, exception=None):
    """403 page; the refusal is logged with user and path (never with form data)."""
    security_log.info("403 user=%s path=%s method=%s", request.user.pk, request.path, request.method)
    return render(request, "403.html", status=403)
