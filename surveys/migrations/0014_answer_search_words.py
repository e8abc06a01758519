"""The stored Norwegian tsvector reads punctuation as space, so "skole/barnehage", "e-post" and
"+47" hold the words a search on the embedded SQLite database sees too (letters and digits
between anything else): both databases find the same answers. PostgreSQL only; the column is
generated, so it is dropped and added again (with its GIN index)."""

from django.db import migrations

PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def expression(text):
    quoted = PUNCTUATION.replace("'", "''").replace("%", "%%")  # executed with parameters: % is doubled
    spaces = " " * len(PUNCTUATION)
    return f"to_tsvector('norwegian'::regconfig, translate(COALESCE({text}, ''), '{quoted}', '{spaces}'))"


FORWARD = [
    "DROP INDEX IF EXISTS answer_search_nb",
    "ALTER TABLE surveys_answer DROP COLUMN IF EXISTS search_nb",
    f"ALTER TABLE surveys_answer ADD COLUMN search_nb tsvector GENERATED ALWAYS AS ({expression('text')}) STORED",
    "CREATE INDEX answer_search_nb ON surveys_answer USING gin (search_nb)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS answer_search_nb",
    "ALTER TABLE surveys_answer DROP COLUMN IF EXISTS search_nb",
    "ALTER TABLE surveys_answer ADD COLUMN search_nb tsvector "
    "GENERATED ALWAYS AS (to_tsvector('norwegian'::regconfig, COALESCE(text, ''))) STORED",
    "CREATE INDEX answer_search_nb ON surveys_answer USING gin (search_nb)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ("surveys", "0013_development_areas"),
    ]

    operations = [
        migrations.RunPython(forward, backward, elidable=False),
    ]
