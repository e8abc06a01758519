import json

from django.core.management.base import BaseCommand

from coding.dashboards.summary import survey_summary
from surveys.models import Survey


class Command(BaseCommand):
    help = "Print a survey's respondents, answers, graded counts and categories."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--json", action="store_true", help="Print JSON (the only format).")

    def handle(self, slug, **options):
        survey = Survey.objects.for_command(slug)
        self.stdout.write(json.dumps(survey_summary(survey), ensure_ascii=False, indent=2))
