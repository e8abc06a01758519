"""A parsed REFI-QDA project saved into a new survey (see `importing.import_project`)."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coding.models import Coding, Memo
from coding.refi import (
    FINDING,
    FOREIGN_QUESTION_CODE,
    FOREIGN_QUESTION_TEXT,
    ORIGIN,
    QUESTION_TEXT_VARIABLE,
    QUESTION_VARIABLE,
    WHOLE_ANSWER,
)
from coding.refi.codes import plan_codes, save_plan, unique_name
from coding.refi.export import normalise
from coding.refi.reading import norm_guid
from surveys.models import Answer, Municipality, MunicipalityGroup, Question, Respondent
from surveys.text import name_key

CASE_FIELDS = {"kommune", "kommunenummer", "kommunegruppe", "fylke"}


class ProjectImport:
    def __init__(self, survey, parsed, by, users=None):
        self.survey, self.parsed, self.by = survey, parsed, by
        self.ours = parsed.origin.startswith(ORIGIN)
        # The file's users are never matched to accounts by name: each becomes a new inactive
        # user unless the importing admin mapped it (guid → a coder) in the preview.
        self.coders = {norm_guid(guid): user for guid, user in (users or {}).items() if user is not None}
        self.new_coders = []
        self.warnings = list(parsed.warnings)

    def run(self):
        parsed = self.parsed
        plan = plan_codes(self.survey, parsed, all_sets=False)
        self.codes, self.categories, placements = save_plan(self.survey, plan, self.by)
        answers, missing = self._answers()
        codings = self._codings(answers)
        memos = self._memos(answers)
        return {
            "survey": self.survey.slug,
            "codes": len(self.codes),
            "categories": len(self.categories),
            "placements": placements,
            "respondents": self.survey.respondents.count(),
            "questions": self.survey.questions.count(),
            "answers": len(answers),
            "selections": sum(len(s.selections) for s in parsed.sources),
            "codings": codings,
            "memos": memos,
            "coders": sorted(u.username for u in self.coders.values() if u is not None),
            "external_coders": sorted(self.new_coders),
            "missing_texts": missing,
            "skipped": parsed.skipped,
            "warnings": self.warnings,
        }

    # Coders -----------------------------------------------------------------------------------
    def coder(self, guid):
        if guid in self.coders:
            return self.coders[guid] or self.fallback()
        name, ident = self.parsed.users.get(guid, ("", ""))
        user = self._external(name, ident) if (name or ident) else None
        self.coders[guid] = user
        return user or self.fallback()

    def fallback(self):
        """Who codings and notes without a known user belong to: an inactive account named
        "Ukjent koder" (never the importing admin, whom a crafted file could otherwise credit)."""
        if self.coders.get("") is None:
            unknown = get_user_model().objects.filter(username="ukjent-koder", is_active=False).first()
            self.coders[""] = unknown or self._external("Ukjent koder", "ukjent-koder")
        return self.coders[""]

    def _external(self, name, ident):
        User = get_user_model()
        base = (slugify(ident or name) or "ekstern")[:140]
        username, n = base, 2
        while User.objects.filter(username__iexact=username).exists():
            username, n = f"{base}-{n}", n + 1
        first, _sep, last = (name or ident).strip().partition(" ")
        user = User(username=username, first_name=first[:150], last_name=last[:150], is_active=False)
        user.set_unusable_password()
        user.save()
        self.new_coders.append(username)
        return user

    # Respondents and answers -------------------------------------------------------------------
    def _question(self, source, cache):
        code, text = FOREIGN_QUESTION_CODE, FOREIGN_QUESTION_TEXT
        if self.ours and source.values.get(QUESTION_VARIABLE):
            code = source.values[QUESTION_VARIABLE][:20]
            text = source.values.get(QUESTION_TEXT_VARIABLE) or code
        if code not in cache:
            cache[code] = Question.objects.create(
                survey=self.survey, code=code, text=text, kind=Question.Kind.OPEN, order=len(cache) + 1
            )
        return cache[code]

    def _municipality(self, number, name):
        if self.municipalities is None:  # all of them once (a few hundred rows), not one query per case
            self.municipalities = {"number": {}, "name": {}}
            for m in Municipality.objects.order_by("id"):
                if m.number:
                    self.municipalities["number"][m.number] = m
                current = self.municipalities["name"].get(m.name_key)
                if current is None or current.valid_to is not None:  # a current municipality wins
                    self.municipalities["name"][m.name_key] = m
        return self.municipalities["number"].get(number) or self.municipalities["name"].get(name_key(name))

    def _group(self, name):
        name = name[:160]
        if name not in self.groups:
            self.groups[name], _created = MunicipalityGroup.objects.get_or_create(survey=self.survey, name=name)
        return self.groups[name]

    def _respondent(self, key, values, taken):
        """An unsaved Respondent for a case (its variables) or for a source without a case."""
        attributes = {}
        lowered = {k.lower(): v for k, v in values.items()}
        municipality = None
        if lowered.get("kommunenummer") or lowered.get("kommune"):
            municipality = self._municipality(lowered.get("kommunenummer", ""), lowered.get("kommune", ""))
            if municipality is None and lowered.get("kommune"):
                attributes["kommune"] = lowered["kommune"]
        group = self._group(lowered["kommunegruppe"]) if lowered.get("kommunegruppe") else None
        if lowered.get("fylke"):
            attributes["fylke"] = lowered["fylke"]
        for name, value in values.items():
            if name.lower() in CASE_FIELDS or name in (QUESTION_VARIABLE, QUESTION_TEXT_VARIABLE):
                continue
            if self.ours and name.startswith(QUESTION_VARIABLE + " "):
                self.parsed.skip("graded_values")  # our own graded answers: shown to other tools only
                continue
            attributes[name] = value
        return Respondent(
            survey=self.survey,
            external_key=unique_name(key, taken, 120),
            municipality=municipality,
            group=group,
            attributes=attributes,
        )

    def _answers(self):
        """{source guid: (Answer, normalised text or None, position map)}, [names of missing texts].

        Respondents and answers are decided first and written with two bulk inserts."""
        parsed, taken = self.parsed, set()
        self.municipalities, self.groups = None, {}
        case_of, by_case = {}, {}
        respondents = []
        for number, case in enumerate(parsed.cases, start=1):
            respondent = self._respondent(case.name or f"Case {number}", case.values, taken)
            by_case[case.guid] = respondent
            respondents.append(respondent)
            for guid in case.sources:
                case_of.setdefault(guid, case.guid)
        source_sets = defaultdict(list)
        for item in parsed.sets:
            if item.sources and not item.codes:
                for guid in item.sources:
                    source_sets[guid].append(item.name)
        questions, used, planned, missing = {}, set(), [], []
        for source in parsed.sources:
            question = self._question(source, questions)
            respondent = by_case.get(case_of.get(source.guid))
            if respondent is None or (id(respondent), question.code) in used:
                template = respondent
                respondent = self._respondent(source.name or source.guid, {}, taken)
                if template is not None:
                    respondent.municipality, respondent.group = template.municipality, template.group
                    respondent.attributes = dict(template.attributes)
                respondents.append(respondent)
            if source_sets.get(source.guid):
                respondent.attributes["sett"] = "; ".join(source_sets[source.guid])
            used.add((id(respondent), question.code))
            if source.text is None:
                missing.append(source.name or source.guid)
                text, position = "", None
            else:
                text, position = normalise(source.text)
            planned.append((source, respondent, question, text, position))
        Respondent.objects.bulk_create(respondents)
        created = Answer.objects.bulk_create(
            [
                Answer(respondent=respondent, question=question, text=text)
                for _s, respondent, question, text, _p in planned
            ]
        )
        answers = {
            source.guid: (answer, None if source.text is None else text, position)
            for (source, _r, _q, text, position), answer in zip(planned, created, strict=True)
        }
        return answers, missing

    # Codings ------------------------------------------------------------------------------------
    def _codings(self, answers):
        wanted, seen, unknown = [], set(), 0
        for source in self.parsed.sources:
            answer, text, position = answers[source.guid]
            items = [(None, None, c, source.user) for c in source.codings]
            for selection in source.selections:
                start, end = selection.start, selection.end
                if self.ours and selection.name == WHOLE_ANSWER and start == 0 and (text is None or end >= len(text)):
                    start = end = None
                elif text is not None:
                    start, end = position(max(start, 0)), min(position(max(end, 0)), len(text))
                if start is not None and end <= start:
                    self.warnings.append(
                        _("A selection in %(source)s lies outside the text and was skipped.") % {"source": source.name}
                    )
                    continue
                items += [(start, end, c, selection.user) for c in selection.codings]
            for start, end, coding, fallback_user in items:
                code = self.codes.get(coding.code)
                if code is None:
                    unknown += 1
                    continue
                coder = self.coder(coding.user or fallback_user)
                key = (answer.id, code.id, coder.id, start, end)
                if key not in seen:
                    seen.add(key)
                    wanted.append(Coding(answer_id=answer.id, code_id=code.id, coder_id=coder.id, start=start, end=end))
        if unknown:
            self.parsed.skip("codings_unknown_code", unknown)
        Coding.objects.bulk_create(wanted)
        return len(wanted)

    # Memos --------------------------------------------------------------------------------------
    def _memos(self, answers):
        parsed = self.parsed
        targets = defaultdict(list)  # note guid -> [("answer"|"code"|"category", object)]
        selection_answer = {}
        for source in parsed.sources:
            answer = answers[source.guid][0]
            for note in source.notes:
                targets[note].append(("answer", answer))
            for selection in source.selections:
                selection_answer[selection.guid] = answer
                for note in selection.notes:
                    targets[note].append(("answer", answer))
        for item in parsed.sets:
            category = self.categories.get(item.guid)
            for note in item.notes if category else []:
                targets[note].append(("category", category))
        answer_of = {guid: value[0] for guid, value in answers.items()} | selection_answer
        for origin, target in parsed.links:
            for note, other in ((origin, target), (target, origin)):
                if other in self.codes:
                    targets[note].append(("code", self.codes[other]))
                elif other in answer_of:
                    targets[note].append(("answer", answer_of[other]))
                elif other in self.categories:
                    targets[note].append(("category", self.categories[other]))
        wanted, loose = [], []
        for note in parsed.notes:
            text = (note.text or "").replace("\r\n", "\n").replace("\r", "\n")
            found = {(kind, obj.pk): (kind, obj) for kind, obj in targets.get(note.guid, [])}
            if (
                self.ours
                and note.name == FINDING
                and found
                and all(kind == "category" for kind, _obj in found.values())
            ):
                for _kind, category in found.values():
                    category.finding = text
                    category.save(update_fields=["finding"])
                continue
            if not found:
                loose.append(f"{note.name}\n{text}".strip())
                continue
            for kind, obj in found.values():
                wanted.append(Memo(author=self.coder(note.user), text=text or note.name, **{kind: obj}))
        for source in parsed.sources:  # descriptions of sources and selections are memos on the answer
            answer = answers[source.guid][0]
            for description, user in [(source.description, source.user)] + [
                (s.description, s.user) for s in source.selections
            ]:
                if description.strip():
                    wanted.append(Memo(author=self.coder(user), answer=answer, text=description))
        Memo.objects.bulk_create(_one_per_answer_and_author(wanted))
        if loose:
            heading = _("Notes from the imported project")
            self.survey.description = "\n\n".join(filter(None, [self.survey.description, heading, *loose]))
            self.survey.save(update_fields=["description"])
        self.parsed.skip("notes_unattached", len(loose))
        return len(wanted)


def _one_per_answer_and_author(memos):
    """An author has one memo per answer: the project's notes on one answer by one user are
    joined, in the file's order, into one memo (codes and categories may have several)."""
    kept, by_key = [], {}
    for memo in memos:
        if memo.answer is None:
            kept.append(memo)
            continue
        key = (memo.answer.pk, memo.author.pk)
        if key in by_key:
            by_key[key].text = f"{by_key[key].text}\n\n{memo.text}"
        else:
            by_key[key] = memo
            kept.append(memo)
    return kept
