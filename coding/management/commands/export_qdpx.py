"""python manage.py export_qdpx SLUG OUT.qdpx — the survey as a REFI-QDA project (all layers)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coding.refi.export import build_qdpx
from surveys.models import Answer, Survey


class Command(BaseCommand):
    help = "Export a survey as a REFI-QDA project (.qdpx)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("out")

    def handle(self, slug, out, **options):
        survey = Survey.objects.for_command(slug)
        data = build_qdpx(survey)
        try:
            Path(out).write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error}") from None
        answers = Answer.objects.textual().filter(question__survey=survey).count()
        self.stdout.write(
            f"Wrote {out} ({len(data)} bytes): {survey.codes.count()} codes, "
            f"{survey.respondents.count()} respondents, {answers} text answers."
        )
