"""The board's writes: placing, moving, several categories, history, stale moves refused."""

import pytest

from coding.board import actions
from coding.models import AuditEvent, CategoryCode
from tests.coding.board.fixtures import make_category, make_code, place

pytestmark = pytest.mark.django_db


def cats(code):
    return set(CategoryCode.objects.filter(code=code).values_list("category__name", flat=True))


def test_a_code_may_sit_in_two_categories(survey, coder):
    a, b = make_category(survey, "A"), make_category(survey, "B")
    code = make_code(survey, "Rolleavklaring")
    assert actions.place_code(code, a, by=coder)
    assert actions.place_code(code, b, by=coder)
    assert cats(code) == {"A", "B"}
    assert not actions.place_code(code, a, by=coder)  # already there: nothing changes
    assert CategoryCode.objects.filter(code=code).count() == 2


def test_move_records_rationale_in_both_histories(survey, coder):
    a, b = make_category(survey, "A"), make_category(survey, "B")
    code = make_code(survey, "Tid")
    place(code, a)
    actions.move_code(code, a, b, by=coder, rationale="Handler om ressurser, ikke forankring")
    assert cats(code) == {"B"}
    out = AuditEvent.objects.get(category=a, action=AuditEvent.Action.CODE_UNPLACED)
    into = AuditEvent.objects.get(category=b, action=AuditEvent.Action.CODE_PLACED)
    for event in (out, into):
        assert event.actor == coder
        assert event.rationale == "Handler om ressurser, ikke forankring"
        assert event.code == code
    assert into.data["moved_from"] == "A" and out.data["moved_to"] == "B"


def test_move_to_position_orders_the_column(survey, coder):
    a, b = make_category(survey, "A"), make_category(survey, "B")
    x, y, z = (make_code(survey, n) for n in "XYZ")
    place(x, b, 0)
    place(y, b, 1)
    place(z, a, 0)
    actions.move_code(z, a, b, by=coder, position=1)
    assert list(CategoryCode.objects.filter(category=b).order_by("position").values_list("code__name", flat=True)) == [
        "X", "Z", "Y"
    ]


def test_stale_move_is_refused_and_names_who(survey, coder, co_coder):
    a, b, c = make_category(survey, "A"), make_category(survey, "B"), make_category(survey, "C")
    code = make_code(survey, "Tid")
    place(code, a)
    seen = actions.active_placements(code)  # both clients loaded the board now
    actions.move_code(code, a, b, by=coder, expected_placements=seen)
    with pytest.raises(actions.BoardConflict) as refused:
        actions.move_code(code, a, c, by=co_coder, expected_placements=seen)
    assert "kari" in refused.value.message
    assert cats(code) == {"B"}  # the first move stands, the second did nothing
    assert not AuditEvent.objects.filter(actor=co_coder).exists()


def test_reorder_refused_when_column_changed(survey, coder):
    a = make_category(survey, "A")
    x, y = make_code(survey, "X"), make_code(survey, "Y")
    place(x, a, 0)
    place(y, a, 1)
    with pytest.raises(actions.BoardConflict):
        actions.reorder_column(a, [y.pk, x.pk], by=coder, expected_order=[x.pk])
    assert actions.reorder_column(a, [y.pk, x.pk], by=coder, expected_order=[x.pk, y.pk])
    assert list(CategoryCode.objects.filter(category=a).order_by("position").values_list("code_id", flat=True)) == [
        y.pk, x.pk
    ]


def test_update_category_with_stale_version_is_refused(survey, admin, coder):
    a = make_category(survey, "A")
    actions.update_category(a, by=admin, version=1, finding="Første funn")
    with pytest.raises(actions.BoardConflict):
        actions.update_category(a, by=coder, version=1, finding="Annet funn")
    a.refresh_from_db()
    assert a.finding == "Første funn" and a.version == 2
    event = AuditEvent.objects.get(category=a, action=AuditEvent.Action.CATEGORY_CHANGED)
    assert event.data["changes"]["finding"] == {"old": "", "new": "Første funn"}


def test_archive_reorder_and_themes(survey, admin):
    a = actions.create_category(survey, by=admin, name="A")
    b = actions.create_category(survey, by=admin, name="B")
    assert actions.move_category(b, by=admin, step=-1)
    a.refresh_from_db()
    b.refresh_from_db()
    assert b.order < a.order
    assert actions.archive_category(a, by=admin)
    theme = actions.create_theme(survey, by=admin, name="Kontinuitet", categories=[b])
    assert list(theme.categories.all()) == [b]
    assert actions.set_category_themes(a, [theme], by=admin)
    assert set(theme.categories.all()) == {a, b}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_threads_moving_one_card_one_wins_one_is_told(survey, coder, co_coder):
    """Real concurrency: both saw the card in A; one move lands, the other gets a conflict."""
    import threading

    from django.db import connection

    a, b, c = make_category(survey, "A"), make_category(survey, "B"), make_category(survey, "C")
    code = make_code(survey, "Tid")
    place(code, a)
    seen = frozenset({a.pk})
    barrier = threading.Barrier(2)
    outcomes = []

    def move(user, target):
        try:
            barrier.wait()
            actions.move_code(code, a, target, by=user, expected_placements=seen)
            outcomes.append("moved")
        except actions.BoardConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=move, args=(coder, b)), threading.Thread(target=move, args=(co_coder, c))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "moved"]
    assert CategoryCode.objects.filter(code=code).count() == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CODE_PLACED).count() == 1
