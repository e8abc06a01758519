"""The coding actions: idempotent apply, own-layer removal, code edits with optimistic
locking, merge and delete — and what happens when two people act at once (G1–G4)."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from coding import errors
from coding.codebook import actions as codebook_actions
from coding.models import AuditEvent, Category, CategoryCode, Code, Coding, ConsensusDecision, Memo
from coding.workspace import actions
from surveys.models import Answer
from tests.conftest import make_answer, make_question

User = get_user_model()


@pytest.fixture
def answer(survey):
    return make_answer(make_question(survey, "2"), text="Samlingene 🎻 var nyttige for oss.")


@pytest.fixture
def code(survey):
    return Code.objects.create(survey=survey, name="Samlinger")


# ----------------------------------------------------------------- apply and remove
def test_apply_is_idempotent_and_audited(answer, code, coder):
    first, created = actions.apply_code(answer, code, by=coder)
    again, created_again = actions.apply_code(answer, code, by=coder)
    assert created and not created_again and first.pk == again.pk
    assert Coding.objects.count() == 1
    assert AuditEvent.objects.filter(action="coding_added", answer=answer, code=code, actor=coder).count() == 1


@pytest.fixture(params=["one statement", "orm steps"])
def insert_path(request, monkeypatch):
    """Both ways of applying a code: PostgreSQL's single statement and the ORM steps other
    databases (the SQLite demo) take, which CI would otherwise never run."""
    if request.param == "orm steps":
        monkeypatch.setattr(actions, "_insert_and_record",
                            lambda survey_id, answer_id, code_id, coder_id, start, end:
                            actions._insert_and_record_portably(
                                survey_id, Answer.objects.get(pk=answer_id), code_id,
                                User.objects.get(pk=coder_id), start, end))
    elif connection.vendor != "postgresql":
        pytest.skip("the single statement is PostgreSQL's")
    return request.param


def test_the_audit_row_says_who_coded_what_where(insert_path, answer, code, coder):
    coding, created = actions.apply_code(answer, code.pk, by=coder, start=0, end=4)
    assert created and coding.code.name == "Samlinger" and coding.code.colour == code.colour
    event = AuditEvent.objects.get(action="coding_added")
    assert (event.survey_id, event.actor, event.answer, event.code) == (answer.question.survey_id, coder, answer, code)
    assert event.data == {"start": 0, "end": 4, "code_name": "Samlinger"}
    again, created_again = actions.apply_code(answer, code.pk, by=coder, start=0, end=4)
    assert not created_again and again.pk == coding.pk
    assert AuditEvent.objects.count() == 1


def test_a_code_id_from_another_survey_is_gone(insert_path, answer, coder):
    from surveys.models import Survey

    other = Code.objects.create(survey=Survey.objects.create(title="Annen", slug="annen"), name="X")
    with pytest.raises(errors.CodeGone):
        actions.apply_code(answer, other.pk, by=coder)
    assert not Coding.objects.exists() and not AuditEvent.objects.exists()


def test_spans_count_code_points_and_may_overlap(answer, code, coder):
    # "Samlingene 🎻 var" – the violin is one code point (two UTF-16 units).
    violin = answer.text.index("🎻")
    a, _ = actions.apply_code(answer, code, by=coder, start=0, end=violin + 1)
    b, _ = actions.apply_code(answer, code, by=coder, start=violin, end=violin + 5)
    whole, _ = actions.apply_code(answer, code, by=coder)
    assert answer.text[a.start:a.end] == "Samlingene 🎻"
    assert answer.text[b.start:b.end] == "🎻 var"
    assert whole.start is None
    assert Coding.objects.count() == 3


def test_whole_text_selected_is_the_whole_answer(answer, code, coder):
    coding, _ = actions.apply_code(answer, code, by=coder, start=0, end=len(answer.text))
    assert coding.start is None and coding.end is None


@pytest.mark.parametrize("start,end", [(5, 5), (7, 3), (0, 999), (-1, 2), (3, None)])
def test_bad_spans_are_refused(answer, code, coder, start, end):
    with pytest.raises(errors.InvalidInput):
        actions.apply_code(answer, code, by=coder, start=start, end=end)
    assert not Coding.objects.exists()


def test_code_from_another_survey_is_refused(answer, coder):
    from surveys.models import Survey

    other = Code.objects.create(survey=Survey.objects.create(title="Annen", slug="annen"), name="X")
    with pytest.raises(errors.NotFound):
        actions.apply_code(answer, other, by=coder)


def test_deleted_code_gives_a_clear_error(answer, code, coder):
    stale = Code.objects.get(pk=code.pk)
    code.delete()
    with pytest.raises(errors.CodeGone) as error:
        actions.apply_code(answer, stale, by=coder)
    assert error.value.status == 410
    assert not Coding.objects.exists()


def test_remove_only_own_coding(answer, code, coder, co_coder):
    theirs, _ = actions.apply_code(answer, code, by=co_coder)
    with pytest.raises(errors.NotFound):
        actions.remove_coding(theirs.pk, by=coder)
    assert Coding.objects.filter(pk=theirs.pk).exists()
    mine, _ = actions.apply_code(answer, code, by=coder)
    actions.remove_coding(mine.pk, by=coder)
    assert not Coding.objects.filter(pk=mine.pk).exists()
    assert AuditEvent.objects.filter(action="coding_removed", actor=coder).count() == 1


# ----------------------------------------------------------------- codes
def test_create_code_refuses_duplicate_names_ignoring_case(survey, coder, code):
    with pytest.raises(errors.CodeExists) as error:
        codebook_actions.create_code(survey, "  samlinger ", by=coder)
    assert error.value.existing == code
    new = codebook_actions.create_code(survey, "Tid  til   refleksjon", by=coder)
    assert new.name == "Tid til refleksjon"
    assert AuditEvent.objects.filter(action="code_created", code=new).exists()


def test_update_code_with_stale_version_names_who_changed_it(survey, code, coder, admin):
    form_version = code.version
    codebook_actions.update_code(code, by=admin, version=form_version, name="Samlinger og møter")
    with pytest.raises(errors.StaleEdit) as error:
        codebook_actions.update_code(code, by=coder, version=form_version, colour="#000000")
    assert "anne" in error.value.message and error.value.status == 409
    code.refresh_from_db()
    assert code.name == "Samlinger og møter" and code.colour != "#000000" and code.version == 2


def test_update_code_refuses_a_cycle(survey, code, coder):
    child = codebook_actions.create_code(survey, "Barn", by=coder, parent=code)
    with pytest.raises(errors.InvalidInput):
        codebook_actions.update_code(code, by=coder, version=code.version, parent=child)
    moved = codebook_actions.update_code(child, by=coder, version=child.version, parent=None)
    assert moved.parent_id is None


def test_delete_code_refused_while_used(answer, code, coder):
    actions.apply_code(answer, code, by=coder)
    with pytest.raises(errors.CodeInUse):
        codebook_actions.delete_code(code, by=coder)
    assert Code.objects.filter(pk=code.pk).exists()
    Coding.objects.all().delete()
    codebook_actions.delete_code(code, by=coder)
    assert not Code.objects.filter(pk=code.pk).exists()
    assert AuditEvent.objects.filter(action="code_deleted", data__code_name="Samlinger").exists()


# ----------------------------------------------------------------- merge
def test_merge_moves_collapses_and_follows(survey, answer, code, coder, co_coder, admin):
    target = Code.objects.create(survey=survey, name="Møteplasser")
    child = Code.objects.create(survey=survey, name="Digitale samlinger", parent=code)
    other_answer = make_answer(answer.question, text="Et annet svar")
    Coding.objects.create(answer=answer, code=code, coder=coder)          # duplicate of the next
    Coding.objects.create(answer=answer, code=target, coder=coder)
    Coding.objects.create(answer=answer, code=code, coder=co_coder)       # moves
    Coding.objects.create(answer=answer, code=code, coder=coder, start=0, end=4)    # duplicate span
    Coding.objects.create(answer=answer, code=target, coder=coder, start=0, end=4)
    Coding.objects.create(answer=other_answer, code=code, coder=coder, start=0, end=2)  # moves
    category = Category.objects.create(survey=survey, name="Organisering")
    other_category = Category.objects.create(survey=survey, name="Erfaringer")
    CategoryCode.objects.create(category=category, code=code)
    CategoryCode.objects.create(category=category, code=target)
    CategoryCode.objects.create(category=other_category, code=code)
    Memo.objects.create(author=coder, code=code, text="Beskrivelsen må skjerpes")
    ConsensusDecision.objects.create(answer=answer, code=code, present=True, decided_by=admin)
    ConsensusDecision.objects.create(answer=answer, code=target, present=False, decided_by=admin)
    ConsensusDecision.objects.create(answer=other_answer, code=code, present=True, decided_by=admin)

    summary = codebook_actions.merge_codes(code, target, by=admin)

    assert summary == {"source_name": "Samlinger", "moved": 2, "collapsed": 2}
    assert not Code.objects.filter(pk=code.pk).exists()
    assert Coding.objects.filter(code=target).count() == 4
    assert sorted(CategoryCode.objects.filter(code=target).values_list("category__name", flat=True)) == [
        "Erfaringer", "Organisering"]
    assert Memo.objects.get().code == target
    assert ConsensusDecision.objects.get(answer=answer, code=target).present is True
    assert ConsensusDecision.objects.filter(code=target).count() == 2
    child.refresh_from_db()
    assert child.parent == target
    event = AuditEvent.objects.get(action="code_merged")
    assert event.code == target and event.actor == admin and event.data["source_name"] == "Samlinger"


def test_merge_into_own_sub_code_lifts_it(survey, code, coder):
    child = Code.objects.create(survey=survey, name="Barn", parent=code)
    codebook_actions.merge_codes(code, child, by=coder)
    child.refresh_from_db()
    assert child.parent is None


def test_merge_into_itself_is_refused(code, coder):
    with pytest.raises(errors.InvalidInput):
        codebook_actions.merge_codes(code, code, by=coder)


# ----------------------------------------------------------------- memo
def test_memo_write_update_and_stale(answer, coder):
    memo = actions.write_memo(answer, "Første tanke", by=coder)
    memo = actions.write_memo(answer, "Andre tanke", by=coder, version=memo.version)
    assert memo.version == 2
    with pytest.raises(errors.StaleEdit):
        actions.write_memo(answer, "Gammel fane", by=coder, version=1)
    assert Memo.objects.get().text == "Andre tanke"
    assert actions.write_memo(answer, "  ", by=coder) is None
    assert not Memo.objects.exists()


# ----------------------------------------------------------------- concurrency (PostgreSQL)
def run_together(*functions):
    """Run the functions in threads that start at the same moment; returns results/errors."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def runner(i, fn):
        try:
            barrier.wait(timeout=10)
            results[i] = fn()
        except Exception as error:  # noqa: BLE001 - reported to the test
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, fn)) for i, fn in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results






