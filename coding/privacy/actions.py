"""Writes of the privacy feature: search a survey for personal data, decide and add findings,
pseudonymise the confirmed ones. Each runs in one transaction with an audit row."""

import json
import re

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coding import audit
from coding.models import Coding, Finding, RetainedOriginal
from coding.privacy import queries, rewrite
from surveys.models import Answer, ImportRun, Job
from veiledning.refusals import Refusal

Action = audit.Action
Status = Finding.Status


def scan_survey(survey, *, by, org_numbers=False):
    """Store what the detector finds; a span found before keeps its decision. Returns the
    number of new findings."""
    with transaction.atomic():
        known = set(queries.findings_for(survey).values_list("answer_id", "start", "end"))
        new = [
            Finding(answer_id=answer.id, kind=hit.kind, start=hit.start, end=hit.end, value=hit.value[:300])
            for answer, hit in queries.scan(survey, org_numbers=org_numbers)
            if (answer.id, hit.start, hit.end) not in known
        ]
        Finding.objects.bulk_create(new)
        audit.record(survey, Action.PERSONAL_DATA_SCANNED, by=by, found=len(new), org_numbers=org_numbers)
    return len(new)


def decide_finding(finding, status, *, by):
    """Confirm or reject one finding (a pseudonymised one is done and stays so)."""
    if status not in (Status.CONFIRMED, Status.REJECTED, Status.SUGGESTED):
        raise Refusal(_("Choose confirm or reject."))
    with transaction.atomic():
        current = Finding.objects.select_for_update().get(pk=finding.pk)
        if current.status == Status.PSEUDONYMISED:
            raise Refusal(_("This finding has already been pseudonymised."), status=409)
        current.status, current.decided_by, current.decided_at = status, by, timezone.now()
        current.save(update_fields=["status", "decided_by", "decided_at"])
        audit.record(current.answer.question.survey, Action.FINDING_DECIDED, by=by, answer=current.answer,
                     finding=current.pk, kind=current.kind, status=status)
    return current


def add_findings(survey, value, kind, *, by):
    """The admin names personal data the detector missed: every occurrence of `value` (as
    whole words) in the survey's answers becomes a confirmed finding. Returns how many."""
    value = value.strip()
    if len(value) < 2:
        raise Refusal(_("Write the words to find (at least two characters)."))
    if kind not in Finding.Kind.values:
        raise Refusal(_("Choose what kind of personal data it is."))
    pattern = re.compile(rf"(?<!\w){re.escape(value)}(?!\w)")
    now, added = timezone.now(), []
    with transaction.atomic():
        taken = _taken_spans(survey)
        for answer in Answer.objects.for_survey(survey).filter(text__contains=value).only("id", "text"):
            for m in pattern.finditer(answer.text):
                if not _overlaps(taken.get(answer.id, ()), m.start(), m.end()):
                    added.append(Finding(answer_id=answer.id, kind=kind, start=m.start(), end=m.end(),
                                         value=m.group(), status=Status.CONFIRMED, added_by_hand=True,
                                         decided_by=by, decided_at=now))
        if not added:
            raise Refusal(_("Those words are not in any answer, or they are already a finding."))
        Finding.objects.bulk_create(added)
        audit.record(survey, Action.FINDING_DECIDED, by=by, added=len(added), kind=kind, status=Status.CONFIRMED)
    return len(added)


def _taken_spans(survey):
    taken = {}
    for answer_id, start, end in queries.findings_for(survey).values_list("answer_id", "start", "end"):
        taken.setdefault(answer_id, []).append((start, end))
    return taken


def _overlaps(spans, start, end):
    return any(start < e and s < end for s, e in spans)


def pseudonymise_survey(survey, *, by, keep_original_until=None):
    """Replace every confirmed finding in the stored texts by its label, carry the codings'
    spans over, and forget the original (or keep it in RetainedOriginal until the date given).
    Other occurrences of a confirmed value in the survey go too. Returns the answers changed."""
    with transaction.atomic():
        _confirm_other_occurrences(survey, by)
        findings = list(queries.findings_for(survey).filter(status=Status.CONFIRMED).order_by("answer_id", "start"))
        if not findings:
            raise Refusal(_("There are no confirmed findings to pseudonymise."))
        people = rewrite.PersonLabels(first=_next_person_number(survey))
        # full names first, so that "Hansen" alone can take the label "Per Hansen" got
        for f in sorted(findings, key=lambda f: (f.kind != "name", " " not in f.value.strip(), f.answer_id, f.start)):
            f.label = people.label(f.value) if f.kind == "name" else rewrite.LABELS[f.kind]
        by_answer = {}
        for f in findings:
            by_answer.setdefault(f.answer_id, []).append(f)
        answers = Answer.objects.select_for_update().in_bulk(list(by_answer))
        others = {}  # the answers' other findings (rejected, to review) move with the text
        for f in Finding.objects.filter(answer_id__in=list(by_answer)).exclude(status=Status.CONFIRMED):
            others.setdefault(f.answer_id, []).append(f)
        replaced, codings, moved = {}, [], []  # replaced: value -> label, to scrub older copies
        for answer_id, items in by_answer.items():
            answer = answers[answer_id]
            new_text, shift = rewrite.replace(answer.text, [(f.start, f.end, f.label) for f in items])
            if keep_original_until:
                RetainedOriginal.objects.get_or_create(answer=answer, defaults={
                    "text": answer.text, "keep_until": keep_original_until})
            codings += _carry_codings(answer, shift)
            for f in items:
                replaced[f.value] = f.label
                f.value, f.status, f.decided_by, f.decided_at = "", Status.PSEUDONYMISED, by, timezone.now()
            for f in items + others.get(answer_id, []):
                f.start, f.end = shift.start(f.start), shift.end(f.end)
                moved.append(f)
            answer.text = new_text
        now = timezone.now()
        for answer in answers.values():
            answer.previous_text = _scrub(answer.previous_text, replaced)
            answer.updated_at = now  # what keeps a copy of the texts (the suggestions' vectors) reads them again
        Answer.objects.bulk_update(answers.values(), ["text", "previous_text", "updated_at"])
        _move(Finding, moved, ["start", "end", "value", "status", "label", "decided_by", "decided_at"])
        _move(Coding, codings, ["start", "end"])
        _scrub_imports(survey, replaced)
        counts = {}
        for f in findings:
            counts[f.kind] = counts.get(f.kind, 0) + 1
        audit.record(survey, Action.PSEUDONYMISED, by=by, answers=len(answers), findings=counts,
                     original_kept_until=keep_original_until.isoformat() if keep_original_until else None)
    return len(answers)


