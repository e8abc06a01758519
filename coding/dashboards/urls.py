from django.urls import path

from coding.dashboards import compare_views, report_views, views

urlpatterns = [
    path("s/<slug:slug>/dashboards/", views.overview, name="dashboards"),
    path("s/<slug:slug>/dashboards/reviewers/", views.reviewer_rights, name="reviewer_rights"),
    path("s/<slug:slug>/dashboards/<int:category_id>/", views.dashboard, name="dashboard"),
    path("s/<slug:slug>/dashboards/<int:category_id>/quotes/", views.toggle_quote, name="quote_toggle"),
    path("s/<slug:slug>/dashboards/<int:category_id>/quotes/<int:quote_id>/move/", views.move, name="quote_move"),
    path("s/<slug:slug>/dashboards/<int:category_id>/compare/", compare_views.compare, name="dashboard_compare"),
    path("s/<slug:slug>/dashboards/<int:category_id>/compare.<str:fmt>", compare_views.compare_download,
         name="dashboard_compare_download"),
    path("s/<slug:slug>/report/", report_views.report, name="report"),
    path("s/<slug:slug>/report.docx", report_views.report_docx, name="report_docx"),
    path("s/<slug:slug>/report.pdf", report_views.report_pdf_download, name="report_pdf"),
]
