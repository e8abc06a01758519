"""Reconciliation: the coders' layers side by side, decisions write the consensus layer."""

import pytest
from django.urls import reverse

from coding.models import Code, ConsensusDecision, Memo
from surveys.models import Survey
from tests.coding.agreement.fixtures import agreement_data
from tests.conftest import make_answer, make_question


def url(name, survey, *args):
    return reverse(f"coding:{name}", args=[survey.slug, *args])


@pytest.fixture
def data(survey, coder, co_coder):
    return agreement_data(survey, coder, co_coder)


def test_admin_sees_only_disagreements_side_by_side(client_for, admin, survey, data, coder, co_coder):
    answers, codes = data
    response = client_for(admin).get(url("agreement_reconcile", survey))
    assert response.status_code == 200
    shown = [card.answer for card in response.context["cards"]]
    # Answer 1: Samlinger by both, Eierskap only by coder; answer 3: Samlinger only by co_coder.
    assert shown == [answers[1], answers[3]]
    first = response.context["cards"][0]
    rows = {row.code.name: row for row in first.rows}
    assert rows["Eierskap"].cells == [True, False] and rows["Eierskap"].disagree
    assert rows["Samlinger"].cells == [True, True] and not rows["Samlinger"].disagree
    html = response.content.decode()
    assert "uenighet" in html and 'hx-disable' in html


def test_show_all_lists_every_answer_coded_by_two(client_for, admin, survey, data):
    response = client_for(admin).get(url("agreement_reconcile", survey), {"show": "all"})
    assert len(response.context["cards"]) == 4


@pytest.mark.parametrize("persona", ["coder", "co_coder", "reviewer"])
def test_only_admins_reconcile(client_for, request, survey, data, persona):
    answers, codes = data
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url("agreement_reconcile", survey)).status_code == 403
    response = client.post(url("agreement_decide", survey, answers[1].id),
                           {"code": codes["Eierskap"].id, "present": "1"})
    assert response.status_code == 403
    assert not ConsensusDecision.objects.exists()


def test_outsider_gets_404(client_for, outsider, survey, data):
    answers, codes = data
    client = client_for(outsider)
    assert client.get(url("agreement_reconcile", survey)).status_code == 404
    response = client.post(url("agreement_decide", survey, answers[1].id), {"code": codes["Eierskap"].id,
                                                                          "present": "1"})
    assert response.status_code == 404 and not ConsensusDecision.objects.exists()


def test_decide_refuses_get(client_for, admin, survey, data):
    assert client_for(admin).get(url("agreement_decide", survey, data[0][1].id)).status_code == 405


def test_a_decision_writes_exactly_one_consensus_row(client_for, admin, survey, data):
    answers, codes = data
    client = client_for(admin)
    target = url("agreement_decide", survey, answers[1].id)
    for present in ("1", "0", "0"):
        response = client.post(target, {"code": codes["Eierskap"].id, "present": present,
                                        "reason": "Drøftet i gruppa", "next": url("agreement_reconcile", survey)})
        assert response.status_code == 302
    decision = ConsensusDecision.objects.get()
    assert (decision.answer, decision.code, decision.present, decision.decided_by) == (
        answers[1], codes["Eierskap"], False, admin)
    assert decision.reason == "Drøftet i gruppa"
    assert response["Location"].endswith(f"#answer-{answers[1].id}")


def test_decision_by_htmx_returns_the_updated_card(client_for, admin, survey, data, coder, co_coder):
    answers, codes = data
    response = client_for(admin).post(
        url("agreement_decide", survey, answers[1].id) + f"?coders={coder.id}&coders={co_coder.id}",
        {"code": codes["Eierskap"].id, "present": "1", "sharpen_note": "Skill eierskap fra ledelse"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<section class="answer-card" id="answer-{answers[1].id}"')
    assert "Konsensus er lagret" in html and "gjelder" in html
    assert "consensus-changed" in response["HX-Trigger"]
    assert Memo.objects.get().code == codes["Eierskap"]


def test_answer_of_another_survey_is_404_and_foreign_code_400(client_for, admin, survey, data):
    answers, codes = data
    other = Survey.objects.create(title="Annen", slug="annen")
    foreign_answer = make_answer(make_question(other, "1"), text="x")
    foreign_code = Code.objects.create(survey=other, name="Fremmed")
    client = client_for(admin)
    assert client.post(url("agreement_decide", survey, foreign_answer.id),
                       {"code": codes["Eierskap"].id, "present": "1"}).status_code == 404
    response = client.post(url("agreement_decide", survey, answers[1].id), {"code": foreign_code.id, "present": "1"},
                           headers={"HX-Request": "true"})
    assert response.status_code == 400 and response["X-Message"]
    assert not ConsensusDecision.objects.exists()


def test_next_cannot_redirect_off_site(client_for, admin, survey, data):
    answers, codes = data
    response = client_for(admin).post(url("agreement_decide", survey, answers[1].id),
                                      {"code": codes["Eierskap"].id, "present": "1", "next": "https://evil.example/"})
    assert response["Location"].startswith(url("agreement_reconcile", survey))


def test_hostile_text_stays_inert(client_for, admin, survey, coder, co_coder):
    q = make_question(survey, "2u")
    answer = make_answer(q, text='<script>alert(1)</script><div hx-get="/admin/" hx-trigger="load">x</div>')
    from coding.models import Coding

    code = Code.objects.create(survey=survey, name='"><svg onload=alert(1)>')
    Coding.objects.create(answer=answer, code=code, coder=coder)
    Coding.objects.create(answer=answer, code=Code.objects.create(survey=survey, name="Annen"), coder=co_coder)
    html = client_for(admin).get(url("agreement_reconcile", survey)).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert "<svg onload" not in html


def test_reconcile_query_budget(client_for, admin, survey, coder, co_coder, django_assert_max_num_queries):
    from coding.models import Coding

    q = make_question(survey, "2u")
    codes = [Code.objects.create(survey=survey, name=f"K{i}") for i in range(5)]
    for i in range(30):
        answer = make_answer(q, text=f"Svar {i}")
        Coding.objects.create(answer=answer, code=codes[i % 5], coder=coder)
        Coding.objects.create(answer=answer, code=codes[(i + 1) % 5], coder=co_coder)
    client = client_for(admin)
    with django_assert_max_num_queries(16):
        response = client.get(url("agreement_reconcile", survey))
    assert len(response.context["cards"]) == 20
