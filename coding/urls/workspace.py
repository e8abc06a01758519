from django.urls import path

from coding.views import codebook, workspace

urlpatterns = [
    path("s/<slug:slug>/answers/", workspace.answer_list, name="answers"),
    path("s/<slug:slug>/answers/progress/", workspace.progress, name="progress"),
    path("s/<slug:slug>/answers/<int:answer_id>/", workspace.answer_detail, name="answer"),
    path("s/<slug:slug>/answers/<int:answer_id>/go/<str:direction>/", workspace.answer_go, name="answer_go"),
    path("s/<slug:slug>/answers/<int:answer_id>/memo/", workspace.write_memo, name="answer_memo"),
    path("s/<slug:slug>/answers/<int:answer_id>/history/", workspace.answer_history, name="answer_history"),
    path("s/<slug:slug>/codings/", workspace.apply_code, name="apply_code"),
    path("s/<slug:slug>/codings/<int:coding_id>/remove/", workspace.remove_coding, name="remove_coding"),
    path("s/<slug:slug>/codebook/", codebook.codebook, name="codebook"),
    path("s/<slug:slug>/codebook/new/", codebook.code_create, name="code_create"),
    path("s/<slug:slug>/codebook/<int:code_id>/", codebook.code_detail, name="code"),
    path("s/<slug:slug>/codebook/<int:code_id>/merge/", codebook.code_merge, name="code_merge"),
    path("s/<slug:slug>/codebook/<int:code_id>/delete/", codebook.code_delete, name="code_delete"),
]
