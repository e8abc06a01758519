from django.urls import path

from coding.refi import views

urlpatterns = [
    path("s/<slug:slug>/refi/", views.refi, name="refi"),
    path("s/<slug:slug>/refi/project.qdpx", views.download_qdpx, name="refi_qdpx"),
    path("s/<slug:slug>/refi/codebook.qdc", views.download_qdc, name="refi_qdc"),
    path("s/<slug:slug>/refi/codebook/preview/", views.codebook_preview, name="refi_codebook_preview"),
    path("s/<slug:slug>/refi/codebook/import/", views.codebook_import, name="refi_codebook_import"),
    path("s/<slug:slug>/refi/project/import/", views.project_import, name="refi_project_import"),
    path("s/<slug:slug>/refi/project/<int:run_id>/users/", views.project_confirm, name="refi_project_confirm"),
]
