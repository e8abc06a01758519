"""Queries behind the coding workspace: the answer list's filters and search, the answer's
highlighted text, navigation between answers, progress and the coder's recent codes.

Nothing here builds an ORM lookup from a key a user typed: every filter is a
form field with a fixed meaning, and attribute keys are matched as values through a JSON
key transform, restricted to keys that exist in the survey's data.
"""


from html import escape as escape_html

from django import forms
from django.core.cache import cache, caches
from django.db import connection
from django.db.models import Exists, OuterRef, Q, TextField
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from coding import counts, layers
from coding.models import Category, Code, Coding
from coding.workspace import search, written_forms
from surveys.models import Answer, Municipality, MunicipalityGroup, Question, Respondent

SEARCH_CONFIG = "norwegian"
MARK_OPEN, MARK_CLOSE = "\x01", "\x02"  # headline markers, replaced after escaping
# ts_headline drops what looks like an HTML tag; hide the angle brackets from it and restore them.
LT, GT = "\x03", "\x04"

CODED_CHOICES = [
    ("", _("Any")),
    ("me", _("Coded by me")),
    ("not_me", _("Not coded by me")),
    ("anyone", _("Coded by anyone")),
    ("nobody", _("Not coded by anyone")),
    ("changed", _("Changed since coded")),
]
UNIT_CHOICES = [("", _("Any")), ("alone", _("Alone")), ("group", _("In a municipality group"))]


def uses_fts():
    return connection.vendor == "postgresql"


RELATED = ("question__survey", "respondent__municipality", "respondent__group")
# What a row of the answer list shows: no JSON columns (attributes, scale labels, choices) to
# decode for 25 rows that never show them.
LIST_FIELDS = ("text", "needs_review", "question__code", "question__order", "respondent__external_key",
               "respondent__municipality__name", "respondent__group__name")


def survey_answers(survey):
    """The survey's free-text answers with content: what the workspace codes."""
    return Answer.objects.textual().filter(question__survey=survey)


# --------------------------------------------------------------------------- the answer list
def list_answers(question_ids):
    """The answers the list shows: `survey_answers` read through the survey's free-text
    question ids (the form has them), so no join to the questions is needed to filter."""
    return Answer.objects.filter(question_id__in=question_ids).with_text()


def list_order(question_ids):
    """The list's default order: question by question (questionnaire order), then import order.
    When the questions' ids follow the questionnaire (they do unless questions were reordered
    after the import) that is (question_id, id), which the answer_question_then_id index reads
    in order: the first page reads 26 rows instead of sorting all 38,000."""
    if list(question_ids) == sorted(question_ids):
        return ("question_id", "id")
    return ("question__order", "question_id", "id")


def survey_municipalities(survey):
    return Municipality.objects.filter(
        Q(pk__in=Respondent.objects.filter(survey=survey).values("municipality"))
        | Q(pk__in=MunicipalityGroup.members.through.objects.filter(municipalitygroup__survey=survey)
            .values("municipality"))
    )


FACTS_TTL = 10 * 60


def survey_facts(survey):
    """What only an import changes, memoised until the next finished import (or FACTS_TTL):
    the number of free-text answers, the municipalities and counties the filters offer and the
    attribute keys. Without it every page scanned every respondent three times and counted
    every answer. Kept in the process's memory and in the database's shared cache, where the
    import that changed them put them (`remember_survey_facts`): the first list page after an
    import, in whichever web process, reads them instead of counting 38,000 answers."""
    key = _facts_key(survey)
    facts = cache.get(key)
    if facts is None:
        facts = caches["shared"].get(key)
        if facts is None:
            facts = _read_facts(survey)
            caches["shared"].set(key, facts, FACTS_TTL)
        cache.set(key, facts, FACTS_TTL)
    return facts


def remember_survey_facts(survey):
    """Read the survey's facts now and keep them in the shared cache (inside an import's
    transaction: they are kept only if the import is)."""
    caches["shared"].set(_facts_key(survey), _read_facts(survey), FACTS_TTL)


def _facts_key(survey):
    return f"answer-list-facts:{survey.pk}@{survey.created_at.timestamp()}:{counts.import_mark(survey)}"


