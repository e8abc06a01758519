from django.urls import path

from coding.codebook import views

urlpatterns = [
    path("s/<slug:slug>/codebook/", views.codebook, name="codebook"),
    path("s/<slug:slug>/codebook/new/", views.code_create, name="code_create"),
    path("s/<slug:slug>/codebook/<int:code_id>/", views.code_detail, name="code"),
    path("s/<slug:slug>/codebook/<int:code_id>/merge/", views.code_merge, name="code_merge"),
    path("s/<slug:slug>/codebook/<int:code_id>/delete/", views.code_delete, name="code_delete"),
]
