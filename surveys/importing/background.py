"""Large survey files, in the worker: what counts as large, the preview's findings as data (so
the worker can compute them once and the page can show them without reading the file again),
and the three tasks of a large import.

Small files keep the request path: the upload reads the file, the preview checks it on every
view, the confirm imports it, each well under two seconds. A file is large when

- its upload is over BACKGROUND_ABOVE["import_bytes"] (too large to read in a request), or
- read, it has over BACKGROUND_ABOVE["import_cells"] filled cells (the import's work grows
  with them: each is parsed, checked, then saved).

A large file's run says so (`options["background"]`); its preview comes from a check job
(`read_upload` at upload, `check_upload` after each change of options or columns) and its
import is `import_upload`, one transaction with the job's end.
"""

import hashlib
import json
from collections import Counter, defaultdict

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _

from surveys.importing import layouts
from surveys.importing.pipeline import detect_mapping, read_table
from surveys.importing.pipeline import preview as build_preview
from surveys.importing.save import AlreadyImported, import_table
from surveys.jobs import work
from surveys.jobs.models import Job
from surveys.models import ImportRun

SHOWN_ERRORS = 1000
SAMPLES = 3
KEPT_SECONDS = 300


def reads_in_background(size):
    return size > settings.BACKGROUND_ABOVE["import_bytes"]


def filled_cells(table):
    return sum(1 for row in table.rows for value in row if value and not value.isspace())


def is_large(table):
    return filled_cells(table) > settings.BACKGROUND_ABOVE["import_cells"]


def facts_key(options, mapping):
    """Which options and columns a preview's findings belong to."""
    return hashlib.sha256(json.dumps([options, mapping], sort_keys=True, default=str).encode()).hexdigest()[:32]


def preview_facts(content, options, mapping, table=None):
    """Everything the preview shows that costs a reading of the file, as JSON-ready data
    (`table`: the file as the caller has just read it, so it is not read again)."""
    result = build_preview(content, options, mapping, table=table)
    facts = {"key": facts_key(options, mapping), "parse_error": result.parse_error,
             "mapping_error": result.mapping_error, "mapping": result.mapping}
    if result.parse_error:
        return facts
    table, errors = result.table, result.errors
    facts["table"] = {"format": table.format, "encoding": table.encoding, "delimiter": table.delimiter,
                      "sheet": table.sheet, "sheets": list(table.sheets), "row_count": table.row_count,
                      "columns": len(table.headers)}
    facts["layout"] = table.layout
    facts["plan"] = result.plan
    facts["error_count"] = len(errors)
    facts["errors"] = [{"line": e.line, "column": e.column, "value": e.value, "message": e.message}
                       for e in errors[:SHOWN_ERRORS]]
    by_column = defaultdict(list)
    for e in errors:
        by_column[e.column].append(e)
    index = {h: i for i, h in enumerate(table.headers)}
    columns = {}
    for column in result.mapping.get("columns", []):
        header = column.get("header")
        if header is None or header in columns:
            continue
        values = [v.strip() for v in table.column(index[header]) if v.strip()] if header in index else []
        samples = [v if len(v) <= 80 else v[:79] + "…" for v, _n in Counter(values).most_common(SAMPLES)]
        problems = by_column.get(header, [])
        columns[header] = {"samples": samples, "filled": len(values), "problem_count": len(problems),
                           "problems": [{"line": e.line, "message": e.message} for e in problems[:3]]}
    facts["columns"] = columns
    facts["read_as"] = layouts.describe(table.layout)
    return facts


def _kept_key(run):
    return f"import-preview:{run.pk}:{facts_key(run.options, run.mapping)}"


def keep_first_facts(run, table):
    """The upload has just read a small file: work out the first preview's findings from that
    reading and keep them a few minutes, so the preview that follows does not read it again."""
    caches["shared"].set(_kept_key(run), preview_facts(None, run.options, run.mapping, table=table), KEPT_SECONDS)


