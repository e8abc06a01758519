"""Database reads for the agreement page, the export and the command: which people can be
compared, the presence triples of one query, the figures with their codes, sample progress."""

from dataclasses import dataclass, field, replace

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q

from coding.models import AgreementSample, Code, Coding
from veiledning import roles


@dataclass
class AnswerSet:
    """Which answers the figures cover: all of the survey's, one sample's, or some questions'."""

    sample: AgreementSample | None = None
    questions: list | None = None
    count_empty: bool = False  # sample answers a coder left without codes mean "no code applies"
    without_suggested: bool = False  # leave out codings that came from accepted suggestions

    def filter(self, codings):
        if self.sample is not None:
            codings = codings.filter(answer__samples=self.sample)
        if self.questions:
            codings = codings.filter(answer__question__in=self.questions)
        if self.without_suggested:
            codings = codings.filter(suggestion__isnull=True)
        return codings


CODE_PERMISSION = Q(groups__name__in=roles.roles_with(roles.CODE))


def may_code():
    """Active people who may code (one query, unlike has_perm per person)."""
    return get_user_model().objects.filter(CODE_PERMISSION, is_active=True).distinct().order_by("username")


def has_coded(survey):
    """An Exists over users: they hold at least one coding in `survey` (an index lookup per
    user, instead of a scan of every coding)."""
    return Exists(Coding.objects.filter(coder=OuterRef("pk"), code__survey=survey))


def coders_of(survey):
    """People who may code, plus anyone who has coded in this survey; each person carries
    `has_coded`."""
    users = get_user_model().objects.annotate(has_coded=has_coded(survey)).filter(
        Q(pk__in=may_code().values("pk")) | Q(has_coded=True)
    )
    return users.order_by("username")


def presence_rows(survey, coder_ids, answer_set):
    """(answer_id, code_id, coder_id) triples in one query, as an int64 array."""
    import numpy as np  # numpy (and krippendorff) load with the first agreement figures, not at start
    # A code belongs to one survey, so `code__survey` picks the survey's codings with one small
    # join. Duplicates (several spans of one code) are left in: the computation counts once.
    codings = answer_set.filter(Coding.objects.filter(code__survey=survey, coder_id__in=coder_ids))
    sql, params = codings.order_by().values_list("answer_id", "code_id", "coder_id").query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Three arrays in one row: much faster to fetch than 150,000 row tuples.
            cursor.execute(f"SELECT array_agg(t.answer_id), array_agg(t.code_id), array_agg(t.coder_id) "
                           f"FROM ({sql}) t", params)
            columns = cursor.fetchone()
            if not columns or columns[0] is None:
                return np.zeros((0, 3), dtype=np.int64)
            return np.column_stack([np.asarray(c, dtype=np.int64) for c in columns])
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return np.array(rows, dtype=np.int64).reshape(-1, 3)


def agreement_for(survey, coders, answer_set):
    """(result, codes): the figures of `coders` on `answer_set`, and the survey's codes in the
    order of `result.codes` (by name)."""
    from coding.agreement.compute import compute
    codes = list(Code.objects.filter(survey=survey).order_by("name").only("id", "name", "colour", "description"))
    coder_ids = [c.id for c in coders]
    rows = presence_rows(survey, coder_ids, answer_set)
    answer_ids = None
    assigned = None
    if answer_set.sample is not None:
        sample_answers = list(answer_set.sample.answers.values_list("id", flat=True))
        if answer_set.questions:
            sample_answers = list(
                answer_set.sample.answers.filter(question__in=answer_set.questions).values_list("id", flat=True)
            )
        answer_ids = sample_answers
        if answer_set.count_empty:
            sample_coders = set(answer_set.sample.coders.values_list("id", flat=True))
            assigned = {cid: sample_answers for cid in coder_ids if cid in sample_coders}
    result = compute(rows, coder_ids=coder_ids, code_ids=[c.id for c in codes], answer_ids=answer_ids,
                     assigned=assigned)
    return result, codes


def suggested_count(survey, coder_ids, answer_set):
    """How many of the compared codings came from accepted suggestions (left out or not)."""
    compared = Coding.objects.filter(code__survey=survey, coder_id__in=coder_ids)
    rows = replace(answer_set, without_suggested=False).filter(compared)
    return rows.filter(suggestion__isnull=False).count()


