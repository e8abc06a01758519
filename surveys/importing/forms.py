"""Forms of the import screens: upload, parse options, and the editable mapping."""

import json

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from surveys.importing import detect as d
from surveys.importing.layouts import bundle
from surveys.importing.mapping import MappingError, clean
from surveys.models import RespondentKind, SavedMapping, Survey
from surveys.text import short_name

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
HEADER_ROW_CHOICES = [
    ("", _("Detect")), ("1", _("One header row")), ("2", _("Two header rows (question, then option or item)")),
]
SEPARATOR_CHOICES = [(";", ";"), (",", ","), ("|", "|")]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One file, or several chosen together (SurveyXact's three CSV files): a list of files."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"aria-describedby": "id_file_help"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            files = [super(MultipleFileField, self).clean(d, initial) for d in data if d]
            if not files and self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return files
        return [f for f in [super().clean(data, initial)] if f]


class UploadForm(forms.Form):
    """`too_large`: the request was larger than the upload limit, so the file never arrived;
    the form is still bound to the other fields and says so on the file field."""

    file = MultipleFileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("SurveyXact's three CSV files (dataset, structure and labels): choose them together."))
    target = forms.ChoiceField(
        label=_("Import into"), widget=forms.RadioSelect,
        choices=[("new", _("A new survey")), ("existing", _("An existing survey"))], initial="new",
    )
    title = forms.CharField(label=_("Title of the new survey"), max_length=200, required=False)
    slug = forms.CharField(label=_("Short name for the address (letters, digits, hyphens)"), max_length=80,
                           required=False,
                           help_text=_("Letters, digits and hyphens; æ, ø and å become ae, o and a."))
    respondent_kind = forms.ChoiceField(label=_("One respondent is"), choices=RespondentKind.choices,
                                        initial=RespondentKind.MUNICIPALITY, required=False)
    survey = forms.ModelChoiceField(label=_("Existing survey"), queryset=Survey.objects.all(), required=False,
                                    to_field_name="slug", empty_label=_("Choose a survey"))
    saved_mapping = forms.ModelChoiceField(label=_("Use a saved mapping"), queryset=SavedMapping.objects.all(),
                                           required=False, empty_label=_("No – detect the columns"))
    mapping_file = forms.FileField(label=_("…or a mapping file (JSON)"), required=False)

    def __init__(self, *args, too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        if too_large:
            self.fields["file"].required = False

    def clean_file(self):
        uploads = self.cleaned_data["file"]
        if self.too_large:
            raise forms.ValidationError(
                _("The file is larger than the limit of %(limit)s MB. Split it or remove columns you do not need.")
                % {"limit": settings.UPLOAD_MAX_BYTES // 1024 // 1024})
        size = sum(upload.size for upload in uploads)
        if size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s MB; the limit is %(limit)s MB. Split it or remove columns you do not need.")
                % {"size": round(size / 1024 / 1024, 1), "limit": settings.UPLOAD_MAX_BYTES // 1024 // 1024}
            )
        if len(uploads) > bundle.MAX_FILES:
            raise forms.ValidationError(
                _("At most %(limit)s files can be read together.") % {"limit": bundle.MAX_FILES})
        return uploads

    def content(self):
        """(bytes, file name) of the upload: one file as it is, several packed together."""
        uploads = self.cleaned_data["file"]
        if len(uploads) == 1:
            return uploads[0].read(), uploads[0].name
        files = [(upload.name, upload.read()) for upload in uploads]
        return bundle.pack(files), " + ".join(name for name, _content in files)

    def clean_slug(self):
        """What was typed as the short name, made one ("Kulturskole runde 1" becomes
        "kulturskole-runde-1", æ, ø and å ae, o and a), as the survey settings do."""
        typed = self.cleaned_data["slug"].strip()
        slug = short_name(typed)
        if typed and not slug:
            raise forms.ValidationError(_("Give the survey a short name of letters or digits."), code="invalid")
        return slug

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
    header_rows = forms.ChoiceField(label=_("Header rows"), choices=HEADER_ROW_CHOICES, required=False)
    codebook = forms.CharField(
        label=_("Codebook (optional, one code=label or id=question text per line)"), required=False,
        max_length=2_000_000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For files whose answers are codes, such as Nettskjema's: paste the form's elements (JSON) or "
                    "codebook file, or lines such as 7=Ikke deltatt, forventning=I hvilken grad …"),
    )
    not_applicable = forms.CharField(
        label=_("Not-applicable answers (one per line)"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Answers such as “Ikke deltatt” that count as not applicable rather than as a value."),
    )

    def labels(self):
        return [line.strip() for line in self.cleaned_data.get("not_applicable", "").splitlines() if line.strip()]


class SaveMappingForm(forms.Form):
    name = forms.CharField(label=_("Name of the mapping"), max_length=120)


class ColumnForm(forms.Form):
    """One column of the mapping. Every field is optional: a field the screen did not show for
    this column (a question's code when the column is an attribute) keeps the mapping's value."""

    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, required=False)
    name = forms.CharField(label=_("Attribute name"), max_length=60, required=False,
                           widget=forms.TextInput(attrs={"size": 12}))
    code = forms.CharField(label=_("Code"), max_length=20, required=False, widget=forms.TextInput(attrs={"size": 5}))
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_CHOICES, required=False)
    parent = forms.ChoiceField(label=_("Belongs to"), required=False)
    scale_min = forms.IntegerField(label=_("Scale from"), min_value=-10, max_value=10, required=False)
    scale_max = forms.IntegerField(label=_("to"), min_value=0, max_value=100, required=False)
    not_applicable = forms.CharField(
        label=_("Not applicable in this question, one per line (a label, or code=label)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}))
    separator = forms.ChoiceField(label=_("Options separated by"), choices=SEPARATOR_CHOICES, required=False)
    options = forms.CharField(label=_("Options in the order charts and tables show them, one per line"),
                              required=False, widget=forms.Textarea)
    text = forms.CharField(label=_("Question text"), required=False)

    def __init__(self, *args, question_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        own = (self.initial or {}).get("code")
        self.fields["parent"].choices = [("", _("(none)"))] + [(c, c) for c in question_codes if c != own]
        if (self.initial or {}).get("header") is None and self.initial:
            self.fields["role"].disabled = True  # a matrix heading without a column stays a question

    def posted(self, name):
        return self.add_prefix(name) in self.data


ColumnFormSet = forms.formset_factory(ColumnForm, extra=0, max_num=5000, validate_max=True)
FORMSET_PREFIX = "col"


def column_initial(column):
    """The initial values of a ColumnForm for one mapping column."""
    initial = {k: column.get(k) for k in ("header", "role", "name", "code", "kind", "parent", "scale_min", "scale_max",
                                          "separator", "text")}
    initial["options"] = "".join(f"{o}\n" for o in column.get("options") or [])
    initial["not_applicable"] = "".join(
        [f"{label}\n" for label in column.get("not_applicable_labels") or []]
        + [f"{code}={label}\n" for code, label in (column.get("not_applicable_codes") or {}).items()])
    return initial


def column_formset(mapping, data=None):
    codes = [c["code"] for c in mapping["columns"] if c.get("role") == d.QUESTION]
    return ColumnFormSet(data, initial=[column_initial(c) for c in mapping["columns"]], prefix=FORMSET_PREFIX,
                         form_kwargs={"question_codes": codes})


def mapping_from_formset(formset, mapping):
    """The mapping with the admin's edits; the formset must be valid and have one form per column."""
    columns = []
    scales = [(c["scale_min"], c["scale_max"]) for c in mapping["columns"] if c.get("kind") == d.LIKERT
              and "scale_min" in c]
    default_min, default_max = max(set(scales), key=scales.count) if scales else (1, 5)
    for index, (form, column) in enumerate(zip(formset.forms, mapping["columns"], strict=True)):
        column, data = dict(column), form.cleaned_data

        def given(name, form=form, data=data):
            return form.posted(name) and data.get(name) not in (None, "")

        role = data["role"] if given("role") else column["role"]
        if column["header"] is None:
            role = d.QUESTION
        column["role"] = role
        if role == d.QUESTION:
            column["code"] = (data["code"].strip() if given("code") else column.get("code") or "")[:20] or \
                d.split_header(column.get("header") or "")[0] or f"k{index + 1}"
            column["text"] = (data["text"].strip() if given("text") else "") or column.get("text") or \
                column.get("header") or column["code"]
            column["kind"] = data["kind"] if given("kind") else column.get("kind") or d.OPEN
            if form.posted("parent"):
                column["parent"] = data["parent"] or ""
            column.setdefault("parent", "")
            if column["kind"] == d.LIKERT:
                for key, default in (("scale_min", default_min), ("scale_max", default_max)):
                    column[key] = data[key] if given(key) else column.get(key, default)
                column.setdefault("scale_labels", {})
                if form.posted("not_applicable"):
                    labels, codes = [], {}
                    for line in data["not_applicable"].splitlines():
                        code, sep, label = line.partition("=")
                        if sep and code.strip():
                            codes[code.strip()] = label.strip() or code.strip()
                        elif line.strip():
                            labels.append(line.strip())
                    column["not_applicable_labels"], column["not_applicable_codes"] = labels, codes
            if column["kind"] in (d.SINGLE, d.MULTIPLE):
                column["separator"] = data["separator"] if given("separator") else column.get("separator") or ";"
                if form.posted("options"):  # their order, one per line (values not listed follow)
                    lines = (line.strip() for line in data["options"].splitlines())
                    column["options"] = list(dict.fromkeys(line for line in lines if line))[:MAX_LISTED_OPTIONS]
        elif role == d.ATTRIBUTE:
            column["name"] = (data["name"].strip() if given("name") else "") or column.get("name") or \
                column.get("header", "")
        columns.append(column)
    return {**mapping, "columns": columns}
