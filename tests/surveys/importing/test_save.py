"""Saving: atomic (F1), idempotent (F2), corrected files keep codings flagged (F3), double submit
(F4), municipalities and groups, the command's exit codes, and the demo round trip."""

import json
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from coding.dashboards.summary import survey_summary
from coding.models import Code, Coding
from surveys.exporting import to_csv, to_xlsx
from surveys.importing import save
from surveys.importing.save import ImportRejected, import_bytes
from surveys.models import Answer, ImportRun, Municipality, MunicipalityGroup, Respondent, Survey

FILE = (
    "Svar-ID;Kommune;Kommunegruppe;Fylke;2. Hvor fornøyd er dere?;2u. Utdyp svaret;4. Hva forventet dere?\r\n"
    "R1;Bærum;;Viken;5;Godt samarbeid;Mer tid\r\n"
    "R2;  BÆRUM ;;Viken;6 - I svært stor grad;;Økt kvalitet\r\n"
    "R3;;Kommunegruppe Valdres;Innlandet;3;Lite tid;\r\n"
    "R4;Vang;Kommunegruppe Valdres;Innlandet;4;;Samarbeid\r\n"
    "R5;Ny kommune;;Agder;Ikke deltatt;;Nettverk\r\n"
)


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in their English source form here (test_norwegian_messages checks nb)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _data(text=FILE):
    return text.encode("cp1252")


def test_first_import_creates_everything(db, admin):
    bærum = Municipality.objects.create(name="Bærum")
    summary = import_bytes(_data(), slug="ny", title="Ny undersøkelse", by=admin, filename="svar.csv")
    survey = Survey.objects.get(slug="ny")
    assert survey.title == "Ny undersøkelse"
    assert summary["respondents_created"] == 5
    assert summary["answers_created"] == 11
    assert summary["municipalities_created"] == ["Ny kommune", "Vang"]
    assert summary["groups_created"] == ["Kommunegruppe Valdres"]
    r1, r2, r3, r4, _r5 = survey.respondents.order_by("external_key")
    assert r1.municipality == bærum and r2.municipality == bærum
    assert r3.group.name == "Kommunegruppe Valdres" and r3.municipality is None
    assert r4.municipality in r4.group.members.all()
    assert r1.attributes == {"fylke": "Viken"}
    q2 = survey.questions.get(code="2")
    assert (q2.kind, q2.scale_min, q2.scale_max) == ("likert", 1, 6)
    assert survey.questions.get(code="2u").parent == q2
    assert Answer.objects.get(question=q2, respondent__external_key="R5").not_applicable
    assert Municipality.objects.get(name="Vang").name_key == "vang"
    run = ImportRun.objects.get()
    assert (run.status, run.filename, run.survey) == ("done", "svar.csv", survey)
    assert run.created_by == admin and run.summary["answers_created"] == 11


def test_reimport_changes_nothing(db, admin):
    import_bytes(_data(), slug="ny", by=admin)
    summary = import_bytes(_data(), slug="ny", by=admin)
    assert (summary["created"], summary["updated"], summary["removed"]) == (0, 0, 0)
    assert summary["unchanged"] == 5 + 11
    assert Respondent.objects.count() == 5 and Answer.objects.count() == 11


def test_dry_run_writes_nothing_and_reports(db, admin):
    summary = import_bytes(_data(), slug="ny", dry_run=True)
    assert summary["answers_created"] == 11
    assert not Survey.objects.exists() and not Municipality.objects.exists()


