"""Counts every feature shares: codes and categories counted over a layer's codings, and the
stamp that tells cached counts they are out of date.

Counts are queries, never stored columns: a code's answers and respondents are distinct
counts over the codings of one layer (coding.layers). `data_state` changes with every write
that can change a count, so a count memoised under it is never stale for long.
"""

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Max

from coding.models import AuditEvent, CategoryCode, Coding, ConsensusDecision
from surveys.models import ImportRun

MEMO_TTL = 60


def data_state(survey):
    """A stamp that changes with every write that can change a count: the newest coding
    (additions), the newest consensus decision, the survey's newest audit row (removals,
    merges, placements and decisions are audited) and its finished imports. At worst a write that bypassed
    the audit shows within MEMO_TTL seconds. (The board keeps its per-code counts up to date
    from the audit instead: coding/board/queries.py.)"""
    newest = [
        Coding.objects.order_by("-id").values_list("id", "created_at").first(),
        ConsensusDecision.objects.order_by("-id").values_list("id", "decided_at").first(),
        AuditEvent.objects.filter(survey=survey).order_by("-id").values_list("id", "created_at").first(),
    ]
    stamps = ":".join(f"{row[0]}@{row[1].timestamp()}" if row else "-" for row in newest)
    return f"{survey.pk}@{survey.created_at.timestamp()}:{stamps}:{import_mark(survey)}"


def import_mark(survey):
    """A stamp that changes with every finished import into `survey` (its ImportRuns)."""
    done = ImportRun.objects.filter(survey=survey, status=ImportRun.Status.DONE).aggregate(n=Count("id"), m=Max("id"))
    return f"{done['n']}-{done['m'] or 0}"


def memoised(key, compute):
    """`compute()` kept in the cache under `key` (which must hold `data_state`)."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, MEMO_TTL)
    return value


def _sort_memory():
    """PostgreSQL: let the distinct counts sort in RAM (150,000 codings); call it inside an
    atomic block, which SET LOCAL lasts for."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '32MB'")


def category_rows(rows, category_ids):
    """The layer's rows whose code is placed in one of `category_ids`."""
    return rows.filter(code__placements__category__in=category_ids)


def category_coverage(rows, category_ids):
    """{category_id: {"answers": n, "respondents": n}} in one query."""
    with transaction.atomic():
        _sort_memory()
        return _category_coverage(rows, category_ids)


def _category_coverage(rows, category_ids):
    return {
        row["code__placements__category"]: {"answers": row["answers"], "respondents": row["respondents"]}
        for row in category_rows(rows, category_ids)
        .values("code__placements__category")
        .annotate(answers=Count("answer", distinct=True), respondents=Count("answer__respondent", distinct=True))
        .order_by()
    }


def code_counts(rows, code_ids=None):
    """{code_id: {"answers": n, "respondents": n}} for the given codes (every code in `rows`
    with None), in one query."""
    with transaction.atomic():
        _sort_memory()
        return _code_counts(rows if code_ids is None else rows.filter(code_id__in=code_ids))


def _code_counts(rows):
    return {
        row["code_id"]: {"answers": row["answers"], "respondents": row["respondents"]}
        for row in rows
        .values("code_id")
        .annotate(answers=Count("answer", distinct=True), respondents=Count("answer__respondent", distinct=True))
        .order_by()
    }


def placed_codes(categories):
    """{category_id: [Code, …]} in board order, in one query."""
    out = {c.id: [] for c in categories}
    for placement in (
        CategoryCode.objects.filter(category__in=list(out)).select_related("code").order_by("position", "code__name")
    ):
        out[placement.category_id].append(placement.code)
    return out
