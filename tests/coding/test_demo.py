"""The demo survey: built from the report's facts, and loading it twice changes nothing."""

import json
from io import StringIO

from django.core.management import call_command

from coding.demo.loader import load_demo
from coding.models import Category, Code, Coding
from surveys.models import Answer, Municipality, MunicipalityGroup, Question, Respondent

# Figures 6, 7 and 8 as the report prints them (percent for 1..6).
PRINTED = {
    "2": [0, 0, 14, 33, 33, 21],
    "3a": [0, 5, 23, 21, 28, 23],
    "3b": [0, 0, 2, 5, 37, 56],
    "3c": [0, 5, 14, 40, 30, 12],
    "5a": [0, 0, 5, 16, 49, 30],
    "5b": [0, 0, 5, 12, 47, 37],
    "5c": [0, 0, 0, 21, 40, 40],
}


def summary(slug="portefolje-2"):
    out = StringIO()
    call_command("survey_summary", slug, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_demo_matches_the_report(demo):
    assert Respondent.objects.filter(survey=demo).count() == 43
    assert Respondent.objects.filter(survey=demo, group__isnull=True).count() == 23
    assert MunicipalityGroup.objects.filter(survey=demo).count() == 12
    assert Municipality.objects.filter(groups__survey=demo).distinct().count() == 33
    assert Question.objects.filter(survey=demo, parent__isnull=True).count() == 16
    assert Answer.objects.filter(question__survey=demo).textual().count() == 380
    assert Category.objects.filter(survey=demo).count() == 6
    assert Coding.objects.filter(answer__question__survey=demo).values("coder").distinct().count() == 2


def test_participants_are_56_municipalities_45_after_the_mergers(demo):
    participants = {m for m in Municipality.objects.filter(respondents__survey=demo)}
    participants |= {m for m in Municipality.objects.filter(groups__survey=demo)}
    assert len(participants) == 56
    after = {m.merged_into_id or m.id for m in participants}
    assert len(after) == 45


def test_summary_prints_the_reports_percentages(demo):
    data = summary()
    assert data["respondents"] == 43
    assert data["text_answers"] == 380
    by_code = {q["code"]: q for q in data["questions"]}
    for code, printed in PRINTED.items():
        question = by_code[code]
        assert question["kind"] == "likert"
        assert question["n"] == 43
        assert [question["percent"][str(v)] for v in range(1, 7)] == printed, code
    assert by_code["5a"]["not_applicable"] == 0
    assert {c["name"] for c in data["categories"]} >= {"Forventninger", "Resultat"}


def test_loading_twice_changes_nothing(demo):
    counts = lambda: [m.objects.count() for m in (Respondent, Answer, Question, Code, Coding, Category, Municipality)]  # noqa: E731
    before = counts()
    result = load_demo(with_passwords=False)
    assert counts() == before
    assert set(result["created"].values()) == {0}


def test_demo_users_get_no_password_outside_debug(demo):
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.get(username="admin").has_usable_password()
