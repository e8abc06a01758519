"""The import screens (admin only): upload → preview (every choice editable) → validation →
confirm → summary. The uploaded bytes wait on the ImportRun row between steps (no temp files),
so any web process can serve the next step. A large file (surveys/importing/background.py) is
read, checked and imported by the background worker, and these screens show its progress."""

import hashlib
import logging

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from surveys import exporting
from surveys.importing import background, personal
from surveys.importing import detect as d
from surveys.importing.forms import OptionsForm, SaveMappingForm, UploadForm, column_formset, mapping_from_formset
from surveys.importing.mapping import MappingError, clean
from surveys.importing.parse import ParseError
from surveys.importing.pipeline import detect_mapping, read_table
from surveys.importing.save import AlreadyImported, ImportRejected, import_table
from surveys.jobs.models import Job
from surveys.jobs.views import phase as job_phase
from surveys.models import ImportRun, SavedMapping, Survey
from veiledning import roles
from veiledning.downloads import attachment

log = logging.getLogger(__name__)


def _get_run_for(request, pk):
    """An import run the admin may continue (admins share the import screens)."""
    roles.check(request.user, roles.IMPORT)
    return get_object_or_404(ImportRun.objects.select_related("survey"), pk=pk)


@require_http_methods(["GET", "POST"])
@roles.require(roles.IMPORT)
def upload(request):
    # Larger than the in-memory upload handler takes: the file never reached request.FILES, but
    # the other fields did, and the form keeps them.
    too_large = request.method == "POST" and int(request.META.get("CONTENT_LENGTH") or 0) > settings.UPLOAD_MAX_BYTES
    form = UploadForm(request.POST or None, request.FILES or None, too_large=too_large)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        content, filename = form.content()
        existing = data["survey"] if data["target"] == "existing" else None
        options = {"slug": existing.slug if existing else data["slug"], "title": data.get("title") or "",
                   "new": existing is None, "not_applicable": list(d.NOT_APPLICABLE_LABELS),
                   "respondent_kind": data.get("respondent_kind") or ""}
        run_fields = {"survey": existing, "filename": filename[:255], "created_by": request.user,
                      "sha256": hashlib.sha256(content).hexdigest(), "size": len(content), "content": content}
        if background.reads_in_background(len(content)):  # too large to read here: the worker reads it
            run = ImportRun.objects.create(**run_fields, options={**options, "background": True},
                                           mapping=data["mapping"] or {})
            return redirect(background.start_check(run, by=request.user, kind=Job.Kind.READ_IMPORT))
        try:
            table = read_table(content, options)
        except ParseError as error:
            form.add_error("file", str(error))
        else:
            mapping = data["mapping"] or detect_mapping(table, options)
            if table.sheet:
                options["sheet"] = table.sheet
            large = background.is_large(table)  # its preview and import then run in the worker
            run = ImportRun.objects.create(**run_fields, options={**options, "background": large}, mapping=mapping)
            if large:
                background.start_check(run, by=request.user)
            else:
                background.keep_first_facts(run, table)
            return redirect("surveys:import_preview", run.pk)
    recent = ImportRun.objects.none() if too_large else (
        ImportRun.objects.exclude(options__refi_project=True)  # a project waiting for its user mapping
        .select_related("survey", "created_by").defer("content", "mapping")[:10])
    return render(request, "surveys/import_upload.html",
                  {"form": form, "recent": recent, "limit_mb": settings.UPLOAD_MAX_BYTES // 1024 // 1024},
                  status=413 if too_large else 200)


def _options_initial(run):
    o = run.options
    return {"encoding": o.get("encoding", ""), "delimiter": o.get("delimiter", ""), "sheet": o.get("sheet", ""),
            "header_rows": o.get("header_rows", ""), "codebook": o.get("codebook", ""),
            "not_applicable": "\n".join(o.get("not_applicable", []))}


def _preview_context(request, run, *, options_form=None, formset=None):
    context = {"run": run, "options_form": options_form or OptionsForm(initial=_options_initial(run)),
               "save_form": SaveMappingForm(),
               "target_exists": Survey.objects.filter(slug=run.options.get("slug")).exists()}
    if run.status == ImportRun.Status.DONE:
        return context
    if run.options.get("background"):  # a large file: what the worker found, once it has
        facts, job = background.current_facts(run)
        if facts is None:
            context.update(job=job, phase=job_phase(job) if job else "", follow=True)
            return context
    else:
        facts = background.facts_for(run)
    if facts["parse_error"]:
        context["parse_error"] = facts["parse_error"]
        return context
    mapping, errors = facts["mapping"], facts["errors"]
    context.update(table=facts["table"], read_as=facts["read_as"], plan=facts["plan"],
                   mapping_error=facts["mapping_error"])
    formset = formset or column_formset(mapping)
    reasons = personal.reasons()
    rows = []
    for position, (column, form) in enumerate(zip(mapping["columns"], formset.forms, strict=False)):
        header = column.get("header")
        found = facts["columns"].get(header) or {"samples": [], "filled": 0, "problems": [], "problem_count": 0}
        reason = reasons.get(column.get("reason", ""), "")
        if reason:
            form.fields["role"].widget.attrs["aria-describedby"] = f"reason-{position}"
        rows.append({"index": position, "column": column, "form": form, "label": header or column.get("code", ""),
                     "samples": found["samples"], "filled": found["filled"], "reason": reason,
                     "problems": found["problems"], "problem_count": found["problem_count"]})
    error_count = facts["error_count"]
    context.update(rows=rows, formset=formset, errors=errors, error_count=error_count,
                   hidden_errors=max(0, error_count - len(errors)))
    return context


def _render_preview(request, run, **kwargs):
    template = "surveys/import_preview.html"
    if request.htmx:
        template += "#preview"
    return render(request, template, _preview_context(request, run, **kwargs))


@require_GET
def preview(request, pk):
    run = _get_run_for(request, pk)
    if run.status == ImportRun.Status.DONE:
        return redirect("surveys:import_summary", run.pk)
    return _render_preview(request, run)


@require_POST
def update_options(request, pk):
    run = _get_run_for(request, pk)
    form = OptionsForm(request.POST)
    if run.status == ImportRun.Status.DONE or not form.is_valid():
        return _render_preview(request, run, options_form=form)
    run.options = {**run.options, **{k: form.cleaned_data[k] for k in ("encoding", "delimiter", "sheet",
                                                                        "header_rows", "codebook")},
                   "not_applicable": form.labels()}
    if run.options.get("background"):  # the worker reads it again and detects the columns again
        run.mapping = {}
        run.save(update_fields=["options", "mapping"])
        background.start_check(run, by=request.user, kind=Job.Kind.READ_IMPORT)
        return redirect("surveys:import_preview", run.pk)
    try:
        table = read_table(bytes(run.content), run.options)
    except ParseError:
        run.save(update_fields=["options"])
        return _render_preview(request, run, options_form=form)
    run.mapping = detect_mapping(table, run.options)
    run.save(update_fields=["options", "mapping"])
    if request.htmx:
        return _render_preview(request, run)
    return redirect("surveys:import_preview", run.pk)


@require_POST
def update_mapping(request, pk):
    run = _get_run_for(request, pk)
    if run.status != ImportRun.Status.DONE:
        formset = column_formset(run.mapping, request.POST)
        if len(formset.forms) != len(run.mapping["columns"]):  # a form from before the file was re-read
            return _render_preview(request, run)
        if not formset.is_valid():
            return _render_preview(request, run, formset=formset)
        run.mapping = mapping_from_formset(formset, run.mapping)
        run.save(update_fields=["mapping"])
        if run.options.get("background"):
            background.start_check(run, by=request.user)
    if request.htmx:
        return _render_preview(request, run)
    return redirect("surveys:import_preview", run.pk)


@require_GET
def download_mapping(request, pk):
    run = _get_run_for(request, pk)
    response = JsonResponse(run.mapping, json_dumps_params={"ensure_ascii": False, "indent": 2})
    name = slugify(run.filename.rsplit(".", 1)[0]) or "import"
    return attachment(response, f"{name}-mapping.json", request=request, survey=run.survey, kind="import_mapping",
                      format="json")


@require_POST
def save_mapping(request, pk):
    run = _get_run_for(request, pk)
    form = SaveMappingForm(request.POST)
    if form.is_valid():
        try:
            mapping = clean(run.mapping)
        except MappingError as error:
            messages.error(request, str(error))
        else:
            SavedMapping.objects.update_or_create(name=form.cleaned_data["name"],
                                                  defaults={"mapping": mapping, "created_by": request.user})
            messages.success(request, _("The mapping was saved as %(name)s.") % {"name": form.cleaned_data["name"]})
    else:
        messages.error(request, _("Give the mapping a name."))
    return redirect("surveys:import_preview", run.pk)


@require_POST
def confirm(request, pk):
    run = _get_run_for(request, pk)
    target = reverse("surveys:import_preview", args=[run.pk])
    if run.options.get("background") and run.status != ImportRun.Status.DONE:  # the worker imports it
        target = background.start_import(run, by=request.user).get_absolute_url()
        return HttpResponseClientRedirect(target) if request.htmx else redirect(target)
    try:
        if run.status == ImportRun.Status.DONE:
            raise AlreadyImported(run)
        table = read_table(bytes(run.content), run.options)
        import_table(table, run.mapping, slug=run.options["slug"], title=run.options.get("title", ""),
                     by=request.user, run=run, respondent_kind=run.options.get("respondent_kind", ""))
    except AlreadyImported:
        messages.info(request, _("This file has already been imported; it was not imported again."))
        target = reverse("surveys:import_summary", args=[run.pk])
    except (ParseError, MappingError) as error:
        messages.error(request, str(error))
    except ImportRejected as rejected:
        messages.error(request, ngettext("The file has %(count)s error. Nothing was imported.",
                                         "The file has %(count)s errors. Nothing was imported.", len(rejected.errors))
                       % {"count": len(rejected.errors)})
    except Exception as error:
        log.exception("import %s failed", run.pk)
        ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.FAILED,
                                                   errors=[{"message": type(error).__name__}])
        messages.error(request, _("The import failed and nothing was saved. Try again, or contact support."))
    else:
        ImportRun.objects.filter(pk=run.pk).update(content=b"")
        target = reverse("surveys:import_summary", args=[run.pk])
    if request.htmx:
        return HttpResponseClientRedirect(target)
    return redirect(target)


@require_GET
def summary(request, pk):
    run = _get_run_for(request, pk)
    if run.status != ImportRun.Status.DONE:
        return redirect("surveys:import_preview", run.pk)
    return render(request, "surveys/import_summary.html", {"run": run, "s": run.summary})


@require_GET
def export_answers(request, slug, fmt):
    survey = roles.get_survey_for(request, slug, roles.IMPORT)
    if fmt == "xlsx":
        content = exporting.to_xlsx(survey)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "csv":
        # Norwegian Excel's variant: `;` and UTF-8 with a BOM, which Excel reads as UTF-8, so
        # text outside Windows-1252 (emoji, other alphabets) never makes the download fail.
        excel = request.GET.get("variant") == "excel"
        try:
            content = exporting.to_csv(survey, encoding="utf-8-sig", delimiter=";" if excel else ",")
        except exporting.ExportError as error:
            messages.error(request, str(error))
            return redirect("surveys:import")
        kind = "text/csv; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(content, content_type=kind)
    return attachment(response, f"{survey.slug}-svar.{fmt}", request=request, survey=survey, kind="answers",
                      format=fmt, variant=request.GET.get("variant", ""))
