"""Hostile files within the upload limit: how much memory reading each one takes.

    .venv/bin/python benchmarks/hostile_files.py [--project big.qdpx] [--root OTHER_CHECKOUT] [--no-record]

Each file is the worst of its class that a probe found (or worse), built at full size in a
temporary folder; a fresh Python process reads it the way the upload does (`parse` and, for
an accepted survey file, the preview's detection and validation; `read_project` for a
REFI-QDA project) and reports its peak RSS above what it held before reading (Django loaded
and the file's bytes in memory). `--project` adds a real project file (benchmarks/refi_bench.py
exports the 100× survey); `--root` measures another checkout of the code, for a before/after.
No database is needed. The figures go into docs/benchmarks.md unless --no-record is given.
"""

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024

CHILD = r"""
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
os.environ["DJANGO_SETTINGS_MODULE"] = "veiledning.settings"
os.environ["DEBUG"] = "1"
import django
django.setup()
from django.utils import translation
translation.activate("en")
kind, path = sys.argv[2], sys.argv[3]
data = open(path, "rb").read()
def rss():  # this process's high-water mark (VmHWM; ru_maxrss would carry over the parent's from fork)
    status = open("/proc/self/status").read()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024
before, started = rss(), time.monotonic()
try:
    if kind == "survey":
        from surveys.importing import detect as d
        from surveys.importing.mapping import clean, validate
        from surveys.importing.pipeline import read_table
        table = read_table(data, {})
        mapping = d.detect(table, not_applicable=d.NOT_APPLICABLE_LABELS, known_municipalities=set())
        validate(table, clean(mapping))
        outcome = f"read: {table.row_count} rows x {len(table.headers)} columns"
    else:
        from coding.refi_import.reading import read_project
        parsed = read_project(data)
        outcome = f"read: {len(parsed.sources)} texts, {sum(len(s.selections) for s in parsed.sources)} selections"
except Exception as error:
    outcome = "refused: " + str(getattr(error, "message", error))[:110]
print(json.dumps({"outcome": outcome, "growth": rss() - before, "seconds": time.monotonic() - started}))
"""


