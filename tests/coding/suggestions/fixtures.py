"""A survey where one coder coded most answers on a handful of themes worded many ways (the
fixture `themed` in conftest.py; benchmarks/suggest_data.py writes the answers)."""

from benchmarks.suggest_data import make_answers
from coding.models import Code, Coding
from tests.conftest import make_answer, make_question, make_respondent


def themed_survey(survey, coder, n=80, coded=60, seed=16):
    """(answers, labels by answer id, codes by name): the first `coded` answers coded by `coder`."""
    question = make_question(survey, "9", text="Hva har veiledningen betydd?")
    texts, labels = make_answers(n, seed=seed)
    themes = sorted({name for names in labels for name in names})
    codes = {name: Code.objects.create(survey=survey, name=name) for name in themes}
    answers = [make_answer(question, make_respondent(survey, f"T{i}"), text=t) for i, t in enumerate(texts)]
    Coding.objects.bulk_create(
        Coding(answer=a, code=codes[name], coder=coder)
        for a, names in zip(answers[:coded], labels[:coded], strict=True)
        for name in names
    )
    return answers, {a.pk: names for a, names in zip(answers, labels, strict=True)}, codes
