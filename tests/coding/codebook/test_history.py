"""A code's history says what changed, in Norwegian, with the old and new values: a recolour
or a move is not logged as a rename "from X to X"."""

import pytest
from django.urls import reverse

from coding.models import AuditEvent, Code


@pytest.fixture
def codes(survey):
    parent = Code.objects.create(survey=survey, name="Organisering", colour="#1f77b4")
    other = Code.objects.create(survey=survey, name="Ledelse", colour="#1f77b4")
    code = Code.objects.create(survey=survey, name="Samlinger", colour="#1f77b4", parent=parent)
    return {"parent": parent, "other": other, "code": code}


def edit(client, survey, code, **changes):
    data = {"name": code.name, "description": code.description, "colour": code.colour,
            "parent": code.parent_id or "", "version": code.version, **changes}
    response = client.post(reverse("coding:code", args=[survey.slug, code.pk]), data)
    assert response.status_code == 302, response.content
    code.refresh_from_db()
    return client.get(reverse("coding:code", args=[survey.slug, code.pk])).text


def test_a_recolour_is_logged_as_a_recolour(client_for, coder, survey, codes):
    page = edit(client_for(coder), survey, codes["code"], colour="#2ca02c")
    event = AuditEvent.objects.get(action="code_changed")
    assert event.data["before"] == {"colour": "#1f77b4"} and event.data["after"] == {"colour": "#2ca02c"}
    assert "farge endret fra #1f77b4 til #2ca02c" in page
    assert "navn endret" not in page and "endret navn" not in page


def test_a_move_is_logged_with_the_parents_names(client_for, coder, survey, codes):
    client = client_for(coder)
    page = edit(client, survey, codes["code"], parent=codes["other"].pk)
    assert "flyttet fra «Organisering» til «Ledelse»" in page
    page = edit(client, survey, codes["code"], parent="")
    assert "flyttet fra «Ledelse» til «øverste nivå»" in page
    assert AuditEvent.objects.filter(action="code_changed").count() == 2


def test_a_rename_names_the_old_and_new_name(client_for, coder, survey, codes):
    page = edit(client_for(coder), survey, codes["code"], name="Fellessamlinger")
    assert "navn endret fra «Samlinger» til «Fellessamlinger»" in page
    assert AuditEvent.objects.get(action="code_changed").data["after"] == {"name": "Fellessamlinger"}


def test_saving_an_unchanged_form_logs_nothing(client_for, coder, survey, codes):
    edit(client_for(coder), survey, codes["code"])
    assert not AuditEvent.objects.filter(action="code_changed").exists()
    assert codes["code"].version == 1


def test_old_rows_that_name_unchanged_fields_show_only_real_changes(client_for, coder, survey, codes):
    from coding import audit

    audit.record(survey, AuditEvent.Action.CODE_CHANGED, by=coder, code=codes["code"],
                 before={"name": "Samlinger", "colour": "#1f77b4"}, after={"name": "Samlinger", "colour": "#ff7f0e"})
    page = client_for(coder).get(reverse("coding:code", args=[survey.slug, codes["code"].pk])).text
    assert "farge endret fra #1f77b4 til #ff7f0e" in page
    assert "«Samlinger» til «Samlinger»" not in page