def _read_facts(survey):
    municipalities = survey_municipalities(survey)
    return {
        "total": survey_answers(survey).count(),
        "municipalities": list(municipalities.order_by("name").values_list("pk", "name")),
        "counties": list(municipalities.exclude(county="").order_by("county")
                         .values_list("county", flat=True).distinct()),
        "attribute_keys": survey.respondents.attribute_keys(),
    }


def answer_to_code(slug, answer_id):
    """A free-text answer of the survey `slug`, with its question's survey, in one query (or
    404): what applying a code needs (the text for spans and the fragment) and no more."""
    answers = (Answer.objects.textual().filter(question__survey__slug=slug)
               .select_related("question__survey").only("text", "question__survey"))
    return get_object_or_404(answers, pk=answer_id)


class AnswerFilterForm(forms.Form):
    q = forms.CharField(label=_("Search the answers"), required=False, max_length=200)
    question = forms.ModelChoiceField(label=_("Question"), queryset=Question.objects.none(), required=False,
                                      empty_label=_("All questions"))
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=Municipality.objects.none(),
                                          required=False, empty_label=_("All municipalities"))
    county = forms.ChoiceField(label=_("County"), required=False)
    unit = forms.ChoiceField(label=_("Took part"), choices=UNIT_CHOICES, required=False)
    attribute = forms.ChoiceField(label=_("Attribute"), required=False)
    value = forms.CharField(label=_("Attribute value"), required=False, max_length=200)
    coded = forms.ChoiceField(label=_("Coded"), choices=CODED_CHOICES, required=False)
    code = forms.ModelChoiceField(label=_("Code"), queryset=Code.objects.none(), required=False,
                                  empty_label=_("Any code"))
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none(), required=False,
                                      empty_label=_("Any category"))

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.facts = survey_facts(survey)
        self.fields["question"].queryset = survey.questions.textual().order_by("order", "id")
        self.fields["question"].label_from_instance = lambda q: f"{q.code}. {q.text[:80]}"
        if self.is_bound and self.data.get("municipality"):  # only a chosen one is looked up
            self.fields["municipality"].queryset = Municipality.objects.filter(
                pk__in=[pk for pk, _name in self.facts["municipalities"]])
        self.fields["county"].choices = [("", _("All counties"))] + [(c, c) for c in self.facts["counties"]]
        self.fields["attribute"].choices = [("", _("No attribute"))] + [(k, k) for k in self.facts["attribute_keys"]]
        self.fields["code"].queryset = survey.codes.order_by("name")
        self.fields["category"].queryset = survey.categories.order_by("order", "id")

    @cached_property
    def question_rows(self):
        """[(pk, code, text)] of the survey's free-text questions in questionnaire order: one
        query that serves both the question choices and the list's order (`list_order`)."""
        return list(self.fields["question"].queryset.values_list("pk", "code", "text"))

    def select_fields(self):
        """[(bound field, options HTML)] for the template to write out. Model choices come from
        values_list (no model instances, no COUNT), the municipalities from the survey's facts
        (kept until the next import), and the options are joined here: 300 codes through the
        template language cost more than every query of the page."""
        out = []
        for name, field in self.fields.items():
            if name in ("q", "value"):
                continue
            if name == "question":
                rows = [(pk, f"{code}. {text[:80]}") for pk, code, text in self.question_rows]
            elif name == "municipality":
                rows = self.facts["municipalities"]
            elif isinstance(field, forms.ModelChoiceField):
                rows = list(field.queryset.values_list("pk", "name"))
            else:
                out.append((self[name], options_html(field.choices, self[name].value())))
                continue
            out.append((self[name], options_html([("", field.empty_label), *rows], self[name].value())))
        return out

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    def clean_value(self):
        return self.cleaned_data["value"].strip()


def options_html(choices, current):
    """<option>s for `choices` [(value, label)], the one equal to `current` selected; every
    value and label escaped (html.escape: format_html per option cost more than the queries)."""
    current = "" if current is None else str(current)
    return mark_safe("".join(  # every value and label escaped
        f'<option value="{escape_html(str(value))}"{" selected" if str(value) == current else ""}>'
        f"{escape_html(str(label))}</option>" for value, label in choices))