@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_coders_code_the_same_answer_at_once(answer, code, coder, co_coder):
    other = Code.objects.create(survey=answer.question.survey, name="Tid")
    results = run_together(lambda: actions.apply_code(answer, code, by=coder),
                           lambda: actions.apply_code(answer, other, by=co_coder))
    assert all(isinstance(r, tuple) for r in results), results
    assert set(Coding.objects.values_list("coder_id", "code_id")) == {(coder.pk, code.pk), (co_coder.pk, other.pk)}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("span", [(None, None), (0, 4)])
def test_double_click_makes_one_coding(answer, code, coder, span):
    results = run_together(*[lambda: actions.apply_code(answer, code, by=coder, start=span[0], end=span[1])] * 4)
    assert all(isinstance(r, tuple) for r in results), results
    assert Coding.objects.count() == 1
    assert sum(created for _, created in results) == 1
    assert AuditEvent.objects.filter(action="coding_added").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("_attempt", range(3))
def test_code_merged_while_applied(answer, code, coder, admin, _attempt):
    target = Code.objects.create(survey=answer.question.survey, name="Møteplasser")
    stale = Code.objects.get(pk=code.pk)
    results = run_together(lambda: actions.apply_code(answer, stale, by=coder),
                           lambda: codebook_actions.merge_codes(code, target, by=admin))
    applied, merged = results
    assert isinstance(merged, dict), merged
    # Either the coding landed first and moved with the merge, or the coder got a clear error.
    assert isinstance(applied, tuple) or isinstance(applied, errors.CodeGone), applied
    assert not Code.objects.filter(pk=code.pk).exists()
    assert not Coding.objects.exclude(code=target).exists()  # no orphan
    if isinstance(applied, tuple):
        assert Coding.objects.filter(code=target, coder=coder).count() == 1


