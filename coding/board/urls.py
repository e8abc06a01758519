from django.urls import path

from coding.board import cards, views

urlpatterns = [
    path("s/<slug:slug>/board/", views.board, name="board"),
    path("s/<slug:slug>/board/move/", views.board_move, name="board_move"),
    path("s/<slug:slug>/board/move/rationale/", views.board_move_rationale, name="board_move_rationale"),
    path("s/<slug:slug>/board/columns/<int:category_id>/reorder/", views.board_reorder, name="board_reorder"),
    path("s/<slug:slug>/board/categories/new/", views.category_create, name="board_category_create"),
    path("s/<slug:slug>/board/categories/<int:category_id>/", cards.category_card, name="board_category"),
    path("s/<slug:slug>/board/categories/<int:category_id>/edit/", cards.category_update,
         name="board_category_update"),
    path("s/<slug:slug>/board/categories/<int:category_id>/order/", views.category_order,
         name="board_category_order"),
    path("s/<slug:slug>/board/categories/<int:category_id>/archive/", views.category_archive,
         name="board_category_archive"),
    path("s/<slug:slug>/board/categories/<int:category_id>/themes/", cards.category_themes,
         name="board_category_themes"),
    path("s/<slug:slug>/board/themes/new/", views.theme_create, name="board_theme_create"),
    path("s/<slug:slug>/board/themes/<int:theme_id>/edit/", views.theme_update, name="board_theme_update"),
    path("s/<slug:slug>/board/codes/<int:code_id>/", cards.code_drawer, name="board_code"),
]
