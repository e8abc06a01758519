"""The review screen and the "Personopplysninger" page: happy paths, roles, bad input, htmx."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coding.models import AuditEvent, Finding
from surveys.models import Answer, ImportRun, Survey
from tests.conftest import make_answer, make_question, make_respondent


@pytest.fixture
def named(survey):
    q = make_question(survey, "1")
    make_answer(q, make_respondent(survey, "R1"), text="Rektor Per Hansen tok ansvar. Ring 912 34 567.")
    make_answer(q, make_respondent(survey, "R2"), text="Vi fikk hjelp av Sunniva i PPT.")
    return survey


def url(name, survey):
    return reverse(f"coding:{name}", args=[survey.slug])


def test_search_then_review_lists_findings_in_context(client_for, admin, named):
    client = client_for(admin)
    response = client.post(url("privacy_scan", named), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<mark>Per Hansen</mark> tok ansvar" in page and "<mark>912 34 567</mark>" in page
    assert Finding.objects.filter(status="suggested").count() == 2


def test_confirm_by_htmx_returns_the_row(client_for, admin, named):
    client = client_for(admin)
    client.post(url("privacy_scan", named))
    finding = Finding.objects.get(kind="name")
    response = client.post(url("privacy_decide", named), {"finding": finding.pk, "status": "confirmed"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<tr id="finding-{finding.pk}"') and "<html" not in body
    finding.refresh_from_db()
    assert finding.status == "confirmed" and finding.decided_by == admin


def test_reject_without_htmx_redirects(client_for, admin, named):
    client = client_for(admin)
    client.post(url("privacy_scan", named))
    finding = Finding.objects.get(kind="phone")
    response = client.post(url("privacy_decide", named), {"finding": finding.pk, "status": "rejected"})
    assert response.status_code == 302
    assert Finding.objects.get(pk=finding.pk).status == "rejected"


def test_a_finding_of_another_survey_is_404(client_for, admin, named):
    other = Survey.objects.create(title="Annen", slug="annen")
    q = make_question(other, "1")
    make_answer(q, make_respondent(other, "X"), text="Kari Nordmann")
    client = client_for(admin)
    client.post(url("privacy_scan", other))
    finding = Finding.objects.get()
    response = client.post(url("privacy_decide", named), {"finding": finding.pk, "status": "rejected"})
    assert response.status_code == 404
    assert Finding.objects.get().status == "suggested"


def test_add_then_pseudonymise_through_the_screens(client_for, admin, named):
    client = client_for(admin)
    response = client.post(url("privacy_add", named), {"value": "Sunniva", "kind": "name"})
    assert response.status_code == 302
    response = client.post(url("privacy_pseudonymise", named), {"keep_original_until": ""}, follow=True)
    assert "1 svar er pseudonymisert." in response.content.decode()
    assert Answer.objects.get(respondent__external_key="R2").text == "Vi fikk hjelp av [Person 1] i PPT."
    assert AuditEvent.objects.filter(action="pseudonymised", actor=admin).exists()


def test_bad_input_gets_a_norwegian_message_and_changes_nothing(client_for, admin, named):
    client = client_for(admin)
    response = client.post(url("privacy_add", named), {"value": "x", "kind": "name"})
    assert response.status_code == 400 and "minst to tegn" in response.content.decode()
    response = client.post(url("privacy_add", named), {"value": "finnes ikke her", "kind": "name"})
    assert response.status_code == 400
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(url("privacy_pseudonymise", named), {"keep_original_until": past})
    assert response.status_code == 400 and "etter i dag" in response.content.decode()
    response = client.post(url("privacy_pseudonymise", named), {})
    assert response.status_code == 400
    assert not Finding.objects.exists()
    assert Answer.objects.get(respondent__external_key="R1").text.startswith("Rektor Per Hansen")


@pytest.mark.parametrize("persona", ["coder", "reviewer"])
def test_only_admins_see_the_privacy_screens(client_for, request, named, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url("privacy", named)).status_code == 403
    assert client.get(url("privacy_review", named)).status_code == 403
    assert client.post(url("privacy_scan", named)).status_code == 403
    assert not Finding.objects.exists()


def test_personal_data_page_shows_columns_findings_and_retention(client_for, admin, named):
    ImportRun.objects.create(survey=named, filename="eksport.csv", sha256="0" * 64, status="done", mapping={
        "columns": [{"header": "Svar-ID", "role": "key"}, {"header": "Navn", "role": "ignore"},
                    {"header": "9. Hva fungerte?", "role": "question", "code": "9"}]})
    client = client_for(admin)
    client.post(url("privacy_scan", named))
    soon = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(url("privacy_retention", named),
                           {"delete_by": soon.isoformat(), "retention_action": "anonymise"},
                           follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "eksport.csv" in page and "Svar-ID" in page and "Navn" in page
    assert "om 10 dager" in page  # the 30-day warning
    named.refresh_from_db()
    assert named.delete_by == soon and named.retention_action == "anonymise"
    assert client.get(reverse("surveys:detail", args=[named.slug])).content.decode().count("om 10 dager") == 1


def test_retention_date_in_the_past_is_refused(client_for, admin, named):
    response = client_for(admin).post(url("privacy_retention", named),
                                      {"delete_by": "2001-01-01", "retention_action": "delete"})
    assert response.status_code == 400
    named.refresh_from_db()
    assert named.delete_by is None


def test_no_warning_more_than_30_days_ahead(client_for, admin, named):
    Survey.objects.filter(pk=named.pk).update(delete_by=timezone.localdate() + datetime.timedelta(days=31))
    page = client_for(admin).get(reverse("surveys:detail", args=[named.slug])).content.decode()
    assert "slettes" not in page


def test_personal_data_page_names_the_columns_an_import_took_for_personal_data(client_for, admin):
    """Imported through the screens: the e-mail and name columns are left out as personal data by
    default, the admin keeps the phone column as an attribute; the page says which is which."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv = ("Svar-ID;Navn;E-post;Telefon;Kommune;4. Hva fungerte godt?\r\n"
           "R1;Kari Nordmann;kari@skole.no;91234567;Bodø;Samlingene\r\n"
           "R2;Per Hansen;per@skole.no;41234567;Asker;Veilederen\r\n"
           "R3;Ola Berg;ola@skole.no;92345678;Vang;Nettverket\r\n").encode()
    client = client_for(admin)
    client.post(reverse("surveys:import"), {"file": SimpleUploadedFile("svar.csv", csv, content_type="text/csv"),
                                            "target": "new", "title": "Med personkolonner", "slug": "personer"})
    run = ImportRun.objects.get()
    roles = {c["header"]: c["role"] for c in run.mapping["columns"]}
    assert roles["Navn"] == roles["E-post"] == roles["Telefon"] == "ignore"
    post = {"col-TOTAL_FORMS": str(len(run.mapping["columns"])), "col-INITIAL_FORMS": str(len(run.mapping["columns"]))}
    for i, column in enumerate(run.mapping["columns"]):
        post[f"col-{i}-role"] = "attribute" if column["header"] == "Telefon" else column["role"]
    client.post(reverse("surveys:import_mapping", args=[run.pk]), post)
    client.post(reverse("surveys:import_confirm", args=[run.pk]))
    survey = Survey.objects.get(slug="personer")
    page = client.get(url("privacy", survey)).content.decode()
    left_out = page[page.index('class="ignored-columns"'):]
    left_out = left_out[:left_out.index("</ul>")]
    assert "Navn <span class=\"personal-left-out\">(personopplysninger: personnavn)" in left_out
    assert "E-post <span class=\"personal-left-out\">(personopplysninger: e-postadresser)" in left_out
    assert "Telefon" not in left_out
    assert "<td>Telefon</td><td>Egenskap: Telefon <strong class=\"personal-kept\">(personopplysninger " \
           "(telefonnumre), beholdt etter valg)</strong>" in page
    assert "<td>4. Hva fungerte godt?</td><td>Spørsmål 4</td>" in page