def test_corrected_file_updates_only_what_changed_and_flags_codings(db, admin, coder):
    import_bytes(_data(), slug="ny", by=admin)
    survey = Survey.objects.get(slug="ny")
    answer = Answer.objects.get(respondent__external_key="R1", question__code="2u")
    untouched = Answer.objects.get(respondent__external_key="R2", question__code="4")
    code = Code.objects.create(survey=survey, name="Samarbeid")
    Coding.objects.create(answer=answer, code=code, coder=coder)
    gone = Answer.objects.get(respondent__external_key="R3", question__code="2u")
    Coding.objects.create(answer=gone, code=code, coder=coder)
    corrected = FILE.replace("Godt samarbeid", "Svært godt samarbeid").replace(";Lite tid;", ";;").replace(
        "Mer tid", "Mer tid og ro")
    summary = import_bytes(_data(corrected), slug="ny", by=admin)
    assert summary["answers_updated"] == 2
    assert summary["flagged_for_review"] == 2
    assert summary["answers_created"] == 0 and summary["answers_removed"] == 1
    answer.refresh_from_db()
    assert answer.text == "Svært godt samarbeid"
    assert answer.needs_review and answer.previous_text == "Godt samarbeid"
    assert answer.codings.count() == 1
    gone.refresh_from_db()
    assert gone.text == "" and gone.needs_review and gone.previous_text == "Lite tid" and gone.codings.count() == 1
    other = Answer.objects.get(respondent__external_key="R1", question__code="4")
    assert other.text == "Mer tid og ro" and not other.needs_review  # no codings: nothing to review
    untouched_before = untouched.updated_at
    untouched.refresh_from_db()
    assert untouched.updated_at == untouched_before


def test_bad_cells_reject_the_whole_file(db, admin):
    bad = FILE.replace("R4;Vang;Kommunegruppe Valdres;Innlandet;4", "R4;Vang;Kommunegruppe Valdres;Innlandet;9")
    bad = bad.replace(";3;Lite tid", ";fem;Lite tid")
    from surveys.importing.detect import detect
    from surveys.importing.parse import parse

    mapping = detect(parse(_data(bad)))
    next(c for c in mapping["columns"] if c.get("code") == "2").update(kind="likert", scale_min=1, scale_max=6,
                                                                       not_applicable_codes={})  # not 9 as a code
    with pytest.raises(ImportRejected) as rejected:
        import_bytes(_data(bad), slug="ny", by=admin, mapping=mapping)
    assert [(e.line, e.value) for e in rejected.value.errors] == [(4, "fem"), (5, "9")]
    assert not Survey.objects.exists() and not Respondent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_fault_mid_import_rolls_everything_back(admin, monkeypatch):
    def fault(rows, now):
        assert Respondent.objects.count() == 5  # half-way: respondents written, answers not yet
        raise RuntimeError("disk full")

    monkeypatch.setattr(save, "insert_answers", fault)
    with pytest.raises(RuntimeError):
        import_bytes(_data(), slug="ny", by=admin)
    assert not Survey.objects.exists()
    assert not Respondent.objects.exists() and not Municipality.objects.exists()
    assert not MunicipalityGroup.objects.exists() and not ImportRun.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_imports_do_not_duplicate(admin):
    results, failures = [], []
    barrier = threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            results.append(import_bytes(_data(), slug="ny", by=admin))
        except Exception as error:  # pragma: no cover - reported below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    assert sorted(r["respondents_created"] for r in results) == [0, 5]
    assert Survey.objects.count() == 1 and Respondent.objects.count() == 5 and Answer.objects.count() == 11


def test_command_prints_summary_and_dry_run(db, tmp_path, capsys):
    path = tmp_path / "svar.csv"
    path.write_bytes(_data())
    call_command("import_survey", str(path), "--survey", "ny", "--dry-run")
    assert "Dry run" in capsys.readouterr().out
    assert not Survey.objects.exists()
    call_command("import_survey", str(path), "--survey", "ny", "--title", "Ny")
    out = capsys.readouterr().out
    assert "19 created" in out and Survey.objects.get().title == "Ny"


