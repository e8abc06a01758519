"""Any other spreadsheet: a second header row by the reading option, the command line's
`--header-rows`, and a survey of residents without municipalities. Each survey tool's own
export is tested in test_tool_<tool>.py."""

from surveys.importing.pipeline import import_bytes, read_table
from surveys.models import Answer, Respondent, Survey
from surveys.summary import survey_summary
from tests.surveys.importing import report_survey as report

GENERIC_TWO_ROWS = (
    "Svar-ID;Kommune;Hvor fornøyd er dere med;;Hva forventet dere?\r\n"
    ";;møtene;samlingene;\r\n"
    "R1;Vang;5;4;Mer tid\r\nR2;Asker;6;5;Nettverk\r\nR3;Bærum;3;6;Kvalitet\r\nR4;Lom;4;4;Ro\r\n"
).encode()


def test_header_rows_setting_reads_a_second_header_row(db, tmp_path, capsys):
    from django.core.management import call_command

    one = read_table(GENERIC_TWO_ROWS)
    assert one.layout["header_rows"] == 1 and one.rows[0][0] == ""  # read as a respondent without a key
    two = read_table(GENERIC_TWO_ROWS, {"header_rows": "2"})
    assert two.headers[2:4] == ["Hvor fornøyd er dere med - møtene", "Hvor fornøyd er dere med - samlingene"]
    assert two.row_count == 4 and two.lines[0] == 3  # line numbers still as the spreadsheet shows them
    (tmp_path / "to.csv").write_bytes(GENERIC_TWO_ROWS)
    call_command("import_survey", str(tmp_path / "to.csv"), "--survey", "to", "--header-rows", "2")
    assert "2 header rows" in capsys.readouterr().out
    survey = Survey.objects.get(slug="to")
    items = survey.questions.filter(kind="likert", parent__isnull=False)
    assert items.count() == 2 and {q.parent.text for q in items} == {"Hvor fornøyd er dere med"}
    assert survey_summary(survey)["respondents"] == 4


RESIDENTS = ("Svar-ID;Bydel;Alder;E-post;2. Hvor fornøyd er du med kulturskolen?;4. Hva savner du?\r\n"
             "1;Sentrum;30–39;ola@example.no;5;Mer gitar\r\n2;Nord;40–49;kari@example.no;4;Korps\r\n"
             "3;Sør;20–29;per@example.no;6;Dans\r\n").encode()


def test_a_resident_survey_imports_without_municipalities_and_without_e_mail(db, admin, client_for):
    from django.urls import reverse

    import_bytes(RESIDENTS, slug="innbyggere", respondent_kind="resident")
    survey = Survey.objects.get(slug="innbyggere")
    assert survey.respondent_kind == "resident" and not survey.respondents_are_places()
    assert not Respondent.objects.filter(survey=survey, municipality__isnull=False).exists()
    report.nothing_personal(survey, "@example.no")
    respondent = Respondent.objects.get(survey=survey, external_key="1")
    assert respondent.attributes == {"bydel": "Sentrum", "alder": "30–39"}
    answer = Answer.objects.get(question__survey=survey, question__code="4", respondent=respondent)
    page = client_for(admin).get(reverse("coding:answer", args=[survey.slug, answer.pk])).content.decode()
    respondent_line = page.split('class="respondent"', 1)[1].split("</p>", 1)[0]
    assert "Kommune" not in respondent_line and "Sentrum" in respondent_line and "30–39" in respondent_line
