"""The survey list and a survey's overview: its respondents, questions and graded results."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from surveys.models import Answer, Question
from surveys.summary import answered_counts, choice_counts, distributions
from surveys.summary import survey_list as listed_surveys
from veiledning import roles


@require_safe
def survey_list(request):
    surveys = []
    if roles.can(request.user, roles.VIEW):
        surveys = listed_surveys()
    return render(request, "surveys/survey_list.html", {"surveys": surveys})


@require_safe
def survey_detail(request, slug):
    survey = roles.get_survey_for(request, slug)
    questions = list(survey.questions.order_by("order", "id"))
    answers = Answer.objects.filter(question__survey=survey)
    likert = distributions(questions, answers)
    answered = answered_counts(answers)
    rows = []
    for q in questions:
        row = {"question": q, "answered": answered.get(q.id, 0), "distribution": likert.get(q.id)}
        if q.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            row["choices"] = choice_counts(q, answers)
        rows.append(row)
    context = {
        "survey": survey,
        "rows": rows,
        "respondent_count": survey.respondents.count(),
        "numbered_question_count": sum(1 for q in questions if q.parent_id is None),
        "in_group_count": survey.respondents.filter(group__isnull=False).count(),
        "text_answer_count": answers.textual().count(),
    }
    return render(request, "surveys/survey_detail.html", context)
