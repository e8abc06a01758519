"""Run QualCoder's own REFI-QDA project importer on a `.qdpx` and print what arrived.

QualCoder (https://github.com/ccbogel/QualCoder, LGPL) is not a dependency of veiledning and
none of its code is in this repository: give the path of its source (a checkout or an unpacked
release) and a Python that has PyQt6, PyMuPDF and Pillow (QualCoder's `refi.py` imports them).
Nothing is shown on screen (Qt's offscreen platform) and nothing outside a temporary folder is
written. The project database is created with the CREATE TABLE statements that QualCoder's own
`new_project` runs, read from its source with `ast`, so the import lands where it would in the
application.

    python3 -m venv /tmp/qc && /tmp/qc/bin/pip install PyQt6 pymupdf Pillow
    .venv/bin/python manage.py export_qdpx portefolje-2 /tmp/demo.qdpx
    /tmp/qc/bin/python scripts/qualcoder_import.py --qualcoder ~/src/QualCoder /tmp/demo.qdpx

It prints the coders, codings, duplicates QualCoder rejected, annotations (memos on answers),
journals (the other notes), cases with their attributes and codes, beside what the file holds,
and exits non-zero when the importer crashed, a coding is missing, or a coding arrived under
QualCoder's fallback coder "default". `--json` prints the same as JSON.
"""

import argparse
import ast
import contextlib
import io
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

NS = "{urn:QDA-XML:project:1.0}"


def expected(qdpx):
    """What the file holds, read with the standard library (it is our own export)."""
    with zipfile.ZipFile(qdpx) as archive:
        name = next(n for n in archive.namelist() if n.lower().endswith(".qde"))
        root = ET.fromstring(archive.read(name))
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{NS}User")}
    codings, per_user = 0, Counter()
    for selection in root.iter(f"{NS}PlainTextSelection"):
        for coding in selection.findall(f"{NS}Coding"):
            codings += 1
            per_user[users.get(coding.get("creatingUser"), "?")] += 1
    notes = root.findall(f"{NS}Notes/{NS}Note")
    return {
        "users": sorted(set(users.values())),
        "codings": codings,
        "codings_per_coder": dict(sorted(per_user.items())),
        "notes": len(notes),
        "notes_with_a_span": sum(1 for n in notes if n.find(f"{NS}PlainTextSelection") is not None),
        "text_notes": sum(1 for n in notes if n.get("plainTextPath")),
        "notes_without_date": sum(1 for n in notes if not (n.get("creationDateTime") or n.get("modifiedDateTime"))),
        "selections_without_user": sum(
            1 for s in root.iter(f"{NS}PlainTextSelection") if not s.get("creatingUser")
        ),
        "cases": len(root.findall(f"{NS}Cases/{NS}Case")),
        "variables": len(root.findall(f"{NS}Variables/{NS}Variable")),
        "codes": len(list(root.iter(f"{NS}Code"))),
        "sets": len(root.findall(f"{NS}Sets/{NS}Set")),
    }


def create_tables(qualcoder_src, conn):
    """The tables of a new QualCoder project, as its `new_project` creates them."""
    main = Path(qualcoder_src) / "src" / "qualcoder" / "__main__.py"
    tree = ast.parse(main.read_text(encoding="utf-8"))
    function = next(
        node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name == "new_project"
    )
    statements = [
        node.args[0].value
        for node in ast.walk(function)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", "") == "execute"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and str(node.args[0].value).lstrip().upper().startswith("CREATE TABLE")
    ]
    if not statements:
        raise SystemExit(f"No CREATE TABLE statements found in new_project of {main}")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    return len(statements)


class Log:
    """QualCoder's importer writes its progress into a QTextEdit; this keeps the lines."""

    def __init__(self):
        self.lines = []

    def append(self, text):
        self.lines.append(str(text))


class Silent:
    """QualCoder's message box, which would wait for a click: the message is kept instead."""

    shown = []

    def __init__(self, app, title, text, icon="information"):
        Silent.shown.append(f"{title}: {text}")

    def exec(self):
        return 0


class FakeApp:
    """The attributes of QualCoder's App that its REFI importer reads."""

    def __init__(self, project_path, conn):
        self.project_path = str(project_path)
        self.conn = conn
        self.settings = {"directory": str(project_path.parent), "codername": "default", "ai_enable": "False"}
        self.ai_models = []
        self.project_events = None

    def write_config_ini(self, settings, ai_models):
        pass


