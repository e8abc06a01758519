"""The access matrix: every URL pattern has a rule, and every persona gets
exactly what the rule says, by GET and POST, full page and htmx, with nothing written when
refused.

A rule maps an HTTP method to the roles that may use it. A method not in the rule is 405 for
a signed-in user. Refusals: anonymous → login redirect (htmx: 401 + HX-Redirect), deactivated →
like anonymous, outsider → 404 on a survey's URLs, a role without the permission → 403.
"""

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from coding.models import AgreementSample, Category, CategoryCode, Code, Coding, Memo, Quote, Theme
from surveys.importing.parse import parse
from surveys.models import ImportRun, Job, Question
from surveys.views.importing import detect_mapping
from tests.conftest import make_answer, make_question, make_respondent, make_user

ADMIN, CODER, REVIEWER = "admin", "coder", "reviewer"
ALL = {ADMIN, CODER, REVIEWER}
CODERS = {ADMIN, CODER}
ADMINS = {ADMIN}
SIGNED_IN = {ADMIN, CODER, REVIEWER, "outsider"}  # any signed-in user, even without a role
PUBLIC = "public"  # no login needed

ACCESS_MATRIX = {
    # project
    "login": {"GET": PUBLIC, "POST": PUBLIC},
    "login_code": {"GET": PUBLIC, "POST": PUBLIC},  # the second step; without a password just passed, back to login
    "two_factor": {"GET": ADMINS},  # one's own two-factor sign-in
    "two_factor_start": {"POST": ADMINS},
    "two_factor_setup": {"GET": ADMINS, "POST": ADMINS},
    "two_factor_off": {"POST": ADMINS},
    "two_factor_recovery_codes": {"POST": ADMINS},
    "logout": {"POST": SIGNED_IN},
    "password_change": {"GET": SIGNED_IN, "POST": SIGNED_IN},
    "password_change_done": {"GET": SIGNED_IN},
    "set_language": {"GET": PUBLIC, "POST": PUBLIC},
    "healthz": {"GET": PUBLIC},
    "accessibility": {"GET": PUBLIC},
    # surveys
    "surveys:list": {"GET": SIGNED_IN},  # an outsider sees an empty list
    "surveys:detail": {"GET": ALL},
    # category board
    "coding:board": {"GET": ALL},
    "coding:board_move": {"POST": CODERS},
    "coding:board_reorder": {"POST": CODERS},
    "coding:board_code": {"GET": ALL},
    "coding:board_category": {"GET": ALL},
    "coding:board_category_update": {"POST": CODERS},
    "coding:board_category_create": {"POST": ADMINS},
    "coding:board_category_order": {"POST": ADMINS},
    "coding:board_category_archive": {"POST": ADMINS},
    "coding:board_category_themes": {"POST": ADMINS},
    "coding:board_category_questions": {"POST": ADMINS},
    "coding:question_links": {"GET": ADMINS, "POST": ADMINS},
    "coding:survey_settings": {"GET": ADMINS, "POST": ADMINS},
    "coding:survey_delete": {"GET": ADMINS, "POST": ADMINS},
    "coding:next_round": {"GET": ADMINS, "POST": ADMINS},
    "coding:answer_reviewed": {"POST": CODERS},
    "coding:dashboard_compare": {"GET": ALL},
    "coding:dashboard_compare_download": {"GET": ALL},
    "coding:board_theme_create": {"POST": ADMINS},
    "coding:board_theme_update": {"POST": ADMINS},
    # coding workspace and codebook
    "coding:answers": {"GET": ALL},
    "coding:progress": {"GET": ALL},
    "coding:answer": {"GET": ALL},
    "coding:answer_go": {"GET": ALL},
    "coding:answer_history": {"GET": ALL},
    "coding:answer_memo": {"POST": CODERS},
    "coding:apply_code": {"POST": CODERS},
    "coding:remove_coding": {"POST": CODERS},
    "coding:codebook": {"GET": ALL},
    "coding:code_create": {"POST": CODERS},
    "coding:code": {"GET": ALL, "POST": CODERS},
    "coding:code_merge": {"POST": CODERS},
    "coding:code_delete": {"POST": CODERS},
    # code suggestions (a coder's own tool)
    "coding:suggestions": {"GET": CODERS},
    "coding:suggestion_accept": {"POST": CODERS},
    "coding:suggestion_dismiss": {"POST": CODERS},
    "coding:code_similar": {"GET": CODERS, "POST": CODERS},
    "coding:code_similar_undo": {"POST": CODERS},
    # agreement and reconciliation
    "coding:agreement": {"GET": ALL},
    "coding:agreement_blind": {"POST": ADMINS},
    "coding:agreement_open": {"POST": ADMINS},
    "coding:agreement_sample": {"POST": ADMINS},
    "coding:agreement_export": {"GET": ALL},
    "coding:agreement_reconcile": {"GET": ADMINS},
    "coding:agreement_decide": {"POST": ADMINS},
    "coding:agreement_accept": {"POST": ADMINS},
    "coding:reviewer_rights": {"POST": ADMINS},
    # dashboards, quotes, report and exports
    "coding:dashboards": {"GET": ALL},
    "coding:dashboard": {"GET": ALL},
    "coding:quote_toggle": {"POST": ALL},
    "coding:quote_move": {"POST": ALL},
    "coding:report": {"GET": ALL},
    "coding:report_docx": {"GET": ALL, "POST": ALL},  # POST: make a large survey's report in the background
    "coding:report_pdf": {"GET": ALL},
    "coding:exports": {"GET": ALL},
    "coding:export": {"GET": ALL, "POST": ALL},
    # REFI-QDA exchange
    "coding:refi": {"GET": ALL},
    "coding:refi_qdpx": {"GET": ALL, "POST": ALL},
    "coding:refi_qdc": {"GET": ALL},
    "coding:refi_codebook_preview": {"POST": ADMINS},
    "coding:refi_codebook_import": {"POST": ADMINS},
    "coding:refi_project_import": {"POST": ADMINS},
    # personal data: the survey's record, findings, pseudonymisation, retention (admins)
    "coding:privacy": {"GET": ADMINS},
    "coding:privacy_retention": {"POST": ADMINS},
    "coding:privacy_review": {"GET": ADMINS},
    "coding:privacy_scan": {"POST": ADMINS},
    "coding:privacy_decide": {"POST": ADMINS},
    "coding:privacy_add": {"POST": ADMINS},
    "coding:privacy_pseudonymise": {"POST": ADMINS},
    "coding:refi_project_confirm": {"GET": ADMINS, "POST": ADMINS},
    # survey import (admins) and the wide answer export
    "surveys:import": {"GET": ADMINS, "POST": ADMINS},
    "surveys:import_preview": {"GET": ADMINS},
    "surveys:import_options": {"POST": ADMINS},
    "surveys:import_mapping": {"POST": ADMINS},
    "surveys:import_mapping_json": {"GET": ADMINS},
    "surveys:import_save_mapping": {"POST": ADMINS},
    "surveys:import_confirm": {"POST": ADMINS},
    "surveys:import_summary": {"GET": ADMINS},
    "surveys:export_answers": {"GET": ADMINS},
    "surveys:import_undo": {"POST": ADMINS},
    # background jobs: each person's own (another's job is a 404, tests/surveys/jobs/)
    "surveys:jobs": {"GET": ALL},
    "surveys:job": {"GET": ALL},
    "surveys:job_file": {"GET": ALL},
    "surveys:survey_jobs": {"GET": ALL},
}

