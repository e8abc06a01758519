"""A survey as a REFI-QDA project (`.qdpx`: `project.qde` + `Sources/*.txt`) or codebook (`.qdc`).

Everything is built in memory. Text in the XML passes through `xml_text`, which drops the
characters XML 1.0 forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF; lone
surrogates); lxml escapes `&`, `<`, `>` (so `]]>` is harmless) and writes UTF-8, emoji included.
Answer texts travel unaltered apart from line endings (CRLF and CR become LF) in `Sources/*.txt`,
so they keep even the characters the XML may not hold; positions count code points in that text.
"""

import io
import json
import zipfile
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from lxml import etree

from coding.layers import sees_all_layers, visible_codings
from coding.models import Category, Code, Memo
from coding.refi import (
    CODEBOOK_NS,
    CODEBOOK_SCHEMA,
    FINDING,
    MEMO,
    ORIGIN,
    PROJECT_NS,
    PROJECT_SCHEMA,
    QUESTION_TEXT_VARIABLE,
    QUESTION_VARIABLE,
    SURVEY_FILE,
    SYSTEM_USER_GUID,
    WHOLE_ANSWER,
    XSI,
    RefiError,
    guid_for,
    normalise,
)
from coding.refi.survey_file import build_survey_file
from coding.refi.writing import (
    add_codes,
    add_sets,
    finding_authors,
    first_line,
    sub_element,
    timestamp,
    unique,
    xml_text,
)
from surveys.models import Answer, Question

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so two exports of the same survey are byte-identical


def _variable_text(value):
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def build_codebook(survey):
    """The `.qdc` XML bytes: codes (nested) and categories as sets."""
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{CODEBOOK_NS} {CODEBOOK_SCHEMA}")
    root.set("origin", ORIGIN)
    codes = list(Code.objects.filter(survey=survey).order_by("name", "id"))
    if not codes:
        raise RefiError(_("The survey has no codes to export."), code="no_codes")
    add_codes(root, CODEBOOK_NS, codes)
    add_sets(root, CODEBOOK_NS, Category.objects.filter(survey=survey).prefetch_related("placements"), "guid")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


