"""How good and how fast the code suggestions are. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/suggest_bench.py            # SQLite in memory (the demo)
    DATABASE_URL=postgres://…/app_bench .venv/bin/python benchmarks/suggest_bench.py

Quality: recall@3 by leave-one-out (each coded answer in turn is left out of the evidence and
its top three suggestions are compared with its codes: the share of its codes among them,
averaged over answers), beside the baseline of always suggesting the three most frequent codes
of the layer. On the demo (the first demo coder's layer) and on synthetic coders who coded 380
and 3,800 answers on six themes worded many ways (benchmarks/suggest_data.py).

A harder figure beside it: the coder coded 380 answers worded in half of each theme's ways,
and the suggestions are asked for 200 answers worded only in the other half (no coded answer
shares their wording; only n-grams, stems and the words around them carry over). And a set
written apart (benchmarks/suggest_heldout.py): the coder coded 380 answers of suggest_data.py,
and the suggestions are asked for 200 answers that say the same themes in other sentences and
words, Bokmål and Nynorsk.

Speed: the time to suggest for one answer from a kept model (p50 and p95 over 300 answers) at
380 and 38,000 answers; the time to fit the vectors once (after an import), to take in new
codings, and through the whole query path (the stamps that keep the model up to date, the
exclusions, the evidence texts) on the demo and on a survey of 38,000 answers in the database,
both with the model kept and right after each new coding (the labels brought up to date, not
rebuilt); the model's memory.
"""

import collections
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.suggest_data import make_answers  # noqa: E402
from benchmarks.suggest_heldout import make_heldout  # noqa: E402


def recall_at_3(suggester, labels):
    """(recall@3, baseline recall@3) by leave-one-out over the coded answers in `labels`."""
    frequency = collections.Counter(c for codes in labels.values() for c in codes)
    top3 = {c for c, _n in frequency.most_common(3)}
    ours = base = 0.0
    for answer_id, codes in labels.items():
        found = {s.code_id for s in suggester.suggest(answer_id, limit=3)}
        ours += len(found & codes) / len(codes)
        base += len(top3 & codes) / len(codes)
    return ours / len(labels), base / len(labels)


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(share * len(values)))]


def synthetic(n, seed=16):
    from coding.suggestions.engine import Suggester, TextModel

    texts, themes = make_answers(n, seed=seed)
    names = {name: i for i, name in enumerate(sorted({t for ts in themes for t in ts}))}
    ids = list(range(1, n + 1))
    started = time.perf_counter()
    model = TextModel(ids, texts)
    fitted = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    labels = {i: {names[t] for t in ts} for i, ts in zip(ids, themes, strict=True)}
    started = time.perf_counter()
    suggester = Suggester(model, labels)
    labelled = time.perf_counter() - started
    return model, suggester, labels, fitted, labelled, peak


def asked_apart(train, asked):
    """recall@3 for the `asked` answers (texts, themes) when the coder coded `train`, and the
    baseline."""
    from coding.suggestions.engine import Suggester, TextModel

    (train_texts, train_themes), (test_texts, test_themes) = train, asked
    coded = len(train_texts)
    names = {name: i for i, name in enumerate(sorted({t for ts in train_themes + test_themes for t in ts}))}
    ids = list(range(1, coded + len(test_texts) + 1))
    model = TextModel(ids, train_texts + test_texts)
    labels = {i: {names[t] for t in ts} for i, ts in zip(ids, train_themes, strict=False)}
    suggester = Suggester(model, labels)
    frequency = collections.Counter(c for codes in labels.values() for c in codes)
    top3 = {c for c, _n in frequency.most_common(3)}
    ours = base = 0.0
    for answer_id, themes in zip(ids[coded:], test_themes, strict=True):
        codes = {names[t] for t in themes}
        ours += len({s.code_id for s in suggester.suggest(answer_id, limit=3)} & codes) / len(codes)
        base += len(top3 & codes) / len(codes)
    return ours / len(test_texts), base / len(test_texts)


def unseen_wording(coded=380, asked=200, seed=16):
    """The coder coded answers worded in half of each theme's ways; asked: answers worded in the
    other half."""
    return asked_apart(make_answers(coded, seed=seed, wordings=0), make_answers(asked, seed=seed + 1, wordings=1))


def written_apart(coded=380, asked=200):
    """The coder coded answers in all of suggest_data.py's ways; asked: answers written apart
    from them (benchmarks/suggest_heldout.py: other sentences and words for the same themes)."""
    return asked_apart(make_answers(coded, seed=16), make_heldout(asked))


def latency(suggester, ids, runs=300):
    rng = random.Random(3)
    times = []
    for answer_id in rng.sample(ids, min(runs, len(ids))):
        started = time.perf_counter()
        suggester.suggest(answer_id, limit=3)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), percentile(times, 0.95)


def taking_in(suggester, ids, runs=50):
    """p50, p95 (ms) of taking one more coding into a kept Suggester (another code on an answer)."""
    rng = random.Random(4)
    codes = sorted(suggester.code_rows)
    times = []
    for answer_id in rng.sample(ids, min(runs, len(ids))):
        code_id = next(c for c in codes if c not in suggester.labels[answer_id])
        started = time.perf_counter()
        suggester.with_added([(answer_id, code_id)])
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), percentile(times, 0.95)


