from django.conf import settings
from django.core.management.base import BaseCommand

from coding.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the portfolio-2 demo survey and demo users (idempotent)."

    def handle(self, *args, **options):
        result = load_demo()
        created = ", ".join(f"{k} {v}" for k, v in result["created"].items())
        self.stdout.write(f"Demo survey '{result['survey'].slug}' ready (created: {created}).")
        if result["with_passwords"]:
            self.stdout.write("Demo logins (local use only, DEBUG is on):")
            for user, password in result["users"]:
                role = user.groups.first().name
                self.stdout.write(f"  {user.username:8} / {password:18} ({role})")
        elif not settings.DEBUG:
            self.stdout.write("DEBUG is off: demo users were created without passwords.")
