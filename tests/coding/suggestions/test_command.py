"""`manage.py suggest_codes SLUG --coder USER --json` in the shape scripts read."""

import json

import pytest
from django.core.management import CommandError, call_command


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("suggest_codes", *args, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def test_prints_every_uncoded_answer_with_ranked_suggestions(survey, coder, themed):
    answers, labels, codes = themed
    data = run(survey.slug, "--coder", coder.username, "--json")
    assert set(data) == {"answers"}
    assert [row["answer"] for row in data["answers"]] == [a.pk for a in answers[60:]]
    hits = total = 0
    for row in data["answers"]:
        assert set(row) == {"answer", "text", "suggestions"}
        assert row["text"] == next(a.text for a in answers if a.pk == row["answer"])
        scores = [s["score"] for s in row["suggestions"]]
        assert scores == sorted(scores, reverse=True) and len(scores) <= 3
        for s in row["suggestions"]:
            assert set(s) == {"code", "score", "evidence"}
            assert isinstance(s["score"], float) and s["evidence"]
            assert all(labels[e] >= {s["code"]} for e in s["evidence"])  # evidence coded with it
        hits += len({s["code"] for s in row["suggestions"]} & labels[row["answer"]])
        total += len(labels[row["answer"]])
    assert hits / total >= 0.85


def test_a_coder_without_coding_gets_empty_suggestions(survey, co_coder, themed):
    data = run(survey.slug, "--coder", co_coder.username, "--json")
    assert len(data["answers"]) == 80
    assert all(row["suggestions"] == [] for row in data["answers"])


def test_unknown_survey_or_coder_is_an_error(survey, coder):
    with pytest.raises(CommandError):
        run("nope", "--coder", coder.username, "--json")
    with pytest.raises(CommandError):
        run(survey.slug, "--coder", "nobody", "--json")
