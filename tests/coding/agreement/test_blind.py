"""Blind coding hides other coders' layers everywhere: the layer helpers, the agreement pages,
the coding view and its htmx fragments, dashboards and exports — until an admin opens the
comparison. Admins and reviewers (who do not code) see every layer."""

import csv
import io

import pytest
from django.urls import reverse

from coding import layers
from coding.models import Category, CategoryCode, Code, Coding
from tests.conftest import make_answer, make_question

SECRET = "Olas egen kode"  # a code only the co-coder has applied


@pytest.fixture
def blind(survey, coder, co_coder):
    question = make_question(survey, "2u")
    answer = make_answer(question, text="Skoleeier var lite til stede.")
    mine = Code.objects.create(survey=survey, name="Karis kode")
    theirs = Code.objects.create(survey=survey, name=SECRET)
    category = Category.objects.create(survey=survey, name="Forankring")
    CategoryCode.objects.create(category=category, code=mine)
    CategoryCode.objects.create(category=category, code=theirs, position=1)
    own = Coding.objects.create(answer=answer, code=mine, coder=coder)
    other = Coding.objects.create(answer=answer, code=theirs, coder=co_coder)
    survey.blind_coding = True
    survey.save()
    return {"answer": answer, "own": own, "other": other, "category": category, "theirs": theirs}


def test_visible_codings_and_parse_layer(survey, blind, admin, reviewer, coder, co_coder):
    assert list(layers.visible_codings(coder, survey)) == [blind["own"]]
    assert layers.parse_layer(str(co_coder.id), coder, survey) == coder.id
    assert layers.parse_layer(layers.ALL, coder, survey) == coder.id
    assert layers.parse_layer(None, coder, survey) == coder.id
    assert list(layers.layer_pairs(survey, layers.ALL, coder)) == [
        {"answer_id": blind["answer"].id, "code_id": blind["own"].code_id}]
    for person in (admin, reviewer):
        assert set(layers.visible_codings(person, survey)) == {blind["own"], blind["other"]}
        assert layers.parse_layer(str(co_coder.id), person, survey) == co_coder.id
    survey.comparison_open = True
    survey.save()
    assert set(layers.visible_codings(coder, survey)) == {blind["own"], blind["other"]}
    assert layers.parse_layer(str(co_coder.id), coder, survey) == co_coder.id


def test_agreement_pages_hide_figures_from_a_blind_coder(client_for, survey, blind, coder):
    client = client_for(coder)
    html = client.get(reverse("coding:agreement", args=[survey.slug])).content.decode()
    assert SECRET not in html and "Blindkoding er på" in html
    htmx = client.get(reverse("coding:agreement", args=[survey.slug]), headers={"HX-Request": "true"})
    assert SECRET not in htmx.content.decode()
    assert client.get(reverse("coding:agreement_export", args=[survey.slug, "xlsx"])).status_code == 403
    assert client.get(reverse("coding:agreement_reconcile", args=[survey.slug])).status_code == 403


def test_admin_sees_both_layers_in_reconciliation_while_blind(client_for, survey, blind, admin, coder, co_coder):
    response = client_for(admin).get(reverse("coding:agreement_reconcile", args=[survey.slug]))
    assert SECRET in response.content.decode()


def _coding_view_urls(survey, answer):
    return [
        reverse("coding:answer", args=[survey.slug, answer.id]) + "?others=1",
        reverse("coding:answers", args=[survey.slug]) + "?others=1",
    ]


def test_coding_view_and_fragments_hide_the_other_layer(client_for, survey, blind, coder):
    client = client_for(coder)
    answer = blind["answer"]
    for url in _coding_view_urls(survey, answer):
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(url, headers=headers)
            assert response.status_code == 200, url
            if "codings" in (response.context or {}):
                assert blind["other"] not in response.context["codings"], url
    detail = client.get(_coding_view_urls(survey, answer)[0], headers={"HX-Request": "true"})
    assert [c.coder_id for c in detail.context["codings"]] == [coder.id]


def test_coding_view_shows_the_other_layer_once_the_comparison_is_open(client_for, survey, blind, coder):
    survey.comparison_open = True
    survey.save()
    response = client_for(coder).get(_coding_view_urls(survey, blind["answer"])[0])
    assert blind["other"] in response.context["codings"]


def test_dashboard_counts_only_the_blind_coders_layer(client_for, survey, blind, coder, co_coder):
    url = reverse("coding:dashboard", args=[survey.slug, blind["category"].id])
    response = client_for(coder).get(url, {"layer": str(co_coder.id)})
    assert response.status_code == 200
    assert response.context["layer"] == str(coder.id)
    counts = {code.name: answers for code, answers, _respondents in response.context["code_counts"]}
    assert counts == {"Karis kode": 1, SECRET: 0}  # the co-coder's coding is not counted


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_codings_export_holds_only_the_blind_coders_layer(client_for, survey, blind, coder, co_coder, fmt):
    url = reverse("coding:export", args=[survey.slug, "codings", fmt])
    response = client_for(coder).get(url, {"layer": "all"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    else:
        from openpyxl import load_workbook

        rows = [[str(c.value) for c in row] for row in load_workbook(io.BytesIO(body)).active.iter_rows()]
    cells = {cell for row in rows[1:] for cell in row}
    assert "Karis kode" in cells
    assert SECRET not in cells and co_coder.username not in cells


def test_reviewer_exports_every_layer(client_for, survey, blind, reviewer):
    url = reverse("coding:export", args=[survey.slug, "codings", "csv"])
    response = client_for(reviewer).get(url, {"layer": "all"})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert SECRET in body.decode("utf-8-sig")


def test_answer_list_filters_do_not_reveal_the_other_layer(client_for, survey, blind, coder, co_coder):
    q = blind["answer"].question
    only_theirs = make_answer(q, text="Bare Ola har kodet dette svaret.")
    Coding.objects.create(answer=only_theirs, code=blind["theirs"], coder=co_coder)
    client = client_for(coder)
    url = reverse("coding:answers", args=[survey.slug])
    for params in ({"coded": "anyone"}, {"code": blind["theirs"].id}):
        for headers in ({}, {"HX-Request": "true"}):
            html = client.get(url, params, headers=headers).content.decode()
            assert "Bare Ola har kodet" not in html, params
    nobody = client.get(url, {"coded": "nobody"}).content.decode()
    assert "Bare Ola har kodet" in nobody  # to a blind coder, the co-coder's answer looks uncoded


def test_codebook_counts_and_progress_hide_the_other_layer(client_for, survey, blind, coder, co_coder):
    client = client_for(coder)
    response = client.get(reverse("coding:codebook", args=[survey.slug]))
    assert co_coder.username not in response.content.decode()
    assert co_coder.get_full_name() == "" or co_coder.get_full_name() not in response.content.decode()
    progress = client.get(reverse("coding:progress", args=[survey.slug]), headers={"HX-Request": "true"})
    assert progress.context["progress"]["anyone"] is None
