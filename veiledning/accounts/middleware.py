from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect
from django_otp import DEVICE_ID_SESSION_KEY

from veiledning import roles
from veiledning.accounts import two_factor

# What an admin may reach before the second factor: the enrolment itself, signing out, the
# language switch and the public pages.
ALLOWED = ("two_factor", "two_factor_start", "two_factor_setup", "logout", "set_language", "healthz",
           "accessibility", "login", "login_code")


class RequireAdminTwoFactorMiddleware:
    """With REQUIRE_ADMIN_2FA, an admin whose session did not pass a second factor is sent to
    the enrolment before anything else; one who has it on but signed in without it (a session
    from before it was turned on) signs in again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not (getattr(settings, "REQUIRE_ADMIN_2FA", False) and request.user.is_authenticated
                and DEVICE_ID_SESSION_KEY not in request.session and roles.is_admin(request.user)):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in ALLOWED:
            return None
        if two_factor.is_on(request.user):
            from django.contrib.auth import logout

            logout(request)
            target = reverse("login")
        else:
            target = reverse("two_factor")
        return HttpResponseClientRedirect(target) if getattr(request, "htmx", False) else redirect(target)
