"""The agreement page, its settings, samples and export: roles, htmx, formula safety."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from coding.models import AgreementSample, Code, Coding
from tests.coding.agreement.fixtures import agreement_data
from tests.conftest import make_answer, make_question


def url(name, survey, *args):
    return reverse(f"coding:{name}", args=[survey.slug, *args])


@pytest.fixture
def data(survey, coder, co_coder):
    return agreement_data(survey, coder, co_coder)


def test_anonymous_is_sent_to_login(client, survey):
    response = client.get(url("agreement", survey))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_outsider_gets_404(client_for, outsider, survey):
    client = client_for(outsider)
    assert client.get(url("agreement", survey)).status_code == 404
    assert client.post(url("agreement_blind", survey), {"on": "on"}).status_code == 404
    assert client.get(url("agreement_export", survey, "csv")).status_code == 404
    assert client.get(url("agreement_reconcile", survey)).status_code == 404


def test_admin_sees_figures_settings_and_samples(client_for, admin, survey, data, coder, co_coder):
    response = client_for(admin).get(url("agreement", survey), {"coders": [coder.id, co_coder.id]})
    html = response.content.decode()
    assert response.status_code == 200
    assert url("agreement_blind", survey) in html and url("agreement_sample", survey) in html
    result = response.context["result"]
    assert result.units == 4  # answers 0–3 coded by both; 4 and 5 by one coder each
    assert "Eierskap" in html and "ikke definert" in html  # "Ubrukt" is undefined, not 0 or 1
    assert response.context["table"]["rows"][2]["figures"].alpha is None
    assert response.context["table"]["rows"][2]["figures"].ac1 is None
    assert "Gwets AC1, samlet" in html and "Forekomst (prosent)" in html


def test_rare_code_explains_why_ac1_and_alpha_disagree(client_for, reviewer, survey, coder, co_coder):
    question = make_question(survey, "2u")
    answers = [make_answer(question, text=f"Svar {i}") for i in range(40)]
    rare, common = (Code.objects.create(survey=survey, name=n) for n in ("Sjelden", "Vanlig"))
    for answer in answers:
        for person in (coder, co_coder):
            Coding.objects.create(answer=answer, code=common, coder=person)
    Coding.objects.create(answer=answers[0], code=rare, coder=coder)  # one coder, once: alpha < 0
    response = client_for(reviewer).get(url("agreement", survey), {"coders": [coder.id, co_coder.id]})
    diverging = [row["code"].name for row in response.context["table"]["diverging"]]
    assert diverging == ["Sjelden"]
    html = response.content.decode()
    assert "AC1 og alfa er uenige om disse kodene:" in html and "Sjelden (på 1,3 % av svarene)" in html


def test_default_coders_are_those_who_coded(client_for, admin, survey, data, coder, co_coder):
    response = client_for(admin).get(url("agreement", survey))
    assert response.context["coders"] == [coder, co_coder]


def test_htmx_request_gets_only_the_figures(client_for, admin, survey, data):
    response = client_for(admin).get(url("agreement", survey), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="figures"') and "<html" not in html


def test_too_few_coders_is_an_error_not_a_crash(client_for, admin, survey, data, coder):
    response = client_for(admin).get(url("agreement", survey), {"coders": [coder.id]})
    assert response.status_code == 200 and response.context["result"] is None
    assert "minst to kodere" in response.content.decode()


def test_threshold_flags_codes(client_for, admin, survey, data, coder, co_coder):
    client = client_for(admin)
    low = client.get(url("agreement", survey), {"threshold": "0.99"}).context["table"]
    high = client.get(url("agreement", survey), {"threshold": "0"}).context["table"]
    assert low["flagged"] >= 1 and high["flagged"] == 0


def test_reviewer_reads_figures_but_manages_nothing(client_for, reviewer, survey, data):
    client = client_for(reviewer)
    response = client.get(url("agreement", survey))
    assert response.status_code == 200 and response.context["result"] is not None
    assert url("agreement_blind", survey) not in response.content.decode()
    assert client.get(url("agreement_reconcile", survey)).status_code == 403


def test_coder_reads_figures_unless_blind(client_for, coder, survey, data):
    client = client_for(coder)
    assert client.get(url("agreement", survey)).context["result"] is not None
    survey.blind_coding = True
    survey.save()
    response = client.get(url("agreement", survey))
    assert response.status_code == 200 and "result" not in response.context
    assert "Eierskap" not in response.content.decode()
    assert client.get(url("agreement_export", survey, "csv")).status_code == 403
    survey.comparison_open = True
    survey.save()
    assert client.get(url("agreement", survey)).context["result"] is not None


@pytest.mark.parametrize("name", ["agreement_blind", "agreement_open", "agreement_sample"])
@pytest.mark.parametrize("persona", ["coder", "reviewer"])
def test_only_admins_change_settings_and_draw_samples(client_for, request, survey, data, name, persona, coder,
                                                      co_coder):
    client = client_for(request.getfixturevalue(persona))
    post = {"on": "on", "sample-name": "S", "sample-size": 3, "sample-seed": 1,
            "sample-coders": [coder.id, co_coder.id]}
    assert client.post(url(name, survey), post).status_code == 403
    survey.refresh_from_db()
    assert not survey.blind_coding and not survey.comparison_open
    assert not AgreementSample.objects.exists()


@pytest.mark.parametrize("name", ["agreement_blind", "agreement_open", "agreement_sample"])
def test_settings_urls_refuse_get(client_for, admin, survey, name):
    assert client_for(admin).get(url(name, survey)).status_code == 405


def test_admin_turns_blind_mode_on_and_opens_the_comparison(client_for, admin, survey):
    client = client_for(admin)
    assert client.post(url("agreement_blind", survey), {"on": "on"}).status_code == 302
    survey.refresh_from_db()
    assert survey.others_layers_hidden()
    client.post(url("agreement_open", survey))
    survey.refresh_from_db()
    assert survey.blind_coding and survey.comparison_open
    client.post(url("agreement_blind", survey), {})
    survey.refresh_from_db()
    assert not survey.blind_coding


def test_admin_draws_a_sample_and_sees_progress(client_for, admin, survey, data, coder, co_coder):
    client = client_for(admin)
    response = client.post(url("agreement_sample", survey), {
        "sample-name": "Runde 1", "sample-size": 4, "sample-seed": 7,
        "sample-coders": [coder.id, co_coder.id], "sample-stratified": "on"})
    sample = AgreementSample.objects.get()
    assert response.status_code == 302 and f"answers=s{sample.id}" in response["Location"]
    assert (sample.seed, sample.stratified, sample.answers.count()) == (7, True, 4)
    page = client.get(url("agreement", survey))
    listed = page.context["samples"][0]
    coded = {person: n for person, n in listed.progress}
    expected = Coding.objects.filter(answer__in=sample.answers.all(), coder=coder).values("answer").distinct()
    assert coded[coder] == expected.count()
    assert "Runde 1" in page.content.decode()


def test_invalid_sample_form_shows_errors(client_for, admin, survey, data, coder):
    response = client_for(admin).post(url("agreement_sample", survey), {
        "sample-name": "", "sample-size": 0, "sample-coders": [coder.id]})
    assert response.status_code == 400 and not AgreementSample.objects.exists()
    assert "minst to kodere" in response.content.decode()


def test_sample_figures_use_the_sample_coders(client_for, admin, survey, data, coder, co_coder):
    client = client_for(admin)
    client.post(url("agreement_sample", survey), {
        "sample-name": "S", "sample-size": 2, "sample-seed": 3, "sample-coders": [coder.id, co_coder.id]})
    sample = AgreementSample.objects.get()
    response = client.get(url("agreement", survey), {"answers": f"s{sample.id}"})
    assert response.context["result"].units <= 2


def test_agreement_page_query_budget(client_for, admin, survey, data, coder, co_coder, django_assert_max_num_queries):
    for i in range(60):
        code = Code.objects.create(survey=survey, name=f"Kode {i}")
        Coding.objects.create(answer=data[0][i % 5], code=code, coder=coder if i % 2 else co_coder)
    client = client_for(admin)
    with django_assert_max_num_queries(16):
        response = client.get(url("agreement", survey))
    assert len(response.context["table"]["rows"]) == 63


HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+47 99", "-bedre samarbeid", "@x"]


@pytest.fixture
def hostile_codes(survey, data, coder, co_coder):
    answers = data[0]
    for i, name in enumerate(HOSTILE):
        code = Code.objects.create(survey=survey, name=name)
        Coding.objects.create(answer=answers[i], code=code, coder=coder)
        Coding.objects.create(answer=answers[i], code=code, coder=co_coder)


def test_csv_export_is_formula_safe(client_for, reviewer, survey, hostile_codes):
    response = client_for(reviewer).get(url("agreement_export", survey, "csv"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="test-samsvar.csv"'
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    names = [row[0] for row in rows[1:]]
    for name in HOSTILE:
        assert "'" + name in names
    assert not any(cell[:1] in "=+@" for row in rows for cell in row if cell)


def test_xlsx_export_holds_no_formula(client_for, admin, survey, hostile_codes):
    response = client_for(admin).get(url("agreement_export", survey, "xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)
    assert set(HOSTILE) <= {cell.value for cell in cells}
    header = [cell.value for cell in next(sheet.iter_rows())]
    assert header[:7] == ["Kode", "Enheter", "Brukt", "Prosent samsvar", "Forekomst (prosent)", "Krippendorffs alfa",
                          "Gwets AC1"]


def test_unknown_export_format_is_404(client_for, admin, survey):
    assert client_for(admin).get(url("agreement_export", survey, "pdf")).status_code == 404
