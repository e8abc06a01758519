"""python manage.py new_round FROM_SLUG --survey NEW_SLUG --title TITLE [--period P]

Starts the next round from an earlier survey, as "Ny undersøkelse basert på …" does; then
`import_survey FILE --survey NEW_SLUG` fills it and links its graded questions to the same
categories as in the earlier round (matched by question code, else by text)."""

from django.core.management.base import BaseCommand, CommandError

from coding.rounds.actions import new_round
from surveys.models import Survey
from surveys.text import short_name
from veiledning.refusals import Refusal


class Command(BaseCommand):
    help = "Start a new survey from an earlier one's codebook, categories, themes and question links."

    def add_arguments(self, parser):
        parser.add_argument("source")
        parser.add_argument("--survey", required=True, help="the new survey's short name (slug)")
        parser.add_argument("--title", required=True)
        parser.add_argument("--period", default="")

    def handle(self, source, **options):
        earlier = Survey.objects.for_command(source)
        slug = short_name(options["survey"])
        if not slug:
            raise CommandError("Give the new survey a short name of letters or digits.")
        try:
            survey = new_round(earlier, by=None, slug=slug, title=options["title"], period=options["period"])
        except Refusal as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"Created {survey.slug} from {earlier.slug}: {survey.codes.count()} codes, "
            f"{survey.categories.count()} categories, {survey.themes.count()} themes, "
            f"{sum(c.carried_links.count() for c in survey.categories.all())} question links waiting for the import."
        )
