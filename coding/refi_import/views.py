"""The import screens behind the exchange page: a codebook previewed, then imported into this
survey; a project imported into a new survey, after its users are mapped to coders.

Uploads stay in memory (MemoryFileUploadHandler, `settings.UPLOAD_MAX_BYTES`); no temporary files.
Between preview and confirm the codebook travels back in a hidden field and is checked again;
a project waits in an ImportRun (in the database, not on disk) while the admin maps its users.
A large project is read and imported by the background worker (coding/refi_import/tasks.py);
the views start the job and show its page. A refused file shows the exchange page again
(coding/refi/views.py) with the reason under its field."""

import base64
import hashlib

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coding.refi import RefiError
from coding.refi.forms import CodebookUploadForm, ProjectUploadForm
from coding.refi.views import exchange_page
from coding.refi_import import tasks
from coding.refi_import.forms import CodebookConfirmForm, UserMapForm
from coding.refi_import.importing import (
    import_codebook,
    import_project,
    preview_codebook,
    project_users,
    suggest_coders,
)
from coding.refi_import.reading import read_project
from coding.refi_import.wording import codebook_message, project_facts, project_messages, project_preview
from surveys.jobs import work
from surveys.jobs.models import Job
from surveys.models import ImportRun
from veiledning import roles


def _may_import_codebook(request, slug):
    survey = roles.get_survey_for(request, slug, roles.VIEW)
    if not (roles.can(request.user, roles.MANAGE_CATEGORIES) or roles.can(request.user, roles.IMPORT)):
        roles.check(request.user, roles.MANAGE_CATEGORIES)
    return survey


@require_POST
def codebook_preview(request, slug):
    survey = _may_import_codebook(request, slug)
    form = CodebookUploadForm(request.POST, request.FILES)
    if form.is_valid():
        filename, data = form.cleaned_data["file"]
        try:
            plan = preview_codebook(survey, data)
        except RefiError as error:
            form.add_error("file", forms.ValidationError(error.message, code=error.code))
        else:
            confirm = CodebookConfirmForm(
                initial={"payload": base64.b64encode(data).decode("ascii"), "filename": filename[:255]}
            )
            return render(
                request,
                "coding/refi_import/codebook_preview.html",
                {"survey": survey, "plan": plan, "confirm": confirm, "filename": filename},
            )
    return exchange_page(request, survey, codebook_form=form, status=400)


@require_POST
def codebook_import(request, slug):
    survey = _may_import_codebook(request, slug)
    form = CodebookConfirmForm(request.POST)
    if form.is_valid():
        try:
            summary = import_codebook(
                survey, form.cleaned_data["payload"], by=request.user, filename=form.cleaned_data["filename"]
            )
        except RefiError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, codebook_message(summary))
            return redirect("coding:refi", survey.slug)
    else:
        messages.error(request, _("The codebook was damaged on the way; upload it again."))
    return redirect("coding:refi", survey.slug)


def _report_project_import(request, summary):
    """The import summary as messages on the new survey's page."""
    for level, message in project_messages(summary):
        getattr(messages, level)(request, message)


@require_POST
def project_import(request, slug):
    survey = roles.get_survey_for(request, slug, roles.IMPORT)
    form = ProjectUploadForm(request.POST, request.FILES)
    if form.is_valid():
        filename, data = form.cleaned_data["file"]
        if len(data) > settings.BACKGROUND_ABOVE["refi_bytes"]:  # read (and import) by the worker
            run = _waiting_project(request, filename, data, form.cleaned_data["title"], background=True)
            return redirect(work.start(tasks.read_project_file, Job.Kind.READ_PROJECT, by=request.user, survey=survey,
                                       import_run=run, title=filename, params={"slug": survey.slug}))
        try:
            users = project_users(data)
            if users:  # the admin maps them first: nobody is credited by name
                run = _waiting_project(request, filename, data, form.cleaned_data["title"])
                return _users_page(request, survey, run, UserMapForm(users=users))
            new, summary = import_project(data, by=request.user, title=form.cleaned_data["title"], filename=filename)
        except RefiError as error:
            form.add_error("file", forms.ValidationError(error.message, code=error.code))
        else:
            _report_project_import(request, summary)
            return redirect(new.get_absolute_url())
    return exchange_page(request, survey, project_form=form, status=400)


def _waiting_project(request, filename, data, title, background=False):
    return ImportRun.objects.create(
        filename=filename[:255], sha256=hashlib.sha256(data).hexdigest(), size=len(data), content=data,
        options={"refi_project": True, "title": title, "background": background}, created_by=request.user)


def _users_page(request, survey, run, form, status=200):
    """The users' step, with what the new survey gets (kept by the worker for a large project)."""
    facts = run.options.get("facts") or project_facts(read_project(bytes(run.content)))
    preview = project_preview(facts)
    return render(request, "coding/refi_import/project_users.html",
                  {"survey": survey, "run": run, "form": form, "preview": preview}, status=status)


def _run_users(run):
    """The project's users: as the worker stored them for a large project, else read here."""
    if "users" not in run.options:
        return project_users(bytes(run.content))
    return suggest_coders(run.options["users"])


@require_http_methods(["GET", "POST"])
def project_confirm(request, slug, run_id):
    """The second step of a project import: the users as mapped, then the import itself (by the
    worker for a large project, whose users page it leads to when it has read the file)."""
    survey = roles.get_survey_for(request, slug, roles.IMPORT)
    run = get_object_or_404(ImportRun, pk=run_id)
    waiting = (run.created_by_id == request.user.pk and not run.survey_id
               and run.status == ImportRun.Status.PREVIEWED and run.options.get("refi_project"))
    if not waiting:
        messages.error(request, _("This project is no longer waiting to be imported; upload it again."))
        return redirect("coding:refi", survey.slug)
    users = _run_users(run)
    if request.method == "GET":
        return _users_page(request, survey, run, UserMapForm(users=users))
    form = UserMapForm(request.POST, users=users)
    if not form.is_valid():
        return _users_page(request, survey, run, form, status=400)
    if run.options.get("background"):
        chosen = {guid: user.pk if user else None for guid, user in form.mapping().items()}
        return redirect(work.start(tasks.import_project_file, Job.Kind.IMPORT_PROJECT, by=request.user, survey=survey,
                                   import_run=run, title=run.filename, params={"slug": survey.slug, "users": chosen}))
    data = bytes(run.content)
    try:
        new, summary = import_project(data, by=request.user, title=run.options.get("title", ""),
                                      filename=run.filename, users=form.mapping())
    except RefiError as error:
        form.add_error(None, forms.ValidationError(error.message, code=error.code))
        return _users_page(request, survey, run, form, status=400)
    run.delete()  # import_project keeps its own record of the finished import
    _report_project_import(request, summary)
    return redirect(new.get_absolute_url())