def setup_django():
    os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")  # sqlite:///:memory: would be a file named /:memory:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veiledning.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdefghijklmnop")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def path_latency(survey, coder, answers, *, runs=200, new_coding=None):
    """p50, p95 (ms) of the whole query path for `answers`; with `new_coding(i)`, a coding is
    added before each request (the request then brings the labels up to date)."""
    from coding.suggestions import queries

    times = []
    for i, answer in enumerate((answers * (runs // len(answers) + 1))[:runs]):
        if new_coding is not None:
            new_coding(i)
        started = time.perf_counter()
        queries.suggestions_for(answer, coder, coder.pk)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), percentile(times, 0.95)


def large_survey_figures(n=38_000, coded=30_000):
    """The whole query path on a survey of `n` synthetic answers in the database."""
    import django
    from django.contrib.auth import get_user_model

    from coding.models import Code, Coding
    from coding.suggestions import queries
    from surveys.models import Answer, Question, Respondent, Survey

    texts, themes = make_answers(n, seed=38)
    survey = Survey.objects.create(title="Stor", slug="stor-forslag")
    question = Question.objects.create(survey=survey, code="1", text="Hva betydde veiledningen?", kind="open",
                                       order=1)
    respondents = Respondent.objects.bulk_create(Respondent(survey=survey, external_key=f"S{i}") for i in range(n))
    answers = Answer.objects.bulk_create(Answer(question=question, respondent=r, text=t)
                                         for r, t in zip(respondents, texts, strict=True))
    codes = {name: Code.objects.create(survey=survey, name=name) for name in sorted({t for ts in themes for t in ts})}
    coder = get_user_model().objects.create(username="storkoder")
    Coding.objects.bulk_create(Coding(answer=a, code=codes[t], coder=coder)
                               for a, ts in zip(answers[:coded], themes, strict=False) for t in ts)
    uncoded = list(Answer.objects.filter(pk__in=[a.pk for a in answers[coded:coded + 300]])
                   .select_related("question__survey"))
    started = time.perf_counter()
    queries.suggestions_for(uncoded[0], coder, coder.pk)
    first = time.perf_counter() - started
    p50, p95 = path_latency(survey, coder, uncoded[1:201])
    extra = iter(answers[coded + 300:])

    def new_coding(_i):
        Coding.objects.create(answer=next(extra), code=codes["Tid"], coder=coder)

    q50, q95 = path_latency(survey, coder, uncoded[1:201], new_coding=new_coding)
    kept = queries.suggester(survey, coder.pk)
    print(f"{n} answers in the database ({coded} coded, {django.db.connection.vendor}): the first request "
          f"fits the vectors, {first:.1f} s; then the whole query path p50 {p50:.1f} ms, p95 {p95:.1f} ms; "
          f"right after a new coding each time p50 {q50:.1f} ms, p95 {q95:.1f} ms "
          f"(the vectors kept: {kept.model.vectors.shape[0]} rows, {kept.model.nbytes / 2**20:.1f} MiB)")


def demo_figures():
    import django

    from coding.demo.loader import load_demo
    from coding.models import Coding
    from coding.suggestions import queries

    result = load_demo(with_passwords=False)
    survey, coder = result["survey"], result["users"][1][0]
    suggester = queries.suggester(survey, coder.pk)
    ours, base = recall_at_3(suggester, {a: c for a, c in suggester.labels.items() if a in suggester.model.row})
    print(f"demo ({len(suggester.model.answer_ids)} answers, {suggester.coded_answers} coded by "
          f"{coder.username}, {len(suggester.code_support)} codes used): recall@3 {ours:.3f}, "
          f"most-frequent baseline {base:.3f}")
    uncoded = [a for a in queries.answers(survey).select_related("question__survey")
               if not Coding.objects.filter(answer=a, coder=coder).exists()]
    answers = uncoded or list(queries.answers(survey).select_related("question__survey")[:50])
    times = []
    for answer in answers * max(1, 200 // len(answers)):
        started = time.perf_counter()
        queries.suggestions_for(answer, coder, coder.pk)
        times.append((time.perf_counter() - started) * 1000)
    print(f"demo, whole query path (stamps, exclusions, evidence texts; {len(times)} requests, "
          f"{django.db.connection.vendor}): p50 {statistics.median(times):.1f} ms, "
          f"p95 {percentile(times, 0.95):.1f} ms")


def main():
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    for n in (380, 3800):
        _model, suggester, labels, fitted, _labelled, _peak = synthetic(n)
        ours, base = recall_at_3(suggester, labels)
        print(f"synthetic, {n} answers all coded, six themes worded many ways: recall@3 {ours:.3f}, "
              f"most-frequent baseline {base:.3f}")
    ours, base = unseen_wording()
    print(f"synthetic, 380 coded answers, 200 more worded in ways none of them was: recall@3 {ours:.3f}, "
          f"most-frequent baseline {base:.3f}")
    ours, base = written_apart()
    print(f"synthetic, 380 coded answers, 200 more written apart from them (suggest_heldout.py): recall@3 "
          f"{ours:.3f}, most-frequent baseline {base:.3f}")
    for n in (380, 38_000):
        model, suggester, labels, fitted, labelled, peak = synthetic(n)
        p50, p95 = latency(suggester, list(labels))
        a50, a95 = taking_in(suggester, list(labels))
        print(f"{n} answers: suggest for one answer p50 {p50:.1f} ms, p95 {p95:.1f} ms; "
              f"fit the vectors {fitted:.2f} s (process peak RSS {peak / 2**20:.0f} MiB so far); "
              f"take in the layer's labels {labelled * 1000:.0f} ms, one more coding p50 {a50:.1f} ms, "
              f"p95 {a95:.1f} ms; "
              f"model {model.nbytes / 2**20:.1f} MiB ({model.vectors.shape[1]} features)")
    setup_django()
    demo_figures()
    large_survey_figures()


if __name__ == "__main__":
    main()
