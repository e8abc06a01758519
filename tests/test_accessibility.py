"""WCAG 2.1 AA in Chromium on every screen the working group uses, with the demo survey's
real data: axe-core's A and AA rules (serious and critical findings fail) on each page as an
admin sees it (the role with the most controls), plus the open move menu, the shortcut
dialog and the import preview. Keyboard operation has its own tests beside each screen."""

import pytest
from playwright.sync_api import expect

from coding.models import Category, CategoryCode, Code
from surveys.jobs.models import Job
from tests.conftest import assert_accessible, make_user
from tests.surveys.importing.test_browser import upload

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def violations(page):
    try:
        assert_accessible(page)
    except AssertionError as error:
        return str(error)
    return None


def test_every_screen_passes_axe(live_server, strict_page, login_page, demo):
    admin = make_user("tilgjengelig", "admin")
    answer = demo.questions.textual().first().answers.exclude(text="").first()
    category = Category.objects.filter(survey=demo).order_by("order").first()
    placement = CategoryCode.objects.filter(category=category).select_related("code").first()
    code = placement.code if placement else Code.objects.filter(survey=demo).first()
    base = f"{live_server.url}/s/{demo.slug}"
    running = Job.objects.create(kind=Job.Kind.EXPORT, created_by=admin, survey=demo, state=Job.State.RUNNING,
                                 done=3, total=10, message="Skriver filen …", title="Kodinger som XLSX")
    done = Job.objects.create(kind=Job.Kind.REPORT_DOCX, created_by=admin, survey=demo, state=Job.State.DONE,
                              result=b"x", result_name="rapport.docx", result_url=f"/s/{demo.slug}/")
    pages = [
        "/", f"/s/{demo.slug}/", f"/s/{demo.slug}/answers/", f"/s/{demo.slug}/answers/?q=samlinger",
        f"/s/{demo.slug}/answers/{answer.pk}/", f"/s/{demo.slug}/answers/{answer.pk}/?others=1",
        f"/s/{demo.slug}/codebook/", f"/s/{demo.slug}/codebook/{code.pk}/",
        f"/s/{demo.slug}/board/", f"/s/{demo.slug}/board/?move={code.pk}&from={category.pk}",
        f"/s/{demo.slug}/board/categories/{category.pk}/", f"/s/{demo.slug}/board/codes/{code.pk}/",
        f"/s/{demo.slug}/dashboards/", f"/s/{demo.slug}/dashboards/{category.pk}/",
        f"/s/{demo.slug}/report/", f"/s/{demo.slug}/exports/", f"/s/{demo.slug}/agreement/",
        f"/s/{demo.slug}/agreement/reconcile/", f"/s/{demo.slug}/refi/", "/import/", "/account/two-factor/",
        "/password/", "/jobs/", f"/s/{demo.slug}/jobs/", f"/jobs/{running.pk}/", f"/jobs/{done.pk}/",
    ]
    page = login_page(admin)
    found = {}
    for path in pages:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        found[path] = violations(page)

    # The coding view's shortcut dialog, open.
    page.goto(f"{base}/answers/{answer.pk}/")
    page.locator("#answer-heading").focus()
    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_be_visible()
    found["shortcut dialog"] = violations(page)

    # The import preview of a small file.
    page.goto(f"{live_server.url}/import/")
    upload(page, "Tilgjengelighet", "tilgjengelighet")
    expect(page.locator("#fact-rows")).to_have_text("4")
    found["import preview"] = violations(page)

    failed = {where: problem for where, problem in found.items() if problem}
    assert not failed, "\n\n".join(f"{where}:\n{problem}" for where, problem in failed.items())
