"""Counts every feature shares: codes and categories counted over a layer's codings, and the
stamp that tells cached counts they are out of date.

Counts are queries, never stored columns: a code's answers and respondents are distinct
counts over the codings of one layer (coding.layers). `data_state` changes with every write
that can change a count, so a count memoised under it is never stale for long.
"""

from datetime import timedelta

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from coding.models import AuditEvent, CategoryCode, Coding, ConsensusDecision
from surveys.models import ImportRun

MEMO_TTL = 60

# Audited actions that change only the counts of the code they name (a merge: its target;
# the merged-away code leaves the board). Placements, memos, quotes and decisions change
# no code's counts; any other action (a REFI-QDA import, say), like a survey import, makes the
# board and the dashboards count everything again.
PER_CODE_ACTIONS = {AuditEvent.Action.CODING_ADDED, AuditEvent.Action.CODING_REMOVED,
                    AuditEvent.Action.CODE_MERGED, AuditEvent.Action.CODE_CREATED}
NEUTRAL_ACTIONS = {AuditEvent.Action.CODE_PLACED, AuditEvent.Action.CODE_UNPLACED,
                   AuditEvent.Action.CODE_CHANGED, AuditEvent.Action.CODE_DELETED,  # only unused codes
                   AuditEvent.Action.CATEGORY_CREATED,
                   AuditEvent.Action.CATEGORY_CHANGED, AuditEvent.Action.MEMO_WRITTEN,
                   AuditEvent.Action.CONSENSUS_DECIDED, AuditEvent.Action.QUOTE_STARRED, AuditEvent.Action.QUOTE_MOVED,
                   AuditEvent.Action.QUOTE_UNSTARRED, AuditEvent.Action.EXPORTED,
                   AuditEvent.Action.AGREEMENT_SETTINGS, AuditEvent.Action.SAMPLE_DRAWN}
# Placements change which answers a category covers (not any code's own counts).
PLACEMENT_ACTIONS = {AuditEvent.Action.CODE_PLACED, AuditEvent.Action.CODE_UNPLACED}
# Transactions commit out of id order: events this recent are looked at again next time.
# Applying a code is one statement and the other per-code writes are short transactions
# whose audit row is written last, so a row commits well within this of its timestamp.
SETTLE = timedelta(seconds=2)
COUNTS_TTL = 10 * 60
MAX_EVENTS = 300  # more changes than this at once: counting everything is as quick


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


# --------------------------------------------------------------------------- kept up to date
def marks(survey):
    """The newest audit row of `survey`, the newest coding and the import mark: what a count
    kept up to date from the audit trail compares with what it saw."""
    return (AuditEvent.objects.filter(survey=survey).aggregate(m=Max("id"))["m"] or 0,
            Coding.objects.aggregate(m=Max("id"))["m"] or 0,
            import_mark(survey))


def changes_since(survey, seen_marks, changed_at):
    """(codes, categories) whose counts may have changed since `seen_marks`, read from the
    audit rows written since (and those of the last SETTLE seconds before `changed_at`), or
    None when the audit cannot tell: an import, an unknown action, too many events, or a
    coding written without an audit row."""
    audit_mark, coding_mark, _imports = seen_marks
    events = list(
        AuditEvent.objects.filter(survey=survey)
        .filter(Q(id__gt=audit_mark) | Q(created_at__gte=changed_at - SETTLE))
        .values_list("action", "code_id", "category_id", "data__source_id")[:MAX_EVENTS + 1]
    )
    if len(events) > MAX_EVENTS:
        return None
    codes, categories = set(), set()
    for action, code_id, category_id, merged_away in events:
        if action in PER_CODE_ACTIONS and code_id is not None:
            codes.add(code_id)
            if merged_away is not None:
                codes.add(int(merged_away))
        elif action in PLACEMENT_ACTIONS:
            if category_id is not None:
                categories.add(category_id)
        elif action not in NEUTRAL_ACTIONS:
            return None
    if Coding.objects.filter(id__gt=coding_mark, code__survey=survey).exclude(code_id__in=codes).exists():
        return None
    return codes, categories


def overview_counts(survey, rows, memo_key, placed):
    """(coverage, per_code) of the overview (`category_coverage`, `code_counts`) for the
    categories and codes of `placed` ({category_id: [Code]}), kept up to date from the audit
    trail like the board's counts: after a coding only the changed codes, and the categories
    that hold them, are counted again (a few ms instead of every coding of the survey)."""
    key = f"overview-counts:{survey.pk}@{survey.created_at.timestamp()}:{memo_key}"
    now_marks, now = marks(survey), timezone.now()
    layout = {category_id: {c.id for c in codes} for category_id, codes in placed.items()}
    cached = cache.get(key)
    if (cached is not None and cached["marks"] == now_marks and cached["changed_at"] <= now - SETTLE
            and cached["layout"] == layout):
        return cached["coverage"], cached["per_code"]
    changes = None
    if cached is not None and cached["marks"][2] == now_marks[2]:
        changes = changes_since(survey, cached["marks"], cached["changed_at"])
    all_codes = set().union(*layout.values())
    if changes is None:
        coverage, per_code = category_coverage(rows, list(layout)), code_counts(rows, all_codes)
    else:
        codes, categories = changes
        old = cached["layout"]
        # A category is counted again if it holds (or held) a changed code, a placement in it
        # was audited, or its codes differ from those counted (an unaudited placement).
        categories |= {cid for cid, ids in layout.items() if ids & codes or ids != old.get(cid)}
        categories |= {cid for cid, ids in old.items() if cid in layout and ids & codes}
        recount = (codes | (all_codes - set(cached["counted_codes"]))) & all_codes
        per_code = {cid: n for cid, n in cached["per_code"].items() if cid not in codes and cid in all_codes}
        if recount:
            per_code.update(code_counts(rows, recount))
        coverage = {cid: n for cid, n in cached["coverage"].items() if cid in layout and cid not in categories}
        if categories:
            coverage.update(category_coverage(rows, list(categories)))
    changed_at = cached["changed_at"] if changes is not None and cached["marks"] == now_marks else now
    cache.set(key, {"marks": now_marks, "changed_at": changed_at, "layout": layout, "counted_codes": sorted(all_codes),
                    "coverage": coverage, "per_code": per_code}, COUNTS_TTL)
    return coverage, per_code