# Values for URL parameters; per-route overrides below. A callable gets (data, persona name).
PARAMS = {
    "slug": lambda d, p: d["survey"].slug,
    "answer_id": lambda d, p: d["answer"].pk,
    "code_id": lambda d, p: d["code"].pk,
    "category_id": lambda d, p: d["category"].pk,
    "theme_id": lambda d, p: d["theme"].pk,
    "quote_id": lambda d, p: d["quote"].pk,
    "sample_id": lambda d, p: d["sample"].pk,
    "question_id": lambda d, p: d["question"].pk,
    "import_id": lambda d, p: d["import_run"].pk,
    "run_id": lambda d, p: d["import_run"].pk,
    "coding_id": lambda d, p: d["codings"].get(p, d["codings"]["coder"]).pk,
    "direction": lambda d, p: "next",
    "fmt": lambda d, p: "csv",
    "kind": lambda d, p: "codings",
    "pk": lambda d, p: d["import_run"].pk,
    "job_id": lambda d, p: d["jobs"].get(p, d["jobs"][ADMIN]).pk,
}
OVERRIDES = {
    # A finished import in the survey (without an undo snapshot, so undoing it is refused with 409).
    "surveys:import_undo": {"pk": lambda d, p: ImportRun.objects.get_or_create(
        survey=d["survey"], filename="u.csv", sha256="1" * 64, status=ImportRun.Status.DONE)[0].pk},
}


