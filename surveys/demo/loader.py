"""Builds the portfolio-2 demo survey from the report's facts (see shared/domain/REPORT_FACTS.md):
the users, questions, municipalities, respondents and answers. The coding app adds the
codebook, categories and codings on top (coding/demo/loader.py).

Idempotent: every row is found by its natural key before it is created, so a second run changes
nothing. Graded answers reproduce the counts of the report's figures 6, 7 and 8 exactly.
"""

import random
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from surveys.demo import answers_part1, answers_part2, municipalities, questions
from surveys.models import Answer, Municipality, MunicipalityGroup, Question, Respondent, Survey
from veiledning.roles import Role

SLUG = "portefolje-2"
SEED = 2021
MERGER_DAY = date(2020, 1, 1)

# (code, counts for 1..6, not applicable) — figures 6, 7 and 8 exactly; 9 and 10 plausible.
GRADED = {
    "2": ([0, 0, 6, 14, 14, 9], 0),
    "3a": ([0, 2, 10, 9, 12, 10], 0),
    "3b": ([0, 0, 1, 2, 16, 24], 0),
    "3c": ([0, 2, 6, 17, 13, 5], 0),
    "5a": ([0, 0, 2, 7, 21, 13], 0),
    "5b": ([0, 0, 2, 5, 20, 16], 0),
    "5c": ([0, 0, 0, 9, 17, 17], 0),
    "7a": ([0, 1, 4, 11, 12, 6], 9),
    "7b": ([1, 2, 6, 10, 9, 3], 12),
    "11": ([0, 1, 5, 15, 16, 6], 0),
    "12": ([0, 2, 7, 14, 15, 5], 0),
}
# How often each role of question 1 was in the municipal team (leader nearly always).
ROLE_WEIGHTS = [0.97, 0.85, 0.7, 0.3]
NOT_APPLICABLE_QUESTIONS = {"5a", "5b", "5c", "7a", "7b"}

DEMO_USERS = [
    # username, full name, role, demo password (DEBUG only)
    ("admin", "Anne Admin", Role.ADMIN, "demo-admin-2021"),
    ("kari", "Kari Koder", Role.CODER, "demo-koder-2021"),
    ("ola", "Ola Koder", Role.CODER, "demo-koder-2021"),
    ("leder", "Liv Leder", Role.REVIEWER, "demo-leder-2021"),
]


def load_survey_demo(*, with_passwords=None):
    """Create or complete the demo survey and users (inside the caller's transaction, if any);
    returns {"created": {...}, "users": [(user, password)], "survey": …, "questions": {code: Question}}."""
    if with_passwords is None:
        with_passwords = settings.DEBUG
    created = {}
    with transaction.atomic():
        users = _users(with_passwords, created)
        survey, was_created = Survey.objects.get_or_create(
            slug=SLUG,
            defaults={
                "title": "Veiledningsordningen portefølje 2",
                "period": "Januar 2019 – desember 2020",
                "description": (
                    "Spørreundersøkelse til deltakerkommunene etter veiledningsordningens portefølje 2 "
                    "(Norsk kulturskoleråd). Demodata bygget på rapportens tall."
                ),
            },
        )
        created["surveys"] = int(was_created)
        questions_by_code = _questions(survey, created)
        respondents = _respondents(survey, created)
        _answers(questions_by_code, respondents, created)
    return {"created": created, "users": users, "survey": survey, "questions": questions_by_code,
            "with_passwords": with_passwords}


def _users(with_passwords, created):
    User = get_user_model()
    out = []
    count = 0
    for username, full_name, role, password in DEMO_USERS:
        first, last = full_name.split(" ", 1)
        user, was_created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if was_created:
            count += 1
            if with_passwords:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
        user.groups.add(Group.objects.get(name=role.value))
        out.append((user, password if with_passwords else None))
    created["users"] = count
    return out


def _questions(survey, created):
    by_code = {}
    count = 0
    for order, (code, kind, text, parent, options) in enumerate(questions.QUESTIONS, start=1):
        defaults = {"kind": kind, "text": text, "order": order, "options": options or [],
                    "parent": by_code.get(parent)}
        if kind == questions.LIKERT:
            labels = {str(k): v for k, v in questions.SCALE_LABELS.items()}
            defaults.update(scale_min=1, scale_max=6, scale_labels=labels)
            if code in NOT_APPLICABLE_QUESTIONS or code in {"5", "7"}:
                defaults["not_applicable_labels"] = [questions.NOT_TAKEN_PART]
        question, was_created = Question.objects.get_or_create(survey=survey, code=code, defaults=defaults)
        count += was_created
        by_code[code] = question
    created["questions"] = count
    return by_code


