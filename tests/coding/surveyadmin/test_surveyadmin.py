"""Survey settings (with history), deleting a survey (typed confirmation, a log row that
outlives it), the survey list's order and short names that keep æ, ø and å readable."""

import pytest
from django.urls import reverse

from coding.models import AuditEvent, Category, CategoryCode, Code, Coding, Memo, Quote
from surveys.models import Survey, SurveyLog
from surveys.text import short_name
from tests.conftest import make_answer, make_question


def _settings(survey, **changes):
    data = {"title": survey.title, "slug": survey.slug, "period": survey.period, "description": survey.description,
            "respondent_kind": survey.respondent_kind, "small_cell_threshold": survey.small_cell_threshold}
    if survey.blind_coding:
        data["blind_coding"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_admin_renames_dates_and_reslugs_with_history(survey, admin, client_for):
    client = client_for(admin)
    url = reverse("coding:survey_settings", args=[survey.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, _settings(survey, title="Portefølje 3", slug="Portefølje 3 – vår",
                                          period="2021–2022", small_cell_threshold="5"))
    assert response.status_code == 302
    survey = Survey.objects.get(pk=survey.pk)
    assert (survey.title, survey.slug, survey.period, survey.small_cell_threshold) == (
        "Portefølje 3", "portefolje-3-var", "2021–2022", 5)
    assert response["Location"] == reverse("coding:survey_settings", args=["portefolje-3-var"])
    event = AuditEvent.objects.get(survey=survey, action=AuditEvent.Action.SURVEY_CHANGED)
    assert event.data["changes"]["title"] == {"old": "Testundersøkelse", "new": "Portefølje 3"}
    assert event.actor == admin
    page = client.get(response["Location"]).content.decode()
    assert "Testundersøkelse" in page and "Portefølje 3" in page  # the history names old and new


def test_what_a_respondent_is_can_be_changed_and_the_history_names_it_in_words(survey, admin, client_for):
    from django.utils import translation

    client = client_for(admin)
    url = reverse("coding:survey_settings", args=[survey.slug])
    response = client.post(url, _settings(survey, respondent_kind="school"))
    assert response.status_code == 302
    assert Survey.objects.get(pk=survey.pk).respondent_kind == "school"
    with translation.override("nb"):
        page = client.get(url, headers={"Accept-Language": "nb"}).content.decode()
    assert "Én respondent er (fra «Kommune» til «Skole»)" in page


def test_blind_mode_goes_through_the_agreement_history(survey, admin, client_for):
    client_for(admin).post(reverse("coding:survey_settings", args=[survey.slug]),
                           _settings(survey, blind_coding="on"))
    survey.refresh_from_db()
    assert survey.blind_coding
    assert AuditEvent.objects.filter(survey=survey, action=AuditEvent.Action.AGREEMENT_SETTINGS).exists()


@pytest.mark.parametrize("changes, field", [
    ({"title": "   "}, "title"),
    ({"slug": "!!!"}, "slug"),
    ({"small_cell_threshold": "0"}, "small_cell_threshold"),
    ({"slug": "annen"}, "slug"),
])
def test_bad_settings_are_refused_and_nothing_changes(survey, admin, client_for, changes, field):
    Survey.objects.create(title="Annen", slug="annen")
    response = client_for(admin).post(reverse("coding:survey_settings", args=[survey.slug]),
                                      _settings(survey, **changes))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Survey.objects.get(pk=survey.pk).title == "Testundersøkelse"
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.SURVEY_CHANGED).exists()


def test_saving_unchanged_settings_writes_no_history(survey, admin, client_for):
    client_for(admin).post(reverse("coding:survey_settings", args=[survey.slug]), _settings(survey))
    assert not AuditEvent.objects.filter(survey=survey).exists()


def _fill(survey, admin):
    question = make_question(survey, "1")
    answer = make_answer(question, text="Godt forankret")
    parent = Code.objects.create(survey=survey, name="Forankring")
    child = Code.objects.create(survey=survey, name="Eiernivå", parent=parent)
    category = Category.objects.create(survey=survey, name="Forankring")
    CategoryCode.objects.create(category=category, code=child)
    Coding.objects.create(answer=answer, code=child, coder=admin)
    Memo.objects.create(author=admin, code=parent, text="notat")
    Quote.objects.create(category=category, answer=answer, starred_by=admin)


def test_delete_needs_the_title_typed(survey, admin, client_for):
    _fill(survey, admin)
    response = client_for(admin).post(reverse("coding:survey_delete", args=[survey.slug]), {"confirm": "test"})
    assert response.status_code == 400
    assert "does not match" in str(response.context["form"].errors) or "stemmer ikke" in str(
        response.context["form"].errors)
    assert Survey.objects.filter(pk=survey.pk).exists() and Coding.objects.exists()


def test_delete_removes_the_survey_and_keeps_a_log_row(survey, admin, client_for):
    _fill(survey, admin)
    other = Survey.objects.create(title="Annen", slug="annen")
    kept = Code.objects.create(survey=other, name="Forankring")
    client = client_for(admin)
    assert client.get(reverse("coding:survey_delete", args=[survey.slug])).status_code == 200
    response = client.post(reverse("coding:survey_delete", args=[survey.slug]), {"confirm": " Testundersøkelse "})
    assert response.status_code == 302 and response["Location"] == reverse("surveys:list")
    assert not Survey.objects.filter(pk=survey.pk).exists()
    assert not Coding.objects.exists() and list(Code.objects.all()) == [kept]
    log = SurveyLog.objects.get()
    assert (log.title, log.slug, log.action, log.actor, log.survey) == (
        "Testundersøkelse", "test", SurveyLog.Action.DELETED, admin, None)
    assert log.data["codings"] == 1 and log.data["codes"] == 2


def test_survey_list_is_sorted_by_period_then_title(db, admin, client_for, django_assert_max_num_queries):
    Survey.objects.create(title="B", slug="a-slug", period="2021–2022")
    Survey.objects.create(title="A", slug="z-slug", period="2021–2022")
    Survey.objects.create(title="C", slug="m-slug", period="2019–2020")
    Survey.objects.create(title="Uten periode", slug="b-slug")
    Survey.objects.create(title="Ålesund", slug="c-slug", period="2021–2022")
    Survey.objects.create(title="Ørsta", slug="d-slug", period="2021–2022")
    Survey.objects.create(title="bodø", slug="e-slug", period="2021–2022")
    client = client_for(admin)
    with django_assert_max_num_queries(5):
        page = client.get(reverse("surveys:list"))
    # Norwegian order, case ignored (Ø before Å, both after Z); a survey without a period last
    assert [s.title for s in page.context["surveys"]] == ["C", "A", "B", "bodø", "Ørsta", "Ålesund", "Uten periode"]


def test_survey_list_counts_response_units_and_questions(survey, admin, client_for):
    from tests.conftest import make_respondent

    make_answer(make_question(survey, "1"), make_respondent(survey, "R1"), text="Svar")
    make_question(survey, "2")
    make_respondent(survey, "R2")
    [listed] = client_for(admin).get(reverse("surveys:list")).context["surveys"]
    assert (listed.respondent_count, listed.question_count) == (2, 2)


@pytest.mark.parametrize("title, slug", [
    ("Vår 2021", "var-2021"), ("Blåbær og øl", "blabaer-og-ol"), ("ÆØÅ", "aeoa"), ("Portefølje 2", "portefolje-2"),
])
def test_short_names_keep_norwegian_letters_readable(title, slug):
    assert short_name(title) == slug


def test_a_survey_with_municipality_groups_can_be_deleted(demo, admin, client_for):
    """The demo has groups of municipalities answering together: its respondents point at them."""
    from surveys.models import MunicipalityGroup, Respondent

    assert MunicipalityGroup.objects.filter(survey=demo).exists()
    response = client_for(admin).post(reverse("coding:survey_delete", args=[demo.slug]), {"confirm": demo.title})
    assert response.status_code == 302
    assert not Survey.objects.filter(pk=demo.pk).exists()
    assert not Respondent.objects.exists() and not MunicipalityGroup.objects.exists()


def test_a_group_with_respondents_cannot_be_deleted_by_itself(survey):
    from django.db.models import RestrictedError

    from surveys.models import MunicipalityGroup
    from tests.conftest import make_respondent

    group = MunicipalityGroup.objects.create(survey=survey, name="Valdres")
    make_respondent(survey, "R1", group=group)
    with pytest.raises(RestrictedError):
        group.delete()
