"""Survey list and overview: who may see them, and that the overview reads like the report."""

import pytest
from django.urls import reverse

from surveys.models import Survey


def test_anonymous_is_sent_to_login(client, survey):
    for url in (reverse("surveys:list"), reverse("surveys:detail", args=[survey.slug])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_htmx_anonymous_gets_401_with_redirect(client, survey):
    response = client.get(reverse("surveys:detail", args=[survey.slug]), headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_outsider_sees_no_surveys_and_gets_404(client_for, outsider, survey):
    client = client_for(outsider)
    assert survey.title not in client.get(reverse("surveys:list")).text
    assert client.get(reverse("surveys:detail", args=[survey.slug])).status_code == 404


@pytest.mark.parametrize("persona", ["admin", "coder", "reviewer"])
def test_every_role_reads_the_overview(request, client_for, persona, survey):
    client = client_for(request.getfixturevalue(persona))
    response = client.get(reverse("surveys:detail", args=[survey.slug]))
    assert response.status_code == 200
    assert survey.title in response.text


def test_overview_shows_figure_6_counts_and_percentages(client_for, reviewer, demo):
    response = client_for(reviewer).get(reverse("surveys:detail", args=[demo.slug]))
    html = response.text
    start = html.index('data-question="2"')
    table = html[start : html.index("</table>", start)]
    for figure in ("14&nbsp;%", "33&nbsp;%", "21&nbsp;%", ">6<", ">9<"):
        assert figure in table
    assert "Svarenheter" in html  # Norwegian by default


def test_overview_query_count_does_not_grow_with_questions(client_for, reviewer, demo, django_assert_max_num_queries):
    client = client_for(reviewer)
    with django_assert_max_num_queries(14):
        client.get(reverse("surveys:detail", args=[demo.slug]))


def test_english_through_the_language_switch(client_for, reviewer, survey):
    client = client_for(reviewer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Response units" in client.get(reverse("surveys:detail", args=[survey.slug])).text


def test_survey_list_counts(client_for, admin, demo):
    html = client_for(admin).get(reverse("surveys:list")).text
    assert Survey.objects.get().title in html
    assert ">43<" in html