class ProjectBuilder:
    """Collects the survey's rows with a fixed number of queries, then writes the XML.

    What real clients need besides the schema (QualCoder's importer is the strictest reader):
    every Note and every PlainTextSelection names its creating user and creation date; a
    selection holds the codings of one coder only (one per span and coder), so two coders on
    the same span are two selections, not one selection with a duplicate; a memo on an answer
    is a Note with the text span it annotates; findings and the memos on codes and categories
    are text notes (`Sources/<guid>.txt`) with names unique in the project ("Funn – Forankring")."""

    def __init__(self, survey, user=None):
        self.survey = survey
        self.ns = PROJECT_NS
        # Plain rows rather than model instances: a large survey has 38,000 answers, 150,000 codings.
        self.answers = list(
            Answer.objects.textual()
            .filter(question__survey=survey)
            .order_by("question__order", "question_id", "respondent__external_key")
            .values_list(
                "id",
                "text",
                "respondent_id",
                "respondent__external_key",
                "question__code",
                "question__text",
                named=True,
            )
        )
        codings = visible_codings(user, survey) if user is not None else survey_codings(survey)
        self.codings = list(
            codings.order_by("answer_id", "start", "coder_id", "code_id", "id").values_list(
                "id", "answer_id", "code_id", "coder_id", "start", "end", "created_at", named=True
            )
        )
        memos = (
            Memo.objects.filter(answer__question__survey=survey)
            | Memo.objects.filter(code__survey=survey)
            | Memo.objects.filter(category__survey=survey)
        )
        if user is not None and not sees_all_layers(user, survey):
            memos = memos.filter(author=user)
        exported = {a.id for a in self.answers}
        self.memos = [
            m for m in memos.select_related("code", "category").order_by("created_at", "id")
            if not m.answer_id or m.answer_id in exported
        ]
        self.categories = list(Category.objects.filter(survey=survey).prefetch_related("placements"))
        self.finding_authors = finding_authors(survey)
        self.texts = {}
        self.guids = {}
        self.not_applicable = []  # (case guid, question code, label) for veiledning.json
        self.questions = []

    def guid(self, kind, pk):
        """guid_for, remembered (codes and coders are referred to again and again)."""
        key = (kind, pk)
        if key not in self.guids:
            self.guids[key] = guid_for(kind, pk)
        return self.guids[key]

    def build(self):
        root = etree.Element(f"{{{self.ns}}}Project", nsmap={None: self.ns, "xsi": XSI})
        root.set(f"{{{XSI}}}schemaLocation", f"{self.ns} {PROJECT_SCHEMA}")
        root.set("name", xml_text(self.survey.title))
        root.set("origin", ORIGIN)
        root.set("creationDateTime", timestamp(self.survey.created_at))
        self._users(root)
        code_notes = defaultdict(list)
        for memo in self.memos:
            if memo.code_id:
                code_notes[memo.code_id].append(guid_for("memo", memo.pk))
        codebook = sub_element(root, "CodeBook", self.ns)
        codes = list(Code.objects.filter(survey=self.survey).order_by("name", "id"))
        if codes:
            add_codes(codebook, self.ns, codes, code_notes=code_notes)
        else:
            root.remove(codebook)
        self._variables_and_cases(root)
        self._sources(root)
        self._notes(root)
        self._sets(root)
        if self.survey.description:
            sub_element(root, "Description", self.ns, self.survey.description)
        return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)

    def survey_file(self):
        links = defaultdict(list)
        for category_id, code in Category.questions.through.objects.filter(
            category__survey=self.survey
        ).order_by("question__order", "question_id").values_list("category_id", "question__code"):
            links[guid_for("category", category_id)].append(code)
        return build_survey_file(self.survey, self.questions, self.not_applicable, links)

    # Users ---------------------------------------------------------------------------------
    def _users(self, root):
        ids = {c.coder_id for c in self.codings} | {m.author_id for m in self.memos}
        ids |= {author for author, _when in self.finding_authors.values() if author}
        people = {u.pk: u for u in get_user_model().objects.filter(pk__in=ids)}
        anonymous_findings = any(
            c.finding.strip() and not self.finding_authors.get(c.id, (None, None))[0] for c in self.categories
        )
        if not people and not anonymous_findings:
            return
        users = sub_element(root, "Users", self.ns)
        for person in sorted(people.values(), key=lambda u: u.username):
            sub_element(
                users,
                "User",
                self.ns,
                guid=guid_for("user", person.pk),
                name=person.get_full_name() or person.username,
                id=person.username,
            )
        if anonymous_findings:  # a finding nobody is recorded as writing (the demo's, an imported one)
            sub_element(users, "User", self.ns, guid=SYSTEM_USER_GUID, name=ORIGIN, id=ORIGIN)

    # Variables and cases -------------------------------------------------------------------
    def _variables_and_cases(self, root):
        survey = self.survey
        respondents = list(survey.respondents.select_related("municipality", "group").order_by("external_key"))
        self.questions = list(survey.questions.select_related("parent").order_by("order", "id"))
        if not respondents and not self.answers and not self.questions:
            return
        fixed = ["Kommune", "Kommunenummer", "Kommunegruppe", "Fylke"]
        attribute_keys = sorted(
            {k for r in respondents for k in r.attributes if k.casefold() not in {f.casefold() for f in fixed}}
        )
        graded = [q for q in self.questions if q.kind != Question.Kind.OPEN]
        variables = [(name, "Text", None) for name in fixed + attribute_keys]
        variables += [
            (f"{QUESTION_VARIABLE} {q.code}", "Integer" if q.kind == Question.Kind.LIKERT else "Text", q.text)
            for q in graded
        ]
        variables += [
            (QUESTION_VARIABLE, "Text", "Spørsmålskoden til svaret (veiledning)"),
            (QUESTION_TEXT_VARIABLE, "Text", "Spørsmålsteksten til svaret (veiledning)"),
        ]
        self.variable_guids = {}
        element = sub_element(root, "Variables", self.ns)
        for name, kind, description in variables:
            guid = guid_for("variable", f"{survey.pk}:{name}")
            self.variable_guids[name] = guid
            variable = sub_element(element, "Variable", self.ns, guid=guid, name=name, typeOfVariable=kind)
            if description:
                sub_element(variable, "Description", self.ns, description)
        if not respondents:
            return
        graded_answers = defaultdict(dict)
        for answer in Answer.objects.filter(question__in=graded).values_list(
            "respondent_id", "question_id", "number", "choices", "not_applicable", "text", named=True
        ):
            graded_answers[answer.respondent_id][answer.question_id] = answer
        sources = defaultdict(list)
        for answer in self.answers:
            sources[answer.respondent_id].append(answer)
        cases = sub_element(root, "Cases", self.ns)
        for respondent in respondents:
            case_guid = guid_for("respondent", respondent.pk)
            case = sub_element(cases, "Case", self.ns, guid=case_guid, name=respondent.external_key)
            m = respondent.municipality
            values = {
                "Kommune": m.name if m else _variable_text(respondent.attributes.get("kommune", "")),
                "Kommunenummer": m.number if m else "",
                "Kommunegruppe": respondent.group.name if respondent.group_id else "",
                "Fylke": respondent.attributes.get("fylke") or (m.county if m else ""),
            }
            values.update({k: _variable_text(v) for k, v in respondent.attributes.items() if k in attribute_keys})
            for name in fixed + attribute_keys:
                if values.get(name):
                    self._value(case, name, "TextValue", values[name])
            for question in graded:
                answer = graded_answers[respondent.id].get(question.id)
                if answer is None:
                    continue
                name = f"{QUESTION_VARIABLE} {question.code}"
                if answer.not_applicable:  # an Integer variable holds no "Ikke deltatt": left empty here
                    self.not_applicable.append((case_guid, question.code, answer.text))
                elif question.kind == Question.Kind.LIKERT and answer.number is not None:
                    self._value(case, name, "IntegerValue", str(answer.number))
                elif question.kind != Question.Kind.LIKERT and answer.choices:
                    self._value(case, name, "TextValue", "; ".join(map(str, answer.choices)))
            for answer in sources[respondent.id]:
                sub_element(case, "SourceRef", self.ns, targetGUID=guid_for("answer", answer.id))

    def _value(self, parent, name, tag, value):
        element = sub_element(parent, "VariableValue", self.ns)
        sub_element(element, "VariableRef", self.ns, targetGUID=self.variable_guids[name])
        sub_element(element, tag, self.ns, value)

    # Sources, selections, codings -----------------------------------------------------------
    def _sources(self, root):
        if not self.answers:
            return
        by_answer = defaultdict(list)
        for coding in self.codings:
            by_answer[coding.answer_id].append(coding)
        answer_notes = defaultdict(list)
        for memo in self.memos:
            if memo.answer_id:
                answer_notes[memo.answer_id].append(memo)
        self.answer_texts = {}
        sources = sub_element(root, "Sources", self.ns)
        coding_tag, code_ref_tag = f"{{{self.ns}}}Coding", f"{{{self.ns}}}CodeRef"
        for answer in self.answers:
            guid = guid_for("answer", answer.id)
            text, position = normalise(answer.text)
            self.texts[f"{answer.id}.txt"] = text
            self.answer_texts[answer.id] = text
            source = sub_element(
                sources,
                "TextSource",
                self.ns,
                guid=guid,
                plainTextPath=f"internal://{answer.id}.txt",
                name=f"{answer.respondent__external_key} – {answer.question__code}",
            )
            selections = defaultdict(list)  # (start, end, coder) -> codings: one selection per span and coder
            for coding in by_answer.get(answer.id, []):
                if coding.start is None:
                    selections[(None, None, coding.coder_id)].append(coding)
                else:
                    start, end = position(coding.start), min(position(coding.end), len(text))
                    if end > start:
                        selections[(start, end, coding.coder_id)].append(coding)
            for key in sorted(selections, key=lambda k: (-1, -1, k[2]) if k[0] is None else k):
                start, end, coder_id = key
                if start is None:
                    start, end, name = 0, len(text), WHOLE_ANSWER
                    sel_key = f"{answer.id}:whole:{coder_id}"
                else:
                    excerpt = text[start:end]
                    name = "«" + (excerpt if len(excerpt) <= 100 else excerpt[:99] + "…") + "»"
                    sel_key = f"{answer.id}:{start}:{end}:{coder_id}"
                codings = selections[key]
                user = self.guid("user", coder_id)
                selection = sub_element(
                    source,
                    "PlainTextSelection",
                    self.ns,
                    guid=guid_for("selection", sel_key),
                    name=name,
                    startPosition=str(start),
                    endPosition=str(end),
                    creatingUser=user,
                    creationDateTime=timestamp(min(c.created_at for c in codings)),
                )
                for coding in codings:  # the hot loop: attributes are GUIDs and timestamps only
                    element = etree.SubElement(
                        selection,
                        coding_tag,
                        {"guid": guid_for("coding", coding.id), "creatingUser": user,
                         "creationDateTime": timestamp(coding.created_at)},
                    )
                    etree.SubElement(element, code_ref_tag, {"targetGUID": self.guid("code", coding.code_id)})
            for memo in answer_notes.get(answer.id, []):
                sub_element(source, "NoteRef", self.ns, targetGUID=guid_for("memo", memo.pk))
            self._value(source, QUESTION_VARIABLE, "TextValue", answer.question__code)
            self._value(source, QUESTION_TEXT_VARIABLE, "TextValue", answer.question__text)

    # Notes ---------------------------------------------------------------------------------
    def _notes(self, root):
        findings = [c for c in self.categories if c.finding.strip()]
        if not self.memos and not findings:
            return
        notes = sub_element(root, "Notes", self.ns)
        taken = set()
        for category in findings:  # a category's finding: a text note "Funn – <category>" in its set
            author, when = self.finding_authors.get(category.id, (None, None))
            self._text_note(
                notes, guid_for("finding", category.pk), f"funn-{category.pk}.txt", f"{FINDING} – {category.name}",
                category.finding, taken,
                user=guid_for("user", author) if author else SYSTEM_USER_GUID,
                when=when or self.survey.created_at,
            )
        for memo in self.memos:
            user = guid_for("user", memo.author_id)
            if memo.answer_id:  # a memo on an answer: a note with the span it annotates (the whole text)
                note = self._note(notes, guid_for("memo", memo.pk), first_line(memo.text, MEMO), memo, user)
                sub_element(note, "PlainTextContent", self.ns, memo.text)
                sub_element(
                    note, "PlainTextSelection", self.ns, guid=guid_for("memo-span", memo.pk), name=WHOLE_ANSWER,
                    startPosition="0", endPosition=str(len(self.answer_texts.get(memo.answer_id, ""))),
                    creatingUser=user, creationDateTime=timestamp(memo.created_at),
                )
            else:
                about = memo.code.name if memo.code_id else memo.category.name
                self._text_note(notes, guid_for("memo", memo.pk), f"notat-{memo.pk}.txt", f"{MEMO} – {about}",
                                memo.text, taken, user=user, when=memo.created_at, memo=memo)

    def _note(self, notes, guid, name, memo, user, **attributes):
        return sub_element(
            notes, "Note", self.ns, guid=guid, name=name, **attributes, creatingUser=user,
            creationDateTime=timestamp(memo.created_at), modifyingUser=user,
            modifiedDateTime=timestamp(memo.updated_at),
        )

    def _text_note(self, notes, guid, file, name, text, taken, *, user, when, memo=None):
        """A note whose text is `Sources/<file>`, under a name no other text note has."""
        name = unique(name, taken)
        self.texts[file] = normalise(text)[0]
        if memo is not None:
            return self._note(notes, guid, name, memo, user, plainTextPath=f"internal://{file}")
        return sub_element(notes, "Note", self.ns, guid=guid, name=name, plainTextPath=f"internal://{file}",
                           creatingUser=user, creationDateTime=timestamp(when))

    def _sets(self, root):
        categories = self.categories
        if not categories:
            return
        category_notes = defaultdict(list)
        for category in categories:
            if category.finding.strip():
                category_notes[category.id].append(guid_for("finding", category.pk))
        for memo in self.memos:
            if memo.category_id:
                category_notes[memo.category_id].append(guid_for("memo", memo.pk))
        add_sets(root, self.ns, categories, "targetGUID", category_notes)


def survey_codings(survey):
    from coding.models import Coding

    return Coding.objects.for_survey(survey)


def build_project(survey, user=None):
    """(project.qde bytes, {file name in Sources/: text}) — `user` limits codings to what they may see."""
    builder = ProjectBuilder(survey, user)
    xml = builder.build()
    return xml, builder.texts


def build_qdpx(survey, user=None):
    """The `.qdpx` zip bytes: project.qde, Sources/ (answers and text notes), veiledning.json."""
    builder = ProjectBuilder(survey, user)
    xml, texts = builder.build(), builder.texts
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # the XML at the highest level: a 38,000-answer project must stay under the upload limit
        archive.writestr(zipfile.ZipInfo("project.qde", ZIP_TIME), xml, zipfile.ZIP_DEFLATED, compresslevel=9)
        archive.writestr(zipfile.ZipInfo(SURVEY_FILE, ZIP_TIME), builder.survey_file(), zipfile.ZIP_DEFLATED)
        for file, text in texts.items():
            archive.writestr(zipfile.ZipInfo(f"Sources/{file}", ZIP_TIME), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
