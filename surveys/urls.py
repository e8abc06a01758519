from django.urls import path

from surveys.jobs import views as jobs
from surveys.views import importing, overview, undo

app_name = "surveys"

urlpatterns = [
    path("", overview.survey_list, name="list"),
    path("s/<slug:slug>/", overview.survey_detail, name="detail"),
    # The import (admin only): upload → preview → confirm → summary; and the wide export.
    path("import/", importing.upload, name="import"),
    path("import/<int:pk>/", importing.preview, name="import_preview"),
    path("import/<int:pk>/options/", importing.update_options, name="import_options"),
    path("import/<int:pk>/mapping/", importing.update_mapping, name="import_mapping"),
    path("import/<int:pk>/mapping.json", importing.download_mapping, name="import_mapping_json"),
    path("import/<int:pk>/save-mapping/", importing.save_mapping, name="import_save_mapping"),
    path("import/<int:pk>/confirm/", importing.confirm, name="import_confirm"),
    path("import/<int:pk>/summary/", importing.summary, name="import_summary"),
    path("s/<slug:slug>/imports/<int:pk>/undo/", undo.undo_last_import, name="import_undo"),
    path("s/<slug:slug>/answers.<str:fmt>", importing.export_answers, name="export_answers"),
    # Background jobs: their owner's list, one job's progress page, and the finished file.
    path("jobs/", jobs.my_jobs, name="jobs"),
    path("jobs/<int:job_id>/", jobs.job_page, name="job"),
    path("jobs/<int:job_id>/file", jobs.job_file, name="job_file"),
    path("s/<slug:slug>/jobs/", jobs.survey_jobs, name="survey_jobs"),
]