# ----------------------------------------------------------------------------- survey files
def csv_tiny_rows():
    return b"a,b\n" + b"1,2\n" * (19 * MB // 4)


def csv_empty_rows():
    return b"a;b\n" + b";\n" * (19 * MB // 2)


def csv_wide_header():
    return (",".join(f"k{i}" for i in range(100_000)) + "\n1,2\n").encode()


def csv_huge_cell():
    return b"Svar-ID,Tekst\nR1,kort\nR2," + b"x" * (5 * MB) + b"\n"


def csv_largest_accepted():
    """50,000 rows with answers less the header, 20 columns: 1,000,000 cells, every limit met."""
    words = ["samarbeid", "kommune", "tillit", "rådgiver", "økonomi", "skole", "kultur"]
    head = ",".join(["Svar-ID"] + [f"Spørsmål {i}" for i in range(1, 20)])
    rows = (",".join([f"R{r}"] + [f"{words[(r + c) % 7]}{(r * c) % 9}" for c in range(1, 20)]) for r in range(49_999))
    return (head + "\n" + "\n".join(rows) + "\n").encode()


SHEET = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
         'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>')


def _workbook(parts=None, extra=()):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    workbook.create_sheet("Svar").append(["Svar-ID", "Tekst"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    source, out = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            replaced = next((v for k, v in (parts or {}).items() if info.filename.startswith(k)), None)
            target.writestr(info.filename, replaced if replaced is not None else source.read(info))
        for name, content in extra:
            target.writestr(name, content)
    return out.getvalue()


def xlsx_sparse_rows():
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>Svar-ID</t></is></c></row><row r="5000000"/>'
    return _workbook({"xl/worksheets/": SHEET.format(rows=rows).encode()})


def xlsx_many_strings():
    strings = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
               'spreadsheetml/2006/main">' + "<si><t>a</t></si>" * 5_000_000 + "</sst>").encode()
    return _workbook(extra=[("xl/sharedStrings.xml", strings)])


def xlsx_large_unpacked():
    return _workbook(extra=[("xl/media/blank.bin", b"\0" * (300 * MB))])


# ----------------------------------------------------------------------------- REFI-QDA projects
PROJECT = ('<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p">'
           '{body}</Project>')


def _qdpx(qde, texts=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde)
        for name, text in texts:
            archive.writestr(name, text)
    return buffer.getvalue()


def _guid(n):
    return f"00000000-0000-4000-8000-{n:012d}"


def refi_small_entries():
    """200 texts of just under 1 MiB each in a quarter of a megabyte."""
    sources = "".join(f'<TextSource guid="{_guid(n)}" name="s{n}" plainTextPath="internal://{n}.txt"/>'
                      for n in range(200))
    qde = PROJECT.format(body=f"<Sources>{sources}</Sources>").encode()
    return _qdpx(qde, [(f"Sources/{n}.txt", b"a" * (MB - 1)) for n in range(200)])


def refi_code_flood():
    """A 150 MB project file of codes (about 2.4 million elements) packed into a few MB."""
    codes = "".join(f'<Code guid="{_guid(n)}" name="k{n}" isCodable="true"/>' for n in range(2_400_000))
    return _qdpx(PROJECT.format(body=f"<CodeBook><Codes>{codes}</Codes></CodeBook>").encode())


def refi_source_flood():
    """A 150 MB project file of 420,000 short texts, each with one coded selection."""
    code = f'<CodeBook><Codes><Code guid="{_guid(0)}" name="k" isCodable="true"/></Codes></CodeBook>'
    sources = "".join(
        f'<TextSource guid="{_guid(n)}" name="s{n}"><PlainTextContent>Svar nummer {n}</PlainTextContent>'
        f'<PlainTextSelection guid="{_guid(10**9 + n)}" startPosition="0" endPosition="4">'
        f'<Coding guid="{_guid(2 * 10**9 + n)}"><CodeRef targetGUID="{_guid(0)}"/></Coding>'
        f'</PlainTextSelection></TextSource>' for n in range(420_000))
    return _qdpx(PROJECT.format(body=f"{code}<Sources>{sources}</Sources>").encode())


def refi_deep_nesting():
    nested = "".join(f'<Code guid="{_guid(n)}" name="k{n}">' for n in range(200_000)) + "</Code>" * 200_000
    return _qdpx(PROJECT.format(body=f"<CodeBook><Codes>{nested}</Codes></CodeBook>").encode())


def refi_many_texts():
    """4,000 texts of 50,000 characters (200 MB), compressed less than 200 : 1."""
    import random

    rng = random.Random(19)
    words = ["samarbeid", "kommune", "tillit", "rådgiver", "økonomi", "veiledning", "kulturskole", "lærer"]
    texts = []
    for n in range(4_000):  # a varied passage repeated: about 60 : 1 packed, under the 200 : 1 limit
        passage = " ".join(rng.choice(words) for _ in range(120)) + " "
        texts.append((f"Sources/{n}.txt", (passage * 60)[:50_000].encode()))
    sources = "".join(f'<TextSource guid="{_guid(n)}" name="s{n}" plainTextPath="internal://{n}.txt"/>'
                      for n in range(4_000))
    return _qdpx(PROJECT.format(body=f"<Sources>{sources}</Sources>").encode(), texts)


CLASSES = [
    ("CSV: 5 million tiny rows (19 MB)", "survey", csv_tiny_rows),
    ("CSV: 9.5 million empty rows (19 MB)", "survey", csv_empty_rows),
    ("CSV: a header of 100,000 columns", "survey", csv_wide_header),
    ("CSV: one cell of 5 MB", "survey", csv_huge_cell),
    ("CSV: the largest accepted, 50,000 rows x 20 columns (preview)", "survey", csv_largest_accepted),
    ("XLSX: row 5,000,000 declared in a 6 KB file", "survey", xlsx_sparse_rows),
    ("XLSX: 5 million shared strings", "survey", xlsx_many_strings),
    ("XLSX: 300 MB unpacked", "survey", xlsx_large_unpacked),
    ("REFI-QDA: 200 texts of 1 MiB in 0.2 MB", "refi", refi_small_entries),
    ("REFI-QDA: project file of 2.4 million codes (150 MB unpacked)", "refi", refi_code_flood),
    ("REFI-QDA: project file of 420,000 coded texts (150 MB unpacked)", "refi", refi_source_flood),
    ("REFI-QDA: codes nested 200,000 deep", "refi", refi_deep_nesting),
    ("REFI-QDA: 4,000 texts of 50,000 characters (200 MB unpacked)", "refi", refi_many_texts),
]


def measure(root, kind, path):
    result = subprocess.run([sys.executable, "-c", CHILD, str(root), kind, str(path)], capture_output=True,
                            text=True, cwd=root, timeout=900)
    if result.returncode != 0:
        return {"outcome": "crashed: " + (result.stderr.strip().splitlines() or ["?"])[-1][:110],
                "growth": float("nan"), "seconds": float("nan")}
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", help="a real .qdpx to read as well")
    parser.add_argument("--root", default=str(ROOT), help="the checkout whose code reads the files")
    parser.add_argument("--only", help="classes whose name contains this")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    classes = [c for c in CLASSES if not args.only or args.only.lower() in c[0].lower()]
    if args.project:
        classes.append((f"REFI-QDA: a real project ({Path(args.project).name})", "refi", None))
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, kind, build in classes:
            path = Path(args.project) if build is None else Path(folder) / "file"
            if build is not None:
                path.write_bytes(build())
            size = path.stat().st_size / MB
            result = measure(Path(args.root), kind, path)
            print(f"{name} [{size:.2f} MB]: {result['outcome']}; +{result['growth']:.0f} MiB, "
                  f"{result['seconds']:.1f} s", flush=True)
            rows.append({"figure": f"hostile file: {name}: memory growth while reading", "value": result["growth"],
                         "unit": "MiB", "target": "refused, or read, within 400 MiB",
                         "met": result["growth"] < 400 and not result["outcome"].startswith("crashed")})
    if not args.no_record and Path(args.root) == ROOT:
        sys.path.insert(0, str(ROOT))
        from benchmarks import harness

        harness.record_figures(rows, ".venv/bin/python benchmarks/hostile_files.py --project big.qdpx")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    main()
