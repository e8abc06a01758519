"""python manage.py import_survey FILE --survey SLUG [--title T] [--mapping MAPPING.json] [--dry-run]

A thin command over the importer's layers: parse → detect (or the given mapping) → validate →
save. Prints the summary; on any bad cell prints every one, writes nothing and exits 1.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from surveys.importing.mapping import MappingError
from surveys.importing.parse import ParseError
from surveys.importing.save import ImportRejected, import_bytes


class Command(BaseCommand):
    help = "Import a survey tool's CSV or XLSX export (wide layout) into a survey."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--survey", required=True, help="The survey's slug (created when new).")
        parser.add_argument("--title", default="", help="Title of a new survey (default: the slug).")
        parser.add_argument("--mapping", help="A mapping JSON file saved from an earlier import.")
        parser.add_argument("--dry-run", action="store_true", help="Write nothing; report what would change.")
        parser.add_argument("--sheet", help="The XLSX sheet to read (default: the first).")

    def handle(self, file, survey, title, mapping, dry_run, sheet, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        if path.stat().st_size > settings.UPLOAD_MAX_BYTES:
            raise CommandError(f"The file is larger than the limit of {settings.UPLOAD_MAX_BYTES} bytes.")
        mapping_data = None
        if mapping:
            try:
                mapping_data = json.loads(Path(mapping).read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise CommandError(f"Cannot read the mapping {mapping}: {error}") from None
        try:
            summary = import_bytes(path.read_bytes(), slug=survey, title=title, mapping=mapping_data,
                                   dry_run=dry_run, filename=path.name, sheet=sheet)
        except (ParseError, MappingError) as error:
            raise CommandError(str(error)) from None
        except ImportRejected as rejected:
            for e in rejected.errors:
                self.stderr.write(f"line {e.line}, column {e.column!r}, value {e.value!r}: {e.message}")
            raise CommandError(f"{len(rejected.errors)} error(s); nothing was written.") from None
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
