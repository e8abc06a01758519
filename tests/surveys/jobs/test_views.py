"""A job's page, its progress region, the lists and the finished file: who may see what, the
progress bar's accessible values, and the live status text."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from surveys.jobs.models import Job
from surveys.jobs.views import phase

pytestmark = pytest.mark.django_db


def make_job(user, survey=None, **fields):
    return Job.objects.create(**{"kind": Job.Kind.EXPORT, "created_by": user, "survey": survey, **fields})


def test_the_running_job_shows_an_accessible_progress_bar_that_polls(client_for, coder, survey):
    job = make_job(coder, survey, state=Job.State.RUNNING, done=40, total=100, message="Skriver filen …",
                   title="Kodinger som XLSX")
    html = client_for(coder).get(reverse("surveys:job", args=[job.pk])).content.decode()
    assert 'role="progressbar"' in html and 'aria-valuenow="40"' in html and 'value="40"' in html
    assert 'id="job-status" role="status"' in html and "40 % – Skriver filen …" in html
    assert 'hx-trigger="every 1s"' in html and "follow=1" in html
    assert "Eksport: Kodinger som XLSX" in html


def test_the_poll_answers_the_region_and_announces_only_a_new_step(client_for, coder):
    job = make_job(coder, state=Job.State.RUNNING, done=40, total=100, message="Skriver filen …")
    client = client_for(coder)
    url = reverse("surveys:job", args=[job.pk])
    fresh = client.get(url, {"seen": "old"}, headers={"HX-Request": "true"}).content.decode()
    assert fresh.strip().startswith('<div id="job-progress"') and 'hx-swap-oob="innerHTML"' in fresh
    same = client.get(url, {"seen": phase(job)}, headers={"HX-Request": "true"}).content.decode()
    assert 'aria-valuenow="40"' in same and "hx-swap-oob" not in same


def test_a_job_without_a_measure_has_an_indeterminate_bar(client_for, coder):
    job = make_job(coder, state=Job.State.RUNNING, message="Leser prosjektfilen …")
    html = client_for(coder).get(reverse("surveys:job", args=[job.pk])).content.decode()
    assert 'role="progressbar"' in html and "aria-valuenow" not in html


def test_when_the_work_led_somewhere_the_poll_goes_there(client_for, admin):
    job = make_job(admin, kind=Job.Kind.IMPORT, state=Job.State.DONE, result_url="/import/7/summary/")
    response = client_for(admin).get(reverse("surveys:job", args=[job.pk]), {"follow": "1"},
                                     headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == "/import/7/summary/"
    page = client_for(admin).get(reverse("surveys:job", args=[job.pk])).content.decode()
    assert 'href="/import/7/summary/"' in page and "hx-trigger" not in page  # come back later: no redirect


def test_a_finished_file_is_downloaded_from_its_page(client_for, coder, survey):
    job = make_job(coder, survey, state=Job.State.DONE, result=b"a;b\r\n", result_name="test-kodinger.csv",
                   result_type="text/csv; charset=utf-8")
    client = client_for(coder)
    page = client.get(reverse("surveys:job", args=[job.pk])).content.decode()
    assert reverse("surveys:job_file", args=[job.pk]) in page
    response = client.get(reverse("surveys:job_file", args=[job.pk]))
    assert response.content == b"a;b\r\n"
    assert "attachment" in response["Content-Disposition"] and response["X-Content-Type-Options"] == "nosniff"


def test_a_failed_job_says_why(client_for, coder):
    job = make_job(coder, state=Job.State.FAILED, error="Filen har 3 feil. Ingenting ble importert.")
    html = client_for(coder).get(reverse("surveys:job", args=[job.pk])).content.decode()
    assert "Det mislyktes: Filen har 3 feil. Ingenting ble importert." in html


def test_an_unfinished_job_has_no_file(client_for, coder):
    job = make_job(coder, state=Job.State.RUNNING, result_name="x.csv")
    assert client_for(coder).get(reverse("surveys:job_file", args=[job.pk])).status_code == 404


def test_another_persons_job_is_a_404(client_for, coder, co_coder, admin):
    job = make_job(coder, state=Job.State.DONE, result=b"x", result_name="x.csv")
    for other in (co_coder, admin):
        client = client_for(other)
        assert client.get(reverse("surveys:job", args=[job.pk])).status_code == 404
        assert client.get(reverse("surveys:job_file", args=[job.pk])).status_code == 404
        assert reverse("surveys:job", args=[job.pk]) not in client.get(reverse("surveys:jobs")).content.decode()


def test_the_owner_who_lost_the_role_is_refused(client_for, admin):
    job = make_job(admin, kind=Job.Kind.IMPORT, state=Job.State.DONE)
    admin.groups.set([Group.objects.get(name="coder")])
    assert client_for(admin).get(reverse("surveys:job", args=[job.pk])).status_code == 403


def test_an_outsider_is_refused(client_for, outsider):
    assert client_for(outsider).get(reverse("surveys:jobs")).status_code == 403


def test_the_lists_show_ones_own_jobs_and_poll_while_one_runs(client_for, coder, co_coder, survey):
    mine = make_job(coder, survey, state=Job.State.RUNNING, done=1, total=4, message="Skriver filen …")
    make_job(co_coder, survey, title="Olas eksport")
    client = client_for(coder)
    for url in (reverse("surveys:jobs"), reverse("surveys:survey_jobs", args=[survey.slug])):
        html = client.get(url).content.decode()
        assert reverse("surveys:job", args=[mine.pk]) in html and "25 % – Skriver filen …" in html
        assert "Olas eksport" not in html and 'hx-trigger="every 2s"' in html
    Job.objects.filter(pk=mine.pk).update(state=Job.State.DONE)
    region = client.get(reverse("surveys:jobs"), headers={"HX-Request": "true"}).content.decode()
    assert region.strip().startswith('<div id="job-list"') and "hx-trigger" not in region


def test_the_list_is_a_fixed_number_of_queries(client_for, coder, survey, django_assert_max_num_queries):
    for n in range(30):
        make_job(coder, survey, state=Job.State.DONE, result_name=f"{n}.csv", result=b"x")
    client = client_for(coder)
    with django_assert_max_num_queries(6):
        client.get(reverse("surveys:jobs"))


def test_the_main_menu_leads_to_the_jobs(client_for, reviewer):
    assert reverse("surveys:jobs") in client_for(reviewer).get("/").content.decode()
