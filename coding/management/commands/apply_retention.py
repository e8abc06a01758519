import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from coding.privacy.retention import apply_retention


class Command(BaseCommand):
    help = ("Delete or anonymise the surveys whose delete-by date has come, delete original texts "
            "kept after pseudonymisation, and warn about surveys due within 30 days. Run it daily from cron.")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as on this date (YYYY-MM-DD); default: today.")
        parser.add_argument("--dry-run", action="store_true", help="Say what is due, change nothing.")

    def handle(self, **options):
        try:
            today = datetime.date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        done = apply_retention(today, dry_run=options["dry_run"])
        for slug, line in done:
            self.stdout.write(f"{slug}: {line}")
        if not done:
            self.stdout.write("nothing due")
