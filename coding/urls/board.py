from django.urls import path

from coding.views import board, board_cards

urlpatterns = [
    path("s/<slug:slug>/board/", board.board, name="board"),
    path("s/<slug:slug>/board/move/", board.board_move, name="board_move"),
    path("s/<slug:slug>/board/columns/<int:category_id>/reorder/", board.board_reorder, name="board_reorder"),
    path("s/<slug:slug>/board/categories/new/", board.category_create, name="board_category_create"),
    path("s/<slug:slug>/board/categories/<int:category_id>/", board_cards.category_card, name="board_category"),
    path("s/<slug:slug>/board/categories/<int:category_id>/edit/", board_cards.category_update,
         name="board_category_update"),
    path("s/<slug:slug>/board/categories/<int:category_id>/order/", board.category_order,
         name="board_category_order"),
    path("s/<slug:slug>/board/categories/<int:category_id>/archive/", board.category_archive,
         name="board_category_archive"),
    path("s/<slug:slug>/board/categories/<int:category_id>/themes/", board_cards.category_themes,
         name="board_category_themes"),
    path("s/<slug:slug>/board/themes/new/", board.theme_create, name="board_theme_create"),
    path("s/<slug:slug>/board/themes/<int:theme_id>/edit/", board.theme_update, name="board_theme_update"),
    path("s/<slug:slug>/board/codes/<int:code_id>/", board_cards.code_drawer, name="board_code"),
]
