from django.urls import path

from coding.refi import views

urlpatterns = [
    path("s/<slug:slug>/refi/", views.refi, name="refi"),
    path("s/<slug:slug>/refi/project.qdpx", views.download_qdpx, name="refi_qdpx"),
    path("s/<slug:slug>/refi/codebook.qdc", views.download_qdc, name="refi_qdc"),
]
