"""Roles and the one place where access is decided.

Three roles, each a Django group with permissions: admin, coder and reviewer (the leader who
reads dashboards). A signed-in user in none of them is an *outsider*: every survey is a 404 to
them. Views never test group names; they ask for a permission through `require()` or
`get_survey_for()`, and `ROLE_PERMISSIONS` says which role holds which permission.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    CODER = "coder", _("Coder")
    REVIEWER = "reviewer", _("Reviewer")


# Permissions are declared on surveys.Survey (Meta.permissions) plus Django's view_survey.
VIEW = "surveys.view_survey"
IMPORT = "surveys.import_survey"
CODE = "surveys.code_answers"
EDIT_BOARD = "surveys.edit_board"
MANAGE_CATEGORIES = "surveys.manage_categories"
STAR_QUOTES = "surveys.star_quotes"
EXPORT = "surveys.export_data"
MANAGE_AGREEMENT = "surveys.manage_agreement"

# Names for templates (the `may` context): {% if may.code %}…
CAPABILITIES = {
    "view": VIEW,
    "import": IMPORT,
    "code": CODE,
    "edit_board": EDIT_BOARD,
    "manage_categories": MANAGE_CATEGORIES,
    "star_quotes": STAR_QUOTES,
    "export": EXPORT,
    "manage_agreement": MANAGE_AGREEMENT,
}

ROLE_PERMISSIONS = {
    Role.ADMIN: [VIEW, IMPORT, CODE, EDIT_BOARD, MANAGE_CATEGORIES, STAR_QUOTES, EXPORT, MANAGE_AGREEMENT],
    Role.CODER: [VIEW, CODE, EDIT_BOARD, STAR_QUOTES, EXPORT],
    Role.REVIEWER: [VIEW, STAR_QUOTES, EXPORT],
}


def ensure_roles(**kwargs):
    """Create the role groups with their permissions (run after every migrate)."""
    from django.contrib.auth.models import Group, Permission

    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


def roles_of(user):
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_role_cache"):
        user._role_cache = set(user.groups.values_list("name", flat=True))
    return user._role_cache


def can(user, perm):
    return user.is_authenticated and user.is_active and user.has_perm(perm)


def require(perm):
    """View decorator: 403 unless the signed-in user holds `perm` (anonymous users never
    get here: LoginRequiredMiddleware sends them to the login page first)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not can(request.user, perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def check(user, perm):
    if not can(user, perm):
        raise PermissionDenied


def get_survey_for(request, slug, perm=VIEW):
    """The survey, if the user may see it: 404 for outsiders, 403 for a role that may see
    the survey but not do `perm` on it."""
    from surveys.models import Survey

    if not can(request.user, VIEW):
        raise Http404
    survey = get_object_or_404(Survey, slug=slug)
    check(request.user, perm)
    return survey
