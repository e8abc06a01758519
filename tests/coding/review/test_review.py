"""Answers changed by a corrected re-import after they were coded: badge, previous text with
the difference marked, the answer list's "changed since coded" filter, "mark as reviewed"."""

import pytest
from django.urls import reverse

from coding.models import AuditEvent, Code, Coding
from coding.review.diff import word_diff
from surveys.importing.save import import_bytes
from surveys.models import Answer, Survey

FIRST = "Svar-ID;Kommune;4. Hva forventet dere?\r\nR1;Bærum;Mer tid til samarbeid\r\nR2;Vang;Nettverk\r\n"
SECOND = "Svar-ID;Kommune;4. Hva forventet dere?\r\nR1;Bærum;Mer tid til godt samarbeid\r\nR2;Vang;Nettverk\r\n"


@pytest.fixture
def changed(db, coder):
    import_bytes(FIRST.encode(), slug="ny", title="Ny")
    survey = Survey.objects.get(slug="ny")
    answer = Answer.objects.get(respondent__external_key="R1")
    Coding.objects.create(answer=answer, code=Code.objects.create(survey=survey, name="Tid"), coder=coder)
    import_bytes(SECOND.encode(), slug="ny")
    answer.refresh_from_db()
    assert answer.needs_review
    return survey, answer


def test_word_diff_marks_what_was_removed_and_added():
    assert word_diff("Mer tid til samarbeid", "Mer tid til godt samarbeid") == [
        ("same", "Mer tid til "), ("added", "godt "), ("same", "samarbeid")]
    assert word_diff("a b", "a c") == [("same", "a "), ("removed", "b"), ("added", "c")]


def test_answer_page_shows_the_badge_and_the_difference(changed, coder, client_for):
    survey, answer = changed
    page = client_for(coder).get(reverse("coding:answer", args=[survey.slug, answer.pk])).content.decode()
    assert "badge-changed" in page
    assert "<ins>" in page and "godt " in page and "Mer tid til samarbeid" in page


def test_changed_since_coded_filter_and_badge_in_the_list(changed, coder, client_for):
    survey, answer = changed
    client = client_for(coder)
    page = client.get(reverse("coding:answers", args=[survey.slug]), {"coded": "changed"})
    rows = list(page.context["table"].rows)
    assert [r.record.pk for r in rows] == [answer.pk]
    assert "badge-changed" in page.content.decode()


def test_mark_as_reviewed_clears_the_flag_with_history(changed, coder, client_for, reviewer):
    survey, answer = changed
    url = reverse("coding:answer_reviewed", args=[survey.slug, answer.pk])
    assert client_for(reviewer).post(url).status_code == 403
    client = client_for(coder)
    assert client.post(url).status_code == 302
    answer.refresh_from_db()
    assert not answer.needs_review and answer.previous_text == "Mer tid til samarbeid"
    event = AuditEvent.objects.get(action=AuditEvent.Action.ANSWER_REVIEWED)
    assert (event.answer, event.actor) == (answer, coder)
    page = client.get(reverse("coding:answer", args=[survey.slug, answer.pk])).content.decode()
    assert "badge-changed" not in page
    client.post(url)  # twice: nothing more
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ANSWER_REVIEWED).count() == 1
