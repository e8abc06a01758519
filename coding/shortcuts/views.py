"""The shortcut settings screen (linked from the header): turn the coding view's single-key
shortcuts off, or choose other keys; stored per user."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from coding.shortcuts import actions
from coding.shortcuts.forms import ShortcutForm
from coding.shortcuts.keys import ACTIONS, DEFAULTS, for_user


def _next_url(request):
    """Where to go back to: the page the header link was followed from, if it is ours."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url.startswith(reverse("coding:shortcuts")):
        return ""
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return ""


@require_http_methods(["GET", "POST"])
def shortcut_settings(request):
    status = 200
    if request.method == "POST" and "reset" in request.POST:
        actions.reset_shortcuts(by=request.user)
        messages.success(request, _("The shortcuts are back to their standard keys."))
        return redirect(request.get_full_path())
    if request.method == "POST":
        form = ShortcutForm(request.POST)
        if form.is_valid():
            actions.save_shortcuts(by=request.user, enabled=form.cleaned_data["enabled"],
                                   digits=form.cleaned_data["digits"], keys=form.keys)
            messages.success(request, _("Your shortcuts were saved."))
            return redirect(request.get_full_path())
        status = 400
    else:
        current = for_user(request.user)
        form = ShortcutForm(initial={"enabled": current.enabled, "digits": current.digits,
                                     **{f"key_{action}": current.keys.get(action, "") for action in DEFAULTS}})
    rows = [(field, DEFAULTS[action])
            for field, (action, _default, _label) in zip(form.key_fields, ACTIONS, strict=True)]
    return render(request, "coding/shortcuts/settings.html",
                  {"form": form, "rows": rows, "next_url": _next_url(request)}, status=status)
