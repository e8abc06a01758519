"""Suggestions for the coding view, the command and "code similar answers": which layer they
learn from, the models kept per survey and layer, and suggestions with their evidence.

The models are kept in this process and brought up to date, not rebuilt per request:

* the survey's TextModel (the TF-IDF vectors) is kept while its answers stay the same
  (count, newest id, newest change);
* a layer's labels are kept under a stamp of that layer's codings (count and newest id) and of
  the codebook (a merge or delete changes it). When only codings were added since, only those
  are read and added; anything else (a removal, a merge) reads the layer's labels again, one
  query. The vectors are never refitted for a change in the coding.

Those stamps count the survey's answers and the layer's codings, which costs at 38,000 answers;
so each request first reads three cheap marks (`_marks`: the survey's newest audit row, the
newest coding anywhere, the survey's imports). While they stand still it keeps what it has;
when the audit rows written since say only what adds (codings added, suggestions accepted …,
`ADDITIVE`), it reads just the layer's codings with newer ids and adds them. Anything else (a
removal, a merge, an import, a pseudonymisation), and at least every RECHECK_SECONDS, reads the
stamps.
"""

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coding import layers
from coding.models import AuditEvent, Code, Coding, ConsensusDecision, SuggestionDecision
from coding.suggestions import engine
from surveys.models import Answer, ImportRun

CONSENSUS = layers.CONSENSUS
KEEP = 16  # models kept in this process (surveys × layers); the oldest is dropped first
RECHECK_SECONDS = 30  # the full stamps are read at least this often, whatever the marks say
_lock = threading.Lock()
_texts = OrderedDict()  # survey_id -> (stamp, TextModel)
_labels = OrderedDict()  # (survey_id, layer) -> (text stamp, label stamp, labels, Suggester)


def learning_layer(user, survey, requested=None):
    """The layer suggestions for `user` learn from: their own codings by default, the
    consensus layer on request. In blind mode only their own, whoever asks (the consensus
    draws on the other coders' layers)."""
    if requested == CONSENSUS and not survey.others_layers_hidden():
        return CONSENSUS
    return user.pk


def answers(survey):
    return Answer.objects.for_survey(survey).textual()


def _layer_rows(survey, layer):
    if layer == CONSENSUS:
        return ConsensusDecision.objects.filter(code__survey=survey, present=True)
    return Coding.objects.filter(code__survey=survey, coder_id=layer)


