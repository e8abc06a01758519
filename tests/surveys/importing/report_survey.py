"""The report's survey as plain rows, for tests that write it in a survey tool's layout:
43 response units, the graded counts of figures 6–8 (and the demo's 7a, 7b, 11, 12), the
multiple-choice question 1, the single choice 6, and 380 text answers (the demo's texts).

No database. `ROWS` is a list of 43 dicts {code: value}: an int on the scale, NA (not
applicable, "Ikke deltatt"), a list of options, an option text, or a text answer.
"""

from surveys.demo import answers_part1, answers_part2, questions
from surveys.demo.loader import GRADED
from surveys.demo.municipalities import MUNICIPALITIES

UNITS = 43
NA = "Ikke deltatt"
QUESTIONS = {code: (kind, text, parent, options) for code, kind, text, parent, options in questions.QUESTIONS}
ROLES = QUESTIONS["1"][3]
MEETINGS = QUESTIONS["6"][3]
OPEN_CODES = list(questions.TEXT_ANSWER_COUNTS)
TEXTS = {**answers_part1.ANSWERS, **answers_part2.ANSWERS}
# What the report prints for figures 6, 7 and 8 (percent of 43 for 1..6).
PRINTED = {
    "2": [0, 0, 14, 33, 33, 21],
    "3a": [0, 5, 23, 21, 28, 23],
    "3b": [0, 0, 2, 5, 37, 56],
    "3c": [0, 5, 14, 40, 30, 12],
    "5a": [0, 0, 5, 16, 49, 30],
    "5b": [0, 0, 5, 12, 47, 37],
    "5c": [0, 0, 0, 21, 40, 40],
}
MATRIX_ITEMS = {"3": ["3a", "3b", "3c"], "5": ["5a", "5b", "5c"], "7": ["7a", "7b"]}


def _spread(values, offset):
    """The same values in a fixed order that differs from question to question."""
    step = 7  # coprime with 43: every respondent gets exactly one value
    return [values[(offset + i * step) % len(values)] for i in range(len(values))]


def _rows():
    rows = [{"key": f"R{n:02d}", "kommune": MUNICIPALITIES[n - 1]["name"]} for n in range(1, UNITS + 1)]
    for offset, (code, (counts, not_applicable)) in enumerate(GRADED.items()):
        values = [v for v, c in enumerate(counts, start=1) for _ in range(c)] + [NA] * not_applicable
        assert len(values) == UNITS, code
        for row, value in zip(rows, _spread(values, offset), strict=True):
            row[code] = value
    for n, row in enumerate(rows):
        row["1"] = [r for j, r in enumerate(ROLES) if (n + j) % (j + 2) != 0] or [ROLES[0]]
        row["6"] = MEETINGS[(n * 5) % 3]
    for offset, code in enumerate(OPEN_CODES):
        count = questions.TEXT_ANSWER_COUNTS[code]
        for i, text in enumerate(TEXTS[code][:count]):
            rows[(offset * 3 + i) % UNITS][code] = text
    return rows


ROWS = _rows()


def graded_counts(code):
    values = [row[code] for row in ROWS]
    return [values.count(v) for v in range(1, 7)], values.count(NA)


def role_counts():
    return {role: sum(1 for row in ROWS if role in row["1"]) for role in ROLES}


def check_summary(summary, code_for=lambda code: code, option_for=lambda option: option, extra_texts=0):
    """The survey summary has the report's units, text answers, graded counts and printed
    percentages, the matrix headings 3, 5 and 7 with their items, and question 1's options with
    their counts. `code_for` maps the report's question code to the imported survey's,
    `option_for` an option of question 1 to the imported one (its code, without a codebook)."""
    assert summary["respondents"] == UNITS
    assert summary["text_answers"] == 380 + extra_texts
    by_code = {q["code"]: q for q in summary["questions"]}
    for code in GRADED:
        entry = by_code[code_for(code)]
        counts, not_applicable = graded_counts(code)
        assert entry["kind"] == "likert", (code, entry)
        assert [entry["counts"][str(v)] for v in range(1, 7)] == counts, code
        assert entry["not_applicable"] == not_applicable, code
        assert entry["n"] == sum(counts), code
        if code in PRINTED:
            assert [entry["percent"][str(v)] for v in range(1, 7)] == PRINTED[code], code
    for stem, items in MATRIX_ITEMS.items():
        entry = by_code[code_for(stem)]
        assert entry["kind"] == "matrix" and entry["items"] == [code_for(item) for item in items], (stem, entry)
    roles = by_code[code_for("1")]
    assert roles["kind"] == "multiple" and roles["n"] == UNITS
    assert roles["counts"] == {option_for(role): count for role, count in role_counts().items()}
    return by_code


def check_elaborations(survey, code_for=lambda code: code):
    """Each "Utdyp …" question hangs under the question it elaborates, a matrix's under the
    matrix (3u under 3, not under its last item 3c)."""
    parents = {q.code: q.parent.code if q.parent else None for q in survey.questions.select_related("parent")}
    for code in ("1u", "2u", "3u", "5u", "6u", "7u", "11u", "12u"):
        assert parents[code_for(code)] == code_for(code[:-1]), (code, parents[code_for(code)])


def nothing_personal(survey, *needles):
    """No respondent attribute and no answer holds any of `needles` (addresses, names …)."""
    from surveys.models import Answer, Respondent

    attributes = " ".join(str(r.attributes) for r in Respondent.objects.filter(survey=survey))
    texts = " ".join(Answer.objects.filter(question__survey=survey).values_list("text", flat=True))
    for needle in needles:
        assert needle not in attributes and needle not in texts, needle


NAMES = ["Kari Nordmann", "Ola Hansen", "Ingrid Berg", "Per Olsen", "Siri Dahl"]


def person(n):
    """A respondent's made-up contact details: (first name, last name, e-mail, phone, IP)."""
    first, last = NAMES[n % len(NAMES)].split()
    e_mail = f"{first.lower()}.{last.lower()}{n}@kommune.no"
    return first, f"{last}{n}", e_mail, f"9{n:07d}", f"10.20.{n // 200}.{n % 200}"


PERSONAL_NEEDLES = ("@kommune.no", "Nordmann", "Hansen", "10.20.0.")
