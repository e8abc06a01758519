from django.urls import path

from surveys.views import overview

app_name = "surveys"

urlpatterns = [
    path("", overview.survey_list, name="list"),
    path("s/<slug:slug>/", overview.survey_detail, name="detail"),
]