def _stamps(survey, layer):
    """(text stamp, label stamp) in one round trip: the survey's answers (count, newest id,
    newest change), the layer's rows (count, newest id), the codebook (count, newest id) and,
    for the consensus layer, its newest decision (decisions change in place)."""
    answers = Answer.objects.for_survey(survey).order_by()
    codes = Code.objects.filter(survey=survey).order_by()
    rows = _layer_rows(survey, layer).order_by()
    parts = [answers.values("id"), answers.values("id"), answers.values("updated_at"),
             rows.values("id"), rows.values("id"), codes.values("id"), codes.values("id")]
    functions = ["COUNT", "MAX", "MAX", "COUNT", "MAX", "COUNT", "MAX"]
    if layer == CONSENSUS:
        parts.append(ConsensusDecision.objects.filter(code__survey=survey).order_by().values("decided_at"))
        functions.append("MAX")
    selects, params = [], []
    for function, query in zip(functions, parts, strict=True):
        sql, query_params = query.query.sql_with_params()
        column = next(iter(query.query.values_select))
        selects.append(f"(SELECT {function}(t.{column}) FROM ({sql}) t)")
        params.extend(query_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        row = cursor.fetchone()
    return tuple(row[:3]), (row[3], row[4] or 0, *row[5:])


def _read_labels(rows, labels=None):
    labels = {} if labels is None else labels
    for answer_id, code_id in rows.values_list("answer_id", "code_id"):
        labels.setdefault(answer_id, set()).add(code_id)
    return labels


def _keep(cache, key, value):
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > KEEP:
        cache.popitem(last=False)


def text_model(survey, stamp):
    with _lock:
        kept = _texts.get(survey.pk)
        if kept and kept[0] == stamp:
            return stamp, kept[1]
    ids, texts = [], []
    for answer_id, text in answers(survey).order_by("id").values_list("id", "text"):
        ids.append(answer_id)
        texts.append(text)
    model = engine.TextModel(ids, texts)
    with _lock:
        _keep(_texts, survey.pk, (stamp, model))
    return stamp, model


def _marks(survey):
    """What moves whenever the survey's answers or codings may have changed, read cheaply (three
    index walks, one round trip): the survey's newest audit row (every removal, merge, decision
    and pseudonymisation writes one), the newest coding anywhere (every coding added) and the
    survey's finished and undone imports."""
    audit = AuditEvent.objects.filter(survey=survey).order_by("-id").values("id")[:1]
    coding = Coding.objects.order_by("-id").values("id")[:1]
    done = ImportRun.objects.filter(survey=survey, status=ImportRun.Status.DONE).order_by()
    parts = [("", audit), ("", coding), ("COUNT", done.values("id")), ("MAX", done.values("id"))]
    selects, params = [], []
    for function, query in parts:
        sql, query_params = query.query.sql_with_params()
        column = next(iter(query.query.values_select))
        selects.append(f"(SELECT {function}(t.{column}) FROM ({sql}) t)" if function else f"({sql})")
        params.extend(query_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        return tuple(cursor.fetchone())


def suggester(survey, layer):
    """The Suggester for `layer` of `survey`, brought up to date (see the module docstring)."""
    key = (survey.pk, survey.created_at, layer)  # a survey made again under the same id is another
    marks = _marks(survey) if layer != CONSENSUS else None
    with _lock:
        kept = _labels.get(key)
    if kept and marks is not None and time.monotonic() - kept[5] < RECHECK_SECONDS:
        if kept[4] == marks:
            return kept[3]  # nothing that could change the answers or this layer happened since
        if kept[4][2:] == marks[2:] and _only_additions_since(survey, kept[4][0]):
            return _take_in_additions(survey, layer, key, kept, marks)
    text_stamp, stamp = _stamps(survey, layer)
    text_stamp, model = text_model(survey, text_stamp)
    result = None
    if kept and kept[0] == text_stamp and kept[1] == stamp:
        result = kept[3]
    elif kept and kept[0] == text_stamp and layer != CONSENSUS and _only_added(kept[1], stamp):
        added = list(_layer_rows(survey, layer).filter(id__gt=kept[1][1]).values_list("answer_id", "code_id"))
        if len(added) == stamp[0] - kept[1][0]:  # nothing removed meanwhile: take the new ones in
            result = kept[3].with_added(added)
    if result is None:
        result = engine.Suggester(model, _read_labels(_layer_rows(survey, layer)))
    with _lock:
        _keep(_labels, key, (text_stamp, stamp, result.labels, result, marks, time.monotonic()))
    return result


# What an audit row may say without any coding of a layer having gone or an answer's text having
# changed: after these, the codings added since are all there is to take in.
ADDITIVE = {
    AuditEvent.Action.CODING_ADDED, AuditEvent.Action.SUGGESTION_ACCEPTED, AuditEvent.Action.SUGGESTION_DISMISSED,
    AuditEvent.Action.SIMILAR_CODED, AuditEvent.Action.CODE_CREATED, AuditEvent.Action.CODE_CHANGED,
    AuditEvent.Action.CODE_PLACED, AuditEvent.Action.CODE_UNPLACED, AuditEvent.Action.CATEGORY_CREATED,
    AuditEvent.Action.CATEGORY_CHANGED, AuditEvent.Action.MEMO_WRITTEN, AuditEvent.Action.CONSENSUS_DECIDED,
    AuditEvent.Action.AGREEMENT_SETTINGS, AuditEvent.Action.SAMPLE_DRAWN, AuditEvent.Action.QUOTE_STARRED,
    AuditEvent.Action.QUOTE_UNSTARRED, AuditEvent.Action.QUOTE_MOVED, AuditEvent.Action.EXPORTED,
    AuditEvent.Action.SURVEY_CHANGED, AuditEvent.Action.ANSWER_REVIEWED, AuditEvent.Action.PERSONAL_DATA_SCANNED,
    AuditEvent.Action.FINDING_DECIDED, AuditEvent.Action.RETENTION_SET,
}


def _only_additions_since(survey, audit_mark, most=200):
    actions = set(AuditEvent.objects.filter(survey=survey, id__gt=audit_mark or 0).order_by()
                  .values_list("action", flat=True)[:most + 1])
    return len(actions) <= most and actions <= ADDITIVE


def _take_in_additions(survey, layer, key, kept, marks):
    """The kept Suggester with the layer's codings added since (newer ids), stamps moved along."""
    text_stamp, stamp, _labels_kept, result, _marks, checked = kept
    rows = list(_layer_rows(survey, layer).filter(id__gt=stamp[1]).order_by().values_list("id", "answer_id", "code_id"))
    if rows:
        result = result.with_added([(answer_id, code_id) for _id, answer_id, code_id in rows])
        stamp = (stamp[0] + len(rows), max(row[0] for row in rows), *stamp[2:])
    with _lock:
        _keep(_labels, key, (text_stamp, stamp, result.labels, result, marks, checked))
    return result


def _only_added(old, new):
    """Only codings were added since `old`: the codebook is the same and the count grew."""
    return old[2:] == new[2:] and new[0] > old[0] and new[1] > old[1]


@dataclass
class Evidence:
    answer: Answer
    pieces: list  # [(text, shared)] for the template: shared words are marked


@dataclass
class Shown:
    code: Code
    score: float
    evidence: list  # Evidence

    @property
    def percent(self):
        return round(self.score * 100)


def status_message(result):
    """Why there are no suggestions, in the screen's words, or "" when there may be some."""
    if result.coded_answers < engine.MIN_CODED_ANSWERS:
        return ngettext("Too little coding to suggest from yet: %(n)s coded answer, at least %(min)s are needed.",
                        "Too little coding to suggest from yet: %(n)s coded answers, at least %(min)s are needed.",
                        result.coded_answers) % {"n": result.coded_answers, "min": engine.MIN_CODED_ANSWERS}
    if not result.usable_codes():
        return _("Too little coding to suggest from yet: no code has been used on %(min)s answers.") % {
            "min": engine.MIN_ANSWERS_PER_CODE}
    return ""


def excluded_codes(answer, user):
    """Codes not to suggest to `user` for `answer`: already applied by them, or decided on."""
    applied = Coding.objects.filter(answer=answer, coder=user, code=OuterRef("pk"))
    decided = SuggestionDecision.objects.filter(answer=answer, coder=user, code=OuterRef("pk"))
    codes = Code.objects.filter(Exists(applied) | Exists(decided), survey_id=answer.question.survey_id)
    return set(codes.order_by().values_list("pk", flat=True))  # one query


def raw_suggestions(answer, user, layer, *, limit=3):
    """(Suggester, [engine.Suggestion]) for `answer`, best first, without the excluded codes."""
    survey = answer.question.survey
    result = suggester(survey, layer)
    if result.too_little():
        return result, []
    return result, result.suggest(answer.pk, exclude_codes=excluded_codes(answer, user), limit=limit)


def suggestions_for(answer, user, layer, *, limit=3):
    """(message, [Shown]) for the panel: codes with score and the evidence answers."""
    result, found = raw_suggestions(answer, user, layer, limit=limit)
    message = status_message(result)
    if not found:
        return message or _("No suggestions for this answer."), []
    codes = Code.objects.in_bulk([s.code_id for s in found])
    evidence_ids = {a for s in found for a in s.evidence}
    answers = Answer.objects.in_bulk(evidence_ids)
    shown = []
    for s in found:
        pieces = []
        for answer_id in s.evidence:
            other = answers.get(answer_id)
            if other is not None:
                pieces.append(Evidence(other, engine.marked(other.text, engine.shared_stems(answer.text, other.text))))
        if s.code_id in codes:
            shown.append(Shown(codes[s.code_id], s.score, pieces))
    return "", shown


def similar_answers(survey, code, user, layer, *, limit=30):
    """Answers most like those `layer` coded with `code`, not yet coded with it by `user`:
    [(answer, score, nearest coded answer)], most alike first. The likeness is the cosine to the
    mean vector of the answers coded with the code."""
    import numpy as np

    result = suggester(survey, layer)
    model = result.model
    coded = [a for a, codes in result.labels.items() if code.pk in codes and a in model.row]
    if not coded:
        return []
    rows = np.array([model.row[a] for a in coded])
    centre = np.asarray(model.vectors[rows].mean(axis=0)).ravel()
    sims = model.vectors @ centre
    mine = set(Coding.objects.filter(code=code, coder=user).values_list("answer_id", flat=True))
    dismissed = set(SuggestionDecision.objects.filter(code=code, coder=user, decision="dismissed")
                    .values_list("answer_id", flat=True))
    skip = mine | dismissed | set(coded)
    order = [i for i in np.argsort(-sims, kind="stable") if model.answer_ids[i] not in skip and sims[i] > 0]
    order = order[:limit]
    coded_matrix = model.vectors[rows]
    answers = Answer.objects.in_bulk([model.answer_ids[i] for i in order])
    out = []
    for i in order:
        nearest = coded[int(np.argmax((coded_matrix @ model.vectors[i].T).toarray().ravel()))]
        out.append((answers[model.answer_ids[i]], round(float(sims[i]), 3), nearest))
    return out
