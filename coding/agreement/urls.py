from django.urls import path

from coding.agreement import reconcile, views

urlpatterns = [
    path("s/<slug:slug>/agreement/", views.agreement, name="agreement"),
    path("s/<slug:slug>/agreement/blind/", views.agreement_blind, name="agreement_blind"),
    path("s/<slug:slug>/agreement/comparison/", views.agreement_open, name="agreement_open"),
    path("s/<slug:slug>/agreement/samples/", views.agreement_sample, name="agreement_sample"),
    path("s/<slug:slug>/agreement/export.<str:fmt>", views.agreement_export, name="agreement_export"),
    path("s/<slug:slug>/agreement/reconcile/", reconcile.reconcile, name="agreement_reconcile"),
    path("s/<slug:slug>/agreement/reconcile/accept/", reconcile.accept, name="agreement_accept"),
    path("s/<slug:slug>/agreement/reconcile/<int:answer_id>/", reconcile.decide,
         name="agreement_decide"),
]
