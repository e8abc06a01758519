"""python manage.py import_qdpx FILE --survey SLUG — a REFI-QDA project into a NEW survey SLUG."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coding.refi import RefiError
from coding.refi_import.importing import import_project

SKIPPED = {
    "other_sources": "Picture, audio and video sources not imported",
    "other_codings": "Codings on pictures, audio and video not imported",
    "pdf_codings": "Codings on PDF regions not imported (the PDF's text was)",
    "graded_values": "Graded answers of an older veiledning export (without veiledning.json) not read back",
    "codings_unknown_code": "Codings pointing at an unknown code skipped",
    "notes_unattached": "Notes that point at nothing imported, kept in the survey description",
}


class Command(BaseCommand):
    help = "Import a REFI-QDA project (.qdpx) into a new survey with the given slug."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--survey", required=True, help="slug of the new survey (must not exist)")
        parser.add_argument("--title", default="", help="title of the new survey (default: the project's name)")

    def handle(self, file, survey, title, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            new, summary = import_project(data, by=None, title=title, slug=survey, filename=Path(file).name)
        except RefiError as error:
            raise CommandError(error.message) from None
        self.stdout.write(
            f"Imported {Path(file).name} as {new.slug}: {summary['answers']} texts, "
            f"{summary['questions']} questions, {summary['graded_answers']} graded answers, "
            f"{summary['respondents']} respondents, "
            f"{summary['codes']} codes, {summary['codings']} codings, {summary['categories']} categories, "
            f"{summary['memos']} memos, coders: {', '.join(summary['coders']) or '-'}."
        )
        if summary["attributes"]:
            self.stdout.write(f"Respondent attributes: {', '.join(summary['attributes'])}")
        if summary["external_coders"]:
            self.stdout.write(f"New inactive coders: {', '.join(summary['external_coders'])}")
        if summary["missing_texts"]:
            self.stdout.write(f"{len(summary['missing_texts'])} texts missing from Sources/ (imported empty):")
            for name in summary["missing_texts"]:
                self.stdout.write(f"  - {name}")
        for key, count in sorted(summary["skipped"].items()):
            if count:
                self.stdout.write(f"{SKIPPED.get(key, key)}: {count}")
        for warning in summary["warnings"]:
            self.stdout.write(f"Warning: {warning}")
