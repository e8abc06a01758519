"""Two rounds of a survey side by side, for one category: the linked graded questions'
distributions and the report's 1–2/3–4/5–6 pairs with the change in percentage points, and
each code's share of the round's text answers.

The earlier (or later) round's category is the one with the same name; its questions are
matched by code, else by text; its codes by name. Percentages are rounded each on its own,
as the report prints them, and the change is the difference of the printed figures, so a
reader can check it against the two columns."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from coding import layers
from coding.models import Category, CategoryCode
from surveys.models import Answer, Survey
from surveys.summary import distributions, percent
from surveys.text import name_key


@dataclass
class QuestionChange:
    question: object  # this round's
    other_question: object | None  # the other round's, or None when it was not asked there
    rows: list  # [{"label", "now", "before", "change"}] per scale value, in percent
    pairs: list  # the same for 1–2, 3–4, 5–6
    n: int = 0
    other_n: int = 0


@dataclass
class CodeShare:
    name: str
    answers: int
    share: int
    other_answers: int | None
    other_share: int | None

    @property
    def change(self):
        return None if self.other_share is None else self.share - self.other_share


@dataclass
class Comparison:
    survey: Survey
    other: Survey
    other_category: Category | None
    questions: list = field(default_factory=list)
    codes: list = field(default_factory=list)


def rounds_to_compare(survey):
    """The surveys this one can be compared with: its earlier round and the rounds started from it."""
    out = list(Survey.objects.filter(next_rounds=survey)) + list(survey.next_rounds.order_by("period", "title"))
    return [s for s in out if s.pk != survey.pk]


def _change(now, before):
    return None if before is None else now - before


def _matched(question, candidates):
    by_code = {q.code: q for q in candidates}
    by_text = {name_key(q.text): q for q in candidates}
    return by_code.get(question.code) or by_text.get(name_key(question.text))


def _question_changes(category, other_category, other):
    questions = list(category.questions.order_by("order", "id"))
    linked_there = list(other_category.questions.all()) if other_category else []
    graded_there = list(other.questions.graded())
    pairs = [(q, _matched(q, linked_there) or _matched(q, graded_there)) for q in questions]
    now = distributions(questions, Answer.objects.filter(question__survey=category.survey))
    others = [o for _q, o in pairs if o is not None]
    before = distributions(others, Answer.objects.filter(question__survey=other))
    out = []
    for question, other_question in pairs:
        if question.id not in now:
            continue
        d_now = now[question.id]
        d_before = before.get(other_question.id) if other_question else None
        rows = []
        for value in d_now.counts:
            b = d_before.percents.get(value) if d_before else None
            rows.append({"label": str(value), "now": d_now.percents[value], "before": b,
                         "change": _change(d_now.percents[value], b)})
        before_pairs = {p["label"]: p["percent"] for p in d_before.pairs} if d_before else {}
        pair_rows = [{"label": p["label"], "now": p["percent"], "before": before_pairs.get(p["label"]),
                      "change": _change(p["percent"], before_pairs.get(p["label"]))} for p in d_now.pairs]
        out.append(QuestionChange(question, other_question, rows, pair_rows, d_now.n, d_before.n if d_before else 0))
    return out


def _shares(category):
    """({code name key: (name, answers coded)}, the round's non-empty text answers), over
    every coder's codings."""
    survey = category.survey
    rows = layers.layer_rows(survey, layers.ALL, None)
    codes = [p.code for p in CategoryCode.objects.filter(category=category).select_related("code")]
    found = dict(rows.filter(code__in=codes).values("code_id").annotate(n=Count("answer", distinct=True))
                 .order_by().values_list("code_id", "n"))
    total = Answer.objects.textual().filter(question__survey=survey).exclude(text="").count()
    return {name_key(c.name): (c.name, found.get(c.id, 0)) for c in codes}, total


def compare_category(category, other):
    """The Comparison of `category` with its namesake in the survey `other`."""
    wanted = name_key(category.name)
    other_category = next((c for c in Category.objects.filter(survey=other) if name_key(c.name) == wanted), None)
    comparison = Comparison(category.survey, other, other_category)
    comparison.questions = _question_changes(category, other_category, other)
    here, total = _shares(category)
    there, other_total = _shares(other_category) if other_category else ({}, 0)
    for key, (name, count) in sorted(here.items(), key=lambda item: (-item[1][1], item[1][0])):
        other_count = there[key][1] if key in there else None
        comparison.codes.append(CodeShare(
            name, count, percent(count, total), other_count,
            percent(other_count, other_total) if other_count is not None else None))
    for key, (name, count) in sorted(there.items()):
        if key not in here:
            comparison.codes.append(CodeShare(name, 0, 0, count, percent(count, other_total)))
    return comparison


def comparison_table(comparison):
    """(header, rows) of a comparison, for the CSV and XLSX download."""
    now, before = comparison.survey.title, comparison.other.title
    header = [_("Part"), _("Question or code"), _("Value"), f"{now} (%)", f"{before} (%)",
              _("Change (percentage points)")]
    rows = []
    for item in comparison.questions:
        label = f"{item.question.code}. {item.question.text}"
        for row in item.rows:
            rows.append([_("Graded"), label, row["label"], row["now"], row["before"], row["change"]])
        for row in item.pairs:
            rows.append([_("Pair"), label, row["label"], row["now"], row["before"], row["change"]])
    for code in comparison.codes:
        rows.append([_("Code"), code.name, "", code.share, code.other_share, code.change])
    return header, rows


def survey_comparison_table(survey, other):
    """(header, rows) of every category's comparison with the round `other`, a category per
    block: the Eksport page's download of the whole comparison."""
    header, rows = None, []
    for category in Category.objects.filter(survey=survey, archived=False).order_by("order", "id"):
        part_header, part = comparison_table(compare_category(category, other))
        header = header or [_("Category"), *part_header]
        rows += [[category.name, *row] for row in part]
    if header is None:
        header = [_("Category"), *comparison_table(Comparison(survey, other, None))[0]]
    return header, rows


def with_comparison(content, slug):
    """The report's content (report.report_content) with "rounds" (the rounds it can be read
    beside) and "other" (the one named by `slug`, or None); beside another round each section
    gets its `comparison`. The page, its Word file and the background job call this alike."""
    rounds = rounds_to_compare(content["survey"])
    other = next((s for s in rounds if s.slug == slug), None) if slug else None
    if other is not None:
        for section in content["sections"]:
            section.comparison = compare_category(section.category, other)
    content.update(rounds=rounds, other=other)
    return content
