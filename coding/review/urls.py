from django.urls import path

from coding.review import views

urlpatterns = [
    path("s/<slug:slug>/answers/<int:answer_id>/reviewed/", views.answer_reviewed, name="answer_reviewed"),
]
