from django.urls import path

from coding.exports import views

urlpatterns = [
    path("s/<slug:slug>/exports/", views.exports_page, name="exports"),
    path("s/<slug:slug>/exports/<str:kind>.<str:fmt>", views.download, name="export"),
]
