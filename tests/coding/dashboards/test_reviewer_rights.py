"""Per survey, an admin decides whether reviewers may write findings and star quotes."""

import pytest
from django.urls import reverse

from coding.models import AuditEvent, CategoryCode, Code, Coding, Quote
from tests.coding.board.fixtures import make_category
from tests.conftest import make_answer, make_question


def _finding(client, survey, category, text):
    url = reverse("coding:board_category_update", args=[survey.slug, category.pk])
    return client.post(url, {"description": "", "finding": text, "version": category.version})


@pytest.fixture
def quotable(survey, coder):
    category = make_category(survey, "Forankring")
    code = Code.objects.create(survey=survey, name="Eierskap")
    CategoryCode.objects.create(category=category, code=code)
    answer = make_answer(make_question(survey, "2u"), text="Et svar")
    Coding.objects.create(answer=answer, code=code, coder=coder)
    return category, answer


def _star(client, survey, category, answer):
    url = reverse("coding:quote_toggle", args=[survey.slug, category.id])
    return client.post(url, {"answer": answer.id, "star": "1"})


def test_reviewer_may_not_write_findings_by_default(client_for, reviewer, survey):
    category = make_category(survey, "Forankring")
    assert _finding(client_for(reviewer), survey, category, "Funn").status_code == 403
    page = client_for(reviewer).get(reverse("coding:board_category", args=[survey.slug, category.pk]))
    assert "board_category_update" not in page.content.decode() and "<textarea" not in page.content.decode()


def test_admin_lets_reviewers_write_findings(client_for, admin, reviewer, survey):
    category = make_category(survey, "Forankring")
    response = client_for(admin).post(reverse("coding:reviewer_rights", args=[survey.slug]),
                                      {"findings": "1", "quotes": "1"})
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.reviewers_write_findings and survey.reviewers_star_quotes
    assert AuditEvent.objects.filter(data__setting="reviewer_rights", actor=admin).exists()
    client = client_for(reviewer)
    page = client.get(reverse("coding:board_category", args=[survey.slug, category.pk])).content.decode()
    assert "<textarea" in page
    assert _finding(client, survey, category, "Lederen skriver funnet.").status_code == 302
    category.refresh_from_db()
    assert category.finding == "Lederen skriver funnet." and category.name == "Forankring"


def test_admin_can_stop_reviewers_starring_quotes(client_for, admin, reviewer, survey, quotable):
    category, answer = quotable
    assert _star(client_for(reviewer), survey, category, answer).status_code == 302  # today's default
    Quote.objects.all().delete()
    client_for(admin).post(reverse("coding:reviewer_rights", args=[survey.slug]), {})
    survey.refresh_from_db()
    assert not survey.reviewers_star_quotes and not survey.reviewers_write_findings
    assert _star(client_for(reviewer), survey, category, answer).status_code == 403
    assert not Quote.objects.exists()
    page = client_for(reviewer).get(reverse("coding:dashboard", args=[survey.slug, category.id])).content.decode()
    assert reverse("coding:quote_toggle", args=[survey.slug, category.id]) not in page


def test_coders_keep_their_rights_whatever_the_setting(client_for, coder, survey, quotable):
    category, answer = quotable
    survey.reviewers_star_quotes = False
    survey.save()
    assert _star(client_for(coder), survey, category, answer).status_code == 302
    assert _finding(client_for(coder), survey, category, "Funn").status_code == 302


@pytest.mark.parametrize("persona", ["coder", "reviewer"])
def test_only_admins_change_the_setting(client_for, request, survey, persona):
    response = client_for(request.getfixturevalue(persona)).post(
        reverse("coding:reviewer_rights", args=[survey.slug]), {"findings": "1"})
    assert response.status_code == 403
    survey.refresh_from_db()
    assert not survey.reviewers_write_findings


def test_overview_shows_the_setting_to_admins_only(client_for, admin, reviewer, survey):
    url = reverse("coding:dashboards", args=[survey.slug])
    assert "Lesere kan skrive" in client_for(admin).get(url).content.decode()
    assert "Lesere kan skrive" not in client_for(reviewer).get(url).content.decode()