def samples_with_progress(survey):
    """The survey's samples, each with `.size`, `.coder_list` and `.progress`:
    [(coder, answers coded by them in the sample)] — three queries for any number of samples."""
    samples = list(AgreementSample.objects.filter(survey=survey).annotate(size=Count("answers", distinct=True)))
    through = AgreementSample.coders.through
    assignments = through.objects.filter(agreementsample__in=samples).select_related("user")
    coded = dict(
        ((row["answer__samples"], row["coder"]), row["n"])
        for row in Coding.objects.filter(answer__samples__in=samples)
        .values("answer__samples", "coder")
        .annotate(n=Count("answer", distinct=True))
        .order_by()
    )
    by_sample = {}
    for assignment in assignments:
        by_sample.setdefault(assignment.agreementsample_id, []).append(assignment.user)
    for sample in samples:
        sample.coder_list = sorted(by_sample.get(sample.id, []), key=lambda u: u.username)
        sample.progress = [(c, coded.get((sample.id, c.id), 0)) for c in sample.coder_list]
    return samples


@dataclass
class CardRow:
    code: Code
    cells: list  # per coder: True (applied), False (not applied), None (answer not coded by them)
    disagree: bool
    decision: object = None  # ConsensusDecision or None
    agreed: bool = False  # at least two coders decided, and every one of them applied it
    suggested: list = field(default_factory=list)  # per coder: the coding came from an accepted suggestion


@dataclass
class AnswerCard:
    answer: object
    rows: list
    disagreements: int
    undecided: int = 0  # disagreements without a consensus decision


def answer_cards(survey, coders, answer_ids):
    """The coders' layers side by side for each answer (four queries for any page size)."""
    from coding.models import ConsensusDecision, SuggestionDecision
    from surveys.models import Answer

    answers = Answer.objects.filter(question__survey=survey, id__in=answer_ids).select_related(
        "question", "respondent__municipality", "respondent__group")
    answers = {a.id: a for a in answers}
    codings = (
        Coding.objects.filter(answer_id__in=answer_ids, coder__in=coders, answer__question__survey=survey)
        .select_related("code")
        .annotate(from_suggestion=Exists(SuggestionDecision.objects.filter(
            coding=OuterRef("pk"), decision=SuggestionDecision.Decision.ACCEPTED)))
        .order_by()
    )
    decisions = ConsensusDecision.objects.filter(answer_id__in=answer_ids, code__survey=survey).select_related(
        "code", "decided_by"
    )
    coded, present, codes, suggested = {}, {}, {}, set()
    for coding in codings:
        if coding.from_suggestion:
            suggested.add((coding.answer_id, coding.code_id, coding.coder_id))
        coded.setdefault(coding.answer_id, set()).add(coding.coder_id)
        present.setdefault((coding.answer_id, coding.code_id), set()).add(coding.coder_id)
        codes[coding.code_id] = coding.code
    decided = {}
    for decision in decisions:
        decided[(decision.answer_id, decision.code_id)] = decision
        codes[decision.code_id] = decision.code
    cards = []
    for answer_id in answer_ids:
        if answer_id not in answers:
            continue
        who_coded = coded.get(answer_id, set())
        code_ids = {c for (a, c) in list(present) + list(decided) if a == answer_id}
        rows = []
        for code_id in sorted(code_ids, key=lambda c: codes[c].name.lower()):
            who = present.get((answer_id, code_id), set())
            cells = [(c.id in who) if c.id in who_coded else None for c in coders]
            decided_cells = [cell for cell in cells if cell is not None]
            rows.append(CardRow(code=codes[code_id], cells=cells, disagree=len(set(decided_cells)) > 1,
                                decision=decided.get((answer_id, code_id)),
                                agreed=len(decided_cells) >= 2 and all(decided_cells),
                                suggested=[(answer_id, code_id, c.id) in suggested for c in coders]))
        cards.append(AnswerCard(answer=answers[answer_id], rows=rows, disagreements=sum(r.disagree for r in rows),
                                undecided=sum(r.disagree and r.decision is None for r in rows)))
    return cards
