"""Pseudonymising: consistent labels, codings kept on the same words, the originals gone
(from the answers, their earlier versions, the import files and every export), a history row."""

import datetime
import io
import zipfile

import pytest
from django.apps import apps
from django.core import serializers
from django.urls import reverse

from coding.models import AuditEvent, Category, CategoryCode, Code, Coding, Finding, Quote, RetainedOriginal
from coding.privacy import actions, rewrite
from surveys.models import Answer, ImportRun
from tests.conftest import make_answer, make_question, make_respondent

TEXTS = [
    "Rektor Per Hansen tok ansvar, og det hjalp skolen.",
    "Vi ringte Per Hansen på 912 34 567 og skrev til per@skole.no om planen.",
    "Hansen fulgte opp. Fnr 15076510013 lå i skjemaet. Kari Nordmann ledet møtet.",
]


@pytest.fixture
def coded(survey, coder):
    q = make_question(survey, "1")
    answers = [make_answer(q, make_respondent(survey, f"R{i}"), text=t) for i, t in enumerate(TEXTS)]
    code = Code.objects.create(survey=survey, name="Ledelse")
    spans = {}
    for answer, words in zip(answers, ["tok ansvar", "om planen", "ledet møtet"], strict=True):
        start = answer.text.index(words)
        spans[answer.pk] = words
        Coding.objects.create(answer=answer, code=code, coder=coder, start=start, end=start + len(words))
    # a coding over the name itself and past it
    whole = answers[0].text.index("Per Hansen tok")
    Coding.objects.create(answer=answers[0], code=Code.objects.create(survey=survey, name="Person"),
                          coder=coder, start=whole, end=whole + len("Per Hansen tok"))
    return survey, answers, spans


def confirm_all(survey, admin):
    actions.scan_survey(survey, by=admin)
    for finding in Finding.objects.all():
        actions.decide_finding(finding, Finding.Status.CONFIRMED, by=admin)


def text_of(answer):
    return Answer.objects.get(pk=answer.pk).text


def test_replace_and_shift_carry_offsets():
    text, shift = rewrite.replace("ab Per Hansen cd", [(3, 13, "[P]")])
    assert text == "ab [P] cd"
    assert (shift.start(0), shift.start(3), shift.start(5), shift.end(13), shift.start(14)) == (0, 3, 3, 6, 7)
    assert shift.end(8) == 6  # an end inside the name ends after its label


def test_labels_are_consistent_across_the_survey(coded, admin):
    survey, answers, _spans = coded
    confirm_all(survey, admin)
    actions.pseudonymise_survey(survey, by=admin)
    assert text_of(answers[0]) == "Rektor [Person 1] tok ansvar, og det hjalp skolen."
    assert text_of(answers[1]) == "Vi ringte [Person 1] på [telefon] og skrev til [e-post] om planen."
    assert text_of(answers[2]) == "[Person 1] fulgte opp. Fnr [fødselsnummer] lå i skjemaet. [Person 2] ledet møtet."


def test_codings_stay_on_the_same_words(coded, admin):
    survey, answers, spans = coded
    confirm_all(survey, admin)
    actions.pseudonymise_survey(survey, by=admin)
    for answer in answers:
        text = text_of(answer)
        ledelse = Coding.objects.get(answer=answer, code__name="Ledelse")
        assert text[ledelse.start:ledelse.end] == spans[answer.pk]
    person = Coding.objects.get(code__name="Person")
    assert text_of(answers[0])[person.start:person.end] == "[Person 1] tok"


def test_rejected_findings_stay_and_move_with_the_text(coded, admin):
    survey, answers, _spans = coded
    actions.scan_survey(survey, by=admin)
    for finding in Finding.objects.all():
        status = Finding.Status.REJECTED if finding.kind == "email" else Finding.Status.CONFIRMED
        actions.decide_finding(finding, status, by=admin)
    actions.pseudonymise_survey(survey, by=admin)
    assert "per@skole.no" in text_of(answers[1])
    email = Finding.objects.get(kind="email")
    assert text_of(answers[1])[email.start:email.end] == "per@skole.no"


CONFIRMED = ["Per Hansen", "Hansen", "912 34 567", "per@skole.no", "15076510013", "Kari Nordmann"]