def run_import(qualcoder_src, qdpx, workdir):
    """QualCoder prints as it goes (a missing VLC, progress): kept in the log, off our output."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        conn, log, tables, error = _run_import(qualcoder_src, qdpx, workdir)
    log.lines += printed.getvalue().splitlines()
    return conn, log, tables, error


def _run_import(qualcoder_src, qdpx, workdir):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(Path(qualcoder_src) / "src"))
    from PyQt6 import QtWidgets  # noqa: PLC0415 - needs the path above

    application = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    import qualcoder.refi as refi  # noqa: PLC0415

    refi.Message = Silent
    project = workdir / "veiledning.qda"
    (project / "documents").mkdir(parents=True)
    for folder in ("images", "audio", "video"):
        (project / folder).mkdir()
    conn = sqlite3.connect(project / "data.qda")
    tables = create_tables(qualcoder_src, conn)
    copy = workdir / "import.qdpx"  # QualCoder unpacks next to the file it reads
    shutil.copyfile(qdpx, copy)
    log = Log()
    importer = refi.RefiImport.__new__(refi.RefiImport)  # __init__ would open a file dialog
    importer_init = {
        "app": FakeApp(project, conn), "parent_textedit": log, "import_type": "qdpx", "file_path": str(copy),
        "folder_name": "", "sources_name": "/Sources", "file_vars": [], "annotations": [], "links": [],
        "tree": None, "codes": [], "users": [], "cases": [], "sources": [], "source_name_prefix": 0,
        "variables": [], "xml": None, "base_path": "", "software_name": "", "xmlns_version": "1.0",
        "pd": None, "pd_value": 0,
    }
    for key, value in importer_init.items():
        setattr(importer, key, value)
    error = None
    try:
        importer.import_project()
    except Exception:  # the point of the script: say how QualCoder fails
        error = traceback.format_exc()
    application.processEvents()
    return conn, log, tables, error


def arrived(conn, log):
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    cases = conn.execute("select caseid, name from cases order by caseid").fetchall()
    case_attributes = Counter(
        name for (name,) in conn.execute("select name from attribute where attr_type='case'")
    )
    file_attributes = Counter(
        name for (name,) in conn.execute("select name from attribute where attr_type='file'")
    )
    return {
        "coders": dict(conn.execute("select owner, count(*) from code_text group by owner order by owner").fetchall()),
        "codings": one("select count(*) from code_text"),
        "duplicates_rejected": sum(1 for line in log.lines if line.startswith("Duplicated text coding")),
        "codes": one("select count(*) from code_name"),
        "categories": one("select count(*) from code_cat"),
        "sources": one("select count(*) from source"),
        "annotations": one("select count(*) from annotation"),
        "annotation_owners": dict(
            conn.execute("select owner, count(*) from annotation group by owner order by owner").fetchall()
        ),
        "journals": [row[0] for row in conn.execute("select name from journal order by name")],
        "cases": len(cases),
        "case_texts": one("select count(*) from case_text"),
        "case_attributes": dict(sorted(case_attributes.items())),
        "file_attributes": dict(sorted(file_attributes.items())),
        "variables": one("select count(*) from attribute_type"),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("qdpx", type=Path)
    parser.add_argument("--qualcoder", type=Path, required=True,
                        help="path of QualCoder's source (the folder that holds src/qualcoder)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the QualCoder project folder and print its path")
    args = parser.parse_args(argv)
    if not (args.qualcoder / "src" / "qualcoder" / "refi.py").is_file():
        parser.error(f"{args.qualcoder} holds no src/qualcoder/refi.py")
    want = expected(args.qdpx)
    workdir = Path(tempfile.mkdtemp(prefix="qualcoder-import-"))
    try:
        conn, log, tables, error = run_import(args.qualcoder, args.qdpx, workdir)
        got = arrived(conn, log)
        conn.close()
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    problems = []
    if error:
        problems.append("QualCoder's importer crashed:\n" + error)
    if got["codings"] != want["codings"]:
        problems.append(f"{want['codings']} codings in the file, {got['codings']} arrived")
    if "default" in got["coders"]:
        problems.append(f"{got['coders']['default']} codings arrived as coder 'default'")
    if got["duplicates_rejected"]:
        problems.append(f"{got['duplicates_rejected']} codings rejected as duplicates")
    if got["coders"] != want["codings_per_coder"] and not error:
        problems.append(f"codings per coder differ: file {want['codings_per_coder']}, QualCoder {got['coders']}")
    report = {"file": want, "qualcoder": got, "tables": tables, "problems": problems}
    if args.keep:
        report["project"] = str(workdir / "veiledning.qda")
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"QualCoder's REFI importer on {args.qdpx.name} ({tables} tables from its new_project)")
        for key in ("coders", "codings", "duplicates_rejected", "codes", "categories", "sources", "annotations",
                    "annotation_owners", "journals", "cases", "case_texts", "case_attributes", "file_attributes",
                    "variables"):
            print(f"  {key:20} {got[key]}")
        print("In the file:")
        for key, value in want.items():
            print(f"  {key:20} {value}")
        print("Problems:" if problems else "All coders and codings arrived.")
        for problem in problems:
            print("  - " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
