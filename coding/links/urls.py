from django.urls import path

from coding.links import views

urlpatterns = [
    path("s/<slug:slug>/board/questions/", views.grid, name="question_links"),
    path("s/<slug:slug>/board/categories/<int:category_id>/questions/", views.category_questions,
         name="board_category_questions"),
]
