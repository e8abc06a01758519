"""Forms of the import screens: upload, parse options, and the editable mapping."""

import json

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from surveys.importing import detect as d
from surveys.importing.mapping import MappingError, clean
from surveys.models import SavedMapping, Survey, short_name

MAX_LISTED_OPTIONS = 200  # an admin's ordered list of a choice question's options

ROLE_CHOICES = [
    (d.KEY, _("Respondent key")),
    (d.MUNICIPALITY, _("Municipality")),
    (d.GROUP, _("Municipality group")),
    (d.ATTRIBUTE, _("Attribute")),
    (d.QUESTION, _("Question")),
    (d.IGNORE, _("Ignore")),
]
KIND_CHOICES = [
    (d.LIKERT, _("Graded scale")),
    (d.SINGLE, _("Single choice")),
    (d.MULTIPLE, _("Multiple choice")),
    (d.OPEN, _("Open text")),
]
ENCODING_CHOICES = [("", _("Detect")), ("utf-8", "UTF-8"), ("utf-8-sig", _("UTF-8 with BOM")),
                    ("cp1252", _("Windows-1252 (Norwegian Excel)")), ("utf-16", "UTF-16")]
DELIMITER_CHOICES = [("", _("Detect")), (",", _("Comma (,)")), (";", _("Semicolon (;)")), ("\t", _("Tab"))]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"))
    target = forms.ChoiceField(
        label=_("Import into"), widget=forms.RadioSelect,
        choices=[("new", _("A new survey")), ("existing", _("An existing survey"))], initial="new",
    )
    title = forms.CharField(label=_("Title of the new survey"), max_length=200, required=False)
    slug = forms.SlugField(label=_("Short name for the address (letters, digits, hyphens)"), max_length=80,
                           required=False, allow_unicode=False)
    survey = forms.ModelChoiceField(label=_("Existing survey"), queryset=Survey.objects.all(), required=False,
                                    to_field_name="slug", empty_label=_("Choose a survey"))
    saved_mapping = forms.ModelChoiceField(label=_("Use a saved mapping"), queryset=SavedMapping.objects.all(),
                                           required=False, empty_label=_("No – detect the columns"))
    mapping_file = forms.FileField(label=_("…or a mapping file (JSON)"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s MB; the limit is %(limit)s MB. Split it or remove columns you do not need.")
                % {"size": round(upload.size / 1024 / 1024, 1), "limit": settings.UPLOAD_MAX_BYTES // 1024 // 1024}
            )
        return upload

    def clean(self):
        data = super().clean()
        if data.get("target") == "existing":
            if not data.get("survey"):
                self.add_error("survey", _("Choose the survey to import into."))
        elif data.get("target") == "new":
            if not data.get("title"):
                self.add_error("title", _("Give the new survey a title."))
            slug = data.get("slug") or short_name(data.get("title") or "")
            if not slug:
                self.add_error("slug", _("Give the new survey a short name."))
            elif Survey.objects.filter(slug=slug).exists():
                self.add_error("slug", _("A survey with this short name exists. Choose it as an existing survey, "
                                         "or pick another name."))
            data["slug"] = slug
        mapping_file = data.get("mapping_file")
        data["mapping"] = None
        if mapping_file:
            try:
                data["mapping"] = clean(json.loads(mapping_file.read(1024 * 1024).decode("utf-8")))
            except (ValueError, UnicodeDecodeError, MappingError) as error:
                self.add_error("mapping_file", _("The mapping file cannot be used: %(error)s") % {"error": error})
        elif data.get("saved_mapping"):
            try:
                data["mapping"] = clean(data["saved_mapping"].mapping)
            except MappingError as error:
                self.add_error("saved_mapping", str(error))
        return data


class OptionsForm(forms.Form):
    encoding = forms.ChoiceField(label=_("Character encoding"), choices=ENCODING_CHOICES, required=False)
    delimiter = forms.ChoiceField(label=_("Column separator"), choices=DELIMITER_CHOICES, required=False)
    sheet = forms.CharField(label=_("Sheet"), required=False, max_length=100)
    not_applicable = forms.CharField(
        label=_("Not-applicable answers (one per line)"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Answers such as “Ikke deltatt” that count as not applicable rather than as a value."),
    )

    def labels(self):
        return [line.strip() for line in self.cleaned_data.get("not_applicable", "").splitlines() if line.strip()]


class SaveMappingForm(forms.Form):
    name = forms.CharField(label=_("Name of the mapping"), max_length=120)


def mapping_from_post(post, mapping):
    """The mapping with the admin's edits from the preview form (fields `role-3`, `kind-3` …)."""
    columns = []
    scales = [(c["scale_min"], c["scale_max"]) for c in mapping["columns"] if c.get("kind") == d.LIKERT
              and "scale_min" in c]
    default_min, default_max = max(set(scales), key=scales.count) if scales else (1, 5)
    for index, column in enumerate(mapping["columns"]):
        column = dict(column)
        role = post.get(f"role-{index}", column["role"])
        if role not in d.ROLES or (column["header"] is None and role != d.QUESTION):
            role = column["role"]
        column["role"] = role
        if role == d.QUESTION:
            column["code"] = (post.get(f"code-{index}", column.get("code") or "") or "").strip()[:20] or \
                d.split_header(column.get("header") or "")[0] or f"k{index + 1}"
            column["text"] = (post.get(f"text-{index}", column.get("text") or "") or "").strip() or \
                column.get("header") or column["code"]
            kind = post.get(f"kind-{index}", column.get("kind") or d.OPEN)
            column["kind"] = kind if kind in d.KINDS else d.OPEN
            column["parent"] = (post.get(f"parent-{index}", column.get("parent") or "") or "").strip()
            if column["kind"] == d.LIKERT:
                for key, default in (("scale_min", default_min), ("scale_max", default_max)):
                    try:
                        column[key] = int(post.get(f"{key}-{index}", column.get(key, default)))
                    except (TypeError, ValueError):
                        column[key] = column.get(key, default)
            if column["kind"] in (d.SINGLE, d.MULTIPLE):
                separator = post.get(f"separator-{index}", column.get("separator") or ";")
                column["separator"] = separator if separator in (",", ";") else ";"
                if f"options-{index}" in post:  # their order, one per line (values not listed follow)
                    lines = (line.strip() for line in post[f"options-{index}"].splitlines())
                    column["options"] = list(dict.fromkeys(line for line in lines if line))[:MAX_LISTED_OPTIONS]
        elif role == d.ATTRIBUTE:
            column["name"] = (post.get(f"name-{index}", column.get("name") or "") or "").strip() or \
                column.get("header", "")
        columns.append(column)
    return {**mapping, "columns": columns}
