"""Writes of the coding workspace and the codebook: code an answer, remove a coding, create,
change, merge and delete codes, write a memo.

Every function runs in one transaction, takes the acting user as `by=`, and records an audit
row. Failures a person can cause (a code merged away meanwhile, a stale form, a name taken) are
`CodingError`s with a message for the page and an HTTP status for the view.
"""

from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef
from django.utils.translation import gettext as _

from coding import audit
from coding.models import AuditEvent, CategoryCode, Code, Coding, ConsensusDecision, Memo

Action = audit.Action


class CodingError(Exception):
    """A refusal with a message for the person and the HTTP status the view answers with."""

    status = 409

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class CodeGone(CodingError):
    status = 410


class NotFound(CodingError):
    status = 404


class InvalidInput(CodingError):
    status = 400


class StaleEdit(CodingError):
    status = 409


class CodeInUse(CodingError):
    status = 409


class CodeExists(CodingError):
    status = 409

    def __init__(self, message, existing):
        super().__init__(message)
        self.existing = existing


def _code_gone():
    return CodeGone(_("This code no longer exists: it was merged into another code or deleted. "
                      "Reload to see the current codebook."))


def _answer_gone():
    return NotFound(_("This answer no longer exists: the survey was imported again or deleted. "
                      "Reload the page."))


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
# exists, and write the same audit row `audit.record()` writes, only when a row was added.
_APPLY_SQL = """
WITH code AS (
    SELECT id, name, colour FROM coding_code WHERE id = %(code)s AND survey_id = %(survey)s FOR KEY SHARE
), added AS (
    INSERT INTO coding_coding (answer_id, code_id, coder_id, start, "end", created_at)
    SELECT %(answer)s, code.id, %(coder)s, %(start)s, %(end)s, now() FROM code
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
SELECT code.id, code.name, code.colour, added.id FROM code LEFT JOIN added ON true
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
        raise _answer_gone() from error
    if row is None:
        raise _code_gone()
    return Code(pk=row[0], survey_id=survey_id, name=row[1], colour=row[2]), row[3]


def _insert_and_record_portably(survey_id, answer, code_id, by, start, end):
    """Other databases (the SQLite demo): the same in ORM steps inside one transaction."""
    with transaction.atomic():
        code = Code.objects.filter(pk=code_id, survey_id=survey_id).first()
        if code is None:
            raise _code_gone()
        try:
            with transaction.atomic():
                coding, created = Coding.objects.get_or_create(answer=answer, code=code, coder=by,
                                                               start=start, end=end)
        except IntegrityError as error:  # the code vanished between our read and insert
            raise _code_gone() from error
        if not created:
            return code, None
        audit.record(answer.question.survey, Action.CODING_ADDED, by=by, answer=answer, code=code,
                     start=start, end=end)
    return code, coding.pk


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


def _name_taken(survey, name, exclude=None):
    codes = Code.objects.filter(survey=survey, name__iexact=name)
    if exclude is not None:
        codes = codes.exclude(pk=exclude.pk)
    return codes.first()


def _check_parent(code, parent, survey):
    if parent is None:
        return
    if parent.survey_id != survey.pk:
        raise InvalidInput(_("The parent code belongs to another survey."))
    node = parent
    while node is not None:
        if code is not None and node.pk == code.pk:
            raise InvalidInput(_("A code cannot be placed under itself or one of its own sub-codes."))
        node = node.parent


def create_code(survey, name, *, by, description="", colour=None, parent=None):
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput(_("A code needs a name."))
    _check_parent(None, parent, survey)
    with transaction.atomic():
        existing = _name_taken(survey, name)
        if existing is not None:
            raise CodeExists(_("A code named “%(name)s” already exists.") % {"name": existing.name}, existing)
        try:
            with transaction.atomic():
                code = Code.objects.create(
                    survey=survey, name=name, description=description, parent=parent, created_by=by,
                    **({"colour": colour} if colour else {}),
                )
        except IntegrityError as error:  # created by someone else a moment ago
            existing = _name_taken(survey, name)
            if existing is None:
                raise
            raise CodeExists(_("A code named “%(name)s” already exists.") % {"name": existing.name},
                             existing) from error
        audit.record(survey, Action.CODE_CREATED, by=by, code=code)
    return code


_UNSET = object()


def update_code(code, *, by, version, name=None, description=None, colour=None, parent=_UNSET):
    """Rename, describe, recolour or move `code`. `version` is the one the form was built from:
    if someone saved in between, the edit is refused (StaleEdit names who), nothing is lost."""
    survey = code.survey
    changes = {}
    if name is not None:
        name = " ".join(name.split())
        if not name:
            raise InvalidInput(_("A code needs a name."))
        if _name_taken(survey, name, exclude=code):
            raise InvalidInput(_("A code named “%(name)s” already exists.") % {"name": name})
        changes["name"] = name
    if description is not None:
        changes["description"] = description
    if colour is not None:
        changes["colour"] = colour
    if parent is not _UNSET:
        _check_parent(code, parent, survey)
        changes["parent"] = parent
    with transaction.atomic():
        current = Code.objects.select_for_update(no_key=True).filter(pk=code.pk).first()
        if current is None:
            raise _code_gone()
        if current.version != version:
            last = (AuditEvent.objects.filter(code=current, action__in=[Action.CODE_CHANGED, Action.CODE_MERGED])
                    .select_related("actor").first())
            who = last.actor.get_username() if last and last.actor else _("someone else")
            raise StaleEdit(_("This code was changed by %(who)s after you opened the form. "
                              "Reload and make your change again.") % {"who": who})
        before = {field: str(getattr(current, field + "_id" if field == "parent" else field) or "")
                  for field in changes}
        for field, value in changes.items():
            setattr(current, field, value)
        current.version = F("version") + 1
        try:
            with transaction.atomic():
                current.save(update_fields=[*changes, "version"])
        except IntegrityError as error:
            raise InvalidInput(_("A code with this name already exists.")) from error
        current.refresh_from_db()
        after = {field: str(getattr(current, field + "_id" if field == "parent" else field) or "")
                 for field in changes}
        audit.record(survey, Action.CODE_CHANGED, by=by, code=current, before=before, after=after)
    return current


def merge_codes(source, target, *, by):
    """Merge `source` into `target` in one transaction: codings move (duplicates collapse),
    category placements, memos and consensus decisions follow, `source`'s sub-codes move under
    `target`, `source` is deleted and an audit row says so. Returns a summary dict."""
    if source.pk == target.pk:
        raise InvalidInput(_("A code cannot be merged into itself."))
    if source.survey_id != target.survey_id:
        raise InvalidInput(_("Codes from different surveys cannot be merged."))
    with transaction.atomic():
        locked = {c.pk: c for c in Code.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk")}
        if source.pk not in locked or target.pk not in locked:
            raise _code_gone()
        source, target = locked[source.pk], locked[target.pk]
        same = {"answer": OuterRef("answer"), "coder": OuterRef("coder")}
        whole_dupes = Coding.objects.filter(code=source, start__isnull=True).filter(
            Exists(Coding.objects.filter(code=target, start__isnull=True, **same)))
        span_dupes = Coding.objects.filter(code=source, start__isnull=False).filter(
            Exists(Coding.objects.filter(code=target, start=OuterRef("start"), end=OuterRef("end"), **same)))
        collapsed = whole_dupes.delete()[0] + span_dupes.delete()[0]
        moved = Coding.objects.filter(code=source).update(code=target)

        CategoryCode.objects.filter(code=source).filter(
            Exists(CategoryCode.objects.filter(code=target, category=OuterRef("category")))).delete()
        CategoryCode.objects.filter(code=source).update(code=target)
        Memo.objects.filter(code=source).update(code=target)
        # A consensus that the source applies makes the merged code apply too.
        ConsensusDecision.objects.filter(code=target, present=False).filter(
            Exists(ConsensusDecision.objects.filter(code=source, present=True, answer=OuterRef("answer")))
        ).update(present=True)
        ConsensusDecision.objects.filter(code=source).filter(
            Exists(ConsensusDecision.objects.filter(code=target, answer=OuterRef("answer")))).delete()
        ConsensusDecision.objects.filter(code=source).update(code=target)

        ancestors = set()
        node = target
        while node.parent_id is not None:
            ancestors.add(node.parent_id)
            node = Code.objects.get(pk=node.parent_id)
        if source.pk in ancestors:  # target sat under source: lift it to source's place first
            target.parent_id = source.parent_id
            target.save(update_fields=["parent"])
        Code.objects.filter(parent=source).update(parent=target)
        # The source's history reads on the target from now on (names are kept in `data`).
        AuditEvent.objects.filter(code=source).update(code=target)
        Code.objects.filter(pk=target.pk).update(version=F("version") + 1)
        summary = {"source_name": source.name, "moved": moved, "collapsed": collapsed}
        audit.record(target.survey, Action.CODE_MERGED, by=by, code=target, source_id=source.pk, **summary)
        source.delete()
    return summary


def delete_code(code, *, by):
    """Delete an unused code. Refused while codings use it or sub-codes sit under it."""
    with transaction.atomic():
        current = Code.objects.select_for_update().filter(pk=code.pk).first()
        if current is None:
            raise _code_gone()
        if Coding.objects.filter(code=current).exists():
            raise CodeInUse(_("“%(name)s” is in use and cannot be deleted. Merge it into another code "
                              "instead.") % {"name": current.name})
        if Code.objects.filter(parent=current).exists():
            raise CodeInUse(_("“%(name)s” has sub-codes. Move them first.") % {"name": current.name})
        audit.record(current.survey, Action.CODE_DELETED, by=by, code=current)
        current.delete()


def write_memo(answer, text, *, by, version=None):
    """Write (or replace) `by`'s memo on `answer`; empty text removes it. `version` guards
    against overwriting a newer save from another tab. Returns the memo or None."""
    text = (text or "").strip()
    with transaction.atomic():
        memo = Memo.objects.select_for_update().filter(answer=answer, author=by).first()
        if memo is not None and version is not None and memo.version != version:
            raise StaleEdit(_("Your memo was changed in another window after you opened it. "
                              "Reload and make your change again."))
        if memo is None and not text:
            return None
        if not text:
            memo.delete()
            memo = None
        elif memo is None:
            memo = Memo.objects.create(answer=answer, author=by, text=text)
        elif memo.text != text:
            memo.text = text
            memo.version += 1
            memo.save(update_fields=["text", "version", "updated_at"])
        else:
            return memo
        audit.record(answer.question.survey, Action.MEMO_WRITTEN, by=by, answer=answer,
                     length=len(text))
    return memo
