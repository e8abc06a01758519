"""Signing in with a second factor, and an admin's own two-factor settings.

The login checks the password as before; for an account with a confirmed TOTP device it signs
nobody in yet: the session remembers who passed the password (for five minutes) and the code
screen asks for the code. Only the right code signs in. A wrong code is a failed login for
django-axes, so the same rule holds as for passwords: five failures lock that user name from
that client address, never the name alone or the address alone.
"""

import time

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from veiledning import roles
from veiledning.accounts import two_factor
from veiledning.accounts.forms import CodeForm

PENDING = "two_factor_pending"
PENDING_SECONDS = 300


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not two_factor.is_on(user):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING] = {"user": user.pk, "backend": user.backend, "at": int(time.time()),
                                         "next": self.get_success_url()}
        return redirect("login_code")


login = login_not_required(require_http_methods(["GET", "POST"])(LoginView.as_view()))


def _pending_user(request):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, None
    user = get_user_model()._default_manager.filter(pk=pending["user"], is_active=True).first()
    return user, pending


@login_not_required
@require_http_methods(["GET", "POST"])
def login_code(request):
    """The second step of signing in: the code from the app, or a recovery code."""
    if request.user.is_authenticated:
        return redirect("surveys:list")
    user, pending = _pending_user(request)
    if user is None:
        messages.info(request, _("Sign in again with your user name and password."))
        return redirect("login")
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        return get_lockout_response(request, None, credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify(user, form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING]
            user.backend = pending["backend"]
            auth_login(request, user)
            django_otp.login(request, device)
            return redirect(pending["next"])
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        form.add_error("code", _("The code is not right. Type the six digits the app shows now, or a recovery code."))
    return render(request, "accounts/login_code.html", {"form": form})


def _admin(request):
    if not roles.is_admin(request.user):
        raise PermissionDenied


@require_http_methods(["GET"])
def settings_page(request):
    """Two-factor sign-in for one's own account: on or off, and how many recovery codes are left."""
    _admin(request)
    on = two_factor.is_on(request.user)
    return render(request, "accounts/two_factor.html", {
        "on": on, "required": roles.admin_two_factor_required(),
        "codes_left": two_factor.recovery_codes_left(request.user) if on else 0, "form": CodeForm(),
    })


@require_POST
def start(request):
    _admin(request)
    if two_factor.is_on(request.user):
        return redirect("two_factor")
    two_factor.start(request.user)
    return redirect("two_factor_setup")


@require_http_methods(["GET", "POST"])
def setup(request):
    """Scan the QR code (or type the secret) and confirm with a code from the app."""
    _admin(request)
    device = two_factor.device_for(request.user, confirmed=False)
    if device is None or two_factor.is_on(request.user):
        return redirect("two_factor")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm(device, form.cleaned_data["code"], by=request.user)
        if codes is not None:
            django_otp.login(request, two_factor.device_for(request.user))
            two_factor.end_other_sessions(request.user, keep=request.session.session_key)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "first": True})
        form.add_error("code", _("The code is not right. Type the six digits the app shows now."))
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "qr": two_factor.qr_data_uri(device), "secret": two_factor.secret_text(device),
    }, status=400 if form.errors else 200)


def _checked(request):
    """The form's code, if it is one of the signed-in admin's (a form with the error otherwise)."""
    form = CodeForm(request.POST)
    if form.is_valid() and two_factor.verify(request.user, form.cleaned_data["code"]) is not None:
        return True
    messages.error(request, _("The code is not right, so nothing was changed."))
    return False


@require_POST
def turn_off(request):
    _admin(request)
    if roles.admin_two_factor_required():
        messages.error(request, _("Two-factor sign-in is required for administrators here; it cannot be turned off."))
    elif two_factor.is_on(request.user) and _checked(request):
        two_factor.turn_off(request.user)
        request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
        messages.success(request, _("Two-factor sign-in is off. Signing in asks only for your password."))
    return redirect("two_factor")


@require_POST
def recovery_codes(request):
    """New recovery codes, after a code from the app (or one of the old recovery codes)."""
    _admin(request)
    if not (two_factor.is_on(request.user) and _checked(request)):
        return redirect("two_factor")
    return render(request, "accounts/recovery_codes.html", {"codes": two_factor.new_recovery_codes(request.user)})
