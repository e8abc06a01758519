"""The next round: what new_round copies and clears, the form and the command, and the
import into the new round linking its graded questions as in the earlier round."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from coding.models import CarriedLink, Category, CategoryCode, Code, Coding, Theme
from coding.rounds.actions import new_round
from surveys.importing.save import import_bytes
from surveys.models import SavedMapping, Survey

FIRST = (
    "Svar-ID;Kommune;2. Hvor fornøyd er dere?;3. I hvilken grad er arbeidet forankret?;4. Hva forventet dere?\r\n"
    "R1;Bærum;5;4;Mer tid\r\n"
    "R2;Vang;6;3;Økt kvalitet\r\n"
)
# The next round: question 3 renumbered 6 with the same text; question 2 kept its code.
SECOND = (
    "Svar-ID;Kommune;2. Hvor fornøyd er dere med veiledningen?;6. I hvilken grad er arbeidet forankret?;"
    "4. Hva forventet dere?\r\n"
    "R1;Bærum;3;2;Mindre\r\n"
)


@pytest.fixture
def earlier(db, coder):
    import_bytes(FIRST.encode(), slug="p2", title="Portefølje 2")
    survey = Survey.objects.get(slug="p2")
    survey.period, survey.small_cell_threshold = "2019–2020", 4
    survey.save()
    parent = Code.objects.create(survey=survey, name="Forankring", colour="#112233", description="Om forankring")
    child = Code.objects.create(survey=survey, name="Eiernivå", parent=parent, colour="#445566")
    forankring = Category.objects.create(survey=survey, name="Forankring", description="Beskrivelse",
                                         finding="Funn som ikke skal følge med", order=1)
    organisering = Category.objects.create(survey=survey, name="Organisering", order=2)
    CategoryCode.objects.create(category=forankring, code=child, position=0)
    CategoryCode.objects.create(category=organisering, code=parent, position=0)
    Theme.objects.create(survey=survey, name="Kontinuitet").categories.add(forankring)
    forankring.questions.add(survey.questions.get(code="3"))
    organisering.questions.add(survey.questions.get(code="2"))
    answer = survey.questions.get(code="4").answers.first()
    Coding.objects.create(answer=answer, code=child, coder=coder)
    return survey


def test_new_round_copies_the_codebook_and_board_but_no_answers(earlier, admin):
    survey = new_round(earlier, by=admin, slug="p3", title="Portefølje 3", period="2021–2022")
    assert survey.previous_round == earlier and survey.small_cell_threshold == 4
    codes = {c.name: c for c in survey.codes.all()}
    assert codes["Eiernivå"].parent == codes["Forankring"] and codes["Forankring"].colour == "#112233"
    assert codes["Forankring"].description == "Om forankring"
    forankring = survey.categories.get(name="Forankring")
    assert (forankring.description, forankring.finding) == ("Beskrivelse", "")
    assert list(forankring.codes.values_list("name", flat=True)) == ["Eiernivå"]
    assert list(survey.themes.get().categories.all()) == [forankring]
    assert not survey.questions.exists() and not Coding.objects.filter(code__survey=survey).exists()
    assert CarriedLink.objects.filter(category__survey=survey).count() == 2
    assert SavedMapping.objects.filter(name="Portefølje 3").exists()
    # The earlier round is untouched.
    assert earlier.categories.get(name="Forankring").finding == "Funn som ikke skal følge med"


def test_import_into_the_new_round_links_questions_by_code_or_text(earlier, admin):
    survey = new_round(earlier, by=admin, slug="p3", title="Portefølje 3")
    import_bytes(SECOND.encode(), slug="p3")
    forankring, organisering = survey.categories.get(name="Forankring"), survey.categories.get(name="Organisering")
    assert list(forankring.questions.values_list("code", flat=True)) == ["6"]  # matched by text
    assert list(organisering.questions.values_list("code", flat=True)) == ["2"]  # matched by code
    assert not CarriedLink.objects.filter(category__survey=survey, question__isnull=True).exists()


def test_new_round_command_then_import_survey_command(earlier, tmp_path):
    out = StringIO()
    call_command("new_round", "p2", "--survey", "Portefølje 3", "--title", "Portefølje 3", stdout=out)
    assert "Created portefolje-3 from p2" in out.getvalue() and "2 question links" in out.getvalue()
    path = tmp_path / "p3.csv"
    path.write_bytes(SECOND.encode())
    call_command("import_survey", str(path), "--survey", "portefolje-3", stdout=StringIO())
    out = StringIO()
    call_command("survey_summary", "portefolje-3", "--json", stdout=out)
    import json

    categories = {c["name"]: c["questions"] for c in json.loads(out.getvalue())["categories"]}
    assert categories == {"Forankring": ["6"], "Organisering": ["2"]}


def test_new_round_command_refuses_a_taken_short_name(earlier):
    with pytest.raises(CommandError, match="exists|finnes"):
        call_command("new_round", "p2", "--survey", "p2", "--title", "X", stdout=StringIO())


def test_next_round_form(earlier, admin, client_for):
    client = client_for(admin)
    url = reverse("coding:next_round", args=[earlier.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Portefølje 3", "slug": "p2", "period": ""})
    assert response.status_code == 400 and not Survey.objects.filter(title="Portefølje 3").exists()
    response = client.post(url, {"title": "Portefølje 3", "slug": "Portefølje 3", "period": "2021–2022"})
    assert response.status_code == 302
    assert Survey.objects.get(slug="portefolje-3").previous_round == earlier


def test_the_new_rounds_history_says_where_it_came_from_and_what_was_linked(earlier, admin, client_for):
    from django.utils import translation

    survey = new_round(earlier, by=admin, slug="p3", title="Portefølje 3")
    import_bytes(SECOND.encode(), slug="p3")
    with translation.override("nb"):
        page = client_for(admin).get(reverse("coding:survey_settings", args=[survey.slug])).content.decode()
    assert "(en ny undersøkelse basert på «Portefølje 2»)" in page
    assert "(2 graderte spørsmål koblet til kategorier som i forrige runde)" in page
    assert "vises som «skjult»" in page  # the small-cell help, whole (a “<N” once cut it short)


def test_an_undone_import_leaves_the_links_waiting_and_a_removed_link_stays_removed(earlier, admin):
    from surveys.importing.undo import last_import, undo_import

    survey = new_round(earlier, by=admin, slug="p3", title="Portefølje 3")
    import_bytes(SECOND.encode(), slug="p3")
    undo_import(last_import(survey), by=admin)
    assert not survey.questions.exists()
    import_bytes(SECOND.encode(), slug="p3")  # the file again, after the undo: linked as the first time
    forankring, organisering = survey.categories.get(name="Forankring"), survey.categories.get(name="Organisering")
    assert list(forankring.questions.values_list("code", flat=True)) == ["6"]
    assert list(organisering.questions.values_list("code", flat=True)) == ["2"]
    organisering.questions.clear()  # the admin unlinks it; a corrected file does not link it again
    import_bytes(SECOND.replace("Mindre", "Mindre tid").encode(), slug="p3")
    assert not organisering.questions.exists() and forankring.questions.exists()
