"""The board page and its writes through HTTP: roles, htmx vs full page, stale moves (409),
hostile names, query budget, themes, the category card and the code drawer."""

import pytest
from django.test import Client
from django.urls import reverse

from coding.board import actions
from coding.codebook import actions as codebook_actions
from coding.models import AuditEvent, CategoryCode, Coding, Theme
from tests.coding.board.fixtures import build_board, make_category, make_code, place
from tests.conftest import make_answer, make_question

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def board_url(survey):
    return reverse("coding:board", args=[survey.slug])


def move_url(survey):
    return reverse("coding:board_move", args=[survey.slug])


def move_data(code, source, target, seen, **extra):
    return {"code": code.pk, "source": source.pk if source else "none", "target": target.pk if target else "none",
            "seen": actions.placement_token(seen), **extra}


def test_anonymous_is_sent_to_login(client, survey):
    response = client.get(board_url(survey))
    assert response.status_code == 302 and "/login/" in response.url


def test_outsider_gets_404(client_for, outsider, survey):
    assert client_for(outsider).get(board_url(survey)).status_code == 404


def test_coder_sees_columns_cards_counts_and_peeks(client_for, coder, survey):
    (forankring, organisering), codes = build_board(survey, coder)
    page = client_for(coder).get(board_url(survey))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Forankring" in html and "Organisering" in html and "Ikke kategorisert" in html
    assert f'id="card-{forankring.pk}-{codes[0].pk}"' in html
    assert f'id="card-none-{codes[1].pk}"' in html
    assert "2 svar" in html and "2 svarenheter" in html
    assert "Svar 0-0: tydelig forankring" in html
    assert 'class="drag-handle"' in html and "board_move" not in html


def test_reviewer_sees_the_board_read_only(client_for, reviewer, coder, survey):
    build_board(survey, coder)
    html = client_for(reviewer).get(board_url(survey)).content.decode()
    assert "Forankring" in html
    assert 'data-editable="false"' in html
    assert "drag-handle" not in html and f'<form method="post" action="{move_url(survey)}"' not in html


def test_reviewer_move_is_refused_and_nothing_changes(client_for, reviewer, coder, survey):
    (forankring, organisering), codes = build_board(survey, coder)
    before = set(CategoryCode.objects.values_list("category_id", "code_id"))
    data = move_data(codes[0], forankring, organisering, {forankring.pk})
    response = client_for(reviewer).post(move_url(survey), data)
    assert response.status_code == 403
    assert set(CategoryCode.objects.values_list("category_id", "code_id")) == before
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("name", ["board_move", "board_category_create", "board_theme_create"])
def test_get_on_a_write_is_405(client_for, admin, survey, name):
    assert client_for(admin).get(reverse(f"coding:{name}", args=[survey.slug])).status_code == 405


