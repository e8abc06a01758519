"""The codebook: tree and counts per coder, rename/recolour/move with optimistic locking,
merge, delete, history — and who may do what."""

import pytest
from django.urls import reverse

from coding.models import AuditEvent, Code, Coding
from tests.conftest import make_answer, make_question, make_respondent


@pytest.fixture
def book(survey, coder, co_coder):
    q = make_question(survey, "2")
    r1, r2 = make_respondent(survey, "R1"), make_respondent(survey, "R2")
    a1, a2 = make_answer(q, r1, text="Første svar"), make_answer(q, r2, text="Andre svar")
    parent = Code.objects.create(survey=survey, name="Organisering", description="Om møter og samlinger")
    child = Code.objects.create(survey=survey, name="Samlinger", parent=parent)
    grandchild = Code.objects.create(survey=survey, name="Digitale samlinger", parent=child)
    Coding.objects.create(answer=a1, code=child, coder=coder)
    Coding.objects.create(answer=a2, code=child, coder=coder, start=0, end=3)
    Coding.objects.create(answer=a2, code=child, coder=co_coder)
    return {"parent": parent, "child": child, "grandchild": grandchild, "answers": [a1, a2]}


def url(survey, name, *args):
    return reverse(f"coding:{name}", args=[survey.slug, *args])


def test_codebook_shows_the_tree_and_counts_per_coder(client_for, reviewer, survey, book):
    response = client_for(reviewer).get(url(survey, "codebook"))
    assert response.status_code == 200
    codes = response.context["codes"]
    assert [(c.name, c.depth) for c in codes] == [("Organisering", 0), ("Samlinger", 1), ("Digitale samlinger", 2)]
    coders = [c.username for c in response.context["coders"]]
    assert coders == ["kari", "ola"]
    samlinger = codes[1]
    assert samlinger.per_coder == [(2, 2), (1, 1)]  # kari: 2 answers / 2 units; ola: 1 / 1
    assert "Om møter og samlinger" in response.text
    assert 'class="swatch"' in response.text


def test_codebook_counts_only_own_layer_in_blind_mode(client_for, coder, survey, book):
    survey.blind_coding = True
    survey.save()
    response = client_for(coder).get(url(survey, "codebook"))
    assert [c.username for c in response.context["coders"]] == ["kari"]


def test_codebook_query_count_does_not_grow(client_for, coder, survey, book, django_assert_max_num_queries):
    client = client_for(coder)
    for i in range(40):
        Code.objects.create(survey=survey, name=f"Ekstra {i}", parent=book["parent"])
    with django_assert_max_num_queries(10):
        assert client.get(url(survey, "codebook")).status_code == 200


def test_rename_recolour_and_move(client_for, coder, survey, book):
    code = book["grandchild"]
    response = client_for(coder).post(url(survey, "code", code.pk), {
        "name": "Nettsamlinger", "description": "Digitale møter", "colour": "#112233",
        "parent": book["parent"].pk, "version": code.version})
    assert response.status_code == 302
    code.refresh_from_db()
    assert (code.name, code.colour, code.parent, code.version) == ("Nettsamlinger", "#112233", book["parent"], 2)
    event = AuditEvent.objects.get(action="code_changed", code=code)
    assert event.data["before"]["name"] == "Digitale samlinger" and event.data["after"]["name"] == "Nettsamlinger"
    history = client_for(coder).get(url(survey, "code", code.pk)).text
    assert "Nettsamlinger" in history and "Kode endret" in history


def test_stale_form_gets_409_naming_who_changed_it(client_for, coder, admin, survey, book):
    code = book["parent"]
    stale = {"name": "A", "description": "", "colour": "#112233", "parent": "", "version": code.version}
    assert client_for(admin).post(url(survey, "code", code.pk), {**stale, "name": "Organisering 2"}).status_code == 302
    response = client_for(coder).post(url(survey, "code", code.pk), stale)
    assert response.status_code == 409
    assert "anne" in response.text
    code.refresh_from_db()
    assert code.name == "Organisering 2"


