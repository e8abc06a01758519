"""Counts of a survey's answers, as the report prints them. Pure queries; no stored counters."""

from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from surveys.models import Answer, Question, Respondent, Survey
from surveys.text import norwegian_order


def percent(count, n):
    """100·count/n rounded half up to a whole number (the report's rounding), 0 when n is 0."""
    if not n:
        return 0
    return (200 * count + n) // (2 * n)


@dataclass
class Distribution:
    """A graded question's answers: counts per scale value and not-applicable."""

    question: Question
    counts: dict = field(default_factory=dict)  # {1: 0, 2: 3, …} over the whole scale
    not_applicable: int = 0
    # "Vet ikke" and "Ikke relevant" kept apart: {label: count}, labels in the order first seen
    not_applicable_by_label: dict = field(default_factory=dict)

    @property
    def n(self):
        return sum(self.counts.values())

    @property
    def percents(self):
        n = self.n
        return {value: percent(count, n) for value, count in self.counts.items()}

    @property
    def not_applicable_breakdown(self):
        """"Vet ikke 2, Ikke relevant 2" when answers were not applicable under more than one
        label (each counted on its own), else "" (the column's heading names the one label)."""
        if len(self.not_applicable_by_label) < 2:
            return ""
        return ", ".join(f"{label} {count}" for label, count in self.not_applicable_by_label.items())

    @property
    def not_applicable_percent(self):
        return percent(self.not_applicable, self.n + self.not_applicable)

    def values(self):
        return [value for value, count in self.counts.items() for _ in range(count)]

    @property
    def mean(self):
        values = self.values()
        return sum(values) / len(values) if values else None

    @property
    def median(self):
        values = self.values()
        return median(values) if values else None

    @property
    def pairs(self):
        """The report's reading of a 1–6 scale in pairs: 1–2, 3–4, 5–6 (count, percent)."""
        scale = list(self.counts)
        out = []
        for i in range(0, len(scale), 2):
            chunk = scale[i : i + 2]
            count = sum(self.counts[v] for v in chunk)
            out.append({"label": "–".join(str(v) for v in chunk), "count": count, "percent": percent(count, self.n)})
        return out

    def rows(self):
        """(value, label, count, percent) for templates."""
        labels = self.question.scale_labels or {}
        percents = self.percents
        return [(v, labels.get(str(v), ""), c, percents[v]) for v, c in self.counts.items()]


def distributions(questions, answers=None):
    """Distributions of the given graded questions in one query: {question_id: Distribution}.
    `answers` narrows the answers counted (for example to one kind of respondent)."""
    questions = [q for q in questions if q.kind == Question.Kind.LIKERT and q.scale]
    result = {q.id: Distribution(q, counts={v: 0 for v in q.scale}) for q in questions}
    if not result:
        return result
    answers = Answer.objects.all() if answers is None else answers
    rows = (
        answers.filter(question_id__in=result)
        .values("question_id", "number", "not_applicable", "text")
        .annotate(count=Count("id"))
        .order_by("question_id", "text")
    )
    for row in rows:
        dist = result[row["question_id"]]
        if row["not_applicable"]:
            dist.not_applicable += row["count"]
            label = row["text"].strip() or "–"
            dist.not_applicable_by_label[label] = dist.not_applicable_by_label.get(label, 0) + row["count"]
        elif row["number"] in dist.counts:
            dist.counts[row["number"]] += row["count"]
    return result


def choice_counts(question, answers=None):
    """Counts per option of a single or multiple choice question (options in order)."""
    answers = Answer.objects.all() if answers is None else answers
    counter = Counter()
    n = 0
    for choices in answers.filter(question=question).values_list("choices", flat=True):
        if choices:
            n += 1
            counter.update(choices)
    ordered = {option: counter.get(option, 0) for option in question.options}
    ordered.update({k: v for k, v in counter.items() if k not in ordered})
    return n, ordered


def answered_counts(answers):
    """{question_id: number of answers with content} — a text, a value or a choice; blank and
    whitespace-only cells are no answer."""
    return dict(
        answers.exclude(text__regex=r"^\s*$", number__isnull=True, choices=[])
        .values_list("question_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def survey_summary(survey):
    """What was asked and answered, for `survey_summary SLUG --json` (keys kept stable); the
    coding app adds the categories (coding.dashboards.summary)."""
    questions = list(survey.questions.order_by("order", "id"))
    likert = distributions(questions, Answer.objects.filter(question__survey=survey))
    answered = answered_counts(Answer.objects.filter(question__survey=survey))
    text_answers = Answer.objects.filter(question__survey=survey).textual().count()

    items = {}
    for q in questions:
        if q.parent_id and q.kind == Question.Kind.LIKERT:
            items.setdefault(q.parent_id, []).append(q.code)
    out_questions = []
    for q in questions:
        entry = {"code": q.code, "kind": q.kind, "text": q.text}
        if q.id in items and not answered.get(q.id):
            # A matrix heading (3, 5, 7 in the report's survey): asked through its items, not graded itself.
            entry.update(kind="matrix", items=items[q.id])
        elif q.id in likert:
            dist = likert[q.id]
            entry["n"] = dist.n
            entry["counts"] = {str(v): c for v, c in dist.counts.items()}
            entry["not_applicable"] = dist.not_applicable
            entry["percent"] = {str(v): p for v, p in dist.percents.items()}
            entry["not_applicable_labels"] = dist.not_applicable_by_label
        elif q.kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            n, counts = choice_counts(q, Answer.objects.filter(question__survey=survey))
            entry["n"] = n
            entry["counts"] = counts
        else:
            entry["n"] = answered.get(q.id, 0)
        out_questions.append(entry)

    summary = {
        "survey": survey.slug,
        "respondents": survey.respondents.count(),
        "text_answers": text_answers,
        "questions": out_questions,
    }
    return summary


def survey_list(surveys=None):
    """The surveys as the survey list shows them, each with its response units and questions
    counted (a subquery each, not a join of the two), by period, then title in Norwegian order
    (Æ, Ø, Å after Z, case ignored), surveys without a period last. Sorted here: the databases'
    collations differ, and none of them knows Norwegian by default."""
    def count(model):
        rows = model.objects.filter(survey=OuterRef("pk")).order_by().values("survey")
        return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()), 0)

    surveys = (Survey.objects.all() if surveys is None else surveys).annotate(
        respondent_count=count(Respondent), question_count=count(Question))
    return sorted(surveys, key=lambda s: (not s.period, norwegian_order(s.period), norwegian_order(s.title), s.pk))
