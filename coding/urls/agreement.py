from django.urls import path

from coding.views import agreement, agreement_reconcile

urlpatterns = [
    path("s/<slug:slug>/agreement/", agreement.agreement, name="agreement"),
    path("s/<slug:slug>/agreement/blind/", agreement.agreement_blind, name="agreement_blind"),
    path("s/<slug:slug>/agreement/comparison/", agreement.agreement_open, name="agreement_open"),
    path("s/<slug:slug>/agreement/samples/", agreement.agreement_sample, name="agreement_sample"),
    path("s/<slug:slug>/agreement/export.<str:fmt>", agreement.agreement_export, name="agreement_export"),
    path("s/<slug:slug>/agreement/reconcile/", agreement_reconcile.reconcile, name="agreement_reconcile"),
    path("s/<slug:slug>/agreement/reconcile/<int:answer_id>/", agreement_reconcile.decide,
         name="agreement_decide"),
]
