"""python manage.py agreement SLUG --coders … --json"""

import json

import pytest
from django.core.management import CommandError, call_command

from coding.agreement.compute import gwet_ac1, nominal_alpha
from tests.coding.agreement.fixtures import agreement_data


@pytest.fixture
def data(survey, coder, co_coder):
    return agreement_data(survey, coder, co_coder)


def run(capsys, *args):
    call_command("agreement", *args)
    return capsys.readouterr().out


def test_json_has_the_documented_shape_and_values(capsys, survey, data):
    out = json.loads(run(capsys, "test", "--coders", "kari,ola", "--json"))
    assert set(out) == {"units", "overall", "codes"}
    assert out["units"] == 4
    assert set(out["overall"]) == {"percent", "alpha", "ac1", "prevalence"}
    codes = {c["code"]: c for c in out["codes"]}
    assert list(codes) == ["Eierskap", "Samlinger", "Ubrukt"]
    eier = codes["Eierskap"]
    assert set(eier) == {"code", "units", "used", "percent", "alpha", "ac1", "prevalence", "kappa"}
    # Answers 0–3: kari Eierskap on 0, 1, 3; ola on 0, 3 (and 5, not pairable) -> one disagreement in four.
    assert (eier["units"], eier["used"], eier["percent"]) == (4, 6, 75.0)
    assert eier["alpha"] == pytest.approx(nominal_alpha([[1, 1, 0, 1], [1, 0, 0, 1]]))
    assert eier["kappa"] == {"kari|ola": pytest.approx(0.5)}
    # AC1: agreement 3/4; prevalence over every answer someone coded (4: kari alone, no
    # Eierskap; 5: ola alone, Eierskap): (1 + .5 + 0 + 1 + 0 + 1) / 6.
    assert eier["prevalence"] == pytest.approx(3.5 / 6)
    assert eier["ac1"] == pytest.approx(gwet_ac1(0.75, 3.5 / 6))
    unused = codes["Ubrukt"]
    assert unused["alpha"] is None and unused["percent"] is None and unused["kappa"] == {"kari|ola": None}
    assert unused["ac1"] is None
    # Overall: the pooled table of the two used codes (8 decisions per coder).
    pooled = [[1, 1, 0, 1, 0, 1, 1, 0], [1, 0, 0, 1, 0, 1, 1, 1]]
    assert out["overall"]["alpha"] == pytest.approx(nominal_alpha(pooled))
    assert out["overall"]["percent"] == pytest.approx(75.0)


def test_questions_limit_the_answers(capsys, survey, data):
    out = json.loads(run(capsys, "test", "--coders", "kari,ola", "--questions", "4", "--json"))
    assert out["units"] == 0 and out["overall"] == {"percent": None, "alpha": None, "ac1": None, "prevalence": None}


def test_plain_output_is_a_table(capsys, survey, data):
    out = run(capsys, "test", "--coders", "kari,ola")
    assert "Eierskap" in out and "kari|ola" in out and "–" in out


@pytest.mark.parametrize("args, message", [
    (["nope", "--coders", "kari,ola"], "No survey"),
    (["test", "--coders", "kari,nobody"], "Unknown user(s): nobody"),
    (["test", "--coders", "kari"], "at least two"),
    (["test", "--coders", "kari,ola", "--questions", "99"], "Unknown question"),
    (["test", "--coders", "kari,ola", "--sample", "x"], "No sample"),
])
def test_clear_errors(survey, data, args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("agreement", *args)


def test_errors_exit_non_zero(survey, data):
    with pytest.raises(SystemExit) as exit_info:
        from django.core.management import ManagementUtility

        ManagementUtility(["manage.py", "agreement", "test", "--coders", "kari,nobody"]).execute()
    assert exit_info.value.code != 0


def test_finished_sample_counts_answers_left_without_codes(capsys, survey, data, admin, coder, co_coder):
    from coding.agreement.actions import draw_sample

    answers, _codes = data
    sample = draw_sample(survey, by=admin, name="Runde 1", size=6, seed=1, coders=[coder, co_coder])
    assert sample.answers.count() == 6
    plain = json.loads(run(capsys, "test", "--coders", "kari,ola", "--sample", "Runde 1", "--json"))
    finished = json.loads(run(capsys, "test", "--coders", "kari,ola", "--sample", "Runde 1", "--count-empty",
                              "--json"))
    # Answers 4 and 5 were coded by one coder each: in a finished sample the other said "no code".
    assert (plain["units"], finished["units"]) == (4, 6)
    eier = {c["code"]: c for c in finished["codes"]}["Eierskap"]
    assert eier["alpha"] == pytest.approx(nominal_alpha([[1, 1, 0, 1, 0, 0], [1, 0, 0, 1, 0, 1]]))
