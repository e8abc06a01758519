"""The board's column order and a move's rationale through HTTP: "Ikke kategorisert" comes
first; a move made without a rationale (a drag) offers one, and the rationale typed there
goes with that move only — never another move, never someone else's, never written twice."""

import re

import pytest
from django.urls import reverse

from coding.board import actions
from coding.models import AuditEvent
from tests.coding.board.fixtures import build_board

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def drag(client, survey, code, source, target, seen, **extra):
    data = {"code": code.pk, "source": source.pk if source else "none", "target": target.pk,
            "seen": actions.placement_token(seen), "position": "0", **extra}
    return client.post(reverse("coding:board_move", args=[survey.slug]), data, **HTMX)


def explain(client, survey, events, rationale):
    return client.post(reverse("coding:board_move_rationale", args=[survey.slug]),
                       {"events": events, "rationale": rationale}, **HTMX)


def offered_events(response):
    found = re.search(r'name="events" value="([0-9,]+)"', response.text)
    return found.group(1) if found else None


def test_not_categorised_is_the_first_column(client_for, coder, survey):
    build_board(survey, coder)
    columns = client_for(coder).get(reverse("coding:board", args=[survey.slug])).context["columns"]
    assert [c.category.name if c.category else None for c in columns] == [None, "Forankring", "Organisering"]


def test_a_drag_offers_a_rationale_that_goes_with_that_move(client_for, coder, survey):
    (forankring, organisering), codes = build_board(survey, coder)
    client = client_for(coder)
    first = drag(client, survey, codes[0], forankring, organisering, {forankring.pk})
    events = offered_events(first)
    assert events and "Hvorfor ble Kode 000 flyttet?" in first.text
    second = drag(client, survey, codes[1], None, organisering, set())
    assert offered_events(second) != events

    response = explain(client, survey, events, "  Handler om organiseringen ")
    assert response.status_code == 200
    assert "Begrunnelsen er lagret med flyttingen av Kode 000" in response.text
    moves = AuditEvent.objects.filter(action__in=["code_placed", "code_unplaced"])
    assert set(moves.filter(code=codes[0]).values_list("rationale", flat=True)) == {"Handler om organiseringen"}
    assert moves.filter(code=codes[0]).count() == 2  # out of Forankring, into Organisering
    assert list(moves.filter(code=codes[1]).values_list("rationale", flat=True)) == [""]


def test_a_rationale_is_not_written_twice_nor_on_someone_elses_move(client_for, coder, co_coder, survey):
    (forankring, organisering), codes = build_board(survey, coder)
    events = offered_events(drag(client_for(coder), survey, codes[0], forankring, organisering, {forankring.pk}))
    assert explain(client_for(co_coder), survey, events, "Min grunn").status_code == 409
    assert explain(client_for(coder), survey, events, "Første").status_code == 200
    assert explain(client_for(coder), survey, events, "Andre").status_code == 409
    assert set(AuditEvent.objects.filter(code=codes[0]).values_list("rationale", flat=True)) == {"Første"}


def test_the_rows_of_two_moves_are_not_one_move(client_for, coder, survey):
    (forankring, organisering), codes = build_board(survey, coder)
    client = client_for(coder)
    one = offered_events(drag(client, survey, codes[1], None, organisering, set()))
    two = offered_events(drag(client, survey, codes[2], None, organisering, set()))
    assert explain(client, survey, f"{one},{two}", "Begge").status_code == 409
    assert not AuditEvent.objects.exclude(rationale="").exists()


def test_a_move_that_came_with_its_rationale_offers_none(client_for, coder, survey):
    (forankring, organisering), codes = build_board(survey, coder)
    response = drag(client_for(coder), survey, codes[0], forankring, organisering, {forankring.pk},
                    rationale="Skrevet i flyttemenyen")
    assert offered_events(response) is None
    assert set(AuditEvent.objects.values_list("rationale", flat=True)) == {"Skrevet i flyttemenyen"}
