"""The REFI-QDA exchange page: download the survey as `.qdpx` / `.qdc`, import a codebook into
this survey (preview → confirm), import a project into a new survey.

Uploads stay in memory (MemoryFileUploadHandler, `settings.UPLOAD_MAX_BYTES`); no temporary files.
Between preview and confirm the codebook travels back in a hidden field and is checked again;
a project waits in an ImportRun (in the database, not on disk) while the admin maps its users.
A large project is read and imported, and a large survey's `.qdpx` written, by the background
worker (coding/refi/tasks.py); the views start the job and show its page."""

import base64
import binascii
import hashlib

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coding.refi import tasks
from coding.refi.safety import RefiError
from surveys.jobs import work
from surveys.jobs.models import Job
from surveys.models import ImportRun
from veiledning import roles
from veiledning.downloads import attachment


def _read_upload(upload):
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise forms.ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            code="too_large",
        )
    return upload.read()


class CodebookUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Codebook file (.qdc)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="codebook-%s", **kwargs)  # the page has two file fields

    def clean_file(self):
        upload = self.cleaned_data["file"]
        return upload.name, _read_upload(upload)


class CodebookConfirmForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)
    filename = forms.CharField(widget=forms.HiddenInput, required=False, max_length=255)

    def clean_payload(self):
        try:
            data = base64.b64decode(self.cleaned_data["payload"], validate=True)
        except (binascii.Error, ValueError):
            raise forms.ValidationError(
                _("The codebook was damaged on the way; upload it again."), code="payload"
            ) from None
        return data


class ProjectUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Project file (.qdpx)"))
    title = forms.CharField(
        label=gettext_lazy("Title of the new survey"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Leave empty to use the project's name."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="project-%s", **kwargs)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        return upload.name, _read_upload(upload)


def _page(request, survey, *, codebook_form=None, project_form=None, status=200):
    context = {
        "survey": survey,
        "may_import_codebook": roles.can(request.user, roles.MANAGE_CATEGORIES),
        "may_import_project": roles.can(request.user, roles.IMPORT),
        "codebook_form": codebook_form or CodebookUploadForm(),
        "project_form": project_form or ProjectUploadForm(),
        "code_count": survey.codes.count(),
        "upload_limit": settings.UPLOAD_MAX_BYTES,
        "qdpx_in_background": work.too_large(tasks.project_rows(survey)),
    }
    return render(request, "coding/refi/refi.html", context, status=status)


@require_safe
def refi(request, slug):
    survey = roles.get_survey_for(request, slug, roles.EXPORT)
    return _page(request, survey)


@require_http_methods(["GET", "POST"])
def download_qdpx(request, slug):
    """The project file; for a large survey, written by the worker (POST starts it; GET says so)."""
    survey = roles.get_survey_for(request, slug, roles.EXPORT)
    if work.too_large(tasks.project_rows(survey)):
        if request.method == "POST":
            return redirect(work.start(tasks.export_project_file, Job.Kind.EXPORT_PROJECT, by=request.user,
                                       survey=survey, title=f"{survey.slug}.qdpx"))
        return render(request, "surveys/jobs/start.html", {"survey": survey, "what": _("The REFI-QDA project (.qdpx)"),
                                                           "action": request.path, "fields": []})
    if request.method == "POST":
        return redirect(request.path)
    from coding.refi.export import build_qdpx  # lxml only when a project is written

    data = build_qdpx(survey, request.user)
    response = HttpResponse(data, content_type="application/zip")
    return attachment(response, f"{survey.slug}.qdpx", request=request, survey=survey, format="qdpx", size=len(data))


@require_safe
def download_qdc(request, slug):
    survey = roles.get_survey_for(request, slug, roles.EXPORT)
    try:
        from coding.refi.export import build_codebook

        data = build_codebook(survey)
    except RefiError as error:
        messages.error(request, error.message)
        return redirect("coding:refi", survey.slug)
    response = HttpResponse(data, content_type="application/xml")
    return attachment(response, f"{survey.slug}.qdc", request=request, survey=survey, format="qdc", size=len(data))


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
            from coding.refi.importing import preview_codebook  # lxml only when a file is read

            plan = preview_codebook(survey, data)
        except RefiError as error:
            form.add_error("file", forms.ValidationError(error.message, code=error.code))
        else:
            confirm = CodebookConfirmForm(
                initial={"payload": base64.b64encode(data).decode("ascii"), "filename": filename[:255]}
            )
            return render(
                request,
                "coding/refi/codebook_preview.html",
                {"survey": survey, "plan": plan, "confirm": confirm, "filename": filename},
            )
    return _page(request, survey, codebook_form=form, status=400)


@require_POST
def codebook_import(request, slug):
    survey = _may_import_codebook(request, slug)
    form = CodebookConfirmForm(request.POST)
    if form.is_valid():
        try:
            from coding.refi.importing import import_codebook

            summary = import_codebook(
                survey, form.cleaned_data["payload"], by=request.user, filename=form.cleaned_data["filename"]
            )
        except RefiError as error:
            messages.error(request, error.message)
        else:
            from coding.refi.wording import codebook_message

            messages.success(request, codebook_message(summary))
            return redirect("coding:refi", survey.slug)
    else:
        messages.error(request, _("The codebook was damaged on the way; upload it again."))
    return redirect("coding:refi", survey.slug)


def _report_project_import(request, summary):
    """The import summary as messages on the new survey's page."""
    from coding.refi.wording import project_messages

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
            from coding.refi.importing import import_project, project_users

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
    return _page(request, survey, project_form=form, status=400)


def _waiting_project(request, filename, data, title, background=False):
    return ImportRun.objects.create(
        filename=filename[:255], sha256=hashlib.sha256(data).hexdigest(), size=len(data), content=data,
        options={"refi_project": True, "title": title, "background": background}, created_by=request.user)


NEW_USER = ""


class UserMapForm(forms.Form):
    """One choice per user of the file: a new inactive user (the default) or a coder here."""

    def __init__(self, *args, users, **kwargs):
        from coding.refi.importing import coder_accounts

        super().__init__(*args, **kwargs)
        self.users = users
        choices = [(NEW_USER, _("A new inactive user"))] + [
            (str(u.pk), u.get_full_name() or u.username) for u in coder_accounts()]
        for index, user in enumerate(users):
            suggested = user["suggested"]
            self.fields[f"user_{index}"] = forms.ChoiceField(
                label=user["name"] or user["ident"] or user["guid"], choices=choices, required=False, initial=NEW_USER,
                help_text=_("The coder %(name)s here has the same user name.") % {"name": suggested.username}
                if suggested else "")

    def mapping(self):
        """guid → the chosen coder, or None for a new inactive user."""
        from coding.refi.importing import coder_accounts

        coders = {str(u.pk): u for u in coder_accounts()}
        return {user["guid"]: coders.get(self.cleaned_data[f"user_{index}"])
                for index, user in enumerate(self.users)}


def _users_page(request, survey, run, form, status=200):
    """The users' step, with what the new survey gets (kept by the worker for a large project)."""
    from coding.refi.reading import read_project
    from coding.refi.wording import project_facts, project_preview

    facts = run.options.get("facts") or project_facts(read_project(bytes(run.content)))
    preview = project_preview(facts)
    return render(request, "coding/refi/project_users.html",
                  {"survey": survey, "run": run, "form": form, "preview": preview}, status=status)


def _run_users(run):
    """The project's users: as the worker stored them for a large project, else read here."""
    from coding.refi.importing import coder_accounts, project_users

    if "users" not in run.options:
        return project_users(bytes(run.content))
    coders = {u.username.casefold(): u for u in coder_accounts()}
    return [{**user, "suggested": coders.get((user["ident"] or user["name"]).casefold())}
            for user in run.options["users"]]


@require_http_methods(["GET", "POST"])
def project_confirm(request, slug, run_id):
    """The second step of a project import: the users as mapped, then the import itself (by the
    worker for a large project, whose users page it leads to when it has read the file)."""
    from coding.refi.importing import import_project

    survey = roles.get_survey_for(request, slug, roles.IMPORT)
    run = get_object_or_404(ImportRun, pk=run_id)
    if run.created_by_id != request.user.pk or run.survey_id or run.status != ImportRun.Status.PREVIEWED or not run.options.get("refi_project"):
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
