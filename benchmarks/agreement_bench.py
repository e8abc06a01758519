"""Agreement benchmark: 38,000 answers × 4 coders × 300 codes (150,000 codings),
target: the agreement page computes in under 2 s.

    DATABASE_URL=postgres://postgres@127.0.0.1:54330/app_agreement_bench .venv/bin/python benchmarks/agreement_bench.py

Figures: the computation alone (one query of presence triples + the vectorised figures for
300 codes and 6 coder pairs), the `krippendorff` package for comparison (300 calls on the same
data), the page's server time (Django's test client in process) and HTTP round trips against
gunicorn on loopback, as admin (figures, settings, samples) and reviewer (figures only), and
the reconciliation page's server time.
Median and p95 over sequential requests after a warm-up; rows go to docs/benchmarks.md.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import harness  # noqa: E402

N = 20
TARGET_MS = 2000


def main():
    harness.setup_django()
    import krippendorff
    import numpy as np
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from coding.agreement.compute import compute
    from coding.agreement.queries import AnswerSet, agreement_for, presence_rows
    from coding.models import Code

    survey = harness.build_large_dataset()
    users = get_user_model().objects.filter(username__in=harness.CODERS).order_by("username")
    coders = list(users)
    rows = []

    def figure(name, stats, target=TARGET_MS, unit="ms"):
        print(f"{name}: median {stats['median']:.0f} ms, p95 {stats['p95']:.0f} ms", flush=True)
        for stat in ("median", "p95"):
            rows.append({"figure": f"agreement: {name} ({stat})", "value": stats[stat], "unit": unit,
                         "target": f"< {target} ms", "met": stats[stat] < target})

    result, codes = agreement_for(survey, coders, AnswerSet())
    print(f"{result.units} units, {len(codes)} codes, {len(result.pairs)} pairs, overall alpha {result.alpha:.3f}")
    figure("computation, 4 coders × 300 codes, query + figures",
           harness.timed(lambda: agreement_for(survey, coders, AnswerSet()), n=N, warmup=2))

    triples = presence_rows(survey, [c.id for c in coders], AnswerSet())
    code_ids = list(Code.objects.filter(survey=survey).values_list("id", flat=True))
    figure("figures only, from the triples in memory",
           harness.timed(lambda: compute(triples, coder_ids=[c.id for c in coders], code_ids=code_ids),
                         n=N, warmup=2))

    # The package, one call per code on a coders × units matrix, for comparison.
    answers = np.unique(triples[:, 0])
    index = {c.id: i for i, c in enumerate(coders)}
    coded = np.full((len(coders), answers.size), np.nan)
    unit = np.searchsorted(answers, triples[:, 0])
    who = np.array([index[c] for c in triples[:, 2]])
    coded[who, unit] = 0
    started = time.perf_counter()
    for code_id in code_ids[:30]:
        matrix = coded.copy()
        hit = triples[:, 1] == code_id
        matrix[who[hit], unit[hit]] = 1
        krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    per_call = (time.perf_counter() - started) / 30 * 1000
    print(f"krippendorff package: {per_call:.1f} ms per code → {per_call * 300 / 1000:.1f} s for 300 codes")
    rows.append({"figure": "agreement: krippendorff package, 300 codes (for comparison, not used on the page)",
                 "value": per_call * 300, "unit": "ms", "target": "—", "met": True})

    path = f"/s/{survey.slug}/agreement/"
    for username, who_label in [("benchadmin", "admin"), ("benchleder", "reviewer")]:
        client = Client(HTTP_HOST="localhost")
        client.force_login(get_user_model().objects.get(username=username))
        response = client.get(path)
        assert response.status_code == 200 and b"agreement-table" in response.content, response.status_code
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        print(f"{who_label}: {len(queries)} queries, {len(response.content) / 1024:.0f} KiB")
        figure(f"page, server time as {who_label}", harness.timed(lambda c=client: c.get(path), n=N, warmup=2))
    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(username="benchadmin"))
    reconcile = f"/s/{survey.slug}/agreement/reconcile/?page=50"
    assert client.get(reconcile).content.count(b'class="answer-card"') == 20
    figure("reconciliation page (20 answers with disagreements), server time as admin",
           harness.timed(lambda: client.get(reconcile), n=N, warmup=2))
    with harness.serve() as server:
        for username, who_label in [("benchadmin", "admin"), ("benchleder", "reviewer")]:
            http = harness.Client(server.base_url).login(username)
            assert http.get(path).status == 200
            figure(f"page, HTTP round trip as {who_label}", harness.timed(lambda h=http: h.get(path), n=N, warmup=2))
    harness.record_figures(rows, "DATABASE_URL=… .venv/bin/python benchmarks/agreement_bench.py")


if __name__ == "__main__":
    main()
