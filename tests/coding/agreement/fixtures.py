"""Small agreement data: two questions, six answers, three codes, two coders who mostly agree."""

from coding.models import Code, Coding
from tests.conftest import make_answer, make_question


def agreement_data(survey, coder, co_coder):
    q1 = make_question(survey, "2u")
    q2 = make_question(survey, "4")
    answers = [make_answer(q1, text=f"Svar {i}") for i in range(4)] + [make_answer(q2, text=f"Svar {i}")
                                                                      for i in range(4, 6)]
    codes = {name: Code.objects.create(survey=survey, name=name) for name in ("Eierskap", "Samlinger", "Ubrukt")}
    eier, saml = codes["Eierskap"], codes["Samlinger"]
    layout = {
        coder: {0: [eier], 1: [eier, saml], 2: [saml], 3: [eier], 4: [saml]},
        co_coder: {0: [eier], 1: [saml], 2: [saml], 3: [eier, saml], 5: [eier]},
    }
    for person, by_answer in layout.items():
        for index, code_list in by_answer.items():
            for code in code_list:
                Coding.objects.create(answer=answers[index], code=code, coder=person)
    return answers, codes