def test_keyboard_form_move_without_js_redirects_and_persists(client_for, coder, survey):
    (forankring, organisering), codes = build_board(survey, coder)
    response = client_for(coder).post(
        move_url(survey), move_data(codes[0], forankring, organisering, {forankring.pk}, rationale="Passer bedre")
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#card-{organisering.pk}-{codes[0].pk}")
    assert list(CategoryCode.objects.filter(code=codes[0]).values_list("category_id", flat=True)) == [organisering.pk]


def test_keyboard_place_reorders_a_column_and_places_in_another(client_for, coder, survey):
    """The move form's "place in the column" (from 1) is the keyboard's way to reorder."""
    (forankring, organisering), codes = build_board(survey, coder)
    place(codes[1], forankring, 1)
    place(codes[2], forankring, 2)
    client = client_for(coder)

    def column(category):
        placements = CategoryCode.objects.filter(category=category).order_by("position")
        return list(placements.values_list("code_id", flat=True))

    response = client.post(move_url(survey), move_data(codes[2], forankring, forankring, {forankring.pk}, place="1"),
                           **HTMX)
    assert response.status_code == 200 and "Kode 002 er nå nummer 1 i Forankring" in response.content.decode()
    assert column(forankring) == [codes[2].pk, codes[0].pk, codes[1].pk]
    assert AuditEvent.objects.filter(category=forankring, data__reordered=True).count() == 1
    # Into another column at place 1, and a place past the end means the bottom.
    client.post(move_url(survey), move_data(codes[1], forankring, organisering, {forankring.pk}, place="1"))
    client.post(move_url(survey), move_data(codes[0], forankring, organisering, {forankring.pk}, place="99"))
    assert column(organisering) == [codes[1].pk, codes[0].pk] and column(forankring) == [codes[2].pk]
    response = client.post(move_url(survey), move_data(codes[2], forankring, forankring, {forankring.pk}, place="0"),
                           **HTMX)
    assert response.status_code == 400 and column(forankring) == [codes[2].pk]


def test_htmx_move_returns_the_board_region(client_for, coder, survey):
    (forankring, organisering), codes = build_board(survey, coder)
    response = client_for(coder).post(move_url(survey), move_data(codes[1], None, organisering, set()), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="board"') and "<html" not in html
    assert f'id="card-{organisering.pk}-{codes[1].pk}" data-code="{codes[1].pk}"' in html
    assert "board-changed" in response["HX-Trigger"]


def test_keep_places_a_code_in_a_second_category_and_the_board_says_so(client_for, coder, survey):
    (forankring, organisering), codes = build_board(survey, coder)
    client = client_for(coder)
    client.post(move_url(survey), move_data(codes[0], forankring, organisering, {forankring.pk}, keep="1"))
    assert set(CategoryCode.objects.filter(code=codes[0]).values_list("category_id", flat=True)) == {
        forankring.pk, organisering.pk
    }
    html = client.get(board_url(survey)).content.decode()
    assert html.count(f'data-code="{codes[0].pk}"') == 2
    assert "også i: Organisering" in html and "også i: Forankring" in html


def test_concurrent_move_later_client_is_told_and_sees_current_board(coder, co_coder, survey):
    (forankring, organisering), codes = build_board(survey, coder)
    third = make_category(survey, "Resultat", order=3)
    first, second = Client(), Client()
    first.force_login(coder)
    second.force_login(co_coder)
    seen = {forankring.pk}  # both loaded the board with the card in Forankring
    assert first.post(move_url(survey), move_data(codes[0], forankring, organisering, seen), **HTMX).status_code == 200
    late = second.post(move_url(survey), move_data(codes[0], forankring, third, seen), **HTMX)
    assert late.status_code == 409
    assert "kari" in late.content.decode() and "kari" in late["X-Message"]
    assert f'id="card-{organisering.pk}-{codes[0].pk}"' in late.content.decode()  # the current board
    assert list(CategoryCode.objects.filter(code=codes[0]).values_list("category_id", flat=True)) == [organisering.pk]
    # Without JavaScript the later one gets the whole page, also 409.
    page = second.post(move_url(survey), move_data(codes[0], forankring, third, seen))
    assert page.status_code == 409 and "<html" in page.content.decode()


def test_stale_reorder_is_409(client_for, coder, survey):
    (forankring, _), codes = build_board(survey, coder)
    place(codes[1], forankring, 1)
    url = reverse("coding:board_reorder", args=[survey.slug, forankring.pk])
    data = {"order": f"{codes[1].pk},{codes[0].pk}", "seen_order": str(codes[0].pk)}
    response = client_for(coder).post(url, data, **HTMX)
    assert response.status_code == 409


def test_bad_input_is_400(client_for, coder, survey):
    (forankring, _), codes = build_board(survey, coder)
    response = client_for(coder).post(move_url(survey), {"code": codes[0].pk, "source": "x", "target": "999"}, **HTMX)
    assert response.status_code == 400


def test_rationale_shows_in_the_category_history(client_for, coder, survey):
    (forankring, organisering), codes = build_board(survey, coder)
    client = client_for(coder)
    client.post(move_url(survey), move_data(codes[0], forankring, organisering, {forankring.pk},
                                            rationale="Dreier seg om møtestruktur"))
    for category in (forankring, organisering):
        html = client.get(reverse("coding:board_category", args=[survey.slug, category.pk])).content.decode()
        assert "Dreier seg om møtestruktur" in html and "kari" in html and codes[0].name in html


def test_coder_cannot_manage_categories(client_for, coder, survey):
    (forankring, _), _codes = build_board(survey, coder)
    client = client_for(coder)
    assert client.post(reverse("coding:board_category_create", args=[survey.slug]), {"name": "Ny"}).status_code == 403
    url = reverse("coding:board_category_archive", args=[survey.slug, forankring.pk])
    assert client.post(url).status_code == 403
    forankring.refresh_from_db()
    assert not forankring.archived


def test_admin_adds_reorders_and_archives_categories(client_for, admin, survey):
    client = client_for(admin)
    client.post(reverse("coding:board_category_create", args=[survey.slug]), {"name": "Forventninger"})
    client.post(reverse("coding:board_category_create", args=[survey.slug]), {"name": "Resultat"})
    result = survey.categories.get(name="Resultat")
    client.post(reverse("coding:board_category_order", args=[survey.slug, result.pk]), {"direction": "left"})
    first = survey.categories.get(name="Forventninger")
    html = client.get(board_url(survey)).content.decode()
    assert html.index(f'id="col-{result.pk}-title"') < html.index(f'id="col-{first.pk}-title"')
    client.post(reverse("coding:board_category_archive", args=[survey.slug, result.pk]))
    assert f'id="col-{result.pk}-title"' not in client.get(board_url(survey)).content.decode()


def test_category_text_edit_and_stale_version_409(client_for, coder, co_coder, survey):
    category = make_category(survey, "Forankring")
    url = reverse("coding:board_category_update", args=[survey.slug, category.pk])
    ok = client_for(coder).post(url, {"description": "Beskrivelse", "finding": "Funn 1", "version": 1}, **HTMX)
    assert ok.status_code == 200
    other = Client()
    other.force_login(co_coder)
    stale = other.post(url, {"description": "", "finding": "Funn 2", "version": 1}, **HTMX)
    assert stale.status_code == 409 and "kari" in stale.content.decode()
    category.refresh_from_db()
    assert category.finding == "Funn 1"
    assert category.name == "Forankring"  # a coder's form has no name field


HOSTILE_CATEGORY = "</script><script>alert(1)</script>"
HOSTILE_CODE = '<img src=x onerror="alert(1)">'


def test_hostile_names_stay_inert(client_for, admin, coder, survey):
    category = make_category(survey, HOSTILE_CATEGORY)
    code = make_code(survey, HOSTILE_CODE)
    place(code, category)
    other = make_category(survey, "B", order=2)
    place(code, other)
    Theme.objects.create(survey=survey, name="<b>tema</b>").categories.add(category)
    question = make_question(survey, "4")
    Coding.objects.create(answer=make_answer(question, text="<script>alert(2)</script> svar"), code=code, coder=coder)
    client = client_for(admin)
    for url in (board_url(survey), reverse("coding:board_category", args=[survey.slug, category.pk]),
                reverse("coding:board_code", args=[survey.slug, code.pk])):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>tema" not in html, url
        assert "&lt;" in html
    html = client.get(board_url(survey), {"move": code.pk, "from": category.pk}).content.decode()
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</option>" in html  # in the move menu too
    assert "<script>alert" not in html


def test_board_query_budget_does_not_grow(client_for, coder, survey, django_assert_max_num_queries):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(coder)
    build_board(survey, coder, codes=10, answers_per_code=2)
    cache.clear()  # both requests count everything (the incremental path is tested apart)
    with CaptureQueriesContext(connection) as small:
        assert client.get(board_url(survey)).status_code == 200
    question = make_question(survey, "5")
    category = survey.categories.first()
    for i in range(50):
        code = make_code(survey, f"Mer {i}")
        place(code, category, i + 1)
        for j in range(3):
            Coding.objects.create(answer=make_answer(question, text=f"mer {i} {j}"), code=code, coder=coder)
    cache.clear()
    with django_assert_max_num_queries(len(small)):
        assert client.get(board_url(survey)).status_code == 200
    # After a coding, the counts are brought up to date: the audit since, and one code recounted.
    from coding.workspace import actions as coding_actions

    coding_actions.apply_code(make_answer(question, text="enda en"), code, by=coder)
    with django_assert_max_num_queries(len(small) + 2):
        assert client.get(board_url(survey)).status_code == 200


def test_themes_are_shown_above_the_board(client_for, reviewer, coder, survey):
    (forankring, organisering), _codes = build_board(survey, coder)
    Theme.objects.create(survey=survey, name="Kontinuitet i utviklingsarbeid").categories.add(forankring, organisering)
    html = client_for(reviewer).get(board_url(survey)).content.decode()
    assert html.index("Kontinuitet i utviklingsarbeid") < html.index('id="board"')


def test_admin_renames_a_theme_and_changes_its_categories(client_for, admin, coder, survey):
    (forankring, organisering), _codes = build_board(survey, coder)
    theme = Theme.objects.create(survey=survey, name="Kontinuitet")
    theme.categories.add(forankring)
    Theme.objects.create(survey=survey, name="Eierskap")
    client = client_for(admin)
    html = client.get(board_url(survey)).content.decode()
    assert f'name="theme-{theme.pk}-name" value="Kontinuitet"' in html  # the edit form, filled in
    url = reverse("coding:board_theme_update", args=[survey.slug, theme.pk])
    prefix = f"theme-{theme.pk}-"
    response = client.post(url, {prefix + "name": "Eierskap", prefix + "categories": [organisering.pk]}, **HTMX)
    assert response.status_code == 400 and "finnes allerede" in response.content.decode()
    response = client.post(url, {prefix + "name": " Kontinuitet  i arbeidet ", prefix + "description": "Over tid",
                                 prefix + "categories": [organisering.pk]})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.name, theme.description) == ("Kontinuitet i arbeidet", "Over tid")
    assert list(theme.categories.all()) == [organisering]
    renamed = AuditEvent.objects.get(data__theme_renamed__isnull=False)
    assert renamed.data["theme_renamed"] == ["Kontinuitet", "Kontinuitet i arbeidet"] and renamed.actor == admin
    assert AuditEvent.objects.filter(category=forankring, data__theme_removed="Kontinuitet i arbeidet").exists()
    assert AuditEvent.objects.filter(category=organisering, data__theme_added="Kontinuitet i arbeidet").exists()


def test_only_category_managers_get_the_theme_edit_form(client_for, coder, reviewer, survey):
    build_board(survey, coder)
    Theme.objects.create(survey=survey, name="Kontinuitet")
    for user in (coder, reviewer):
        html = client_for(user).get(board_url(survey)).content.decode()
        assert "Kontinuitet" in html and "theme-edit" not in html


def test_code_drawer_highlights_spans_and_respects_blind_mode(client_for, coder, co_coder, survey):
    survey.blind_coding = True
    survey.save()
    question = make_question(survey, "4")
    code = make_code(survey, "Tid")
    mine = make_answer(question, text="Vi manglet tid til å jobbe.")
    theirs = make_answer(question, text="Hemmelig svar fra en annen koder.")
    Coding.objects.create(answer=mine, code=code, coder=coder, start=11, end=14)
    Coding.objects.create(answer=theirs, code=code, coder=co_coder)
    html = client_for(coder).get(reverse("coding:board_code", args=[survey.slug, code.pk])).content.decode()
    assert "Vi manglet <mark>tid</mark> til å jobbe." in html
    assert "Hemmelig" not in html


def test_code_drawer_htmx_returns_region(client_for, reviewer, survey):
    code = make_code(survey, "Tid")
    response = client_for(reviewer).get(reverse("coding:board_code", args=[survey.slug, code.pk]), **HTMX)
    assert response.status_code == 200 and "<html" not in response.content.decode()


def test_demo_category_card_shows_linked_questions(client_for, reviewer, demo):
    category = demo.categories.get(name="Forankring")
    html = client_for(reviewer).get(reverse("coding:board_category", args=[demo.slug, category.pk])).content.decode()
    for code in ("3a", "3b", "3c"):
        assert f'data-question="{code}"' in html
    assert 'role="img"' in html


def test_htmx_get_of_the_board_is_its_region(client_for, reviewer, coder, survey):
    build_board(survey, coder)
    html = client_for(reviewer).get(board_url(survey), **HTMX).content.decode()
    assert html.lstrip().startswith('<div id="board"') and "<html" not in html


def test_code_drawer_links_each_answer_into_the_coding_view(client_for, coder, survey):
    question = make_question(survey, "4")
    code = make_code(survey, "Tid")
    answer = make_answer(question, text="Lite tid.")
    Coding.objects.create(answer=answer, code=code, coder=coder)
    html = client_for(coder).get(reverse("coding:board_code", args=[survey.slug, code.pk])).content.decode()
    assert f'href="{reverse("coding:answer", args=[survey.slug, answer.pk])}"' in html
    assert "Kodet på hele svaret." in html


def test_admin_puts_an_archived_category_back(client_for, admin, survey):
    category = make_category(survey, "Gammel", archived=True)
    client = client_for(admin)
    page = client.get(reverse("coding:board_category", args=[survey.slug, category.pk])).content.decode()
    assert "Sett den tilbake på tavlen" in page
    client.post(reverse("coding:board_category_archive", args=[survey.slug, category.pk]), {"archived": "0"})
    category.refresh_from_db()
    assert not category.archived
    history = client.get(reverse("coding:board_category", args=[survey.slug, category.pk])).content.decode()
    assert "tilbake på tavlen" in history


def test_counts_follow_codings_added_removed_and_merged(client_for, coder, survey):
    """The board's counts are memoised per database state: every coding write shows at once."""
    from coding.workspace import actions as coding_actions

    question = make_question(survey, "4")
    tid, ressurser = make_code(survey, "Tid"), make_code(survey, "Ressurser")
    first = make_answer(question, text="Lite tid.")
    client = client_for(coder)

    def counts(code):
        html = client.get(board_url(survey)).content.decode()
        return html.split(f'id="card-none-{code.pk}"')[1].split('class="card-counts">')[1].split("<")[0]

    assert counts(tid).startswith("0 svar")
    coding_actions.apply_code(first, tid, by=coder)
    assert counts(tid).startswith("1 svar")
    coding_actions.apply_code(make_answer(question, text="Lite penger."), ressurser, by=coder)
    assert counts(ressurser).startswith("1 svar")
    codebook_actions.merge_codes(ressurser, tid, by=coder)
    assert counts(tid).startswith("2 svar")
    coding_actions.remove_coding(Coding.objects.get(code=tid, answer=first).pk, by=coder)
    assert counts(tid).startswith("1 svar")


def test_move_menu_opens_without_js_and_as_an_htmx_region(client_for, coder, survey):
    (forankring, organisering), codes = build_board(survey, coder)
    client = client_for(coder)
    query = {"move": codes[0].pk, "from": forankring.pk, "seen": str(forankring.pk)}
    page = client.get(board_url(survey), query).content.decode()
    assert "<html" in page and f'id="to-{forankring.pk}-{codes[0].pk}"' in page and "autofocus" in page
    assert page.count('class="move-form"') == 1
    region = client.get(board_url(survey), query, **HTMX).content.decode()
    assert region.lstrip().startswith('<form method="post"') and "<html" not in region
    assert f'name="seen" value="{forankring.pk}"' in region and "Organisering</option>" in region


def test_reviewer_gets_no_move_menu(client_for, reviewer, coder, survey):
    (forankring, _), codes = build_board(survey, coder)
    client = client_for(reviewer)
    query = {"move": codes[0].pk, "from": forankring.pk}
    assert 'class="move-form"' not in client.get(board_url(survey), query).content.decode()
    assert client.get(board_url(survey), query, **HTMX).status_code == 404


def test_every_id_on_the_admins_board_is_unique_so_each_label_finds_its_field(client_for, admin, survey):
    """The new-theme and new-category forms both have a name and a description."""
    import re
    from collections import Counter

    make_category(survey, "Forankring")
    page = client_for(admin).get(reverse("coding:board", args=[survey.slug])).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []
    assert 'for="new-category-name"' in page and 'for="new-theme-name"' in page
