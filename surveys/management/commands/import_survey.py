"""python manage.py import_survey FILE [FILE …] --survey SLUG [--title T] [--mapping MAPPING.json] [--dry-run]
    [--sheet S] [--header-rows 1|2] [--codebook CODEBOOK] [--respondent-kind resident]

A thin command over the same pipeline as the import screens (surveys/importing/pipeline.py):
read in the tool's layout → detect (or the given mapping) → validate → save. Several files are
read together, as the import screen reads files chosen together (SurveyXact's dataset,
structure and labels CSV files). Prints how the file was read and the summary; on any bad cell
prints every one, writes nothing and exits 1.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from surveys.importing import layouts
from surveys.importing.layouts import bundle
from surveys.importing.mapping import MappingError
from surveys.importing.parse import ParseError
from surveys.importing.pipeline import import_bytes
from surveys.importing.save import ImportRejected
from surveys.models import RespondentKind


class Command(BaseCommand):
    help = "Import a survey tool's CSV or XLSX export (wide layout) into a survey."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="+", help="The export; SurveyXact's three CSV files together.")
        parser.add_argument("--survey", required=True, help="The survey's slug (created when new).")
        parser.add_argument("--title", default="", help="Title of a new survey (default: the slug).")
        parser.add_argument("--mapping", help="A mapping JSON file saved from an earlier import.")
        parser.add_argument("--dry-run", action="store_true", help="Write nothing; report what would change.")
        parser.add_argument("--sheet", help="The XLSX sheet to read (default: the first).")
        parser.add_argument("--header-rows", type=int, choices=[1, 2],
                            help="How many header rows the file has (default: detected).")
        parser.add_argument("--codebook", help="A codebook: Nettskjema's form elements (JSON) or codebook file, "
                                               "or one code=label or id=question text per line.")
        parser.add_argument("--respondent-kind", choices=RespondentKind.values, default="",
                            help="What one respondent of a new survey is (default: municipality).")

    def handle(self, file, survey, title, mapping, dry_run, sheet, header_rows, codebook, respondent_kind,
               **options):
        paths = [Path(name) for name in file]
        for path in paths:
            if not path.is_file():
                raise CommandError(f"No such file: {path}")
        if sum(path.stat().st_size for path in paths) > settings.UPLOAD_MAX_BYTES:
            raise CommandError(f"The file is larger than the limit of {settings.UPLOAD_MAX_BYTES} bytes.")
        mapping_data = None
        if mapping:
            try:
                mapping_data = json.loads(Path(mapping).read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise CommandError(f"Cannot read the mapping {mapping}: {error}") from None
        codebook_text = ""
        if codebook:
            try:
                codebook_text = Path(codebook).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"Cannot read the codebook {codebook}: {error}") from None
        if len(paths) == 1:
            data, filename = paths[0].read_bytes(), paths[0].name
        else:
            data = bundle.pack([(path.name, path.read_bytes()) for path in paths])
            filename = " + ".join(path.name for path in paths)
        reading = {"sheet": sheet, "header_rows": header_rows, "codebook": codebook_text}
        try:
            summary = import_bytes(data, slug=survey, title=title, mapping=mapping_data, dry_run=dry_run,
                                   filename=filename[:255], respondent_kind=respondent_kind, **reading)
        except (ParseError, MappingError) as error:
            raise CommandError(str(error)) from None
        except ImportRejected as rejected:
            for e in rejected.errors:
                self.stderr.write(f"line {e.line}, column {e.column!r}, value {e.value!r}: {e.message}")
            raise CommandError(f"{len(rejected.errors)} error(s); nothing was written.") from None
        with translation.override("en"):  # the command speaks English, as its other lines do
            self.stdout.write("Read as: " + layouts.describe(summary["layout"]))
        prefix = "Dry run (nothing written): " if dry_run else ""
        self.stdout.write(
            f"{prefix}{summary['rows']} rows: {summary['created']} created, {summary['updated']} updated, "
            f"{summary['unchanged']} unchanged, {summary['removed']} removed, "
            f"{summary['flagged_for_review']} answers flagged for review."
        )
        if summary["municipalities_created"]:
            self.stdout.write("New municipalities: " + ", ".join(summary["municipalities_created"]))
        if summary["groups_created"]:
            self.stdout.write("New municipality groups: " + ", ".join(summary["groups_created"]))
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