def _confirm_other_occurrences(survey, by):
    """A confirmed "Per Hansen" in one answer is personal data in every answer."""
    values = {(f.value, f.kind) for f in queries.findings_for(survey).filter(status=Status.CONFIRMED)}
    taken, now, added = _taken_spans(survey), timezone.now(), []
    for value, kind in values:
        pattern = re.compile(rf"(?<!\w){re.escape(value)}(?!\w)")
        for answer in Answer.objects.for_survey(survey).filter(text__contains=value).only("id", "text"):
            for m in pattern.finditer(answer.text):
                spans = taken.setdefault(answer.id, [])
                if not _overlaps(spans, m.start(), m.end()):
                    spans.append((m.start(), m.end()))
                    added.append(Finding(answer_id=answer.id, kind=kind, start=m.start(), end=m.end(),
                                         value=value, status=Status.CONFIRMED, decided_by=by, decided_at=now))
    Finding.objects.bulk_create(added)


def _move(model, rows, fields):
    """Save new spans without tripping the unique constraints on the way: first every row out
    of the way (a large offset), then each to its place."""
    ids = [row.pk for row in rows]
    model.objects.filter(pk__in=ids).update(start=F("start") + OFFSET, end=F("end") + OFFSET)
    model.objects.bulk_update(rows, fields)


OFFSET = 10_000_000


def _carry_codings(answer, shift):
    """Each span coding moves with its words (returned, unsaved); a span that would now
    duplicate another of the same code and coder is deleted."""
    seen, changed, doomed = set(), [], []
    for coding in Coding.objects.filter(answer=answer, start__isnull=False).order_by("id"):
        start, end = shift.start(coding.start), shift.end(coding.end)
        key = (coding.code_id, coding.coder_id, start, end)
        if key in seen:
            doomed.append(coding.pk)
            continue
        seen.add(key)
        if (start, end) != (coding.start, coding.end):
            coding.start, coding.end = start, end
            changed.append(coding)
    Coding.objects.filter(pk__in=doomed).delete()
    return changed


def _scrub(text, replaced):
    for value in sorted(replaced, key=len, reverse=True):
        if value:
            text = text.replace(value, replaced[value])
    return text


def _scrub_imports(survey, replaced):
    """The uploaded files of the survey's imports are not kept, their error lists lose the
    values (a row error quotes the cell), and what an import kept to be undone (the texts it
    changed, as they were) goes: an import from before the pseudonymisation can no longer be
    undone. The finished background jobs go with the files they kept (exports, the report) and
    the previews they checked."""
    for run in ImportRun.objects.filter(survey=survey):
        errors = json.loads(_scrub(json.dumps(run.errors, ensure_ascii=False), {
            json.dumps(k, ensure_ascii=False)[1:-1]: v for k, v in replaced.items()}))
        ImportRun.objects.filter(pk=run.pk).update(content=b"", errors=errors, undo={})
    Job.objects.filter(Q(survey=survey) | Q(import_run__survey=survey)).exclude(
        state__in=[Job.State.QUEUED, Job.State.RUNNING]).delete()


def _next_person_number(survey):
    labels = queries.findings_for(survey).filter(kind="name").exclude(label="").values_list("label", flat=True)
    numbers = [int(n) for n in re.findall(r"\[Person (\d+)\]", " ".join(labels))]
    return max(numbers, default=0) + 1


def set_retention(survey, delete_by, retention_action, *, by):
    """The survey's delete-by date (None: none) and what happens on it."""
    with transaction.atomic():
        survey.delete_by, survey.retention_action = delete_by, retention_action
        survey.save(update_fields=["delete_by", "retention_action"])
        audit.record(survey, Action.RETENTION_SET, by=by, delete_by=delete_by.isoformat() if delete_by else None,
                     retention_action=retention_action)
