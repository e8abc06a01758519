"""How good and how fast the code suggestions are. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/suggest_bench.py            # SQLite in memory (the demo)
    DATABASE_URL=postgres://…/app_bench .venv/bin/python benchmarks/suggest_bench.py

Quality: recall@3 by leave-one-out (each coded answer in turn is left out of the evidence and
its top three suggestions are compared with its codes: the share of its codes among them,
averaged over answers), beside the baseline of always suggesting the three most frequent codes
of the layer. On the demo (the first demo coder's layer) and on synthetic coders who coded 380
and 3,800 answers on six themes worded many ways (benchmarks/suggest_data.py).

Speed: the time to suggest for one answer from a kept model (p50 and p95 over 300 answers) at
380 and 38,000 answers; the time to fit the vectors once (after an import), to take in new
codings, and through the whole query path on the demo (the stamps that keep the model up to date
included); the model's memory.
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
    labels = {i: {names[t] for t in ts} for i, ts in zip(ids, themes)}
    started = time.perf_counter()
    suggester = Suggester(model, labels)
    labelled = time.perf_counter() - started
    return model, suggester, labels, fitted, labelled, peak


def latency(suggester, ids, runs=300):
    rng = random.Random(3)
    times = []
    for answer_id in rng.sample(ids, min(runs, len(ids))):
        started = time.perf_counter()
        suggester.suggest(answer_id, limit=3)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), percentile(times, 0.95)


def demo_figures():
    os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veiledning.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789abcdefghijklmnop")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
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
    uncoded = [a for a in queries.answers(survey).select_related("question__survey") if not Coding.objects.filter(answer=a, coder=coder).exists()]
    answers = uncoded or list(queries.answers(survey).select_related("question__survey")[:50])
    times = []
    for answer in answers * max(1, 200 // len(answers)):
        started = time.perf_counter()
        queries.suggestions_for(answer, coder, coder.pk)
        times.append((time.perf_counter() - started) * 1000)
    print(f"demo, whole query path (stamps, exclusions, evidence texts; {len(times)} requests, "
          f"{django.db.connection.vendor}): p50 {statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms")


def main():
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    for n in (380, 3800):
        _model, suggester, labels, fitted, _labelled, _peak = synthetic(n)
        ours, base = recall_at_3(suggester, labels)
        print(f"synthetic, {n} answers all coded, six themes worded many ways: recall@3 {ours:.3f}, "
              f"most-frequent baseline {base:.3f}")
    for n in (380, 38_000):
        model, suggester, labels, fitted, labelled, peak = synthetic(n)
        p50, p95 = latency(suggester, list(labels))
        print(f"{n} answers: suggest for one answer p50 {p50:.1f} ms, p95 {p95:.1f} ms; "
              f"fit the vectors {fitted:.2f} s (process peak RSS {peak / 2**20:.0f} MiB so far); "
              f"take in the layer's labels {labelled * 1000:.0f} ms; "
              f"model {model.nbytes / 2**20:.1f} MiB ({model.vectors.shape[1]} features)")
    demo_figures()


if __name__ == "__main__":
    main()
