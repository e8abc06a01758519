"""The exchange page's two upload fields: a codebook for this survey, a project for a new one.

They only take the file's bytes, refused above `settings.UPLOAD_MAX_BYTES` (uploads stay in
memory: MemoryFileUploadHandler, no temporary files); reading what is in them is the work of
`coding.refi_import`, whose views validate these same forms."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


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
