"""Roles: the one place access is decided (veiledning.roles) — what each role may do, that a
request learns the user's roles in the same query as the user, and that a changed role
counts from the very next request."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coding.models import Code
from tests.conftest import make_answer, make_question, make_user
from veiledning import roles
from veiledning.roles import Role


@pytest.mark.parametrize("role,perm,allowed", [
    (Role.ADMIN, roles.IMPORT, True),
    (Role.ADMIN, roles.MANAGE_AGREEMENT, True),
    (Role.CODER, roles.CODE, True),
    (Role.CODER, roles.IMPORT, False),
    (Role.CODER, roles.MANAGE_CATEGORIES, False),
    (Role.REVIEWER, roles.VIEW, True),
    (Role.REVIEWER, roles.CODE, False),
    (Role.REVIEWER, roles.EDIT_BOARD, False),
    (None, roles.VIEW, False),
])
def test_what_each_role_may_do(db, role, perm, allowed):
    user = make_user("person", role)
    assert roles.can(user, perm) is allowed


def test_inactive_users_and_superusers(db):
    assert not roles.can(make_user("sluttet", Role.ADMIN, is_active=False), roles.VIEW)
    root = make_user("root", is_superuser=True)
    assert all(roles.can(root, perm) for perm in roles.CAPABILITIES.values())


def test_the_groups_hold_exactly_the_declared_permissions(db):
    """ensure_roles (after every migrate) copies ROLE_PERMISSIONS onto the groups, so Django's
    own permission checks and ours agree."""
    for role, perms in roles.ROLE_PERMISSIONS.items():
        held = {f"{p.content_type.app_label}.{p.codename}"
                for p in Permission.objects.filter(group__name=role.value).select_related("content_type")}
        assert held == set(perms), role


def test_the_session_user_arrives_with_roles_in_one_query(client_for, coder, survey):
    """RoleBackend joins the user's groups into the user query: deciding access makes no
    query of its own (session, user, then the page's own work)."""
    client = client_for(coder)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("coding:progress", args=[survey.slug]))
    assert response.status_code == 200
    user_queries = [q["sql"] for q in queries.captured_queries if '"auth_user"' in q["sql"]]
    assert len(user_queries) == 1 and '"auth_group"' in user_queries[0]
    assert not any("auth_permission" in q["sql"] for q in queries.captured_queries)
    assert response.wsgi_request.user.role_names == "coder"


def test_a_role_taken_away_counts_from_the_next_request(client_for, coder, survey):
    answer = make_answer(make_question(survey, "2"), text="Nyttige samlinger.")
    code = Code.objects.create(survey=survey, name="Samlinger")
    client = client_for(coder)
    url = reverse("coding:apply_code", args=[survey.slug])
    assert client.post(url, {"answer": answer.pk, "code": code.pk}).status_code == 302
    coder.groups.clear()
    assert client.post(url, {"answer": answer.pk, "code": code.pk}).status_code == 404  # an outsider now
    coder.groups.add(Group.objects.get(name=Role.REVIEWER))
    assert client.post(url, {"answer": answer.pk, "code": code.pk}).status_code == 403  # reads only


def test_people_who_may_code_follow_the_roles(db):
    from coding.agreement.queries import may_code

    make_user("kari", Role.CODER)
    make_user("anne", Role.ADMIN)
    make_user("liv", Role.REVIEWER)
    make_user("sluttet", Role.CODER, is_active=False)
    make_user("utenfor")
    assert [u.username for u in may_code()] == ["anne", "kari"]
