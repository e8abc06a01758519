"""The import screens: access, upload → preview → edit → confirm → summary, size limit, XSS,
double confirm, mapping download/save, and the wide export."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys.importing import pipeline
from surveys.importing.save import import_table
from surveys.models import Answer, ImportRun, SavedMapping, Survey

CSV = (
    "Svar-ID;Kommune;2. Hvor fornøyd er dere?;4. Hva forventet dere?\r\n"
    "R1;Bærum;5;Mer tid\r\n"
    "R2;Asker;6;Økt kvalitet\r\n"
    "R3;Vang;3;Nettverk\r\n"
).encode("cp1252")


def _columns_post(mapping, **fields):
    """The preview's column formset as the browser posts it: every column's role, and `fields`
    as {(column index, field): value}."""
    post = {"col-TOTAL_FORMS": str(len(mapping["columns"])), "col-INITIAL_FORMS": str(len(mapping["columns"]))}
    post.update({f"col-{i}-role": c["role"] for i, c in enumerate(mapping["columns"])})
    post.update({f"col-{i}-{name}": value for (i, name), value in fields.items()})
    return post


def _upload(client, data=CSV, **extra):
    fields = {"file": SimpleUploadedFile("svar.csv", data, content_type="text/csv"), "target": "new",
              "title": "Ny undersøkelse", "slug": "ny", **extra}
    return client.post(reverse("surveys:import"), fields)


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("surveys:import"))
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["coder", "reviewer", "outsider"])
def test_other_roles_are_refused(request, client_for, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("surveys:import")).status_code == 403
    assert client.post(reverse("surveys:import_confirm", args=[1])).status_code == 403


def test_nav_link_only_for_admins(client_for, admin, coder):
    assert reverse("surveys:import") in client_for(admin).get("/").content.decode()


def test_nav_link_hidden_from_coders(client_for, coder):
    assert reverse("surveys:import") not in client_for(coder).get("/").content.decode()


def test_mutating_views_refuse_get(client_for, admin):
    client = client_for(admin)
    _upload(client)
    run = ImportRun.objects.get()
    for name in ("import_confirm", "import_mapping", "import_options", "import_save_mapping"):
        assert client.get(reverse(f"surveys:{name}", args=[run.pk])).status_code == 405


def test_full_flow(client_for, admin):
    client = client_for(admin)
    response = _upload(client)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("surveys:import_preview", args=[run.pk])
    assert bytes(run.content) == CSV and run.status == "previewed"
    page = client.get(response["Location"]).content.decode()
    assert "cp1252" in page and 'id="fact-rows">3<' in page
    assert "Mer tid" in page  # sample values
    assert 'id="validation-ok"' in page
    index = next(i for i, c in enumerate(run.mapping["columns"]) if c.get("code") == "2")
    # Change question 2 to a single choice through the htmx form.
    post = _columns_post(run.mapping, **{})
    post[f"col-{index}-kind"] = "single"
    partial = client.post(reverse("surveys:import_mapping", args=[run.pk]), post, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and "<html" not in partial.content.decode()
    assert 'hx-swap-oob="innerHTML"' in partial.content.decode()
    response = client.post(reverse("surveys:import_confirm", args=[run.pk]))
    assert response["Location"] == reverse("surveys:import_summary", args=[run.pk])
    survey = Survey.objects.get(slug="ny")
    assert survey.questions.get(code="2").kind == "single"
    assert Answer.objects.filter(question__survey=survey).count() == 6
    run.refresh_from_db()
    assert run.status == "done" and bytes(run.content) == b""
    summary = client.get(response["Location"]).content.decode()
    assert 'data-figure="created">' in summary and "Vang" in summary
    # A second confirm (double click, second tab) does not import again.
    again = client.post(reverse("surveys:import_confirm", args=[run.pk]), headers={"HX-Request": "true"})
    assert again.status_code == 200 and again["HX-Redirect"] == reverse("surveys:import_summary", args=[run.pk])
    assert Answer.objects.filter(question__survey=survey).count() == 6


def test_the_first_preview_uses_the_uploads_reading_and_a_later_one_reads_the_survey_as_it_is(
        client_for, admin, monkeypatch):
    client = client_for(admin)
    _upload(client)
    run = ImportRun.objects.get()
    reads = []
    read_table = pipeline.read_table
    monkeypatch.setattr(pipeline, "read_table", lambda *args, **kwargs: reads.append(1) or read_table(*args, **kwargs))
    first = client.get(reverse("surveys:import_preview", args=[run.pk])).content.decode()
    assert reads == [] and 'id="validation-ok"' in first and "Mer tid" in first
    assert re.search(r'id="import-plan">[^<]*opprette 11,', first)  # 2 questions, 3 respondents, 6 answers
    # Meanwhile the same file is imported under that short name: a second look plans against it.
    import_table(read_table(CSV, run.options), run.mapping, slug="ny")
    second = client.get(reverse("surveys:import_preview", args=[run.pk])).content.decode()
    assert reads == [1] and re.search(r'id="import-plan">[^<]*opprette 0, endre 0, la 9 ', second)


def test_choice_options_can_be_put_in_order_in_the_preview(client_for, admin):
    """A single-choice column's options as the admin orders them; a value the list leaves out
    still comes in, after the listed ones."""
    values = ["Sjelden", "Ofte", "Av og til", "Ofte", "Sjelden", "Ofte", "Av og til", "Ofte"]
    data = ("Svar-ID;Kommune;5. Hvor ofte møttes dere?\r\n"
            + "".join(f"R{n};Kommune {n};{value}\r\n" for n, value in enumerate(values, 1))).encode()
    client = client_for(admin)
    _upload(client, data)
    run = ImportRun.objects.get()
    index = next(i for i, c in enumerate(run.mapping["columns"]) if c.get("code") == "5")
    assert run.mapping["columns"][index]["kind"] == "single"
    page = client.get(reverse("surveys:import_preview", args=[run.pk])).content.decode()
    assert f'<textarea name="col-{index}-options"' in page and "Sjelden\nOfte\nAv og til\n</textarea>" in page
    post = _columns_post(run.mapping)
    post[f"col-{index}-options"] = "Ofte\r\n  Av og til \r\n\r\nOfte\r\n"
    client.post(reverse("surveys:import_mapping", args=[run.pk]), post, headers={"HX-Request": "true"})
    run.refresh_from_db()
    assert run.mapping["columns"][index]["options"] == ["Ofte", "Av og til"]
    client.post(reverse("surveys:import_confirm", args=[run.pk]))
    assert Survey.objects.get(slug="ny").questions.get(code="5").options == ["Ofte", "Av og til", "Sjelden"]


def test_errors_are_listed_and_confirm_is_disabled(client_for, admin):
    client = client_for(admin)
    bad = CSV.replace(b"R2;Asker;6", b"R1;Asker;6")
    _upload(client, bad)
    run = ImportRun.objects.get()
    page = client.get(reverse("surveys:import_preview", args=[run.pk])).content.decode()
    assert "står også på linje 2" in page
    assert 'id="confirm-import" disabled' in page
    response = client.post(reverse("surveys:import_confirm", args=[run.pk]), follow=True)
    assert "Ingenting ble importert" in response.content.decode()
    assert not Survey.objects.filter(slug="ny").exists()


def test_wrong_file_type_is_refused_in_the_form(client_for, admin):
    response = _upload(client_for(admin), b"%PDF-1.4 ...")
    assert response.status_code == 200 and not ImportRun.objects.exists()


def test_existing_slug_for_new_survey_is_refused(client_for, admin, survey):
    response = _upload(client_for(admin), slug="test")
    assert response.status_code == 200 and not ImportRun.objects.exists()


XSS = '<script>alert(1)</script>'


def test_xss_in_headers_and_cells_stays_escaped(client_for, admin):
    data = (f'Svar-ID;2. {XSS};4. Tekst <img src=x onerror=alert(1)>\r\nR1;fem;{XSS}\r\nR2;3;"<b>x</b>"\r\n'
            f"R3;4;y\r\n").encode()
    client = client_for(admin)
    _upload(client, data)
    run = ImportRun.objects.get()
    cols = run.mapping["columns"]
    post = _columns_post(run.mapping)
    post.update({f"col-{i}-kind": "likert" for i, c in enumerate(cols) if c.get("code") == "2"})
    page = client.post(reverse("surveys:import_mapping", args=[run.pk]), post, follow=True).content.decode()
    assert "fem" in page  # the bad cell is listed
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page and "<b>x</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_options_change_rereads_the_file(client_for, admin):
    client = client_for(admin)
    _upload(client)
    run = ImportRun.objects.get()
    client.post(reverse("surveys:import_options", args=[run.pk]),
                {"encoding": "cp1252", "delimiter": ",", "not_applicable": "Ikke deltatt"})
    page = client.get(reverse("surveys:import_preview", args=[run.pk])).content.decode()
    assert 'id="fact-columns">1<' in page or "column separator" in page.lower() or "kolonneskille" in page


def test_mapping_download_save_and_reuse(client_for, admin):
    client = client_for(admin)
    _upload(client)
    run = ImportRun.objects.get()
    downloaded = client.get(reverse("surveys:import_mapping_json", args=[run.pk]))
    assert downloaded["Content-Disposition"].startswith("attachment")
    mapping = json.loads(downloaded.content)
    assert [c["role"] for c in mapping["columns"]][:2] == ["key", "municipality"]
    client.post(reverse("surveys:import_save_mapping", args=[run.pk]), {"name": "Nettskjema"})
    saved = SavedMapping.objects.get(name="Nettskjema")
    response = _upload(client, slug="ny2", title="Neste", saved_mapping=saved.pk)
    assert response.status_code == 302
    assert ImportRun.objects.latest("id").mapping["columns"] == saved.mapping["columns"]
    upload = SimpleUploadedFile("m.json", json.dumps(mapping).encode(), content_type="application/json")
    response = _upload(client, slug="ny3", title="Tredje", mapping_file=upload)
    assert response.status_code == 302


def test_import_into_existing_survey(client_for, admin):
    client = client_for(admin)
    _upload(client)
    client.post(reverse("surveys:import_confirm", args=[ImportRun.objects.get().pk]))
    response = client.post(reverse("surveys:import"), {
        "file": SimpleUploadedFile("svar.csv", CSV), "target": "existing", "survey": "ny"})
    run = ImportRun.objects.latest("id")
    assert response.status_code == 302 and run.survey.slug == "ny"
    page = client.get(reverse("surveys:import_preview", args=[run.pk])).content.decode()
    assert 'id="import-plan"' in page
    client.post(reverse("surveys:import_confirm", args=[run.pk]))
    run.refresh_from_db()
    assert run.summary["created"] == 0 and run.summary["unchanged"] == 9


def test_export_answers(client_for, admin, coder, demo):
    client = client_for(admin)
    xlsx = client.get(reverse("surveys:export_answers", args=[demo.slug, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    csv = client.get(reverse("surveys:export_answers", args=[demo.slug, "csv"]) + "?variant=excel")
    assert csv.content.startswith(b"\xef\xbb\xbf") and csv.content.decode("utf-8-sig").startswith("Svar-ID;Kommune")
    assert client.get(reverse("surveys:export_answers", args=[demo.slug, "pdf"])).status_code == 404
    assert client_for(coder).get(reverse("surveys:export_answers", args=[demo.slug, "csv"])).status_code == 403


def test_excel_csv_never_fails_on_emoji(client_for, admin, survey):
    from tests.conftest import make_answer, make_question

    make_answer(make_question(survey, "4"), text="Supert 👍 – ærlig talt")
    response = client_for(admin).get(reverse("surveys:export_answers", args=[survey.slug, "csv"]) + "?variant=excel")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert "Supert 👍 – ærlig talt" in response.content.decode("utf-8-sig")


def test_upload_beyond_the_memory_handler_gets_413_with_a_message(client_for, admin, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    response = _upload(client_for(admin), CSV * 20)
    assert response.status_code == 413
    assert "MB" in response.content.decode() and not ImportRun.objects.exists()
    page = response.content.decode()
    assert 'value="Ny undersøkelse"' in page and 'value="ny"' in page  # the typed fields are kept


def test_preview_of_the_demo_export_with_stems_and_query_budget(client_for, admin, demo, django_assert_max_num_queries):
    from surveys.exporting import to_csv

    data = to_csv(demo, encoding="cp1252", delimiter=";")
    # Drop the stem column of question 3 so that the preview shows a stem without a column.
    header = data.decode("cp1252").split("\r\n")[0].split(";")
    stem = next(i for i, h in enumerate(header) if h.startswith("3. "))
    import csv
    import io

    rows = list(csv.reader(io.StringIO(data.decode("cp1252"), newline=""), delimiter=";"))
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";").writerows([r[:stem] + r[stem + 1:] for r in rows])
    client = client_for(admin)
    _upload(client, buffer.getvalue().encode("cp1252"))
    run = ImportRun.objects.get()
    assert any(c["header"] is None and c["code"] == "3" for c in run.mapping["columns"])
    with django_assert_max_num_queries(20):
        page = client.get(reverse("surveys:import_preview", args=[run.pk]))
    assert page.status_code == 200
    assert 'id="fact-rows">43<' in page.content.decode()
    assert 'id="validation-ok"' in page.content.decode()
    client.post(reverse("surveys:import_confirm", args=[run.pk]))
    copy = Survey.objects.get(slug="ny")
    assert copy.questions.get(code="3a").parent == copy.questions.get(code="3")
