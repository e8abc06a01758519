"""Retention: the cron command deletes or anonymises what is due, deletes kept originals on
their date, warns 30 days before, and logs each step without answer text."""

import datetime
import io
import logging

import pytest
from django.core.management import call_command

from coding.models import AuditEvent, Code, Coding, Finding, RetainedOriginal
from coding.privacy import actions
from surveys.models import Answer, Respondent, Survey
from tests.conftest import make_answer, make_question, make_respondent

TODAY = datetime.date(2027, 3, 1)


def run(*args):
    out = io.StringIO()
    call_command("apply_retention", f"--today={TODAY.isoformat()}", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def surveys(db, coder):
    made = {}
    for slug, delete_by, action in [("due", TODAY, "delete"), ("later", TODAY + datetime.timedelta(days=20), "delete"),
                                    ("far", TODAY + datetime.timedelta(days=90), "delete"),
                                    ("anon", TODAY - datetime.timedelta(days=1), "anonymise"),
                                    ("none", None, "delete")]:
        survey = Survey.objects.create(title=slug, slug=slug, delete_by=delete_by, retention_action=action)
        q = make_question(survey, "1")
        answer = make_answer(q, make_respondent(survey, f"{slug}-1", attributes={"rolle": "rektor"}),
                             text="Rektor Per Hansen ringte 912 34 567 om planen.")
        code = Code.objects.create(survey=survey, name="Plan")
        Code.objects.create(survey=survey, name="Delplan", parent=code)
        Coding.objects.create(answer=answer, code=code, coder=coder, start=answer.text.index("om planen"),
                              end=len(answer.text) - 1)
        made[slug] = survey
    return made


def test_due_survey_is_deleted_and_the_rest_kept(surveys, caplog):
    with caplog.at_level(logging.WARNING, logger="veiledning.retention"):
        out = run()
    assert "due: deleted" in out
    assert set(Survey.objects.values_list("slug", flat=True)) == {"later", "far", "anon", "none"}
    assert any("due" in r.getMessage() and "deleted" in r.getMessage() for r in caplog.records)
    assert not any("Hansen" in r.getMessage() for r in caplog.records)


def test_anonymised_survey_keeps_codings_on_the_same_words(surveys):
    run()
    survey = Survey.objects.get(slug="anon")
    answer = Answer.objects.get(question__survey=survey)
    assert answer.text == "Rektor [Person 1] ringte [telefon] om planen."
    coding = Coding.objects.get(answer=answer)
    assert answer.text[coding.start:coding.end] == "om planen"
    respondent = Respondent.objects.get(survey=survey)
    assert respondent.external_key == "anonym-1" and respondent.attributes == {}
    assert survey.delete_by is None
    assert AuditEvent.objects.filter(survey=survey, action="retention_applied", data__anonymised=True).exists()


def test_surveys_due_within_30_days_are_warned_about(surveys):
    out = run()
    assert "later: warning: due on 2027-03-21" in out
    assert "far" not in out


def test_dry_run_changes_nothing(surveys):
    out = run("--dry-run")
    assert "due: deleted" in out
    assert Survey.objects.count() == 5
    assert Answer.objects.filter(text__contains="Per Hansen").count() == 5


def test_kept_originals_go_on_their_date(surveys, admin):
    survey = surveys["none"]
    actions.scan_survey(survey, by=admin)
    Finding.objects.update(status="confirmed")
    actions.pseudonymise_survey(survey, by=admin, keep_original_until=TODAY + datetime.timedelta(days=1))
    run()
    assert RetainedOriginal.objects.count() == 1  # not yet
    call_command("apply_retention", f"--today={(TODAY + datetime.timedelta(days=1)).isoformat()}", stdout=io.StringIO())
    assert not RetainedOriginal.objects.exists()


def test_deletion_warning_counts_days(surveys):
    assert surveys["later"].deletion_warning(TODAY) == 20
    assert surveys["far"].deletion_warning(TODAY) is None
    assert surveys["none"].deletion_warning(TODAY) is None


def test_bad_date_is_an_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("apply_retention", "--today=1. mars", stdout=io.StringIO())


def test_a_due_survey_with_municipality_groups_is_deleted(demo):
    from surveys.models import MunicipalityGroup

    demo.delete_by, demo.retention_action = TODAY, "delete"
    demo.save()
    run()
    assert not Survey.objects.filter(pk=demo.pk).exists() and not MunicipalityGroup.objects.exists()
