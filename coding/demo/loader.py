"""The coding half of the demo: the portfolio-2 codebook, categories (linked to their graded
questions), themes, placements, two coders' codings, a memo and the leader's starred quotes,
built on the demo survey of surveys/demo/loader.py. Idempotent like it.
"""

import re

from django.db import transaction

from coding.demo import codebook
from coding.models import Category, CategoryCode, Code, Coding, Memo, Quote, Theme
from surveys.demo.loader import load_survey_demo
from surveys.models import Answer

CATEGORY_QUESTIONS = {
    "Forventninger": ["2"],
    "Forankring": ["3a", "3b", "3c"],
    "Organisering": ["5a", "5b", "5c"],
    "Erfaringer": ["7a", "7b"],
    "Resultat": ["11", "12"],
}


def load_demo(*, with_passwords=None):
    """Create or complete the whole demo; returns {"created": {...}, "users": [(user, password)], …}."""
    with transaction.atomic():
        result = load_survey_demo(with_passwords=with_passwords)
        _codebook(result["survey"], result["questions"], result["users"], result["created"])
    return result


def _codebook(survey, questions_by_code, users, created):
    by_name = {}
    count = 0
    for row in sorted(codebook.CODES, key=lambda r: r["parent"] is not None):
        code, was_created = Code.objects.get_or_create(
            survey=survey, name=row["name"],
            defaults={"description": row["description"], "colour": row["colour"],
                      "parent": by_name.get(row["parent"])},
        )
        count += was_created
        by_name[row["name"]] = code
    created["codes"] = count

    categories = {}
    count = 0
    for order, row in enumerate(codebook.CATEGORIES, start=1):
        category, was_created = Category.objects.get_or_create(
            survey=survey, name=row["name"],
            defaults={"description": row["description"], "finding": row["finding"], "order": order},
        )
        count += was_created
        categories[row["name"]] = category
        if was_created:
            category.questions.set([questions_by_code[c] for c in CATEGORY_QUESTIONS.get(row["name"], [])])
    created["categories"] = count
    for order, row in enumerate(codebook.THEMES, start=1):
        theme, _created = Theme.objects.get_or_create(
            survey=survey, name=row["name"], defaults={"description": row["description"], "order": order}
        )
        theme.categories.add(*[categories[name] for name in row["categories"]])
    for position, row in enumerate(codebook.CODES):
        for name in row["categories"]:
            CategoryCode.objects.get_or_create(
                category=categories[name], code=by_name[row["name"]], defaults={"position": position}
            )

    coder_a, coder_b = users[1][0], users[2][0]
    answers = list(
        Answer.objects.textual().filter(question__survey=survey).order_by("question__order", "respondent__external_key")
    )
    wanted = []
    for index, answer in enumerate(answers):
        lowered = answer.text.lower()
        matched = [row for row in codebook.CODES if any(k in lowered for k in row["keywords"])]
        for position, row in enumerate(matched[:4]):
            code = by_name[row["name"]]
            span = _sentence_span(answer.text, row["keywords"]) if index % 3 == 0 else None
            wanted.append(Coding(answer=answer, code=code, coder=coder_a,
                                 start=span[0] if span else None, end=span[1] if span else None))
            # The second coder coded the first 60 % of the answers, and sees some things otherwise.
            if index < len(answers) * 0.6 and (index + position) % 7 != 3:
                wanted.append(Coding(answer=answer, code=code, coder=coder_b))
    before = Coding.objects.for_survey(survey).count()
    Coding.objects.bulk_create(wanted, ignore_conflicts=True)
    created["codings"] = Coding.objects.for_survey(survey).count() - before

    if answers and not Memo.objects.filter(answer__question__survey=survey).exists():
        Memo.objects.create(author=coder_a, answer=answers[0],
                            text="Usikker på om dette handler mest om forventninger eller organisering.")
    # The leader has starred two quotes per category: the first answers coded into it.
    in_category = set(
        Coding.objects.filter(answer__question__survey=survey, code__placements__category__isnull=False)
        .values_list("code__placements__category", "answer_id")
    )
    quoted = set(Quote.objects.filter(category__survey=survey).values_list("category_id", flat=True))
    quotes = []
    for category in categories.values():
        if category.id in quoted:
            continue
        coded = [a for a in answers if (category.id, a.id) in in_category][:2]
        quotes += [Quote(category=category, answer=a, position=i, starred_by=users[3][0]) for i, a in enumerate(coded)]
    Quote.objects.bulk_create(quotes, ignore_conflicts=True)


def _sentence_span(text, keywords):
    """The [start, end) of the first sentence that holds one of the keywords."""
    for match in re.finditer(r"[^.!?\n]+[.!?]?", text):
        sentence = match.group(0)
        if any(k in sentence.lower() for k in keywords) and sentence.strip():
            start = match.start() + (len(sentence) - len(sentence.lstrip()))
            end = match.end() - (len(sentence) - len(sentence.rstrip()))
            if end > start:
                return start, end
    return None
