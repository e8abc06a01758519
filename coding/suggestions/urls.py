from django.urls import path

from coding.suggestions import views

urlpatterns = [
    path("s/<slug:slug>/answers/<int:answer_id>/suggestions/", views.suggestions, name="suggestions"),
    path("s/<slug:slug>/answers/<int:answer_id>/suggestions/accept/", views.accept, name="suggestion_accept"),
    path("s/<slug:slug>/answers/<int:answer_id>/suggestions/dismiss/", views.dismiss, name="suggestion_dismiss"),
    path("s/<slug:slug>/codebook/<int:code_id>/similar/", views.similar, name="code_similar"),
    path("s/<slug:slug>/codebook/<int:code_id>/similar/undo/", views.similar_undo, name="code_similar_undo"),
]