def test_originals_are_not_kept_anywhere(coded, admin, coder, client_for):
    survey, answers, _spans = coded
    Answer.objects.filter(pk=answers[2].pk).update(previous_text="Før: Per Hansen ringte 912 34 567.")
    ImportRun.objects.create(survey=survey, filename="x.csv", sha256="0" * 64, content=b"Per Hansen;912 34 567",
                             status="done", errors=[{"line": 3, "value": "Kari Nordmann"}],
                             undo={"answers": [{"id": answers[0].pk, "text": "Rektor Per Hansen, tlf 912 34 567"}]})
    category = Category.objects.create(survey=survey, name="Ledelse og ansvar")
    CategoryCode.objects.create(category=category, code=Code.objects.get(name="Ledelse"))
    for answer in answers:
        Quote.objects.create(category=category, answer=answer, starred_by=admin)
    confirm_all(survey, admin)
    actions.pseudonymise_survey(survey, by=admin)
    assert Answer.objects.get(pk=answers[2].pk).previous_text == "Før: [Person 1] ringte [telefon]."
    run = ImportRun.objects.get()
    assert bytes(run.content) == b"" and "Nordmann" not in str(run.errors) and run.undo == {}
    assert not Finding.objects.exclude(value="").exists()
    assert not RetainedOriginal.objects.exists()
    # Not in any row of any table (memos and code names are not searched: this survey has none
    # that name anyone).
    for model in apps.get_models():
        dump = serializers.serialize("json", model.objects.all(), ensure_ascii=False)
        for value in CONFIRMED:
            assert value not in dump, (model.__name__, value)
    client = client_for(admin)
    slug = survey.slug
    downloads = [reverse("coding:export", args=[slug, kind, fmt])
                 for kind in ("answers", "codings", "frequencies", "crosstab") for fmt in ("csv", "xlsx")]
    downloads += [reverse("surveys:export_answers", args=[slug, fmt]) for fmt in ("csv", "xlsx")]
    downloads += [reverse("coding:report_docx", args=[slug]), reverse("coding:report", args=[slug]),
                  reverse("coding:refi_qdpx", args=[slug]), reverse("coding:refi_qdc", args=[slug]),
                  reverse("coding:dashboard", args=[slug, category.pk])]
    downloads += [reverse("coding:agreement_export", args=[slug, fmt]) + f"?coders={admin.pk}&coders={coder.pk}"
                  for fmt in ("csv", "xlsx")]
    shown = 0
    for url in downloads:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        texts = _texts(body)
        shown += any("[Person 1]" in blob for blob in texts)
        for blob in texts:
            for value in CONFIRMED:
                assert value not in blob, (url, value)
    assert shown >= 8  # the answer exports, the report, the DOCX, REFI-QDA and the dashboard hold the new text


def _texts(body):
    """The bytes of a download as text, zip members (XLSX, DOCX, QDPX) unpacked."""
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            return [z.read(name).decode("utf-8", "replace") for name in z.namelist()]
    return [body.decode("utf-8", "replace")]


def test_original_kept_until_a_date_when_asked(coded, admin):
    survey, answers, _spans = coded
    confirm_all(survey, admin)
    until = datetime.date.today() + datetime.timedelta(days=30)
    actions.pseudonymise_survey(survey, by=admin, keep_original_until=until)
    kept = RetainedOriginal.objects.get(answer=answers[0])
    assert kept.text == TEXTS[0] and kept.keep_until == until


def test_history_records_who_and_when(coded, admin):
    survey, _answers, _spans = coded
    confirm_all(survey, admin)
    actions.pseudonymise_survey(survey, by=admin)
    event = AuditEvent.objects.get(action=AuditEvent.Action.PSEUDONYMISED)
    assert event.actor == admin and event.data["answers"] == 3
    assert event.data["findings"] == {"name": 4, "phone": 1, "email": 1, "national_id": 1}


def test_nothing_confirmed_is_refused(coded, admin):
    from veiledning.refusals import Refusal

    survey, _answers, _spans = coded
    actions.scan_survey(survey, by=admin)
    with pytest.raises(Refusal):
        actions.pseudonymise_survey(survey, by=admin)
    assert Answer.objects.get(pk=_answers[0].pk).text == TEXTS[0]


def test_added_findings_cover_every_occurrence(coded, admin):
    survey, answers, _spans = coded
    assert actions.add_findings(survey, "skjemaet", "name", by=admin) == 1
    actions.pseudonymise_survey(survey, by=admin)
    assert "skjemaet" not in text_of(answers[2])
