"""Writes of the coding workspace: code an answer, remove a coding, write a memo.

Every function runs in one transaction, takes the acting user as `by=`, and records an audit
row. Failures a person can cause (a code merged away meanwhile, a stale form, a name taken) are
`CodingError`s with a message for the page and an HTTP status for the view.
"""

import functools
import json
import time

from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coding import audit
from coding.codebook.actions import create_code
from coding.errors import (
    CodeExists,
    InvalidInput,
    NotFound,
    StaleEdit,
    answer_gone,
    code_gone,
    not_codable,
)
from coding.models import AuditEvent, Code, Coding, Memo

Action = audit.Action
LOCKED_ATTEMPTS = 4


def retry_when_locked(write):
    """On the embedded SQLite database, try a write again when another coder's write still held
    the lock after the busy timeout (settings.sqlite_database): the failed attempt was rolled
    back whole, so trying again cannot store anything twice. Inside an outer transaction, or on
    PostgreSQL (which waits on row locks instead), the error goes up unchanged."""

    @functools.wraps(write)
    def retrying(*args, **kwargs):
        for attempt in range(1, LOCKED_ATTEMPTS + 1):
            try:
                return write(*args, **kwargs)
            except OperationalError as error:
                if (connection.vendor != "sqlite" or "locked" not in str(error)
                        or connection.in_atomic_block or attempt == LOCKED_ATTEMPTS):
                    raise
                time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")

    return retrying


@retry_when_locked
def apply_code(answer, code, *, by, start=None, end=None):
    """Code `answer` with `code` (a Code, or the id of one in the answer's survey) in `by`'s
    layer, the whole answer or the span [start, end) in code points. Idempotent: applying
    twice (double click, retry, two tabs) keeps one row. Returns (coding, created)."""
    survey_id = answer.question.survey_id
    code_id = getattr(code, "pk", code)
    if isinstance(code, Code) and code.survey_id != survey_id:
        raise NotFound(_("No such code in this survey."))
    if (start is None) != (end is None):
        raise InvalidInput(_("A span needs both a start and an end."))
    if start is not None:
        length = len(answer.text)
        if not (0 <= start < end <= length):
            raise InvalidInput(_("The selected span is outside the answer's text."))
        if start == 0 and end == length:
            start = end = None  # the whole text selected is the whole answer
    if connection.vendor == "postgresql":
        code, coding_id = _insert_and_record(survey_id, answer.pk, code_id, by.pk, start, end)
    else:
        code, coding_id = _insert_and_record_portably(survey_id, answer, code_id, by, start, end)
    created = coding_id is not None
    if not created:  # it was there already: hand back the existing row (None if removed meanwhile)
        coding_id = Coding.objects.filter(answer=answer, code_id=code_id, coder=by, start=start,
                                          end=end).values_list("pk", flat=True).first()
    return Coding(pk=coding_id, answer=answer, code=code, coder=by, start=start, end=end), created


# The hot path of the workspace in one round trip and one implicit transaction: lock the code
# against a concurrent merge or delete (FOR KEY SHARE: a merge waits for us, or we see its
# result and insert nothing), insert the coding unless the partial unique constraints say it
# exists or the code only groups others (not codable: nothing is inserted, and it is refused),
# and write the same audit row `audit.record()` writes, only when a row was added.
_APPLY_SQL = """
WITH code AS (
    SELECT id, name, colour, codable FROM coding_code WHERE id = %(code)s AND survey_id = %(survey)s FOR KEY SHARE
), added AS (
    INSERT INTO coding_coding (answer_id, code_id, coder_id, start, "end", created_at)
    SELECT %(answer)s, code.id, %(coder)s, %(start)s, %(end)s, now() FROM code WHERE code.codable
    ON CONFLICT DO NOTHING
    RETURNING id
), recorded AS (
    INSERT INTO coding_auditevent (survey_id, actor_id, action, answer_id, code_id, category_id,
                                   rationale, data, created_at)
    SELECT %(survey)s, %(coder)s, %(action)s, %(answer)s, code.id, NULL, '',
           jsonb_build_object('start', %(start)s::integer, 'end', %(end)s::integer, 'code_name', code.name),
           now()
    FROM code, added
)
SELECT code.id, code.name, code.colour, added.id, code.codable FROM code LEFT JOIN added ON true
"""


def _insert_and_record(survey_id, answer_id, code_id, coder_id, start, end):
    """PostgreSQL: (the code as it is now, the new coding's id or None if it existed);
    CodeGone if the code does not exist (in this survey)."""
    params = {"survey": survey_id, "answer": answer_id, "code": code_id, "coder": coder_id,
              "start": start, "end": end, "action": Action.CODING_ADDED.value}
    try:
        # In autocommit one statement is one transaction: no BEGIN and COMMIT round trips.
        with connection.cursor() as cursor:
            cursor.execute(_APPLY_SQL, params)
            row = cursor.fetchone()
    except IntegrityError as error:  # the answer vanished meanwhile (deferred foreign keys)
        raise answer_gone() from error
    if row is None:
        raise code_gone()
    if not row[4]:
        raise not_codable(row[1])
    return Code(pk=row[0], survey_id=survey_id, name=row[1], colour=row[2]), row[3]


