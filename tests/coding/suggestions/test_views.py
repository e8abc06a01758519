"""The suggestions panel, accept and dismiss, and "code similar answers" with undo: happy
paths, htmx and full page, bad input, hostile text, the audit trail."""

from coding.models import AuditEvent, Code, Coding, SuggestionDecision
from coding.suggestions import queries
from surveys.models import Answer
from tests.conftest import make_answer

HTMX = {"HX-Request": "true"}


def panel_url(survey, answer):
    return f"/s/{survey.slug}/answers/{answer.pk}/suggestions/"


def test_panel_shows_codes_scores_and_evidence(client_for, survey, coder, themed):
    answers, _labels, _codes = themed
    client = client_for(coder)
    response = client.get(panel_url(survey, answers[70]), headers=HTMX)
    assert response.status_code == 200
    _message, shown = queries.suggestions_for(answers[70], coder, coder.pk)
    html = response.text
    assert "<html" not in html
    for s in shown:
        assert s.code.name in html
        assert f"{s.score:.2f}".replace(".", ",") in html  # Norwegian decimal comma
        for e in s.evidence:
            assert f'/answers/{e.answer.pk}/"' in html
    assert "<mark>" in html
    full = client.get(panel_url(survey, answers[70]))
    assert full.status_code == 200 and "<html" in full.text


def test_coding_view_includes_the_panel_slot(client_for, survey, coder, themed):
    answers, _labels, _codes = themed
    html = client_for(coder).get(f"/s/{survey.slug}/answers/{answers[70].pk}/").text
    assert 'id="suggestions"' in html and "js/suggestions.js" in html


def test_reviewer_gets_no_panel_slot(client_for, survey, reviewer, themed):
    answers, _labels, _codes = themed
    html = client_for(reviewer).get(f"/s/{survey.slug}/answers/{answers[70].pk}/").text
    assert 'id="suggestions"' not in html


def test_too_little_coding_is_said_in_the_panel(client_for, survey, co_coder, themed):
    answers, _labels, _codes = themed
    response = client_for(co_coder).get(panel_url(survey, answers[70]), headers=HTMX)
    assert "For lite koding" in response.text or "Too little coding" in response.text


def test_accept_makes_an_ordinary_coding_marked_suggested_with_the_score_audited(client_for, survey, coder, themed):
    answers, _labels, _codes = themed
    answer = answers[70]
    _message, shown = queries.suggestions_for(answer, coder, coder.pk)
    top = shown[0]
    client = client_for(coder)
    response = client.post(panel_url(survey, answer) + "accept/", {"code": top.code.pk, "score": "1.0"}, headers=HTMX)
    assert response.status_code == 200
    coding = Coding.objects.get(answer=answer, code=top.code, coder=coder)
    decision = SuggestionDecision.objects.get(answer=answer, code=top.code, coder=coder)
    assert decision.decision == "accepted" and decision.coding == coding
    assert decision.score == top.score  # the server's score, not the posted one
    assert decision.evidence == [e.answer.pk for e in top.evidence]
    event = AuditEvent.objects.get(action="suggestion_accepted", answer=answer)
    assert event.data["score"] == top.score and event.actor == coder
    assert AuditEvent.objects.filter(action="coding_added", answer=answer, code=top.code).exists()
    assert "suggested-mark" in response.text and "coding-changed" in response["HX-Trigger"]
    page = client.get(f"/s/{survey.slug}/answers/{answer.pk}/").text
    assert "suggested-mark" in page


def test_dismissed_suggestion_is_not_offered_again(client_for, survey, coder, themed):
    answers, _labels, _codes = themed
    answer = answers[71]
    _message, shown = queries.suggestions_for(answer, coder, coder.pk)
    client = client_for(coder)
    response = client.post(panel_url(survey, answer) + "dismiss/", {"code": shown[0].code.pk}, headers=HTMX)
    assert response.status_code == 200
    assert f'data-code-id="{shown[0].code.pk}"' not in response.text
    assert not Coding.objects.filter(answer=answer, coder=coder).exists()
    assert AuditEvent.objects.filter(action="suggestion_dismissed", answer=answer, code=shown[0].code).exists()
    again = client.get(panel_url(survey, answer), headers=HTMX).text
    assert f'data-code-id="{shown[0].code.pk}"' not in again


def test_accepting_a_code_not_suggested_is_refused_and_writes_nothing(client_for, survey, coder, themed):
    answers, _labels, codes = themed
    answer = answers[72]
    other = Code.objects.create(survey=survey, name="Annet")  # its answers share no word part with this one
    for i in range(3):
        Coding.objects.create(answer=make_answer(answer.question, text=f"Zzz {i}."), code=other, coder=coder)
    _message, shown = queries.suggestions_for(answer, coder, coder.pk, limit=10)
    assert other.pk not in {s.code.pk for s in shown}
    client = client_for(coder)
    before = Coding.objects.count()
    response = client.post(panel_url(survey, answer) + "accept/", {"code": other.pk}, headers=HTMX)
    assert response.status_code == 404 and Coding.objects.count() == before
    assert client.post(panel_url(survey, answer) + "accept/", {"code": "x"}, headers=HTMX).status_code == 400


def test_hostile_answer_text_is_escaped_in_the_evidence(client_for, survey, coder, themed):
    answers, _labels, codes = themed
    hostile = '<script>alert(1)</script> for lite tid <img src=x onerror=alert(1)>'
    question = answers[0].question
    for i in range(3):
        a = make_answer(question, text=hostile + f" {i}")
        Coding.objects.create(answer=a, code=codes["Tid"], coder=coder)
    target = make_answer(question, text=hostile)
    html = client_for(coder).get(panel_url(survey, target), headers=HTMX).text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;<mark>script</mark>&gt;" in html  # escaped, the shared words marked


