"""Shared fixtures: named personas, the demo survey, small factories, and the browser setup."""

import shutil
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from playwright.sync_api import Error as PlaywrightError

from surveys.models import Answer, Question, Respondent, Survey
from veiledning.roles import Role

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "a-long-test-password-42"



def pytest_configure(config):
    """A fast password hasher: hundreds of persona users are created, and PBKDF2's 1.5 M
    iterations cost about half a second each. Production keeps Django's default."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_runtest_setup(item):
    """Tests marked `postgres` (full-text search, concurrency) skip on SQLite."""
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The test database, and at the very end: end any session still connected to it, so it
    can be dropped (a live-server request thread can outlive the browser test that started
    it). The sessions are named in pytest's output so a leak in our own code would be seen."""
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, state, left(query, 160) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        stray = cursor.fetchall()
        for pid, _state, _query in stray:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    plugins = request.config.pluginmanager
    with plugins.get_plugin("capturemanager").global_and_fixture_disabled():
        for pid, state, query in stray:
            plugins.get_plugin("terminalreporter").ensure_newline()
            plugins.get_plugin("terminalreporter").write_line(
                f"ended a database session left open by the tests: pid {pid}, {state}: {query}")


@pytest.fixture(autouse=True)
def _fresh_memo_cache():
    """Each test starts with an empty per-process cache (the board's and dashboards' memos):
    entries another test left could be culled halfway through a test that counts queries."""
    from django.core.cache import cache

    cache.clear()


def make_user(username, role=None, **extra):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def admin(db):
    return make_user("anne", Role.ADMIN)


@pytest.fixture
def coder(db):
    return make_user("kari", Role.CODER)


@pytest.fixture
def co_coder(db):
    return make_user("ola", Role.CODER)


@pytest.fixture
def reviewer(db):
    return make_user("liv", Role.REVIEWER)


@pytest.fixture
def outsider(db):
    """Signed in, but in no role."""
    return make_user("utenfor")


@pytest.fixture
def inactive(db):
    return make_user("sluttet", Role.CODER, is_active=False)


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def survey(db):
    return Survey.objects.create(title="Testundersøkelse", slug="test")


def make_question(survey, code, kind=Question.Kind.OPEN, text=None, **extra):
    if kind == Question.Kind.LIKERT:
        extra.setdefault("scale_min", 1)
        extra.setdefault("scale_max", 6)
    return Question.objects.create(survey=survey, code=code, kind=kind, text=text or f"Spørsmål {code}", **extra)


def make_respondent(survey, key, **extra):
    return Respondent.objects.create(survey=survey, external_key=key, **extra)


def make_answer(question, respondent=None, text="", **extra):
    if respondent is None:
        n = Respondent.objects.filter(survey=question.survey).count() + 1
        respondent = make_respondent(question.survey, f"R{n}")
    return Answer.objects.create(question=question, respondent=respondent, text=text, **extra)


@pytest.fixture
def demo(db):
    """The portfolio-2 demo survey as load_demo builds it (users without passwords)."""
    from coding.demo.loader import load_demo

    return load_demo(with_passwords=False)["survey"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium instead of a Playwright download (which cannot be fetched here).
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--headless", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    }


@pytest.fixture
def login_page(page, live_server):
    """login_page(user) -> a Playwright page signed in as `user` (through the real form)."""

    def login(user):
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Brukernavn").fill(user.username)
        page.get_by_label("Passord").fill(PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield login
    # Let requests the page started finish before the database is emptied for the next test:
    # a live-server thread still in a transaction deadlocks with the TRUNCATE of the teardown.
    try:
        page.wait_for_load_state("networkidle", timeout=5000)
    except PlaywrightError:
        pass  # a page that polls never goes idle; the database check below still waits
    _wait_for_other_sessions_to_settle()


def _wait_for_other_sessions_to_settle(seconds=5):
    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.05)


@pytest.fixture
def strict_page(page):
    """A page that fails the test on any JavaScript dialog, console error or CSP violation."""
    problems = []
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    yield page
    assert not problems, problems


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def assert_accessible(page, context="document"):
    """Run axe-core (WCAG 2.1 A and AA rules) on the page as it is now; fail on any serious or
    critical violation. axe is evaluated through the DevTools protocol, so the page's CSP stays
    enforced."""
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm install` (the test command does it)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text() + "\n;undefined")
    result = page.evaluate(
        """async (context) => await axe.run(context === 'document' ? document : document.querySelector(context),
            {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""",
        context,
    )
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, "\n".join(serious)
