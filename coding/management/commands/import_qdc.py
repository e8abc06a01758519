"""python manage.py import_qdc FILE --survey SLUG — a REFI-QDA codebook into an existing survey."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coding.refi import RefiError
from coding.refi_import.importing import import_codebook
from surveys.models import Survey


class Command(BaseCommand):
    help = "Import a REFI-QDA codebook (.qdc) into a survey: new codes are added, matching names kept."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--survey", required=True, help="slug of the survey")

    def handle(self, file, survey, **options):
        target = Survey.objects.for_command(survey)
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            summary = import_codebook(target, data, by=None, filename=Path(file).name)
        except RefiError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"Imported into {target.slug}: {summary['codes_new']} new codes, {summary['codes_matched']} matched, "
            f"{summary['categories_new']} new categories, {summary['placements']} codes placed in categories."
        )
