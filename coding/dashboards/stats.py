"""Dashboard numbers over one layer of codings (see coding.layers), memoised per data state
(coding.counts).

One definition of "a category's coded answers" for every screen, export and the summary
command: the distinct answers holding at least one coding (in the layer) whose code is placed
in the category (`category_rows`). Respondents are the distinct respondents of those answers.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations

from django.core.cache import cache
from django.db.models.fields.json import KeyTextTransform
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from coding import counts
from coding.models import Category, Code, Coding
from surveys.models import Respondent
from surveys.summary import distributions, percent

TOP_CODES = 3
# The pseudo-attribute "alone or in a group" comes from Respondent.group, not the attributes.
GROUP_ATTRIBUTE = "_group"


@dataclass
class CategoryLine:
    """One row of the overview (the report's table 2)."""

    category: Category
    codes: list
    answers: int = 0
    respondents: int = 0
    top_codes: list = field(default_factory=list)  # [(Code, answers)]
    code_counts: list = field(default_factory=list)  # [(Code, answers, respondents)] in board order


def overview(survey, rows, memo_key=None):
    """The live table 2: every category that is not archived, with its counts in `rows`.
    With `memo_key` (the layer and whose layers, see `layer_key`) the counts are cached:
    a layer of codings is brought up to date from the audit trail (coding.counts), the
    consensus layer is memoised per state of the data."""
    categories = list(Category.objects.filter(survey=survey, archived=False).order_by("order", "id"))
    codes = counts.placed_codes(categories)
    all_code_ids = {code.id for cat_codes in codes.values() for code in cat_codes}

    def compute():
        return counts.category_coverage(rows, [c.id for c in categories]), counts.code_counts(rows, all_code_ids)

    if memo_key is None:
        coverage, per_code = compute()
    elif rows.model is Coding:
        # Codings: kept up to date from the audit trail, like the board (only what changed
        # since is counted again).
        coverage, per_code = counts.overview_counts(survey, rows, memo_key, codes)
    else:
        ids = ",".join(str(c.id) for c in categories)
        coverage, per_code = counts.memoised(f"overview:{counts.data_state(survey)}:{memo_key}:{ids}", compute)
    lines = []
    for category in categories:
        counted = [
            (code, per_code.get(code.id, {}).get("answers", 0), per_code.get(code.id, {}).get("respondents", 0))
            for code in codes[category.id]
        ]
        top = sorted(((c, a) for c, a, _r in counted if a), key=lambda pair: (-pair[1], pair[0].name))[:TOP_CODES]
        cov = coverage.get(category.id, {})
        lines.append(
            CategoryLine(category, codes[category.id], cov.get("answers", 0), cov.get("respondents", 0), top, counted)
        )
    return lines


# --------------------------------------------------------------------------- one category
@dataclass
class CategoryData:
    """The distinct (answer, code, respondent) triples of one category in one layer, read once
    and shared by the code bars, the crosstab and the co-occurrence matrix."""

    codes: list
    triples: list  # [(answer_id, code_id, respondent_id)]
    questions: dict = field(default_factory=dict)  # {answer_id: question_id}
    _cooccurrence: Counter = None
    marks: tuple = None  # counts.marks(survey) as `load_memoised` read them, for the crosstab

    @classmethod
    def load(cls, rows, codes):
        triples, questions = [], {}
        for answer_id, code_id, respondent_id, question_id in (
            rows.filter(code_id__in=[c.id for c in codes])
            .values_list("answer_id", "code_id", "answer__respondent_id", "answer__question_id")
            .distinct()
            .order_by()
        ):
            triples.append((answer_id, code_id, respondent_id))
            questions[answer_id] = question_id
        return cls(codes, triples, questions)

    @classmethod
    def load_memoised(cls, survey, rows, codes, memo_key):
        """`load` (and the co-occurrence counts) cached and, for a layer of codings, brought
        up to date from the audit trail: a coding of another category's code changes nothing
        here, and one of this category's codes reloads that code's triples only."""
        ids = ",".join(str(c.id) for c in codes)
        if rows.model is not Coding:
            def compute():
                data = cls.load(rows, codes)
                data.cooccurrence()
                data.codes = []  # the Code rows are the caller's (names may change); ids are enough
                return data

            data = counts.memoised(f"category-data:{counts.data_state(survey)}:{memo_key}:{ids}", compute)
            return cls(codes, data.triples, data.questions, data._cooccurrence)
        key = f"category-data:{survey.pk}@{survey.created_at.timestamp()}:{memo_key}:{ids}"
        now_marks, now = counts.marks(survey), timezone.now()
        cached = cache.get(key)
        if cached is not None and cached["marks"] == now_marks and cached["changed_at"] <= now - counts.SETTLE:
            return cls(codes, cached["triples"], cached["questions"], cached["cooccurrence"], now_marks)
        changes = None
        if cached is not None and cached["marks"][2] == now_marks[2]:
            changes = counts.changes_since(survey, cached["marks"], cached["changed_at"])
        if changes is None:
            data = cls.load(rows, codes)
        else:
            changed = changes[0] & {c.id for c in codes}
            if changed:
                fresh = cls.load(rows, [c for c in codes if c.id in changed])
                triples = [t for t in cached["triples"] if t[1] not in changed] + fresh.triples
                coded = {t[0] for t in triples}
                questions = {**cached["questions"], **fresh.questions}
                data = cls(codes, triples, {a: q for a, q in questions.items() if a in coded})
                data._cooccurrence = data.recount_cooccurrence(cached["cooccurrence"], changed)
            else:
                data = cls(codes, cached["triples"], cached["questions"], cached["cooccurrence"])
        data.cooccurrence()
        changed_at = cached["changed_at"] if changes is not None and cached["marks"] == now_marks else now
        cache.set(key, {"marks": now_marks, "changed_at": changed_at, "triples": data.triples,
                        "questions": data.questions, "cooccurrence": data._cooccurrence}, counts.COUNTS_TTL)
        data.marks = now_marks
        return data

    def answer_ids(self, question_order):
        """The coded answers' ids in questionnaire order ({question_id: order}), then by id."""
        by_question = defaultdict(list)
        for answer_id, question_id in self.questions.items():
            by_question[question_id].append(answer_id)
        ids = []
        for question_id in sorted(by_question, key=lambda q: (question_order.get(q, 0), q)):
            ids += sorted(by_question[question_id])
        return ids

    @property
    def answers(self):
        return len({a for a, _c, _r in self.triples})

    @property
    def respondents(self):
        return len({r for _a, _c, r in self.triples})

    def code_counts(self):
        """[(Code, answers, respondents)] in board order."""
        # The triples are distinct and an answer has one respondent: one triple per (answer, code).
        answers = Counter(code_id for _a, code_id, _r in self.triples)
        respondents = Counter(code_id for code_id, _r in self.code_respondents)
        return [(c, answers[c.id], respondents[c.id]) for c in self.codes]

    @cached_property
    def code_respondents(self):
        """The distinct (code id, respondent id) pairs (the code bars and the crosstab count them)."""
        return {(code_id, respondent_id) for _a, code_id, respondent_id in self.triples}

    def cooccurrence(self):
        """{(code_id_a, code_id_b): answers holding both}, a < b in board order, and the diagonal."""
        if self._cooccurrence is None:
            self._cooccurrence = self._count_cooccurrence()
        return self._cooccurrence

    def _count_cooccurrence(self):
        # The dashboard's hottest Python loop (about 19,000 triples per category on a large
        # survey): plain dict arithmetic, pairs only for answers with several codes.
        by_answer = defaultdict(set)
        for answer_id, code_id, _r in self.triples:
            by_answer[answer_id].add(code_id)
        order = {c.id: i for i, c in enumerate(self.codes)}
        counts = Counter()
        for code_ids in by_answer.values():
            for code_id in code_ids:
                counts[code_id, code_id] += 1
            if len(code_ids) > 1:
                for pair in combinations(sorted(code_ids, key=order.__getitem__), 2):
                    counts[pair] += 1
        return counts

    def recount_cooccurrence(self, counted, changed):
        """`counted` brought up to date after codings of the codes `changed`: pairs without one
        stay, pairs with one are counted again over the answers holding it."""
        counts = Counter({pair: n for pair, n in counted.items() if pair[0] not in changed and pair[1] not in changed})
        touched = {answer_id for answer_id, code_id, _r in self.triples if code_id in changed}
        by_answer = defaultdict(set)
        for answer_id, code_id, _r in self.triples:
            if answer_id in touched:
                by_answer[answer_id].add(code_id)
        order = {c.id: i for i, c in enumerate(self.codes)}
        for code_ids in by_answer.values():
            for code_id in code_ids & changed:
                counts[code_id, code_id] += 1
            for pair in combinations(sorted(code_ids, key=order.__getitem__), 2):
                if pair[0] in changed or pair[1] in changed:
                    counts[pair] += 1
        return counts

    def cooccurrence_matrix(self):
        """Rows of cells for a template: [(Code, [(Code, count or None above the diagonal)])]."""
        counts = self.cooccurrence()
        matrix = []
        for i, row_code in enumerate(self.codes):
            cells = []
            for j, col_code in enumerate(self.codes):
                if j > i:
                    cells.append((col_code, None))
                else:
                    cells.append((col_code, counts.get((col_code.id, row_code.id), 0)))
            matrix.append((row_code, cells))
        return matrix


# --------------------------------------------------------------------------- crosstab
def attribute_choices(survey):
    """[(key, label)] of the respondent attributes a crosstab may use: alone/in group first,
    then every key present in the survey's respondents' attributes (sorted)."""
    return [(GROUP_ATTRIBUTE, _("Alone or in a group")), *((k, k) for k in survey.respondents.attribute_keys())]


def parse_attribute(value, choices):
    """The chosen attribute if it is one of `choices`, else the first (never a lookup built
    from user input)."""
    allowed = [key for key, _label in choices]
    return value if value in allowed else allowed[0]


def respondent_values(survey, attribute, marks=None):
    """{respondent_id: value} of `attribute`, kept until an import or an audited change."""
    audit_mark, _coding_mark, import_mark = marks or counts.marks(survey)
    key = (f"respondent-values:{survey.pk}@{survey.created_at.timestamp()}:{audit_mark}:{import_mark}:"
           f"{get_language()}:{attribute}")
    return counts.memoised(key, lambda: _respondent_values(survey, attribute))


def _respondent_values(survey, attribute):
    """`respondent_values` read: `attribute` is a key already checked by `parse_attribute`
    (read as a JSON key expression with the key as a query parameter, never as a lookup)."""
    respondents = Respondent.objects.filter(survey=survey)
    if attribute == GROUP_ATTRIBUTE:
        alone, grouped = str(_("alone")), str(_("in a group"))
        return {rid: grouped if group_id else alone for rid, group_id in respondents.values_list("id", "group_id")}
    missing = str(_("(not given)"))
    return {
        rid: value if value not in (None, "") else missing
        for rid, value in respondents.values_list("id", KeyTextTransform(attribute, "attributes"))
    }


@dataclass
class Cell:
    count: int
    percent: int
    suppressed: bool
    threshold: int
    secondary: bool = False  # hidden only so that a small cell beside it cannot be worked out

    @property
    def shown(self):
        # One mark for every hidden cell, small or hidden to protect a small one: a reader
        # cannot tell them apart, so the mark narrows nothing down.
        return str(_("hidden")) if self.suppressed else str(self.count)


def protect(count, threshold):
    """Primary small-cell protection: 1 … threshold-1 respondents are hidden."""
    return 0 < count < threshold


def protect_row(cells, total):
    """Secondary (complementary) suppression of one crosstab row, in place.

    A code's respondents fall in exactly one column each, so the row's cells add up to its
    total, which is shown (and is the respondent count of the code's bar). A reader who knows
    that every hidden cell holds at least one respondent can work a hidden cell out when it is
    the only one hidden, or when the hidden cells together hold exactly as many respondents as
    there are hidden cells (all ones). So: while that is so, also hide the smallest shown
    non-zero cell; if no cell is left to hide, hide the total too (and with it every shown
    percentage, from which the total could be worked out)."""
    if total.suppressed:
        for cell in cells:
            cell.suppressed = cell.suppressed or cell.count > 0
        return
    while True:
        hidden = [c for c in cells if c.suppressed]
        if not hidden:
            return
        if len(hidden) >= 2 and sum(c.count for c in hidden) > len(hidden):
            return
        shown = [c for c in cells if not c.suppressed and c.count > 0]
        if not shown:
            total.suppressed = total.secondary = True
            return
        smallest = min(shown, key=lambda c: c.count)
        smallest.suppressed = smallest.secondary = True


@dataclass
class Crosstab:
    attribute: str
    columns: list  # attribute values
    rows: list  # [(Code, [Cell …], total Cell)]
    column_totals: list  # respondents per value in the whole survey
    threshold: int


def crosstab(survey, data, attribute):
    """Codes × attribute value: distinct respondents per cell, row percentages (share of the
    code's respondents), small cells suppressed by `survey.small_cell_threshold`, and further
    cells hidden (`protect_row`) so that no hidden cell can be worked out from what is shown."""
    threshold = survey.small_cell_threshold
    values = respondent_values(survey, attribute, data.marks)
    columns = sorted(set(values.values()), key=str.casefold)
    pairs = data.code_respondents  # a respondent has one value: distinct pairs count them once
    per_cell = Counter((code_id, values.get(respondent_id)) for code_id, respondent_id in pairs)
    per_code = Counter(code_id for code_id, _r in pairs)
    rows = []
    for code in data.codes:
        total = per_code[code.id]
        cells = []
        for column in columns:
            count = per_cell[(code.id, column)]
            cells.append(Cell(count, percent(count, total), protect(count, threshold), threshold))
        total_cell = Cell(total, 100 if total else 0, protect(total, threshold), threshold)
        protect_row(cells, total_cell)
        rows.append((code, cells, total_cell))
    column_counts = Counter(values.values())
    totals = [Cell(column_counts[c], 0, protect(column_counts[c], threshold), threshold) for c in columns]
    return Crosstab(attribute, columns, rows, totals, threshold)


# --------------------------------------------------------------------------- graded questions
def likert_items(category):
    """The category's linked graded questions, in questionnaire order, as Distributions."""
    from surveys.models import Answer

    questions = list(category.questions.select_related("parent").order_by("order", "id"))
    dists = distributions(questions, Answer.objects.filter(question__survey_id=category.survey_id))
    return [dists[q.id] for q in questions if q.id in dists]


def cooccurring_answers(rows, code_a, code_b):
    """Answers (an Answer queryset) holding both codes in the layer."""
    from surveys.models import Answer

    both = Answer.objects.filter(id__in=rows.filter(code=code_a).values("answer_id"))
    if code_a != code_b:
        both = both.filter(id__in=rows.filter(code=code_b).values("answer_id"))
    return both


def codes_on_answers(rows, answer_ids, codes=None):
    """{answer_id: [Code, …]} for a page of answers, in one query."""
    qs = rows.filter(answer_id__in=answer_ids)
    if codes is not None:
        qs = qs.filter(code__in=codes)
    code_ids = defaultdict(set)
    for answer_id, code_id in qs.values_list("answer_id", "code_id").distinct().order_by():
        code_ids[answer_id].add(code_id)
    wanted = {cid for ids in code_ids.values() for cid in ids}
    by_id = {c.id: c for c in (codes if codes is not None else Code.objects.filter(id__in=wanted))}
    return {aid: sorted((by_id[c] for c in ids if c in by_id), key=lambda c: c.name) for aid, ids in code_ids.items()}


def attribution(respondent):
    """How a quote is attributed: never a municipality's name, only alone or in a group."""
    return _("municipality in a group") if respondent.group_id else _("municipality alone")