def test_code_similar_answers_apply_and_undo_the_batch(client_for, survey, coder, themed):
    answers, labels, codes = themed
    code = codes["Tid"]
    client = client_for(coder)
    url = f"/s/{survey.slug}/codebook/{code.pk}/similar/"
    assert f'href="{url}"' in client.get(f"/s/{survey.slug}/codebook/{code.pk}/").text
    rows = queries.similar_answers(survey, code, coder, coder.pk)
    assert rows and all(not Coding.objects.filter(answer=a, code=code, coder=coder).exists() for a, _s, _n in rows)
    page = client.get(url).text
    ticked = [a.pk for a, _s, _n in rows if "Tid" in labels.get(a.pk, ())][:3]
    assert ticked and all(f'value="{pk}"' in page for pk in ticked)
    response = client.post(url, {"answers": ticked, "layer": str(coder.pk)})
    assert response.status_code == 200
    assert set(Coding.objects.filter(code=code, coder=coder, answer_id__in=ticked).values_list(
        "answer_id", flat=True)) == set(ticked)
    batch = SuggestionDecision.objects.filter(answer_id__in=ticked).values_list("batch", flat=True).distinct()
    assert len(batch) == 1
    assert AuditEvent.objects.filter(action="similar_coded", code=code).exists()
    undo = client.post(url + "undo/", {"batch": str(batch[0])})
    assert undo.status_code == 200
    assert not Coding.objects.filter(code=code, coder=coder, answer_id__in=ticked).exists()
    assert AuditEvent.objects.get(action="similar_undone").data["removed"] == len(ticked)
    assert client.post(url + "undo/", {"batch": str(batch[0])}).status_code == 404  # gone, not twice


def test_code_similar_with_nothing_ticked_is_a_clear_error(client_for, survey, coder, themed):
    _answers, _labels, codes = themed
    url = f"/s/{survey.slug}/codebook/{codes['Tid'].pk}/similar/"
    response = client_for(coder).post(url, {})
    assert response.status_code == 400 and 'role="alert"' in response.text


def test_another_coders_batch_cannot_be_undone(client_for, survey, coder, co_coder, themed):
    answers, labels, codes = themed
    code = codes["Tid"]
    rows = queries.similar_answers(survey, code, coder, coder.pk)
    from coding.suggestions import actions

    batch, added = actions.code_similar(survey, code, [rows[0][0].pk], by=coder, layer=coder.pk)
    url = f"/s/{survey.slug}/codebook/{code.pk}/similar/undo/"
    assert client_for(co_coder).post(url, {"batch": str(batch)}).status_code == 404
    assert Coding.objects.filter(code=code, coder=coder, answer=rows[0][0]).exists()


def consensus_of(themed, coder, admin, n=40):
    """The consensus layer holds the coder's codes of the first `n` answers."""
    from coding.models import ConsensusDecision

    answers, labels, codes = themed
    ConsensusDecision.objects.bulk_create(
        ConsensusDecision(answer=a, code=codes[name], present=True, decided_by=admin)
        for a in answers[:n] for name in labels[a.pk])


def test_the_panel_learns_from_the_consensus_layer_when_chosen_and_remembers_it(client_for, survey, coder, admin,
                                                                                  themed):
    answers, _labels, _codes = themed
    consensus_of(themed, coder, admin)
    Coding.objects.filter(coder=coder).delete()  # the coder's own layer is empty now
    client = client_for(coder)
    own = client.get(panel_url(survey, answers[70]), headers=HTMX).text
    assert "For lite koding" in own and 'name="layer" value="consensus"' in own
    chosen = client.get(panel_url(survey, answers[70]), {"layer": "consensus"}, headers=HTMX).text
    assert "Fra konsensuslaget" in chosen and "suggestion-accept" in chosen
    assert 'value="consensus" checked' in chosen
    again = client.get(panel_url(survey, answers[70]), headers=HTMX).text  # the slot reloads without it
    assert "Fra konsensuslaget" in again
    top = int(again.split('class="suggestion" data-code-id="')[1].split('"')[0])
    client.post(panel_url(survey, answers[70]) + "accept/", {"code": top, "layer": "consensus"}, headers=HTMX)
    decision = SuggestionDecision.objects.get(answer=answers[70], coder=coder)
    assert all(a.pk in {x.pk for x in answers[:40]} for a in [Answer.objects.get(pk=e) for e in decision.evidence])
    assert AuditEvent.objects.get(action="suggestion_accepted").data["layer"] == "consensus"
    back = client.get(panel_url(survey, answers[70]), {"layer": "own"}, headers=HTMX).text
    assert "For lite koding" in back


def test_blind_mode_offers_no_layer_choice_and_ignores_a_request_for_the_consensus(client_for, survey, coder,
                                                                                   admin, themed):
    answers, _labels, _codes = themed
    consensus_of(themed, coder, admin)
    Coding.objects.filter(coder=coder).delete()
    survey.blind_coding = True
    survey.save()
    html = client_for(coder).get(panel_url(survey, answers[70]), {"layer": "consensus"}, headers=HTMX).text
    assert 'name="layer" value="consensus" checked' not in html and "layer-choice" not in html
    assert "For lite koding" in html