# ----------------------------------------------------------------- one memo per answer and author
def test_a_second_memo_by_the_same_author_is_refused_by_the_database(answer, coder):
    from django.db import IntegrityError, transaction

    Memo.objects.create(answer=answer, author=coder, text="Første")
    with pytest.raises(IntegrityError), transaction.atomic():
        Memo.objects.create(answer=answer, author=coder, text="Andre")


def test_a_tab_that_saw_no_memo_does_not_overwrite_one_written_since(answer, coder):
    actions.write_memo(answer, "Fra fane A", by=coder, version=0)
    with pytest.raises(errors.StaleEdit):
        actions.write_memo(answer, "Fra fane B", by=coder, version=0)
    assert list(Memo.objects.filter(answer=answer).values_list("text", flat=True)) == ["Fra fane A"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_tabs_writing_the_first_memo_at_once_leave_one(survey, coder):
    answer = make_answer(make_question(survey, "9"), text="Et svar")
    for trial in range(5):
        Memo.objects.filter(answer=answer).delete()
        results = run_together(*[
            (lambda text=text: actions.write_memo(answer, text, by=coder, version=0)) for text in ("A", "B")
        ])
        assert Memo.objects.filter(answer=answer, author=coder).count() == 1, trial
        saved = Memo.objects.get(answer=answer, author=coder).text
        winners = [r for r in results if isinstance(r, Memo)]
        losers = [r for r in results if isinstance(r, errors.StaleEdit)]
        assert len(winners) == 1 and len(losers) == 1, results
        assert winners[0].text == saved
