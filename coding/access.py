"""Finding a survey's categories and codes for a view, after `roles.get_survey_for` has
checked the user's access to the survey: the object, or 404 if it is not in that survey."""

from django.shortcuts import get_object_or_404

from coding.models import Category, Code


def get_category_for(survey, pk, **filters):
    return get_object_or_404(Category, survey=survey, pk=pk, **filters)


def get_code_for(survey, pk):
    return get_object_or_404(Code.objects.select_related("parent"), survey=survey, pk=pk)