def walk(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


ROUTES = dict(walk())


def test_every_route_has_a_rule():
    missing = sorted(set(ROUTES) - set(ACCESS_MATRIX))
    assert not missing, f"routes without an access rule: {missing}"
    stale = sorted(set(ACCESS_MATRIX) - set(ROUTES))
    assert not stale, f"rules for routes that no longer exist: {stale}"


@pytest.fixture
def world(db, survey):
    """A small survey with one of everything, and every persona."""
    personas = {
        ADMIN: make_user("m-admin", ADMIN),
        CODER: make_user("m-coder", CODER),
        "co_coder": make_user("m-cocoder", CODER),
        REVIEWER: make_user("m-reviewer", REVIEWER),
        "outsider": make_user("m-outsider"),
        "inactive": make_user("m-inactive", CODER, is_active=False),
    }
    question = make_question(survey, "1")
    make_question(survey, "2", Question.Kind.LIKERT)
    answer = make_answer(question, make_respondent(survey, "R1"), text="Et svar om forankring")
    code = Code.objects.create(survey=survey, name="Forankring")
    category = Category.objects.create(survey=survey, name="Forankring")
    CategoryCode.objects.create(category=category, code=code)
    theme = Theme.objects.create(survey=survey, name="Kontinuitet")
    theme.categories.add(category)
    codings = {
        name: Coding.objects.create(answer=answer, code=code, coder=personas[name])
        for name in (ADMIN, CODER, "co_coder")
    }
    quote = Quote.objects.create(category=category, answer=answer, starred_by=personas[REVIEWER])
    sample = AgreementSample.objects.create(survey=survey, name="Utvalg", seed=1)
    sample.answers.add(answer)
    Memo.objects.create(author=personas[CODER], answer=answer, text="notat")
    content = "Svar-ID;Kommune;2. Hvor fornøyd?\nR1;Molde;5\n".encode()
    options = {"slug": "ny", "title": "Ny", "new": True, "not_applicable": ["Ikke deltatt"]}
    import_run = ImportRun.objects.create(
        filename="x.csv", sha256="0" * 64, size=len(content), content=content, options=options,
        mapping=detect_mapping(parse(content), options),
    )
    jobs = {name: Job.objects.create(kind=Job.Kind.EXPORT, created_by=personas[name], survey=survey,
                                     state=Job.State.DONE, result=b"a;b\r\n", result_name="x.csv",
                                     result_type="text/csv") for name in (ADMIN, CODER, REVIEWER)}
    return {"survey": survey, "answer": answer, "code": code, "category": category, "quote": quote,
            "sample": sample, "question": question, "codings": codings, "import_run": import_run, "theme": theme,
            "personas": personas, "jobs": jobs}


def url_for(name, pattern, data, persona):
    params = list(pattern.pattern.converters) or []
    values = {**{k: PARAMS[k] for k in params if k in PARAMS}, **OVERRIDES.get(name, {})}
    unknown = [k for k in params if k not in values]
    assert not unknown, f"{name}: no value for URL parameters {unknown}"
    kwargs = {k: (v(data, persona) if callable(v) else v) for k, v in values.items() if k in params}
    return reverse(name, kwargs=kwargs)


def login(client, user):
    """force_login, also for a deactivated user (whose session then must stop working)."""
    if user.is_active:
        client.force_login(user)
        return
    type(user).objects.filter(pk=user.pk).update(is_active=True)
    user.is_active = True
    client.force_login(user)
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False


def row_counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


def expected(rule, method, persona, survey_scoped):
    """The status a persona should get, or "ok" for any allowed outcome."""
    allowed = rule.get(method)
    if allowed == PUBLIC:
        return "ok"
    if PUBLIC in rule.values() and allowed is None:
        return 405
    if persona in ("anonymous", "inactive"):
        return "login"
    if allowed is None:
        return 405
    if persona in allowed:
        return "ok"
    if persona == "outsider" and survey_scoped:
        return 404
    return 403


@pytest.mark.parametrize("name", sorted(ACCESS_MATRIX))
def test_route_follows_its_rule(name, world, client):
    if name not in ROUTES:
        pytest.skip("route checked by test_every_route_has_a_rule")
    pattern = ROUTES[name]
    rule = ACCESS_MATRIX[name]
    survey_scoped = "slug" in pattern.pattern.converters
    for persona in ("anonymous", "outsider", "inactive", REVIEWER, CODER, ADMIN):
        for method in ("GET", "POST"):
            for htmx in (False, True):
                client.logout()
                if persona != "anonymous":
                    login(client, world["personas"][persona])
                url = url_for(name, pattern, world, persona)
                headers = {"HX-Request": "true"} if htmx else {}
                want = expected(rule, method, persona, survey_scoped)
                before = row_counts() if want != "ok" and method == "POST" else None
                response = getattr(client, method.lower())(url, headers=headers)
                where = f"{method} {url} as {persona}{' (htmx)' if htmx else ''}"
                if want == "ok":
                    assert response.status_code < 500 and response.status_code not in (401, 403, 404, 405), (
                        f"{where}: refused with {response.status_code}")
                elif want == "login":
                    if htmx:
                        assert response.status_code == 401 and "HX-Redirect" in response.headers, where
                    else:
                        assert response.status_code == 302 and "/login/" in response["Location"], where
                else:
                    assert response.status_code == want, f"{where}: {response.status_code}, expected {want}"
                if before is not None:
                    assert row_counts() == before, f"{where} changed the database"
