"""python manage.py link_questions SLUG --category NAME --questions 2,3a,3b [--replace]

Links graded questions (by code) to a category (by name), as the category card and the grid
do; with --replace the category shows exactly these questions afterwards."""

from django.core.management.base import BaseCommand, CommandError

from coding.links.actions import link_questions, set_category_questions
from coding.models import Category
from surveys.models import Survey
from surveys.text import name_key
from veiledning.refusals import Refusal


class Command(BaseCommand):
    help = "Link graded questions to a category, so its dashboard and the report show them."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--category", required=True, help="the category's name")
        parser.add_argument("--questions", required=True, help="comma-separated question codes, e.g. 2,3a,3b")
        parser.add_argument("--replace", action="store_true", help="unlink the category's other questions")

    def handle(self, slug, **options):
        survey = Survey.objects.for_command(slug)
        wanted = name_key(options["category"])
        category = next((c for c in Category.objects.filter(survey=survey) if name_key(c.name) == wanted), None)
        if category is None:
            names = ", ".join(survey.categories.order_by("order", "id").values_list("name", flat=True))
            raise CommandError(f"No category {options['category']!r} in {slug}. Categories: {names or '(none)'}.")
        codes = [c.strip() for c in options["questions"].split(",") if c.strip()]
        if not codes:
            raise CommandError("Give at least one question code with --questions.")
        questions = {q.code: q for q in survey.questions.filter(code__in=codes)}
        missing = [c for c in codes if c not in questions]
        if missing:
            raise CommandError(f"No question {', '.join(missing)} in {slug}.")
        write = set_category_questions if options["replace"] else link_questions
        try:
            added, removed = write(category, list(questions.values()), by=None)
        except Refusal as error:
            raise CommandError(error.message) from None
        linked = [q.code for q in category.questions.order_by("order", "id")]
        self.stdout.write(
            f"{category.name}: {len(added)} linked, {len(removed)} unlinked; now {', '.join(linked) or 'none'}."
        )
