"""What the category board shows: columns of cards with counts and peeks, a code's answers.

Read-only queries (the writes are in coding/actions/board.py). Every count is a query over
the codings the user may see (blind mode respected through coding.layers), and the number of
queries does not grow with the number of codes or codings.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import ngettext

from coding import counts
from coding.board.actions import placement_token
from coding.counts import COUNTS_TTL, MAX_EVENTS, NEUTRAL_ACTIONS, PER_CODE_ACTIONS, SETTLE
from coding.layers import sees_all_layers, visible_codings
from coding.models import AuditEvent, Category, CategoryCode, Code, Coding, Theme
from surveys.models import Answer

PEEK_CHARS = 160


@dataclass
class Card:
    code: Code
    answers: int = 0
    respondents: int = 0
    peeks: list = field(default_factory=list)
    placed: list = field(default_factory=list)  # [(category id, name)] in board order

    @property
    def counts_text(self):
        answers = ngettext("%(n)s answer", "%(n)s answers", self.answers) % {"n": self.answers}
        units = ngettext("%(n)s response unit", "%(n)s response units", self.respondents) % {"n": self.respondents}
        return f"{answers} · {units}"

    @property
    def category_ids(self):
        return [pk for pk, _name in self.placed]

    @property
    def token(self):
        return placement_token(self.category_ids)


@dataclass
class Column:
    category: Category | None
    cards: list = field(default_factory=list)

    @property
    def key(self):
        return str(self.category.pk) if self.category else "none"

    @property
    def entries(self):
        """Flat dicts for the template (the card list is the board's hot loop), with the
        names of the card's other categories — "also in: …" on the card."""
        own = self.category.pk if self.category else None
        key = self.key
        return [
            {
                "pk": card.code.pk, "name": card.code.name, "colour": card.code.colour, "token": card.token,
                "counts": card.counts_text, "peeks": card.peeks, "dom": f"{key}-{card.code.pk}",
                "others": [name for pk, name in card.placed if pk != own],
            }
            for card in self.cards
        ]

    @property
    def order_token(self):
        return ",".join(str(card.code.pk) for card in self.cards)


def peek(text):
    """An answer's first PEEK_CHARS characters, "…" last where it goes on (as Truncator.chars,
    which took a tenth of the board's time on 600 long answers)."""
    return text if len(text) <= PEEK_CHARS else text[:PEEK_CHARS - 1] + "…"


def active_categories(survey):
    return list(Category.objects.filter(survey=survey, archived=False).order_by("order", "id"))


def themes_with_categories(survey):
    return list(Theme.objects.filter(survey=survey).prefetch_related("categories").order_by("order", "id"))


def board_codings(user, survey):
    """The codings the board counts: those of the survey's codes that `user` may see. The
    same rule as coding.layers.visible_codings (blind mode), filtered through the code rather
    than the answer's question, so the queries below use the (code, answer) index."""
    return visible_codings(user, survey, Coding.objects.filter(code__survey=survey))


def _code_counts(codings):
    """{code id: (answers, respondents)} over the visible codings: the dashboards' count."""
    return {code_id: (n["answers"], n["respondents"]) for code_id, n in counts.code_counts(codings).items()}


# Which audited actions change which counts, and how long a new row may take to commit:
# coding.counts, shared with the dashboards.


def code_counts(survey, user, codings):
    """The per-code counts {code id: (answers, respondents)}, kept up to date incrementally.

    Counting distinct respondents joins every visible coding to its answer (about 150 ms on
    150,000 codings), so the counts are kept in the cache with the newest audit row and
    coding they saw. A later request reads what was audited since: codings added or removed,
    merges and new codes recount only the codes they name (a few ms); anything else, a coding
    written without an audit row, or an expired entry counts everything again. Events from
    the last SETTLE seconds are read again until they are that old, so a transaction that
    commits after a newer one is not missed. Never a stored column."""
    scope = "all" if sees_all_layers(user, survey) else f"u{user.pk}"
    key = f"board-counts:{survey.pk}@{survey.created_at.timestamp()}:{scope}"
    marks = (AuditEvent.objects.filter(survey=survey).aggregate(m=Max("id"))["m"] or 0,
             Coding.objects.aggregate(m=Max("id"))["m"] or 0,
             counts.import_mark(survey))
    now = timezone.now()
    cached = cache.get(key)
    if cached is not None and cached["marks"] == marks and cached["changed_at"] <= now - SETTLE:
        return cached["counts"]
    # An import (a new import mark) may change any count: count everything again.
    changed = _changed_codes(survey, cached) if cached is not None and cached["marks"][2] == marks[2] else None
    if changed is None:
        per_code = _code_counts(codings)
    else:
        per_code = {code_id: n for code_id, n in cached["counts"].items() if code_id not in changed}
        if changed:
            per_code.update(_code_counts(codings.filter(code_id__in=changed)))
    changed_at = cached["changed_at"] if changed is not None and cached["marks"] == marks else now
    cache.set(key, {"marks": marks, "counts": per_code, "changed_at": changed_at}, COUNTS_TTL)
    return per_code


def _changed_codes(survey, cached):
    """The codes whose counts may have changed since `cached`, or None if the audit cannot
    tell (then everything is counted again)."""
    audit_mark, coding_mark, _imports = cached["marks"]
    events = list(
        AuditEvent.objects.filter(survey=survey)
        .filter(Q(id__gt=audit_mark) | Q(created_at__gte=cached["changed_at"] - SETTLE))
        .values_list("action", "code_id", "data__source_id")[:MAX_EVENTS + 1]
    )
    if len(events) > MAX_EVENTS:
        return None
    changed = set()
    for action, code_id, merged_away in events:
        if action in PER_CODE_ACTIONS and code_id is not None:
            changed.add(code_id)
            if merged_away is not None:  # its counts go with it
                changed.add(int(merged_away))
        elif action not in NEUTRAL_ACTIONS:
            return None
    # A coding that arrived without an audit row (a bulk load) for a code not named above.
    if Coding.objects.filter(id__gt=coding_mark, code__survey=survey).exclude(code_id__in=changed).exists():
        return None
    return changed


def build_board(survey, user):
    """The board's columns: "not categorised" first (every new code lands there, so it is on
    the first screen), then one per active category."""
    categories = active_categories(survey)
    codings = board_codings(user, survey)
    first = codings.filter(code=OuterRef("pk")).order_by("answer_id").values("answer_id")[:1]
    second = (
        codings.filter(code=OuterRef("pk"), answer_id__gt=OuterRef("peek_1"))
        .order_by("answer_id")
        .values("answer_id")[:1]
    )
    codes = list(
        Code.objects.filter(survey=survey)
        .annotate(peek_1=Subquery(first))
        .annotate(peek_2=Subquery(second))
        .order_by("name")
    )
    cards = {code.pk: Card(code) for code in codes}
    for code_id, (answers, respondents) in code_counts(survey, user, codings).items():
        card = cards.get(code_id)
        if card:
            card.answers, card.respondents = answers, respondents
    answer_ids = {i for code in codes for i in (code.peek_1, code.peek_2) if i}
    texts = dict(Answer.objects.filter(pk__in=answer_ids).values_list("pk", "text"))
    for code in codes:
        cards[code.pk].peeks = [peek(texts[i]) for i in (code.peek_1, code.peek_2) if i in texts]

    columns = {category.pk: Column(category) for category in categories}
    names = {category.pk: category.name for category in categories}
    placements = (
        CategoryCode.objects.filter(category__in=categories)
        .order_by("position", "id")
        .values_list("category_id", "code_id")
    )
    for category_id, code_id in placements:
        card = cards.get(code_id)
        if card:
            card.placed.append((category_id, names[category_id]))
            columns[category_id].cards.append(card)
    uncategorised = Column(None, [card for card in cards.values() if not card.placed])
    return [uncategorised, *columns.values()]


def code_answers(code, user):
    """The answers coded with `code` that `user` may see, grouped by coder:
    [(coder, [(answer, segments, whole_answer)])], segments as (text, marked) pairs."""
    codings = (
        visible_codings(user, code.survey)
        .filter(code=code)
        .select_related("coder", "answer__question", "answer__respondent__municipality", "answer__respondent__group")
        .order_by("coder__username", "answer__question__order", "answer_id", "start")
    )
    groups = {}
    for coding in codings:
        by_answer = groups.setdefault(coding.coder, {})
        entry = by_answer.setdefault(coding.answer_id, {"answer": coding.answer, "spans": [], "whole": False})
        if coding.is_span:
            entry["spans"].append((coding.start, coding.end))
        else:
            entry["whole"] = True
    return [
        (coder, [(e["answer"], segments(e["answer"].text, e["spans"]), e["whole"]) for e in by_answer.values()])
        for coder, by_answer in groups.items()
    ]


def segments(text, spans):
    """Split `text` into (piece, marked) pairs; overlapping spans are merged. Offsets are
    Unicode code points (Python string indices), clamped to the text."""
    merged = []
    for start, end in sorted(spans):
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, cursor = [], 0
    for start, end in merged:
        if start > cursor:
            out.append((text[cursor:start], False))
        out.append((text[start:end], True))
        cursor = end
    if cursor < len(text):
        out.append((text[cursor:], False))
    return out
