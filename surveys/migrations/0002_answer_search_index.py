"""A GIN index for the workspace's Norwegian full-text search over answers (PostgreSQL only).

The expression matches what `SearchVector("text", config="norwegian")` compiles to, so the
planner uses the index. SQLite has no full-text config here; the search is a plain contains."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS answer_text_search_nb ON surveys_answer "
    "USING gin (to_tsvector('norwegian'::regconfig, COALESCE(text, '')))"
)
DROP = "DROP INDEX IF EXISTS answer_text_search_nb"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):

    dependencies = [
        ("surveys", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
