"""The access matrix with the other methods: HEAD is answered like GET (and refused like it),
PUT and DELETE are no route's methods (405 for a signed-in user, the login page for an
anonymous one), and none of them writes anything."""

import pytest

from tests import test_access_matrix as matrix

world = matrix.world
PERSONAS = ("anonymous", "outsider", matrix.CODER, matrix.ADMIN)


def data_counts():
    """Row counts of everything but the sessions the personas sign in with (and their log)."""
    return {label: n for label, n in matrix.row_counts().items() if label not in ("sessions.Session", "axes.AccessLog")}


def _status_ok(response, want, where):
    if want == "ok":
        assert response.status_code < 500 and response.status_code not in (401, 403, 404, 405), (
            f"{where}: refused with {response.status_code}")
    elif want == "login":
        assert response.status_code == 302 and "/login/" in response["Location"], f"{where}: {response.status_code}"
    else:
        assert response.status_code == want, f"{where}: {response.status_code}, expected {want}"


@pytest.mark.parametrize("name", sorted(matrix.ACCESS_MATRIX))
def test_head_put_and_delete_follow_the_rule(name, world, client):
    if name not in matrix.ROUTES:
        pytest.skip("route checked by test_every_route_has_a_rule")
    pattern, rule = matrix.ROUTES[name], matrix.ACCESS_MATRIX[name]
    survey_scoped = "slug" in pattern.pattern.converters
    urls = {persona: matrix.url_for(name, pattern, world, persona) for persona in PERSONAS}
    before = data_counts()
    for persona in PERSONAS:
        client.logout()
        if persona != "anonymous":
            matrix.login(client, world["personas"][persona])
        url = urls[persona]
        head = client.head(url)
        _status_ok(head, matrix.expected(rule, "GET", persona, survey_scoped), f"HEAD {url} as {persona}")
        body = b"".join(head.streaming_content) if head.streaming else head.content
        assert body == b"", f"HEAD {url} as {persona} has a body"
        for method in ("PUT", "DELETE"):
            response = getattr(client, method.lower())(url)
            _status_ok(response, matrix.expected(rule, method, persona, survey_scoped), f"{method} {url} as {persona}")
    assert data_counts() == before, f"{name} changed the database"
