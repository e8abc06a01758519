"""What a survey is, beyond what the REFI-QDA standard can say: `veiledning.json` in our `.qdpx`.

The standard knows texts, cases and variables, not questions. The graded answers travel in
the XML as case variables (Integer `Spørsmål 2`, choices as Text), where every client reads
them; this file adds what no variable can hold, so that our own import gives back the survey
as it was: every question (also those without text answers: graded items, matrix headings,
choice questions, open questions nobody answered) with its kind, scale, scale labels,
not-applicable labels, options, stem and order; the answers that were "not applicable"
(a label such as "Ikke deltatt", which an Integer variable cannot hold, so the case variable is
left empty there); which graded questions each category (Set) shows beside its codes; and the
survey's period and what a respondent is. Other tools ignore the
file (it is not referred to from the XML). It is read with `json` only, capped in size, and
every field is checked before it is used.
"""

import json

from django.utils.translation import gettext as _

from coding.refi import RefiError
from surveys.models import Question, RespondentKind

FORMAT = "veiledning-survey/1"
MAX_BYTES = 20 * 1024 * 1024
KINDS = {kind.value for kind in Question.Kind}


def build_survey_file(survey, questions, not_applicable, links):
    """The file's bytes. `not_applicable` is [(case guid, question code, label)], `links`
    {category (set) guid: [codes of the graded questions linked to it]}."""
    data = {
        "format": FORMAT,
        "survey": {"period": survey.period, "respondent_kind": survey.respondent_kind},
        "questions": [
            {
                "code": q.code,
                "text": q.text,
                "kind": q.kind,
                "scale_min": q.scale_min,
                "scale_max": q.scale_max,
                "scale_labels": q.scale_labels or {},
                "not_applicable_labels": q.not_applicable_labels or [],
                "options": q.options or [],
                "parent": q.parent.code if q.parent_id else None,
            }
            for q in questions
        ],
        "not_applicable": [{"case": case, "question": code, "label": label} for case, code, label in not_applicable],
        "links": [{"set": guid, "questions": codes} for guid, codes in links.items()],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _refuse(detail):
    return RefiError(
        _("The file veiledning.json in the project is damaged (%(detail)s); nothing was imported.")
        % {"detail": detail},
        code="survey_file",
    )


def _int_or_none(value, field):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not -32768 <= value <= 32767:
        raise _refuse(field)
    return value


def _strings(value, field):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _refuse(field)
    return value


def read_survey_file(data):
    """The checked content of `veiledning.json` (`data`: its bytes, or None when it declared itself
    too large to read): {"survey": {...}, "questions": [...], "not_applicable": [...], "links": [...]};
    a RefiError with a Norwegian message when it is not ours or is damaged."""
    if data is None or len(data) > MAX_BYTES:
        raise _refuse("too large")
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise _refuse("not JSON") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise _refuse("unknown format")
    survey = raw.get("survey") if isinstance(raw.get("survey"), dict) else {}
    kind = survey.get("respondent_kind")
    out = {
        "survey": {
            "period": survey.get("period")[:100] if isinstance(survey.get("period"), str) else "",
            "respondent_kind": kind if kind in RespondentKind.values else "",
        },
        "questions": [],
        "not_applicable": [],
        "links": [],
    }
    seen = set()
    for item in raw.get("questions") or []:
        if not isinstance(item, dict) or not isinstance(item.get("code"), str) or not item["code"].strip():
            raise _refuse("question without a code")
        code = item["code"].strip()[:20]
        if code in seen:
            raise _refuse(f"question {code} twice")
        seen.add(code)
        if item.get("kind") not in KINDS or not isinstance(item.get("text"), str):
            raise _refuse(f"question {code}")
        low, high = _int_or_none(item.get("scale_min"), code), _int_or_none(item.get("scale_max"), code)
        if (low is None) != (high is None) or (low is not None and high <= low):
            raise _refuse(f"scale of question {code}")
        labels = item.get("scale_labels") or {}
        if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
            raise _refuse(f"scale labels of question {code}")
        parent = item.get("parent")
        out["questions"].append({
            "code": code,
            "text": item["text"],
            "kind": item["kind"],
            "scale_min": low,
            "scale_max": high,
            "scale_labels": {str(k): v for k, v in labels.items()},
            "not_applicable_labels": _strings(item.get("not_applicable_labels") or [], code),
            "options": _strings(item.get("options") or [], code),
            "parent": parent if isinstance(parent, str) else None,
        })
    for item in raw.get("not_applicable") or []:
        if not (isinstance(item, dict) and all(isinstance(item.get(k), str) for k in ("case", "question", "label"))):
            raise _refuse("not-applicable answer")
        out["not_applicable"].append(item)
    for item in raw.get("links") or []:
        if not (isinstance(item, dict) and isinstance(item.get("set"), str)):
            raise _refuse("question links")
        out["links"].append({"set": item["set"], "questions": _strings(item.get("questions") or [], "links")})
    return out


def split_choices(value, options):
    """A choice answer written as options joined by "; " back into its options, an option that
    itself holds "; " included (the longest option that fits is taken first)."""
    value = (value or "").strip()
    if not value:
        return []
    if value in options:
        return [value]
    out, rest = [], value
    ordered = sorted(options, key=len, reverse=True)
    while rest:
        found = next((o for o in ordered if rest == o or rest.startswith(o + "; ")), None)
        if found is None:
            head, _sep, rest = rest.partition("; ")
            out.append(head)
            continue
        out.append(found)
        rest = rest[len(found) + 2:] if rest != found else ""
    return out
