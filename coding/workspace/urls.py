from django.urls import path

from coding.workspace import views

urlpatterns = [
    path("s/<slug:slug>/answers/", views.answer_list, name="answers"),
    path("s/<slug:slug>/answers/progress/", views.progress, name="progress"),
    path("s/<slug:slug>/answers/<int:answer_id>/", views.answer_detail, name="answer"),
    path("s/<slug:slug>/answers/<int:answer_id>/go/<str:direction>/", views.answer_go, name="answer_go"),
    path("s/<slug:slug>/answers/<int:answer_id>/memo/", views.write_memo, name="answer_memo"),
    path("s/<slug:slug>/answers/<int:answer_id>/history/", views.answer_history, name="answer_history"),
    path("s/<slug:slug>/codings/", views.apply_code, name="apply_code"),
    path("s/<slug:slug>/codings/<int:coding_id>/remove/", views.remove_coding, name="remove_coding"),
]
