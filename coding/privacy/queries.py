"""Reads for the privacy screens: what the detector finds in a survey, and what it holds."""

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from coding.models import AuditEvent, Finding, RetainedOriginal
from coding.privacy import detect
from surveys.models import Answer, ImportRun, Municipality


def places_for(survey):
    """Names that are never a person's in this survey: every municipality (the council's own
    name among them) and the words of the survey's title."""
    names = set(Municipality.objects.values_list("name", flat=True))
    words = set()
    for name in names:
        words.update(part for part in name.replace("-", " ").split() if part[:1].isupper())
    words.update(w for w in survey.title.split() if w[:1].isupper())
    return frozenset(names | words)


def scan(survey, *, org_numbers=False):
    """[(answer, Hit), …] for every free-text answer of the survey, in answer order."""
    places = places_for(survey)
    out = []
    answers = Answer.objects.for_survey(survey).exclude(text="").order_by("id").only("id", "text")
    for answer in answers.iterator(chunk_size=500):
        out.extend((answer, hit) for hit in detect.find(answer.text, places=places, org_numbers=org_numbers))
    return out


def findings_for(survey):
    return Finding.objects.filter(answer__question__survey=survey).select_related("answer__question")


def status_counts(survey):
    """{kind: {status: n}} for the survey's findings."""
    counts = {}
    for kind, status in findings_for(survey).values_list("kind", "status"):
        counts.setdefault(kind, {}).setdefault(status, 0)
        counts[kind][status] += 1
    return counts


PRIVACY_ACTIONS = [AuditEvent.Action.PERSONAL_DATA_SCANNED, AuditEvent.Action.PSEUDONYMISED,
                   AuditEvent.Action.RETENTION_SET, AuditEvent.Action.RETENTION_APPLIED]
CONTEXT = 60


def totals_by_status(survey):
    return findings_for(survey).values_list("status").annotate(n=Count("id")).order_by()


def count_table(survey):
    """Rows (kind label, [n per status], total) for every kind that has findings."""
    counts = status_counts(survey)
    statuses = list(Finding.Status.values)
    rows = []
    for kind, label in Finding.Kind.choices:
        if kind in counts:
            per = [counts[kind].get(s, 0) for s in statuses]
            rows.append((label, per, sum(per)))
    return {"statuses": [Finding.Status(s).label for s in statuses], "rows": rows}


def in_context(finding):
    """A finding with the words around it, for the review table."""
    text = finding.answer.text
    before = text[max(0, finding.start - CONTEXT):finding.start]
    after = text[finding.end:finding.end + CONTEXT]
    return {
        "finding": finding,
        "before": ("…" if finding.start > CONTEXT else "") + before,
        "found": text[finding.start:finding.end],
        "after": after + ("…" if finding.end + CONTEXT < len(text) else ""),
    }


PERSONAL_REASONS = {"ip", "email", "name", "phone"}  # why the import took a column for personal data


def imported_columns(survey):
    """Per finished import: the file, when, the columns imported (with their role in the screen's
    words) and the columns left out. A column the import took for personal data (e-mail
    addresses, names, phone numbers, IP addresses) says so, whether it was left out (the
    default) or the admin chose to keep it."""
    from surveys.importing.forms import ROLE_CHOICES

    roles = dict(ROLE_CHOICES)
    why = {"ip": _("IP addresses"), "email": _("e-mail addresses"), "name": _("people's names"),
           "phone": _("phone numbers")}
    out = []
    for run in ImportRun.objects.filter(survey=survey, status=ImportRun.Status.DONE).order_by("-created_at")[:10]:
        columns = []
        for column in run.mapping.get("columns", []):
            if not column.get("header"):
                continue
            personal = column.get("reason") in PERSONAL_REASONS
            columns.append({**column, "role_label": roles.get(column.get("role"), column.get("role")),
                            "personal": personal, "why": why.get(column.get("reason"), "") if personal else ""})
        out.append({
            "run": run,
            "imported": [c for c in columns if c.get("role") != "ignore"],
            "ignored": [c for c in columns if c.get("role") == "ignore"],
        })
    return out


def originals_kept_until(survey):
    return RetainedOriginal.objects.filter(answer__question__survey=survey).aggregate(until=Max("keep_until"))["until"]
