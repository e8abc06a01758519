from django.urls import path

from coding.shortcuts import views

urlpatterns = [
    path("shortcuts/", views.shortcut_settings, name="shortcuts"),
]
