from django.urls import path

from coding.views import refi

urlpatterns = [
    path("s/<slug:slug>/refi/", refi.refi, name="refi"),
    path("s/<slug:slug>/refi/project.qdpx", refi.download_qdpx, name="refi_qdpx"),
    path("s/<slug:slug>/refi/codebook.qdc", refi.download_qdc, name="refi_qdc"),
    path("s/<slug:slug>/refi/codebook/preview/", refi.codebook_preview, name="refi_codebook_preview"),
    path("s/<slug:slug>/refi/codebook/import/", refi.codebook_import, name="refi_codebook_import"),
    path("s/<slug:slug>/refi/project/import/", refi.project_import, name="refi_project_import"),
]
