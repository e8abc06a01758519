"""A large export, written by the background worker into its job (surveys/jobs/): the answers
with their codes or the codings, as CSV or XLSX, of the layer the person chose and may see."""


from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from coding import layers
from coding.exports import tables as exports
from surveys.jobs import work
from surveys.models import Answer

BACKGROUND_KINDS = ("answers", "codings")  # frequencies and crosstabs have a row per code: always small


def export_rows(kind, survey, rows):
    """How many rows the export has (what decides whether the worker writes it)."""
    if kind == "codings":
        return rows.count()
    if kind == "answers":
        return Answer.objects.textual().filter(question__survey=survey).count()
    return 0


def file_name(survey, label, fmt):
    return f"{survey.slug}-{label}-{timezone.localdate().isoformat()}.{fmt}".replace(" ", "-")


def _export(job, progress):
    from coding.exports.views import FORMATS, KINDS

    survey, user, kind, fmt = job.survey, job.created_by, job.params["kind"], job.params["fmt"]
    layer = layers.parse_layer(job.params.get("layer"), user, survey)
    rows = layers.layer_rows(survey, layer, user)
    total = export_rows(kind, survey, rows)
    progress.step(_("Writing the file …"), 0, total)
    header, table = (exports.codings_table(survey, rows, layer) if kind == "codings"
                     else exports.answers_table(survey, rows))

    def counted(table):
        for number, row in enumerate(table, start=1):
            if number % 5000 == 0:
                progress.step(_("Writing the file …"), number, total)
            yield row

    if fmt == "csv":
        data = "".join(exports.csv_chunks(header, counted(table))).encode("utf-8")
    else:
        with exports.xlsx_file(str(KINDS[kind]), header, counted(table)) as out:
            data = out.read()
    with transaction.atomic():
        progress.finish(content=data, name=file_name(survey, KINDS[kind], fmt), content_type=FORMATS[fmt],
                        message=_("The file is ready."), data={"size": len(data)})


@task()
def export_file(job_pk):
    return work.run(job_pk, _export)


