"""Roles and the one place where access is decided.

Three roles, each a Django group with permissions: admin, coder and reviewer (the leader who
reads dashboards). A signed-in user in none of them is an *outsider*: every survey is a 404 to
them. Views never test group names; they ask for a permission through `require()` or
`get_survey_for()`, and `ROLE_PERMISSIONS` says which role holds which permission.

`ROLE_PERMISSIONS` is the source of truth: `ensure_roles` copies it onto the groups after every
migrate (there is no screen that edits a group's permissions), and `can()` reads it directly.
`RoleBackend` loads a signed-in user together with their role names in one query, so a
request decides access without the two permission queries of Django's ModelBackend.
"""

from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import StringAgg, Value
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


def roles_with(perm):
    """The names of the roles that hold `perm`."""
    return [role.value for role, perms in ROLE_PERMISSIONS.items() if perm in perms]


class RoleBackend(ModelBackend):
    """Django's ModelBackend, but the user of a session arrives with their role names (one
    query: the user joined with their groups) for `roles_of()`."""

    def get_user(self, user_id):
        users = get_user_model()._default_manager.annotate(
            role_names=StringAgg("groups__name", delimiter=Value(","), default=""))
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


def roles_of(user):
    """The names of `user`'s roles (from RoleBackend's query, else one query, then cached)."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_role_cache"):
        names = getattr(user, "role_names", None)
        user._role_cache = (set(filter(None, names.split(","))) if names is not None
                            else set(user.groups.values_list("name", flat=True)))
    return user._role_cache


def is_admin(user):
    """An active admin (or superuser): the people who may, or must, sign in with a second factor."""
    return user.is_authenticated and user.is_active and (user.is_superuser or Role.ADMIN in roles_of(user))


def admin_two_factor_required():
    from django.conf import settings

    return getattr(settings, "REQUIRE_ADMIN_2FA", False)


def can(user, perm):
    """May `user` do `perm`? Active superusers may do everything; others what their roles hold."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or any(perm in ROLE_PERMISSIONS.get(role, ()) for role in roles_of(user))


# Not a Django permission: coders and admins write findings through EDIT_BOARD; reviewers only
# where the survey lets them (Survey.reviewers_write_findings).
WRITE_FINDINGS = "write_findings"
REVIEWER_SETTINGS = {WRITE_FINDINGS: "reviewers_write_findings", STAR_QUOTES: "reviewers_star_quotes"}


def can_in(user, perm, survey):
    """`can`, with what `survey` lets reviewers do: a person whose only role is reviewer may
    write findings and star quotes only where the survey's settings say so."""
    if perm == WRITE_FINDINGS and can(user, EDIT_BOARD):
        return True
    if perm in REVIEWER_SETTINGS and user.is_authenticated and not user.is_superuser \
            and roles_of(user) == {Role.REVIEWER}:
        return user.is_active and getattr(survey, REVIEWER_SETTINGS[perm])
    return perm != WRITE_FINDINGS and can(user, perm)


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


def check_survey_access(request, perm=VIEW):
    """`get_survey_for`'s decision without the lookup, for a view that finds the survey
    through the object it loads anyway (one query fewer): 404 for outsiders, 403 for a
    role without `perm`. The view must still 404 when the object is not in that survey."""
    if not can(request.user, VIEW):
        raise Http404
    check(request.user, perm)


def get_survey_for(request, slug, perm=VIEW):
    """The survey, if the user may see it: 404 for outsiders, 403 for a role that may see
    the survey but not do `perm` on it."""
    from surveys.models import Survey

    if not can(request.user, VIEW):
        raise Http404
    survey = get_object_or_404(Survey, slug=slug)
    if not can_in(request.user, perm, survey):
        raise PermissionDenied
    return survey
