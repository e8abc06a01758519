"""The coding workspace as a coder's browser feels it: HTTP round trips on loopback against
gunicorn and PostgreSQL, sequential, 200 requests each, median and p95.

    DATABASE_URL=postgres://…/app_bench .venv/bin/python benchmarks/coding_bench.py

(a) apply a code: the htmx POST with its rendered fragment; (b) open the next answer (htmx);
(c) a filtered answer list page; (d) a Norwegian full-text search; and the server's memory.
"""

import random
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import harness  # noqa: E402

N = 200
HTMX = {"HX-Request": "true"}
WORDS = ["samlinger", "veileder", "forankring", "kulturskole", "rektor", "tid", "erfaring", "utvikling",
         "samarbeid", "møter", "ledelse", "planer", "kommunen", "eierskap", "prosess"]


def main():
    harness.setup_django()
    survey = harness.build_large_dataset()
    from coding.models import Code
    from surveys.models import Answer

    slug = survey.slug
    answers = list(Answer.objects.textual().filter(question__survey=survey).values_list("pk", flat=True))
    codes = list(Code.objects.filter(survey=survey).values_list("pk", flat=True))
    questions = list(survey.questions.textual().values_list("pk", flat=True))
    rng = random.Random(4)
    print(f"dataset: {len(answers)} text answers, {len(codes)} codes", file=sys.stderr)

    with harness.serve(workers=2) as server:
        client = harness.Client(server.base_url).login(harness.CODERS[0])

        def check(response, path):
            if response.status >= 400:
                raise RuntimeError(f"{path}: HTTP {response.status}")
            return response

        # Each POST adds a coding that is not there yet (a repeat would time the cheaper
        # "already coded" path): pairs the coder has not coded, drawn before the clock runs.
        from coding.models import Coding

        coder = harness.CODERS[0]
        taken = set(Coding.objects.filter(coder__username=coder, start__isnull=True)
                    .values_list("answer_id", "code_id"))
        fresh = []
        while len(fresh) < N + 20:
            pair = (rng.choice(answers), rng.choice(codes))
            if pair not in taken:
                taken.add(pair)
                fresh.append(pair)

        def apply_code():
            answer, code = fresh.pop()
            check(client.post(f"/s/{slug}/codings/", {"answer": answer, "code": code}, headers=HTMX), "apply")

        def next_answer():
            path = f"/s/{slug}/answers/{rng.choice(answers)}/go/next/"
            check(client.get(path, headers=HTMX), path)

        def filtered_list():
            page = rng.randint(1, 20)
            path = (f"/s/{slug}/answers/?question={rng.choice(questions)}&coded=not_me"
                    f"&attribute=fylke&value=Viken&page={page}")
            check(client.get(path), path)

        def filtered_list_htmx():
            path = f"/s/{slug}/answers/?question={rng.choice(questions)}&coded=not_me&page={rng.randint(1, 20)}"
            check(client.get(path, headers=HTMX), path)

        def search():
            path = f"/s/{slug}/answers/?q={quote(rng.choice(WORDS))}"
            check(client.get(path), path)

        def search_htmx():
            path = f"/s/{slug}/answers/?q={quote(rng.choice(WORDS))}"
            check(client.get(path, headers=HTMX), path)

        only = set(sys.argv[1:])
        figures = {}
        for name, fn in [("apply", apply_code), ("next", next_answer), ("list", filtered_list),
                         ("list_htmx", filtered_list_htmx), ("search", search), ("search_htmx", search_htmx)]:
            if only and name not in only:
                continue
            figures[name] = harness.timed(fn, n=N)
            print(f"{name}: median {figures[name]['median']:.1f} ms, p95 {figures[name]['p95']:.1f} ms",
                  file=sys.stderr, flush=True)
        if only:
            return
        rss = harness.server_rss_mb(server)

    command = "DATABASE_URL=postgres://…/app_bench .venv/bin/python benchmarks/coding_bench.py"
    apply, next_, page, fragment = figures["apply"], figures["next"], figures["list"], figures["list_htmx"]
    rows = [
        harness.row("coding: apply a code, htmx POST + fragment (median)", apply["median"], at_most=8),
        harness.row("coding: apply a code, htmx POST + fragment (p95)", apply["p95"], at_most=15),
        harness.row("coding: open the next answer, htmx (p95)", next_["p95"], at_most=25),
        harness.row("coding: filtered answer list, full page (p95)", page["p95"], at_most=60),
        harness.row("coding: filtered answer list, htmx fragment (p95)", fragment["p95"], at_most=60),
        harness.row("coding: Norwegian full-text search, full page (p95)", figures["search"]["p95"], at_most=80),
        harness.row("coding: Norwegian full-text search, htmx fragment (p95)", figures["search_htmx"]["p95"],
                    at_most=80),
        harness.row("coding: gunicorn RSS, 2 workers, all processes", rss, unit="MB", below=250),
    ]
    harness.record_figures(rows, command)


if __name__ == "__main__":
    main()
