from django.urls import path

from coding.rounds import views

urlpatterns = [
    path("s/<slug:slug>/next-round/", views.next_round, name="next_round"),
]
