"""A project's users are never matched to accounts by name: each becomes a
new inactive user unless the admin maps it to a coder in the preview; nobody else may be
credited, and codings without a user are not credited to the importing admin."""

import pytest
from django.contrib.auth import get_user_model

from coding.models import Coding
from coding.refi import RefiError
from coding.refi_import.importing import import_project, project_users
from surveys.models import Survey
from tests.conftest import make_user


def test_reimporting_does_not_credit_the_existing_account_of_the_same_name(exported, coder, admin):
    copy, summary = import_project(exported, by=admin)
    coding = Coding.objects.for_survey(copy).get()
    assert coding.coder != coder
    assert not coding.coder.is_active and not coding.coder.has_usable_password()
    assert summary["external_coders"] == [coding.coder.username]


def test_the_preview_lists_the_files_users_and_suggests_the_coder_of_that_name(exported, coder):
    [user] = project_users(exported)
    assert user["name"] and user["suggested"] == coder


def test_a_user_mapped_to_a_coder_is_credited_to_that_coder(exported, coder, co_coder, admin):
    [user] = project_users(exported)
    copy, _summary = import_project(exported, by=admin, users={user["guid"]: co_coder})
    assert Coding.objects.for_survey(copy).get().coder == co_coder


@pytest.mark.parametrize("persona", ["admin", "reviewer", "inactive"])
def test_mapping_onto_anyone_but_an_active_coder_is_refused(request, exported, admin, persona):
    target = request.getfixturevalue(persona)
    [user] = project_users(exported)
    before = Survey.objects.count()
    with pytest.raises(RefiError) as raised:
        import_project(exported, by=admin, users={user["guid"]: target})
    assert raised.value.code == "not_a_coder"
    assert Survey.objects.count() == before


def test_codings_without_a_user_are_not_credited_to_the_importing_admin(admin):
    from tests.coding.refi_import.test_import import PROJECT, _zip

    data = _zip({"p.qde": PROJECT.replace("<Users>", "<Users><!--").replace("</Users>", "--></Users>"),
                 "sources/T.TXT": b"Hei\r\n\r\nverden"})
    survey, _summary = import_project(data, by=admin)
    coding = Coding.objects.for_survey(survey).get()
    assert coding.coder != admin and not coding.coder.is_active
    assert get_user_model().objects.filter(pk=admin.pk, codings__isnull=False).count() == 0


# ----------------------------------------------------------------- the preview step
def _upload(client, survey, data):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    return client.post(reverse("coding:refi_project_import", args=[survey.slug]),
                       {"file": SimpleUploadedFile("p.qdpx", data), "title": "Kopi"})


def test_the_upload_shows_the_users_with_a_new_inactive_user_chosen(client_for, exported, survey, admin, coder):
    from surveys.models import ImportRun

    before = Survey.objects.count()
    response = _upload(client_for(admin), survey, exported)
    assert response.status_code == 200
    assert Survey.objects.count() == before
    form = response.context["form"]
    [field] = list(form)
    assert field.value() in ("", None)
    assert '<option value="" selected>' in response.text
    assert "kari" in field.help_text
    assert ImportRun.objects.get(options__refi_project=True).created_by == admin


def test_confirming_with_a_chosen_coder_credits_that_coder(client_for, exported, survey, admin, co_coder):
    from django.urls import reverse

    from surveys.models import ImportRun

    client = client_for(admin)
    _upload(client, survey, exported)
    run = ImportRun.objects.get(options__refi_project=True)
    response = client.post(reverse("coding:refi_project_confirm", args=[survey.slug, run.pk]),
                           {"user_0": str(co_coder.pk)})
    assert response.status_code == 302
    copy = Survey.objects.get(title="Kopi")
    assert Coding.objects.for_survey(copy).get().coder == co_coder
    assert not ImportRun.objects.filter(pk=run.pk).exists()


def test_confirming_onto_an_admin_is_refused(client_for, exported, survey, admin):
    from django.urls import reverse

    from surveys.models import ImportRun

    client = client_for(admin)
    _upload(client, survey, exported)
    run = ImportRun.objects.get(options__refi_project=True)
    response = client.post(reverse("coding:refi_project_confirm", args=[survey.slug, run.pk]),
                           {"user_0": str(admin.pk)})
    assert response.status_code == 400
    assert not Survey.objects.filter(title="Kopi").exists()


def test_another_admins_waiting_project_cannot_be_confirmed(client_for, exported, survey, admin):
    from django.urls import reverse

    from surveys.models import ImportRun

    _upload(client_for(admin), survey, exported)
    run = ImportRun.objects.get(options__refi_project=True)
    other = make_user("berit", "admin")
    response = client_for(other).post(reverse("coding:refi_project_confirm", args=[survey.slug, run.pk]),
                                      {"user_0": ""})
    assert response.status_code == 302 and not Survey.objects.filter(title="Kopi").exists()
    assert ImportRun.objects.filter(pk=run.pk).exists()