def _insert_and_record_portably(survey_id, answer, code_id, by, start, end):
    """Other databases (the embedded SQLite one): the same three steps in one transaction,
    which on SQLite holds the write lock from its first statement (BEGIN IMMEDIATE), so a merge
    or delete of the code cannot come between them: the code as it is now, the coding unless
    the partial unique constraints say it exists, and its audit row (as `audit.record()`
    writes it), only when a row was added; nothing for a code that only groups others (refused).
    Raw statements: the ORM's get-or-create with its savepoints cost more than the writes."""
    coding_table, audit_table = Coding._meta.db_table, AuditEvent._meta.db_table
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT name, colour, codable FROM {Code._meta.db_table} WHERE id = %s AND survey_id = %s",
                [code_id, survey_id])
            found = cursor.fetchone()
            if found is None:
                raise code_gone()
            if not found[2]:
                raise not_codable(found[0])
            cursor.execute(
                f'INSERT INTO {coding_table} (answer_id, code_id, coder_id, start, "end", created_at) '
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING id",
                [answer.pk, code_id, by.pk, start, end, now])
            added = cursor.fetchone()
            if added is not None:
                cursor.execute(
                    f"INSERT INTO {audit_table} (survey_id, actor_id, action, answer_id, code_id, category_id, "
                    "rationale, data, created_at) VALUES (%s, %s, %s, %s, %s, NULL, '', %s, %s)",
                    [survey_id, by.pk, Action.CODING_ADDED.value, answer.pk, code_id,
                     json.dumps({"start": start, "end": end, "code_name": found[0]}), now])
    except IntegrityError as error:  # the answer vanished meanwhile (deferred foreign keys)
        raise answer_gone() from error
    code = Code(pk=code_id, survey_id=survey_id, name=found[0], colour=found[1])
    return code, added[0] if added is not None else None


@retry_when_locked
def code_for_name(survey, name, *, by):
    """The code a coder means by a typed name: the code with that name (any case), else the one
    code whose name starts with it, else a new code of that name. A near-duplicate ("tid" beside
    "Tid", "Kolleg" beside "Kollegialt samarbeid") is never created by typing."""
    name = " ".join((name or "").split())
    wanted = name.casefold()  # in Python: SQLite's LIKE folds only ASCII, not Æ, Ø, Å
    names = list(Code.objects.filter(survey=survey).values_list("pk", "name"))
    same = [pk for pk, existing in names if existing.casefold() == wanted]
    starting = [pk for pk, existing in names if existing.casefold().startswith(wanted)]
    if wanted and (same or len(starting) == 1):
        return Code.objects.get(pk=(same or starting)[0])
    try:
        return create_code(survey, name, by=by)
    except CodeExists as exists:  # created by someone else a moment ago
        return exists.existing


@retry_when_locked
def remove_coding(coding_id, *, by):
    """Remove one of `by`'s own codings. Another coder's coding is "not found" (no IDOR)."""
    with transaction.atomic():
        coding = (
            Coding.objects.select_for_update(of=("self",))
            .select_related("answer__question__survey", "code")
            .filter(pk=coding_id, coder=by)
            .first()
        )
        if coding is None:
            raise NotFound(_("This coding does not exist, or it is not yours."))
        answer, code = coding.answer, coding.code
        audit.record(answer.question.survey, Action.CODING_REMOVED, by=by, answer=answer, code=code,
                     start=coding.start, end=coding.end, coding_id=coding.pk)
        coding.delete()
    return answer


def _create_memo(answer, text, *, by):
    """(memo, created). Two tabs may both find no memo and insert at once: the unique constraint
    lets one win, and the other gets the winner's memo, locked, to judge by its version."""
    try:
        with transaction.atomic():  # a savepoint, so the outer transaction survives the clash
            return Memo.objects.create(answer=answer, author=by, text=text), True
    except IntegrityError:
        return Memo.objects.select_for_update().get(answer=answer, author=by), False


@retry_when_locked
def write_memo(answer, text, *, by, version=None):
    """Write (or replace) `by`'s memo on `answer`; empty text removes it. `version` guards
    against overwriting a newer save from another tab (0: the tab saw no memo). Returns the
    memo or None."""
    text = (text or "").strip()
    with transaction.atomic():
        memo = Memo.objects.select_for_update().filter(answer=answer, author=by).first()
        if memo is None and text:
            memo, created = _create_memo(answer, text, by=by)
            if created:
                audit.record(answer.question.survey, Action.MEMO_WRITTEN, by=by, answer=answer, length=len(text))
                return memo
        if memo is not None and version is not None and memo.version != version:
            raise StaleEdit(_("Your memo was changed in another window after you opened it. "
                              "Reload and make your change again."))
        if memo is None and not text:
            return None
        if not text:
            memo.delete()
            memo = None
        elif memo.text != text:
            memo.text = text
            memo.version += 1
            memo.save(update_fields=["text", "version", "updated_at"])
        else:
            return memo
        audit.record(answer.question.survey, Action.MEMO_WRITTEN, by=by, answer=answer,
                     length=len(text))
    return memo
