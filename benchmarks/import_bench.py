"""Import benchmark: time and peak memory to import into PostgreSQL
(a) the demo survey exported as Norwegian Excel CSV (43 rows, 380 text answers), target < 0.3 s;
(b) a generated file 100× as large (4,300 rows, 38,000 text answers), target < 5 s, peak RSS < 300 MB;
and the preview of (b) as the preview page runs it (read, validate, plan: no writes), target < 2 s.

    DATABASE_URL=postgres://postgres@127.0.0.1:54330/app_import_bench .venv/bin/python benchmarks/import_bench.py

Each case runs in its own Python process so that its peak RSS (VmHWM, Django included) is
its own. Each import goes into a fresh survey; the time is the whole `import_bytes` call (parse,
detect, validate, one transaction). Median of 3 runs for time; the highest peak RSS.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks import harness  # noqa: E402

FILES = Path("/tmp/veiledning-import-bench")
RUNS = 3


def make_files():
    from coding.demo.loader import load_demo
    from surveys.exporting import to_csv, wide_rows
    from surveys.models import Survey

    load_demo(with_passwords=False)
    demo = Survey.objects.get(slug="portefolje-2")
    FILES.mkdir(exist_ok=True)
    small = to_csv(demo, encoding="cp1252", delimiter=";")
    (FILES / "a.csv").write_bytes(small)
    headers, rows = wide_rows(demo)
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    first_question = 6  # key, municipality, group, three attributes
    for copy in range(1, 101):
        for row in rows:
            row = list(row)
            row[0] = f"{row[0]}-{copy:03d}"
            for i in range(first_question, len(row)):
                if len(row[i]) > 40:  # a text answer: make each copy's text its own
                    row[i] = f"{row[i]} ({copy})"
            writer.writerow(row)
    (FILES / "b.csv").write_bytes(buffer.getvalue().encode("cp1252"))
    from surveys.importing.parse import parse

    table = parse((FILES / "b.csv").read_bytes())
    text_cells = sum(1 for r in table.rows for v in r[first_question:] if len(v.strip()) > 40)
    print(f"files: a {len(small) / 1024:.0f} KiB; b {(FILES / 'b.csv').stat().st_size / 2**20:.1f} MiB, "
          f"{table.row_count} rows, ~{text_cells} text answers")


def child(case):
    """One measurement in this process: prints {"seconds": …, "rss_mb": …}."""
    harness.setup_django()
    from surveys.importing.pipeline import detect_mapping, import_bytes, preview, read_table

    data = (FILES / ("a.csv" if case == "a" else "b.csv")).read_bytes()
    slug = f"import-bench-{case}"
    drop(slug)
    mapping = detect_mapping(read_table(data)) if case == "preview" else None  # detected at upload
    start = time.perf_counter()
    if case == "preview":  # what the preview page runs: read, validate once, plan (no lock, no writes)
        result = preview(data, {"slug": slug}, mapping)
        assert result.ready, result.errors[:3]
        summary = result.plan
    else:
        summary = import_bytes(data, slug=slug, filename=f"{case}.csv")
    seconds = time.perf_counter() - start
    rss_mb = peak_rss_mb()
    if case != "preview":
        drop(slug)
    print(json.dumps({"seconds": seconds, "rss_mb": rss_mb, "answers": summary["answers_created"]}))


def peak_rss_mb():
    """This process's peak resident memory (VmHWM). Not ru_maxrss: Linux carries the parent's
    peak across fork and exec, which would report the file generator's memory."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def drop(slug):
    from surveys.models import Respondent, Survey

    Respondent.objects.filter(survey__slug=slug).delete()  # respondents PROTECT their groups
    Survey.objects.filter(slug=slug).delete()


def measure(case):
    results = []
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, __file__, "--child", case], capture_output=True, text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return statistics.median(r["seconds"] for r in results), max(r["rss_mb"] for r in results), results[0]["answers"]


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        return child(sys.argv[2])
    harness.setup_django()
    make_files()
    command = "DATABASE_URL=postgres://… .venv/bin/python benchmarks/import_bench.py"
    rows = []
    a_s, a_rss, a_answers = measure("a")
    b_s, b_rss, b_answers = measure("b")
    p_s, p_rss, _p = measure("preview")
    print(f"(a) {a_answers} answers; (b) {b_answers} answers")
    rows.append({"figure": "import: demo CSV (43 rows, 380 texts)", "value": a_s * 1000, "unit": "ms",
                 "target": "< 300 ms", "met": a_s < 0.3})
    rows.append({"figure": "import: 100× file (4,300 rows, 38,000 texts)", "value": b_s, "unit": "s",
                 "target": "< 5 s", "met": b_s < 5})
    rows.append({"figure": "import: 100× file, peak RSS", "value": b_rss, "unit": "MB",
                 "target": "< 300 MB", "met": b_rss < 300})
    rows.append({"figure": "import: 100× file, dry-run preview", "value": p_s, "unit": "s",
                 "target": "< 2 s", "met": p_s < 2})
    print(f"(a) peak RSS {a_rss:.0f} MB; preview peak RSS {p_rss:.0f} MB; load average {os.getloadavg()[0]:.1f}")
    harness.record_figures(rows, command)


if __name__ == "__main__":
    main()
