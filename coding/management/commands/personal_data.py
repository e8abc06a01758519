import json

from django.core.management.base import BaseCommand

from coding.privacy import queries
from surveys.models import Survey


class Command(BaseCommand):
    help = "List the personal data found in a survey's free-text answers (names, e-mail, phone, national id)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--json", action="store_true", help="Print JSON (the only format).")
        parser.add_argument("--org-numbers", action="store_true", help="Also find organisation numbers.")

    def handle(self, slug, **options):
        survey = Survey.objects.for_command(slug)
        findings = [
            {"answer": answer.id, "kind": hit.kind, "start": hit.start, "end": hit.end, "value": hit.value}
            for answer, hit in queries.scan(survey, org_numbers=options["org_numbers"])
        ]
        self.stdout.write(json.dumps({"findings": findings}, ensure_ascii=False, indent=2))
