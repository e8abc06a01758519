"""Save: the validated records into a survey, in one transaction, with bulk writes.

Rows are found by natural keys (respondent `external_key`, question `code`), so importing the
same file twice changes nothing, and a corrected file updates only what changed. An answer whose
text changed and that has codings keeps them and is flagged `needs_review` with its
`previous_text`. Two imports into the same survey at the same moment are serialised by a lock.

`plan()` only reads (the dry run and pipeline.preview use it); `apply()` writes what a plan says.
"""

import zlib
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from surveys.importing import undo
from surveys.importing.bulk import insert_answers, insert_respondents, refresh_statistics
from surveys.importing.detect import MULTIPLE, SINGLE
from surveys.importing.mapping import clean, questions, validate
from surveys.models import Answer, ImportRun, Municipality, MunicipalityGroup, Question, Respondent, Survey
from surveys.signals import answers_in_use, import_saved
from surveys.text import name_key

BATCH = 2000
QUESTION_FIELDS = [
    "text", "kind", "scale_min", "scale_max", "scale_labels", "not_applicable_labels", "options", "order",
]


class ImportRejected(Exception):
    """The file has bad cells; nothing was written. `errors` lists every one."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


class AlreadyImported(Exception):
    def __init__(self, run):
        super().__init__("already imported")
        self.run = run


@dataclass
class Plan:
    survey: Survey | None
    new_questions: list = field(default_factory=list)
    changed_questions: list = field(default_factory=list)
    parents: dict = field(default_factory=dict)  # code → parent code
    municipalities: dict = field(default_factory=dict)  # name_key → Municipality (saved or not)
    new_municipalities: list = field(default_factory=list)
    groups: dict = field(default_factory=dict)
    new_groups: list = field(default_factory=list)
    members: set = field(default_factory=set)  # (group name, municipality key)
    new_respondents: list = field(default_factory=list)  # Record
    changed_respondents: list = field(default_factory=list)  # (Respondent id, Record)
    unchanged_respondents: int = 0
    new_answers: list = field(default_factory=list)  # (respondent key, code, Value)
    changed_answers: list = field(default_factory=list)  # (answer id, Value, old text)
    removed_answers: list = field(default_factory=list)  # (answer id, old text)
    unchanged_answers: int = 0
    rows: int = 0

    def summary(self, flagged=0):
        created = len(self.new_respondents) + len(self.new_answers) + len(self.new_questions)
        updated = len(self.changed_respondents) + len(self.changed_answers) + len(self.changed_questions)
        return {
            "rows": self.rows,
            "created": created,
            "updated": updated,
            "unchanged": self.unchanged_respondents + self.unchanged_answers,
            "removed": len(self.removed_answers),
            "errors": 0,
            "questions_created": len(self.new_questions),
            "questions_updated": len(self.changed_questions),
            "respondents_created": len(self.new_respondents),
            "respondents_updated": len(self.changed_respondents),
            "respondents_unchanged": self.unchanged_respondents,
            "answers_created": len(self.new_answers),
            "answers_updated": len(self.changed_answers),
            "answers_unchanged": self.unchanged_answers,
            "answers_removed": len(self.removed_answers),
            "flagged_for_review": flagged,
            "municipalities_created": sorted(m.name for m in self.new_municipalities),
            "groups_created": sorted(g.name for g in self.new_groups),
        }


def lock(slug):
    """Serialise imports into one survey: a transaction-scoped advisory lock on PostgreSQL
    (held until commit, so the second import sees the first one's rows)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [7203, zlib.crc32(slug.encode()) - 2**31])


def import_table(table, mapping, *, slug, title="", by=None, dry_run=False, run=None, filename="", sha256="",
                 size=0, respondent_kind=""):
    """Validate and save. Returns the summary dict; raises ImportRejected (nothing written)
    when any cell is bad. `run` is an ImportRun from the preview step (confirmed once only).
    `respondent_kind` says what a respondent of a new survey is (a municipality by default)."""
    mapping = clean(mapping)
    records, errors = validate(table, mapping)
    if errors:
        raise ImportRejected(errors)
    with transaction.atomic():
        lock(slug)
        if run is not None:
            run = ImportRun.objects.select_for_update().get(pk=run.pk)
            if run.status == ImportRun.Status.DONE:
                raise AlreadyImported(run)
        survey = Survey.objects.select_for_update().filter(slug=slug).first()
        the_plan = plan(survey, mapping, records)
        if dry_run:
            return the_plan.summary()
        if survey is None:
            survey = Survey.objects.create(slug=slug, title=title or slug,
                                           **({"respondent_kind": respondent_kind} if respondent_kind else {}))
            the_plan.survey = survey
        before = undo.snapshot(the_plan)
        flagged = apply(the_plan)
        summary = the_plan.summary(flagged)
        if run is None:
            run = ImportRun(filename=filename, sha256=sha256, size=size, created_by=by if by and by.pk else None)
        run.survey, run.mapping, run.summary, run.errors = survey, mapping, summary, []
        run.undo = {**before, "finished_at": timezone.now().isoformat()}
        run.status = ImportRun.Status.DONE
        run.save()
        import_saved.send(sender=ImportRun, survey=survey, run=run)
    return summary


def plan(survey, mapping, records):
    """What saving `records` would do to `survey` (None: a new survey). Reads only."""
    p = Plan(survey=survey, rows=len(records))
    existing_q = {q.code: q for q in survey.questions.all()} if survey else {}
    seen_options = _seen_options(mapping, records)
    for order, column in enumerate(questions(mapping), start=1):
        wanted = _question_fields(column, order, seen_options.get(column["code"], []))
        question = existing_q.get(column["code"])
        if question is None:
            p.new_questions.append(Question(code=column["code"], **wanted))
        else:
            if column["kind"] in (SINGLE, MULTIPLE):
                wanted["options"] = list(dict.fromkeys(question.options + wanted["options"]))
            if any(getattr(question, k) != v for k, v in wanted.items()):
                for k, v in wanted.items():
                    setattr(question, k, v)
                p.changed_questions.append(question)
            existing_q[column["code"]] = question
        p.parents[column["code"]] = column.get("parent") or ""
    _plan_places(p, records, survey)
    _plan_respondents(p, records, survey, existing_q)
    return p


def _seen_options(mapping, records):
    out = {}
    for column in questions(mapping):
        if column["kind"] in (SINGLE, MULTIPLE):
            options = dict.fromkeys(column.get("options") or [])
            code = column["code"]
            for r in records:
                value = r.answers.get(code)
                if value is not None and not value.not_applicable:
                    options.update(dict.fromkeys(value.choices))
            out[code] = list(options)
    return out


def _question_fields(column, order, options):
    kind = column["kind"]
    likert = kind == "likert"
    return {
        "text": column["text"],
        "kind": kind,
        "scale_min": column["scale_min"] if likert else None,
        "scale_max": column["scale_max"] if likert else None,
        "scale_labels": column.get("scale_labels", {}) if likert else {},
        "not_applicable_labels": list(dict.fromkeys(
            column.get("not_applicable_labels", []) + list((column.get("not_applicable_codes") or {}).values())))
        if likert else [],
        "options": options,
        "order": order,
    }


def _plan_places(p, records, survey):
    names = {}
    for r in records:
        if r.municipality:
            names.setdefault(name_key(r.municipality), r.municipality)
    found = {}
    # A current municipality by that name first; else the one that existed last (merged away).
    for m in Municipality.objects.filter(name_key__in=names):
        best = found.get(m.name_key)
        if best is None or best.valid_to is not None and (m.valid_to is None or m.valid_to > best.valid_to):
            found[m.name_key] = m
    for key, name in names.items():
        if key not in found:
            m = Municipality(name=name, name_key=key)
            p.new_municipalities.append(m)
            found[key] = m
    p.municipalities = found
    group_names = {r.group for r in records if r.group}
    found = MunicipalityGroup.objects.filter(survey=survey, name__in=group_names) if survey else []
    existing = {g.name: g for g in found}
    for name in sorted(group_names - set(existing)):
        g = MunicipalityGroup(name=name)
        p.new_groups.append(g)
        existing[name] = g
    p.groups = existing
    p.members = {(r.group, name_key(r.municipality)) for r in records if r.group and r.municipality}


def _plan_respondents(p, records, survey, questions_by_code):
    existing = {}
    answers = {}
    if survey:
        existing = {r.external_key: r for r in Respondent.objects.filter(survey=survey)}
        codes = {c.code: c.id for c in questions_by_code.values() if c.pk}
        ids = set(codes.values())
        for row in Answer.objects.filter(question_id__in=ids).values_list(
                "id", "respondent_id", "question_id", "text", "number", "choices", "not_applicable"):
            answers[(row[1], row[2])] = row
    code_ids = {code: q.pk for code, q in questions_by_code.items() if q.pk}
    for r in records:
        respondent = existing.get(r.key)
        if respondent is None:
            p.new_respondents.append(r)
            p.new_answers.extend((r.key, code, v) for code, v in r.answers.items())
            continue
        m = p.municipalities.get(name_key(r.municipality)) if r.municipality else None
        g = p.groups.get(r.group) if r.group else None
        if (respondent.municipality_id != (m.pk if m else None) or respondent.group_id != (g.pk if g else None)
                or respondent.attributes != r.attributes):
            p.changed_respondents.append((respondent.pk, r))
        else:
            p.unchanged_respondents += 1
        for code, qid in code_ids.items():
            value = r.answers.get(code)
            old = answers.get((respondent.pk, qid))
            if old is None:
                if value is not None:
                    p.new_answers.append((r.key, code, value))
            elif value is None:
                if old[3].strip() or old[4] is not None or old[5]:
                    p.removed_answers.append((old[0], old[3]))
                else:
                    p.unchanged_answers += 1
            elif (old[3], old[4], old[5], old[6]) == (value.text, value.number, value.choices, value.not_applicable):
                p.unchanged_answers += 1
            else:
                p.changed_answers.append((old[0], value, old[3]))
        for code, value in r.answers.items():
            if code not in code_ids:
                p.new_answers.append((r.key, code, value))


def apply(p):
    """Write a plan (inside the caller's transaction). Returns how many answers were flagged."""
    survey = p.survey
    if p.new_municipalities:
        Municipality.objects.bulk_create(p.new_municipalities, ignore_conflicts=True)
        keys = [m.name_key for m in p.new_municipalities]
        for m in Municipality.objects.filter(name_key__in=keys, valid_to__isnull=True):
            p.municipalities[m.name_key] = m
    for g in p.new_groups:
        g.survey = survey
    MunicipalityGroup.objects.bulk_create(p.new_groups)
    if p.new_groups and p.new_groups[0].pk is None:
        p.groups.update({g.name: g for g in MunicipalityGroup.objects.filter(survey=survey)})
    if p.members:
        Through = MunicipalityGroup.members.through
        Through.objects.bulk_create(
            [Through(municipalitygroup_id=p.groups[g].pk, municipality_id=p.municipalities[k].pk)
             for g, k in p.members],
            ignore_conflicts=True,
        )
    for q in p.new_questions:
        q.survey = survey
    Question.objects.bulk_create(p.new_questions)
    by_code = {q.code: q for q in survey.questions.all()}
    for q in p.changed_questions:
        by_code[q.code].__dict__.update({k: getattr(q, k) for k in QUESTION_FIELDS})
    Question.objects.bulk_update(p.changed_questions, QUESTION_FIELDS) if p.changed_questions else None
    reparented = []
    for code, parent in p.parents.items():
        q = by_code[code]
        parent_id = by_code[parent].pk if parent else None
        if q.parent_id != parent_id:
            q.parent_id = parent_id
            reparented.append(q)
    Question.objects.bulk_update(reparented, ["parent"]) if reparented else None

    def place(record):
        m = p.municipalities.get(name_key(record.municipality)) if record.municipality else None
        g = p.groups.get(record.group) if record.group else None
        return (m.pk if m else None), (g.pk if g else None)

    insert_respondents(survey.pk, [(r.key, *place(r), r.attributes) for r in p.new_respondents])
    changed = []
    for pk, r in p.changed_respondents:
        m_id, g_id = place(r)
        changed.append(Respondent(pk=pk, municipality_id=m_id, group_id=g_id, attributes=r.attributes))
    if changed:
        Respondent.objects.bulk_update(changed, ["municipality", "group", "attributes"], batch_size=BATCH)
    respondent_ids = dict(Respondent.objects.filter(survey=survey).values_list("external_key", "id"))
    now = timezone.now()
    insert_answers([(respondent_ids[key], by_code[code].pk, v) for key, code, v in p.new_answers], now)
    refresh_statistics(len(p.new_answers))
    touched = [pk for pk, _v, _old in p.changed_answers] + [pk for pk, _old in p.removed_answers]
    coded = set()
    if touched:
        for _receiver, in_use in answers_in_use.send(sender=Answer, answer_ids=touched):
            coded.update(in_use)
    updates, flagged = [], 0
    for pk, v, old_text in p.changed_answers:
        a = Answer(pk=pk, text=v.text, number=v.number, choices=v.choices, not_applicable=v.not_applicable,
                   updated_at=now)
        fields = ["text", "number", "choices", "not_applicable", "updated_at"]
        if pk in coded and old_text != v.text:
            a.needs_review, a.previous_text = True, old_text
            fields += ["needs_review", "previous_text"]
            flagged += 1
        updates.append((tuple(fields), a))
    removed_keep = []
    for pk, old_text in p.removed_answers:
        if pk in coded:  # keep the coded answer, emptied and flagged, never drop codings silently
            removed_keep.append(pk)
            flagged += 1
            updates.append((("text", "number", "choices", "not_applicable", "needs_review", "previous_text",
                             "updated_at"),
                            Answer(pk=pk, text="", number=None, choices=[], not_applicable=False, needs_review=True,
                                   previous_text=old_text, updated_at=now)))
    for fields in {f for f, _a in updates}:
        Answer.objects.bulk_update([a for f, a in updates if f == fields], list(fields), batch_size=BATCH)
    gone = [pk for pk, _old in p.removed_answers if pk not in coded]
    if gone:
        Answer.objects.filter(pk__in=gone).delete()
    return flagged


def import_bytes(data, **kwargs):
    """The whole pipeline for bytes (kept here for callers of the earlier API)."""
    from surveys.importing.pipeline import import_bytes as pipeline_import_bytes

    return pipeline_import_bytes(data, **kwargs)


def known_municipalities():
    return set(Municipality.objects.values_list("name_key", flat=True))
