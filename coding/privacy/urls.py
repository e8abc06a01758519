from django.urls import path

from coding.privacy import views

urlpatterns = [
    path("s/<slug:slug>/personal-data/", views.overview, name="privacy"),
    path("s/<slug:slug>/personal-data/retention/", views.set_retention, name="privacy_retention"),
    path("s/<slug:slug>/personal-data/review/", views.review, name="privacy_review"),
    path("s/<slug:slug>/personal-data/review/search/", views.scan, name="privacy_scan"),
    path("s/<slug:slug>/personal-data/review/decide/", views.decide, name="privacy_decide"),
    path("s/<slug:slug>/personal-data/review/add/", views.add, name="privacy_add"),
    path("s/<slug:slug>/personal-data/review/pseudonymise/", views.pseudonymise, name="privacy_pseudonymise"),
]
