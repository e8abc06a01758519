"""A scale per question, rare codes offered as not applicable, and the admin marking a code or a
label not applicable for one question."""

from django.urls import reverse

from surveys.importing.detect import detect
from surveys.importing.pipeline import import_bytes, read_table
from surveys.models import ImportRun, Survey
from surveys.summary import survey_summary


def _columns(text):
    return {c.get("code"): c for c in detect(read_table(text.encode()))["columns"] if c.get("code")}


def test_each_question_has_its_own_scale_and_a_0_1_column_forces_nothing():
    rows = ["Svar-ID;1. Fornøyd;2. Enig;3. Deltok"]
    for n in range(12):
        rows.append(f"R{n};{n % 6 + 1};{n % 5 + 1};{n % 2}")
    columns = _columns("\n".join(rows))
    assert (columns["1"]["scale_min"], columns["1"]["scale_max"]) == (1, 6)
    assert (columns["2"]["scale_min"], columns["2"]["scale_max"]) == (1, 6)  # lifted to the file's usual top
    assert (columns["3"]["scale_min"], columns["3"]["scale_max"]) == (0, 1)


def test_rare_codes_are_offered_as_not_applicable(db):
    rows = ["Svar-ID;1. Fornøyd;2. Trygg;3. Nyttig"]
    values = [(1, 2, 3), (2, 3, 4), (3, 4, 5), (4, 5, 1), (5, 1, 2), (9, -77, 99), (2, 2, 2), (3, 3, 3),
              (4, 4, 4), (5, 5, 5), (1, 1, 1), (2, 3, 4)]
    for n, (a, b, c) in enumerate(values):
        rows.append(f"R{n};{a};{b};{c}")
    columns = _columns("\n".join(rows))
    assert columns["1"]["not_applicable_codes"] == {"9": "9"} and columns["1"]["scale_max"] == 5
    assert columns["2"]["not_applicable_codes"] == {"-77": "-77"}
    assert columns["3"]["not_applicable_codes"] == {"99": "99"}
    import_bytes("\n".join(rows).encode(), slug="koder")
    entry = next(q for q in survey_summary(Survey.objects.get(slug="koder"))["questions"] if q["code"] == "1")
    assert entry["n"] == 11 and entry["not_applicable"] == 1 and "9" not in entry["counts"]


def test_admin_marks_a_code_not_applicable_with_its_label(client_for, admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = ("Svar-ID;2. Hvor fornøyd?\r\n" + "".join(f"R{n};{v}\r\n" for n, v in
            enumerate([1, 2, 3, 4, 5, 6, 6, 5, 4, 6, 6, 6, 5, 5, 4, 3]))).encode()
    client = client_for(admin)
    client.post(reverse("surveys:import"), {"file": SimpleUploadedFile("s.csv", data), "target": "new",
                                             "title": "Ny", "slug": "ny"})
    run = ImportRun.objects.get()
    columns = run.mapping["columns"]
    index = next(i for i, c in enumerate(columns) if c.get("code") == "2")
    post = {"col-TOTAL_FORMS": str(len(columns)), "col-INITIAL_FORMS": str(len(columns)),
            **{f"col-{i}-role": c["role"] for i, c in enumerate(columns)},
            f"col-{index}-not_applicable": "6=Vet ikke\r\nIkke relevant\r\n", f"col-{index}-scale_max": "5"}
    client.post(reverse("surveys:import_mapping", args=[run.pk]), post)
    run.refresh_from_db()
    column = run.mapping["columns"][index]
    assert column["not_applicable_codes"] == {"6": "Vet ikke"} and column["not_applicable_labels"] == ["Ikke relevant"]
    client.post(reverse("surveys:import_confirm", args=[run.pk]))
    entry = next(q for q in survey_summary(Survey.objects.get(slug="ny"))["questions"] if q["code"] == "2")
    assert entry["not_applicable_labels"] == {"Vet ikke": 5} and entry["n"] == 11
