"""python manage.py export_qdc SLUG OUT.qdc — the survey's codebook as a REFI-QDA codebook."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coding.refi import RefiError
from coding.refi.export import build_codebook
from surveys.models import Survey


class Command(BaseCommand):
    help = "Export a survey's codebook as a REFI-QDA codebook (.qdc)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("out")

    def handle(self, slug, out, **options):
        survey = Survey.objects.for_command(slug)
        try:
            data = build_codebook(survey)
            Path(out).write_bytes(data)
        except RefiError as error:
            raise CommandError(error.message) from None
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error}") from None
        self.stdout.write(
            f"Wrote {out} ({len(data)} bytes): {survey.codes.count()} codes, {survey.categories.count()} categories."
        )
