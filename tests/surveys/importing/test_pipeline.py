"""The web import runs the command line's pipeline: a pure preview (validates once, no lock,
no writes), a formset for the columns, and an upload form that keeps its fields when the file
is too large."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from surveys.importing import mapping as mapping_module
from surveys.importing import save
from surveys.importing.pipeline import detect_mapping, preview, read_table
from surveys.models import ImportRun, Survey

CSV = ("Svar-ID;Kommune;2. Hvor fornøyd er dere?;4. Hva forventet dere?\r\n"
       "R1;Bærum;5;Mer tid\r\nR2;Asker;6;Økt kvalitet\r\nR3;Vang;3;Nettverk\r\n").encode("cp1252")


def _upload(client, data=CSV, **extra):
    fields = {"file": SimpleUploadedFile("svar.csv", data, content_type="text/csv"), "target": "new",
              "title": "Ny undersøkelse", "slug": "ny", **extra}
    return client.post(reverse("surveys:import"), fields)


def test_preview_validates_once_takes_no_lock_and_writes_nothing(db, monkeypatch):
    calls = []
    real_validate = mapping_module.validate
    monkeypatch.setattr("surveys.importing.pipeline.validate",
                        lambda *a, **k: calls.append(1) or real_validate(*a, **k))
    monkeypatch.setattr(save, "lock", lambda slug: (_ for _ in ()).throw(AssertionError("the preview locked")))
    options = {"slug": "ny"}
    table = read_table(CSV, options)
    with CaptureQueriesContext(connection) as queries:
        result = preview(CSV, options, detect_mapping(table, options))
    assert result.ready and result.plan["respondents_created"] == 3 and result.plan["answers_created"] == 6
    assert len(calls) == 1
    sql = " ".join(q["sql"].upper() for q in queries.captured_queries)
    assert "INSERT" not in sql and "UPDATE" not in sql and "ADVISORY" not in sql and "FOR UPDATE" not in sql
    assert not Survey.objects.exists()


def test_preview_page_does_not_lock(client_for, admin, monkeypatch):
    client = client_for(admin)
    _upload(client)
    run = ImportRun.objects.get()
    monkeypatch.setattr(save, "lock", lambda slug: (_ for _ in ()).throw(AssertionError("the preview locked")))
    page = client.get(reverse("surveys:import_preview", args=[run.pk])).content.decode()
    assert 'id="validation-ok"' in page and 'name="col-TOTAL_FORMS"' in page


def test_a_bad_value_in_the_column_formset_is_shown_and_changes_nothing(client_for, admin):
    client = client_for(admin)
    _upload(client)
    run = ImportRun.objects.get()
    before = run.mapping
    index = next(i for i, c in enumerate(run.mapping["columns"]) if c.get("code") == "2")
    columns = run.mapping["columns"]
    post = {"col-TOTAL_FORMS": str(len(columns)), "col-INITIAL_FORMS": str(len(columns)),
            **{f"col-{i}-role": c["role"] for i, c in enumerate(columns)}, f"col-{index}-scale_min": "tre"}
    page = client.post(reverse("surveys:import_mapping", args=[run.pk]), post).content.decode()
    run.refresh_from_db()
    assert run.mapping == before
    assert "Oppgi et heltall" in page or "Enter a whole number" in page


def test_too_large_upload_keeps_the_other_fields(client_for, admin, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    response = _upload(client_for(admin), CSV * 20, title="Innbyggerundersøkelse 2026", slug="innbyggere-2026")
    page = response.content.decode()
    assert response.status_code == 413 and "MB" in page
    assert 'value="Innbyggerundersøkelse 2026"' in page and 'value="innbyggere-2026"' in page
    assert not ImportRun.objects.exists()


def test_a_short_name_typed_as_words_becomes_one(client_for, admin):
    """As in the survey settings: "Kulturskole Vår 2026" is kulturskole-var-2026, not refused."""
    response = _upload(client_for(admin), CSV, title="Kulturskole", slug="Kulturskole Vår 2026")
    assert response.status_code == 302
    assert ImportRun.objects.get().options["slug"] == "kulturskole-var-2026"
    refused = _upload(client_for(admin), CSV, title="Kulturskole", slug="!!!")
    assert "kortnavn av bokstaver eller sifre" in refused.content.decode()  # the form again, with the reason


def test_preview_names_the_tool_and_flags_personal_columns(client_for, admin):
    from tests.surveys.importing.test_tool_surveymonkey import surveymonkey_csv

    client = client_for(admin)
    _upload(client, surveymonkey_csv())
    run = ImportRun.objects.get()
    page = client.get(reverse("surveys:import_preview", args=[run.pk])).content.decode()
    assert "Lest som" in page and 'id="fact-read-as">SurveyMonkey-eksport, 2 overskriftsrader<' in page
    assert 'id="fact-rows">43<' in page and 'id="validation-ok"' in page
    assert "Ser ut som e-postadresser" in page and "Ser ut som IP-adresser" in page
    email = next(i for i, c in enumerate(run.mapping["columns"]) if c["header"] == "Email Address")
    assert run.mapping["columns"][email]["role"] == "ignore"
    assert f'aria-describedby="reason-{email}"' in page
    # The admin can still keep it.
    columns = run.mapping["columns"]
    post = {"col-TOTAL_FORMS": str(len(columns)), "col-INITIAL_FORMS": str(len(columns)),
            **{f"col-{i}-role": c["role"] for i, c in enumerate(columns)}, f"col-{email}-role": "attribute"}
    client.post(reverse("surveys:import_mapping", args=[run.pk]), post)
    run.refresh_from_db()
    assert run.mapping["columns"][email]["role"] == "attribute"


def test_personal_columns_default_to_ignore_with_a_reason(db):
    data = ("Svar-ID;Navn;Telefon;IP;Kontakt;Tom;Fylke;2. Hvor fornøyd?\r\n"
            "R1;Kari Nordmann;912 34 567;10.1.2.3;kari@example.no;;Innlandet;5\r\n"
            "R2;Ola Nordmann;+47 98765432;10.1.2.4;ola@example.no;;Viken;4\r\n").encode()
    table = read_table(data)
    columns = {c["header"]: c for c in detect_mapping(table)["columns"]}
    assert {h: (columns[h]["role"], columns[h].get("reason")) for h in ("Navn", "Telefon", "IP", "Kontakt", "Tom")} == {
        "Navn": ("ignore", "name"), "Telefon": ("ignore", "phone"), "IP": ("ignore", "ip"),
        "Kontakt": ("ignore", "email"), "Tom": ("ignore", "empty")}
    assert columns["Fylke"]["role"] == "attribute" and columns["Svar-ID"]["role"] == "key"
