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
    SYSTEM_USER_GUID,
    WHOLE_ANSWER,
    normalise,
)
from coding.refi.survey_file import split_choices
from coding.refi_import.codes import plan_codes, save_plan, unique_name
from coding.refi_import.reading import norm_guid
from surveys.models import Answer, Municipality, MunicipalityGroup, Question, Respondent
from surveys.text import name_key

CASE_FIELDS = {"kommune", "kommunenummer", "kommunegruppe", "fylke"}
SET_ATTRIBUTE = "sett"  # the respondent attribute listing the document groups (sets of sources) of its texts


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
        self.questions = self._questions()
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
            "graded_answers": self.graded_answers,
            "attributes": self.attributes,
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
        if self.ours and guid == SYSTEM_USER_GUID:  # stands for "nobody recorded", never a coder
            return self.fallback()
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

    # Questions, respondents and answers ---------------------------------------------------------
    def _questions(self):
        """{code: Question} of our own export's veiledning.json, created in its order with their
        stems; {} for other projects (their sources make one open question, see _question)."""
        data = self.parsed.survey_file if self.ours else None
        if not data:
            return {}
        survey = self.survey
        survey.period = data["survey"]["period"] or survey.period
        survey.respondent_kind = data["survey"]["respondent_kind"] or survey.respondent_kind
        survey.save(update_fields=["period", "respondent_kind"])
        fields = ("text", "kind", "scale_min", "scale_max", "scale_labels", "not_applicable_labels", "options")
        created = Question.objects.bulk_create([
            Question(survey=survey, code=item["code"], order=number, **{f: item[f] for f in fields})
            for number, item in enumerate(data["questions"], start=1)
        ])
        questions = {q.code: q for q in created}
        stems = []
        for item in data["questions"]:
            parent = questions.get(item["parent"] or "")
            if parent is not None and parent.code != item["code"]:
                questions[item["code"]].parent = parent
                stems.append(questions[item["code"]])
        Question.objects.bulk_update(stems, ["parent"])
        for link in data["links"]:
            category = self.categories.get(norm_guid(link["set"]))
            linked = [questions[c] for c in link["questions"]
                      if c in questions and questions[c].kind == Question.Kind.LIKERT]
            if category is not None and linked:
                category.questions.add(*linked)
        return questions

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
        """An unsaved Respondent for a case (its variables) or for a source without a case; the
        case's graded answers (our own export) are kept in self.graded for _answers."""
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
        graded = []
        for name, value in values.items():
            if name.lower() in CASE_FIELDS or name in (QUESTION_VARIABLE, QUESTION_TEXT_VARIABLE):
                continue
            if self.ours and name.startswith(QUESTION_VARIABLE + " "):
                question = self.questions.get(name[len(QUESTION_VARIABLE) + 1:])
                if question is not None and question.kind != Question.Kind.OPEN:
                    graded.append((question, value))
                else:  # an export without veiledning.json: its graded answers are for other tools
                    self.parsed.skip("graded_values")
                continue
            attributes[name] = value
        respondent = Respondent(
            survey=self.survey,
            external_key=unique_name(key, taken, 120),
            municipality=municipality,
            group=group,
            attributes=attributes,
        )
        self.graded[id(respondent)] = graded
        return respondent

    def _graded_answer(self, respondent, question, value):
        """The Answer a case variable holds, or None (with a warning) when it cannot be read."""
        if question.kind == Question.Kind.LIKERT:
            try:
                number = int(value.strip())
            except ValueError:
                number = None
            if number is None or not -32768 <= number <= 32767:
                self.warnings.append(_("%(key)s: the value %(value)s of question %(code)s is not a whole number "
                                       "and was skipped.") % {"key": respondent.external_key, "value": value[:40],
                                                              "code": question.code})
                return None
            return Answer(respondent=respondent, question=question, number=number)
        return Answer(respondent=respondent, question=question, choices=split_choices(value, question.options))

    def _answers(self):
        """{source guid: (Answer, normalised text or None, position map)}, [names of missing texts].

        Respondents and answers are decided first and written with two bulk inserts."""
        parsed, taken = self.parsed, set()
        self.municipalities, self.groups, self.graded = None, {}, {}
        case_of, by_case = {}, {}
        respondents = []
        for number, case in enumerate(parsed.cases, start=1):
            respondent = self._respondent(case.name or f"Case {number}", case.values, taken)
            by_case[case.guid] = respondent
            respondents.append(respondent)
            for guid in case.sources:
                case_of.setdefault(guid, case.guid)
        source_groups = source_set_attributes(parsed.sets)
        questions, used, planned, missing = dict(self.questions), set(), [], []
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
            for name, value in source_groups.get(source.guid, {}).items():
                respondent.attributes[name] = _joined(respondent.attributes.get(name), value)
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
        self.graded_answers = self._save_graded(respondents, by_case)
        self.attributes = sorted({key for r in respondents for key in r.attributes})
        answers = {
            source.guid: (answer, None if source.text is None else text, position)
            for (source, _r, _q, text, position), answer in zip(planned, created, strict=True)
        }
        return answers, missing

    def _save_graded(self, respondents, by_case):
        """The graded and choice answers of our own export (case variables, and the "not
        applicable" answers veiledning.json lists), in one insert; returns how many."""
        wanted = {}
        for respondent in respondents:
            for question, value in self.graded.get(id(respondent), []):
                answer = self._graded_answer(respondent, question, value)
                if answer is not None:
                    wanted[(id(respondent), question.code)] = answer
        for item in (self.parsed.survey_file or {}).get("not_applicable", []) if self.ours else []:
            respondent, question = by_case.get(norm_guid(item["case"])), self.questions.get(item["question"])
            if respondent is not None and question is not None and question.kind != Question.Kind.OPEN:
                wanted[(id(respondent), question.code)] = Answer(
                    respondent=respondent, question=question, not_applicable=True, text=item["label"])
        Answer.objects.bulk_create(wanted.values())
        return len(wanted)

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
                and (note.name == FINDING or note.name.startswith(f"{FINDING} – "))
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


def source_set_attributes(sets):
    """{source guid: {attribute: value}} from the sets that hold sources and no codes (ATLAS.ti's
    document groups, NVivo's sets): a set named "gender: female" gives the attribute gender =
    female (ATLAS.ti writes its document variables so); the others are listed under "sett"."""
    out = defaultdict(dict)
    for item in sets:
        if not item.sources or item.codes:
            continue
        name, colon, value = item.name.partition(":")
        name, value = name.strip(), value.strip()
        if not (colon and name and value and len(name) <= 60):
            name, value = SET_ATTRIBUTE, item.name
        for guid in item.sources:
            out[guid][name] = _joined(out[guid].get(name), value)
    return out


def _joined(current, value):
    """An attribute that several sets give one respondent: the values in order, once each."""
    values = current.split("; ") if current else []
    return "; ".join(values + [v for v in value.split("; ") if v not in values])
