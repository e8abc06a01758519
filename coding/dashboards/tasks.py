"""The Word report of a large survey, written by the background worker into its job
(surveys/jobs/): the same sections and charts as the report page, for the chosen layer."""

from io import BytesIO

from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from coding import layers
from coding.dashboards.compare import with_comparison
from coding.dashboards.report import report_content
from coding.models import Coding
from surveys.jobs import work
from surveys.models import Answer

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def report_rows(survey):
    """What the report's work grows with: the survey's text answers and codings."""
    return Answer.objects.textual().filter(question__survey=survey).count() + Coding.objects.for_survey(survey).count()


def docx_in_background(survey):
    return work.too_large(report_rows(survey))


def report_name(survey, extension):
    return f"{survey.slug}-rapport-{timezone.localdate().isoformat()}.{extension}"


def _report(job, progress):
    from coding.dashboards.docx import build_docx  # python-docx only when a report is written

    survey, user = job.survey, job.created_by
    layer = layers.parse_layer(job.params.get("layer"), user, survey)
    progress.step(_("Counting the codes of every category …"), 0, 3)
    content = with_comparison(report_content(survey, layer, user), job.params.get("compare"))
    progress.step(_("Drawing the charts and writing the document …"), 1, 3)
    buffer = BytesIO()
    build_docx(content).save(buffer)
    with transaction.atomic():
        progress.finish(content=buffer.getvalue(), name=report_name(survey, "docx"), content_type=DOCX,
                        message=_("The file is ready."), data={"size": buffer.tell()})


@task()
def report_docx(job_pk):
    return work.run(job_pk, _report)