def apply_filters(answers, data, *, survey, user):
    """Narrow `answers` by a validated filter form's cleaned data. Returns (answers, query)
    where query is the search query object (PostgreSQL) or text (SQLite), or None."""
    if data.get("question"):
        answers = answers.filter(question=data["question"])
    if data.get("municipality"):
        m = data["municipality"]
        answers = answers.filter(Q(respondent__municipality=m) | Q(respondent__group__in=m.groups.all()))
    if data.get("county"):
        county = data["county"]
        answers = answers.filter(
            Q(respondent__municipality__county=county)
            | Q(respondent__group__in=MunicipalityGroup.objects.filter(members__county=county))
        )
    if data.get("unit") == "alone":
        answers = answers.filter(respondent__group__isnull=True)
    elif data.get("unit") == "group":
        answers = answers.filter(respondent__group__isnull=False)
    if data.get("attribute"):
        answers = answers.alias(attribute_value=Cast(KeyTextTransform(data["attribute"], "respondent__attributes"),
                                                     TextField()))
        answers = answers.filter(attribute_value=data.get("value", "")) if data.get("value") else \
            answers.filter(attribute_value__isnull=False)
    visible = layers.visible_codings(user, survey, Coding.objects.filter(answer=OuterRef("pk")))
    mine = Coding.objects.filter(answer=OuterRef("pk"), coder=user)
    coded = data.get("coded")
    if coded == "me":
        answers = with_coding(answers, survey, user, coder=user)
    elif coded == "not_me":
        answers = answers.filter(~Exists(mine))
    elif coded == "anyone":
        answers = with_coding(answers, survey, user)
    elif coded == "nobody":
        answers = answers.filter(~Exists(visible))
    elif coded == "changed":
        answers = answers.filter(needs_review=True)
    if data.get("code"):
        answers = with_coding(answers, survey, user, code=data["code"])
    if data.get("category"):
        answers = with_coding(answers, survey, user, code__placements__category=data["category"])
    query = None
    if data.get("q"):
        if uses_fts():
            query = written_forms.search_query(data["q"], SEARCH_CONFIG)  # Bokmål and Nynorsk forms
            answers = answers.alias(search=_search_vector()).filter(search=query).alias(rank=search_rank(query))
        else:  # SQLite: the same folding and stemming in Python (coding/workspace/search.py)
            query = data["q"]
            answers = search.filter_answers(answers, query)
    return answers, query


SPARSE_CODINGS = 2000


def with_coding(answers, survey, user, **narrow):
    """The answers that hold a coding `user` may see, narrowed by `narrow` (coder, code,
    category). Few such codings in the survey (one just imported, one code): their answers are
    read once as a list, `id IN (…)`, so counting the matches does not probe every answer of
    the survey. Many: a probe per answer (EXISTS) in the list's order finds a page and the
    capped count at once, where reading a list of 150,000 codings would not. One capped count
    of the codings decides."""
    codings = layers.visible_codings(user, survey, Coding.objects.filter(**narrow))
    in_survey = codings.filter(code__survey=survey)
    if in_survey.order_by()[:SPARSE_CODINGS].count() < SPARSE_CODINGS:
        return answers.filter(pk__in=in_survey.values("answer_id"))
    return answers.filter(Exists(codings.filter(answer=OuterRef("pk"))))


def _search_vector():
    """The stored, GIN-indexed tsvector (surveys migration 0004): no per-row to_tsvector."""
    from django.contrib.postgres.search import SearchVectorField
    from django.db.models.expressions import RawSQL

    return RawSQL('"surveys_answer"."search_nb"', (), output_field=SearchVectorField())


def search_rank(query):
    """How well an answer matches a PostgreSQL search query (the list's order)."""
    from django.contrib.postgres.search import SearchRank

    return SearchRank(_search_vector(), query)


def headlines(answer_ids, query):
    """{answer_id: safe HTML excerpt with <mark>ed matches} for one page of results."""
    if not answer_ids or query is None:
        return {}
    if uses_fts():
        from django.contrib.postgres.search import SearchHeadline
        from django.db.models import F, Value
        from django.db.models.functions import Replace

        shielded = Replace(Replace(F("text"), Value("<"), Value(LT)), Value(">"), Value(GT))
        rows = Answer.objects.filter(pk__in=answer_ids).annotate(
            headline=SearchHeadline(shielded, query, config=SEARCH_CONFIG, start_sel=MARK_OPEN,
                                    stop_sel=MARK_CLOSE, max_words=40, min_words=20, max_fragments=2,
                                    fragment_delimiter=" … ")
        ).values_list("pk", "headline")
        return {pk: marked_html(headline) for pk, headline in rows}
    texts = Answer.objects.filter(pk__in=answer_ids).values_list("pk", "text")
    return {pk: stemmed_html(text, query) for pk, text in texts}


