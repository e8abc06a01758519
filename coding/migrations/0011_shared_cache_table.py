"""The table of the "shared" cache (settings.CACHES, a DatabaseCache), so every web process
finds what an import prepared for it; created here so that `migrate` is all a deployment runs."""

from django.core.management import call_command
from django.db import migrations

TABLE = "veiledning_cache"


def create(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):

    dependencies = [
        ("coding", "0010_audit_action_choices_merged"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
