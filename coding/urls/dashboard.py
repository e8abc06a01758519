from django.urls import path

from coding.views import dashboard, exports, report

urlpatterns = [
    path("s/<slug:slug>/dashboards/", dashboard.overview, name="dashboards"),
    path("s/<slug:slug>/dashboards/<int:category_id>/", dashboard.dashboard, name="dashboard"),
    path("s/<slug:slug>/dashboards/<int:category_id>/quotes/", dashboard.toggle_quote, name="quote_toggle"),
    path("s/<slug:slug>/dashboards/<int:category_id>/quotes/<int:quote_id>/move/", dashboard.move, name="quote_move"),
    path("s/<slug:slug>/report/", report.report, name="report"),
    path("s/<slug:slug>/report.docx", report.report_docx, name="report_docx"),
    path("s/<slug:slug>/exports/", exports.exports_page, name="exports"),
    path("s/<slug:slug>/exports/<str:kind>.<str:fmt>", exports.download, name="export"),
]