def test_bad_input_is_refused(client_for, coder, survey, book):
    client = client_for(coder)
    code = book["parent"]
    response = client.post(url(survey, "code", code.pk), {"name": "", "colour": "red", "version": code.version})
    assert response.status_code == 400
    response = client.post(url(survey, "code", code.pk), {"name": "X", "colour": "#000000", "version": code.version,
                                                          "parent": book["grandchild"].pk})
    assert response.status_code == 400  # a cycle
    code.refresh_from_db()
    assert code.name == "Organisering" and code.parent is None


def test_mass_assignment_is_ignored(client_for, coder, co_coder, survey, book):
    client = client_for(coder)
    client.post(url(survey, "code_create"), {"new-name": "Ny", "new-colour": "#123456", "new-survey": 999,
                                             "new-created_by": co_coder.pk, "new-version": 50})
    code = Code.objects.get(name="Ny")
    assert (code.survey, code.created_by, code.version) == (survey, coder, 1)


def test_create_refuses_a_taken_name(client_for, coder, survey, book):
    response = client_for(coder).post(url(survey, "code_create"), {"new-name": "samlinger", "new-colour": "#123456"})
    assert response.status_code == 400
    assert Code.objects.filter(name__iexact="samlinger").count() == 1


def test_merge_through_the_page(client_for, coder, survey, book):
    response = client_for(coder).post(url(survey, "code_merge", book["grandchild"].pk),
                                      {"target": book["child"].pk, "confirmed": "1"})
    assert response.status_code == 302
    assert not Code.objects.filter(pk=book["grandchild"].pk).exists()
    assert AuditEvent.objects.filter(action="code_merged", code=book["child"]).exists()


def test_delete_is_refused_while_used(client_for, coder, survey, book):
    client = client_for(coder)
    # The page offers no delete button for a code in use, only the way out (merge).
    used = client.get(url(survey, "code", book["child"].pk)).content.decode()
    unused = client.get(url(survey, "code", book["grandchild"].pk)).content.decode()
    delete_form = 'action="%s"'
    assert delete_form % url(survey, "code_delete", book["child"].pk) not in used and 'id="delete-refused"' in used
    assert delete_form % url(survey, "code_delete", book["grandchild"].pk) in unused
    client.post(url(survey, "code_delete", book["child"].pk))
    assert Code.objects.filter(pk=book["child"].pk).exists()
    client.post(url(survey, "code_delete", book["grandchild"].pk))
    assert not Code.objects.filter(pk=book["grandchild"].pk).exists()


@pytest.mark.parametrize("name,args,data", [
    ("code", "child", {"name": "X", "colour": "#000000", "version": 1}),
    ("code_merge", "child", {"target": "parent", "confirmed": "1"}),
    ("code_delete", "grandchild", {}),
    ("code_create", None, {"new-name": "X", "new-colour": "#000000"}),
])
def test_reviewer_cannot_change_the_codebook(client_for, reviewer, survey, book, name, args, data):
    data = {k: (book[v].pk if v in book else v) for k, v in data.items()}
    before = list(Code.objects.order_by("pk").values_list("pk", "name", "parent_id", "version"))
    response = client_for(reviewer).post(url(survey, name, *([book[args].pk] if args else [])), data)
    assert response.status_code == 403
    assert list(Code.objects.order_by("pk").values_list("pk", "name", "parent_id", "version")) == before


def test_outsider_gets_404(client_for, outsider, survey, book):
    client = client_for(outsider)
    assert client.get(url(survey, "codebook")).status_code == 404
    assert client.get(url(survey, "code", book["child"].pk)).status_code == 404


def test_code_of_another_survey_is_404(client_for, coder, survey, book):
    from surveys.models import Survey

    other = Survey.objects.create(title="Annen", slug="annen")
    assert client_for(coder).get(reverse("coding:code", args=[other.slug, book["child"].pk])).status_code == 404


def test_hostile_code_name_is_escaped_in_options_and_titles(client_for, coder, survey, book):
    Code.objects.create(survey=survey, name='</option><script>alert(1)</script>', parent=book["parent"])
    for page in (url(survey, "codebook"), url(survey, "code", book["child"].pk),
                 url(survey, "answer", book["answers"][0].pk), url(survey, "answers")):
        html = client_for(coder).get(page).text
        assert "<script>alert(1)</script>" not in html
        assert "&lt;/option&gt;&lt;script&gt;" in html