def _municipalities(created):
    new = {}
    count = 0
    for row in municipalities.NEW_MUNICIPALITIES:
        m = Municipality.objects.filter(name_key=_key(row["name"]), valid_to__isnull=True).first()
        if m is None:
            m = Municipality.objects.create(name=row["name"], number=row["number"], county=row["county"])
            count += 1
        new[row["name"]] = m
    old = {}
    for row in municipalities.MUNICIPALITIES:
        merged = new.get(row["merged_into"]) if row["merged_into"] else None
        if merged is None:
            m = Municipality.objects.filter(name_key=_key(row["name"]), valid_to__isnull=True).first()
            if m is None:
                m = Municipality.objects.create(name=row["name"], number=row["number"], county=row["county"])
                count += 1
        else:
            m = Municipality.objects.filter(number=row["number"]).first()
            if m is None:
                m = Municipality.objects.create(
                    name=row["name"], number=row["number"], county=row["county"],
                    merged_into=merged, valid_to=date(2019, 12, 31),
                )
                count += 1
        old[row["name"]] = (m, row)
    created["municipalities"] = count
    return old


def _key(name):
    from surveys.text import name_key

    return name_key(name)


def _respondents(survey, created):
    old = _municipalities(created)
    grouped = {name for g in municipalities.GROUPS for name in g["members"]}
    units = []  # (municipality, group, attributes)
    for name, (m, row) in old.items():
        if name not in grouped:
            units.append((m, None, {"fylke": row["county"], "størrelse": row["size"], "deltakelse": "alene"}))
    group_count = 0
    for g in municipalities.GROUPS:
        group, was_created = MunicipalityGroup.objects.get_or_create(survey=survey, name=g["name"])
        group_count += was_created
        members = [old[name] for name in g["members"]]
        group.members.add(*[m for m, _row in members])
        if g["answered"] == "jointly":
            first = members[0][1]
            attributes = {"fylke": first["county"], "størrelse": first["size"], "deltakelse": "i gruppe"}
            units.append((None, group, attributes))
        else:
            for m, row in members:
                units.append((m, group, {"fylke": row["county"], "størrelse": row["size"], "deltakelse": "i gruppe"}))
    created["groups"] = group_count
    respondents = []
    count = 0
    for number, (m, group, attributes) in enumerate(units, start=1):
        respondent, was_created = Respondent.objects.get_or_create(
            survey=survey, external_key=f"R{number:02d}",
            defaults={"municipality": m, "group": group, "attributes": attributes},
        )
        count += was_created
        respondents.append(respondent)
    created["respondents"] = count
    return respondents


def _answers(questions_by_code, respondents, created):
    rng = random.Random(SEED)
    wanted = []
    for code, (counts, not_applicable) in GRADED.items():
        values = [v for v, c in enumerate(counts, start=1) for _ in range(c)] + [None] * not_applicable
        assert len(values) == len(respondents), code
        rng.shuffle(values)
        for respondent, value in zip(respondents, values, strict=True):
            wanted.append(Answer(
                respondent=respondent, question=questions_by_code[code], number=value,
                not_applicable=value is None, text=questions.NOT_TAKEN_PART if value is None else "",
            ))
    for code in ("1", "6", "9"):
        question = questions_by_code[code]
        for respondent in respondents:
            if question.kind == questions.SINGLE:
                picks = [rng.choices(question.options, weights=[1, 5, 3])[0]]
            else:
                weights = ROLE_WEIGHTS if code == "1" else [0.6] * len(question.options)
                picks = [o for o, w in zip(question.options, weights, strict=True) if rng.random() < w]
                picks = picks or [question.options[0]]
            wanted.append(Answer(respondent=respondent, question=question, choices=picks))
    texts = {**answers_part1.ANSWERS, **answers_part2.ANSWERS}
    for code, count in questions.TEXT_ANSWER_COUNTS.items():
        chosen = rng.sample(respondents, count)
        for respondent, text in zip(chosen, texts[code], strict=True):
            wanted.append(Answer(respondent=respondent, question=questions_by_code[code], text=text))
    before = Answer.objects.filter(question__survey=respondents[0].survey).count()
    Answer.objects.bulk_create(wanted, ignore_conflicts=True)
    created["answers"] = Answer.objects.filter(question__survey=respondents[0].survey).count() - before
