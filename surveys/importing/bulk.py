"""New respondents and answers written straight to the driver, inside the import's transaction:
COPY on PostgreSQL, executemany on SQLite. The ORM's bulk_create spent most of an import
preparing values: 38,000 respondents and answers took over 20 s on SQLite."""

import json

from django.db import connection

from surveys.models import Answer, Respondent

BATCH = 2000
# After this many new answers PostgreSQL's statistics are read again (see refresh_statistics).
ANALYZE_ABOVE = 1000

RESPONDENT_COLUMNS = "survey_id, external_key, municipality_id, group_id, attributes"
ANSWER_COLUMNS = ("respondent_id, question_id, text, number, choices, not_applicable, needs_review, previous_text, "
                  "updated_at")


def insert_respondents(survey_id, rows):
    """Insert new respondents [(key, municipality id, group id, attributes)]."""
    if not rows:
        return
    table = Respondent._meta.db_table
    as_json = _attributes_as_json()
    if connection.vendor == "postgresql":
        _copy(f"COPY {table} ({RESPONDENT_COLUMNS}) FROM STDIN", rows, lambda key, m, g, attributes: (
            f"{survey_id}\t{_copy_text(key)}\t{_copy_null(m)}\t{_copy_null(g)}\t"
            f"{_copy_text(as_json(attributes))}\n"))
        return
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({RESPONDENT_COLUMNS}) VALUES (%s, %s, %s, %s, %s)",
                           [(survey_id, key, m, g, as_json(attributes)) for key, m, g, attributes in rows])


def _attributes_as_json():
    """json.dumps for respondents' attributes, kept for each different set: a survey's
    respondents share a few roles and places, and encoding each anew was a tenth of an import."""
    seen = {}

    def encode(attributes):
        try:
            key = tuple(attributes.items())
            return seen[key]
        except TypeError:  # a value that is a list, say
            return json.dumps(attributes, ensure_ascii=False)
        except KeyError:
            seen[key] = json.dumps(attributes, ensure_ascii=False)
            return seen[key]

    return encode


def insert_answers(rows, now):
    """Insert new answers [(respondent id, question id, Value)]."""
    if not rows:
        return
    table = Answer._meta.db_table
    if connection.vendor == "postgresql":
        stamp = now.isoformat()
        _copy(f"COPY {table} ({ANSWER_COLUMNS}) FROM STDIN", rows, lambda r, q, v: (
            f"{r}\t{q}\t{_copy_text(v.text)}\t{_copy_null(v.number)}\t"
            f"{_copy_text(json.dumps(v.choices, ensure_ascii=False)) if v.choices else '[]'}\t"
            f"{'t' if v.not_applicable else 'f'}\tf\t\t{stamp}\n"))
        return
    stamp = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({ANSWER_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [(r, q, v.text, v.number, json.dumps(v.choices) if v.choices else "[]", v.not_applicable, False, "",
              stamp) for r, q, v in rows])


def _copy(statement, rows, line):
    """COPY `rows` through `line(*row)` (a line of COPY's text format), BATCH rows a write."""
    with connection.cursor() as cursor:
        with cursor.cursor.copy(statement) as copy:
            for start in range(0, len(rows), BATCH):
                copy.write("".join(line(*row) for row in rows[start:start + BATCH]))


def _copy_null(value):
    return "\\N" if value is None else value


def _copy_text(value):
    """A value in COPY's text format (backslash, tab and line breaks escaped). Most values
    need nothing: testing for the four characters is much quicker than a translate table."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return value


def refresh_statistics(new_answers):
    """PostgreSQL plans from statistics that autovacuum refreshes a minute or more after a
    write. Until then a survey just imported has question ids the statistics have never seen:
    the planner expects one answer where there are 38,000 and sorts them all for the answer
    list's first page (120 ms instead of 0.3). A large import therefore analyses the two
    tables it filled, inside its transaction: they count from the commit (a few hundred ms
    at 100,000 answers)."""
    if connection.vendor != "postgresql" or new_answers < ANALYZE_ABOVE:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Respondent._meta.db_table}, {Answer._meta.db_table}")
