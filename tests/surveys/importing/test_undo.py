"""Undoing a survey's last import: the state before it comes back, answers it changed
included; refused when its answers were coded since, or when it is not the last import."""

import pytest
from django.urls import reverse
from django.utils import timezone

from coding.models import Code, Coding
from surveys.importing.save import import_bytes
from surveys.importing.undo import last_import, undo_import
from surveys.models import Answer, ImportRun, MunicipalityGroup, Question, Respondent, Survey
from veiledning.refusals import Refusal

FIRST = (
    "Svar-ID;Kommune;2. Hvor fornøyd er dere?;4. Hva forventet dere?\r\n"
    "R1;Bærum;5;Mer tid\r\n"
    "R2;Vang;6;Økt kvalitet\r\n"
)
# Corrected: R1's text changed, R2's answer to 4 gone, R3 and question 5 new, a group added.
SECOND = (
    "Svar-ID;Kommune;Kommunegruppe;2. Hvor fornøyd er dere?;4. Hva forventet dere?;5. Hva annet?\r\n"
    "R1;Bærum;;4;Mer tid og ro;Noe\r\n"
    "R2;Vang;Gruppe Valdres;6;;\r\n"
    "R3;Vang;Gruppe Valdres;3;Nettverk;Mer\r\n"
)


def _state(survey):
    return {
        "questions": sorted(survey.questions.values_list("code", "text", "kind", "order")),
        "respondents": sorted(survey.respondents.values_list("external_key", "municipality_id", "group_id")),
        "answers": sorted(Answer.objects.filter(question__survey=survey).values_list(
            "id", "respondent__external_key", "question__code", "text", "number", "needs_review", "previous_text")),
        "groups": sorted(MunicipalityGroup.objects.filter(survey=survey).values_list("name", flat=True)),
    }


@pytest.fixture
def imported(db):
    import_bytes(FIRST.encode(), slug="runde", title="Runde")
    return Survey.objects.get(slug="runde")


def test_undo_restores_the_state_before_the_import(imported, admin):
    before = _state(imported)
    first = last_import(imported)
    import_bytes(SECOND.encode(), slug="runde")
    assert _state(imported) != before
    undo_import(last_import(imported), by=admin)
    assert _state(imported) == before
    assert ImportRun.objects.filter(survey=imported).order_by("-id").first().status == ImportRun.Status.UNDONE
    assert last_import(imported) == first  # the earlier import is now the last, and can be undone in turn


def test_undo_restores_coded_answers_it_flagged(imported, admin, coder):
    answer = Answer.objects.get(respondent__external_key="R1", question__code="4")
    code = Code.objects.create(survey=imported, name="Tid")
    coding = Coding.objects.create(answer=answer, code=code, coder=coder)
    Coding.objects.filter(pk=coding.pk).update(created_at=timezone.now() - timezone.timedelta(hours=1))
    import_bytes(SECOND.encode(), slug="runde")
    answer.refresh_from_db()
    assert answer.needs_review and answer.text == "Mer tid og ro"
    undo_import(last_import(imported), by=admin)
    answer.refresh_from_db()
    assert (answer.text, answer.needs_review, answer.previous_text) == ("Mer tid", False, "")
    assert Coding.objects.filter(pk=coding.pk).exists()


def test_undo_is_refused_when_its_answers_were_coded_since(imported, admin, coder):
    import_bytes(SECOND.encode(), slug="runde")
    new_answer = Answer.objects.get(respondent__external_key="R3", question__code="5")
    Coding.objects.create(answer=new_answer, code=Code.objects.create(survey=imported, name="Mer"), coder=coder)
    after = _state(imported)
    with pytest.raises(Refusal, match="coded since|kodet"):
        undo_import(last_import(imported), by=admin)
    assert _state(imported) == after


def test_only_the_last_import_can_be_undone(imported, admin):
    first = last_import(imported)
    import_bytes(SECOND.encode(), slug="runde")
    with pytest.raises(Refusal):
        undo_import(first, by=admin)


def test_undo_in_the_browser_form(imported, admin, client_for):
    import_bytes(SECOND.encode(), slug="runde")
    run = last_import(imported)
    client = client_for(admin)
    page = client.get(reverse("coding:survey_settings", args=[imported.slug]))
    assert reverse("surveys:import_undo", args=[imported.slug, run.pk]).encode() in page.content
    response = client.post(reverse("surveys:import_undo", args=[imported.slug, run.pk]))
    assert response.status_code == 302
    assert not Question.objects.filter(survey=imported, code="5").exists()
    assert not Respondent.objects.filter(survey=imported, external_key="R3").exists()


def test_undo_of_a_run_in_another_survey_is_404(imported, admin, client_for):
    other = Survey.objects.create(title="Annen", slug="annen")
    run = last_import(imported)
    response = client_for(admin).post(reverse("surveys:import_undo", args=[other.slug, run.pk]))
    assert response.status_code == 404


def test_a_refused_undo_says_why_in_norwegian_and_leads_back_to_the_settings(imported, admin, coder, client_for):
    from django.utils import translation

    from coding.models import Memo

    import_bytes(SECOND.encode(), slug="runde")
    new_answer = Answer.objects.get(respondent__external_key="R3", question__code="5")
    Coding.objects.create(answer=new_answer, code=Code.objects.create(survey=imported, name="Mer"), coder=coder)
    run = last_import(imported)
    with translation.override("nb"):
        response = client_for(admin).post(reverse("surveys:import_undo", args=[imported.slug, run.pk]))
    page = response.content.decode()
    assert response.status_code == 409
    assert ("Importen kan ikke angres: 1 svar som den la til eller endret, er kodet eller har fått et notat "
            "siden. Ingenting ble endret.") in page
    assert f'href="{reverse("coding:survey_settings", args=[imported.slug])}"' in page
    assert Question.objects.filter(survey=imported, code="5").exists()
    # a memo written since counts too: undoing would take it with the answer
    Coding.objects.filter(answer=new_answer).delete()
    Memo.objects.create(author=coder, answer=Answer.objects.get(respondent__external_key="R3", question__code="4"),
                        text="Viktig")
    with pytest.raises(Refusal, match="memo|notat"):
        undo_import(last_import(imported), by=admin)
