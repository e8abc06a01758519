"""REFI-QDA benchmark: export the 100× survey (38,000 text answers, 150,000 codings,
300 codes) as .qdpx, and import that file into a new survey; time, file size and peak memory.

    DATABASE_URL=postgres://postgres@127.0.0.1:54330/app_refi_bench .venv/bin/python benchmarks/refi_bench.py

Export: median of 3 `build_qdpx` calls. Import: one `import_project` call (parse, checks, one
transaction), its survey deleted afterwards. Peak RSS is the process's high-water mark (Django and
the dataset build included), read after each step.
"""

import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import harness  # noqa: E402


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    harness.setup_django()
    from django.contrib.auth import get_user_model

    from coding.models import Coding
    from coding.refi.export import build_qdpx
    from coding.refi_import.importing import import_project
    from surveys.models import Survey

    survey = harness.build_large_dataset()
    codings = Coding.objects.for_survey(survey).count()
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        data = build_qdpx(survey)
        times.append(time.perf_counter() - t0)
    export_rss = peak_mb()
    print(f"export: {len(data) / 2**20:.1f} MiB, {codings} codings, times {[round(t, 1) for t in times]} s")

    Survey.objects.filter(slug="refi-bench-copy").delete()
    admin = get_user_model().objects.get(username="benchadmin")
    t0 = time.perf_counter()
    copy, summary = import_project(data, by=admin, slug="refi-bench-copy")
    import_time = time.perf_counter() - t0
    import_rss = peak_mb()
    print(f"import: {summary['answers']} answers, {summary['codings']} codings in {import_time:.1f} s")
    Coding.objects.for_survey(copy).delete()
    copy.codes.update(parent=None)
    copy.delete()

    command = "DATABASE_URL=postgres://… .venv/bin/python benchmarks/refi_bench.py"
    harness.record_figures(
        [
            {
                "figure": "refi: export .qdpx of 38,000 answers / 150,000 codings (median)",
                "value": statistics.median(times),
                "unit": "s",
                "target": "< 30 s",
                "met": statistics.median(times) < 30,
            },
            {
                "figure": "refi: .qdpx size for 38,000 answers / 150,000 codings",
                "value": len(data) / 2**20,
                "unit": "MiB",
                "target": "< 20 MiB (the upload limit)",
                "met": len(data) < 20 * 2**20,
            },
            {
                "figure": "refi: import that .qdpx into a new survey",
                "value": import_time,
                "unit": "s",
                "target": "< 60 s",
                "met": import_time < 60,
            },
            {
                "figure": "refi: peak RSS after export",
                "value": export_rss,
                "unit": "MB",
                "target": "< 1000 MB",
                "met": export_rss < 1000,
            },
            {
                "figure": "refi: peak RSS after import",
                "value": import_rss,
                "unit": "MB",
                "target": "< 1500 MB",
                "met": import_rss < 1500,
            },
        ],
        command,
    )


if __name__ == "__main__":
    main()
