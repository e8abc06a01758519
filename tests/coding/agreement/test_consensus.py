"""The consensus layer: agreements plus decisions, "accept all agreements" in one action,
counts that go down, and the coverage a consensus dashboard reports."""

import pytest
from django.urls import reverse

from coding import layers
from coding.agreement.consensus import consensus_state, coverage
from coding.agreement.queries import AnswerSet
from coding.models import AuditEvent, ConsensusDecision
from tests.coding.agreement.fixtures import agreement_data


def url(name, survey, *args):
    return reverse(f"coding:{name}", args=[survey.slug, *args])


@pytest.fixture
def data(survey, coder, co_coder):
    return agreement_data(survey, coder, co_coder)


def _decide(client, survey, answer, code, present):
    return client.post(url("agreement_decide", survey, answer.id), {"code": code.id, "present": present})


def test_state_separates_agreements_from_disagreements(survey, data, coder, co_coder):
    answers, codes = data
    state = consensus_state(survey, [coder, co_coder], AnswerSet())
    eier, saml = codes["Eierskap"].id, codes["Samlinger"].id
    assert state.pairable == [a.id for a in answers[:4]]
    assert state.agreed == {(answers[0].id, eier), (answers[1].id, saml), (answers[2].id, saml),
                            (answers[3].id, eier)}
    assert state.disagreements == {(answers[1].id, eier), (answers[3].id, saml)}


def test_answers_to_reconcile_go_down_as_decisions_are_made(client_for, admin, survey, data, coder, co_coder):
    answers, codes = data
    client = client_for(admin)
    page = client.get(url("agreement_reconcile", survey))
    assert "2 svar å avklare." in page.content.decode()
    _decide(client, survey, answers[1], codes["Eierskap"], "0")
    page = client.get(url("agreement_reconcile", survey))
    assert [card.answer for card in page.context["cards"]] == [answers[3]]
    assert "1 svar å avklare." in page.content.decode()
    _decide(client, survey, answers[3], codes["Samlinger"], "1")
    page = client.get(url("agreement_reconcile", survey))
    assert page.context["cards"] == [] and "0 svar å avklare." in page.content.decode()


def test_accept_all_agreements_in_one_action_keeps_explicit_decisions(client_for, admin, survey, data):
    answers, codes = data
    client = client_for(admin)
    _decide(client, survey, answers[0], codes["Eierskap"], "0")  # the admin overrules one agreement
    response = client.post(url("agreement_accept", survey))
    assert response.status_code == 302
    present = set(ConsensusDecision.objects.filter(present=True).values_list("answer_id", "code__name"))
    assert present == {(answers[1].id, "Samlinger"), (answers[2].id, "Samlinger"), (answers[3].id, "Eierskap")}
    assert not ConsensusDecision.objects.get(answer=answers[0], code=codes["Eierskap"]).present
    event = AuditEvent.objects.filter(data__accepted_agreements=3).get()
    assert event.actor == admin
    page = client.get(response["Location"])
    assert "3 koder koderne er enige om er lagt inn i konsensuslaget." in page.content.decode()
    # A second time there is nothing left to accept.
    client.post(url("agreement_accept", survey))
    assert ConsensusDecision.objects.count() == 4


def test_show_all_marks_agreements_and_offers_to_accept_them(client_for, admin, survey, data):
    html = client_for(admin).get(url("agreement_reconcile", survey), {"show": "all"}).content.decode()
    assert "enige, ikke lagt inn ennå" in html
    assert "Godta alle enigheter" in html and url("agreement_accept", survey) in html


@pytest.mark.parametrize("persona", ["coder", "reviewer"])
def test_only_admins_accept_agreements(client_for, request, survey, data, persona):
    response = client_for(request.getfixturevalue(persona)).post(url("agreement_accept", survey))
    assert response.status_code == 403 and not ConsensusDecision.objects.exists()


def test_accept_without_two_coders_is_refused(client_for, admin, survey, data, coder):
    response = client_for(admin).post(url("agreement_accept", survey) + f"?coders={coder.id}")
    assert response.status_code == 400 and not ConsensusDecision.objects.exists()


def test_coverage_counts_answers_with_a_decision(client_for, admin, survey, data):
    assert (coverage(survey).covered, coverage(survey).total) == (0, 6)
    client_for(admin).post(url("agreement_accept", survey))
    cover = coverage(survey)
    assert (cover.covered, cover.total) == (4, 6) and not cover.small


def test_consensus_dashboard_says_how_many_answers_it_covers_and_warns(client_for, admin, survey, data):
    answers, codes = data
    client = client_for(admin)
    _decide(client, survey, answers[1], codes["Eierskap"], "1")
    html = client.get(url("dashboards", survey), {"layer": layers.CONSENSUS}).content.decode()
    assert "Konsensuslaget dekker 1 av 6 svar (16,7 %)." in html
    assert "Bare en liten del av svarene" in html
    assert "Konsensuslaget dekker" not in client.get(url("dashboards", survey)).content.decode()


def test_demo_consensus_dashboard_shows_agreed_codes_after_accepting(client_for, admin, demo):
    from django.contrib.auth import get_user_model

    from coding.models import Category, Coding

    client = client_for(admin)
    coder_ids = sorted(set(Coding.objects.filter(code__survey=demo).values_list("coder_id", flat=True)))
    assert len(coder_ids) == 2  # the demo's two coders; the second coded a share of the answers
    coders = list(get_user_model().objects.filter(id__in=coder_ids).order_by("username"))
    state = consensus_state(demo, coders, AnswerSet())
    agreed_per_code = {}
    for _answer, code_id in state.agreed:
        agreed_per_code[code_id] = agreed_per_code.get(code_id, 0) + 1
    assert state.agreed

    def consensus_counts():
        counted = {}
        for category in Category.objects.filter(survey=demo):
            response = client.get(url("dashboard", demo, category.id), {"layer": layers.CONSENSUS})
            counted.update({code.id: answers for code, answers, _r in response.context["code_counts"]})
        return counted

    assert not any(consensus_counts().values())
    query = "&".join(f"coders={c}" for c in coder_ids)
    assert client.post(url("agreement_accept", demo) + f"?{query}").status_code == 302
    counted = consensus_counts()
    shown = {code_id: n for code_id, n in counted.items() if n}
    assert shown and shown == {c: n for c, n in agreed_per_code.items() if c in counted}


def test_htmx_status_region_gives_the_fresh_counts(client_for, admin, survey, data):
    answers, codes = data
    client = client_for(admin)
    _decide(client, survey, answers[1], codes["Eierskap"], "0")
    response = client.get(url("agreement_reconcile", survey),
                          headers={"HX-Request": "true", "HX-Target": "consensus-status"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div class="consensus-status" id="consensus-status"') and "<html" not in html
    assert "1 svar å avklare." in html and "1 uenighet er ikke avgjort ennå." in html
    assert 'hx-trigger="consensus-changed from:body"' in html