def marked_html(headline):
    """Escape the whole excerpt first, then turn the markers into <mark>: the answer's own
    text can never become markup."""
    safe = escape(headline.replace(LT, "<").replace(GT, ">"))
    return SafeString(safe.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


def stemmed_html(text, query, limit=300):
    """The text (shortened) with the words the query finds (by their stem) marked, escaped."""
    parts, tail = search.marked_words(text, query)
    if len(text) > limit and parts:
        first = parts[0][0]
        parts[0] = ("…" + first[-80:] if len(first) > 80 else first, parts[0][1])
    html = format_html_join("", "{}<mark>{}</mark>", parts)
    return SafeString(html + escape(tail[:limit]) + ("…" if len(tail) > limit else ""))


# --------------------------------------------------------------------------- one answer
def segments(text, codings):
    """Split `text` at every span boundary. Returns [{"text", "start", "codings"}] where
    codings are the span codings covering that piece (overlaps give several)."""
    spans = [c for c in codings if c.start is not None and c.end <= len(text)]
    cuts = sorted({0, len(text), *(c.start for c in spans), *(c.end for c in spans)})
    pieces = []
    for begin, end in zip(cuts, cuts[1:], strict=False):
        covering = [c for c in spans if c.start <= begin and end <= c.end]
        pieces.append({"text": text[begin:end], "start": begin, "codings": covering,
                       "depth": min(len(covering), 3),
                       "names": ", ".join(sorted({c.code.name for c in covering}))})
    return pieces


def navigation_questions(survey):
    return list(survey.questions.textual().order_by("order", "id").values_list("pk", flat=True))


def step(survey, answer, direction, user):
    """The answer after (or before) `answer` in the workspace order (question by question,
    then import order), or the next one not coded by `user` ("uncoded"). None at the end."""
    base = survey_answers(survey)
    if direction == "uncoded":
        base = base.exclude(Exists(Coding.objects.filter(answer=OuterRef("pk"), coder=user)))
    backwards = direction == "prev"
    question_ids = navigation_questions(survey)
    if answer.question_id not in question_ids:
        return None
    here = question_ids.index(answer.question_id)
    same = base.filter(question_id=answer.question_id)
    found = (same.filter(pk__lt=answer.pk).order_by("-pk") if backwards
             else same.filter(pk__gt=answer.pk).order_by("pk")).select_related(*RELATED).first()
    if found:
        return found
    rest = question_ids[:here][::-1] if backwards else question_ids[here + 1:]
    if direction == "uncoded":  # wrap around to the start
        rest = rest + question_ids[: here + 1]
    for question_id in rest:
        found = base.filter(question_id=question_id).order_by("-pk" if backwards else "pk").select_related(
            *RELATED).first()
        if found:
            return found
    return None


def recent_codes(survey, user, limit=9):
    """The codes `user` applied most recently, newest first (keys 1–9). One query."""
    recent, seen = [], set()
    rows = (Coding.objects.filter(coder=user, code__survey=survey).order_by("-pk")
            .values_list("code_id", "code__name", "code__colour")[:200])
    for code_id, name, colour in rows:
        if code_id not in seen:
            seen.add(code_id)
            recent.append(Code(pk=code_id, name=name, colour=colour, survey=survey))
            if len(recent) == limit:
                break
    return recent


def progress(survey, user):
    answers = survey_answers(survey)
    total = survey_facts(survey)["total"]  # only an import changes it
    mine = answers.filter(Exists(Coding.objects.filter(answer=OuterRef("pk"), coder=user))).count()
    anyone = None
    if layers.sees_all_layers(user, survey):
        anyone = answers.filter(Exists(Coding.objects.filter(answer=OuterRef("pk")))).count()
    return {"total": total, "mine": mine, "anyone": anyone}


def code_paths(codes):
    """{code_id: "Parent › Child"} for a list of codes (parents looked up in the same list)."""
    by_id = {c.pk: c for c in codes}
    paths = {}
    for code in codes:
        names, node, seen = [], code, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            names.append(node.name)
            node = by_id.get(node.parent_id)
        paths[code.pk] = " › ".join(reversed(names))
    return paths
