"""Small explicit builders for the board tests."""

from coding.models import Category, CategoryCode, Code, Coding
from tests.conftest import make_answer, make_question


def make_category(survey, name, order=0, **extra):
    return Category.objects.create(survey=survey, name=name, order=order, **extra)


def make_code(survey, name, colour="#336699", **extra):
    return Code.objects.create(survey=survey, name=name, colour=colour, **extra)


def place(code, category, position=0):
    return CategoryCode.objects.create(code=code, category=category, position=position)


def build_board(survey, coder, *, codes=3, answers_per_code=2, categories=("Forankring", "Organisering")):
    """Categories, codes (the first placed in the first category) and codings by `coder`."""
    question = make_question(survey, "4")
    columns = [make_category(survey, name, order=i) for i, name in enumerate(categories, start=1)]
    made = []
    for i in range(codes):
        code = make_code(survey, f"Kode {i:03d}")
        made.append(code)
        for j in range(answers_per_code):
            answer = make_answer(question, text=f"Svar {i}-{j}: tydelig forankring i ledelsen.")
            Coding.objects.create(answer=answer, code=code, coder=coder, start=0, end=5)
    if made and columns:
        place(made[0], columns[0])
    return columns, made
