from django.urls import path

from coding.surveyadmin import views

urlpatterns = [
    path("s/<slug:slug>/settings/", views.survey_settings, name="survey_settings"),
    path("s/<slug:slug>/delete/", views.survey_delete, name="survey_delete"),
]
