"""The one import pipeline the web screens and `import_survey` share:

    read_table(data, options)        parse, then the survey tool's layout (layouts/)
    detect_mapping(table, options)   what each column is (detect.py), with the layout's hints
    preview(data, options, mapping)  validate once and plan, reading only (no lock, no writes)
    import_bytes(data, …)            all of it, then save (save.import_table)

`options` is the dict an ImportRun keeps: encoding, delimiter, sheet, header_rows ("" = detect),
not_applicable (labels), codebook (text).
"""

import hashlib
from dataclasses import dataclass, field

from surveys.importing import detect as d
from surveys.importing import layouts
from surveys.importing.layouts import bundle
from surveys.importing.mapping import MappingError, clean, validate
from surveys.importing.parse import ParseError, parse
from surveys.importing.save import import_table, known_municipalities, plan
from surveys.models import Survey

READ_OPTIONS = ("encoding", "delimiter", "sheet", "header_rows", "codebook")


def read_table(data, options=None):
    """bytes → Table, read in the layout of the tool that wrote it (table.layout says which)."""
    options = options or {}
    if bundle.is_bundle(data):  # several files uploaded together
        return bundle.read(data, options)
    table = parse(data, encoding=options.get("encoding") or None, delimiter=options.get("delimiter") or None,
                  sheet=options.get("sheet") or None)
    header_rows = options.get("header_rows") or None
    return layouts.apply(table, header_rows=int(header_rows) if header_rows else None,
                         codebook=options.get("codebook") or "", data=data)


def detect_mapping(table, options=None):
    options = options or {}
    return d.detect(table, not_applicable=options.get("not_applicable") or d.NOT_APPLICABLE_LABELS,
                    known_municipalities=known_municipalities())


@dataclass
class Preview:
    """What the preview screen shows; nothing here was written."""

    table: object = None
    mapping: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    plan: dict | None = None  # the summary the import would give, when there are no errors
    parse_error: str = ""
    mapping_error: str = ""

    @property
    def ready(self):
        return self.plan is not None and not self.errors and not self.mapping_error


def preview(data, options, mapping, table=None):
    """Parse (unless the caller has just read `table` from `data`), check the mapping, validate
    every row once and plan the import against the survey `options["slug"]` as it is now. Pure
    reads: no transaction, no advisory lock."""
    result = Preview(mapping=mapping, table=table)
    if table is None:
        try:
            result.table = read_table(data, options)
        except ParseError as error:
            result.parse_error = str(error)
            return result
    try:
        result.mapping = clean(mapping)
    except MappingError as error:
        result.mapping_error = str(error)
        result.errors = list(result.table.errors)
        return result
    records, result.errors = validate(result.table, result.mapping)
    if not result.errors:
        survey = Survey.objects.filter(slug=options.get("slug")).first()
        result.plan = plan(survey, result.mapping, records).summary()
    return result


def import_bytes(data, *, slug, title="", mapping=None, by=None, dry_run=False, filename="", respondent_kind="",
                 **options):
    """Read, detect (unless a mapping is given) and import: what the command line runs."""
    table = read_table(data, options)
    if mapping is None:
        mapping = detect_mapping(table, options)
    summary = import_table(table, mapping, slug=slug, title=title, by=by, dry_run=dry_run, filename=filename,
                           sha256=hashlib.sha256(data).hexdigest(), size=len(data), respondent_kind=respondent_kind)
    return {**summary, "layout": table.layout}