def test_command_with_saved_mapping(db, tmp_path, capsys):
    from surveys.importing.detect import detect
    from surveys.importing.parse import parse

    mapping = detect(parse(_data()))
    for column in mapping["columns"]:
        if column.get("code") == "4":
            column["code"] = "4x"
    (tmp_path / "m.json").write_text(json.dumps(mapping), encoding="utf-8")
    (tmp_path / "svar.csv").write_bytes(_data())
    call_command("import_survey", str(tmp_path / "svar.csv"), "--survey", "ny", "--mapping", str(tmp_path / "m.json"))
    assert Survey.objects.get().questions.filter(code="4x").exists()


def test_command_error_prints_every_bad_cell_and_exits_non_zero(db, tmp_path, capsys):
    path = tmp_path / "svar.csv"
    path.write_bytes(_data(FILE.replace(";5;Godt", ";fem;Godt").replace("R2;", "R1;")))
    with pytest.raises(CommandError, match="2 error"):
        call_command("import_survey", str(path), "--survey", "ny")
    err = capsys.readouterr().err
    assert "line 2" in err and "fem" in err and "also on line 2" in err
    assert not Survey.objects.exists()


def test_command_exit_code_in_a_subprocess(db, tmp_path):
    from django.core.management import ManagementUtility

    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "import_survey", str(path), "--survey", "ny"]).execute()
    assert exit_info.value.code == 1


def _compare(demo, slug):
    a, b = survey_summary(demo), survey_summary(Survey.objects.get(slug=slug))
    for key in ("respondents", "text_answers", "questions"):
        assert a[key] == b[key], key


def test_round_trip_demo_as_norwegian_excel_csv(demo):
    data = to_csv(demo, encoding="cp1252", delimiter=";")
    data.decode("cp1252")
    import_bytes(data, slug="kopi-csv")
    _compare(demo, "kopi-csv")
    assert import_bytes(data, slug="kopi-csv")["created"] == 0


def test_round_trip_demo_as_xlsx(demo):
    import_bytes(to_xlsx(demo), slug="kopi-xlsx")
    _compare(demo, "kopi-xlsx")


def test_merged_municipality_is_matched_when_no_current_one_has_the_name(db, admin):
    from datetime import date

    new = Municipality.objects.create(name="Lillestrøm")
    old = Municipality.objects.create(name="Skedsmo", merged_into=new, valid_to=date(2019, 12, 31))
    summary = import_bytes(_data("Svar-ID;Kommune;4. Hva?\r\nR1;skedsmo;Tekst\r\nR2;LILLESTRØM;Mer\r\n"), slug="ny")
    assert summary["municipalities_created"] == []
    assert [r.municipality for r in Respondent.objects.order_by("external_key")] == [old, new]


def test_awkward_text_is_stored_exactly(db):
    text = 'Linje 1\r\nLinje\t2 \\N \\\\ "sitat" =SUM(A1) ø\u0308'
    import csv
    import io

    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";").writerows([["Svar-ID", "4. Hva?", "1. Roller"],
                                                 ["R1", text, "A\\B; C\tD"], ["R2", "x", "A\\B"], ["R3", "y", "C\tD"]])
    import_bytes(buffer.getvalue().encode(), slug="ny")
    import unicodedata

    assert Answer.objects.get(respondent__external_key="R1", question__code="4").text == \
        unicodedata.normalize("NFC", text)
    assert Answer.objects.get(respondent__external_key="R1", question__code="1").choices == ["A\\B", "C\tD"]


@pytest.mark.postgres
def test_a_large_import_brings_postgresqls_statistics_up_to_date(admin, monkeypatch):
    """Right after an import the planner must know the new answers are there (else the answer
    list sorts all of a large survey's answers for its first page): the import analyses."""
    from surveys.importing import bulk

    monkeypatch.setattr(bulk, "ANALYZE_ABOVE", 5)

    def estimated_answers():
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [Answer._meta.db_table])
            return cursor.fetchone()[0]

    before = estimated_answers()
    import_bytes(_data(), slug="ny", by=admin)
    answers = Answer.objects.count()
    assert answers >= 5 and before < answers
    assert estimated_answers() == answers