def facts_for(run):
    """A small file's findings for its preview: the ones the upload kept (taken once: a later
    view checks the file against the survey as it is then), else read and checked now."""
    key = _kept_key(run)
    facts = caches["shared"].get(key)
    if facts is None:
        return preview_facts(bytes(run.content), run.options, run.mapping)
    caches["shared"].delete(key)
    return facts


def current_facts(run):
    """The check job's findings for the run as it is now, or (None, the job still working or failed)."""
    key = facts_key(run.options, run.mapping)
    job = (Job.objects.filter(import_run=run, kind__in=[Job.Kind.READ_IMPORT, Job.Kind.CHECK_IMPORT])
           .defer("result").order_by("-created_at", "-id").first())
    if job and job.state == Job.State.DONE:
        return (job.result_data, job) if job.result_data.get("key") == key else (None, None)
    return None, job


def start_check(run, *, by, kind=Job.Kind.CHECK_IMPORT):
    """Check the file again for its current options and columns; a check still waiting for the
    worker is dropped (its findings would belong to columns that changed since)."""
    run.jobs.filter(kind__in=[Job.Kind.READ_IMPORT, Job.Kind.CHECK_IMPORT], state=Job.State.QUEUED).delete()
    task_for = read_upload if kind == Job.Kind.READ_IMPORT else check_upload
    return work.start(task_for, kind, by=by, survey=run.survey, import_run=run, title=run.filename)


def start_import(run, *, by):
    return work.start(import_upload, Job.Kind.IMPORT, by=by, survey=run.survey, import_run=run, title=run.filename)


# The tasks ---------------------------------------------------------------------------------------

def _read(job, progress):
    run = job.import_run
    if run is None:
        raise work.JobError(_("The file is no longer waiting to be imported; upload it again."))
    progress.step(_("Reading the file …"), 0, 3)
    content = bytes(run.content)
    table = read_table(content, run.options)  # a ParseError fails the job with its message
    if job.kind == Job.Kind.READ_IMPORT and not run.mapping:
        progress.step(_("Finding out what each column is …"), 1, 3)
        run.mapping = detect_mapping(table, run.options)
        if table.sheet:
            run.options["sheet"] = table.sheet
        ImportRun.objects.filter(pk=run.pk).update(mapping=run.mapping, options=run.options)
    progress.step(_("Checking every row …"), 2, 3)
    facts = preview_facts(content, run.options, run.mapping)
    with transaction.atomic():
        progress.finish(result_url=reverse("surveys:import_preview", args=[run.pk]), data=facts,
                        message=_("The preview is ready."))


@task()
def read_upload(job_pk):
    """A large upload: read it, detect its columns (unless a mapping came with it), check it."""
    return work.run(job_pk, _read)


@task()
def check_upload(job_pk):
    """A large file's preview after its options or columns changed."""
    return work.run(job_pk, _read)


def _import(job, progress):
    run = job.import_run
    if run is None:
        raise work.JobError(_("The file is no longer waiting to be imported; upload it again."))
    summary_url = reverse("surveys:import_summary", args=[run.pk])
    if run.status == ImportRun.Status.DONE:
        with transaction.atomic():
            progress.finish(result_url=summary_url,
                            message=_("This file has already been imported; it was not imported again."))
        return
    progress.step(_("Reading the file …"), 0, 3)
    table = read_table(bytes(run.content), run.options)
    progress.step(_("Checking every row, then saving: all or nothing …"), 1, 3)
    try:
        with transaction.atomic():
            import_table(table, run.mapping, slug=run.options["slug"], title=run.options.get("title", ""),
                         by=job.created_by, run=run, respondent_kind=run.options.get("respondent_kind", ""))
            ImportRun.objects.filter(pk=run.pk).update(content=b"")
            progress.finish(result_url=summary_url, message=_("The survey was imported."))
    except AlreadyImported:
        with transaction.atomic():
            progress.finish(result_url=summary_url,
                            message=_("This file has already been imported; it was not imported again."))


@task()
def import_upload(job_pk):
    """Import a large file as its preview showed it: one transaction, the job's end in it."""
    return work.run(job_pk, _import)

