from django.urls import path

from coding.refi_import import views

# Under the exchange page's address, with the names they always had ("coding:refi_…").
urlpatterns = [
    path("s/<slug:slug>/refi/codebook/preview/", views.codebook_preview, name="refi_codebook_preview"),
    path("s/<slug:slug>/refi/codebook/import/", views.codebook_import, name="refi_codebook_import"),
    path("s/<slug:slug>/refi/project/import/", views.project_import, name="refi_project_import"),
    path("s/<slug:slug>/refi/project/<int:run_id>/users/", views.project_confirm, name="refi_project_confirm"),
]
